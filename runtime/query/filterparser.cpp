// SPDX-License-Identifier: GPL-3.0-or-later
// Parses PostgREST filters (`col=[not.]op.value`) and logic trees (`or=(a.eq.1,and(b.gt.2,c.lt.3))`).
#include "postgrestparser_p.h"

using namespace Qt::StringLiterals;

namespace Runtime {

namespace {
struct OperatorName
{
    const char16_t *name;
    FilterOperator op;
    bool quantifiable; ///< takes (any) and (all), as in PostgREST
    bool textSearch = false; ///< takes a language in parentheses: fts(english)
};

constexpr OperatorName s_operators[] = {
    {u"eq", FilterOperator::Eq, true},
    {u"neq", FilterOperator::Neq, false},
    {u"gt", FilterOperator::Gt, true},
    {u"gte", FilterOperator::Gte, true},
    {u"lt", FilterOperator::Lt, true},
    {u"lte", FilterOperator::Lte, true},
    {u"like", FilterOperator::Like, true},
    {u"ilike", FilterOperator::Ilike, true},
    {u"match", FilterOperator::Match, true},
    {u"imatch", FilterOperator::Imatch, true},
    {u"in", FilterOperator::In, false},
    {u"is", FilterOperator::Is, false},
    {u"isdistinct", FilterOperator::IsDistinct, false},
    {u"cs", FilterOperator::Contains, false},
    {u"cd", FilterOperator::ContainedBy, false},
    {u"ov", FilterOperator::Overlaps, false},
    {u"fts", FilterOperator::Fts, false, true},
    {u"plfts", FilterOperator::PlainFts, false, true},
    {u"phfts", FilterOperator::PhraseFts, false, true},
    {u"wfts", FilterOperator::WebFts, false, true},
};

// PostgREST operators Basalt does not offer: named so the message says "not supported", not "unknown".
constexpr const char16_t *s_unsupportedOperators[] = {
    u"sl",
    u"sr",
    u"nxr",
    u"nxl",
    u"adj",
    u"all",
    u"any",
};

const QString s_operatorList
    = u"eq, neq, gt, gte, lt, lte, like, ilike, match, imatch, in, is, isdistinct, cs, cd, ov, fts, plfts, phfts or wfts"_s;

// A double-quoted value; backslash escapes the next character. The opening quote is current.
bool parseQuoted(QueryScanner &s, QString &value)
{
    const qsizetype open = s.position();
    s.accept(u'"');
    while (!s.atEnd() && s.peek() != u'"') {
        if (s.peek() == u'\\')
            s.setPosition(s.position() + 1);
        if (s.atEnd())
            break;
        value += s.peek();
        s.setPosition(s.position() + 1);
    }
    if (!s.accept(u'"'))
        return s.unexpected(u"the closing '\"' of the value opened at position %1"_s.arg(open + 1));
    return true;
}

// A `{...}` value inside a logic tree (an array or a JSON object, as PostgREST's pPgArray): up to the
// first '}', commas included. The opening brace is current.
bool parseBraced(QueryScanner &s, QString &value)
{
    const qsizetype open = s.position();
    while (!s.atEnd() && s.peek() != u'}') {
        value += s.peek();
        s.setPosition(s.position() + 1);
    }
    if (!s.accept(u'}'))
        return s.unexpected(u"the closing '}' of the value opened at position %1"_s.arg(open + 1));
    value += u'}';
    return true;
}

// An element of a list closed by \a close (`in.(...)`, `like(any).{...}`) or a value in a logic tree
// (closed by ')'): quoted, `{...}` when \a braces allows it, or everything up to ',' or \a close.
bool parseListElement(QueryScanner &s, QString &value, QChar close = u')', bool braces = false)
{
    const auto ended = [&s, close] { return s.atEnd() || s.peek() == u',' || s.peek() == close; };
    const bool quoted = s.peek() == u'"';
    if (quoted || (braces && s.peek() == u'{')) {
        if (!(quoted ? parseQuoted(s, value) : parseBraced(s, value)))
            return false;
        if (!ended())
            return s.unexpected(u"\",\" or \"%1\" after the %2"_s.arg(close).arg(quoted ? u"quoted value"_s : u"value"_s));
        return true;
    }
    while (!ended()) {
        value += s.peek();
        s.setPosition(s.position() + 1);
    }
    return true;
}

// A list `(a,"b,c")` or `{a,"b,c"}` from \a open to \a close; \a openExpected says what was expected.
bool parseList(QueryScanner &s, QChar open, QChar close, const QString &openExpected, QStringList &values)
{
    if (!s.accept(open))
        return s.unexpected(openExpected);
    if (s.accept(close))
        return true;
    do {
        if (values.size() >= ApiQueryLimits::maxListValues)
            return s.fail(u"more than %1 values in the list"_s.arg(ApiQueryLimits::maxListValues));
        QString value;
        if (!parseListElement(s, value, close))
            return false;
        values << value;
    } while (s.accept(u','));
    if (!s.accept(close))
        return s.unexpected(u"\",\" or \"%1\""_s.arg(close));
    return true;
}

bool parseInList(QueryScanner &s, QStringList &values)
{
    return parseList(s, u'(', u')', u"\"(\" to open the list of in"_s, values);
}

// The `{a,"b,c"}` list of a quantified filter (`like(any).{a*,b*}`).
bool parseBraceList(QueryScanner &s, QStringList &values)
{
    return parseList(s, u'{', u'}', u"\"{\" to open the list of values, e.g. like(any).{a*,b*}"_s, values);
}

bool parseIsValue(QueryScanner &s, QString &value)
{
    const qsizetype at = s.position();
    const QString word = s.identifier().toLower();
    if (word != u"null" && word != u"true" && word != u"false" && word != u"unknown")
        return s.unexpectedAt(at, u"null, true, false or unknown"_s);
    value = word;
    return true;
}

// `(english)` after a text search operator: a text search configuration's name.
bool parseLanguage(QueryScanner &s, Filter &filter)
{
    s.accept(u'(');
    const qsizetype at = s.position();
    while (!s.atEnd() && (s.peek().isLetterOrNumber() || s.peek() == u'_')) {
        filter.language += s.peek();
        s.setPosition(s.position() + 1);
    }
    if (filter.language.isEmpty())
        return s.unexpectedAt(at, u"a text search language in parentheses, e.g. fts(english)"_s);
    if (!s.accept(u')'))
        return s.unexpected(u"\")\" to close the language (letters, digits and _)"_s);
    return true;
}

bool parseOperator(QueryScanner &s, Filter &filter)
{
    qsizetype at = s.position();
    QString word = s.identifier();
    if (word == u"not" && s.accept(u'.')) {
        filter.negated = true;
        at = s.position();
        word = s.identifier();
    }
    for (const OperatorName &entry : s_operators) {
        if (word == QStringView(entry.name)) {
            filter.op = entry.op;
            if (entry.textSearch && s.peek() == u'(')
                return parseLanguage(s, filter) && (s.accept(u'.') || s.unexpected(u"\".\" after the language"_s));
            if (s.peek() == u'(') {
                const qsizetype open = s.position();
                if (!entry.quantifiable)
                    return s.unsupportedAt(open, u"a modifier on \"%1\""_s.arg(word),
                        u"(any) and (all) go with eq, gt, gte, lt, lte, like, ilike, match and imatch"_s);
                if (s.accept(u"(any)"))
                    filter.quantifier = Quantifier::Any;
                else if (s.accept(u"(all)"))
                    filter.quantifier = Quantifier::All;
                else
                    return s.unexpectedAt(open + 1, u"any or all in parentheses, e.g. like(any)"_s);
            }
            if (!s.accept(u'.'))
                return s.unexpected(u"\".\" after the operator"_s);
            return true;
        }
    }
    for (const char16_t *name : s_unsupportedOperators) {
        if (word == QStringView(name))
            return s.unsupportedAt(at, u"the operator \"%1\""_s.arg(word), u"supported: "_s + s_operatorList);
    }
    return s.unexpectedAt(at, u"an operator: "_s + s_operatorList);
}

// `[not.]op.value`; in a logic tree the value ends at ',' or ')' unless quoted.
bool parseOperatorAndValue(QueryScanner &s, Filter &filter, bool inLogic)
{
    if (!parseOperator(s, filter))
        return false;
    bool ok = true;
    const qsizetype valueStart = s.position();
    const bool braced = filter.op == FilterOperator::Contains || filter.op == FilterOperator::ContainedBy
        || filter.op == FilterOperator::Overlaps;
    if (filter.quantifier != Quantifier::None)
        ok = parseBraceList(s, filter.values);
    else if (filter.op == FilterOperator::In)
        ok = parseInList(s, filter.values);
    else if (filter.op == FilterOperator::Is)
        ok = parseIsValue(s, filter.value);
    else if (inLogic)
        ok = parseListElement(s, filter.value, u')', braced);
    else
        filter.value = s.rest();
    if (!ok)
        return false;
    // PostgREST writes LIKE wildcards as '*' in URLs; storage receives SQL patterns.
    if (filter.op == FilterOperator::Like || filter.op == FilterOperator::Ilike) {
        filter.value.replace(u'*', u'%');
        for (QString &value : filter.values)
            value.replace(u'*', u'%');
    }
    if (filter.op == FilterOperator::Match || filter.op == FilterOperator::Imatch) {
        const QStringList patterns = filter.quantifier == Quantifier::None ? QStringList {filter.value} : filter.values;
        for (const QString &pattern : patterns) {
            if (pattern.size() > ApiQueryLimits::maxPatternLength)
                return s.fail(u"the regular expression at position %1 is longer than %2 characters"_s
                                  .arg(valueStart + 1).arg(ApiQueryLimits::maxPatternLength));
        }
    }
    return true;
}

/** How much of ApiQueryLimits one or=/and= parameter has used so far. */
struct ConditionBudget
{
    int conditions = 0;
};

bool parseCondition(QueryScanner &s, Condition &condition, ConditionBudget &budget, int depth);

// `(condition,condition,...)`: at least one condition; spaces after '(', ',' and ')' are skipped.
bool parseConditionList(QueryScanner &s, Condition &group, ConditionBudget &budget, int depth)
{
    if (depth >= ApiQueryLimits::maxConditionDepth)
        return s.fail(u"and()/or() nest deeper than %1 levels at position %2; write the condition flatter"_s
                          .arg(ApiQueryLimits::maxConditionDepth).arg(s.position() + 1));
    if (!s.accept(u'('))
        return s.unexpected(u"\"(\" to open the list of conditions"_s);
    do {
        s.skipSpaces();
        if (++budget.conditions > ApiQueryLimits::maxConditions)
            return s.fail(u"more than %1 conditions; use in.(...) for a list of values"_s.arg(ApiQueryLimits::maxConditions));
        Condition child;
        if (!parseCondition(s, child, budget, depth))
            return false;
        group.children.push_back(std::move(child));
        s.skipSpaces();
    } while (s.accept(u','));
    if (!s.accept(u')'))
        return s.unexpected(u"\",\" or \")\""_s);
    s.skipSpaces();
    return true;
}

bool parseCondition(QueryScanner &s, Condition &condition, ConditionBudget &budget, int depth)
{
    const qsizetype at = s.position();
    QString name = s.name();
    if (name == u"not" && s.peek() == u'.') {
        const qsizetype afterNot = s.position();
        s.accept(u'.');
        const QString logic = s.identifier();
        if ((logic == u"and" || logic == u"or") && s.peek() == u'(') {
            condition.negated = true;
            name = logic;
        } else {
            s.setPosition(afterNot + 1);
            return s.unexpected(u"and( or or( after \"not.\""_s);
        }
    }
    if ((name == u"and" || name == u"or") && s.peek() == u'(') {
        condition.kind = name == u"and" ? Condition::Kind::And : Condition::Kind::Or;
        return parseConditionList(s, condition, budget, depth + 1);
    }
    if (name.isEmpty())
        return s.unexpectedAt(at, u"a column name, and(, or( or not."_s);
    const qsizetype nameEnd = s.position();
    if (s.lookingAt(u"->") && !parseJsonPath(s, condition.filter.jsonPath))
        return false;
    if (!s.accept(u'.'))
        return s.unexpected(u"\".\" and an operator after the column name"_s);
    condition.kind = Condition::Kind::Filter;
    condition.filter.column = name;
    condition.filter.columnStart = at;
    condition.filter.columnEnd = nameEnd;
    return parseOperatorAndValue(s, condition.filter, true);
}
} // namespace

bool parseFilter(QueryScanner &s, const QString &column, Filter &filter)
{
    filter.column = column;
    if (!parseOperatorAndValue(s, filter, false))
        return false;
    if (!s.atEnd())
        return s.unexpected(u"the end of the value"_s);
    return true;
}

bool parseLogicValue(QueryScanner &s, Condition &group)
{
    s.skipSpaces();
    ConditionBudget budget;
    if (!parseConditionList(s, group, budget, 0))
        return false;
    if (!s.atEnd())
        return s.unexpected(u"the end of the value"_s);
    return true;
}

} // namespace Runtime
