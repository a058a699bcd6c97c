// SPDX-License-Identifier: GPL-3.0-or-later
// ViewEditor: the properties pane of one view: name, table, columns, filter, colour and select rules.
#pragma once

#include "document/changeevent.h"
#include "model/project.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTableWidgetItem;
class QToolButton;

namespace Designer {

class ProjectDocument;
class RuleEditor;

/** Edits one view of a document. Each change is one ChangeView (see viewedits.h) pushed onto the
    document's undo stack: the name and description when their boxes are left, the base table (which
    resets the columns to its fields and clears the filter), the columns (add a field of the base table or
    of a table a to-one relationship leads to, rename, remove, move up and down), the filter (a data-API
    query string, checked while typing with the runtime's own parser and SelectBuilder, whose message and
    position show under it; committed when the box is left or Enter is pressed), the colour and the select
    rule per role (a tick lets the role read, a RuleEditor limits the rows). Shows the validator's
    messages about the view. Owned by the properties dock. */
class ViewEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ViewEditor(ProjectDocument *document, QWidget *parent = nullptr);

    /** Edits the view \a viewId (empty: nothing). */
    void setViewId(const Runtime::ObjectId &viewId);
    Runtime::ObjectId viewId() const { return m_viewId; }

    /** Returns the message of checking \a filter as the filter of the shown view: empty when the runtime
        accepts it, else its parser's or SelectBuilder's message (with the position). */
    QString filterProblem(const QString &filter) const;

private:
    const Runtime::View *view() const;
    void push(const Runtime::View &after, const QString &text);
    void documentChanged(const ChangeEvent &event);
    void refresh();
    void refreshColumns(const Runtime::View &shown);
    void refreshRules(const Runtime::View &shown);
    void refreshAddMenu(const Runtime::View &shown);
    void nameEdited();
    void descriptionEdited();
    void baseTableActivated(int index);
    void columnItemChanged(QTableWidgetItem *item);
    void removeColumn();
    void moveColumn(int delta);
    void filterTextChanged(const QString &text);
    void filterEdited();
    void chooseColor();
    void ruleToggled(const QString &role, bool allowed);
    void ruleCommitted(const QString &role, const QString &expression);

    QPointer<ProjectDocument> m_document;
    Runtime::ObjectId m_viewId;
    QLabel *m_titleLabel = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QLineEdit *m_descriptionEdit = nullptr;
    QComboBox *m_baseCombo = nullptr;
    QPushButton *m_colorButton = nullptr;
    QTableWidget *m_columns = nullptr;
    QToolButton *m_addColumn = nullptr;
    QToolButton *m_removeColumn = nullptr;
    QToolButton *m_upColumn = nullptr;
    QToolButton *m_downColumn = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QLabel *m_filterStatus = nullptr;
    QGridLayout *m_rulesGrid = nullptr;
    QWidget *m_rulesBox = nullptr;
    QList<QPair<QCheckBox *, RuleEditor *>> m_ruleRows;
    QLabel *m_problemLabel = nullptr;
    bool m_refreshing = false;
};

} // namespace Designer
