// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of RowRule and RowVisibility: one row per rule construct and field type, roles, tenancy, columns.
#include "tst_rowrules.h"

#include "rowrulesproject.h"
#include "rules/rowrule.h"
#include "rules/rowvisibility.h"
#include "rules/rulecompiler.h"
#include "storage/database.h"
#include "storage/sqlitedialect.h"

#include <QJsonDocument>
#include <QtTest>

#include <thread>

using namespace Runtime;
using namespace RowRulesTest;
using namespace Qt::StringLiterals;

namespace {
// A row of `things` with every field NULL but those \a json sets (a JSON object's text).
QJsonObject row(const char *json)
{
    QJsonObject r;
    for (const Field &f : project()->tables.at(1).fields)
        r.insert(f.name, QJsonValue::Null);
    r.insert(u"id"_s, 1);
    const QJsonObject set = QJsonDocument::fromJson(QByteArray(json)).object();
    for (auto it = set.begin(); it != set.end(); ++it)
        r.insert(it.key(), it.value());
    return r;
}

QString verdictName(RowRule::Verdict v)
{
    switch (v) {
    case RowRule::Verdict::Match:
        return u"match"_s;
    case RowRule::Verdict::NoMatch:
        return u"no"_s;
    case RowRule::Verdict::NeedsQuery:
        break;
    }
    return u"query"_s;
}

QString verdictName(RowVisibility::Verdict v)
{
    switch (v) {
    case RowVisibility::Verdict::Visible:
        return u"visible"_s;
    case RowVisibility::Verdict::Hidden:
        return u"hidden"_s;
    case RowVisibility::Verdict::NeedsQuery:
        break;
    }
    return u"query"_s;
}

const Table &things(const Project &p)
{
    return p.tables.at(1);
}
} // namespace

