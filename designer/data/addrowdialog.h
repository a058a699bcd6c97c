// SPDX-License-Identifier: GPL-3.0-or-later
// AddRowDialog: the data browser's form that adds a row to the shown table.
#pragma once

#include <QDialog>
#include <QList>

#include <functional>

class QLabel;

namespace Runtime {
struct Field;
}

namespace Designer {

class RowsModel;

/** The form that adds a row: an editor per column the runtime does not fill itself, of the kind that fits
    the field's type (a check box for booleans, date and date-time editors, spin boxes for numbers, a list
    for enums, a line otherwise), each named after its field. An optional field left at "default" is left
    out of the insert. The dialog is as wide as its editors need and scrolls when taller than the screen
    allows; it stays open with the runtime's reason when the row is refused. */
class AddRowDialog : public QDialog
{
public:
    AddRowDialog(RowsModel *model, QWidget *parent);

private:
    /** An editor and how to read it: the text CellValues::fromText() takes, empty for the default. */
    struct Editor
    {
        const Runtime::Field *field;
        QWidget *widget;
        std::function<QString()> text;
    };

    Editor createEditor(const Runtime::Field &field);
    QWidget *createForm();
    void submit();
    void showError(const QString &message);

    RowsModel *m_model;
    QList<Editor> m_editors;
    QLabel *m_error;
    QMetaObject::Connection m_connection;
};

} // namespace Designer
