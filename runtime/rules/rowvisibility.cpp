// SPDX-License-Identifier: GPL-3.0-or-later
// RowVisibility: compiles every select rule of a project as a RowRule and combines them as AccessPolicy does.
#include "rowvisibility.h"

#include "accesspolicy.h"

namespace Runtime {

Result<std::shared_ptr<const RowVisibility>> RowVisibility::compile(
    std::shared_ptr<const Project> project, DatabaseEngine engine, RowRule::TextOrder order)
{
    std::shared_ptr<RowVisibility> visibility(new RowVisibility());
    for (const Table &table : project->tables) {
        TableRules &rules = visibility->m_tables[table.id];
        for (const PermissionRule &rule : table.permissions) {
            if (rule.operation != Operation::Select)
                continue;
            Result<RowRule> compiled = RowRule::compile(*project, table, rule.expression, engine, order);
            if (!compiled)
                return Error(ErrorCode::InvalidRule,
                    QStringLiteral("The select rule of %1 on %2: %3")
                        .arg(rule.role, table.name, compiled.error().message));
            rules.select.push_back(Entry {rule.role, std::move(compiled).value()});
        }
        if (table.tenantScoped) {
            Result<RowRule> tenant
                = RowRule::compile(*project, table, AccessPolicy::tenantExpression(), engine, order);
            if (!tenant)
                return Error(ErrorCode::InvalidRule,
                    QStringLiteral("The tenant rule of %1: %2").arg(table.name, tenant.error().message));
            rules.tenant = std::move(tenant).value();
        }
        for (const Field &field : table.fields) {
            if (!field.hidden)
                rules.columns << field.name;
        }
    }
    visibility->m_project = std::move(project);
    return std::shared_ptr<const RowVisibility>(std::move(visibility));
}

const RowVisibility::TableRules *RowVisibility::rules(const Table &table) const
{
    const auto it = m_tables.constFind(table.id);
    return it == m_tables.cend() ? nullptr : &*it;
}

RowVisibility::Verdict RowVisibility::verdict(
    const Table &table, const QJsonObject &row, const Caller &caller) const
{
    if (caller.isService())
        return Verdict::Visible;
    const TableRules *rules = this->rules(table);
    if (!rules)
        return Verdict::Hidden;
    const QStringList roles = caller.ruleRoles();
    bool applies = false;
    bool query = false;
    bool match = false;
    for (const Entry &e : rules->select) {
        if (!roles.contains(e.role))
            continue;
        applies = true;
        const RowRule::Verdict v = e.rule.evaluate(row, caller);
        if (v == RowRule::Verdict::Match) {
            match = true;
            break;
        }
        query = query || v == RowRule::Verdict::NeedsQuery;
    }
    // (rule or rule ...) and tenant: not true as soon as either side is false or NULL.
    if (!applies || (!match && !query))
        return Verdict::Hidden;
    const RowRule::Verdict tenant
        = rules->tenant ? rules->tenant->evaluate(row, caller) : RowRule::Verdict::Match;
    if (tenant == RowRule::Verdict::NoMatch)
        return Verdict::Hidden;
    return match && tenant == RowRule::Verdict::Match ? Verdict::Visible : Verdict::NeedsQuery;
}

RowVisibility::Verdict RowVisibility::verdict(
    const QString &table, const QJsonObject &row, const Caller &caller) const
{
    const Table *t = m_project->tableByName(table);
    return t ? verdict(*t, row, caller) : Verdict::Hidden;
}

bool RowVisibility::maySelect(const Table &table, const Caller &caller) const
{
    if (caller.isService())
        return true;
    const TableRules *rules = this->rules(table);
    if (!rules)
        return false;
    const QStringList roles = caller.ruleRoles();
    for (const Entry &e : rules->select) {
        if (roles.contains(e.role))
            return true;
    }
    return false;
}

QStringList RowVisibility::visibleColumns(const Table &table, const Caller &) const
{
    const TableRules *rules = this->rules(table);
    return rules ? rules->columns : QStringList();
}

QJsonObject RowVisibility::visibleRow(const Table &table, const QJsonObject &row, const Caller &caller) const
{
    QJsonObject visible;
    for (const QString &column : visibleColumns(table, caller)) {
        const auto it = row.constFind(column);
        if (it != row.constEnd())
            visible.insert(column, *it);
    }
    return visible;
}

} // namespace Runtime
