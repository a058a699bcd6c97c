// SPDX-License-Identifier: GPL-3.0-or-later
// TableEditor: the properties pane of one table: name, colour, description, flags, fields and indexes.
#pragma once

#include "document/changeevent.h"
#include "model/table.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QTableView;

namespace Designer {

class FieldEditor;
class FieldsModel;
class ProjectDocument;

/** Edits one table of a document. Every change is a ChangeTable pushed onto the document's undo stack;
    typing in one box merges into one step (merge keys "name", "description", "field:<id>:<column>").
    Shows the validator's messages about the table under its name. Owned by the properties dock. */
class TableEditor : public QWidget
{
    Q_OBJECT

public:
    explicit TableEditor(ProjectDocument *document, QWidget *parent = nullptr);

    /** Edits the table \a tableId (empty: nothing). */
    void setTableId(const Runtime::ObjectId &tableId);
    Runtime::ObjectId tableId() const { return m_tableId; }
    FieldsModel *fieldsModel() const { return m_fieldsModel; }
    /** Returns the editor of the field selected in the grid. */
    FieldEditor *fieldEditor() const { return m_fieldEditor; }

    /** Returns the foreign-key fields of the table that no index starts with. */
    /** Returns the fields that foreign keys, tenancy and the table's rules filter on but no index starts with. */
    QList<Runtime::ObjectId> unindexedForeignKeys() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *createFieldsBox();
    QWidget *createIndexesBox();
    const Runtime::Table *table() const;
    void documentChanged(const ChangeEvent &event);
    void refresh();
    void refreshIndexes();
    void currentFieldChanged();
    void fitFieldsGrid();
    void push(Runtime::Table after, const QString &text, const QString &mergeKey = {});
    void nameEdited(const QString &name);
    void descriptionEdited();
    void tenantScopedToggled(bool on);
    void realtimeToggled(bool on);
    void chooseColor();
    void addField();
    void removeField();
    void addIndex();
    void removeIndex();
    void addSuggestedIndexes();

    QPointer<ProjectDocument> m_document;
    Runtime::ObjectId m_tableId;
    FieldsModel *m_fieldsModel = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QLabel *m_problemLabel = nullptr;
    QPushButton *m_colorButton = nullptr;
    QPlainTextEdit *m_descriptionEdit = nullptr;
    QCheckBox *m_tenantScoped = nullptr;
    QCheckBox *m_realtime = nullptr;
    QTableView *m_fieldsView = nullptr;
    QPushButton *m_removeFieldButton = nullptr;
    FieldEditor *m_fieldEditor = nullptr;
    QScrollArea *m_fieldScroll = nullptr;
    QListWidget *m_indexList = nullptr;
    QPushButton *m_removeIndexButton = nullptr;
    QLabel *m_suggestionLabel = nullptr;
    QPushButton *m_suggestButton = nullptr;
    bool m_fitted = false; ///< the grid was fitted once the pane was shown
};

} // namespace Designer
