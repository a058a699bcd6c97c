// SPDX-License-Identifier: GPL-3.0-or-later
// CallersWidget: who may call a function or an endpoint (Runtime::CallPermission), as radio buttons and
// roles.
#include "callerswidget.h"

#include "editors/logictexts.h"
#include "model/project.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QListWidget>
#include <QRadioButton>
#include <QVBoxLayout>

namespace Designer {

namespace {
constexpr Runtime::CallAccess s_accesses[] = {Runtime::CallAccess::Anyone, Runtime::CallAccess::SignedIn,
    Runtime::CallAccess::Roles, Runtime::CallAccess::Service};
}

CallersWidget::CallersWidget(QWidget *parent)
    : QWidget(parent)
    , m_access(new QButtonGroup(this))
{
    setObjectName(QStringLiteral("callersWidget"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    for (Runtime::CallAccess access : s_accesses) {
        auto *button = new QRadioButton(LogicTexts::accessName(access), this);
        button->setObjectName(QStringLiteral("access_") + Runtime::callAccessName(access));
        m_access->addButton(button, int(access));
        layout->addWidget(button);
        if (access == Runtime::CallAccess::Roles) {
            m_roles = new QListWidget(this);
            m_roles->setObjectName(QStringLiteral("callerRoles"));
            // Fixed: in the function editor the code pane below takes every free pixel and would squeeze it.
            m_roles->setFixedHeight(m_roles->fontMetrics().height() * 5);
            layout->addWidget(m_roles);
        }
    }
    m_access->button(int(Runtime::CallAccess::Service))
        ->setToolTip(tr("Only server-side code and the designer: clients cannot call it"));
    connect(m_access, &QButtonGroup::idClicked, this, &CallersWidget::emitEdited);
    connect(m_roles, &QListWidget::itemChanged, this, &CallersWidget::emitEdited);
}

void CallersWidget::setPermission(const Runtime::Project &project, const Runtime::CallPermission &permission)
{
    const bool wasFilling = std::exchange(m_filling, true);
    m_access->button(int(permission.access))->setChecked(true);
    QStringList roles {QStringLiteral("anon"), QStringLiteral("authenticated")};
    for (const Runtime::Role &role : project.roles)
        roles << role.name;
    for (const QString &role : permission.roles) {
        if (!roles.contains(role))
            roles << role;
    }
    // Items are kept when the roles are the same: this runs inside the itemChanged() of a checked one.
    QStringList shown;
    for (int i = 0; i < m_roles->count(); ++i)
        shown << m_roles->item(i)->text();
    if (shown != roles) {
        m_roles->clear();
        for (const QString &role : roles) {
            auto *item = new QListWidgetItem(role, m_roles);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        }
    }
    for (int i = 0; i < m_roles->count(); ++i)
        m_roles->item(i)->setCheckState(permission.roles.contains(roles.at(i)) ? Qt::Checked : Qt::Unchecked);
    m_roles->setEnabled(permission.access == Runtime::CallAccess::Roles);
    m_filling = wasFilling;
}

Runtime::CallPermission CallersWidget::permission() const
{
    Runtime::CallPermission permission;
    permission.access = Runtime::CallAccess(m_access->checkedId());
    // The roles are kept only where they count, so that switching access away drops them from the file.
    if (permission.access == Runtime::CallAccess::Roles) {
        for (int i = 0; i < m_roles->count(); ++i) {
            if (m_roles->item(i)->checkState() == Qt::Checked)
                permission.roles << m_roles->item(i)->text();
        }
    }
    return permission;
}

void CallersWidget::chooseAccess(Runtime::CallAccess access)
{
    QAbstractButton *button = m_access->button(int(access));
    if (!button->isChecked())
        button->click();
}

void CallersWidget::emitEdited()
{
    m_roles->setEnabled(m_access->checkedId() == int(Runtime::CallAccess::Roles));
    if (!m_filling)
        emit edited(permission());
}

} // namespace Designer
