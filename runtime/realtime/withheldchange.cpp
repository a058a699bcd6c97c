// SPDX-License-Identifier: GPL-3.0-or-later
// WithheldChange: a committed change a realtime subscriber's bindings matched but its rules withheld, and
// why.
#include "withheldchange.h"

#include "rules/accesspolicy.h"
#include "rules/rowrule.h"

namespace Runtime {

WithheldChange WithheldChange::explain(const Project &project, DatabaseEngine engine, const Table &table,
    const QJsonObject &row, const Caller &caller, bool stored)
{
    WithheldChange withheld;
    withheld.roles = caller.ruleRoles();
    bool applies = false;
    bool match = false;
    bool query = false;
    for (const PermissionRule &rule : table.permissions) {
        if (rule.operation != Operation::Select || !withheld.roles.contains(rule.role))
            continue;
        applies = true;
        withheld.rules.append(QStringLiteral("%1: %2").arg(rule.role,
            rule.expression.trimmed().isEmpty() ? QStringLiteral("true") : rule.expression.trimmed()));
        Result<RowRule> compiled
            = RowRule::compile(project, table, rule.expression, engine, RowRule::TextOrder::Collation);
        if (!compiled) {
            withheld.reason = Reason::RulesInvalid;
            return withheld;
        }
        const RowRule::Verdict verdict = compiled->evaluate(row, caller);
        match = match || verdict == RowRule::Verdict::Match;
        query = query || verdict == RowRule::Verdict::NeedsQuery;
    }
    if (!applies) {
        withheld.reason = Reason::NoRule;
        return withheld;
    }
    if (!match && !query) {
        withheld.reason = Reason::RuleFalse;
        return withheld;
    }
    if (table.tenantScoped) {
        Result<RowRule> tenant = RowRule::compile(
            project, table, AccessPolicy::tenantExpression(), engine, RowRule::TextOrder::Collation);
        const RowRule::Verdict verdict = tenant ? tenant->evaluate(row, caller) : RowRule::Verdict::NoMatch;
        if (verdict == RowRule::Verdict::NoMatch) {
            withheld.reason = Reason::TenantScope;
            return withheld;
        }
        query = query || verdict == RowRule::Verdict::NeedsQuery;
    }
    // The rules pass in memory or need the database: ChangeAudience read the row back (or could not).
    withheld.reason = stored ? Reason::ReadBackEmpty : Reason::DeletedNeedsQuery;
    return withheld;
}

} // namespace Runtime
