// SPDX-License-Identifier: GPL-3.0-or-later
// AddRowDialog: the data browser's form that adds a row to the shown table.
#include "addrowdialog.h"

#include "cellvalues.h"
#include "databrowser.h"
#include "rowsmodel.h"
#include "widgets/palettecolors.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Designer {

AddRowDialog::AddRowDialog(RowsModel *model, QWidget *parent)
    : QDialog(parent)
    , m_model(model)
{
    setWindowTitle(DataBrowser::tr("Add a row to %1").arg(model->tableName()));
    auto *form = new QFormLayout;
    for (int column = 0; column < model->columnCount(); ++column) {
        const Runtime::Field *field = model->field(column);
        if (field->isAutoManaged())
            continue;
        auto *editor = new QLineEdit(this);
        editor->setObjectName(field->name);
        editor->setPlaceholderText(field->required
                ? DataBrowser::tr("%1, required").arg(Runtime::fieldTypeName(field->type))
                : DataBrowser::tr("%1, empty for the default").arg(Runtime::fieldTypeName(field->type)));
        form->addRow(field->name, editor);
        m_editors.append({field, editor});
    }
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, errorTextColor(errorPalette));
    m_error->setPalette(errorPalette);
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(DataBrowser::tr("Add"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] { submit(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

void AddRowDialog::submit()
{
    QJsonObject values;
    for (const auto &[field, editor] : std::as_const(m_editors)) {
        if (editor->text().isEmpty())
            continue; // left to the field's default
        QString problem;
        const QJsonValue value = CellValues::fromText(*field, editor->text(), &problem);
        if (!problem.isEmpty())
            return showError(DataBrowser::tr("%1: %2").arg(field->name, problem));
        values.insert(field->name, value);
    }
    // One write at a time while the dialog is open: the answer is the one to this insert.
    m_connection = connect(m_model, &RowsModel::writeFinished, this, [this](bool ok, const QString &message) {
        disconnect(m_connection);
        if (ok)
            accept();
        else
            showError(message);
    });
    m_model->addRow(values);
}

void AddRowDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

} // namespace Designer
