// SPDX-License-Identifier: GPL-3.0-or-later
// ProjectEditor: the properties pane of the project itself: name, description, users settings and roles.
#include "projecteditor.h"

#include "document/projectdocument.h"
#include "io/projectvalidator.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Designer {

namespace {
/** Selects the entry of \a combo whose data is \a value, adding it (as a stale choice) when missing. */
void selectData(QComboBox *combo, const QString &value)
{
    int index = combo->findData(value);
    if (index < 0) {
        combo->addItem(value, value);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

bool sameItems(const QListWidget *list, const QList<QPair<QString, QString>> &items)
{
    if (list->count() != items.size())
        return false;
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->data(Qt::UserRole).toString() != items.at(i).first
            || list->item(i)->text() != items.at(i).second)
            return false;
    }
    return true;
}
} // namespace

ProjectEditor::ProjectEditor(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("projectEditor"));
    auto *hint = new QLabel(tr("Select a table or relationship to edit it; below: the project."), this);
    hint->setObjectName(QStringLiteral("projectEditorHint"));
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(QStringLiteral("projectNameEdit"));
    m_descriptionEdit = new QPlainTextEdit(this);
    m_descriptionEdit->setObjectName(QStringLiteral("projectDescriptionEdit"));
    m_descriptionEdit->setTabChangesFocus(true);
    m_descriptionEdit->setMaximumHeight(m_descriptionEdit->fontMetrics().lineSpacing() * 4 + 12);

    m_usersTableCombo = new QComboBox(this);
    m_usersTableCombo->setObjectName(QStringLiteral("usersTableCombo"));
    m_usersTableCombo->setToolTip(tr("The table that holds each user's profile; it needs a uuid primary key."));
    m_roleFieldCombo = new QComboBox(this);
    m_roleFieldCombo->setObjectName(QStringLiteral("roleFieldCombo"));
    m_roleFieldCombo->setToolTip(tr("A text or enum field of the users table naming the user's role."));
    m_claimsList = new QListWidget(this);
    m_claimsList->setObjectName(QStringLiteral("claimsList"));
    m_claimsList->setToolTip(tr("Fields of the users table copied into access tokens."));
    m_claimsList->setMaximumHeight(m_claimsList->fontMetrics().lineSpacing() * 6 + 8);

    m_tokenLifetimeSpin = new QSpinBox(this);
    m_tokenLifetimeSpin->setObjectName(QStringLiteral("tokenLifetimeSpin"));
    m_tokenLifetimeSpin->setRange(60, 604800);
    m_tokenLifetimeSpin->setSuffix(tr(" s"));
    m_tokenLifetimeSpin->setKeyboardTracking(false);
    m_passwordLengthSpin = new QSpinBox(this);
    m_passwordLengthSpin->setObjectName(QStringLiteral("passwordLengthSpin"));
    m_passwordLengthSpin->setRange(6, 128);
    m_passwordLengthSpin->setKeyboardTracking(false);

    m_rolesList = new QListWidget(this);
    m_rolesList->setObjectName(QStringLiteral("rolesList"));
    m_rolesList->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_rolesList->setMaximumHeight(m_rolesList->fontMetrics().lineSpacing() * 6 + 8);
    m_addRoleButton = new QPushButton(tr("&Add Role"), this);
    m_addRoleButton->setObjectName(QStringLiteral("addRoleButton"));
    m_removeRoleButton = new QPushButton(tr("Re&move Role"), this);
    m_removeRoleButton->setObjectName(QStringLiteral("removeRoleButton"));
    auto *roleButtons = new QHBoxLayout;
    roleButtons->addWidget(m_addRoleButton);
    roleButtons->addWidget(m_removeRoleButton);
    roleButtons->addStretch(1);

    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("projectProblemLabel"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setTextFormat(Qt::PlainText);
    QPalette errorPalette = m_problemLabel->palette();
    const bool dark = errorPalette.color(QPalette::Window).lightnessF() < 0.5;
    errorPalette.setColor(QPalette::WindowText, dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x20, 0x20));
    m_problemLabel->setPalette(errorPalette);

    // Each sign-in term says in plain words what it is for, under its box.
    const auto help = [this](const QString &text, const char *name) {
        auto *label = new QLabel(text, this);
        label->setObjectName(QLatin1String(name));
        label->setWordWrap(true);
        label->setForegroundRole(QPalette::PlaceholderText);
        return label;
    };
    const auto newForm = [] {
        auto *form = new QFormLayout;
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        form->setRowWrapPolicy(QFormLayout::WrapLongRows);
        return form;
    };
    auto *form = newForm();
    form->addRow(tr("&Name:"), m_nameEdit);
    form->addRow(tr("&Description:"), m_descriptionEdit);
    form->addRow(tr("&Users table:"), m_usersTableCombo);
    form->addRow(QString(), help(tr("Who can sign up and sign in: each user gets a row in this table, their profile. "
                                    "Rules name the signed-in user auth.uid, e.g. owner_id = auth.uid."),
                                "usersTableHelp"));
    form->addRow(tr("Role &field:"), m_roleFieldCombo);
    form->addRow(QString(), help(tr("Optional: a field of the users table that gives each user a role, such as "
                                    "admin or editor. Permissions then gives each role its own rules."),
                                "roleFieldHelp"));
    form->addRow(tr("&Roles:"), m_rolesList);
    form->addRow(QString(), roleButtons);

    // What most projects never change, folded away.
    m_advancedToggle = new QToolButton(this);
    m_advancedToggle->setObjectName(QStringLiteral("advancedToggle"));
    m_advancedToggle->setText(tr("Advanced sign-in settings"));
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedToggle->setArrowType(Qt::RightArrow);
    m_advancedToggle->setCheckable(true);
    m_advancedToggle->setAutoRaise(true);
    m_advanced = new QWidget(this);
    m_advanced->setObjectName(QStringLiteral("advancedSettings"));
    auto *advancedForm = newForm();
    advancedForm->setContentsMargins(0, 0, 0, 0);
    advancedForm->addRow(tr("Token &claims:"), m_claimsList);
    advancedForm->addRow(QString(), help(tr("Fields of the users table copied into each user's sign-in token, so rules "
                                            "can use them as auth.claims.<name> without a lookup, e.g. "
                                            "organization_id to keep each team to its own rows."),
                                        "claimsHelp"));
    advancedForm->addRow(tr("Access token &lifetime:"), m_tokenLifetimeSpin);
    advancedForm->addRow(QString(), help(tr("How long a sign-in token is valid; apps refresh it on their own before "
                                            "it runs out."),
                                        "tokenLifetimeHelp"));
    advancedForm->addRow(tr("Minimum &password length:"), m_passwordLengthSpin);
    m_advanced->setLayout(advancedForm);
    m_advanced->setVisible(false);
    connect(m_advancedToggle, &QToolButton::toggled, this, [this](bool open) {
        m_advancedToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        m_advanced->setVisible(open);
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addLayout(form);
    layout->addWidget(m_advancedToggle);
    layout->addWidget(m_advanced);
    layout->addWidget(m_problemLabel);
    layout->addStretch(1);

    connect(m_nameEdit, &QLineEdit::textEdited, this, &ProjectEditor::nameEdited);
    connect(m_descriptionEdit, &QPlainTextEdit::textChanged, this, &ProjectEditor::descriptionEdited);
    connect(m_usersTableCombo, &QComboBox::activated, this, &ProjectEditor::usersTableActivated);
    connect(m_roleFieldCombo, &QComboBox::activated, this, &ProjectEditor::roleFieldActivated);
    connect(m_claimsList, &QListWidget::itemChanged, this, &ProjectEditor::claimChanged);
    connect(m_tokenLifetimeSpin, &QSpinBox::valueChanged, this, &ProjectEditor::tokenLifetimeChanged);
    connect(m_passwordLengthSpin, &QSpinBox::valueChanged, this, &ProjectEditor::passwordLengthChanged);
    connect(m_rolesList, &QListWidget::itemChanged, this, &ProjectEditor::roleChanged);
    connect(m_rolesList, &QListWidget::currentRowChanged, this, &ProjectEditor::refresh);
    connect(m_addRoleButton, &QPushButton::clicked, this, &ProjectEditor::addRole);
    connect(m_removeRoleButton, &QPushButton::clicked, this, &ProjectEditor::removeRole);
    connect(document, &ProjectDocument::changed, this, &ProjectEditor::documentChanged);
    refresh();
}

ProjectProperties ProjectEditor::current() const
{
    return ProjectProperties::of(m_document->project());
}

void ProjectEditor::documentChanged(const ChangeEvent &event)
{
    if (event.kind != ChangeEvent::Kind::TablesMoved)
        refresh();
}

void ProjectEditor::refresh()
{
    if (!m_document || m_refreshing)
        return;
    const QScopedValueRollback<bool> guard(m_refreshing, true);
    const ProjectProperties shown = current();
    if (m_nameEdit->text() != shown.name)
        m_nameEdit->setText(shown.name);
    if (m_descriptionEdit->toPlainText() != shown.description)
        m_descriptionEdit->setPlainText(shown.description);
    refreshUsersTable(shown);
    refreshRoleField(shown);
    refreshClaims(shown);
    m_tokenLifetimeSpin->setValue(shown.settings.accessTokenLifetimeSeconds);
    m_passwordLengthSpin->setValue(shown.settings.minimumPasswordLength);
    refreshRoles(shown);
    refreshProblems();
}

void ProjectEditor::refreshUsersTable(const ProjectProperties &shown)
{
    m_usersTableCombo->clear();
    m_usersTableCombo->addItem(tr("None"), QString());
    for (const Runtime::Table &table : m_document->project().tables) {
        const Runtime::Field *key = table.primaryKey();
        if (key && key->primaryKey == Runtime::PrimaryKeyKind::Uuid)
            m_usersTableCombo->addItem(table.name, table.id);
    }
    selectData(m_usersTableCombo, shown.settings.usersTable);
}

void ProjectEditor::refreshRoleField(const ProjectProperties &shown)
{
    m_roleFieldCombo->clear();
    m_roleFieldCombo->addItem(tr("None"), QString());
    if (const Runtime::Table *users = m_document->project().table(shown.settings.usersTable)) {
        for (const Runtime::Field &field : users->fields) {
            if (field.type == Runtime::FieldType::Text || field.type == Runtime::FieldType::Enum)
                m_roleFieldCombo->addItem(field.name, field.name);
        }
    }
    selectData(m_roleFieldCombo, shown.settings.roleField);
}

void ProjectEditor::refreshClaims(const ProjectProperties &shown)
{
    // The users table's fields, then any claim naming no field of it (kept so that it can be unchecked).
    QStringList names;
    if (const Runtime::Table *users = m_document->project().table(shown.settings.usersTable)) {
        for (const Runtime::Field &field : users->fields)
            names << field.name;
    }
    for (const QString &claim : shown.settings.jwtClaimFields) {
        if (!names.contains(claim))
            names << claim;
    }
    const bool sameNames = m_claimsList->count() == names.size()
        && std::ranges::all_of(names, [this, i = 0](const QString &name) mutable {
               return m_claimsList->item(i++)->data(Qt::UserRole).toString() == name;
           });
    if (!sameNames) { // rebuilt only when needed: a toggle arrives from inside the list's own signal
        m_claimsList->clear();
        for (const QString &name : names) {
            auto *item = new QListWidgetItem(name, m_claimsList);
            item->setData(Qt::UserRole, name);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        }
    }
    for (int i = 0; i < m_claimsList->count(); ++i) {
        QListWidgetItem *item = m_claimsList->item(i);
        const Qt::CheckState state = shown.settings.jwtClaimFields.contains(names.at(i)) ? Qt::Checked : Qt::Unchecked;
        if (item->checkState() != state)
            item->setCheckState(state);
    }
}

void ProjectEditor::refreshRoles(const ProjectProperties &shown)
{
    QList<QPair<QString, QString>> items;
    for (const Runtime::Role &role : shown.roles)
        items.append({role.id, role.name});
    if (!sameItems(m_rolesList, items)) {
        const QString currentId = m_rolesList->currentItem()
            ? m_rolesList->currentItem()->data(Qt::UserRole).toString() : QString();
        m_rolesList->clear();
        for (const auto &[id, name] : items) {
            auto *item = new QListWidgetItem(name, m_rolesList);
            item->setData(Qt::UserRole, id);
            item->setFlags(item->flags() | Qt::ItemIsEditable);
            if (id == currentId)
                m_rolesList->setCurrentItem(item);
        }
    }
    m_removeRoleButton->setEnabled(m_rolesList->currentItem());
}

void ProjectEditor::refreshProblems()
{
    QStringList messages;
    for (const Runtime::Problem &problem : Runtime::validateProject(m_document->project())) {
        if (problem.path.startsWith(QLatin1String("settings.")) || problem.path.startsWith(QLatin1String("roles[")))
            messages << problem.toString();
    }
    m_problemLabel->setText(messages.join(QLatin1Char('\n')));
    m_problemLabel->setVisible(!messages.isEmpty());
}

void ProjectEditor::apply(const ProjectProperties &after, const QString &text, const QString &mergeKey)
{
    if (!m_document || m_refreshing || after == current())
        return;
    m_document->changeProperties(after, text, mergeKey);
}

void ProjectEditor::nameEdited(const QString &name)
{
    ProjectProperties after = current();
    after.name = name;
    apply(after, QCoreApplication::translate("Commands", "Rename Project"), QStringLiteral("name"));
}

void ProjectEditor::descriptionEdited()
{
    ProjectProperties after = current();
    after.description = m_descriptionEdit->toPlainText();
    apply(after, QCoreApplication::translate("Commands", "Change Project Description"), QStringLiteral("description"));
}

void ProjectEditor::usersTableActivated(int index)
{
    ProjectProperties after = current();
    after.settings.usersTable = m_usersTableCombo->itemData(index).toString();
    apply(after, QCoreApplication::translate("Commands", "Change Users Table"));
}

void ProjectEditor::roleFieldActivated(int index)
{
    ProjectProperties after = current();
    after.settings.roleField = m_roleFieldCombo->itemData(index).toString();
    apply(after, QCoreApplication::translate("Commands", "Change Role Field"));
}

void ProjectEditor::claimChanged(QListWidgetItem *item)
{
    if (m_refreshing)
        return;
    ProjectProperties after = current();
    const QString name = item->data(Qt::UserRole).toString();
    QStringList &claims = after.settings.jwtClaimFields;
    claims.removeAll(name);
    if (item->checkState() == Qt::Checked)
        claims << name;
    apply(after, item->checkState() == Qt::Checked ? QCoreApplication::translate("Commands", "Add Token Claim") : QCoreApplication::translate("Commands", "Remove Token Claim"));
}

void ProjectEditor::tokenLifetimeChanged(int seconds)
{
    ProjectProperties after = current();
    after.settings.accessTokenLifetimeSeconds = seconds;
    apply(after, QCoreApplication::translate("Commands", "Change Access Token Lifetime"), QStringLiteral("accessTokenLifetime"));
}

void ProjectEditor::passwordLengthChanged(int length)
{
    ProjectProperties after = current();
    after.settings.minimumPasswordLength = length;
    apply(after, QCoreApplication::translate("Commands", "Change Minimum Password Length"), QStringLiteral("minimumPasswordLength"));
}

void ProjectEditor::roleChanged(QListWidgetItem *item)
{
    if (m_refreshing)
        return;
    ProjectProperties after = current();
    const QString id = item->data(Qt::UserRole).toString();
    const QString name = item->text().trimmed();
    for (Runtime::Role &role : after.roles) {
        if (role.id != id)
            continue;
        const QScopedValueRollback<bool> guard(m_refreshing, true);
        if (name.isEmpty())
            item->setText(role.name); // an empty name is refused: show the current one again
        else if (item->text() != name)
            item->setText(name);
        if (!name.isEmpty())
            role.name = name;
    }
    apply(after, QCoreApplication::translate("Commands", "Rename Role"));
}

void ProjectEditor::addRole()
{
    ProjectProperties after = current();
    QString name;
    for (int n = 1; name.isEmpty(); ++n) {
        const QString candidate = QStringLiteral("role_%1").arg(n);
        if (std::none_of(after.roles.begin(), after.roles.end(),
                [&candidate](const Runtime::Role &role) { return role.name == candidate; }))
            name = candidate;
    }
    const Runtime::ObjectId id = m_document->project().newId(QStringLiteral("role"));
    after.roles.push_back({id, name, {}});
    apply(after, QCoreApplication::translate("Commands", "Add Role"));
    for (int i = 0; i < m_rolesList->count(); ++i) {
        if (m_rolesList->item(i)->data(Qt::UserRole).toString() == id)
            m_rolesList->setCurrentRow(i);
    }
}

void ProjectEditor::removeRole()
{
    const QListWidgetItem *item = m_rolesList->currentItem();
    if (!item)
        return;
    ProjectProperties after = current();
    const QString id = item->data(Qt::UserRole).toString();
    std::erase_if(after.roles, [&id](const Runtime::Role &role) { return role.id == id; });
    apply(after, QCoreApplication::translate("Commands", "Remove Role"));
}

} // namespace Designer
