// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the routes that call functions (/functions/v1, /rest/v1/rpc, /api endpoints) on a real server
// over a real socket, on SQLite and PostgreSQL.
#include "functionsapitest.h"

#include "storage/database.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Runtime;
using namespace Qt::StringLiterals;

QByteArray Reply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

ScriptFunction tst_FunctionsApi::function(const QString &name, const QString &code, CallAccess access)
{
    ScriptFunction f;
    f.id = u"fn_"_s + name;
    f.name = name;
    f.code = code;
    f.callers.access = access;
    return f;
}

namespace {
EndpointParameter parameter(const QString &name, ParameterType type, ParameterLocation location, bool required)
{
    EndpointParameter p;
    p.name = name;
    p.type = type;
    p.location = location;
    p.required = required;
    return p;
}

std::shared_ptr<Project> baseProject()
{
    std::shared_ptr<Project> project = TestSupport::itemsProject();
    project->tables[0].permissions = {PermissionRule {u"perm_items_select"_s, u"authenticated"_s, Operation::Select, u"true"_s},
        PermissionRule {u"perm_items_insert"_s, u"authenticated"_s, Operation::Insert, u"true"_s}};
    return project;
}
} // namespace

void tst_FunctionsApi::initTestCase_data()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << u"sqlite"_s;
    QTest::newRow("postgresql") << u"postgresql"_s;
}

void tst_FunctionsApi::init()
{
    QFETCH_GLOBAL(QString, engine);
    QVERIFY(m_dir.isValid());
    DatabaseUrl url;
    if (engine == u"postgresql"_s) {
        m_postgres = std::make_unique<TestSupport::PostgresDatabase>(u"basalt_fn"_s);
        BASALT_REQUIRE_POSTGRES(*m_postgres);
        Result<DatabaseUrl> parsed = DatabaseUrl::parse(m_postgres->url());
        QVERIFY(parsed);
        url = *parsed;
    } else {
        url.path = m_dir.filePath(u"%1.sqlite"_s.arg(QString::fromLatin1(QTest::currentTestFunction())));
    }
    m_project = baseProject();
    m_project->functions = {
        function(u"echo"_s,
            u"return {method: req.method, body: req.body instanceof ArrayBuffer ? null : req.body, query: req.query,\n"
            "  role: req.role, user: req.user, size: req.body instanceof ArrayBuffer ? req.body.byteLength : null};"_s),
        function(u"service_only"_s, u"return {ok: true};"_s, CallAccess::Service),
        function(u"members"_s, u"return {user: req.user.id};"_s, CallAccess::SignedIn),
        function(u"top_items"_s,
            u"const min = Number(req.body.min || 0);\n"
            "return db.asService().from('items').select('id,name,quantity').gte('quantity', min).order('id').data;"_s),
        function(u"add_item"_s,
            u"const r = db.asService().from('items').insert(req.body).select('id,name').single();\n"
            "if (r.error) throw new HttpError(r.status, r.error.message);\nreturn r.data;"_s),
        function(u"refuse"_s, u"throw new HttpError(409, 'taken', {field: 'name'});"_s),
        function(u"spin"_s, u"while (true) {}"_s),
        function(u"summary"_s,
            u"return {id: req.params.id, idType: typeof req.params.id, verbose: req.query.verbose === undefined ? null : req.query.verbose,\n"
            "  note: req.body && req.body.note !== undefined ? req.body.note : null};"_s),
    };
    m_project->functions[3].readOnly = true;
    m_project->functions[6].timeoutMs = 300;
    Endpoint summary;
    summary.id = u"ep_summary"_s;
    summary.name = u"Summary"_s;
    summary.method = u"GET"_s;
    summary.path = u"items/:id/summary"_s;
    summary.functionId = u"fn_summary"_s;
    summary.callers.access = CallAccess::Anyone;
    summary.parameters = {parameter(u"id"_s, ParameterType::Integer, ParameterLocation::Path, true),
        parameter(u"verbose"_s, ParameterType::Boolean, ParameterLocation::Query, false)};
    Endpoint note = summary;
    note.id = u"ep_note"_s;
    note.name = u"Note"_s;
    note.method = u"POST"_s;
    note.path = u"items/:id/notes"_s;
    note.callers = {CallAccess::Roles, {u"editor"_s}};
    note.parameters = {parameter(u"id"_s, ParameterType::Integer, ParameterLocation::Path, true),
        parameter(u"note"_s, ParameterType::Text, ParameterLocation::Body, true)};
    m_project->endpoints = {summary, note};
    m_project->roles = {Role {u"role_editor"_s, u"editor"_s, {}}};

    QString error;
    m_server = TestSupport::startInProcessServer(m_project, url, &error);
    QVERIFY2(m_server, qPrintable(error));
    for (int quantity : {10, 20, 30, 40, 50}) {
        const Reply created = send("POST", u"/rest/v1/items"_s,
            QJsonDocument(QJsonObject {{u"name"_s, u"item %1"_s.arg(quantity)}, {u"quantity"_s, quantity}, {u"price"_s, 1}})
                .toJson(QJsonDocument::Compact),
            "application/json", TestSupport::serviceKey());
        QCOMPARE(created.status, 201);
    }
}

