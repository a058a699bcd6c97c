// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of FunctionRunner: return shapes, errors, compile-once, time limit, recursion, huge strings, threads.
#include "functionrunnertest.h"

#include <QJsonArray>
#include <QThread>
#include <QtTest>

using namespace Runtime;
using namespace Qt::StringLiterals;

void tst_FunctionRunner::returnShapes_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body"); // exact, or a JSON object whose members must all be in the body
    QTest::newRow("object") << u"return { a: 1, b: [true, null] };"_s << 200 << "application/json"_ba
                            << R"({"a":1,"b":[true,null]})"_ba;
    QTest::newRow("nothing") << QString() << 200 << "application/json"_ba
                             << "null"_ba;
    QTest::newRow("request")
        << u"return { m: req.method, n: req.body.n + 1, role: req.role, row: row === undefined };"_s << 200
        << "application/json"_ba
        << R"({"m":"POST","n":42,"role":"anon","row":true})"_ba;
    QTest::newRow("response with JSON body")
        << u"return { status: 201, headers: { 'X-Id': '7' }, body: { id: 7 } };"_s << 201
        << "application/json"_ba
        << R"({"id":7})"_ba;
    QTest::newRow("response with text body")
        << u"return { status: 202, body: 'queued' };"_s << 202 << "text/plain; charset=utf-8"_ba
        << "queued"_ba;
    QTest::newRow("response with its own type")
        << u"return { status: 200, headers: { 'Content-Type': 'text/csv' }, body: 'a,b' };"_s << 200
        << "text/csv"_ba
        << "a,b"_ba;
    QTest::newRow("inner helper function")
        << u"function total(items) {\n  return items.reduce((s, i) => s + i, 0);\n}\nreturn { total: total([1, 2, 3]) };"_s
        << 200 << "application/json"_ba
        << R"({"total":6})"_ba;
    QTest::newRow("HttpError") << u"throw new HttpError(400, 'Out of stock');"_s << 400
                               << "application/json"_ba
                               << R"({"code":"http_error","message":"Out of stock"})"_ba;
    QTest::newRow("HttpError with data")
        << u"throw new HttpError(409, 'Taken', { field: 'email' });"_s << 409 << "application/json"_ba
        << R"({"code":"http_error","message":"Taken","data":{"field":"email"}})"_ba;
    QTest::newRow("HttpError with a bad status")
        << u"throw new HttpError(200, 'odd');"_s << 500 << "application/json"_ba
        << R"({"code":"http_error"})"_ba;
    QTest::newRow("thrown TypeError")
        << u"const a = 1;\nconst b = null;\nreturn b.x;"_s << 500 << "application/json"_ba
        << R"({"code":"function_error","function":"f","line":3,"message":"TypeError: Cannot read property 'x' of null"})"_ba;
    QTest::newRow("thrown Error") << u"\nthrow new Error('boom');"_s << 500 << "application/json"_ba
                                  << R"({"code":"function_error","line":2,"message":"Error: boom"})"_ba;
    QTest::newRow("thrown string")
        << u"throw 'nope';"_s << 500 << "application/json"_ba
        << R"({"code":"function_error","line":null,"message":"The function threw a value that is not an Error: nope"})"_ba;
    QTest::newRow("thrown object")
        << u"throw { reason: 1 };"_s << 500 << "application/json"_ba
        << R"({"code":"function_error","message":"The function threw a value that is not an Error: {\"reason\":1}"})"_ba;
    QTest::newRow("cyclic result") << u"const a = {}; a.self = a; return a;"_s << 500 << "application/json"_ba
                                   << R"({"code":"function_error"})"_ba;
    QTest::newRow("bad status") << u"return { status: 42 };"_s << 500 << "application/json"_ba
                                << R"({"code":"function_error"})"_ba;
    QTest::newRow("syntax error") << u"return 1;\nconst x = ;"_s << 500 << "application/json"_ba
                                  << R"({"code":"function_invalid","line":2})"_ba;
    QTest::newRow("code generator error") << u"let x = 1;\nlet x = 2;"_s << 500 << "application/json"_ba
                                          << R"({"code":"function_invalid","line":2})"_ba;
}

void tst_FunctionRunner::returnShapes()
{
    QFETCH(QString, code);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    FunctionRunner runner;
    FunctionRequest request;
    request.body = QJsonObject {{u"n"_s, 41}};
    const FunctionResult result = runner.call(makeFunction(code), request);
    QCOMPARE(result.status, status);
    QVERIFY(result.headers.contains(qMakePair("content-type"_ba, contentType)));
    if (contentType != "application/json" || !body.startsWith('{')) {
        QCOMPARE(result.body, body);
        return;
    }
    const QJsonObject actual = bodyObject(result);
    const QJsonObject expected = QJsonDocument::fromJson(body).object();
    for (auto it = expected.begin(); it != expected.end(); ++it)
        QVERIFY2(actual.contains(it.key()) && actual.value(it.key()) == it.value(), result.body.constData());
    QVERIFY2(!result.body.contains("stack") && !result.body.contains("@"), result.body.constData());
    QCOMPARE(result.errorCode.isEmpty(), status < 400);
}

