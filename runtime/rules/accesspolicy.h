// SPDX-License-Identifier: GPL-3.0-or-later
// AccessPolicy: the project's permission rules compiled once; answers what a caller may do to a table.
#pragma once

#include "auth/caller.h"
#include "core/result.h"
#include "model/project.h"
#include "rules/rulecompiler.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <memory>

namespace Runtime {

class SqlDialect;

/** What a caller may do with the rows of one table for one operation. */
struct Grant
{
    enum class Kind {
        Denied,       ///< no rule for any of the caller's roles: refused outright
        Unrestricted, ///< service role, or an empty rule without tenancy: every row
        Conditional,  ///< only rows for which condition is true
    };
    Kind kind = Kind::Denied;
    QString condition;       ///< Conditional: SQL over the qualifier given to grant(), in parentheses
    QVariantList parameters; ///< Conditional: the values of condition's placeholders, in order
    /** For explanations: each rule that applied, as "role: expression" ("role: everyone" for an empty
        rule), and "tenant: organization_id = auth.claims.organization_id" for a tenant-scoped table. */
    QStringList rules;

    bool isDenied() const { return kind == Kind::Denied; }
};

/** The permission rules of a project, compiled once for one SQL dialect. For each table and operation
    the rules of the caller's roles (Caller::ruleRoles()) are combined with "or"; a tenant-scoped table
    adds "and organization_id = auth.claims.organization_id" for every caller but the service role.
    Immutable after compile(); shared by the RecordStores of every thread. */
class AccessPolicy
{
public:
    /** Returns the policy of \a project (which must outlive it), or InvalidRule naming the table,
        operation and role of the first rule that does not compile. */
    static Result<std::shared_ptr<const AccessPolicy>> compile(
        std::shared_ptr<const Project> project, const SqlDialect &dialect);

    /** Returns what \a caller may do with \a table for \a operation, the condition written over
        \a qualifier (a quoted alias or table name). */
    Grant grant(const Table &table, Operation operation, const Caller &caller, const QString &qualifier) const;

    /** Returns the value a non-service caller's insert into tenant-scoped \a table gets for
        organization_id when the body leaves it out (the caller's claim), or an invalid QVariant. */
    QVariant tenantValue(const Table &table, const Caller &caller) const;

    /** Returns the rule a tenant-scoped table adds for every caller but the service role:
        "organization_id = auth.claims.organization_id". */
    static const QString &tenantExpression();

private:
    AccessPolicy() = default;
    struct Entry
    {
        QString role;
        QString expression;
        CompiledRule rule;
    };
    std::shared_ptr<const Project> m_project;
    QHash<QString, std::vector<Entry>> m_rules; ///< key: table id + '/' + operation name
    QHash<ObjectId, CompiledRule> m_tenantRules; ///< per tenant-scoped table
};

} // namespace Runtime
