// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the functions' host API: console, env, crypto, base64, http.fetch and added host objects.
#include "functionrunnertest.h"
#include "localhttpserver.h"
#include "scripting/functionenvironment.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace Runtime;
using namespace Qt::StringLiterals;

namespace {
// A request whose body names the server's address, as req.body.base.
FunctionRequest requestTo(const LocalHttpServer &server)
{
    FunctionRequest request;
    request.body = QJsonObject {{u"base"_s, server.url(QString()).toString()}};
    return request;
}
} // namespace

void tst_FunctionRunner::consoleIsCaptured()
{
    FunctionRunner runner;
    const FunctionResult result
        = runner.call(makeFunction(u"console.log('a', 1, { b: [2] }, null, undefined);\nconsole.info('i');\n"
                                   u"console.warn('w');\nconsole.error(new TypeError('e'));\nreturn 1;"_s),
            {});
    const QList<ConsoleLine> expected {{ConsoleLine::Level::Log, u"a 1 {\"b\":[2]} null undefined"_s},
        {ConsoleLine::Level::Info, u"i"_s}, {ConsoleLine::Level::Warn, u"w"_s},
        {ConsoleLine::Level::Error, u"TypeError: e"_s}};
    QCOMPARE(result.console, expected);
    // Lines belong to their call; a failed call keeps the lines printed before it failed.
    const FunctionResult failed = runner.call(
        makeFunction(u"console.log('before');\nthrow new Error('x');"_s, testTimeoutMs, u"g"_s), {});
    QCOMPARE(failed.console, (QList<ConsoleLine> {{ConsoleLine::Level::Log, u"before"_s}}));
    // A call keeps at most maxConsoleLines lines and says how many more there were.
    const FunctionResult many = runner.call(
        makeFunction(u"for (let i = 0; i < 1005; ++i) console.log(i);"_s, testTimeoutMs, u"h"_s), {});
    QCOMPARE(many.console.size(), ScriptHost::maxConsoleLines + 1);
    QCOMPARE(many.console.last().text, u"(5 more console lines were not kept)"_s);
}

void tst_FunctionRunner::envGet()
{
    FunctionRunner runner({{u"STRIPE_KEY"_s, u"sk_test_1"_s}});
    const FunctionResult result = runner.call(
        makeFunction(u"return { key: env.get('STRIPE_KEY'), missing: env.get('NOPE') === undefined };"_s),
        {});
    QCOMPARE(result.body, R"({"key":"sk_test_1","missing":true})"_ba);
}

// env.get() reads the project's local secrets file and the process environment, which wins.
void tst_FunctionRunner::environmentFromProcessAndSecretsFile()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"shop.basalt"_s);
    QVERIFY(QDir().mkpath(dir.filePath(u"shop.local"_s)));
    QFile secrets(functionSecretsFile(project));
    QCOMPARE(secrets.fileName(), dir.filePath(u"shop.local/secrets.env"_s));
    QVERIFY(secrets.open(QIODevice::WriteOnly));
    secrets.write(
        "# comment\nSTRIPE_KEY = sk_file\n\nQUOTED=\"a b\"\nBASALT_TEST_OVERRIDDEN=file\nnot a line\n");
    secrets.close();
    qputenv("BASALT_TEST_OVERRIDDEN", "process");
    const FunctionEnvironment environment = loadFunctionEnvironment(project);
    qunsetenv("BASALT_TEST_OVERRIDDEN");
    QCOMPARE(environment.value(u"STRIPE_KEY"_s), u"sk_file"_s);
    QCOMPARE(environment.value(u"QUOTED"_s), u"a b"_s);
    QCOMPARE(environment.value(u"BASALT_TEST_OVERRIDDEN"_s), u"process"_s);
    QCOMPARE(environment.value(u"PATH"_s), qEnvironmentVariable("PATH"));
    QVERIFY(!environment.contains(u"not a line"_s));
    QVERIFY(
        loadFunctionEnvironment(dir.filePath(u"other.basalt"_s)).contains(u"PATH"_s)); // no file: no error
}

// The designer's secrets: saved atomically into the local folder (made if missing, owner-only), read back
// in order with their spaces and quotes; bad names and line breaks are refused and nothing is written.
void tst_FunctionRunner::secretsSavedAndReadBack()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"shop.basalt"_s);
    const FunctionSecrets secrets {{u"STRIPE_KEY"_s, u"sk_test 1"_s}, {u"_PADDED"_s, u"  x  "_s}, {u"QUOTE"_s, u"\"q\" #1"_s}};
    QVERIFY(saveFunctionSecrets(project, secrets));
    QCOMPARE(readFunctionSecrets(project), secrets);
    QCOMPARE(loadFunctionEnvironment(project).value(u"_PADDED"_s), u"  x  "_s);
    QCOMPARE(QFileInfo(functionSecretsFile(project)).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
        QFileDevice::Permissions());
    for (const FunctionSecrets &bad : {FunctionSecrets {{u"1KEY"_s, u"v"_s}}, FunctionSecrets {{u"A B"_s, u"v"_s}},
             FunctionSecrets {{u"K"_s, u"a"_s}, {u"K"_s, u"b"_s}}, FunctionSecrets {{u"K"_s, u"line\nbreak"_s}}}) {
        const Result<void> refused = saveFunctionSecrets(project, bad);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(readFunctionSecrets(project), secrets); // unchanged
    }
}

