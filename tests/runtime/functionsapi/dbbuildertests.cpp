// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of a function's `db` builder, called through /functions/v1 on a real server.
#include "functionsapitest.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Runtime;
using namespace Qt::StringLiterals;

namespace {
// Serves the project with one more function, "probe", whose body is \a code.
std::shared_ptr<Project> withProbe(std::shared_ptr<Project> project, const QString &code, bool readOnly = false)
{
    ScriptFunction probe;
    probe.id = u"fn_probe"_s;
    probe.name = u"probe"_s;
    probe.code = code;
    probe.callers.access = CallAccess::Anyone;
    probe.readOnly = readOnly;
    project->functions.push_back(probe);
    return project;
}
} // namespace

void tst_FunctionsApi::dbInsertSelectSingle()
{
    serve(withProbe(project(),
        u"const created = db.asService().from('items').insert({name: 'new', quantity: 7, price: 2.5}).select('id, name').single();\n"
        "const again = db.asService().from('items').select('name,quantity').eq('id', created.data.id).maybeSingle();\n"
        "const none = db.asService().from('items').select('id').eq('name', 'no such').maybeSingle();\n"
        "return {created: created.data, status: created.status, again: again.data, none: none.data, error: none.error};"_s));
    const Reply reply = send("POST", u"/functions/v1/probe"_s, "{}");
    QCOMPARE(reply.status, 200);
    const QJsonObject got = reply.json().object();
    QCOMPARE(got.value(u"created"_s).toObject().value(u"name"_s).toString(), u"new"_s);
    QVERIFY(got.value(u"created"_s).toObject().contains(u"id"_s));
    QCOMPARE(got.value(u"status"_s).toInt(), 201);
    QCOMPARE(got.value(u"again"_s).toObject(), QJsonObject({{u"name"_s, u"new"_s}, {u"quantity"_s, 7}}));
    QVERIFY(got.value(u"none"_s).isNull());
    QVERIFY(got.value(u"error"_s).isNull());
}

void tst_FunctionsApi::dbFiltersAndModifiers()
{
    serve(withProbe(project(),
        u"const s = db.asService();\n"
        "const picked = s.from('items').select('quantity').in('quantity', [10, 30, 50]).order('quantity', {ascending: false}).range(0, 1);\n"
        "const counted = s.from('items').select('*', {count: 'exact', head: true}).gt('quantity', 15);\n"
        "const either = s.from('items').select('quantity').or('quantity.eq.10,quantity.eq.20').order('quantity');\n"
        "const negated = s.from('items').select('quantity').not('quantity', 'in', '(10,20,30)').order('quantity');\n"
        "const named = s.from('items').select('name').ilike('name', 'ITEM 4%');\n"
        "const matched = s.from('items').select('quantity').match({quantity: 20, price: 1});\n"
        "const csv = s.from('items').select('quantity').eq('quantity', 10).csv();\n"
        "const updated = s.from('items').update({price: 9}).eq('quantity', 50).select('price');\n"
        "const removed = s.from('items').delete({count: 'exact'}).lte('quantity', 10);\n"
        "const upserted = s.from('items').upsert({id: 2, name: 'renamed', quantity: 20, price: 1}).select('name');\n"
        "return {picked: picked.data, count: counted.count, countData: counted.data, either: either.data,\n"
        "        negated: negated.data, named: named.data, matched: matched.data, csv: csv.data,\n"
        "        updated: updated.data, removed: removed.count, upserted: upserted.data};"_s));
    const Reply reply = send("POST", u"/functions/v1/probe"_s, "{}");
    QCOMPARE(reply.status, 200);
    const QJsonObject got = reply.json().object();
    QCOMPARE(got.value(u"picked"_s).toArray(), QJsonArray({QJsonObject {{u"quantity"_s, 50}}, QJsonObject {{u"quantity"_s, 30}}}));
    QCOMPARE(got.value(u"count"_s).toInt(), 4);
    QVERIFY(got.value(u"countData"_s).isNull());
    QCOMPARE(got.value(u"either"_s).toArray(), QJsonArray({QJsonObject {{u"quantity"_s, 10}}, QJsonObject {{u"quantity"_s, 20}}}));
    QCOMPARE(got.value(u"negated"_s).toArray(), QJsonArray({QJsonObject {{u"quantity"_s, 40}}, QJsonObject {{u"quantity"_s, 50}}}));
    QCOMPARE(got.value(u"named"_s).toArray(), QJsonArray({QJsonObject {{u"name"_s, u"item 40"_s}}}));
    QCOMPARE(got.value(u"matched"_s).toArray(), QJsonArray({QJsonObject {{u"quantity"_s, 20}}}));
    QCOMPARE(got.value(u"csv"_s).toString().trimmed(), u"quantity\n10"_s);
    QCOMPARE(got.value(u"updated"_s).toArray(), QJsonArray({QJsonObject {{u"price"_s, 9}}}));
    QCOMPARE(got.value(u"removed"_s).toInt(), 1);
    QCOMPARE(got.value(u"upserted"_s).toArray(), QJsonArray({QJsonObject {{u"name"_s, u"renamed"_s}}}));
}

