// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the PostgREST URL-dialect parser: query strings and headers in, ApiQuery (as canonical text) out.
#include "apiquerydump.h"
#include "parsertestrows.h"
#include "query/postgrestparser.h"
#include "storage/viewsql.h"

#include <QtTest>

using namespace Runtime;
using namespace Qt::StringLiterals;

namespace {
void addRow(const char *name, const QByteArray &query, const QString &expected, const Headers &headers = {})
{
    QTest::newRow(name) << query << headers.prefer << headers.range << headers.rangeUnit << expected;
}

void addColumns()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("prefer");
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<QByteArray>("rangeUnit");
}
} // namespace

class tst_PostgrestParser : public QObject
{
    Q_OBJECT

private slots:
    void renameViewFilterColumn_data();
    void renameViewFilterColumn();
    void selectForms_data();
    void selectForms() { parses(); }
    void filters_data();
    void filters() { parses(); }
    void logicTrees_data();
    void logicTrees() { parses(); }
    void orderAndPaging_data();
    void orderAndPaging() { parses(); }
    void headers_data();
    void headers() { parses(); }
    void errors_data();
    void errors();
    void errorProblemNamesTheParameter();
    void levelLookup();

private:
    void parses();
};

void tst_PostgrestParser::parses()
{
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, prefer);
    QFETCH(QByteArray, range);
    QFETCH(QByteArray, rangeUnit);
    QFETCH(QString, expected);
    const Result<ApiQuery> parsed = parseApiQuery(u"products"_s, query, {prefer, range, rangeUnit});
    QVERIFY2(parsed.hasValue(), qPrintable(parsed.hasValue() ? QString() : parsed.error().toString()));
    QCOMPARE(parsed->table, u"products"_s);
    QVERIFY(!parsed->levels.empty());
    QVERIFY(parsed->levels.front().embedPath.isEmpty());
    QCOMPARE(dump(*parsed), expected);
}

void tst_PostgrestParser::selectForms_data()
{
    addColumns();
    QTest::addColumn<QString>("expected");
    addRow("nothing", "", u"-"_s);
    addRow("star", "select=*", u"-"_s);
    addRow("encoded star", "select=%2A", u"-"_s);
    addRow("empty select", "select=", u"-"_s);
    addRow("columns", "select=id,name", u"select=id,name"_s);
    addRow("alias", "select=title:name", u"select=title:name"_s);
    addRow("json paths and casts", "select=id::text,c:data->a->>b,data->0,data->%22x.y%22::int",
        uR"x(select=id::text,c:data->"a"->>"b",data->0,data->"x.y"::int)x"_s);
    addRow("quoted names", "select=%22id%22,title:%22name%22", u"select=id,title:name"_s);
    addRow("spread", "select=id,...categories!category_id!inner(name,c:slug)",
        u"select=id,...categories!category_id!inner(name,c:slug)"_s);
    addRow("aggregates", "select=count(),n:count()::text,price.sum(),price::int.avg()::text,data->>a.max(),status",
        u"select=count(),n:count()::text,price.sum(),price::int.avg()::text,data->>\"a\".max(),status"_s);
    addRow("quoted name with escapes", "select=%22a%5C%22b%22", uR"x(select=a"b)x"_s);
    addRow("spaces ignored", "select=%20id%20,%20title%20:%20name%20", u"select=id,title:name"_s);
    addRow("star and column", "select=*,price", u"select=*,price"_s);
    addRow("embed star", "select=*,reviews(*)", u"select=*,reviews(*)"_s);
    addRow("embed columns", "select=id,reviews(rating,body)", u"select=id,reviews(rating,body)"_s);
    addRow("aliased embed", "select=id,author:users(name)", u"select=id,author:users(name)"_s);
    addRow("hint", "select=id,users!author_id(name)", u"select=id,users!author_id(name)"_s);
    addRow("inner", "select=id,users!inner(name)", u"select=id,users!inner(name)"_s);
    addRow("alias hint inner", "select=id,author:users!author_id!inner(name)",
        u"select=id,author:users!author_id!inner(name)"_s);
    addRow(
        "inner before hint", "select=users!inner!author_id(name)", u"select=users!author_id!inner(name)"_s);
    addRow("left is the default", "select=users!left(name)", u"select=users(name)"_s);
    addRow("nested embeds", "select=id,orders(id,order_items(quantity,products(name,price)))",
        u"select=id,orders(id,order_items(quantity,products(name,price)))"_s);
    addRow("embed with alias inside", "select=reviews(stars:rating,*)", u"select=reviews(stars:rating,*)"_s);
    addRow("percent-encoded select", "select=id%2Cauthor%3Ausers(name)", u"select=id,author:users(name)"_s);
}

