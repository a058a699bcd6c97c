// SPDX-License-Identifier: GPL-3.0-or-later
// Parses PostgREST's `select=` parameter: columns, aliases, `*` and embedded resources.
#include "postgrestparser_p.h"

using namespace Qt::StringLiterals;

namespace Runtime {

namespace {
const QString s_itemExpected = u"a column name, \"*\" or an embedded resource"_s;

/** How much of ApiQueryLimits one select= has used so far. */
struct SelectBudget
{
    int items = 0;
};

bool parseItems(QueryScanner &s, std::vector<SelectItem> &items, SelectBudget &budget, int depth);

// Reads `!hint`, `!inner` and `!left`, at most one hint and one join type, in either order.
bool parseEmbedParameters(QueryScanner &s, SelectItem &item)
{
    bool sawJoin = false;
    bool sawHint = false;
    while (s.accept(u'!')) {
        const qsizetype at = s.position();
        const QString word = s.identifier();
        if (word.isEmpty())
            return s.unexpected(u"a hint, inner or left after \"!\""_s);
        const bool isJoin = word == u"inner" || word == u"left";
        if ((isJoin && sawJoin) || (!isJoin && sawHint))
            return s.unexpectedAt(at, isJoin ? u"only one of inner or left"_s : u"only one hint"_s);
        if (isJoin) {
            sawJoin = true;
            item.inner = word == u"inner";
        } else {
            sawHint = true;
            item.hint = word;
        }
    }
    if ((sawJoin || sawHint) && s.peek() != u'(')
        return s.unexpected(u"\"(\" after the embedded resource's name"_s);
    return true;
}

bool parseEmbedChildren(QueryScanner &s, SelectItem &item, SelectBudget &budget, int depth)
{
    const qsizetype open = s.position();
    if (depth >= ApiQueryLimits::maxEmbedDepth)
        return s.fail(u"embedded resources nest deeper than %1 levels at position %2; select fewer levels "
                      "and read the rest with a second request"_s.arg(ApiQueryLimits::maxEmbedDepth).arg(open + 1));
    s.accept(u'(');
    s.skipSpaces();
    if (s.peek() == u')') {
        return s.unsupportedAt(
            open, u"an empty embed \"()\""_s, u"write %1(*) to select all of its columns"_s.arg(item.name));
    }
    if (!parseItems(s, item.children, budget, depth + 1))
        return false;
    if (!s.accept(u')'))
        return s.unexpected(u"\",\" or \")\""_s);
    item.kind = SelectItem::Kind::Embed;
    if (item.children.size() == 1 && item.children.front().kind == SelectItem::Kind::Star)
        item.children.clear(); // `name(*)` and an embed without children mean the same
    return true;
}

// `::type` after a column or an aggregate, into \a cast.
bool parseCast(QueryScanner &s, QString &cast)
{
    if (!s.accept(u"::"))
        return true;
    cast = s.identifier().toLower();
    if (cast.isEmpty())
        return s.unexpected(u"a type after \"::\", e.g. ::text"_s);
    return true;
}

// `.sum()` and the other aggregates after a column, then the aggregate's `::cast`.
bool parseAggregate(QueryScanner &s, SelectItem &item)
{
    if (!s.accept(u'.'))
        return true;
    const qsizetype at = s.position();
    const QString word = s.identifier();
    static const Aggregate aggregates[] = {Aggregate::Count, Aggregate::Sum, Aggregate::Avg, Aggregate::Min, Aggregate::Max};
    for (const Aggregate aggregate : aggregates) {
        if (word == aggregateName(aggregate)) {
            if (!s.accept(u"()"))
                return s.unexpected(u"\"()\" after %1"_s.arg(word));
            item.aggregate = aggregate;
            return parseCast(s, item.aggregateCast);
        }
    }
    return s.unexpectedAt(at, u"an aggregate: count(), sum(), avg(), min() or max()"_s);
}

// `...relation!hint!inner(items)`: the "..." is current.
bool parseSpread(QueryScanner &s, SelectItem &item, SelectBudget &budget, int depth)
{
    s.accept(u"...");
    item.spread = true;
    item.name = s.name();
    if (item.name.isEmpty())
        return s.unexpected(u"the name of an embedded resource after \"...\""_s);
    if (!parseEmbedParameters(s, item))
        return false;
    if (s.peek() != u'(')
        return s.unexpected(u"\"(\" and the columns to spread, e.g. ...%1(name)"_s.arg(item.name));
    return parseEmbedChildren(s, item, budget, depth);
}

bool parseItem(QueryScanner &s, SelectItem &item, SelectBudget &budget, int depth)
{
    s.skipSpaces();
    if (s.accept(u'*')) {
        item.kind = SelectItem::Kind::Star;
        return true;
    }
    if (s.lookingAt(u"..."))
        return parseSpread(s, item, budget, depth);
    QString name = s.name();
    if (name.isEmpty())
        return s.unexpected(s_itemExpected);
    s.skipSpaces();
    if (s.peek() == u':' && s.peek(1) != u':') {
        s.accept(u':');
        s.skipSpaces();
        item.alias = name;
        if (s.lookingAt(u"..."))
            return s.unexpected(u"a column or embedded resource name after the alias (a spread takes no alias)"_s);
        name = s.name();
        if (name.isEmpty())
            return s.unexpected(u"a column or embedded resource name after the alias"_s);
        s.skipSpaces();
    }
    item.name = name;
    // `count()` counts the rows; it has no column.
    if (name == u"count" && s.accept(u"()")) {
        item.name.clear();
        item.aggregate = Aggregate::Count;
        return parseCast(s, item.aggregateCast);
    }
    // A column's value may be taken at a JSON path, cast and aggregated: attrs->>size::int.sum()
    if (s.lookingAt(u"->") || s.lookingAt(u"::") || s.peek() == u'.') {
        if (!parseJsonPath(s, item.jsonPath) || !parseCast(s, item.cast) || !parseAggregate(s, item))
            return false;
        s.skipSpaces();
        if (s.peek() == u'(' || s.peek() == u'!')
            return s.unexpected(u"\",\" or the end of the list after a JSON path, cast or aggregate"_s);
        return true;
    }
    if (!parseEmbedParameters(s, item))
        return false;
    return s.peek() == u'(' ? parseEmbedChildren(s, item, budget, depth) : true;
}

bool parseItems(QueryScanner &s, std::vector<SelectItem> &items, SelectBudget &budget, int depth)
{
    do {
        if (++budget.items > ApiQueryLimits::maxSelectItems)
            return s.fail(u"more than %1 columns and embedded resources; select fewer"_s.arg(ApiQueryLimits::maxSelectItems));
        SelectItem item;
        if (!parseItem(s, item, budget, depth))
            return false;
        items.push_back(std::move(item));
        s.skipSpaces();
    } while (s.accept(u','));
    return true;
}
} // namespace

bool parseSelect(QueryScanner &s, std::vector<SelectItem> &items)
{
    s.skipSpaces();
    if (s.atEnd())
        return true;
    SelectBudget budget;
    if (!parseItems(s, items, budget, 0))
        return false;
    if (!s.atEnd())
        return s.unexpected(u"\",\" or the end of the list"_s);
    // A lone `*` is the same as no select at all; keep the AST canonical.
    if (items.size() == 1 && items.front().kind == SelectItem::Kind::Star)
        items.clear();
    return true;
}

} // namespace Runtime
