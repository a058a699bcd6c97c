// SPDX-License-Identifier: GPL-3.0-or-later
// dump(): a parsed ApiQuery as one line of canonical text, for comparing parser output in tests.
#include "apiquerydump.h"

#include <QStringList>

using namespace Runtime;
using namespace Qt::StringLiterals;

namespace {
QString operatorName(FilterOperator op)
{
    static const char16_t *const names[]
        = {u"eq", u"neq", u"gt", u"gte", u"lt", u"lte", u"like", u"ilike", u"in", u"is", u"isdistinct", u"match",
            u"imatch", u"cs", u"cd", u"ov", u"fts", u"plfts", u"phfts", u"wfts"};
    return QString::fromUtf16(names[static_cast<int>(op)]);
}

QString quoted(const QString &value)
{
    return u'"' + value + u'"';
}

QString dumpPath(const JsonPath &path)
{
    QString out;
    for (const JsonPathStep &step : path)
        out += (step.asText ? u"->>"_s : u"->"_s) + (step.isIndex ? QString::number(step.index) : quoted(step.key));
    return out;
}

QString dumpCondition(const Condition &condition)
{
    const QString prefix = condition.negated ? u"not."_s : QString();
    if (condition.kind != Condition::Kind::Filter) {
        QStringList children;
        for (const Condition &child : condition.children)
            children << dumpCondition(child);
        const QString name = condition.kind == Condition::Kind::And ? u"and"_s : u"or"_s;
        return prefix + name + u'(' + children.join(u',') + u')';
    }
    const Filter &f = condition.filter;
    QString value;
    if (f.op == FilterOperator::In || f.quantifier != Quantifier::None) {
        QStringList values;
        for (const QString &v : f.values)
            values << quoted(v);
        value = u'(' + values.join(u',') + u')';
        if (f.quantifier != Quantifier::None)
            value = (f.quantifier == Quantifier::Any ? u"(any)."_s : u"(all)."_s) + u'{' + value.mid(1, value.size() - 2) + u'}';
    } else {
        value = f.op == FilterOperator::Is ? f.value : quoted(f.value);
    }
    const QString negation = f.negated ? u"not."_s : QString();
    const QString language = f.language.isEmpty() ? QString() : u'(' + f.language + u')';
    return prefix + negation + f.column + dumpPath(f.jsonPath) + u'.' + operatorName(f.op) + language + u'.' + value;
}

QString dumpSelect(const std::vector<SelectItem> &items)
{
    QStringList out;
    for (const SelectItem &item : items) {
        if (item.kind == SelectItem::Kind::Star) {
            out << u"*"_s;
            continue;
        }
        const QString name = item.aggregate == Aggregate::Count && item.name.isEmpty() ? u"count()"_s : item.name;
        QString text = (item.alias.isEmpty() ? name : item.alias + u':' + name) + dumpPath(item.jsonPath);
        if (item.spread)
            text = u"..."_s + text;
        if (!item.cast.isEmpty())
            text += u"::"_s + item.cast;
        if (item.aggregate != Aggregate::None && !item.name.isEmpty())
            text += u'.' + aggregateName(item.aggregate) + u"()"_s;
        if (!item.aggregateCast.isEmpty())
            text += u"::"_s + item.aggregateCast;
        if (item.kind == SelectItem::Kind::Embed) {
            if (!item.hint.isEmpty())
                text += u'!' + item.hint;
            if (item.inner)
                text += u"!inner"_s;
            text += u'(' + (item.children.empty() ? u"*"_s : dumpSelect(item.children)) + u')';
        }
        out << text;
    }
    return out.join(u',');
}

QString dumpLevel(const QueryLevel &level)
{
    QStringList parts;
    if (!level.where.children.empty())
        parts << u"where="_s + dumpCondition(level.where);
    if (!level.order.empty()) {
        QStringList terms;
        for (const OrderTerm &term : level.order) {
            QString text = term.column + dumpPath(term.jsonPath) + (term.descending ? u".desc"_s : u".asc"_s);
            if (term.nulls != OrderTerm::Nulls::Default)
                text += term.nulls == OrderTerm::Nulls::First ? u".nullsfirst"_s : u".nullslast"_s;
            terms << text;
        }
        parts << u"order="_s + terms.join(u',');
    }
    if (level.limit)
        parts << u"limit=%1"_s.arg(*level.limit);
    if (level.offset)
        parts << u"offset=%1"_s.arg(*level.offset);
    if (parts.isEmpty())
        return {};
    const QString label = level.embedPath.isEmpty() ? u"root"_s : level.embedPath.join(u'.');
    return label + u": "_s + parts.join(u' ');
}

QString dumpPrefer(const Preferences &prefer)
{
    static const char16_t *const returns[] = {u"", u"minimal", u"representation", u"headers-only"};
    static const char16_t *const counts[] = {u"", u"exact", u"planned", u"estimated"};
    static const char16_t *const resolutions[] = {u"", u"merge", u"ignore"};
    QStringList parts;
    if (prefer.returnPreference != Preferences::Return::Default)
        parts << u"return:"_s + QString::fromUtf16(returns[static_cast<int>(prefer.returnPreference)]);
    if (prefer.count != Preferences::Count::None)
        parts << u"count:"_s + QString::fromUtf16(counts[static_cast<int>(prefer.count)]);
    if (prefer.resolution != Preferences::Resolution::None)
        parts << u"resolution:"_s + QString::fromUtf16(resolutions[static_cast<int>(prefer.resolution)]);
    if (prefer.missingDefault)
        parts << u"missing:default"_s;
    if (prefer.transaction != Preferences::Transaction::Default)
        parts << (prefer.transaction == Preferences::Transaction::Rollback ? u"tx:rollback"_s : u"tx:commit"_s);
    if (prefer.maxAffected)
        parts << u"max-affected:"_s + QString::number(*prefer.maxAffected);
    return parts.join(u',');
}
} // namespace

QString dump(const ApiQuery &query)
{
    QStringList parts;
    if (!query.select.empty())
        parts << u"select="_s + dumpSelect(query.select);
    for (const QueryLevel &level : query.levels) {
        const QString text = dumpLevel(level);
        if (!text.isEmpty())
            parts << text;
    }
    if (!query.onConflict.isEmpty())
        parts << u"on_conflict="_s + query.onConflict.join(u',');
    if (!query.columns.isEmpty())
        parts << u"columns="_s + query.columns.join(u',');
    const QString prefer = dumpPrefer(query.prefer);
    if (!prefer.isEmpty())
        parts << u"prefer="_s + prefer;
    return parts.isEmpty() ? u"-"_s : parts.join(u"; "_s);
}
