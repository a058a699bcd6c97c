// SPDX-License-Identifier: GPL-3.0-or-later
// The error rows of tst_postgrestparser: a query string and headers, and the exact error they must give.
#include "parsertestrows.h"

#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
const QString s_ops = u"eq, neq, gt, gte, lt, lte, like, ilike, match, imatch, in, is, isdistinct, cs, cd, ov, fts, plfts, phfts or wfts"_s;

void bad(const char *name, const QByteArray &query, const QString &message, const Headers &h = {})
{
    QTest::newRow(name) << query << h.prefer << h.range << h.rangeUnit << u"bad-query"_s << message;
}

void range(const char *name, const QString &message, const Headers &h)
{
    QTest::newRow(name) << QByteArray() << h.prefer << h.range << h.rangeUnit << u"invalid-range"_s
                        << message;
}

void addOrderAndPagingErrors()
{
    bad("order typo", "order=name.desk",
        uR"x("order": unexpected "desk" at position 6 (expected asc, desc, nullsfirst or nullslast))x"_s);
    bad("order two directions", "order=name.asc.desc",
        uR"x("order": unexpected "desc" at position 10 (expected nullsfirst or nullslast))x"_s);
    bad("order empty",
        "order=", uR"x("order": unexpected end of value at position 1 (expected a column name))x"_s);
    bad("order empty term", "order=a,,b",
        uR"x("order": unexpected "," at position 3 (expected a column name))x"_s);
    bad("order after nulls", "order=a.nullslast.desc",
        uR"x("order": unexpected "." at position 12 (expected "," or the end of the list))x"_s);
    bad("order embedded column", "order=users(name).desc",
        uR"x("order": ordering by an embedded resource's column at position 6 is not supported (order the embedded rows with <embed>.order=column))x"_s);
    bad("order path after text", "order=data->>a->b",
        uR"x("order": unexpected "-" at position 9 (expected nothing after a ->> step, which gives text))x"_s);
    bad("embedded order typo", "reviews.order=rating.up",
        uR"x("reviews.order": unexpected "up" at position 8 (expected asc, desc, nullsfirst or nullslast))x"_s);
    bad("limit negative", "limit=-1",
        uR"x("limit": unexpected "-" at position 1 (expected a non-negative integer))x"_s);
    bad("limit word", "limit=ten",
        uR"x("limit": unexpected "ten" at position 1 (expected a non-negative integer))x"_s);
    bad("offset trailing", "offset=5x",
        uR"x("offset": unexpected "x" at position 2 (expected a non-negative integer))x"_s);
    bad("limit empty",
        "limit=", uR"x("limit": unexpected end of value at position 1 (expected a non-negative integer))x"_s);
    bad("limit too large", "limit=99999999999999999999",
        uR"x("limit": 99999999999999999999 is too large)x"_s);
    bad("embedded limit", "reviews.limit=1.5",
        uR"x("reviews.limit": unexpected "." at position 2 (expected a non-negative integer))x"_s);
    bad("limit twice", "limit=1&limit=2", uR"x("limit": given more than once)x"_s);
}

void addFilterErrors()
{
    bad("filter without operator", "id=1",
        uR"x("id": unexpected "1" at position 1 (expected an operator: %1))x"_s.arg(s_ops));
    bad("filter unknown operator", "id=equals.1",
        uR"x("id": unexpected "equals" at position 1 (expected an operator: %1))x"_s.arg(s_ops));
    bad("filter operator without dot", "id=eq",
        uR"x("id": unexpected end of value at position 3 (expected "." after the operator))x"_s);
    bad("filter double not", "id=not.not.eq.1",
        uR"x("id": unexpected "not" at position 5 (expected an operator: %1))x"_s.arg(s_ops));
    bad("unsupported operator", "tags=adj.(1,2)",
        uR"x("tags": the operator "adj" at position 1 is not supported (supported: %1))x"_s.arg(s_ops));
    bad("fts language not closed", "body=fts(english.cat",
        uR"x("body": unexpected "." at position 12 (expected ")" to close the language (letters, digits and _)))x"_s);
    bad("fts empty language", "body=fts().cat",
        uR"x("body": unexpected ")" at position 5 (expected a text search language in parentheses, e.g. fts(english)))x"_s);
    bad("fts language with a quote", "body=fts(en'x).cat",
        uR"x("body": unexpected "'" at position 7 (expected ")" to close the language (letters, digits and _)))x"_s);
    bad("modifier on neq", "id=neq(any).{1,2}",
        uR"x("id": a modifier on "neq" at position 4 is not supported ((any) and (all) go with eq, gt, gte, lt, lte, like, ilike, match and imatch))x"_s);
    bad("unknown modifier", "id=eq(some).{1,2}",
        uR"x("id": unexpected "some" at position 4 (expected any or all in parentheses, e.g. like(any)))x"_s);
    bad("quantified without braces", "name=like(any).a*",
        uR"x("name": unexpected "a" at position 11 (expected "{" to open the list of values, e.g. like(any).{a*,b*}))x"_s);
    bad("quantified list unclosed", "name=like(any).{a,b",
        uR"x("name": unexpected end of value at position 15 (expected "," or "}"))x"_s);
    bad("regular expression too long", "name=match." + QByteArray(1001, 'a'),
        uR"x("name": the regular expression at position 7 is longer than 1000 characters)x"_s);
    bad("in without list", "id=in.1,2",
        uR"x("id": unexpected "1" at position 4 (expected "(" to open the list of in))x"_s);
    bad("in unclosed", "id=in.(1,2",
        uR"x("id": unexpected end of value at position 8 (expected "," or ")"))x"_s);
    bad("in unclosed quote", R"x(name=in.("a)x",
        uR"x("name": unexpected end of value at position 7 (expected the closing '"' of the value opened at position 5))x"_s);
    bad("in text after quote", R"x(name=in.("a"b))x",
        uR"x("name": unexpected "b" at position 8 (expected "," or ")" after the quoted value))x"_s);
    bad("in trailing text", "id=in.(1)x",
        uR"x("id": unexpected "x" at position 7 (expected the end of the value))x"_s);
    bad("is other value", "active=is.maybe",
        uR"x("active": unexpected "maybe" at position 4 (expected null, true, false or unknown))x"_s);
    bad("is trailing", "active=is.true1",
        uR"x("active": unexpected "true1" at position 4 (expected null, true, false or unknown))x"_s);
}