void tst_RowRules::evaluate_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QJsonObject>("row");
    QTest::addColumn<QString>("caller");
    QTest::addColumn<QString>("expected");

    const QString a = s_userA;
    const QByteArray ownerA = "{\"owner_id\":\"" + a.toLatin1() + "\"}";
    const QByteArray ownerB = "{\"owner_id\":\"" + s_userB.toLatin1() + "\"}";
    const auto add = [](const char *name, const QString &rule, const QJsonObject &r, const char *caller,
                         const char *expected) {
        QTest::newRow(name) << rule << r << QString::fromLatin1(caller) << QString::fromLatin1(expected);
    };
    // Constants and the owner rule, with NULL on either side.
    add("empty", u""_s, row("{}"), "anon", "match");
    add("true", u"true"_s, row("{}"), "anon", "match");
    add("false", u"false"_s, row("{}"), "a", "no");
    add("owner: own row", u"owner_id = auth.uid"_s, row(ownerA), "a", "match");
    add("owner: other row", u"owner_id = auth.uid"_s, row(ownerB), "a", "no");
    add("owner: uid converted to uuid", u"owner_id = auth.uid"_s, row(ownerB), "b", "match");
    add("owner: anon has no uid", u"owner_id = auth.uid"_s, row(ownerA), "anon", "no");
    add("owner: NULL column", u"owner_id = auth.uid"_s, row("{}"), "a", "no");
    add("not equal with NULL uid", u"owner_id != auth.uid"_s, row(ownerA), "anon", "no");
    add("not equal", u"owner_id <> auth.uid"_s, row(ownerB), "a", "match");
    add("not of unknown is unknown", u"not owner_id = auth.uid"_s, row(ownerA), "anon", "no");
    add("not of unknown and false", u"not (owner_id = auth.uid and flag = true)"_s,
        row("{\"owner_id\":\"x\",\"flag\":false}"), "anon", "match");
    add("or with unknown and true", u"owner_id = auth.uid or flag = true"_s, row("{\"flag\":true}"), "anon",
        "match");
    add("or with unknown and false", u"owner_id = auth.uid or flag = true"_s, row("{\"flag\":false}"), "anon",
        "no");
    add("is null", u"owner_id is null"_s, row("{}"), "a", "match");
    add("is not null", u"owner_id is not null"_s, row("{}"), "a", "no");
    add("auth.uid is null", u"auth.uid is null"_s, row("{}"), "anon", "match");
    add("claim is not null", u"auth.claims.tag is not null"_s, row("{}"), "a", "match");
    add("missing claim is null", u"auth.claims.tag is null"_s, row("{}"), "bare", "match");
    add("role", u"auth.role = 'editor'"_s, row("{}"), "editor", "match");
    add("role of another", u"auth.role = 'editor'"_s, row("{}"), "a", "no");
    add("email", u"email = auth.email"_s, row("{\"email\":\"ann@example.com\"}"), "a", "match");
    add("email is case-sensitive", u"email = auth.email"_s, row("{\"email\":\"ann@example.com\"}"), "b",
        "no");
    add("no email", u"email = auth.email"_s, row("{\"email\":\"ann@example.com\"}"), "bare", "no");
    // Text by code point.
    add("text equal", u"name = 'alpha'"_s, row("{\"name\":\"alpha\"}"), "a", "match");
    add("text case", u"name = 'alpha'"_s, row("{\"name\":\"Alpha\"}"), "a", "no");
    add("text less: upper case first", u"name < 'alpha'"_s, row("{\"name\":\"Zulu\"}"), "a", "match");
    add("text accents after ascii", u"name > 'zzz'"_s, row("{\"name\":\"é\"}"), "a", "match");
    add("astral above private use", u"name > '\uE000'"_s, row("{\"name\":\"😀\"}"), "a", "match");
    add("empty text is not NULL", u"name is not null"_s, row("{\"name\":\"\"}"), "a", "match");
    add("text against a number claim", u"name = auth.claims.level"_s, row("{\"name\":\"5\"}"), "a", "match");
    // Numbers, exactly.
    add("integer greater", u"level > 1"_s, row("{\"level\":42}"), "a", "match");
    add("integer max", u"level = 9223372036854775807"_s, row("{\"level\":9223372036854775807}"), "a",
        "match");
    add("integer min", u"level < -9223372036854775807"_s, row("{\"level\":-9223372036854775808}"), "a",
        "match");
    add("integer claim", u"level >= auth.claims.level"_s, row("{\"level\":5}"), "a", "match");
    add("integer claim as text", u"level >= auth.claims.level"_s, row("{\"level\":5}"), "b", "match");
    add("fractional claim binds NULL", u"level <= auth.claims.level"_s, row("{\"level\":1}"), "editor", "no");
    add("huge claim binds NULL", u"level <= auth.claims.level"_s, row("{\"level\":1}"), "big", "no");
    add("in", u"level in (0, 1, 42)"_s, row("{\"level\":42}"), "a", "match");
    add("in with NULL", u"level in (0, 1, 42)"_s, row("{}"), "a", "no");
    add("not in with NULL", u"level not in (0, 1)"_s, row("{}"), "a", "no");
    add("not in", u"level not in (0, 1)"_s, row("{\"level\":5}"), "a", "match");
    add("not in, listed", u"level not in (0, 1)"_s, row("{\"level\":0}"), "a", "no");
    add("in with a caller value", u"level in (auth.claims.level, 7)"_s, row("{\"level\":5}"), "a", "match");
    add("number", u"score = 0.1"_s, row("{\"score\":0.1}"), "a", "match");
    add("number and integer columns, exactly", u"score < level"_s,
        row("{\"score\":9007199254740992.0,\"level\":9007199254740993}"), "a", "match");
    add("number below integer", u"score < level"_s, row("{\"score\":-0.5,\"level\":0}"), "a", "match");
    // Booleans, dates, datetimes, enums.
    add("boolean", u"flag = true"_s, row("{\"flag\":true}"), "a", "match");
    add("boolean NULL", u"flag = true"_s, row("{}"), "a", "no");
    add("not boolean NULL", u"not flag = true"_s, row("{}"), "a", "no");
    add("boolean order", u"flag > false"_s, row("{\"flag\":true}"), "a", "match");
    add("boolean claim", u"flag = auth.claims.admin"_s, row("{\"flag\":true}"), "a", "match");
    add("boolean claim as text", u"flag = auth.claims.admin"_s, row("{\"flag\":true}"), "b", "match");
    add("boolean claim as number", u"flag = auth.claims.admin"_s, row("{\"flag\":true}"), "editor", "match");
    add("date", u"day > '2024-01-01'"_s, row("{\"day\":\"2024-02-29\"}"), "a", "match");
    add("datetime", u"at > '2024-01-01T00:00:00.000Z'"_s, row("{\"at\":\"2024-01-01T00:00:00.001Z\"}"), "a",
        "match");
    add("datetime with offset", u"at = '2024-01-01T01:00:00+01:00'"_s,
        row("{\"at\":\"2024-01-01T00:00:00.000Z\"}"), "a", "match");
    add("enum", u"kind in ('a', 'b')"_s, row("{\"kind\":\"b\"}"), "a", "match");
    add("enum claim", u"kind = auth.claims.tag"_s, row("{\"kind\":\"a\"}"), "a", "match");
    add("enum integer claim", u"kind = auth.claims.tag"_s, row("{\"kind\":\"5\"}"), "b", "match");
    add("enum boolean claim", u"kind = auth.claims.tag"_s, row("{\"kind\":\"true\"}"), "editor", "query");
    add("uuid claim that is no uuid", u"organization_id = auth.claims.organization_id"_s,
        row("{\"organization_id\":\"0a0a0a0a-0000-4000-8000-000000000001\"}"), "b", "no");
    add("uuid claim in upper case", u"organization_id = auth.claims.organization_id"_s,
        row("{\"organization_id\":\"0a0a0a0a-0000-4000-8000-000000000001\"}"), "big", "match");
    // JSON, arrays, paths, missing fields: the database decides.
    add("json is null", u"meta is null"_s, row("{}"), "a", "match");
    add("json is not null", u"meta is not null"_s, row("{\"meta\":{\"a\":1}}"), "a", "match");
    add("json compared", u"meta = '{\"a\":1}'"_s, row("{\"meta\":{\"a\":1}}"), "a", "query");
    add("array is not null", u"tags is not null"_s, row("{\"tags\":[\"x\"]}"), "a", "match");
    add("path", u"group.owner_id = auth.uid"_s, row("{\"group_id\":1}"), "a", "query");
    add("path or own row", u"owner_id = auth.uid or group.owner_id = auth.uid"_s, row(ownerA), "a", "match");
    add("path and other row", u"owner_id = auth.uid and group.owner_id = auth.uid"_s, row(ownerB), "a", "no");
    add("path or other row", u"owner_id = auth.uid or group.owner_id = auth.uid"_s, row(ownerB), "a",
        "query");
    add("not path", u"not group.owner_id = auth.uid"_s, row("{}"), "a", "query");
    add("caller value in a list of columns", u"auth.uid in (owner_id)"_s, row(ownerA), "a", "query");
    add("missing field", u"level > 1"_s, QJsonObject {{u"id"_s, 1}}, "a", "query");
    // Two values and no column: each engine types them its own way (SQLite here).
    add("claim greater", u"auth.claims.level > 3"_s, row("{}"), "a", "match");
    add("text claim above a number", u"auth.claims.level > 30"_s, row("{}"), "b", "match");
    add("text claim is no number", u"auth.claims.level = 5"_s, row("{}"), "b", "no");
    add("boolean claim is 1", u"auth.claims.admin = true"_s, row("{}"), "editor", "match");
    add("email literal", u"auth.email = 'ann@example.com'"_s, row("{}"), "a", "match");
}

