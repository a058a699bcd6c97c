// SPDX-License-Identifier: GPL-3.0-or-later
// applyRowSetQuery: PostgREST's filters, select, order and paging applied to rows a function returned.
#include "rowsetquery.h"

#include "query/likepattern.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace Runtime {

namespace {

Error unsupported(const QString &what)
{
    return Error(ErrorCode::BadQuery,
        QStringLiteral("%1 cannot be applied to the rows a function returned; filter them in the function").arg(what));
}

QString textOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    return {};
}

// <0, 0, >0 as PostgreSQL would order the column's value against the filter's text.
int compare(const QJsonValue &value, const QString &text)
{
    if (value.isDouble()) {
        bool number = false;
        const double other = text.toDouble(&number);
        if (number)
            return value.toDouble() < other ? -1 : value.toDouble() > other ? 1 : 0;
    }
    if (value.isBool()) {
        const int own = value.toBool() ? 1 : 0;
        const int other = text == QLatin1String("true") ? 1 : 0;
        return own - other;
    }
    return QString::compare(textOf(value), text);
}

bool isNull(const QJsonValue &value) { return value.isNull() || value.isUndefined(); }

Result<bool> holds(const Filter &filter, const QJsonObject &row)
{
    if (!filter.jsonPath.empty())
        return unsupported(QStringLiteral("A JSON path (%1->...)").arg(filter.column));
    if (filter.quantifier != Quantifier::None)
        return unsupported(QStringLiteral("A quantified filter (any/all)"));
    const QJsonValue value = row.value(filter.column);
    bool result = false;
    switch (filter.op) {
    case FilterOperator::Eq: result = !isNull(value) && compare(value, filter.value) == 0; break;
    case FilterOperator::Neq: result = !isNull(value) && compare(value, filter.value) != 0; break;
    case FilterOperator::Gt: result = !isNull(value) && compare(value, filter.value) > 0; break;
    case FilterOperator::Gte: result = !isNull(value) && compare(value, filter.value) >= 0; break;
    case FilterOperator::Lt: result = !isNull(value) && compare(value, filter.value) < 0; break;
    case FilterOperator::Lte: result = !isNull(value) && compare(value, filter.value) <= 0; break;
    case FilterOperator::Like:
    case FilterOperator::Ilike:
        result = !isNull(value)
            && likePattern(filter.value, filter.op == FilterOperator::Ilike).match(textOf(value)).hasMatch();
        break;
    case FilterOperator::In:
        result = !isNull(value) && std::any_of(filter.values.begin(), filter.values.end(),
            [&](const QString &text) { return compare(value, text) == 0; });
        break;
    case FilterOperator::Is:
        if (filter.value == QLatin1String("null"))
            result = isNull(value);
        else if (filter.value == QLatin1String("true") || filter.value == QLatin1String("false"))
            result = value.isBool() && value.toBool() == (filter.value == QLatin1String("true"));
        else
            result = isNull(value); // unknown: a boolean that is null
        break;
    case FilterOperator::IsDistinct:
        result = filter.value == QLatin1String("null") ? !isNull(value)
                                                       : isNull(value) || compare(value, filter.value) != 0;
        break;
    default:
        return unsupported(QStringLiteral("The filter on %1").arg(filter.column));
    }
    return filter.negated ? !result : result;
}

Result<bool> holds(const Condition &condition, const QJsonObject &row)
{
    bool result = false;
    if (condition.kind == Condition::Kind::Filter) {
        Result<bool> one = holds(condition.filter, row);
        if (!one)
            return one;
        result = *one;
    } else {
        const bool all = condition.kind == Condition::Kind::And;
        result = all;
        for (const Condition &child : condition.children) {
            Result<bool> one = holds(child, row);
            if (!one)
                return one;
            if (all ? !*one : *one) {
                result = !all;
                break;
            }
        }
    }
    return condition.negated ? !result : result;
}

// PostgreSQL's order: nulls last ascending, first descending, unless the term says otherwise.
bool before(const QJsonObject &a, const QJsonObject &b, const std::vector<OrderTerm> &order)
{
    for (const OrderTerm &term : order) {
        const QJsonValue x = a.value(term.column);
        const QJsonValue y = b.value(term.column);
        if (isNull(x) || isNull(y)) {
            if (isNull(x) && isNull(y))
                continue;
            const bool nullsFirst = term.nulls == OrderTerm::Nulls::Default ? term.descending
                                                                            : term.nulls == OrderTerm::Nulls::First;
            return isNull(x) == nullsFirst;
        }
        const int c = compare(x, textOf(y));
        if (c != 0)
            return term.descending ? c > 0 : c < 0;
    }
    return false;
}

Result<QJsonObject> selected(const QJsonObject &row, const std::vector<SelectItem> &select)
{
    if (select.empty())
        return row;
    QJsonObject out;
    for (const SelectItem &item : select) {
        switch (item.kind) {
        case SelectItem::Kind::Star:
            for (auto it = row.begin(); it != row.end(); ++it)
                out.insert(it.key(), it.value());
            break;
        case SelectItem::Kind::Embed:
            return unsupported(QStringLiteral("Embedding %1").arg(item.name));
        case SelectItem::Kind::Column:
            if (item.aggregate != Aggregate::None || !item.jsonPath.empty() || !item.cast.isEmpty())
                return unsupported(QStringLiteral("The select item %1").arg(item.outputName()));
            out.insert(item.outputName(), row.value(item.name));
            break;
        }
    }
    return out;
}

} // namespace

Result<QJsonArray> applyRowSetQuery(const QJsonArray &rows, const ApiQuery &query, qsizetype *total)
{
    if (query.levels.size() > 1)
        return unsupported(QStringLiteral("A filter on an embedded resource"));
    const QueryLevel &root = query.root();
    std::vector<QJsonObject> kept;
    for (const QJsonValue &value : rows) {
        const QJsonObject row = value.toObject();
        Result<bool> match = holds(root.where, row);
        if (!match)
            return match.error();
        if (*match)
            kept.push_back(row);
    }
    if (total)
        *total = qsizetype(kept.size());
    if (!root.order.empty())
        std::stable_sort(kept.begin(), kept.end(),
            [&](const QJsonObject &a, const QJsonObject &b) { return before(a, b, root.order); });
    const qsizetype offset = qsizetype(std::clamp<qint64>(root.offset.value_or(0), 0, qint64(kept.size())));
    const qsizetype end = root.limit ? qsizetype(std::min<qint64>(qint64(kept.size()), offset + *root.limit))
                                     : qsizetype(kept.size());
    QJsonArray out;
    for (qsizetype i = offset; i < end; ++i) {
        Result<QJsonObject> row = selected(kept[size_t(i)], query.select);
        if (!row)
            return row.error();
        out.append(*row);
    }
    return out;
}

} // namespace Runtime