void tst_FunctionRunner::cryptoAndBase64()
{
    FunctionRunner runner;
    const FunctionResult result = runner.call(
        makeFunction(u"return { a: crypto.randomUUID(), b: crypto.randomUUID(),\n"
                     u"  hmac: crypto.hmacSha256('key', 'The quick brown fox jumps over the lazy dog'),\n"
                     u"  sha: crypto.sha256('abc'), b64: btoa('hello\\u00ff'), back: atob('aGVsbG8=') };"_s),
        {});
    const QJsonObject o = bodyObject(result);
    const QRegularExpression uuid(u"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"_s);
    QVERIFY2(uuid.match(o.value(u"a"_s).toString()).hasMatch(), result.body.constData());
    QVERIFY(o.value(u"a"_s) != o.value(u"b"_s));
    QCOMPARE(
        o.value(u"hmac"_s).toString(), u"f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"_s);
    QCOMPARE(
        o.value(u"sha"_s).toString(), u"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_s);
    QCOMPARE(o.value(u"b64"_s).toString(), u"aGVsbG//"_s);
    QCOMPARE(o.value(u"back"_s).toString(), u"hello"_s);

    const FunctionResult wide = runner.call(makeFunction(u"return btoa('€');"_s, testTimeoutMs, u"w"_s), {});
    QCOMPARE(wide.status, 500);
    QVERIFY2(bodyObject(wide).value(u"message"_s).toString().contains(u"btoa"_s), wide.body.constData());
    const FunctionResult invalid
        = runner.call(makeFunction(u"try { atob('***'); } catch (e) { return e.name; }\nreturn 'no error';"_s,
                          testTimeoutMs, u"i"_s),
            {});
    QCOMPARE(invalid.body, "\"SyntaxError\""_ba);
}

void tst_FunctionRunner::fetchAnswers()
{
    LocalHttpServer server;
    FunctionRunner runner;
    const FunctionRequest request = requestTo(server);
    const FunctionResult ok = runner.call(
        makeFunction(
            u"const r = http.fetch(req.body.base + '/ok');\n"
            u"return { status: r.status, ok: r.ok, test: r.headers['x-test'], hello: r.json().hello };"_s),
        request);
    QCOMPARE(ok.body, R"({"status":200,"ok":true,"test":"yes","hello":"world"})"_ba);

    const FunctionResult posted = runner.call(
        makeFunction(u"const r = http.fetch(req.body.base + '/echo', { method: 'post', body: { a: 1 },\n"
                     u"  headers: { Authorization: 'Bearer t' } });\nreturn r.json();"_s,
            testTimeoutMs, u"post"_s),
        request);
    QCOMPARE(posted.body,
        R"({"auth":"Bearer t","body":"{\"a\":1}","contentType":"application/json","method":"POST"})"_ba);

    const FunctionResult missing = runner.call(
        makeFunction(
            u"const r = http.fetch(req.body.base + '/nothing');\nreturn [r.status, r.ok, r.text()];"_s,
            testTimeoutMs, u"missing"_s),
        request);
    QCOMPARE(missing.body, R"([404,false,"not found"])"_ba);

    const FunctionResult redirected
        = runner.call(makeFunction(u"return http.fetch(req.body.base + '/redirect/5').text();"_s,
                          testTimeoutMs, u"redirect"_s),
            request);
    QCOMPARE(redirected.body, "\"done\""_ba);
}

void tst_FunctionRunner::fetchLimits_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("timeout") << u"http.fetch(base + '/slow', { timeout: 300 })"_s
                             << u"timed out after 300 ms"_s;
    QTest::newRow("response size") << u"http.fetch(base + '/big')"_s << u"larger than 5242880 bytes"_s;
    QTest::newRow("six redirects") << u"http.fetch(base + '/redirect/6')"_s << u"/redirect/6: "_s;
    QTest::newRow("connection refused") << u"http.fetch('http://127.0.0.1:1/')"_s << u"http.fetch"_s;
}

// Each limit turns into an Error the function can catch.
void tst_FunctionRunner::fetchLimits()
{
    QFETCH(QString, call);
    QFETCH(QString, messagePart);
    LocalHttpServer server;
    FunctionRunner runner;
    const FunctionRequest request = requestTo(server);
    const FunctionResult result = runner.call(
        makeFunction(
            u"const base = req.body.base;\ntry { %1; } catch (e) { return { caught: String(e) }; }\nreturn 'no error';"_s
                .arg(call)),
        request);
    QCOMPARE(result.status, 200);
    const QString caught = bodyObject(result).value(u"caught"_s).toString();
    QVERIFY2(
        caught.startsWith(u"Error: http.fetch "_s) && caught.contains(messagePart), result.body.constData());
}

// A fetch without its own timeout still ends when the function's time is up.
void tst_FunctionRunner::fetchIsBoundedByTheFunctionsTimeLimit()
{
    LocalHttpServer server;
    FunctionRunner runner;
    const FunctionRequest request = requestTo(server);
    const FunctionResult result
        = runner.call(makeFunction(u"http.fetch(req.body.base + '/slow');\nwhile (true) {}"_s, 400), request);
    QCOMPARE(result.errorCode, u"function_timeout"_s);
    QCOMPARE(runner.call(makeFunction(u"return 2;"_s, testTimeoutMs, u"g"_s), {}).body, "2"_ba);
}

namespace {
class Greeter : public QObject
{
    Q_OBJECT
public:
    Q_INVOKABLE QString greet(const QString &name) const { return u"hello "_s + name; }
};
} // namespace

void tst_FunctionRunner::hostObjectsCanBeAdded()
{
    Greeter greeter;
    {
        FunctionRunner runner;
        runner.addHostObject(u"greeter"_s, &greeter);
        QCOMPARE(runner.call(makeFunction(u"return greeter.greet('ada');"_s), {}).body, "\"hello ada\""_ba);
    }
    QCOMPARE(greeter.greet(u"again"_s), u"hello again"_s); // the engine did not delete it
}

#include "hostapitests.moc"