void tst_PostgrestParser::filters_data()
{
    addColumns();
    QTest::addColumn<QString>("expected");
    addRow("eq", "id=eq.1", uR"x(root: where=and(id.eq."1"))x"_s);
    addRow("neq", "id=neq.1", uR"x(root: where=and(id.neq."1"))x"_s);
    addRow("gt", "price=gt.10", uR"x(root: where=and(price.gt."10"))x"_s);
    addRow("gte decimal", "price=gte.10.5", uR"x(root: where=and(price.gte."10.5"))x"_s);
    addRow("lt", "price=lt.0", uR"x(root: where=and(price.lt."0"))x"_s);
    addRow("lte negative", "price=lte.-3", uR"x(root: where=and(price.lte."-3"))x"_s);
    addRow("like stars become percent", "name=like.*phone*", uR"x(root: where=and(name.like."%phone%"))x"_s);
    addRow("ilike", "name=ilike.A*", uR"x(root: where=and(name.ilike."A%"))x"_s);
    addRow("like encoded percent kept", "name=like.50%25*", uR"x(root: where=and(name.like."50%%"))x"_s);
    addRow("in", "id=in.(1,2,3)", uR"x(root: where=and(id.in.("1","2","3")))x"_s);
    addRow("in quoted commas and parens", R"x(name=in.("a,b",c,"d)e"))x",
        uR"x(root: where=and(name.in.("a,b","c","d)e")))x"_s);
    addRow("in backslash escapes", R"x(name=in.("say \"hi\"","back\\slash"))x",
        uR"x(root: where=and(name.in.("say "hi"","back\slash")))x"_s);
    addRow("in percent-encoded quotes", "name=in.(%22Hebdon,John%22,%22Williams,Mary%22)",
        uR"x(root: where=and(name.in.("Hebdon,John","Williams,Mary")))x"_s);
    addRow("in empty list", "id=in.()", u"root: where=and(id.in.())"_s);
    addRow("in empty element", "name=in.(,a)", uR"x(root: where=and(name.in.("","a")))x"_s);
    addRow("is null", "deleted_at=is.null", u"root: where=and(deleted_at.is.null)"_s);
    addRow("is true", "active=is.true", u"root: where=and(active.is.true)"_s);
    addRow("is false", "active=is.false", u"root: where=and(active.is.false)"_s);
    addRow("is unknown", "active=is.unknown", u"root: where=and(active.is.unknown)"_s);
    addRow("is case-insensitive", "deleted_at=is.NULL", u"root: where=and(deleted_at.is.null)"_s);
    addRow("not eq", "id=not.eq.1", uR"x(root: where=and(not.id.eq."1"))x"_s);
    addRow("not in", "id=not.in.(1,2)", uR"x(root: where=and(not.id.in.("1","2")))x"_s);
    addRow("not is null", "deleted_at=not.is.null", u"root: where=and(not.deleted_at.is.null)"_s);
    addRow("not like", "name=not.like.a*", uR"x(root: where=and(not.name.like."a%"))x"_s);
    addRow("empty value", "name=eq.", uR"x(root: where=and(name.eq.""))x"_s);
    addRow("value with dots", "email=eq.a.b@c.d", uR"x(root: where=and(email.eq."a.b@c.d"))x"_s);
    addRow("value with commas and parens", "name=eq.a,b(c)", uR"x(root: where=and(name.eq."a,b(c)"))x"_s);
    addRow("value with quotes kept", R"x(name=eq."x")x", uR"x(root: where=and(name.eq.""x""))x"_s);
    addRow("plus is a space", "name=eq.a+b", uR"x(root: where=and(name.eq."a b"))x"_s);
    addRow("encoded plus", "name=eq.a%2Bb", uR"x(root: where=and(name.eq."a+b"))x"_s);
    addRow("json path filter", "data->a->>b=eq.x", uR"x(root: where=and(data->"a"->>"b".eq."x"))x"_s);
    addRow("json path in a logic tree", "or=(data->>a.eq.1,data->0.gt.2)",
        uR"x(root: where=and(or(data->>"a".eq."1",data->0.gt."2")))x"_s);
    addRow("json path order", "order=data->>a.desc,data->-1", uR"x(root: order=data->>"a".desc,data->-1.asc)x"_s);
    addRow("isdistinct", "name=isdistinct.a", uR"x(root: where=and(name.isdistinct."a"))x"_s);
    addRow("match", "name=match.%5Ea.*%24", uR"x(root: where=and(name.match."^a.*$"))x"_s);
    addRow("imatch negated", "name=not.imatch.x", uR"x(root: where=and(not.name.imatch."x"))x"_s);
    addRow("like any", "name=like(any).%7Ba*,%22b,c*%22%7D", uR"x(root: where=and(name.like.(any).{"a%","b,c%"}))x"_s);
    addRow("eq all", "id=eq(all).%7B1,2%7D", uR"x(root: where=and(id.eq.(all).{"1","2"}))x"_s);
    addRow("quantified empty", "id=gt(any).%7B%7D", uR"x(root: where=and(id.gt.(any).{}))x"_s);
    addRow("cs json", "attrs=cs.%7B%22a%22:1%7D", uR"x(root: where=and(attrs.cs."{"a":1}"))x"_s);
    addRow("cs array in a logic tree", "or=(tags.cs.%7Ba,b%7D,tags.ov.%7Bc%7D)",
        uR"x(root: where=and(or(tags.cs."{a,b}",tags.ov."{c}")))x"_s);
    addRow("fts", "body=fts.cat%20%26%20dog", uR"x(root: where=and(body.fts."cat & dog"))x"_s);
    addRow("fts with a language", "body=not.wfts(french).chat+noir", uR"x(root: where=and(not.body.wfts(french)."chat noir"))x"_s);
    addRow("plfts and phfts in a logic tree", "or=(body.plfts.a+b,body.phfts(simple).%22c,d%22)",
        uR"x(root: where=and(or(body.plfts."a b",body.phfts(simple)."c,d")))x"_s);
    addRow("plus in the key", "or=(name.eq.a+b,id.eq.1)", uR"x(root: where=and(or(name.eq."a b",id.eq."1")))x"_s);
    addRow("quoted column in a logic tree", "or=(%22name%22.eq.x)", uR"x(root: where=and(or(name.eq."x")))x"_s);
    addRow("encoded space", "name=eq.hello%20world", uR"x(root: where=and(name.eq."hello world"))x"_s);
    addRow("utf-8", "name=eq.%C3%A9t%C3%A9", uR"x(root: where=and(name.eq."été"))x"_s);
    addRow("decoded once", "name=eq.%2541", uR"x(root: where=and(name.eq."%41"))x"_s);
    addRow("encoded key", "n%61me=eq.x", uR"x(root: where=and(name.eq."x"))x"_s);
    addRow(
        "same column twice", "price=gt.1&price=lt.10", uR"x(root: where=and(price.gt."1",price.lt."10"))x"_s);
    addRow("empty parameters skipped", "&&id=eq.1&", uR"x(root: where=and(id.eq."1"))x"_s);
    addRow("embedded filter", "select=id,reviews(*)&reviews.rating=gte.4",
        uR"x(select=id,reviews(*); reviews: where=and(rating.gte."4"))x"_s);
    addRow("nested embedded filter", "orders.order_items.quantity=gt.1",
        uR"x(orders.order_items: where=and(quantity.gt."1"))x"_s);
    addRow("root and embed", "reviews.rating=eq.5&id=eq.2",
        uR"x(root: where=and(id.eq."2"); reviews: where=and(rating.eq."5"))x"_s);
    addRow("on_conflict", "on_conflict=sku", u"on_conflict=sku"_s);
    addRow("apikey is not a filter", "apikey=abc&id=eq.1", uR"x(root: where=and(id.eq."1"))x"_s);
    addRow("on_conflict two with space", "on_conflict=org_id,%20sku", u"on_conflict=org_id,sku"_s);
    addRow("columns", "columns=name,price", u"columns=name,price"_s);
    addRow("columns quoted (postgrest-js)", "columns=%22name%22,%22price%22", u"columns=name,price"_s);
    addRow("on_conflict quoted", "on_conflict=%22sku%22", u"on_conflict=sku"_s);
}

