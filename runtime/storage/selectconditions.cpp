// SPDX-License-Identifier: GPL-3.0-or-later
// SelectBuilder's filters, order and paging: the WHERE, ORDER BY and LIMIT parts of a level.
#include "selectbuilder.h"

#include "arrayvalues.h"
#include "jsonfilters.h"
#include "sqldialect.h"
#include "typeconversion.h"
#include "valuecodec.h"

#include <algorithm>

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

namespace {
QString textSearchName(FilterOperator op)
{
    switch (op) {
    case FilterOperator::PlainFts: return QStringLiteral("plfts");
    case FilterOperator::PhraseFts: return QStringLiteral("phfts");
    case FilterOperator::WebFts: return QStringLiteral("wfts");
    default: return QStringLiteral("fts");
    }
}

struct CastName
{
    const char16_t *name;
    FieldType type;
};

// PostgreSQL's type names a cast may use, and the field type each gives the value.
constexpr CastName s_casts[] = {
    {u"text", FieldType::Text}, {u"varchar", FieldType::Text},
    {u"int", FieldType::Integer}, {u"integer", FieldType::Integer}, {u"int2", FieldType::Integer},
    {u"int4", FieldType::Integer}, {u"int8", FieldType::Integer}, {u"smallint", FieldType::Integer},
    {u"bigint", FieldType::Integer}, {u"numeric", FieldType::Number}, {u"decimal", FieldType::Number},
    {u"real", FieldType::Number}, {u"float", FieldType::Number}, {u"float4", FieldType::Number},
    {u"float8", FieldType::Number}, {u"bool", FieldType::Boolean}, {u"boolean", FieldType::Boolean},
    {u"json", FieldType::Json}, {u"jsonb", FieldType::Json}, {u"date", FieldType::Date},
    {u"timestamp", FieldType::DateTime}, {u"timestamptz", FieldType::DateTime}, {u"uuid", FieldType::Uuid},
};
} // namespace

Result<SelectBuilder::Value> SelectBuilder::valueOf(const Table &table, const QString &qualifier,
    const QString &column, const JsonPath &path, const QString &cast) const
{
    Result<const Field *> field = visibleField(table, column);
    if (!field)
        return field.error();
    Value value {qualifier + QLatin1Char('.') + m_dialect.quoteIdentifier(column), **field};
    if (!path.empty()) {
        if ((*field)->type != FieldType::Json) {
            return Error(ErrorCode::BadQuery, QStringLiteral("\"%1\" is %2, not JSON: a JSON path (->, ->>) applies to JSON fields")
                                                  .arg(column, fieldTypeName((*field)->type)));
        }
        value.sql = m_dialect.jsonPathExpression(value.sql, path);
        value.field.type = path.back().asText ? FieldType::Text : FieldType::Json;
        value.field.validation = {};
        value.field.enumValues.clear();
    }
    if (!cast.isEmpty()) {
        Result<FieldType> type = castType(column, value.field.type, cast);
        if (!type)
            return type.error();
        value.sql = m_dialect.conversionExpression(value.field.type, *type, value.sql);
        value.field.type = *type;
    }
    return value;
}

