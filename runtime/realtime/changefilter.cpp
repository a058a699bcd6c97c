// SPDX-License-Identifier: GPL-3.0-or-later
// ChangeFilter: one condition of a postgres_changes filter (`column=op.value`), checked against a changed
// row.
#include "changefilter.h"

#include "query/likepattern.h"

#include "storage/valuecodec.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <optional>

namespace Runtime {

namespace {

Error invalid(const QString &message)
{
    return Error(ErrorCode::InvalidBody, message);
}

} // namespace

QStringList splitFilterList(const QString &text)
{
    QStringList parts;
    QString current;
    int depth = 0;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted && c == u'\\' && i + 1 < text.size()) {
            current += c;
            current += text.at(++i);
            continue;
        }
        if (c == u'"')
            quoted = !quoted;
        else if (!quoted && c == u'(')
            ++depth;
        else if (!quoted && c == u')')
            --depth;
        if (c == u',' && depth == 0 && !quoted) {
            parts.append(current);
            current.clear();
            continue;
        }
        current += c;
    }
    parts.append(current);
    return parts;
}

namespace {

/** Returns \a value without PostgREST's double quotes (and their backslash escapes). */
QString unquote(const QString &value)
{
    if (value.size() < 2 || !value.startsWith(u'"') || !value.endsWith(u'"'))
        return value;
    QString out;
    for (qsizetype i = 1; i + 1 < value.size(); ++i) {
        if (value.at(i) == u'\\' && i + 2 < value.size())
            ++i;
        out += value.at(i);
    }
    return out;
}

const QHash<QString, ChangeFilter::Op> &operators()
{
    static const QHash<QString, ChangeFilter::Op> ops {{QStringLiteral("eq"), ChangeFilter::Op::Eq},
        {QStringLiteral("neq"), ChangeFilter::Op::Neq}, {QStringLiteral("lt"), ChangeFilter::Op::Lt},
        {QStringLiteral("lte"), ChangeFilter::Op::Lte}, {QStringLiteral("gt"), ChangeFilter::Op::Gt},
        {QStringLiteral("gte"), ChangeFilter::Op::Gte}, {QStringLiteral("in"), ChangeFilter::Op::In},
        {QStringLiteral("like"), ChangeFilter::Op::Like}, {QStringLiteral("ilike"), ChangeFilter::Op::ILike},
        {QStringLiteral("is"), ChangeFilter::Op::Is}, {QStringLiteral("match"), ChangeFilter::Op::Match},
        {QStringLiteral("imatch"), ChangeFilter::Op::IMatch},
        {QStringLiteral("isdistinct"), ChangeFilter::Op::IsDistinct}};
    return ops;
}

QString textOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return {};
}

/** Returns the order of \a value against the filter text \a text for a column of \a type (-1, 0, 1), or
    nothing when they cannot be compared (a number filter on a value that is not one). */
std::optional<int> compare(const QJsonValue &value, const QString &text, FieldType type)
{
    if (isNumeric(type)) {
        bool ok = false;
        const double wanted = text.toDouble(&ok);
        if (!ok || !value.isDouble())
            return std::nullopt;
        const double have = value.toDouble();
        return have < wanted ? -1 : (have > wanted ? 1 : 0);
    }
    if (type == FieldType::Boolean) {
        const QString lower = text.toLower();
        const bool isTrue = lower == QLatin1String("true") || lower == QLatin1String("t");
        if (!isTrue && lower != QLatin1String("false") && lower != QLatin1String("f"))
            return std::nullopt;
        return int(value.toBool()) - int(isTrue);
    }
    QString have = textOf(value);
    QString wanted = text;
    if (type == FieldType::DateTime) {
        const QString a = ValueCodec::normalizeDateTime(have);
        const QString b = ValueCodec::normalizeDateTime(wanted);
        if (!a.isEmpty() && !b.isEmpty()) {
            have = a;
            wanted = b;
        }
    }
    if (type == FieldType::Uuid) {
        have = have.toLower();
        wanted = wanted.toLower();
    }
    const int order = have.compare(wanted);
    return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

} // namespace