void tst_PostgrestParser::logicTrees_data()
{
    addColumns();
    QTest::addColumn<QString>("expected");
    addRow("or", "or=(a.eq.1,b.gt.2)", uR"x(root: where=and(or(a.eq."1",b.gt."2")))x"_s);
    addRow("and", "and=(a.eq.1,b.eq.2)", uR"x(root: where=and(and(a.eq."1",b.eq."2")))x"_s);
    addRow("not.or", "not.or=(a.eq.1,b.eq.2)", uR"x(root: where=and(not.or(a.eq."1",b.eq."2")))x"_s);
    addRow("not.and", "not.and=(a.gte.1,a.lte.9)", uR"x(root: where=and(not.and(a.gte."1",a.lte."9")))x"_s);
    addRow("nested and", "or=(a.eq.1,and(b.gt.2,c.lt.3))",
        uR"x(root: where=and(or(a.eq."1",and(b.gt."2",c.lt."3"))))x"_s);
    addRow("nested not.and", "or=(a.eq.1,not.and(b.gt.2,c.lt.3))",
        uR"x(root: where=and(or(a.eq."1",not.and(b.gt."2",c.lt."3"))))x"_s);
    addRow("deep nesting", "and=(or(a.eq.1,and(b.eq.2,or(c.eq.3,d.eq.4))),e.eq.5)",
        uR"x(root: where=and(and(or(a.eq."1",and(b.eq."2",or(c.eq."3",d.eq."4"))),e.eq."5")))x"_s);
    addRow("negated filters inside", "or=(a.not.eq.1,b.is.null,c.not.is.true)",
        uR"x(root: where=and(or(not.a.eq."1",b.is.null,not.c.is.true)))x"_s);
    addRow("in and quotes inside", R"x(or=(id.in.(1,2),name.eq."a,b)"))x",
        uR"x(root: where=and(or(id.in.("1","2"),name.eq."a,b)")))x"_s);
    addRow("like inside", "or=(name.like.*x*,name.ilike.Y*)",
        uR"x(root: where=and(or(name.like."%x%",name.ilike."Y%")))x"_s);
    addRow("spaces after separators", "or=(%20a.eq.1,%20b.eq.2%20)%20",
        uR"x(root: where=and(or(a.eq."1",b.eq."2 ")))x"_s);
    addRow("empty value inside", "or=(a.eq.,b.eq.2)", uR"x(root: where=and(or(a.eq."",b.eq."2")))x"_s);
    addRow("two or parameters", "or=(a.eq.1,b.eq.2)&or=(c.eq.3,d.eq.4)",
        uR"x(root: where=and(or(a.eq."1",b.eq."2"),or(c.eq."3",d.eq."4")))x"_s);
    addRow("or with filter", "or=(a.eq.1,b.eq.2)&c=eq.3",
        uR"x(root: where=and(or(a.eq."1",b.eq."2"),c.eq."3"))x"_s);
    addRow("embedded or", "reviews.or=(rating.eq.5,rating.eq.1)",
        uR"x(reviews: where=and(or(rating.eq."5",rating.eq."1")))x"_s);
    addRow("embedded not.and", "orders.items.not.and=(qty.gt.1,qty.lt.5)",
        uR"x(orders.items: where=and(not.and(qty.gt."1",qty.lt."5")))x"_s);
    addRow(
        "percent-encoded or", "or=%28a.eq.1%2Cb.eq.2%29", uR"x(root: where=and(or(a.eq."1",b.eq."2")))x"_s);
}

