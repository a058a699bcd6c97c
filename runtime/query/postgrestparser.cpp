// SPDX-License-Identifier: GPL-3.0-or-later
// Parses a /rest/v1 request's query string and headers (PostgREST's URL dialect) into an ApiQuery.
#include "postgrestparser.h"

#include "postgrestparser_p.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace Runtime {

namespace {
struct Parameter
{
    QString key;
    QString value;
};

QString percentDecoded(QByteArray text)
{
    // application/x-www-form-urlencoded, as PostgREST reads its query (WAI's parseQuery) and as clients
    // write it (URLSearchParams in postgrest-js): '+' is a space, a plus sign is sent as %2B.
    text.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(text));
}

QList<Parameter> splitQuery(const QByteArray &rawQuery)
{
    QList<Parameter> out;
    const QList<QByteArray> parts = rawQuery.split('&');
    for (const QByteArray &part : parts) {
        if (part.isEmpty())
            continue;
        const qsizetype equals = part.indexOf('=');
        if (equals < 0)
            out.append({percentDecoded(part), QString()});
        else
            out.append({percentDecoded(part.left(equals)), percentDecoded(part.mid(equals + 1))});
    }
    return out;
}

/** What a parameter's name asks for: `[path.]column`, `[path.]order`, `[path.][not.]or`, ... */
struct ParameterKey
{
    enum class Kind { Filter, Logic, Order, Limit, Offset, Select, OnConflict, Columns };

    Kind kind = Kind::Filter;
    QStringList path; ///< the embed path (output names); empty for the root
    QString column; ///< for Filter
    JsonPath jsonPath; ///< for Filter: `attrs->>colour`
    bool negated = false; ///< for Logic: `not.or`
    bool isOr = false; ///< for Logic
};

// `[embed.]*column[->json->>path]`: the names (quoted or not) and the last one's JSON path.
bool parseKeySegments(QueryScanner &s, QStringList &segments, JsonPath &path)
{
    do {
        const QString name = s.name();
        if (name.isEmpty())
            return s.unexpected(u"a name in the parameter name"_s);
        segments << name;
        if (s.lookingAt(u"->"))
            return parseJsonPath(s, path) && (s.atEnd() || s.unexpected(u"the end of the parameter name after the JSON path"_s));
    } while (s.accept(u'.'));
    if (!s.atEnd())
        return s.unexpected(u"\".\" or the end of the parameter name"_s);
    return true;
}

Result<ParameterKey> classifyKey(const QString &key)
{
    QueryScanner s(key, key);
    QStringList segments;
    JsonPath path;
    if (!parseKeySegments(s, segments, path))
        return s.error();
    const QString last = segments.takeLast();
    ParameterKey out;
    if (last == u"or" || last == u"and") {
        out.kind = ParameterKey::Kind::Logic;
        out.isOr = last == u"or";
        out.negated = !segments.isEmpty() && segments.last() == u"not";
        if (out.negated)
            segments.removeLast();
    } else if (last == u"order" || last == u"limit" || last == u"offset") {
        out.kind = last == u"order" ? ParameterKey::Kind::Order
            : last == u"limit"      ? ParameterKey::Kind::Limit
                                    : ParameterKey::Kind::Offset;
    } else if (last == u"select" || last == u"on_conflict" || last == u"columns") {
        out.kind = last == u"select" ? ParameterKey::Kind::Select
            : last == u"on_conflict" ? ParameterKey::Kind::OnConflict
                                     : ParameterKey::Kind::Columns;
        if (!segments.isEmpty())
            s.fail(u"%1 is only allowed at the top level"_s.arg(last));
    } else if (last == u"not") {
        s.fail(u"\"not\" must be followed by or or and in a parameter name (not.or=...); "
               u"to negate a filter write column=not.op.value"_s);
    } else {
        out.column = last;
        out.jsonPath = path;
    }
    if (!path.empty() && out.kind != ParameterKey::Kind::Filter)
        s.fail(u"a JSON path goes with a column: attrs->>colour=eq.red"_s);
    if (s.hasFailed())
        return s.error();
    out.path = segments;
    return out;
}

