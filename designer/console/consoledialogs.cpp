// SPDX-License-Identifier: GPL-3.0-or-later
// The request console's small dialogs: a new test user, and the environments' variables.
#include "consoledialogs.h"

#include "jsoneditor.h"
#include "keyvaluetable.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QVBoxLayout>

namespace Designer {

NewTestUserDialog::NewTestUserDialog(QWidget *parent)
    : QDialog(parent)
    , m_email(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_data(new JsonEditor(this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("New Test User"));
    const QString suffix = QString::number(QRandomGenerator::global()->bounded(1000, 9999));
    m_email->setText(QStringLiteral("test%1@example.com").arg(suffix));
    m_password->setText(QStringLiteral("test-password-%1").arg(suffix));
    m_data->setText(QStringLiteral("{\n}"));
    m_data->setMinimumHeight(120);
    auto *form = new QFormLayout;
    form->addRow(tr("&Email:"), m_email);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("Profile &data (JSON):"), m_data);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Sign Up"));
    auto *layout = new QVBoxLayout(this);
    auto *about = new QLabel(tr("The console signs this user up through /auth/v1/signup and remembers the "
                                "password on this machine, to sign in again. The profile data holds what the "
                                "users table requires; write {{user.id}} in a request's URL or body for the id "
                                "of the user chosen under Auth."), this);
    about->setWordWrap(true);
    layout->addWidget(about);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    m_problem->setWordWrap(true);
    m_problem->setObjectName(QStringLiteral("problem"));
    connect(buttons, &QDialogButtonBox::accepted, this, &NewTestUserDialog::requestSignUp);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_email, &QLineEdit::textChanged, this, &NewTestUserDialog::updateState);
    connect(m_password, &QLineEdit::textChanged, this, &NewTestUserDialog::updateState);
    connect(m_data, &JsonEditor::checked, this, &NewTestUserDialog::updateState);
    updateState();
}

QString NewTestUserDialog::email() const
{
    return m_email->text().trimmed();
}

QString NewTestUserDialog::password() const
{
    return m_password->text();
}

QJsonObject NewTestUserDialog::data() const
{
    return QJsonDocument::fromJson(m_data->text().toUtf8()).object();
}

void NewTestUserDialog::setProfileData(const QString &json)
{
    m_data->setText(json);
}

void NewTestUserDialog::requestSignUp()
{
    m_ok->setEnabled(false);
    m_problem->setText(tr("Signing up %1…").arg(email()));
    m_problem->setVisible(true);
    emit signUpRequested();
}

void NewTestUserDialog::showError(const QString &message)
{
    m_problem->setText(message);
    m_problem->setVisible(true);
    m_ok->setEnabled(true);
}

void NewTestUserDialog::updateState()
{
    QString problem;
    const QString text = m_data->text().trimmed();
    if (!email().contains(QLatin1Char('@')))
        problem = tr("Enter an email address.");
    else if (password().isEmpty())
        problem = tr("Enter a password.");
    else if (!m_data->errorMessage().isEmpty())
        problem = tr("The profile data is not valid JSON: %1").arg(m_data->errorMessage());
    else if (!text.isEmpty() && !QJsonDocument::fromJson(text.toUtf8()).isObject())
        problem = tr("The profile data must be a JSON object, e.g. {\"full_name\": \"Ann\"}.");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_ok->setEnabled(problem.isEmpty());
}

EnvironmentDialog::EnvironmentDialog(const QList<ConsoleEnvironment> &environments, const QString &current, QWidget *parent)
    : QDialog(parent)
    , m_environments(environments)
    , m_names(new QComboBox(this))
    , m_variables(new KeyValueTable(tr("Variable"), tr("Value"), this))
{
    setWindowTitle(tr("Environments"));
    auto *add = new QPushButton(tr("&Add…"), this);
    auto *remove = new QPushButton(tr("&Remove"), this);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("&Environment:"), this));
    top->addWidget(m_names, 1);
    top->addWidget(add);
    top->addWidget(remove);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_variables, 1);
    auto *about = new QLabel(tr("Write {{name}} in the URL, headers or body. Always defined: {{baseUrl}}, "
                                "{{anonKey}}, {{serviceKey}}, and {{user.id}}: the id of the test user chosen "
                                "under Auth. Environments are saved with the collections, beside the project: "
                                "keep secrets out of them."), this);
    about->setWordWrap(true);
    layout->addWidget(about);
    layout->addWidget(buttons);
    for (const ConsoleEnvironment &environment : std::as_const(m_environments))
        m_names->addItem(environment.name);
    connect(m_names, &QComboBox::currentIndexChanged, this, &EnvironmentDialog::showEnvironment);
    connect(add, &QPushButton::clicked, this, &EnvironmentDialog::addEnvironment);
    connect(remove, &QPushButton::clicked, this, &EnvironmentDialog::removeEnvironment);
    connect(m_variables, &KeyValueTable::pairsEdited, this, &EnvironmentDialog::keepTable);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_names->setCurrentIndex(qMax(0, m_names->findText(current)));
    showEnvironment(m_names->currentIndex());
    resize(520, 360);
}

QString EnvironmentDialog::current() const
{
    return m_names->currentText();
}

void EnvironmentDialog::keepTable()
{
    if (m_shown >= 0 && m_shown < m_environments.size())
        m_environments[m_shown].variables = m_variables->pairs();
}

void EnvironmentDialog::showEnvironment(int index)
{
    m_shown = index;
    m_variables->setEnabled(index >= 0);
    m_variables->setPairs(index >= 0 && index < m_environments.size() ? m_environments.at(index).variables
                                                                       : QList<QPair<QString, QString>>());
}

void EnvironmentDialog::addEnvironment()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New Environment"), tr("Name:"), QLineEdit::Normal,
        tr("local"), &ok).trimmed();
    if (!ok || name.isEmpty() || m_names->findText(name) >= 0)
        return;
    m_environments.append({name, {}});
    m_names->addItem(name);
    m_names->setCurrentIndex(m_names->count() - 1);
}

void EnvironmentDialog::removeEnvironment()
{
    const int index = m_names->currentIndex();
    if (index < 0)
        return;
    m_environments.removeAt(index);
    m_shown = -1;
    m_names->removeItem(index);
}

} // namespace Designer