void tst_PostgrestParser::orderAndPaging_data()
{
    addColumns();
    QTest::addColumn<QString>("expected");
    addRow("order column", "order=name", u"root: order=name.asc"_s);
    addRow("order desc", "order=name.desc", u"root: order=name.desc"_s);
    addRow("order several", "order=name.desc.nullslast,id", u"root: order=name.desc.nullslast,id.asc"_s);
    addRow("order nullsfirst alone", "order=name.nullsfirst", u"root: order=name.asc.nullsfirst"_s);
    addRow("order asc nullsfirst", "order=name.asc.nullsfirst", u"root: order=name.asc.nullsfirst"_s);
    addRow("order spaces", "order=a.desc,%20b.asc", u"root: order=a.desc,b.asc"_s);
    addRow("embedded order", "reviews.order=rating.desc", u"reviews: order=rating.desc"_s);
    addRow("limit and offset", "limit=10&offset=20", u"root: limit=10 offset=20"_s);
    addRow("limit zero", "limit=0", u"root: limit=0"_s);
    addRow("embedded limit and offset", "reviews.limit=2&reviews.offset=1", u"reviews: limit=2 offset=1"_s);
    addRow("everything",
        "select=id,reviews(*)&id=gt.5&order=id.desc&limit=3&reviews.order=rating&reviews.limit=1",
        uR"x(select=id,reviews(*); root: where=and(id.gt."5") order=id.desc limit=3; reviews: order=rating.asc limit=1)x"_s);
}