void tst_RowRules::evaluate()
{
    QFETCH(QString, rule);
    QFETCH(QJsonObject, row);
    QFETCH(QString, caller);
    QFETCH(QString, expected);
    const std::shared_ptr<Project> p = project();
    Result<RowRule> compiled
        = RowRule::compile(*p, things(*p), rule, DatabaseEngine::SQLite, RowRule::TextOrder::CodePoint);
    QVERIFY2(compiled, qPrintable(compiled ? QString() : compiled.error().toString()));
    QCOMPARE(verdictName(compiled->evaluate(row, RowRulesTest::caller(caller))), expected);
    QCOMPARE(compiled->isAlwaysTrue(), rule.isEmpty());
    QCOMPARE(compiled->followsPaths(), rule.contains(u"group."_s));
}

void tst_RowRules::engines_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<bool>("collated"); // RowRule::TextOrder::Collation
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("caller");
    QTest::addColumn<QString>("expected");
    const int sqlite = int(DatabaseEngine::SQLite);
    const int postgres = int(DatabaseEngine::PostgreSQL);
    const auto add = [](const char *name, int engine, bool collated, const QString &rule, const char *caller,
                         const char *expected) {
        QTest::newRow(name) << engine << collated << rule << QString::fromLatin1(caller)
                            << QString::fromLatin1(expected);
    };
    // PostgreSQL keeps microseconds (now() defaults) that the row's milliseconds do not show.
    add("datetime equal, PostgreSQL", postgres, false, u"at = '2024-01-01T00:00:00.000Z'"_s, "a", "query");
    add("datetime at least, PostgreSQL", postgres, false, u"at >= '2024-01-01T00:00:00.000Z'"_s, "a",
        "query");
    add("datetime after, PostgreSQL", postgres, false, u"at > '2023-12-31T23:59:59.999Z'"_s, "a", "match");
    add("datetime equal, SQLite", sqlite, false, u"at = '2024-01-01T00:00:00.000Z'"_s, "a", "match");
    // PostgreSQL compares two untyped values as text.
    add("text claim equals a number, PostgreSQL", postgres, false, u"auth.claims.level = 5"_s, "b", "match");
    add("number claim equals a number, PostgreSQL", postgres, false, u"auth.claims.level = 5"_s, "a",
        "match");
    add("fractional claim, PostgreSQL", postgres, false, u"auth.claims.level > 1"_s, "editor", "query");
    // Under a collation only PostgreSQL knows, < and > between text need a query; equality, uuids and
    // dates do not.
    add("collated less", postgres, true, u"name < 'beta'"_s, "a", "query");
    add("collated caller values", postgres, true, u"auth.email >= 'b'"_s, "a", "query");
    add("collated equality", postgres, true, u"name = 'alpha'"_s, "a", "match");
    add("collated not in", postgres, true, u"name not in ('beta')"_s, "a", "match");
    add("collated date", postgres, true, u"day > '2024-01-01'"_s, "a", "match");
    add("collated uuid", postgres, true, u"owner_id < 'bbbbbbbb-0000-4000-8000-00000000000b'"_s, "a",
        "match");
    add("SQLite has no collation", sqlite, true, u"name < 'beta'"_s, "a", "match");
}