void tst_FunctionsApi::dbRunsWithCallersRules()
{
    // items: authenticated may select and insert; anon has no rule.
    serve(withProbe(project(),
        u"const mine = db.from('items').select('id').limit(1);\n"
        "const all = db.asService().from('items').select('id');\n"
        "return {rows: mine.data === null ? null : mine.data.length, code: mine.error ? mine.error.code : null,\n"
        "        status: mine.status, service: all.data.length};"_s));
    const Reply anon = send("POST", u"/functions/v1/probe"_s, "{}");
    QCOMPARE(anon.status, 200);
    QVERIFY(anon.json().object().value(u"rows"_s).isNull());
    QCOMPARE(anon.json().object().value(u"code"_s).toString(), u"42501"_s);
    QCOMPARE(anon.json().object().value(u"service"_s).toInt(), 5);
    const Reply user = send("POST", u"/functions/v1/probe"_s, "{}", "application/json", {}, TestSupport::accessToken(u"u1"_s));
    QCOMPARE(user.status, 200);
    QCOMPARE(user.json().object().value(u"rows"_s).toInt(), 1);
    QVERIFY(user.json().object().value(u"code"_s).isNull());
}

void tst_FunctionsApi::dbUnreadBuildersRunAtReturn()
{
    // Two writes never read: both run when the function returns, in the order they were built.
    serve(withProbe(project(),
        u"db.asService().from('items').insert({name: 'first', quantity: 100});\n"
        "db.asService().from('items').update({quantity: 101}).eq('name', 'first');\n"
        "return {done: true};"_s));
    QCOMPARE(send("POST", u"/functions/v1/probe"_s, "{}").status, 200);
    const Reply rows = send("GET", u"/rest/v1/items?select=quantity&name=eq.first"_s, {}, {}, TestSupport::serviceKey());
    QCOMPARE(rows.json().array(), QJsonArray({QJsonObject {{u"quantity"_s, 101}}}));
}

void tst_FunctionsApi::dbReadOnlyFunctionCannotWrite()
{
    serve(withProbe(project(),
        u"const r = db.asService().from('items').insert({name: 'ro'});\nreturn {code: r.error.code, message: r.error.message};"_s,
        true));
    const Reply reply = send("POST", u"/functions/v1/probe"_s, "{}");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().object().value(u"code"_s).toString(), u"25006"_s);
    const Reply rows = send("GET", u"/rest/v1/items?select=id&name=eq.ro"_s, {}, {}, TestSupport::serviceKey());
    QCOMPARE(rows.json().array().size(), 0);
}

void tst_FunctionsApi::dbValidationErrors()
{
    serve(withProbe(project(),
        u"const r = db.asService().from('items').insert({name: 'cheap', price: -1});\n"
        "let thrown = null;\n"
        "try { db.asService().from('items').insert({price: 1}).throwOnError().data; } catch (e) { thrown = e.name + ': ' + e.code; }\n"
        "return {status: r.status, message: r.error.message, thrown};"_s));
    const Reply reply = send("POST", u"/functions/v1/probe"_s, "{}");
    QCOMPARE(reply.status, 200);
    const QJsonObject got = reply.json().object();
    QCOMPARE(got.value(u"status"_s).toInt(), 400);
    QVERIFY2(got.value(u"message"_s).toString().contains(u"price"_s), reply.describe());
    QVERIFY2(got.value(u"thrown"_s).toString().startsWith(u"PostgrestError: "_s), reply.describe());
}

void tst_FunctionsApi::dbChainAfterRunIsAnError()
{
    serve(withProbe(project(),
        u"const q = db.asService().from('items').select('id');\nq.data;\nq.eq('id', 1);\nreturn {};"_s));
    const Reply reply = send("POST", u"/functions/v1/probe"_s, "{}");
    QCOMPARE(reply.status, 500);
    QVERIFY2(reply.json().object().value(u"message"_s).toString().contains(u"already ran"_s), reply.describe());
    QCOMPARE(reply.json().object().value(u"line"_s).toInt(), 3);
}

// The designer's Run button: the function runs with the sample input; the answer says what it returned, what it
// printed, how long it took and the SQL it ran. Only with the service key.
void tst_FunctionsApi::runFromTheDesigner()
{
    serve(withProbe(project(),
        u"console.log('looking for', req.body.min);\n"
        "console.warn('careful');\n"
        "return db.asService().from('items').select('quantity').gte('quantity', req.body.min).order('quantity').data;"_s));
    const Reply run = send("POST", u"/basalt/v1/run/probe"_s, R"({"body": {"min": 40}})", "application/json",
        TestSupport::serviceKey());
    QCOMPARE(run.status, 200);
    const QJsonObject got = run.json().object();
    QCOMPARE(got.value(u"status"_s).toInt(), 200);
    QCOMPARE(got.value(u"bodyEncoding"_s).toString(), u"json"_s);
    QCOMPARE(got.value(u"body"_s).toArray(), QJsonArray({QJsonObject {{u"quantity"_s, 40}}, QJsonObject {{u"quantity"_s, 50}}}));
    QCOMPARE(got.value(u"console"_s).toArray(),
        QJsonArray({QJsonObject {{u"level"_s, u"log"_s}, {u"text"_s, u"looking for 40"_s}},
            QJsonObject {{u"level"_s, u"warn"_s}, {u"text"_s, u"careful"_s}}}));
    QVERIFY(got.value(u"durationMs"_s).toDouble() > 0);
    const QJsonArray statements = got.value(u"statements"_s).toArray();
    QCOMPARE(statements.size(), 1);
    QVERIFY2(statements.at(0).toString().contains(u"SELECT"_s, Qt::CaseInsensitive), run.describe());

    // A service-only function runs too; a thrown error is the function's answer, not the run's.
    const Reply refused = send("POST", u"/basalt/v1/run/refuse"_s, "{}", "application/json", TestSupport::serviceKey());
    QCOMPARE(refused.status, 200);
    QCOMPARE(refused.json().object().value(u"status"_s).toInt(), 409);
    QCOMPARE(send("POST", u"/basalt/v1/run/probe"_s, "{}").status, 403);
    QCOMPARE(send("POST", u"/basalt/v1/run/probe"_s, "[1]", "application/json", TestSupport::serviceKey()).status, 400);
}