Result<FieldType> SelectBuilder::castType(const QString &column, FieldType from, const QString &cast)
{
    const auto known = std::find_if(std::begin(s_casts), std::end(s_casts),
        [&cast](const CastName &c) { return cast == QStringView(c.name); });
    if (known == std::end(s_casts)) {
        return Error(ErrorCode::BadQuery, QStringLiteral("\"%1::%2\": unknown type %2 (use text, integer, bigint, numeric, "
                                                         "float8, boolean, json, jsonb, date, timestamptz or uuid)").arg(column, cast));
    }
    if (typeConversion(from, known->type) == TypeConversion::Impossible) {
        return Error(ErrorCode::BadQuery, QStringLiteral("\"%1::%2\": a %3 value cannot be cast to %2")
                                              .arg(column, cast, fieldTypeName(from)));
    }
    return known->type;
}

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
    Result<Value> value = valueOf(table, qualifier, f.column, f.jsonPath);
    if (!value)
        return value.error();
    const Field &field = value->field;
    if (f.quantifier != Quantifier::None) {
        // `op(any).{a,b}` is `op.a OR op.b`, `op(all)` the same with AND; an empty list is false / true.
        const bool any = f.quantifier == Quantifier::Any;
        QStringList parts;
        for (const QString &value : f.values) {
            Filter one = f;
            one.quantifier = Quantifier::None;
            one.negated = false;
            one.values.clear();
            one.value = value;
            Result<QString> part = filter(table, qualifier, one);
            if (!part)
                return part;
            parts << *part;
        }
        const QString sql = parts.isEmpty() ? (any ? QStringLiteral("1 = 0") : QStringLiteral("1 = 1"))
                                            : QLatin1Char('(') + parts.join(any ? QStringLiteral(" OR ") : QStringLiteral(" AND ")) + QLatin1Char(')');
        return f.negated ? QStringLiteral("NOT ") + sql : sql;
    }
    // A value at a `->` path is JSON: compared as JSON values are (numbers by value), with the bound
    // value read as JSON too.
    const bool jsonValue = !f.jsonPath.empty() && !f.jsonPath.back().asText;
    const QString column = jsonValue ? m_dialect.jsonComparable(value->sql) : value->sql;
    const QString mark = jsonValue ? m_dialect.jsonComparable(QStringLiteral("?")) : QStringLiteral("?");
    QString sql;
    switch (f.op) {
    case FilterOperator::IsDistinct: {
        Result<QVariant> v = ValueCodec::fromText(field, f.value);
        if (!v)
            return v.error();
        m_params << m_dialect.boundValue(field.type, *v);
        sql = m_dialect.distinctCondition(column, mark);
        break;
    }
    case FilterOperator::Match:
    case FilterOperator::Imatch:
        if (Result<void> storable = ValueCodec::checkStorable(field, f.value); !storable)
            return storable.error();
        m_params << f.value;
        sql = m_dialect.regexCondition(column, f.op == FilterOperator::Imatch);
        break;
    case FilterOperator::Contains:
    case FilterOperator::ContainedBy:
    case FilterOperator::Overlaps: {
        if (field.type != FieldType::Json && !isArray(field.type)) {
            Error error(ErrorCode::BadQuery,
                QStringLiteral("\"%1\": cs, cd and ov apply to JSON and array fields, and %1 is %2").arg(f.column, fieldTypeName(field.type)));
            error.problems.append(Problem {Problem::Severity::Error, f.column,
                QStringLiteral("compare it with eq, in or like instead"), {}});
            return error;
        }
        // An array field is compared as the JSON array it reads as, with the elements typed as its own.
        const bool array = isArray(field.type) && f.jsonPath.empty();
        Result<QByteArray> json = array ? ArrayValues::filterValue(field, f.value) : jsonFilterValue(f.column, f.value);
        if (!json)
            return json.error();
        if (f.op == FilterOperator::Overlaps && !json->startsWith('[')) {
            return Error(ErrorCode::InvalidValue,
                QStringLiteral("invalid value for ov on column \"%1\": \"%2\" is not a list; write ov.{a,b} or ov.[\"a\",\"b\"]")
                    .arg(f.column, f.value));
        }
        m_params << QString::fromUtf8(*json);
        const QString target = array ? m_dialect.arrayJson(column) : column;
        sql = f.op == FilterOperator::Overlaps ? m_dialect.jsonOverlapsCondition(target)
                                               : m_dialect.jsonContainsCondition(target, f.op == FilterOperator::ContainedBy);
        // A NULL array matches neither the condition nor its not. (as && and @> on PostgreSQL's arrays).
        if (array)
            sql = QStringLiteral("(CASE WHEN %1 IS NULL THEN NULL ELSE %2 END)").arg(column, sql);
        break;
    }
    case FilterOperator::Fts:
    case FilterOperator::PlainFts:
    case FilterOperator::PhraseFts:
    case FilterOperator::WebFts: {
        if (!isTextLike(field.type) || field.type == FieldType::Uuid) {
            Error error(ErrorCode::BadQuery,
                QStringLiteral("\"%1\": full-text search applies to text fields, and %1 is %2").arg(f.column, fieldTypeName(field.type)));
            error.problems.append(Problem {Problem::Severity::Error, f.column,
                QStringLiteral("search a text field, or a JSON value as text (%1->>key)").arg(f.column), {}});
            return error;
        }
        if (Result<void> storable = ValueCodec::checkStorable(field, f.value); !storable)
            return storable.error();
        m_params << f.value;
        sql = m_dialect.textSearchCondition(column, textSearchName(f.op),
            f.language.isEmpty() ? QStringLiteral("english") : f.language);
        break;
    }
    case FilterOperator::Like:
    case FilterOperator::Ilike: {
        const bool ci = f.op == FilterOperator::Ilike;
        if (Result<void> storable = ValueCodec::checkStorable(field, f.value); !storable)
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
            Result<QVariant> v = ValueCodec::fromText(field, value);
            if (!v)
                return v.error();
            m_params << m_dialect.boundValue(field.type, *v);
            marks << mark;
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
        Result<QVariant> v = ValueCodec::fromText(field, f.value);
        if (!v)
            return v.error();
        m_params << m_dialect.boundValue(field.type, *v);
        sql = column + QString::fromLatin1(comparison(f.op)).replace(QLatin1Char('?'), mark);
    }
    }
    return f.negated ? QStringLiteral("NOT (") + sql + QLatin1Char(')') : sql;
}

Result<QString> SelectBuilder::orderBy(const Table &table, const QString &alias, const QStringList &path,
    const ColumnList *grouping)
{
    const QueryLevel *l = level(path);
    const bool grouped = grouping && grouping->aggregated;
    QStringList terms;
    if (!l || l->order.empty()) {
        // A stable default, so both engines return the same rows in the same order; groups by what
        // they are grouped by.
        if (grouped)
            return grouping->groupBy.join(QStringLiteral(", "));
        if (const Field *pk = table.primaryKey())
            terms << alias + QLatin1Char('.') + m_dialect.quoteIdentifier(pk->name);
        return terms.join(QStringLiteral(", "));
    }
    for (const OrderTerm &term : l->order) {
        Result<Value> value = valueOf(table, alias, term.column, term.jsonPath);
        if (!value)
            return value.error();
        if (grouped && !grouping->groupBy.contains(value->sql)) {
            return Error(ErrorCode::InvalidAggregate,
                QStringLiteral("order=%1: with aggregates, order by a selected column that is not aggregated").arg(term.column));
        }
        const Field &field = value->field;
        const bool jsonValue = !term.jsonPath.empty() && !term.jsonPath.back().asText;
        QString sql = (jsonValue ? m_dialect.jsonComparable(value->sql) : value->sql)
            + (term.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC"));
        // Engines disagree on where NULLs go (PostgreSQL: last when ascending), so say it on both.
        bool nullsFirst = term.descending;
        if (term.nulls != OrderTerm::Nulls::Default)
            nullsFirst = term.nulls == OrderTerm::Nulls::First;
        if ((!field.required && !field.isPrimaryKey()) || !term.jsonPath.empty())
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