void tst_RowRules::engines()
{
    QFETCH(int, engine);
    QFETCH(bool, collated);
    QFETCH(QString, rule);
    QFETCH(QString, caller);
    QFETCH(QString, expected);
    const std::shared_ptr<Project> p = project();
    const QJsonObject r
        = row("{\"at\":\"2024-01-01T00:00:00.000Z\",\"name\":\"alpha\",\"day\":\"2024-02-29\","
              "\"owner_id\":\"aaaaaaaa-0000-4000-8000-00000000000a\"}");
    Result<RowRule> compiled = RowRule::compile(*p, things(*p), rule, DatabaseEngine(engine),
        collated ? RowRule::TextOrder::Collation : RowRule::TextOrder::CodePoint);
    QVERIFY2(compiled, qPrintable(compiled ? QString() : compiled.error().toString()));
    QCOMPARE(verdictName(compiled->evaluate(r, RowRulesTest::caller(caller))), expected);
}

void tst_RowRules::textOrderOf_data()
{
    QTest::addColumn<QString>("collation");
    QTest::addColumn<bool>("codePoint");
    QTest::newRow("C") << u"C"_s << true;
    QTest::newRow("POSIX") << u"POSIX"_s << true;
    QTest::newRow("C.UTF-8") << u"C.UTF-8"_s << true;
    QTest::newRow("C.utf8") << u"C.utf8"_s << true;
    QTest::newRow("en_US.UTF-8") << u"en_US.UTF-8"_s << false;
    QTest::newRow("und-x-icu") << u"und-x-icu"_s << false;
}