QueryLevel &levelFor(ApiQuery &query, const QStringList &path)
{
    for (QueryLevel &level : query.levels) {
        if (level.embedPath == path)
            return level;
    }
    QueryLevel &level = query.levels.emplace_back();
    level.embedPath = path;
    level.where.kind = Condition::Kind::And;
    return level;
}

bool parseLimitOrOffset(QueryScanner &s, const ParameterKey &key, QueryLevel &level)
{
    qint64 count = 0;
    if (!parseCount(s, count))
        return false;
    if (key.kind == ParameterKey::Kind::Limit)
        level.limit = count;
    else
        level.offset = count;
    return true;
}

bool parseWhere(QueryScanner &s, const ParameterKey &key, QueryLevel &level)
{
    Condition condition;
    if (key.kind == ParameterKey::Kind::Filter) {
        condition.kind = Condition::Kind::Filter;
        condition.filter.jsonPath = key.jsonPath;
        if (!parseFilter(s, key.column, condition.filter))
            return false;
    } else {
        condition.kind = key.isOr ? Condition::Kind::Or : Condition::Kind::And;
        condition.negated = key.negated;
        if (!parseLogicValue(s, condition))
            return false;
    }
    level.where.children.push_back(std::move(condition));
    return true;
}

bool applyValue(QueryScanner &s, const ParameterKey &key, ApiQuery &query)
{
    using Kind = ParameterKey::Kind;
    switch (key.kind) {
    case Kind::Select:
        return parseSelect(s, query.select);
    case Kind::OnConflict:
        return parseNameList(s, query.onConflict);
    case Kind::Columns:
        return parseNameList(s, query.columns);
    case Kind::Order:
        return parseOrder(s, levelFor(query, key.path).order);
    case Kind::Limit:
    case Kind::Offset:
        return parseLimitOrOffset(s, key, levelFor(query, key.path));
    case Kind::Filter:
    case Kind::Logic:
        return parseWhere(s, key, levelFor(query, key.path));
    }
    return true;
}

Result<void> applyParameter(const Parameter &parameter, QSet<QString> &seen, ApiQuery &query)
{
    const Result<ParameterKey> key = classifyKey(parameter.key);
    if (!key)
        return key.error();
    QueryScanner s(parameter.key, parameter.value);
    const bool repeatable = key->kind == ParameterKey::Kind::Filter || key->kind == ParameterKey::Kind::Logic;
    if (!repeatable && seen.contains(parameter.key))
        s.fail(u"given more than once"_s);
    seen.insert(parameter.key);
    if (s.hasFailed() || !applyValue(s, *key, query))
        return s.error();
    return {};
}

bool parseOrderTerm(QueryScanner &s, OrderTerm &term)
{
    s.skipSpaces();
    term.column = s.name();
    if (term.column.isEmpty())
        return s.unexpected(u"a column name"_s);
    if (s.lookingAt(u"->") && !parseJsonPath(s, term.jsonPath))
        return false;
    if (s.peek() == u'(')
        return s.unsupportedAt(s.position(), u"ordering by an embedded resource's column"_s,
            u"order the embedded rows with <embed>.order=column"_s);
    bool sawDirection = false;
    while (s.accept(u'.')) {
        const qsizetype at = s.position();
        const QString word = s.identifier();
        if (!sawDirection && (word == u"asc" || word == u"desc")) {
            term.descending = word == u"desc";
        } else if (word == u"nullsfirst" || word == u"nullslast") {
            term.nulls = word == u"nullsfirst" ? OrderTerm::Nulls::First : OrderTerm::Nulls::Last;
            return true;
        } else {
            return s.unexpectedAt(
                at, sawDirection ? u"nullsfirst or nullslast"_s : u"asc, desc, nullsfirst or nullslast"_s);
        }
        sawDirection = true;
    }
    return true;
}
} // namespace