void addLogicErrors()
{
    bad("or without parens", "or=a.eq.1",
        uR"x("or": unexpected "a" at position 1 (expected "(" to open the list of conditions))x"_s);
    bad("or empty", "or=()",
        uR"x("or": unexpected ")" at position 2 (expected a column name, and(, or( or not.))x"_s);
    bad("or unclosed", "or=(a.eq.1",
        uR"x("or": unexpected end of value at position 8 (expected "," or ")"))x"_s);
    bad("or trailing", "or=(a.eq.1))",
        uR"x("or": unexpected ")" at position 9 (expected the end of the value))x"_s);
    bad("or bad operator", "or=(a.foo.1)",
        uR"x("or": unexpected "foo" at position 4 (expected an operator: %1))x"_s.arg(s_ops));
    bad("or column only", "or=(a)",
        uR"x("or": unexpected ")" at position 3 (expected "." and an operator after the column name))x"_s);
    bad("or not before column", "or=(not.a.eq.1)",
        uR"x("or": unexpected "a" at position 6 (expected and( or or( after "not."))x"_s);
    bad("embedded or", "reviews.or=(rating.eq.5",
        uR"x("reviews.or": unexpected end of value at position 13 (expected "," or ")"))x"_s);
}

void addSelectErrors()
{
    bad("select cast without type", "select=id::",
        uR"x("select": unexpected end of value at position 5 (expected a type after "::", e.g. ::text))x"_s);
    bad("select json path without key", "select=data->",
        uR"x("select": unexpected end of value at position 7 (expected a key or an array index after "->"))x"_s);
    bad("select json path with embed", "select=data->a(b)",
        uR"x("select": unexpected "(" at position 8 (expected "," or the end of the list after a JSON path, cast or aggregate))x"_s);
    bad("filter key path on a logic key", "or->a=(id.eq.1)",
        uR"x("or->a": a JSON path goes with a column: attrs->>colour=eq.red)x"_s);
    bad("select unclosed quoted name", R"x(select=id,"my col)x",
        uR"x("select": unexpected end of value at position 11 (expected the closing '"' of the name opened at position 4))x"_s);
    bad("select empty quoted name", R"x(select="")x", uR"x("select": an empty quoted name "" at position 1)x"_s);
    bad("select spread with an alias", "select=id,u:...users(name)",
        uR"x("select": unexpected "." at position 6 (expected a column or embedded resource name after the alias (a spread takes no alias)))x"_s);
    bad("select spread without columns", "select=id,...users",
        uR"x("select": unexpected end of value at position 12 (expected "(" and the columns to spread, e.g. ...users(name)))x"_s);
    bad("select spread without a name", "select=...(name)",
        uR"x("select": unexpected "(" at position 4 (expected the name of an embedded resource after "..."))x"_s);
    bad("select unknown aggregate", "select=price.median()",
        uR"x("select": unexpected "median" at position 7 (expected an aggregate: count(), sum(), avg(), min() or max()))x"_s);
    bad("select aggregate without parentheses", "select=price.sum",
        uR"x("select": unexpected end of value at position 10 (expected "()" after sum))x"_s);
    bad("select aggregate cast without a type", "select=price.sum()::",
        uR"x("select": unexpected end of value at position 14 (expected a type after "::", e.g. ::text))x"_s);
    bad("select empty embed", "select=id,reviews()",
        uR"x("select": an empty embed "()" at position 11 is not supported (write reviews(*) to select all of its columns))x"_s);
    bad("select unclosed embed", "select=id,reviews(rating",
        uR"x("select": unexpected end of value at position 18 (expected "," or ")"))x"_s);
    bad("select empty item", "select=id,,name",
        uR"x("select": unexpected "," at position 4 (expected a column name, "*" or an embedded resource))x"_s);
    bad("select hint without embed", "select=users!inner",
        uR"x("select": unexpected end of value at position 12 (expected "(" after the embedded resource's name))x"_s);
    bad("select two join types", "select=users!inner!left(id)",
        uR"x("select": unexpected "left" at position 13 (expected only one of inner or left))x"_s);
    bad("select alias without name", "select=a:(x)",
        uR"x("select": unexpected "(" at position 3 (expected a column or embedded resource name after the alias))x"_s);
    bad("select trailing paren", "select=id)",
        uR"x("select": unexpected ")" at position 3 (expected "," or the end of the list))x"_s);
}

void addKeyAndHeaderErrors()
{
    bad("embedded select", "reviews.select=id",
        uR"x("reviews.select": select is only allowed at the top level)x"_s);
    bad("not alone", "not=eq.1",
        uR"x("not": "not" must be followed by or or and in a parameter name (not.or=...); to negate a filter write column=not.op.value)x"_s);
    bad("empty key segment", "a..b=eq.1",
        uR"x("a..b": unexpected "." at position 3 (expected a name in the parameter name))x"_s);
    bad("bad key character", "na-me=eq.1",
        uR"x("na-me": unexpected "-" at position 3 (expected "." or the end of the parameter name))x"_s);
    bad("on_conflict empty", "on_conflict=",
        uR"x("on_conflict": unexpected end of value at position 1 (expected a column name))x"_s);
    bad("columns with space", "columns=a%20b",
        uR"x("columns": unexpected "b" at position 3 (expected "," or the end of the list))x"_s);
    bad("strict preferences", "",
        uR"x("Prefer": invalid preferences given with handling=strict: foo=bar, return=all)x"_s,
        {"handling=strict, foo=bar, return=all", {}, {}});
    range("range not numbers",
        uR"x("Range": unexpected "abc" (expected first-last counted from 0, e.g. 0-19, or first-, e.g. 10-))x"_s,
        {{}, "abc", {}});
    range("range with unit prefix",
        uR"x("Range": unexpected "items=0-9" (expected first-last counted from 0, e.g. 0-19, or first-, e.g. 10-))x"_s,
        {{}, "items=0-9", {}});
    range("range inverted", uR"x("Range": the last item (10) comes before the first (20))x"_s,
        {{}, "20-10", {}});
    range("range unit", uR"x("Range-Unit": unexpected "bytes" (expected items))x"_s, {{}, "0-9", "bytes"});
}

} // namespace

// What no query may ask for (ApiQueryLimits): each just over its limit; the previous figures overflowed
// SQLite's parser or took seconds to plan, answering 500.
void addLimitErrors()
{
    QByteArray columns = "select=id";
    for (int i = 1; i <= 1000; ++i)
        columns += ",c" + QByteArray::number(i);
    bad("select: 1,001 columns", columns, u"\"select\": more than 1000 columns and embedded resources; select fewer"_s);
    QByteArray embeds = "select=id";
    for (int i = 0; i < 17; ++i)
        embeds += ",e(id";
    embeds += QByteArray(17, ')');
    bad("select: embeds 17 deep", embeds,
        u"\"select\": embedded resources nest deeper than 16 levels at position %1; select fewer levels and read "
        "the rest with a second request"_s.arg(2 + 16 * 5 + 3)); // the 17th "(": "id", 16 × ",e(id", ",e("
    QByteArray nested = "or=";
    for (int i = 0; i < 17; ++i)
        nested += "(id.eq.1,or";
    nested += "(id.eq.2" + QByteArray(18, ')');
    bad("or: nested 17 deep", nested,
        u"\"or\": and()/or() nest deeper than 16 levels at position 177; write the condition flatter"_s); // the 17th "("
    QByteArray flat = "or=(id.eq.0";
    for (int i = 1; i <= 500; ++i)
        flat += ",id.eq." + QByteArray::number(i);
    bad("or: 501 conditions", flat + ')', u"\"or\": more than 500 conditions; use in.(...) for a list of values"_s);
    QByteArray many = "id=gt.0";
    for (int i = 1; i <= 500; ++i)
        many += "&id=neq." + QByteArray::number(i);
    bad("501 parameters", many, u"\"id\": more than 500 query parameters; use in.(...) for a list of values"_s);
    QByteArray list = "id=in.(0";
    for (int i = 1; i <= 10000; ++i)
        list += ',' + QByteArray::number(i);
    bad("in: 10,001 values", list + ')', u"\"id\": more than 10000 values in the list"_s);
}

void addErrorRows()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("prefer");
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<QByteArray>("rangeUnit");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    addOrderAndPagingErrors();
    addFilterErrors();
    addLogicErrors();
    addSelectErrors();
    addKeyAndHeaderErrors();
    addLimitErrors();
}