void tst_FunctionsApi::cleanup()
{
    m_server.reset();
    m_postgres.reset();
}

Reply tst_FunctionsApi::send(const QByteArray &method, const QString &path, const QByteArray &body,
    const QByteArray &contentType, const QByteArray &key, const QByteArray &bearer,
    const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(m_server->url().resolved(QUrl(path)));
    const QByteArray apikey = key.isEmpty() ? TestSupport::anonKey() : key;
    request.setRawHeader("apikey", apikey);
    request.setRawHeader("Authorization", "Bearer " + (bearer.isEmpty() ? apikey : bearer));
    if (!body.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        result.headers.append(pair);
    reply->deleteLater();
    return result;
}

void tst_FunctionsApi::serve(std::shared_ptr<Project> project)
{
    QVERIFY(m_server->updateProject(std::move(project), m_server->config().schemaVersion));
}

void tst_FunctionsApi::invokeJsonTextAndBinary()
{
    Reply json = send("POST", u"/functions/v1/echo?x=a+b"_s, R"({"name":"Ada"})");
    QCOMPARE(json.status, 200);
    QVERIFY(json.header("Content-Type").startsWith("application/json"));
    QJsonObject got = json.json().object();
    QCOMPARE(got.value(u"method"_s).toString(), u"POST"_s);
    QCOMPARE(got.value(u"body"_s).toObject().value(u"name"_s).toString(), u"Ada"_s);
    QCOMPARE(got.value(u"query"_s).toObject().value(u"x"_s).toString(), u"a b"_s); // '+' is a space
    QCOMPARE(got.value(u"role"_s).toString(), u"anon"_s);
    QVERIFY(got.value(u"user"_s).isNull());

    const Reply text = send("POST", u"/functions/v1/echo"_s, "hello", "text/plain;charset=UTF-8");
    QCOMPARE(text.status, 200);
    QCOMPARE(text.json().object().value(u"body"_s).toString(), u"hello"_s);

    const Reply binary = send("POST", u"/functions/v1/echo"_s, QByteArray("\x00\x01\x02\xff", 4), "application/octet-stream");
    QCOMPARE(binary.status, 200);
    QCOMPARE(binary.json().object().value(u"size"_s).toInt(), 4);

    const Reply user = send("GET", u"/functions/v1/echo"_s, {}, {}, {}, TestSupport::accessToken(u"user-1"_s));
    QCOMPARE(user.status, 200);
    QCOMPARE(user.json().object().value(u"user"_s).toObject().value(u"id"_s).toString(), u"user-1"_s);
    QCOMPARE(user.json().object().value(u"role"_s).toString(), u"authenticated"_s);

    const Reply malformed = send("POST", u"/functions/v1/echo"_s, "{nope");
    QCOMPARE(malformed.status, 400);
}

void tst_FunctionsApi::invokeAccess()
{
    QCOMPARE(send("POST", u"/functions/v1/service_only"_s).status, 403);
    const Reply anon = send("POST", u"/functions/v1/members"_s);
    QCOMPARE(anon.status, 401);
    QVERIFY2(anon.json().object().value(u"message"_s).toString().contains(u"signed-in"_s), anon.describe());
    const Reply member = send("POST", u"/functions/v1/members"_s, {}, {}, {}, TestSupport::accessToken(u"u7"_s));
    QCOMPARE(member.status, 200);
    QCOMPARE(member.json().object().value(u"user"_s).toString(), u"u7"_s);
    QCOMPARE(send("POST", u"/functions/v1/service_only"_s, {}, {}, TestSupport::serviceKey()).status, 200);
    QCOMPARE(send("POST", u"/functions/v1/echo"_s, {}, {}, "not-a-key").status, 401);
}

void tst_FunctionsApi::invokeUnknownFunction()
{
    const Reply missing = send("POST", u"/functions/v1/nope"_s);
    QCOMPARE(missing.status, 404);
    QVERIFY2(missing.body.contains("nope"), missing.describe());
}

void tst_FunctionsApi::invokePreflight()
{
    QNetworkRequest request(m_server->url().resolved(QUrl(u"/functions/v1/echo"_s)));
    request.setRawHeader("Origin", "http://localhost:5173");
    request.setRawHeader("Access-Control-Request-Method", "POST");
    request.setRawHeader("Access-Control-Request-Headers", "authorization, x-client-info, apikey, content-type, x-region");
    QNetworkReply *reply = m_network.sendCustomRequest(request, "OPTIONS");
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QVERIFY2(status == 200 || status == 204, QByteArray::number(status));
    const QByteArray allowed = reply->rawHeader("Access-Control-Allow-Headers").toLower();
    for (const char *header : {"authorization", "x-client-info", "apikey", "content-type", "x-region"})
        QVERIFY2(allowed.contains(header), allowed);
    QVERIFY(reply->rawHeader("Access-Control-Allow-Methods").contains("POST"));
    reply->deleteLater();
}

void tst_FunctionsApi::rpcPostFiltersReturnedRows()
{
    const Reply all = send("POST", u"/rest/v1/rpc/top_items"_s, R"({"min": 20})");
    QCOMPARE(all.status, 200);
    QCOMPARE(all.json().array().size(), 4);

    const Reply filtered = send("POST", u"/rest/v1/rpc/top_items?select=name&quantity=lt.50&order=quantity.desc&limit=2"_s,
        R"({"min": 20})", "application/json", {}, {}, {{"Prefer", "count=exact"}});
    QCOMPARE(filtered.status, 200);
    QCOMPARE(filtered.json().array(), QJsonArray({QJsonObject {{u"name"_s, u"item 40"_s}}, QJsonObject {{u"name"_s, u"item 30"_s}}}));
    QCOMPARE(filtered.header("Content-Range"), QByteArray("0-1/3"));

    const Reply single = send("POST", u"/rest/v1/rpc/top_items?quantity=eq.30"_s, "{}", "application/json", {}, {},
        {{"Accept", "application/vnd.pgrst.object+json"}});
    QCOMPARE(single.status, 200);
    QCOMPARE(single.json().object().value(u"name"_s).toString(), u"item 30"_s);
    const Reply many = send("POST", u"/rest/v1/rpc/top_items"_s, "{}", "application/json", {}, {},
        {{"Accept", "application/vnd.pgrst.object+json"}});
    QCOMPARE(many.status, 406);

    const Reply badArguments = send("POST", u"/rest/v1/rpc/top_items"_s, "[1,2]");
    QCOMPARE(badArguments.status, 400);
    QCOMPARE(send("POST", u"/rest/v1/rpc/nope"_s, "{}").status, 404);
    QCOMPARE(send("POST", u"/rest/v1/rpc/service_only"_s, "{}").status, 403);
}

void tst_FunctionsApi::rpcGetForReadOnlyFunctions()
{
    const Reply got = send("GET", u"/rest/v1/rpc/top_items?min=30&quantity=neq.40&select=quantity"_s);
    QCOMPARE(got.status, 200);
    QCOMPARE(got.json().array(), QJsonArray({QJsonObject {{u"quantity"_s, 30}}, QJsonObject {{u"quantity"_s, 50}}}));
    const Reply writer = send("GET", u"/rest/v1/rpc/add_item?name=x"_s);
    QCOMPARE(writer.status, 405);
    QVERIFY2(writer.body.contains("POST"), writer.describe());
}

void tst_FunctionsApi::rpcErrorsInPostgrestShape()
{
    const Reply refused = send("POST", u"/rest/v1/rpc/refuse"_s, "{}");
    QCOMPARE(refused.status, 409);
    const QJsonObject error = refused.json().object();
    QCOMPARE(error.value(u"message"_s).toString(), u"taken"_s);
    QVERIFY(error.contains(u"code"_s));
    QVERIFY(error.contains(u"details"_s));
    QVERIFY(error.contains(u"hint"_s));
    QCOMPARE(error.value(u"data"_s).toObject().value(u"field"_s).toString(), u"name"_s);

    const Reply created = send("POST", u"/rest/v1/rpc/add_item"_s, R"({"name": "made by rpc", "quantity": 1})");
    QCOMPARE(created.status, 200);
    QCOMPARE(created.json().object().value(u"name"_s).toString(), u"made by rpc"_s);
    const Reply invalid = send("POST", u"/rest/v1/rpc/add_item"_s, R"({"quantity": 1})"); // name is required
    QCOMPARE(invalid.status, 400);
}

void tst_FunctionsApi::endpointParameters()
{
    const Reply ok = send("GET", u"/api/items/3/summary?verbose=true"_s);
    QCOMPARE(ok.status, 200);
    const QJsonObject got = ok.json().object();
    QCOMPARE(got.value(u"id"_s).toInt(), 3);
    QCOMPARE(got.value(u"idType"_s).toString(), u"number"_s);
    QCOMPARE(got.value(u"verbose"_s).toBool(), true);

    const Reply badId = send("GET", u"/api/items/abc/summary"_s);
    QCOMPARE(badId.status, 400);
    QVERIFY2(badId.json().object().value(u"message"_s).toString().contains(u"\"id\""_s), badId.describe());
    const Reply badFlag = send("GET", u"/api/items/3/summary?verbose=maybe"_s);
    QCOMPARE(badFlag.status, 400);
    QVERIFY2(badFlag.body.contains("verbose"), badFlag.describe());
    QCOMPARE(send("PUT", u"/api/items/3/summary"_s, "{}").status, 405);
    QCOMPARE(send("GET", u"/api/nothing"_s).status, 404);
}

void tst_FunctionsApi::endpointAccess()
{
    const QByteArray editor = TestSupport::accessToken(u"ed"_s, u"editor"_s);
    QCOMPARE(send("POST", u"/api/items/3/notes"_s, R"({"note": "hi"})").status, 401);
    QCOMPARE(send("POST", u"/api/items/3/notes"_s, R"({"note": "hi"})", "application/json", {},
                 TestSupport::accessToken(u"plain"_s))
                 .status,
        403);
    const Reply missing = send("POST", u"/api/items/3/notes"_s, R"({})", "application/json", {}, editor);
    QCOMPARE(missing.status, 400);
    QVERIFY2(missing.body.contains("note"), missing.describe());
    const Reply ok = send("POST", u"/api/items/3/notes"_s, R"({"note": "hi"})", "application/json", {}, editor);
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.json().object().value(u"note"_s).toString(), u"hi"_s);
}