void tst_PostgrestParser::headers_data()
{
    addColumns();
    QTest::addColumn<QString>("expected");
    addRow("range", "", u"root: limit=20 offset=0"_s, {{}, "0-19", {}});
    addRow("range with unit", "", u"root: limit=20 offset=0"_s, {{}, "0-19", "items"});
    addRow("range open-ended", "", u"root: offset=10"_s, {{}, "10-", {}});
    addRow("range one row", "", u"root: limit=1 offset=5"_s, {{}, "5-5", {}});
    addRow("range trimmed", "", u"root: limit=10 offset=0"_s, {{}, " 0-9 ", {}});
    addRow("range within limit", "limit=5", u"root: limit=5 offset=0"_s, {{}, "0-9", {}});
    addRow("range and offset", "offset=5", u"root: limit=5 offset=5"_s, {{}, "0-9", {}});
    addRow("range disjoint from params", "limit=5&offset=2", u"root: limit=0 offset=10"_s, {{}, "10-19", {}});
    addRow("open range and limit", "limit=10", u"root: limit=5 offset=5"_s, {{}, "5-", {}});
    addRow("range leaves embeds alone", "reviews.limit=2", u"root: limit=3 offset=0; reviews: limit=2"_s,
        {{}, "0-2", {}});
    addRow("return minimal", "", u"prefer=return:minimal"_s, {"return=minimal", {}, {}});
    addRow("return and count", "", u"prefer=return:representation,count:exact"_s,
        {"return=representation, count=exact", {}, {}});
    addRow("headers-only", "", u"prefer=return:headers-only"_s, {"return=headers-only", {}, {}});
    addRow("count planned", "", u"prefer=count:planned"_s, {"count=planned", {}, {}});
    addRow("count estimated", "", u"prefer=count:estimated"_s, {"count=estimated", {}, {}});
    addRow("merge duplicates", "on_conflict=sku", u"on_conflict=sku; prefer=resolution:merge"_s,
        {"resolution=merge-duplicates", {}, {}});
    addRow("ignore duplicates", "", u"prefer=resolution:ignore"_s, {"resolution=ignore-duplicates", {}, {}});
    addRow("missing default", "columns=a,b", u"columns=a,b; prefer=return:minimal,missing:default"_s,
        {"missing=default,return=minimal", {}, {}});
    addRow("unknown preferences ignored", "", u"prefer=return:minimal,tx:commit"_s,
        {"tx=commit, return=minimal, foo", {}, {}});
    addRow("tx rollback", "", u"prefer=tx:rollback"_s, {"tx=rollback", {}, {}});
    addRow("max-affected", "", u"prefer=max-affected:10"_s, {"handling=strict, max-affected=10", {}, {}});
    addRow("max-affected not a number ignored", "", u"-"_s, {"max-affected=ten", {}, {}});
    addRow("bad value ignored", "", u"prefer=count:exact"_s, {"return=everything,count=exact", {}, {}});
    addRow("first wins", "", u"prefer=return:minimal"_s, {"return=minimal,return=representation", {}, {}});
    addRow("lenient", "", u"-"_s, {"handling=lenient, foo=bar", {}, {}});
    addRow("strict and valid", "", u"prefer=return:minimal"_s, {"handling=strict, return=minimal", {}, {}});
    addRow(
        "empty items", "", u"prefer=return:minimal,count:exact"_s, {"return=minimal,, count=exact,", {}, {}});
}