bool parseJsonPath(QueryScanner &s, JsonPath &path)
{
    while (s.lookingAt(u"->")) {
        if (!path.empty() && path.back().asText)
            return s.unexpected(u"nothing after a ->> step, which gives text"_s);
        s.accept(u"->");
        JsonPathStep step;
        step.asText = s.accept(u'>');
        const qsizetype at = s.position();
        const bool negative = s.peek() == u'-' && s.peek(1).isDigit();
        if (s.peek().isDigit() || negative) {
            QString digits = negative ? u"-"_s : QString();
            if (negative)
                s.accept(u'-');
            while (s.peek().isDigit() && s.peek().unicode() < 128) {
                digits += s.peek();
                s.setPosition(s.position() + 1);
            }
            bool ok = false;
            step.index = digits.toInt(&ok);
            if (!ok)
                return s.unexpectedAt(at, u"an array index that fits in 32 bits"_s);
            step.isIndex = true;
        } else if (s.peek() == u'"') {
            step.key = s.name();
            if (step.key.isEmpty())
                return false;
        } else {
            static const QString stops = u"(-:.,>)"_s;
            while (!s.atEnd() && !stops.contains(s.peek())) {
                step.key += s.peek();
                s.setPosition(s.position() + 1);
            }
            step.key = step.key.trimmed();
            if (step.key.isEmpty())
                return s.unexpectedAt(at, u"a key or an array index after \"->\""_s);
        }
        if (path.size() >= 32)
            return s.fail(u"a JSON path of more than 32 steps"_s);
        path.push_back(step);
    }
    return true;
}

bool parseOrder(QueryScanner &s, std::vector<OrderTerm> &order)
{
    do {
        OrderTerm term;
        if (!parseOrderTerm(s, term))
            return false;
        order.push_back(std::move(term));
        s.skipSpaces();
    } while (s.accept(u','));
    if (!s.atEnd())
        return s.unexpected(u"\",\" or the end of the list"_s);
    return true;
}

bool parseNameList(QueryScanner &s, QStringList &names)
{
    do {
        s.skipSpaces();
        const QString name = s.name();
        if (name.isEmpty())
            return s.unexpected(u"a column name"_s);
        names << name;
        s.skipSpaces();
    } while (s.accept(u','));
    if (!s.atEnd())
        return s.unexpected(u"\",\" or the end of the list"_s);
    return true;
}

bool parseCount(QueryScanner &s, qint64 &count)
{
    const QString text = s.text();
    qsizetype digits = 0;
    while (digits < text.size() && text.at(digits).isDigit() && text.at(digits).unicode() < 128)
        ++digits;
    if (digits == 0 || digits < text.size())
        return s.unexpectedAt(digits, u"a non-negative integer"_s);
    bool ok = false;
    count = text.toLongLong(&ok);
    if (!ok)
        return s.fail(u"%1 is too large"_s.arg(text));
    return true;
}

Result<ApiQuery> parseApiQuery(
    const QString &table, const QByteArray &rawQuery, const ApiQueryHeaders &headers)
{
    ApiQuery query;
    query.table = table;
    levelFor(query, {});
    QSet<QString> seen;
    int filters = 0;
    for (const Parameter &parameter : splitQuery(rawQuery)) {
        // Supabase clients may put the API key in the query string (?apikey=...); it is a credential
        // for the auth layer, never a filter.
        if (parameter.key == u"apikey")
            continue;
        // Filters are joined with AND: too many would pass the databases' expression depth, like a deep or=.
        if (++filters > ApiQueryLimits::maxFilters) {
            QueryScanner s(parameter.key, parameter.value);
            s.fail(u"more than %1 query parameters; use in.(...) for a list of values"_s.arg(ApiQueryLimits::maxFilters));
            return s.error();
        }
        if (Result<void> applied = applyParameter(parameter, seen, query); !applied)
            return applied.error();
    }
    if (Result<void> ranged = applyRange(headers, query.root()); !ranged)
        return ranged.error();
    if (Result<void> preferred = parsePreferences(headers.prefer, query.prefer); !preferred)
        return preferred.error();
    return query;
}

} // namespace Runtime
