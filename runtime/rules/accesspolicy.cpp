// SPDX-License-Identifier: GPL-3.0-or-later
// AccessPolicy: compiles every permission rule of a project once and combines them per request.
#include "accesspolicy.h"

#include "storage/sqldialect.h"
#include "storage/valuecodec.h"

namespace Runtime {

namespace {

const QString &tenantColumn()
{
    static const QString name = QStringLiteral("organization_id");
    return name;
}

QString ruleKey(const ObjectId &tableId, Operation operation)
{
    return tableId + u'/' + operationName(operation);
}

} // namespace

const QString &AccessPolicy::tenantExpression()
{
    static const QString expression = QStringLiteral("organization_id = auth.claims.organization_id");
    return expression;
}

Result<std::shared_ptr<const AccessPolicy>> AccessPolicy::compile(
    std::shared_ptr<const Project> project, const SqlDialect &dialect)
{
    std::shared_ptr<AccessPolicy> policy(new AccessPolicy());
    for (const Table &table : project->tables) {
        for (const PermissionRule &rule : table.permissions) {
            Result<CompiledRule> compiled = RuleCompiler::compile(*project, table, rule.expression, dialect);
            if (!compiled)
                return Error(ErrorCode::InvalidRule,
                    QStringLiteral("The %1 rule of %2 on %3: %4")
                        .arg(operationName(rule.operation), rule.role, table.name, compiled.error().message));
            policy->m_rules[ruleKey(table.id, rule.operation)].push_back(
                Entry {rule.role, rule.expression, std::move(compiled).value()});
        }
        if (table.tenantScoped) {
            Result<CompiledRule> tenant = RuleCompiler::compile(*project, table, tenantExpression(), dialect);
            if (!tenant)
                return Error(ErrorCode::InvalidRule,
                    QStringLiteral("The tenant rule of %1: %2").arg(table.name, tenant.error().message));
            policy->m_tenantRules.insert(table.id, std::move(tenant).value());
        }
    }
    policy->m_project = std::move(project);
    return std::shared_ptr<const AccessPolicy>(std::move(policy));
}

Grant AccessPolicy::grant(
    const Table &table, Operation operation, const Caller &caller, const QString &qualifier) const
{
    Grant grant;
    if (caller.isService()) {
        grant.kind = Grant::Kind::Unrestricted;
        return grant;
    }
    const auto entries = m_rules.constFind(ruleKey(table.id, operation));
    if (entries == m_rules.cend())
        return grant;
    const QStringList roles = caller.ruleRoles();
    std::vector<const Entry *> applied;
    bool everyone = false;
    for (const Entry &e : *entries) {
        if (!roles.contains(e.role))
            continue;
        applied.push_back(&e);
        everyone = everyone || e.rule.isAlwaysTrue();
        grant.rules << e.role + QLatin1String(": ")
                + (e.rule.isAlwaysTrue() ? QStringLiteral("everyone") : e.expression);
    }
    if (applied.empty())
        return grant;

    QString condition;
    if (!everyone) {
        if (applied.size() > 1)
            condition += u'(';
        for (size_t i = 0; i < applied.size(); ++i) {
            if (i > 0)
                condition += QLatin1String(" OR ");
            condition += applied[i]->rule.sql(qualifier);
            grant.parameters += applied[i]->rule.parameters(caller);
        }
        if (applied.size() > 1)
            condition += u')';
    }
    if (const auto tenant = m_tenantRules.constFind(table.id); tenant != m_tenantRules.cend()) {
        grant.rules << QStringLiteral("tenant: ") + tenantExpression();
        const QString tenantSql = tenant->sql(qualifier);
        condition
            = condition.isEmpty() ? tenantSql : u'(' + condition + QLatin1String(" AND ") + tenantSql + u')';
        grant.parameters += tenant->parameters(caller);
    }
    grant.kind = condition.isEmpty() ? Grant::Kind::Unrestricted : Grant::Kind::Conditional;
    grant.condition = condition;
    return grant;
}

QVariant AccessPolicy::tenantValue(const Table &table, const Caller &caller) const
{
    if (caller.isService() || !table.tenantScoped)
        return {};
    const Field *field = table.fieldByName(tenantColumn());
    const QJsonValue claim = caller.claims.value(tenantColumn());
    if (!field || claim.isNull() || claim.isUndefined())
        return {};
    Result<QVariant> value = ValueCodec::fromJson(*field, claim);
    return value ? *value : QVariant();
}

} // namespace Runtime
