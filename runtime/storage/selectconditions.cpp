// SPDX-License-Identifier: GPL-3.0-or-later
// SelectBuilder's filters, order and paging: the WHERE, ORDER BY and LIMIT parts of a level.
#include "selectbuilder.h"

#include "sqldialect.h"
#include "valuecodec.h"

namespace Runtime {

namespace {
const char *comparison(FilterOperator op)
{
    switch (op) {
    case FilterOperator::Neq: return " <> ?";
    case FilterOperator::Gt: return " > ?";
    case FilterOperator::Gte: return " >= ?";
    case FilterOperator::Lt: return " < ?";
    case FilterOperator::Lte: return " <= ?";
    default: return " = ?";
    }
}
} // namespace

Result<QString> SelectBuilder::condition(const Table &table, const QString &qualifier, const Condition &c)
{
    QString sql;
    if (c.kind == Condition::Kind::Filter) {
        Result<QString> f = filter(table, qualifier, c.filter);
        if (!f)
            return f;
        sql = *f;
    } else {
        QStringList parts;
        for (const Condition &child : c.children) {
            Result<QString> part = condition(table, qualifier, child);
            if (!part)
                return part;
            parts << *part;
        }
        parts.removeAll(QString());
        sql = parts.join(c.kind == Condition::Kind::And ? QStringLiteral(" AND ") : QStringLiteral(" OR "));
        if (!sql.isEmpty())
            sql = QLatin1Char('(') + sql + QLatin1Char(')');
    }
    if (c.negated && !sql.isEmpty())
        sql = QStringLiteral("NOT ") + sql;
    return sql;
}

Result<QString> SelectBuilder::filter(const Table &table, const QString &qualifier, const Filter &f)
{
    Result<const Field *> field = visibleField(table, f.column);
    if (!field)
        return field.error();
    const QString column = qualifier + QLatin1Char('.') + m_dialect.quoteIdentifier(f.column);
    QString sql;
    switch (f.op) {
    case FilterOperator::Like:
    case FilterOperator::Ilike: {
        const bool ci = f.op == FilterOperator::Ilike;
        if (Result<void> storable = ValueCodec::checkStorable(**field, f.value); !storable)
            return storable.error();
        QString pattern = f.value;
        pattern.replace(QLatin1Char('*'), QLatin1Char('%'));
        m_params << m_dialect.likePattern(pattern, ci);
        sql = m_dialect.likeCondition(column, ci);
        break;
    }
    case FilterOperator::In: {
        QStringList marks;
        for (const QString &value : f.values) {
            Result<QVariant> v = ValueCodec::fromText(**field, value);
            if (!v)
                return v.error();
            m_params << *v;
            marks << QStringLiteral("?");
        }
        sql = marks.isEmpty() ? QStringLiteral("1 = 0")
                              : column + QStringLiteral(" IN (") + marks.join(QStringLiteral(", ")) + QLatin1Char(')');
        break;
    }
    case FilterOperator::Is: {
        const QString v = f.value.toLower();
        if (v == QLatin1String("null") || v == QLatin1String("unknown"))
            sql = column + QStringLiteral(" IS NULL");
        else if (v == QLatin1String("true") || v == QLatin1String("false"))
            sql = column + QStringLiteral(" IS ") + v.toUpper();
        else
            return Error(ErrorCode::InvalidValue,
                QStringLiteral("invalid value for is on column \"%1\": \"%2\"").arg(f.column, f.value));
        break;
    }
    default: {
        Result<QVariant> v = ValueCodec::fromText(**field, f.value);
        if (!v)
            return v.error();
        m_params << *v;
        sql = column + QLatin1String(comparison(f.op));
    }
    }
    return f.negated ? QStringLiteral("NOT (") + sql + QLatin1Char(')') : sql;
}

Result<QString> SelectBuilder::orderBy(const Table &table, const QString &alias, const QStringList &path)
{
    const QueryLevel *l = level(path);
    QStringList terms;
    if (!l || l->order.empty()) {
        // A stable default, so both engines return the same rows in the same order.
        if (const Field *pk = table.primaryKey())
            terms << alias + QLatin1Char('.') + m_dialect.quoteIdentifier(pk->name);
        return terms.join(QStringLiteral(", "));
    }
    for (const OrderTerm &term : l->order) {
        Result<const Field *> field = visibleField(table, term.column);
        if (!field)
            return field.error();
        QString sql = alias + QLatin1Char('.') + m_dialect.quoteIdentifier(term.column)
            + (term.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC"));
        // Engines disagree on where NULLs go (PostgreSQL: last when ascending), so say it on both.
        bool nullsFirst = term.descending;
        if (term.nulls != OrderTerm::Nulls::Default)
            nullsFirst = term.nulls == OrderTerm::Nulls::First;
        if (!(*field)->required && !(*field)->isPrimaryKey())
            sql += nullsFirst ? QStringLiteral(" NULLS FIRST") : QStringLiteral(" NULLS LAST");
        terms << sql;
    }
    return terms.join(QStringLiteral(", "));
}

QString SelectBuilder::limit(const QStringList &path)
{
    const QueryLevel *l = level(path);
    if (!l)
        return {};
    if (l->limit)
        m_params << QVariant(*l->limit);
    if (l->offset)
        m_params << QVariant(*l->offset);
    return m_dialect.limitClause(l->limit.has_value(), l->offset.has_value());
}

} // namespace Runtime
