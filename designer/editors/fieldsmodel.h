// SPDX-License-Identifier: GPL-3.0-or-later
// FieldsModel: the fields of one table as an editable grid whose edits are undoable commands.
#pragma once

#include "commands/ruleedits.h"
#include "document/changeevent.h"
#include "model/table.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace Designer {

class ProjectDocument;

/** The fields of the table tableId() of a document, one row per field: name, type, required, unique,
    default, hidden, read-only. The model never changes the table itself: setData(), moveField(),
    addField() and removeField() push a ChangeTable onto the document's undo stack, and the model follows
    the document's changed() signal. Rows can be reordered by dragging (moveField()). Owned by its view's
    parent (the TableEditor). */
class FieldsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, TypeColumn, RequiredColumn, UniqueColumn, DefaultColumn, HiddenColumn,
        ReadOnlyColumn, ColumnCount };

    FieldsModel(ProjectDocument *document, QObject *parent = nullptr);

    /** Shows the fields of the table \a tableId (empty: none). */
    void setTableId(const Runtime::ObjectId &tableId);
    Runtime::ObjectId tableId() const { return m_tableId; }
    /** Returns the id of the field in \a row, or an empty id. */
    Runtime::ObjectId fieldId(int row) const;

    /** Pushes a ChangeTable that moves the field in row \a from to row \a to (its index after the move).
        Returns false if either row is out of range or they are equal. */
    bool moveField(int from, int to);
    /** Pushes a ChangeTable that appends a required-less text field with a free name. Returns its row. */
    int addField();
    /** Pushes a ChangeTable that removes the field in \a row and the indexes over it. */
    /** Removes the field of \a row with ProjectDocument::removeField(), and the rules \a rulesToRemove. */
    bool removeField(int row, const QList<RuleUse> &rulesToRemove = {});

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) override;

    /** Returns the text the Default column shows for \a field ("", a literal, "now()", "uuid()"). */
    static QString defaultText(const Runtime::Field &field);

private:
    const Runtime::Table *table() const;
    void documentChanged(const ChangeEvent &event);
    void push(Runtime::Table after, const QString &text, const QString &mergeKey = {});
    bool setFieldValue(Runtime::Field &field, int column, const QVariant &value) const;

    QPointer<ProjectDocument> m_document;
    Runtime::ObjectId m_tableId;
    int m_rows = 0;
};

} // namespace Designer
