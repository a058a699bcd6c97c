// SPDX-License-Identifier: GPL-3.0-or-later
// RecordAccess: applies the project's AccessPolicy to RecordStore calls and explains what it did.
#include "recordaccess.h"


#include "sqldialect.h"
#include "valuecodec.h"
#include "writebuilder.h"

namespace Runtime {

namespace {
QString kindName(Grant::Kind kind)
{
    switch (kind) {
    case Grant::Kind::Denied:
        return QStringLiteral("denied");
    case Grant::Kind::Unrestricted:
        return QStringLiteral("unrestricted");
    case Grant::Kind::Conditional:
        break;
    }
    return QStringLiteral("conditional");
}

const QString s_tenantField = QStringLiteral("organization_id");

} // namespace

AccessExplanation::Entry &AccessExplanation::entry(
    const Table &table, Operation operation, const Grant &grant)
{
    for (Entry &e : tables) {
        if (e.table == table.name && e.operation == operation)
            return e;
    }
    tables.push_back(Entry {table.name, operation, grant, {}, {}});
    return tables.back();
}

QByteArray AccessExplanation::toJson() const
{
    // Written by hand to keep the keys in a reading order (QJsonObject sorts them).
    QByteArray out;
    auto key = [&out](const char *name) {
        if (!out.endsWith('{'))
            out += ',';
        out += '"';
        out += name;
        out += "\":";
    };
    auto text = [&](const char *name, const QString &value) {
        key(name);
        ValueCodec::appendJsonString(out, value);
    };
    auto number = [&](const char *name, qint64 value) {
        key(name);
        out += QByteArray::number(value);
    };
    out += '{';
    text("role", role);
    text("user", user);
    key("tables");
    out += '[';
    for (const Entry &e : tables) {
        if (out.endsWith('}'))
            out += ',';
        out += '{';
        text("table", e.table);
        text("operation", operationName(e.operation));
        text("grant", kindName(e.grant.kind));
        key("rules");
        out += '[';
        for (qsizetype i = 0; i < e.grant.rules.size(); ++i) {
            if (i > 0)
                out += ',';
            ValueCodec::appendJsonString(out, e.grant.rules.at(i));
        }
        out += ']';
        if (e.grant.kind == Grant::Kind::Conditional)
            text("condition", e.grant.condition);
        if (e.matched)
            number("matched", *e.matched);
        if (e.allowed)
            number("allowed", *e.allowed);
        if (e.matched && e.allowed)
            number("excluded", *e.matched - *e.allowed);
        out += '}';
    }
    out += ']';
    text("decision", refused ? QStringLiteral("refused") : QStringLiteral("allowed"));
    if (!reason.isEmpty())
        text("reason", reason);
    out += '}';
    return out;
}

RecordAccess::RecordAccess(std::shared_ptr<const Project> project,
    const std::vector<Relationship> &viewRelationships, const SqlDialect &dialect, Counter count)
    : m_project(std::move(project))
    , m_viewRelationships(viewRelationships)
    , m_dialect(dialect)
    , m_count(std::move(count))
{ }

void RecordAccess::begin(const Caller &caller)
{
    m_caller = caller;
    m_explanation = {};
    m_explanation.role = caller.role;
    m_explanation.user = caller.userId;
    m_last.clear();
}

Result<RecordResult> RecordAccess::finish(Result<RecordResult> result)
{
    if (!m_caller.explain)
        return result;
    if (!result) {
        m_explanation.refused = true;
        if (m_explanation.reason.isEmpty())
            m_explanation.reason = result.error().message;
    }
    m_last = m_explanation.toJson();
    if (result)
        result->explain = m_last;
    return result;
}

Result<Grant> RecordAccess::grant(const Table &table, Operation operation, const QString &qualifier)
{
    Grant g;
    if (m_caller.isService()) {
        g.kind = Grant::Kind::Unrestricted;
    } else {
        if (!m_policy) {
            // The project was validated when it was loaded: a rule that does not compile is our bug.
            Result<std::shared_ptr<const AccessPolicy>> compiled
                = AccessPolicy::compile(m_project, m_dialect);
            if (!compiled)
                return Error(ErrorCode::Internal,
                    QStringLiteral("The permission rules could not be compiled"),
                    compiled.error().toString());
            m_policy = std::move(compiled).value();
        }
        g = m_policy->grant(table, operation, m_caller, qualifier);
    }
    if (m_caller.explain)
        m_explanation.entry(table, operation, g);
    return g;
}

AccessFilter RecordAccess::selectFilter()
{
    if (m_caller.isService())
        return {};
    return [this](const Table &table, const QString &alias) -> Result<SqlStatement> {
        Result<Grant> g = grant(table, Operation::Select, alias);
        if (!g)
            return g.error();
        if (g->isDenied())
            return denied(table);
        if (g->kind == Grant::Kind::Unrestricted)
            return SqlStatement {};
        return SqlStatement {g->condition, g->parameters};
    };
}

Error RecordAccess::refuse(const QString &message)
{
    if (m_explanation.reason.isEmpty())
        m_explanation.reason = message;
    m_explanation.refused = true;
    return Error(m_caller.isAnon() ? ErrorCode::NotAuthenticated : ErrorCode::PermissionDenied, message);
}

Result<void> RecordAccess::checkWritable(const Table &table, const std::vector<WriteRow> &rows) const
{
    if (m_caller.isService())
        return {};
    // The profile's email follows the account's (PUT /auth/v1/user changes both): a user who could set
    // it to another address could take someone else's, blocking their sign-up.
    const bool profile = table.id == m_project->settings.usersTable;
    for (const WriteRow &row : rows) {
        for (const auto &[field, value] : row.values) {
            // Writing one's own account email (an upsert of the whole row) changes nothing and is let through.
            const bool accountEmail = profile && field->name == QLatin1String("email")
                && value.toString().compare(m_caller.email, Qt::CaseInsensitive) != 0;
            if (!field->readOnly && !field->hidden && !accountEmail)
                continue;
            Error e(ErrorCode::ReadOnlyField,
                QStringLiteral("column \"%1\" of table %2 is read-only").arg(field->name, table.name));
            e.problems << Problem {Problem::Severity::Error, field->name, QStringLiteral("is read-only")};
            return e;
        }
    }
    return {};
}

Result<void> RecordAccess::fillTenant(const Table &table, std::vector<WriteRow> &rows)
{
    const Field *tenant = table.fieldByName(s_tenantField);
    if (!table.tenantScoped || !tenant || m_caller.isService())
        return {};
    if (Result<Grant> compiled = grant(table, Operation::Insert, m_dialect.quoteIdentifier(table.name));
        !compiled)
        return compiled.error();
    const QVariant claim = m_policy->tenantValue(table, m_caller);
    if (!claim.isValid())
        return {};
    Result<QVariant> value = ValueCodec::fromText(*tenant, claim.toString());
    if (!value)
        return value.error();
    const int index = table.fieldIndex(tenant->id);
    for (WriteRow &row : rows) {
        auto pos = row.values.begin();
        while (pos != row.values.end() && pos->first != tenant && table.fieldIndex(pos->first->id) < index)
            ++pos;
        if (pos == row.values.end() || pos->first != tenant)
            row.values.insert(pos, {tenant, *value});
    }
    return {};
}

QString RecordAccess::placeholders(const QVariantList &values, QVariantList &params)
{
    QStringList marks;
    for (const QVariant &value : values) {
        marks << QStringLiteral("?");
        params << value;
    }
    return marks.join(QStringLiteral(", "));
}

QString RecordAccess::checkQualifier() const
{
    return m_dialect.quoteIdentifier(QStringLiteral("q"));
}

SqlStatement RecordAccess::checkStatement(
    const Table &table, const QVariantList &keys, const std::vector<Grant> &conditions) const
{
    const QString q = checkQualifier();
    SqlStatement s;
    const QString marks = placeholders(keys, s.params);
    QStringList rules;
    for (const Grant &g : conditions) {
        rules << g.condition;
        s.params << g.parameters;
    }
    s.sql = QStringLiteral("SELECT COUNT(*) FROM ") + m_dialect.quoteIdentifier(table.name)
        + QStringLiteral(" AS ") + q + QStringLiteral(" WHERE ") + q + QLatin1Char('.')
        + m_dialect.quoteIdentifier(table.primaryKey()->name) + QStringLiteral(" IN (") + marks
        + QStringLiteral(") AND NOT COALESCE(")
        + rules.join(QStringLiteral(" AND ")) + QStringLiteral(", FALSE)");
    return s;
}

Result<void> RecordAccess::explainRead(const Table &table, const ApiQuery &query)
{
    // Two extra counts, only when explaining: the request's filters alone, then with the rules.
    SelectBuilder plain(*m_project, m_dialect, query);
    plain.setViewRelationships(&m_viewRelationships);
    Result<SelectPlan> all = plain.build(table, true);
    if (!all)
        return all.error();
    Result<qint64> matched = m_count(all->count, table);
    if (!matched)
        return matched.error();
    Result<Grant> g = grant(table, Operation::Select, QStringLiteral("t0"));
    if (!g)
        return g.error();
    AccessExplanation::Entry &entry = m_explanation.entry(table, Operation::Select, *g);
    entry.matched = *matched;
    entry.allowed = 0;
    if (g->isDenied())
        return {};
    SelectBuilder ruled(*m_project, m_dialect, query);
    ruled.setViewRelationships(&m_viewRelationships);
    ruled.setAccessFilter(selectFilter());
    Result<SelectPlan> allowed = ruled.build(table, true);
    if (!allowed)
        return {}; // an embed is refused: the read itself says so
    Result<qint64> allowedCount = m_count(allowed->count, table);
    if (!allowedCount)
        return allowedCount.error();
    m_explanation.entry(table, Operation::Select, *g).allowed = *allowedCount;
    return {};
}

Result<void> RecordAccess::explainFiltered(const Table &table, Operation operation, const QString &filters,
    const QVariantList &params, const Grant &grant)
{
    const QString from = QStringLiteral("SELECT COUNT(*) FROM ") + m_dialect.quoteIdentifier(table.name);
    Result<qint64> matched
        = m_count({filters.isEmpty() ? from : from + QStringLiteral(" WHERE ") + filters, params}, table);
    if (!matched)
        return matched.error();
    QVariantList ruledParams = params;
    const QString ruled = andGrant(filters, grant, ruledParams);
    Result<qint64> allowed = grant.isDenied()
        ? Result<qint64>(0)
        : m_count({ruled.isEmpty() ? from : from + QStringLiteral(" WHERE ") + ruled, ruledParams}, table);
    if (!allowed)
        return allowed.error();
    AccessExplanation::Entry &entry = m_explanation.entry(table, operation, grant);
    entry.matched = *matched;
    entry.allowed = *allowed;
    return {};
}

Result<Grant> RecordAccess::authorize(
    const Table &table, Operation operation, const QString &qualifier, bool returnsRows)
{
    Result<Grant> g = grant(table, operation, qualifier);
    if (!g)
        return g;
    if (g->isDenied())
        return denied(table);
    if (returnsRows && !m_caller.isService()) {
        Result<Grant> select = grant(table, Operation::Select, QStringLiteral("t0"));
        if (!select)
            return select;
        if (select->isDenied())
            return denied(table);
    }
    return g;
}

Result<void> RecordAccess::checkRows(const Table &table, Operation operation, const QVariantList &keys,
    const std::vector<Operation> &operations)
{
    std::vector<Grant> conditions;
    QStringList rules;
    for (Operation op : operations) {
        Result<Grant> g = grant(table, op, checkQualifier());
        if (!g)
            return g.error();
        if (g->kind == Grant::Kind::Conditional) {
            conditions.push_back(*g);
            rules << g->rules;
        }
    }
    qint64 violations = 0;
    if (!conditions.empty() && !keys.isEmpty()) {
        if (!table.primaryKey())
            violations = keys.size(); // rows that cannot be named cannot be checked
        for (qsizetype i = 0; table.primaryKey() && i < keys.size(); i += s_checkChunk) {
            Result<qint64> broken
                = m_count(checkStatement(table, keys.mid(i, s_checkChunk), conditions), table);
            if (!broken)
                return broken.error();
            violations += *broken;
        }
    }
    if (m_caller.explain) {
        AccessExplanation::Entry &entry = m_explanation.entry(table, operation, Grant {});
        if (!entry.matched) {
            entry.matched = keys.size();
            entry.allowed = keys.size() - violations;
        }
    }
    if (violations == 0)
        return {};
    const QString message
        = QStringLiteral("new row violates row-level security policy for table \"%1\"").arg(table.name);
    if (m_caller.explain)
        m_explanation.reason
            = message + QStringLiteral(" (") + rules.join(QStringLiteral("; ")) + QLatin1Char(')');
    return refuse(message);
}

QString andGrant(const QString &condition, const Grant &grant, QVariantList &params)
{
    if (grant.kind != Grant::Kind::Conditional || grant.condition.isEmpty())
        return condition;
    params << grant.parameters;
    if (condition.isEmpty())
        return grant.condition;
    return QLatin1Char('(') + condition + QStringLiteral(") AND ") + grant.condition;
}

} // namespace Runtime
