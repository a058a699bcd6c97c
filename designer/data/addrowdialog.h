// SPDX-License-Identifier: GPL-3.0-or-later
// AddRowDialog: the data browser's form that adds a row to the shown table.
#pragma once

#include <QDialog>
#include <QList>

#include <utility>

class QLabel;
class QLineEdit;

namespace Runtime {
struct Field;
}

namespace Designer {

class RowsModel;

/** The form that adds a row: a field per column the runtime does not fill itself. The dialog stays open
    with the runtime's reason when the row is refused. */
class AddRowDialog : public QDialog
{
public:
    AddRowDialog(RowsModel *model, QWidget *parent);

private:
    void submit();
    void showError(const QString &message);

    RowsModel *m_model;
    QList<std::pair<const Runtime::Field *, QLineEdit *>> m_editors;
    QLabel *m_error;
    QMetaObject::Connection m_connection;
};

} // namespace Designer