void tst_RowRules::textOrderOf()
{
    QFETCH(QString, collation);
    QFETCH(bool, codePoint);
    QCOMPARE(RowRule::textOrderOf(collation) == RowRule::TextOrder::CodePoint, codePoint);
}

void tst_RowRules::compileErrorsMatchTheCompiler_data()
{
    QTest::addColumn<QString>("rule");
    QTest::newRow("syntax") << u"owner_id = "_s;
    QTest::newRow("unknown column") << u"ownr_id = auth.uid"_s;
    QTest::newRow("literal type") << u"level = 'high'"_s;
    QTest::newRow("unknown claim") << u"auth.claims.nope = 1"_s;
    QTest::newRow("two fixed values") << u"1 = 1"_s;
    QTest::newRow("null comparison") << u"owner_id = null"_s;
    QTest::newRow("enum value") << u"kind = 'c'"_s;
}

void tst_RowRules::compileErrorsMatchTheCompiler()
{
    QFETCH(QString, rule);
    const std::shared_ptr<Project> p = project();
    Result<RowRule> row
        = RowRule::compile(*p, things(*p), rule, DatabaseEngine::SQLite, RowRule::TextOrder::CodePoint);
    Result<CompiledRule> sql = RuleCompiler::compile(*p, things(*p), rule, SqliteDialect());
    QVERIFY(!row);
    QVERIFY(!sql);
    QCOMPARE(row.error().code, ErrorCode::InvalidRule);
    QCOMPARE(row.error().message, sql.error().message);
}

void tst_RowRules::visibility_data()
{
    QTest::addColumn<QStringList>("rules");
    QTest::addColumn<bool>("tenant");
    QTest::addColumn<QJsonObject>("row");
    QTest::addColumn<QString>("caller");
    QTest::addColumn<QString>("expected");

    const QJsonObject orgA
        = row("{\"organization_id\":\"0a0a0a0a-0000-4000-8000-000000000001\",\"flag\":true}");
    const QJsonObject orgB
        = row("{\"organization_id\":\"0b0b0b0b-0000-4000-8000-000000000002\",\"flag\":false}");
    const QStringList none;
    const QStringList everyone {u"authenticated:"_s};
    const QStringList roles {u"authenticated: owner_id = auth.uid"_s, u"editor: flag = true"_s};
    const QStringList path {u"authenticated: flag = true"_s, u"authenticated: group.owner_id = auth.uid"_s};
    QTest::newRow("no rule") << none << false << orgA << u"a"_s << u"hidden"_s;
    QTest::newRow("no rule, service") << none << false << orgA << u"service"_s << u"visible"_s;
    QTest::newRow("anon rule only") << QStringList {u"anon: true"_s} << false << orgA << u"a"_s
                                    << u"hidden"_s;
    QTest::newRow("anon rule, anon") << QStringList {u"anon: true"_s} << false << orgA << u"anon"_s
                                     << u"visible"_s;
    QTest::newRow("everyone") << everyone << false << orgB << u"bare"_s << u"visible"_s;
    QTest::newRow("custom role adds its rules") << roles << false << orgA << u"editor"_s << u"visible"_s;
    QTest::newRow("custom role, false") << roles << false << orgB << u"editor"_s << u"hidden"_s;
    QTest::newRow("not the custom role") << roles << false << orgA << u"a"_s << u"hidden"_s;
    QTest::newRow("tenant, own") << everyone << true << orgA << u"a"_s << u"visible"_s;
    QTest::newRow("tenant, other") << everyone << true << orgB << u"a"_s << u"hidden"_s;
    QTest::newRow("tenant, no claim") << everyone << true << orgA << u"bare"_s << u"hidden"_s;
    QTest::newRow("tenant, NULL row") << everyone << true << row("{}") << u"a"_s << u"hidden"_s;
    QTest::newRow("tenant, service") << everyone << true << orgB << u"service"_s << u"visible"_s;
    QTest::newRow("rules or'ed, one true") << path << false << orgA << u"a"_s << u"visible"_s;
    QTest::newRow("rules or'ed, path left") << path << false << orgB << u"a"_s << u"query"_s;
    QTest::newRow("tenant decides over a path") << path << true << orgB << u"a"_s << u"hidden"_s;
    QTest::newRow("path within the tenant") << path << true << orgB << u"editor"_s << u"query"_s;
}