void tst_FunctionsApi::endpointsFollowTheProject()
{
    std::shared_ptr<Project> changed = project();
    Endpoint hello;
    hello.id = u"ep_hello"_s;
    hello.name = u"Hello"_s;
    hello.method = u"GET"_s;
    hello.path = u"hello"_s;
    hello.functionId = u"fn_echo"_s;
    hello.callers.access = CallAccess::Anyone;
    changed->endpoints.push_back(hello);
    changed->functions[0].code = u"return {changed: true};"_s;
    QCOMPARE(send("GET", u"/api/hello"_s).status, 404);
    serve(changed);
    const Reply served = send("GET", u"/api/hello"_s);
    QCOMPARE(served.status, 200);
    QCOMPARE(served.json().object().value(u"changed"_s).toBool(), true);
    changed = project();
    changed->endpoints.clear();
    serve(changed);
    QCOMPARE(send("GET", u"/api/hello"_s).status, 404);
    QCOMPARE(send("GET", u"/api/items/3/summary"_s).status, 404);
}

void tst_FunctionsApi::loopIsStoppedAndServerKeepsServing()
{
    const Reply stopped = send("POST", u"/functions/v1/spin"_s);
    QCOMPARE(stopped.status, 500);
    const QJsonObject error = stopped.json().object();
    QCOMPARE(error.value(u"code"_s).toString(), u"function_timeout"_s);
    QCOMPARE(error.value(u"function"_s).toString(), u"spin"_s);
    QVERIFY(!stopped.body.contains("stack"));
    for (int i = 0; i < 4; ++i) // every request thread still serves
        QCOMPARE(send("POST", u"/functions/v1/echo"_s, "{}").status, 200);
}

void tst_FunctionsApi::concurrentCalls()
{
    // Many calls at once over several connections: every one answered, each with its own rows.
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 24; ++i) {
        QNetworkRequest request(m_server->url().resolved(QUrl(u"/rest/v1/rpc/add_item"_s)));
        request.setRawHeader("apikey", TestSupport::anonKey());
        request.setRawHeader("Content-Type", "application/json");
        replies << m_network.post(request, u"{\"name\": \"c%1\"}"_s.arg(i).toUtf8());
    }
    QSet<QString> names;
    for (QNetworkReply *reply : replies) {
        if (!reply->isFinished()) {
            QEventLoop loop;
            connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
        }
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        names.insert(QJsonDocument::fromJson(reply->readAll()).object().value(u"name"_s).toString());
        reply->deleteLater();
    }
    QCOMPARE(names.size(), 24);
    const Reply count = send("GET", u"/rest/v1/items?select=id&name=like.c*"_s, {}, {}, TestSupport::serviceKey());
    QCOMPARE(count.json().array().size(), 24);
}

QTEST_GUILESS_MAIN(tst_FunctionsApi)