Result<ChangeFilter> ChangeFilter::parse(const QString &text, const Table &table, bool service)
{
    const qsizetype equals = text.indexOf(u'=');
    if (equals <= 0)
        return invalid(
            QStringLiteral("the filter \"%1\" is not column=operator.value (e.g. id=eq.5)").arg(text));
    ChangeFilter filter;
    filter.column = text.left(equals).trimmed();
    const Field *field = table.fieldByName(filter.column);
    if (!field)
        return invalid(
            QStringLiteral("the filter \"%1\" names the column \"%2\", which table %3 does not have")
                .arg(text, filter.column, table.name));
    if (field->hidden && !service)
        return invalid(
            QStringLiteral("the filter \"%1\" names the hidden column \"%2\" of table %3; only the "
                           "service role may filter on it")
                .arg(text, filter.column, table.name));
    filter.type = field->type;
    QString rest = text.mid(equals + 1);
    if (rest.startsWith(QLatin1String("not."))) {
        filter.negated = true;
        rest = rest.mid(4);
    }
    const qsizetype dot = rest.indexOf(u'.');
    const QString opName = dot < 0 ? rest : rest.left(dot);
    const auto op = operators().constFind(opName);
    if (dot < 0 || op == operators().cend())
        return invalid(
            QStringLiteral("the filter \"%1\" has the unknown operator \"%2\"; use eq, neq, lt, lte, gt, "
                           "gte, in, like, ilike, is, match, imatch or isdistinct")
                .arg(text, opName));
    filter.op = *op;
    const QString value = rest.mid(dot + 1);
    switch (filter.op) {
    case ChangeFilter::Op::In: {
        if (!value.startsWith(u'(') || !value.endsWith(u')'))
            return invalid(
                QStringLiteral("the filter \"%1\" must list its values in parentheses: in.(a,b)").arg(text));
        for (const QString &item : splitFilterList(value.mid(1, value.size() - 2)))
            filter.values.append(unquote(item.trimmed()));
        break;
    }
    case ChangeFilter::Op::Is: {
        const QString lower = value.toLower();
        if (lower != QLatin1String("null") && lower != QLatin1String("true")
            && lower != QLatin1String("false") && lower != QLatin1String("unknown"))
            return invalid(
                QStringLiteral("the filter \"%1\" must be is.null, is.true, is.false or is.unknown")
                    .arg(text));
        filter.values.append(lower);
        break;
    }
    case ChangeFilter::Op::Like:
    case ChangeFilter::Op::ILike:
        filter.values.append(unquote(value));
        filter.pattern = likePattern(filter.values.constFirst(), filter.op == ChangeFilter::Op::ILike);
        break;
    case ChangeFilter::Op::Match:
    case ChangeFilter::Op::IMatch:
        filter.values.append(unquote(value));
        filter.pattern = QRegularExpression(filter.values.constFirst(),
            filter.op == ChangeFilter::Op::IMatch ? QRegularExpression::CaseInsensitiveOption
                                                  : QRegularExpression::NoPatternOption);
        if (!filter.pattern.isValid())
            return invalid(QStringLiteral("the filter \"%1\" is not a valid regular expression: %2")
                               .arg(text, filter.pattern.errorString()));
        break;
    default:
        filter.values.append(unquote(value));
        break;
    }
    return filter;
}

bool ChangeFilter::matches(const QJsonObject &row) const
{
    const QJsonValue value = row.value(column);
    const bool isNull = value.isNull() || value.isUndefined();
    bool result = false;
    switch (op) {
    case Op::Is: {
        const QString &wanted = values.constFirst();
        if (wanted == QLatin1String("null") || wanted == QLatin1String("unknown"))
            result = isNull;
        else
            result = !isNull && value.isBool() && value.toBool() == (wanted == QLatin1String("true"));
        return negated ? !result : result;
    }
    case Op::IsDistinct:
        if (isNull)
            result = true;
        else
            result = compare(value, values.constFirst(), type) != std::optional<int>(0);
        return negated ? !result : result;
    default:
        break;
    }
    if (isNull)
        return false; // SQL: a comparison with NULL is never true, negated or not
    switch (op) {
    case Op::Eq:
        result = compare(value, values.constFirst(), type) == 0;
        break;
    case Op::Neq: {
        const std::optional<int> order = compare(value, values.constFirst(), type);
        result = order && *order != 0;
        break;
    }
    case Op::Lt:
        result = compare(value, values.constFirst(), type).value_or(1) < 0;
        break;
    case Op::Lte:
        result = compare(value, values.constFirst(), type).value_or(1) <= 0;
        break;
    case Op::Gt:
        result = compare(value, values.constFirst(), type).value_or(-1) > 0;
        break;
    case Op::Gte:
        result = compare(value, values.constFirst(), type).value_or(-1) >= 0;
        break;
    case Op::In:
        result = std::any_of(values.cbegin(), values.cend(),
            [&](const QString &item) { return compare(value, item, type) == 0; });
        break;
    case Op::Like:
    case Op::ILike:
        result = pattern.match(textOf(value)).hasMatch();
        break;
    case Op::Match:
    case Op::IMatch:
        result = pattern.match(textOf(value)).hasMatch();
        break;
    case Op::Is:
    case Op::IsDistinct:
        break;
    }
    return negated ? !result : result;
}

} // namespace Runtime
