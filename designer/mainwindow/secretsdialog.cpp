// SPDX-License-Identifier: GPL-3.0-or-later
// SecretsDialog: edits the secrets functions read with env.get(), kept beside the project, never in it.
#include "secretsdialog.h"

#include "scripting/functionenvironment.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Designer {

namespace {
constexpr int s_valueRole = Qt::UserRole + 1; ///< the real value; the shown text is masked

// Edits a value in a password field while values are hidden.
class ValueDelegate : public QStyledItemDelegate
{
public:
    ValueDelegate(const QCheckBox *shown, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_shown(shown)
    { }
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        auto *edit = new QLineEdit(parent);
        edit->setEchoMode(m_shown->isChecked() ? QLineEdit::Normal : QLineEdit::Password);
        return edit;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        static_cast<QLineEdit *>(editor)->setText(index.data(s_valueRole).toString());
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        const QString value = static_cast<QLineEdit *>(editor)->text();
        model->setData(index, value, s_valueRole);
        model->setData(index, m_shown->isChecked() ? value : QString(value.size(), QChar(0x2022)), Qt::DisplayRole);
    }

private:
    const QCheckBox *m_shown;
};
} // namespace

SecretsDialog::SecretsDialog(const QString &projectFile, QWidget *parent)
    : QDialog(parent)
    , m_projectFile(projectFile)
{
    setWindowTitle(tr("Function Secrets"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Functions read these with <code>env.get('NAME')</code>. They are kept in "
                                "<code>%1</code>, beside the project and never in the project file: keep that "
                                "folder out of git. A variable of the same name in the server's environment "
                                "wins. Changes apply the next time the backend starts.")
                                 .arg(QDir::toNativeSeparators(Runtime::functionSecretsFile(projectFile)).toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    intro->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(intro);
    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("secretsTable"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    layout->addWidget(m_table, 1);
    m_showValues = new QCheckBox(tr("&Show values"), this);
    m_table->setItemDelegateForColumn(1, new ValueDelegate(m_showValues, this));
    connect(m_showValues, &QCheckBox::toggled, this, &SecretsDialog::updateMasks);
    auto *row = new QHBoxLayout;
    auto *add = new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")), tr("&Add"), this);
    auto *remove = new QPushButton(QIcon::fromTheme(QStringLiteral("list-remove")), tr("&Remove"), this);
    connect(add, &QPushButton::clicked, this, &SecretsDialog::addSecret);
    connect(remove, &QPushButton::clicked, this, [this]() {
        if (m_table->currentRow() >= 0)
            m_table->removeRow(m_table->currentRow());
    });
    row->addWidget(add);
    row->addWidget(remove);
    row->addStretch(1);
    row->addWidget(m_showValues);
    layout->addLayout(row);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("secretsProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->hide();
    layout->addWidget(m_problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this]() {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    for (const auto &[name, value] : Runtime::readFunctionSecrets(projectFile))
        addRow(name, value);
    resize(560, 360);
}

void SecretsDialog::addRow(const QString &name, const QString &value)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(name));
    auto *item = new QTableWidgetItem;
    item->setData(s_valueRole, value);
    m_table->setItem(row, 1, item);
    updateMasks();
}

void SecretsDialog::addSecret()
{
    addRow({}, {});
    const int row = m_table->rowCount() - 1;
    m_table->setCurrentCell(row, 0);
    m_table->editItem(m_table->item(row, 0));
}

void SecretsDialog::updateMasks()
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QTableWidgetItem *item = m_table->item(row, 1);
        const QString value = item->data(s_valueRole).toString();
        item->setData(Qt::DisplayRole, m_showValues->isChecked() ? value : QString(value.size(), QChar(0x2022)));
    }
}

bool SecretsDialog::save()
{
    Runtime::FunctionSecrets secrets;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name = m_table->item(row, 0)->text().trimmed();
        const QString value = m_table->item(row, 1)->data(s_valueRole).toString();
        if (name.isEmpty() && value.isEmpty())
            continue; // an empty row left behind
        secrets.append({name, value});
    }
    const Runtime::Result<void> saved = Runtime::saveFunctionSecrets(m_projectFile, secrets);
    m_problem->setVisible(!saved);
    if (!saved)
        m_problem->setText(saved.error().message);
    return bool(saved);
}

} // namespace Designer