void tst_RowRules::visibility()
{
    QFETCH(QStringList, rules);
    QFETCH(bool, tenant);
    QFETCH(QJsonObject, row);
    QFETCH(QString, caller);
    QFETCH(QString, expected);
    const std::shared_ptr<const Project> p = withRules(*project(), rules, tenant);
    Result<std::shared_ptr<const RowVisibility>> v
        = RowVisibility::compile(p, DatabaseEngine::SQLite, RowRule::TextOrder::CodePoint);
    QVERIFY2(v, qPrintable(v ? QString() : v.error().toString()));
    const Caller c = RowRulesTest::caller(caller);
    QCOMPARE(verdictName((*v)->verdict(things(*p), row, c)), expected);
    QCOMPARE(verdictName((*v)->verdict(u"things"_s, row, c)), expected);
    bool may = c.isService();
    for (const QString &rule : rules)
        may = may || c.ruleRoles().contains(rule.section(u':', 0, 0).trimmed());
    QCOMPARE((*v)->maySelect(things(*p), c), may);
    QCOMPARE(verdictName((*v)->verdict(u"nothing"_s, row, c)), u"hidden"_s);
}

void tst_RowRules::columns()
{
    // What select=* returns: every field but the hidden ones, to every caller (the service role too).
    const std::shared_ptr<const Project> p = withRules(*project(), {u"authenticated:"_s});
    Result<std::shared_ptr<const RowVisibility>> v
        = RowVisibility::compile(p, DatabaseEngine::SQLite, RowRule::TextOrder::CodePoint);
    QVERIFY(v);
    const QJsonObject r = row("{\"secret\":\"s\",\"name\":\"n\"}");
    for (const QString &name : {u"a"_s, u"anon"_s, u"service"_s}) {
        const Caller c = caller(name);
        const QStringList columns = (*v)->visibleColumns(things(*p), c);
        QVERIFY(!columns.contains(u"secret"_s));
        QCOMPARE(columns.size(), qsizetype(things(*p).fields.size()) - 1);
        QCOMPARE(columns.front(), u"id"_s);
        const QJsonObject visible = (*v)->visibleRow(things(*p), r, c);
        QVERIFY(!visible.contains(u"secret"_s));
        QCOMPARE(visible.value(u"name"_s), QJsonValue(u"n"_s));
        QStringList sorted = columns;
        sorted.sort();
        QCOMPARE(visible.keys(), sorted);
    }
}

void tst_RowRules::threads()
{
    // One compiled RowVisibility answered from several threads at once gives what one thread gets.
    const std::shared_ptr<const Project> p = withRules(*project(),
        {u"authenticated: owner_id = auth.uid or (flag = true and name < 'm')"_s,
            u"editor: level in (1, 5)"_s},
        true);
    Result<std::shared_ptr<const RowVisibility>> compiled
        = RowVisibility::compile(p, DatabaseEngine::SQLite, RowRule::TextOrder::CodePoint);
    QVERIFY(compiled);
    const std::shared_ptr<const RowVisibility> v = *compiled;
    const QJsonArray rows = thingRows();
    const QStringList callers = callerNames();
    const auto run = [&](std::vector<int> &out) {
        for (int round = 0; round < 20; ++round) {
            for (const QString &name : callers) {
                const Caller c = caller(name);
                for (const QJsonValue &r : rows)
                    out.push_back(int(v->verdict(things(*p), r.toObject(), c)));
            }
        }
    };
    std::vector<int> expected;
    run(expected);
    std::vector<std::vector<int>> results(4);
    std::vector<std::thread> workers;
    for (std::vector<int> &out : results)
        workers.emplace_back([&run, &out] { run(out); });
    for (std::thread &w : workers)
        w.join();
    for (const std::vector<int> &out : results)
        QVERIFY(out == expected);
}

QTEST_GUILESS_MAIN(tst_RowRules)