// A body that closes its wrapper early would run code at the top level if it were evaluated.
void tst_FunctionRunner::escapingBodyRunsNothing()
{
    FunctionRunner runner;
    const FunctionResult escaped = runner.call(makeFunction(u"}); ran = 99; (function () {"_s), {});
    QCOMPARE(escaped.status, 500);
    QCOMPARE(bodyObject(escaped).value(u"code"_s).toString(), u"function_invalid"_s);
    const FunctionResult probe
        = runner.call(makeFunction(u"return typeof ran === 'undefined' ? 'nothing ran' : ran;"_s,
                          testTimeoutMs, u"probe"_s),
            {});
    QCOMPARE(probe.body, "\"nothing ran\""_ba);
}

// req reads as a plain object: its parts (parsed when first read) as values, in JSON, in keys, assignable.
void tst_FunctionRunner::requestObject()
{
    FunctionRunner runner;
    FunctionRequest request;
    request.method = u"PUT"_s;
    request.path = u"/api/x/7"_s;
    request.params = QJsonObject {{u"id"_s, u"7"_s}};
    request.query = QJsonObject {{u"q"_s, u"a b"_s}};
    request.headers = QJsonObject {{u"x-n"_s, u"1"_s}};
    request.body = QJsonArray {1, u"two"_s, QJsonValue::Null};
    request.user = QJsonObject {{u"id"_s, u"u1"_s}};
    request.role = u"authenticated"_s;
    const FunctionResult whole = runner.call(makeFunction(u"return JSON.parse(JSON.stringify(req));"_s), request);
    QCOMPARE(bodyObject(whole),
        QJsonObject({{u"method"_s, u"PUT"_s}, {u"path"_s, u"/api/x/7"_s}, {u"params"_s, request.params},
            {u"query"_s, request.query}, {u"headers"_s, request.headers}, {u"body"_s, request.body},
            {u"user"_s, request.user}, {u"role"_s, u"authenticated"_s}}));
    const FunctionResult parts = runner.call(makeFunction(
        u"req.body.push(4); const keys = []; for (const k in req) keys.push(k);\n"
        "req.query = 'replaced';\n"
        "return {body: req.body, keys: keys.sort().join(), query: req.query, header: req.headers['x-n'],"
        " user: req.user.id, param: req.params.id};"_s), request);
    QCOMPARE(bodyObject(parts),
        QJsonObject({{u"body"_s, QJsonArray {1, u"two"_s, QJsonValue::Null, 4}},
            {u"keys"_s, u"body,headers,method,params,path,query,role,user"_s}, {u"query"_s, u"replaced"_s},
            {u"header"_s, u"1"_s}, {u"user"_s, u"u1"_s}, {u"param"_s, u"7"_s}}));
    // A text body stays text; no body is null.
    request.body = u"plain \"text\""_s;
    QCOMPARE(runner.call(makeFunction(u"return typeof req.body + ':' + req.body;"_s), request).body,
        R"("string:plain \"text\"")"_ba);
    request.body = QJsonValue::Null;
    QCOMPARE(runner.call(makeFunction(u"return req.body === null;"_s), request).body, "true"_ba);
}

void tst_FunctionRunner::compilesOncePerCode()
{
    FunctionRunner runner;
    // A global counter shared by the calls: each call increments it, so the engine and the compiled
    // function are reused, not rebuilt per call.
    const ScriptFunction counter
        = makeFunction(u"this.calls = (this.calls || 0) + 1;\nreturn { calls: this.calls };"_s);
    for (int i = 1; i <= 3; ++i)
        QCOMPARE(bodyObject(runner.call(counter, {})).value(u"calls"_s).toInt(), i);
    QCOMPARE(runner.compileCount(), 1);

    ScriptFunction changed = counter;
    changed.code = u"return { changed: true };"_s;
    QCOMPARE(bodyObject(runner.call(changed, {})).value(u"changed"_s).toBool(), true);
    QCOMPARE(runner.compileCount(), 2);
    QCOMPARE(bodyObject(runner.call(changed, {})).value(u"changed"_s).toBool(), true);
    QCOMPARE(runner.compileCount(), 2);
}

void tst_FunctionRunner::unknownFunction()
{
    FunctionRunner runner;
    const std::vector<ScriptFunction> functions {makeFunction(u"return 1;"_s, testTimeoutMs, u"one"_s)};
    QCOMPARE(runner.call(functions, u"one"_s, {}).body, "1"_ba);
    const FunctionResult missing = runner.call(functions, u"two"_s, {});
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.errorCode, u"function_not_found"_s);
}

void tst_FunctionRunner::infiniteLoopIsStopped()
{
    FunctionRunner runner;
    const FunctionResult loop = runner.call(makeFunction(u"while (true) {}"_s, 200), {});
    QCOMPARE(loop.status, 500);
    QCOMPARE(loop.errorCode, u"function_timeout"_s);
    QCOMPARE(bodyObject(loop).value(u"message"_s).toString(),
        u"The function ran longer than its time limit of 200 ms"_s);
    // JavaScript cannot catch the interruption.
    const FunctionResult caught
        = runner.call(makeFunction(u"try { for (;;) {} } catch (e) { return 'caught'; }"_s, 200, u"g"_s), {});
    QCOMPARE(caught.errorCode, u"function_timeout"_s);
    // The same engine serves the next call.
    const FunctionResult next
        = runner.call(makeFunction(u"return { ok: true };"_s, testTimeoutMs, u"h"_s), {});
    QCOMPARE(next.status, 200);
    QCOMPARE(next.body, R"({"ok":true})"_ba);
}