void tst_PostgrestParser::errors_data()
{
    addErrorRows();
}

void tst_PostgrestParser::errors()
{
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, prefer);
    QFETCH(QByteArray, range);
    QFETCH(QByteArray, rangeUnit);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const Result<ApiQuery> parsed = parseApiQuery(u"products"_s, query, {prefer, range, rangeUnit});
    QVERIFY2(!parsed.hasValue(), qPrintable(parsed.hasValue() ? dump(*parsed) : QString()));
    QCOMPARE(errorCodeName(parsed.error().code), code);
    QCOMPARE(parsed.error().message, message);
}

void tst_PostgrestParser::errorProblemNamesTheParameter()
{
    const Result<ApiQuery> parsed = parseApiQuery(u"products"_s, "id=eq.1&reviews.order=rating.desk", {});
    QVERIFY(!parsed.hasValue());
    QCOMPARE(parsed.error().problems.size(), 1);
    const Problem &problem = parsed.error().problems.front();
    QCOMPARE(problem.path, u"reviews.order"_s);
    QCOMPARE(problem.message,
        uR"x(unexpected "desk" at position 8 (expected asc, desc, nullsfirst or nullslast))x"_s);
}

void tst_PostgrestParser::levelLookup()
{
    const Result<ApiQuery> parsed
        = parseApiQuery(u"orders"_s, "orders.items.limit=1&reviews.rating=eq.5&id=eq.1", {});
    QVERIFY(parsed.hasValue());
    QCOMPARE(parsed->levels.size(), size_t(3));
    QCOMPARE(parsed->root().where.children.size(), size_t(1));
    const QueryLevel *items = parsed->level({u"orders"_s, u"items"_s});
    QVERIFY(items);
    QCOMPARE(items->limit, std::optional<qint64>(1));
    QVERIFY(parsed->level({u"reviews"_s}));
    QVERIFY(!parsed->level({u"orders"_s}));
    QCOMPARE(parsed->level({}), &parsed->root());
}

QTEST_GUILESS_MAIN(tst_PostgrestParser)
void tst_PostgrestParser::renameViewFilterColumn_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("expected"); // empty: the filter does not parse
    QTest::addRow("parameter name") << u"status=eq.published&price=gt.0"_s << u"state=eq.published&price=gt.0"_s;
    QTest::addRow("value untouched") << u"title=eq.status"_s << u"title=eq.status"_s;
    QTest::addRow("repeated") << u"status=neq.a&status=neq.b"_s << u"state=neq.a&state=neq.b"_s;
    QTest::addRow("json path") << u"status->>x=eq.1"_s << u"state->>x=eq.1"_s;
    QTest::addRow("longer name kept") << u"status_code=eq.1"_s << u"status_code=eq.1"_s;
    QTest::addRow("logic tree")
        << u"or=(status.eq.a,and(price.gt.1,status.is.null),title.eq.status)"_s
        << u"or=(state.eq.a,and(price.gt.1,state.is.null),title.eq.status)"_s;
    QTest::addRow("negated tree") << u"not.and=( status.eq.a, price.gt.1)"_s
                                  << u"not.and=( state.eq.a, price.gt.1)"_s;
    QTest::addRow("quoted name") << u"or=(\"status\".eq.a)"_s << u"or=(state.eq.a)"_s;
    QTest::addRow("encoded value") << u"or=(status.eq.a+b,title.eq.%26)"_s
                                   << u"or=(state.eq.a+b,title.eq.%26)"_s;
    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("does not parse") << u"status=zz.1"_s << QString();
}

void tst_PostgrestParser::renameViewFilterColumn()
{
    QFETCH(QString, filter);
    QFETCH(QString, expected);
    const Runtime::Result<QString> renamed = Runtime::renameViewFilterColumn(filter, u"status"_s, u"state"_s);
    if (expected.isEmpty() && !filter.isEmpty()) {
        QVERIFY(!renamed);
        QVERIFY(renamed.error().message.contains(u"position"_s));
        return;
    }
    QVERIFY2(renamed, qPrintable(renamed ? QString() : renamed.error().message));
    QCOMPARE(*renamed, expected);
    // The result means the same to the parser, with the new name.
    QVERIFY(Runtime::parseApiQuery(u"t"_s, renamed->toUtf8(), {}));
}

#include "tst_postgrestparser.moc"
