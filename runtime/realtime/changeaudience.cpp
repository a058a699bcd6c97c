// SPDX-License-Identifier: GPL-3.0-or-later
// ChangeAudience: decides whether a realtime subscriber may receive a committed change, and which columns.
#include "changeaudience.h"

#include "rules/accesspolicy.h"
#include "storage/sqlitedialect.h"

#include <QLoggingCategory>

namespace Runtime {

ChangeAudience::ChangeAudience(std::shared_ptr<const Project> project)
    : m_project(std::move(project))
{
    // Only the kind of grant is read, never its SQL: any dialect compiles the same decision.
    const SqliteDialect dialect;
    Result<std::shared_ptr<const AccessPolicy>> policy = AccessPolicy::compile(m_project, dialect);
    if (policy)
        m_policy = std::move(policy).value();
    else
        qWarning(
            "realtime: the permission rules do not compile, no change is sent to non-service subscribers: %s",
            qPrintable(policy.error().toString()));
}

ChangeAudience::~ChangeAudience() = default;

ChangeAudience::Decision ChangeAudience::decide(
    const Table &table, const QJsonObject &row, const Caller &caller)
{
    Q_UNUSED(row) // TODO(#16): conditional rules, evaluated against the row and the caller's claims
    if (caller.isService())
        return Decision::Visible;
    if (!m_policy)
        return Decision::Withheld;
    const QString key = table.id + u'/' + caller.ruleRoles().join(u',');
    auto known = m_unrestricted.constFind(key);
    if (known == m_unrestricted.cend()) {
        const Grant grant = m_policy->grant(table, Operation::Select, caller, QStringLiteral("t"));
        known = m_unrestricted.insert(key, grant.kind == Grant::Kind::Unrestricted);
    }
    return *known ? Decision::Visible : Decision::Withheld;
}

QStringList ChangeAudience::visibleColumns(const Table &table, const Caller &caller) const
{
    QStringList columns;
    for (const Field &field : table.fields) {
        if (!field.hidden || caller.isService())
            columns.append(field.name);
    }
    return columns;
}

} // namespace Runtime