// Recursion ends in a RangeError on a thread with the stack of a server worker (functionThreadStackSize).
void tst_FunctionRunner::deepRecursionOnAFunctionThread()
{
    FunctionResult endless;
    FunctionResult deep;
    FunctionResult after;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        FunctionRunner runner;
        endless = runner.call(makeFunction(u"function f(n) { return f(n + 1) + 1; }\nreturn f(0);"_s), {});
        deep = runner.call(
            makeFunction(u"function g(n) { return n === 0 ? 0 : 1 + g(n - 1); }\nreturn g(1000);"_s,
                testTimeoutMs, u"g"_s),
            {});
        const QString json
            = u"let o = {}; for (let i = 0; i < 100000; ++i) o = { o };\nreturn JSON.stringify(o).length;"_s;
        after = runner.call(makeFunction(json, testTimeoutMs, u"h"_s), {});
    }));
    thread->setStackSize(functionThreadStackSize);
    thread->start();
    QVERIFY(thread->wait());
    QCOMPARE(endless.status, 500);
    QVERIFY2(bodyObject(endless).value(u"message"_s).toString().startsWith(u"RangeError"_s),
        endless.body.constData());
    QCOMPARE(deep.body, "1000"_ba);
    QCOMPARE(after.status == 200 || after.status == 500, true); // answered, whatever V4 decides; no crash
}

// A string of 100 M characters (200 MB) fails at once; strings built by concatenation stay cheap ropes;
// a response over 10 MB is refused; the runner keeps working after each.
void tst_FunctionRunner::hugeStrings()
{
    FunctionRunner runner;
    const FunctionResult repeated
        = runner.call(makeFunction(u"return 'x'.repeat(100 * 1024 * 1024).length;"_s), {});
    QCOMPARE(repeated.status, 500);
    QVERIFY2(bodyObject(repeated)
                 .value(u"message"_s)
                 .toString()
                 .startsWith(u"RangeError: Invalid string length"_s),
        repeated.body.constData());
    QCOMPARE(bodyObject(repeated).value(u"line"_s).toInt(), 1); // the function's line, not the host API's
    const FunctionResult padded
        = runner.call(makeFunction(u"return ''.padEnd(1e9).length;"_s, testTimeoutMs, u"p"_s), {});
    QCOMPARE(padded.status, 500);

    const FunctionResult doubled = runner.call(
        makeFunction(u"let s = 'x';\nwhile (s.length < 100 * 1024 * 1024) s += s;\nreturn s.length;"_s,
            testTimeoutMs, u"d"_s),
        {});
    QCOMPARE(doubled.status, 200);
    QCOMPARE(doubled.body, QByteArray::number(128 * 1024 * 1024));

    const FunctionResult tooLarge
        = runner.call(makeFunction(u"return 'y'.repeat(11 * 1024 * 1024);"_s, testTimeoutMs, u"t"_s), {});
    QCOMPARE(tooLarge.status, 500);
    QCOMPARE(tooLarge.errorCode, u"response_too_large"_s);

    QCOMPARE(runner.call(makeFunction(u"return 'still here';"_s, testTimeoutMs, u"n"_s), {}).body,
        "\"still here\""_ba);
}

// Each thread has its own runner and engine; calls on several threads at once do not disturb each other.
void tst_FunctionRunner::concurrentRunners()
{
    constexpr int threadCount = 4;
    constexpr int calls = 200;
    const ScriptFunction square = makeFunction(
        u"function sq(n) { return n * n; }\nconsole.log('n', req.body.n);\nreturn { n: req.body.n, square: sq(req.body.n) };"_s);
    QAtomicInt wrong = 0;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < threadCount; ++t) {
        threads.emplace_back(QThread::create([&, t] {
            FunctionRunner runner;
            for (int i = 0; i < calls; ++i) {
                FunctionRequest request;
                const int n = t * 1000 + i;
                request.body = QJsonObject {{u"n"_s, n}};
                const FunctionResult r = runner.call(square, request);
                const QJsonObject o = bodyObject(r);
                if (r.status != 200 || o.value(u"n"_s).toInt() != n || o.value(u"square"_s).toInt() != n * n
                    || r.console.size() != 1 || r.console.first().text != u"n %1"_s.arg(n))
                    wrong.ref();
            }
            if (runner.compileCount() != 1)
                wrong.ref();
        }));
        threads.back()->setStackSize(functionThreadStackSize);
        threads.back()->start();
    }
    for (const auto &thread : threads)
        QVERIFY(thread->wait());
    QCOMPARE(wrong.loadRelaxed(), 0);
}

QTEST_GUILESS_MAIN(tst_FunctionRunner)
