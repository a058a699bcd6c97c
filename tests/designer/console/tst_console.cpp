// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the request console against a real in-process runtime: sending, test users, explain, curl,
// variables, history, collections and the schema-built sample requests.
#include "console/consoledialogs.h"
#include "console/consolesessions.h"
#include "console/consolestore.h"
#include "console/curlcommand.h"
#include "console/jsoneditor.h"
#include "console/keyvaluetable.h"
#include "console/requestconsole.h"
#include "console/requestsamples.h"
#include "console/responseview.h"
#include "testsupport.h"

#include "http/server.h"
#include "io/projectreader.h"
#include "model/project.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <Qsci/qsciscintilla.h>

using namespace Designer;

namespace {

struct RunningProject
{
    std::unique_ptr<Runtime::Server> server;
    RunTarget target;
};

// Copies the template \a name into \a dir and serves it; the target names the copy as the project file.
RunningProject startTemplate(const QTemporaryDir &dir, const QString &name)
{
    RunningProject running;
    const QString file = dir.filePath(name + QStringLiteral(".basalt"));
    QFile::remove(file);
    if (!QFile::copy(TestSupport::templatePath(name), file))
        return running;
    Runtime::Result<std::unique_ptr<Runtime::Project>> project = Runtime::readProjectFile(file);
    if (!project)
        return running;
    std::shared_ptr<const Runtime::Project> shared(std::move(project).value());
    QString error;
    const QString database = dir.filePath(name + QStringLiteral(".sqlite"));
    running.server = TestSupport::startInProcessServer(shared, database, &error);
    if (!running.server) {
        qWarning("%s", qPrintable(error));
        return running;
    }
    running.target.baseUrl = running.server->url();
    running.target.anonKey = TestSupport::anonKey();
    running.target.serviceKey = TestSupport::serviceKey();
    running.target.project = shared;
    running.target.projectFile = file;
    running.target.databasePath = database;
    return running;
}

// Sends the console's form and waits for the answer. Returns the reply (status 0 on failure to send).
ApiReply sendAndWait(RequestConsole &console)
{
    QSignalSpy replies(&console, &RequestConsole::replyReceived);
    QSignalSpy failures(&console, &RequestConsole::sendFailed);
    auto *send = console.findChild<QPushButton *>(QStringLiteral("send"));
    if (!send || !send->isEnabled())
        return {};
    QTest::mouseClick(send, Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return !replies.isEmpty() || !failures.isEmpty(); }, 15000) || replies.isEmpty()) {
        if (!failures.isEmpty())
            qWarning("send failed: %s", qPrintable(failures.first().first().toString()));
        return {};
    }
    return console.lastReply();
}

ConsoleRequest request(const QString &method, const QString &url, ConsoleAuth auth, const QString &body = {})
{
    ConsoleRequest r;
    r.method = method;
    r.url = url;
    r.auth = auth;
    r.body = body;
    return r;
}

// Returns the tables of \a project ordered so that every table comes after those its foreign keys name.
std::vector<const Runtime::Table *> insertOrder(const Runtime::Project &project)
{
    std::vector<const Runtime::Table *> ordered;
    QSet<QString> done;
    while (ordered.size() < project.tables.size()) {
        const size_t before = ordered.size();
        for (const Runtime::Table &table : project.tables) {
            if (done.contains(table.id))
                continue;
            bool ready = true;
            for (const Runtime::Field &field : table.fields) {
                const Runtime::Relationship *r = project.relationshipForField(field.id);
                if (!r)
                    continue;
                const QString target = r->isManyToMany() ? (field.id == r->junctionToFieldId ? r->toTableId : r->fromTableId)
                                                         : r->fromTableId;
                if (target != table.id && !done.contains(target))
                    ready = false;
            }
            if (ready) {
                ordered.push_back(&table);
                done.insert(table.id);
            }
        }
        if (ordered.size() == before)
            break; // a cycle: the caller sees fewer tables than the project has
    }
    return ordered;
}

} // namespace

class TestConsole : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void notRunningDisablesSend();
    void listRows();
    void firstRequestUsesAnonKey();
    void unauthorizedHintPointsAtAuth();
    void paramsFollowUrl();
    void insertAsTestUser();
    void deniedWriteIsExplained();
    void readExplainCountsExcludedRows();
    void variables();
    void cancelInFlight();
    void curlRoundTrip_data();
    void curlRoundTrip();
    void curlParse_data();
    void curlParse();
    void curlRejects_data();
    void curlRejects();
    void pasteCurlIntoUrl();
    void copyAsCurlCarriesWhatAuthShows_data();
    void copyAsCurlCarriesWhatAuthShows();
    void jsonEditorReportsErrors_data();
    void jsonEditorReportsErrors();
    void prettyPrintKeepsKeyOrder();
    void historySurvivesRestart();
    void collectionsFileIsStableAndKeyFree();
    void unreadableCollectionsFileIsKept();
    void samplesInsert_data();
    void samplesInsert();
    void tableMenu();
    void newTestUserDialog();
    void signUpDataHasRequiredProfileFields_data();
    void signUpDataHasRequiredProfileFields();
    void newTestUserKeepsInputOnFailure();
    void userIdPlaceholder();
    void environmentDialogEditsVariables();
    void invalidBodyIsNotSent();
    void ctrlReturnSends();
    void urlCompletions();
    void screenshot();

private:
    QTemporaryDir m_dir;
    RunningProject m_shop;
    QString m_userId;
};

void TestConsole::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_shop = startTemplate(m_dir, QStringLiteral("ecommerce"));
    QVERIFY(m_shop.server);
}

void TestConsole::notRunningDisablesSend()
{
    RequestConsole console;
    console.setTarget(RunTarget {});
    auto *send = console.findChild<QPushButton *>(QStringLiteral("send"));
    QVERIFY(send);
    QVERIFY(!send->isEnabled());
    QVERIFY(console.findChild<QLabel *>(QStringLiteral("baseUrl"))->text().contains(QStringLiteral("Press Run")));
    console.setTarget(m_shop.target);
    QVERIFY(send->isEnabled());
    QVERIFY(console.findChild<QLabel *>(QStringLiteral("baseUrl"))->text().contains(m_shop.target.baseUrl.toString()));
}

void TestConsole::listRows()
{
    RequestConsole console;
    console.setTarget(m_shop.target);
    console.openRequest(request(QStringLiteral("POST"), QStringLiteral("/rest/v1/categories"), ConsoleAuth::Service,
        QStringLiteral("{\"name\": \"Garden\", \"slug\": \"garden\"}")));
    QCOMPARE(sendAndWait(console).status, 201);

    console.openRequest(request(QStringLiteral("GET"), QString(), ConsoleAuth::Anon));
    auto *url = console.findChild<QLineEdit *>(QStringLiteral("url"));
    url->setFocus();
    QTest::keyClicks(url, QStringLiteral("/rest/v1/categories?select=name,slug"));
    const ApiReply reply = sendAndWait(console);
    QCOMPARE(reply.status, 200);
    QVERIFY(console.responseView()->statusText().startsWith(QStringLiteral("200")));
    const QJsonArray rows = QJsonDocument::fromJson(reply.body).array();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first()[QStringLiteral("slug")].toString(), QStringLiteral("garden"));
    // The body is shown pretty-printed: one member per line.
    const QString shown = console.responseView()->bodyText();
    QVERIFY2(shown.contains(QStringLiteral("\n    \"name\": \"Garden\",\n")), qPrintable(shown));
}

void TestConsole::firstRequestUsesAnonKey()
{
    // A new console, a URL typed in, Send: the anon key goes with it, so an anon rule lets it through.
    RequestConsole console;
    console.setTarget(m_shop.target);
    auto *auth = console.findChild<QComboBox *>(QStringLiteral("auth"));
    QCOMPARE(ConsoleAuth(auth->currentData().toInt()), ConsoleAuth::Anon);
    QCOMPARE(auth->currentText(), QStringLiteral("Anon key"));
    auto *url = console.findChild<QLineEdit *>(QStringLiteral("url"));
    url->setFocus();
    QTest::keyClicks(url, QStringLiteral("/rest/v1/categories?select=name"));
    const ConsoleRequest form = console.currentRequest();
    QCOMPARE(form.auth, ConsoleAuth::Anon);
    const Runtime::Result<ConsoleRequest> resolved = console.resolvedRequest(form);
    QVERIFY(resolved);
    QCOMPARE(resolved->header(QStringLiteral("apikey")), QString::fromLatin1(m_shop.target.anonKey));
    QVERIFY(resolved->header(QStringLiteral("Authorization")).isNull());
    const ApiReply reply = sendAndWait(console);
    QVERIFY2(reply.status == 200, reply.body.constData());
    QCOMPARE(console.responseView()->hintText(), QString());
}

void TestConsole::unauthorizedHintPointsAtAuth()
{
    RequestConsole console;
    console.setTarget(m_shop.target);
    // Anon may not read orders: the hint names the console's own control and its choices as shown.
    console.openRequest(request(QStringLiteral("GET"), QStringLiteral("/rest/v1/orders"), ConsoleAuth::Anon));
    QCOMPARE(sendAndWait(console).status, 401);
    QString hint = console.responseView()->hintText();
    QVERIFY2(hint.contains(QStringLiteral("\"Test user\"")) && hint.contains(QStringLiteral("\"Auth\"")), qPrintable(hint));
    QVERIFY2(!hint.contains(QStringLiteral("basalt-server")), qPrintable(hint));
    QVERIFY(console.responseView()->findChild<QLabel *>(QStringLiteral("responseHint"))->isVisibleTo(&console));
    // Without a key the runtime's own hint points at a command line; the console's points at Auth.
    console.openRequest(request(QStringLiteral("GET"), QStringLiteral("/rest/v1/categories"), ConsoleAuth::None));
    const ApiReply reply = sendAndWait(console);
    QCOMPARE(reply.status, 401);
    hint = console.responseView()->hintText();
    QVERIFY2(hint.contains(QStringLiteral("\"Anon key\"")) && hint.contains(QStringLiteral("\"Auth\"")), qPrintable(hint));
    QVERIFY2(!hint.contains(QStringLiteral("basalt-server")), qPrintable(hint));
    // The next answer clears it.
    console.openRequest(request(QStringLiteral("GET"), QStringLiteral("/rest/v1/categories"), ConsoleAuth::Anon));
    QCOMPARE(sendAndWait(console).status, 200);
    QCOMPARE(console.responseView()->hintText(), QString());
}

void TestConsole::paramsFollowUrl()
{
    RequestConsole console;
    console.setTarget(m_shop.target);
    auto *url = console.findChild<QLineEdit *>(QStringLiteral("url"));
    auto *params = console.findChild<KeyValueTable *>(QStringLiteral("params"));
    url->setFocus();
    QTest::keyClicks(url, QStringLiteral("/rest/v1/products?select=name&price=lt.20"));
    const QList<QPair<QString, QString>> expected {{QStringLiteral("select"), QStringLiteral("name")},
        {QStringLiteral("price"), QStringLiteral("lt.20")}};
    QCOMPARE(params->pairs(), expected);
    // Editing the table rewrites the URL's query; a new row adds a parameter.
    params->item(1, 1)->setText(QStringLiteral("gte.5"));
    QCOMPARE(url->text(), QStringLiteral("/rest/v1/products?select=name&price=gte.5"));
    params->item(2, 0)->setText(QStringLiteral("limit"));
    params->item(2, 1)->setText(QStringLiteral("3"));
    QCOMPARE(url->text(), QStringLiteral("/rest/v1/products?select=name&price=gte.5&limit=3"));
    // Unticking a parameter leaves it out of the URL.
    params->item(0, 0)->setCheckState(Qt::Unchecked);
    QCOMPARE(url->text(), QStringLiteral("/rest/v1/products?price=gte.5&limit=3"));
}

void TestConsole::insertAsTestUser()
{
    RequestConsole console;
    console.setTarget(m_shop.target);
    QSignalSpy ready(&console, &RequestConsole::testUserReady);
    console.createTestUser(QStringLiteral("ann@example.com"), QStringLiteral("correct horse battery"),
        QJsonObject {{QStringLiteral("full_name"), QStringLiteral("Ann Archer")}});
    QVERIFY(ready.wait(15000));
    QCOMPARE(ready.first().at(1).toString(), QString());
    m_userId = console.sessions()->userId(QStringLiteral("ann@example.com"));
    QVERIFY(!m_userId.isEmpty());
    QCOMPARE(console.findChild<QComboBox *>(QStringLiteral("user"))->currentData().toString(), QStringLiteral("ann@example.com"));
    QCOMPARE(ConsoleAuth(console.findChild<QComboBox *>(QStringLiteral("auth"))->currentData().toInt()), ConsoleAuth::User);

    ConsoleRequest order = request(QStringLiteral("POST"), QStringLiteral("/rest/v1/orders"), ConsoleAuth::User,
        QStringLiteral("{\"customer_id\": \"%1\", \"shipping_address\": \"1 Main St\"}").arg(m_userId));
    order.user = QStringLiteral("ann@example.com");
    order.headers = {{QStringLiteral("Prefer"), QStringLiteral("return=representation")}};
    console.openRequest(order);
    ApiReply reply = sendAndWait(console);
    QCOMPARE(reply.status, 201);
    QCOMPARE(QJsonDocument::fromJson(reply.body).array().first()[QStringLiteral("customer_id")].toString(), m_userId);

    // A token refreshed by force still works; the old refresh token is not reused.
    const QByteArray before = console.sessions()->accessToken(QStringLiteral("ann@example.com"));
    QString refreshError = QStringLiteral("pending");
    console.sessions()->ensureSession(QStringLiteral("ann@example.com"), true, [&refreshError](const QString &e) { refreshError = e; });
    QVERIFY(QTest::qWaitFor([&] { return refreshError != QLatin1String("pending"); }, 10000));
    QCOMPARE(refreshError, QString());
    QVERIFY(!console.sessions()->accessToken(QStringLiteral("ann@example.com")).isEmpty());
    console.openRequest(request(QStringLiteral("GET"), QStringLiteral("/rest/v1/orders?select=customer_id"), ConsoleAuth::User));
    console.findChild<QComboBox *>(QStringLiteral("user"))->setCurrentIndex(0);
    reply = sendAndWait(console);
    QCOMPARE(reply.status, 200);
    QCOMPARE(QJsonDocument::fromJson(reply.body).array().size(), 1);
    Q_UNUSED(before);

    // A new console (another session) signs in by itself with the remembered password.
    RequestConsole second;
    second.setTarget(m_shop.target);
    ConsoleRequest mine = request(QStringLiteral("GET"), QStringLiteral("/rest/v1/orders?select=id"), ConsoleAuth::User);
    mine.user = QStringLiteral("ann@example.com");
    second.openRequest(mine);
    reply = sendAndWait(second);
    QCOMPARE(reply.status, 200);
    QCOMPARE(QJsonDocument::fromJson(reply.body).array().size(), 1);
}

void TestConsole::deniedWriteIsExplained()
{
    QVERIFY2(!m_userId.isEmpty(), "needs insertAsTestUser");
    RequestConsole console;
    console.setTarget(m_shop.target);
    ConsoleRequest denied = request(QStringLiteral("POST"), QStringLiteral("/rest/v1/categories"), ConsoleAuth::User,
        QStringLiteral("{\"name\": \"Tools\", \"slug\": \"tools\"}"));
    denied.user = QStringLiteral("ann@example.com");
    denied.explain = true;
    console.openRequest(denied);
    QVERIFY(console.findChild<QCheckBox *>(QStringLiteral("explain"))->isChecked());
    const ApiReply reply = sendAndWait(console);
    QCOMPARE(reply.status, 403);
    const QJsonObject explanation = console.responseView()->explanation();
    QCOMPARE(explanation.value(QStringLiteral("decision")).toString(), QStringLiteral("refused"));
    QCOMPARE(explanation.value(QStringLiteral("user")).toString(), m_userId);
    const QString shown = console.responseView()->explanationText();
    QVERIFY2(shown.contains(QStringLiteral("Refused")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("categories | insert | denied")), qPrintable(shown));
    QCOMPARE(console.responseView()->tabs()->currentIndex(), 2);
}

void TestConsole::readExplainCountsExcludedRows()
{
    RequestConsole console;
    console.setTarget(m_shop.target);
    for (const QString &product : {QStringLiteral("{\"name\":\"Rake\",\"slug\":\"rake\",\"price\":12,\"active\":true}"),
             QStringLiteral("{\"name\":\"Hoe\",\"slug\":\"hoe\",\"price\":9,\"active\":false}")}) {
        console.openRequest(request(QStringLiteral("POST"), QStringLiteral("/rest/v1/products"), ConsoleAuth::Service, product));
        QCOMPARE(sendAndWait(console).status, 201);
    }
    ConsoleRequest read = request(QStringLiteral("GET"), QStringLiteral("/rest/v1/products?select=name"), ConsoleAuth::Anon);
    read.explain = true;
    console.openRequest(read);
    const ApiReply reply = sendAndWait(console);
    QCOMPARE(reply.status, 200);
    QCOMPARE(QJsonDocument::fromJson(reply.body).array().size(), 1);
    QTreeWidget *tree = console.responseView()->explainTree();
    QCOMPARE(tree->topLevelItemCount(), 1);
    QTreeWidgetItem *products = tree->topLevelItem(0);
    QCOMPARE(products->text(0), QStringLiteral("products"));
    QCOMPARE(products->text(3), QStringLiteral("2"));
    QCOMPARE(products->text(4), QStringLiteral("1"));
    QCOMPARE(products->text(5), QStringLiteral("1"));
    QVERIFY(products->childCount() >= 1);
    QVERIFY(products->child(0)->text(0).contains(QStringLiteral("active = true")));
}

void TestConsole::variables()
{
    RequestConsole console;
    console.setTarget(m_shop.target);
    QVERIFY(console.store()->setEnvironments({{QStringLiteral("local"), {{QStringLiteral("table"), QStringLiteral("categories")}}}}));
    console.setCurrentEnvironment(QStringLiteral("local"));
    ConsoleRequest templated = request(QStringLiteral("GET"), QStringLiteral("{{baseUrl}}/rest/v1/{{table}}?select=slug"), ConsoleAuth::None);
    templated.headers = {{QStringLiteral("apikey"), QStringLiteral("{{anonKey}}")}};
    console.openRequest(templated);
    const Runtime::Result<ConsoleRequest> resolved = console.resolvedRequest(console.currentRequest());
    QVERIFY(resolved);
    QCOMPARE(resolved->url, m_shop.target.baseUrl.toString() + QStringLiteral("/rest/v1/categories?select=slug"));
    QCOMPARE(resolved->header(QStringLiteral("apikey")), QString::fromLatin1(TestSupport::anonKey()));
    QCOMPARE(sendAndWait(console).status, 200);

    // An unknown variable is reported before anything is sent.
    console.openRequest(request(QStringLiteral("GET"), QStringLiteral("/rest/v1/{{tabel}}"), ConsoleAuth::Anon));
    QSignalSpy failures(&console, &RequestConsole::sendFailed);
    QSignalSpy replies(&console, &RequestConsole::replyReceived);
    QTest::mouseClick(console.findChild<QPushButton *>(QStringLiteral("send")), Qt::LeftButton);
    QCOMPARE(failures.size(), 1);
    QVERIFY(failures.first().first().toString().contains(QStringLiteral("{{tabel}}")));
    QVERIFY(console.responseView()->statusText().contains(QStringLiteral("{{tabel}}")));
    QVERIFY(!replies.wait(200));
}

void TestConsole::cancelInFlight()
{
    RequestConsole console;
    console.setTarget(m_shop.target);
    console.openRequest(request(QStringLiteral("GET"), QStringLiteral("/rest/v1/products"), ConsoleAuth::Anon));
    QSignalSpy replies(&console, &RequestConsole::replyReceived);
    console.send();
    QVERIFY(console.isSending());
    QVERIFY(console.findChild<QPushButton *>(QStringLiteral("cancel"))->isEnabled());
    QTest::mouseClick(console.findChild<QPushButton *>(QStringLiteral("cancel")), Qt::LeftButton);
    QVERIFY(!console.isSending());
    QVERIFY(!replies.wait(500));
    QVERIFY(console.findChild<QPushButton *>(QStringLiteral("send"))->isEnabled());
    QCOMPARE(sendAndWait(console).status, 200); // and the console still works
}

void TestConsole::curlRoundTrip_data()
{
    QTest::addColumn<ConsoleRequest>("request");
    ConsoleRequest get = request(QStringLiteral("GET"), QStringLiteral("http://127.0.0.1:8765/rest/v1/products?select=name,price&price=lt.20"), ConsoleAuth::None);
    get.headers = {{QStringLiteral("apikey"), QStringLiteral("eyJhbGciOiJIUzI1NiJ9.e30.abc")}, {QStringLiteral("Range"), QStringLiteral("0-19")}};
    QTest::newRow("get") << get;
    ConsoleRequest post = request(QStringLiteral("POST"), QStringLiteral("http://127.0.0.1:8765/rest/v1/categories"), ConsoleAuth::None,
        QStringLiteral("{\"name\": \"Bob's \\\"garden\\\"\",\n  \"slug\": \"bobs-garden\"}"));
    post.headers = {{QStringLiteral("Content-Type"), QStringLiteral("application/json")}, {QStringLiteral("Prefer"), QStringLiteral("return=representation")}};
    QTest::newRow("post with quotes and newline") << post;
    QTest::newRow("patch") << request(QStringLiteral("PATCH"), QStringLiteral("http://localhost/rest/v1/t?id=eq.1"), ConsoleAuth::None, QStringLiteral("{\"a\":1}"));
    QTest::newRow("delete") << request(QStringLiteral("DELETE"), QStringLiteral("http://localhost/rest/v1/t?id=eq.1&x=$HOME"), ConsoleAuth::None);
    QTest::newRow("get with body") << request(QStringLiteral("GET"), QStringLiteral("http://localhost/"), ConsoleAuth::None, QStringLiteral("x"));
    QTest::newRow("post without body") << request(QStringLiteral("POST"), QStringLiteral("http://localhost/auth/v1/logout"), ConsoleAuth::None);
}

void TestConsole::curlRoundTrip()
{
    QFETCH(ConsoleRequest, request);
    const QString curl = CurlCommand::toCurl(request);
    QVERIFY(curl.startsWith(QStringLiteral("curl ")));
    const Runtime::Result<ConsoleRequest> parsed = CurlCommand::parse(curl);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(parsed->method, request.method);
    QCOMPARE(parsed->url, request.url);
    QCOMPARE(parsed->headers, request.headers);
    QCOMPARE(parsed->body, request.body);
    // One option per line.
    QCOMPARE(curl.count(QStringLiteral(" \\\n")), request.headers.size() + (request.body.isEmpty() ? 0 : 1));
}

void TestConsole::curlParse_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("headers");
    QTest::addColumn<QString>("body");
    QTest::newRow("readme get") << QStringLiteral("curl -H \"apikey: $KEY\" 'http://127.0.0.1:8765/rest/v1/products?select=name&price=lt.20'")
                                << QStringLiteral("GET") << QStringLiteral("http://127.0.0.1:8765/rest/v1/products?select=name&price=lt.20")
                                << QStringList {QStringLiteral("apikey: $KEY")} << QString();
    QTest::newRow("readme post") << QStringLiteral("curl -X POST -H \"apikey: $SERVICE\" -H 'Content-Type: application/json' -H 'Prefer: return=representation' \\\n"
                                                   "     -d '{\"name\":\"Garden\",\"slug\":\"garden\"}' http://127.0.0.1:8765/rest/v1/categories")
                                 << QStringLiteral("POST") << QStringLiteral("http://127.0.0.1:8765/rest/v1/categories")
                                 << QStringList {QStringLiteral("apikey: $SERVICE"), QStringLiteral("Content-Type: application/json"), QStringLiteral("Prefer: return=representation")}
                                 << QStringLiteral("{\"name\":\"Garden\",\"slug\":\"garden\"}");
    QTest::newRow("browser copy as cURL") << QStringLiteral("curl 'https://example.supabase.co/rest/v1/todos?select=*' \\\n  -H 'accept: */*' \\\n"
                                                            "  -H 'accept-language: en-US,en;q=0.9' \\\n  --compressed")
                                          << QStringLiteral("GET") << QStringLiteral("https://example.supabase.co/rest/v1/todos?select=*")
                                          << QStringList {QStringLiteral("accept: */*"), QStringLiteral("accept-language: en-US,en;q=0.9")} << QString();
    QTest::newRow("-G with data") << QStringLiteral("curl -sS -G http://h/rest/v1/t -d select=id -d limit=2")
                                  << QStringLiteral("GET") << QStringLiteral("http://h/rest/v1/t?select=id&limit=2") << QStringList {} << QString();
    QTest::newRow("data-binary, long options") << QStringLiteral("curl --request PATCH --url 'http://h/rest/v1/t?id=eq.1' --header 'Content-Type: application/json' --data-binary '{\"a\": 1}'")
                                               << QStringLiteral("PATCH") << QStringLiteral("http://h/rest/v1/t?id=eq.1")
                                               << QStringList {QStringLiteral("Content-Type: application/json")} << QStringLiteral("{\"a\": 1}");
    QTest::newRow("double quotes with escapes") << QStringLiteral("curl -XPOST \"http://h/auth/v1/signup\" -H\"apikey: k\" --data-raw \"{\\\"email\\\":\\\"a@b.c\\\"}\"")
                                                << QStringLiteral("POST") << QStringLiteral("http://h/auth/v1/signup")
                                                << QStringList {QStringLiteral("apikey: k")} << QStringLiteral("{\"email\":\"a@b.c\"}");
    QTest::newRow("--json") << QStringLiteral("curl --json '{\"a\":1}' http://h/x") << QStringLiteral("POST") << QStringLiteral("http://h/x")
                            << QStringList {QStringLiteral("Content-Type: application/json"), QStringLiteral("Accept: application/json")} << QStringLiteral("{\"a\":1}");
    QTest::newRow("shell-escaped quote") << QStringLiteral("curl http://h/x -d 'it'\\''s'") << QStringLiteral("POST") << QStringLiteral("http://h/x")
                                         << QStringList {} << QStringLiteral("it's");
}

void TestConsole::curlParse()
{
    QFETCH(QString, command);
    QFETCH(QString, method);
    QFETCH(QString, url);
    QFETCH(QStringList, headers);
    QFETCH(QString, body);
    const Runtime::Result<ConsoleRequest> parsed = CurlCommand::parse(command);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(parsed->method, method);
    QCOMPARE(parsed->url, url);
    QStringList got;
    for (const auto &[name, value] : parsed->headers)
        got << name + QStringLiteral(": ") + value;
    QCOMPARE(got, headers);
    QCOMPARE(parsed->body, body);
}

void TestConsole::curlRejects_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown option") << QStringLiteral("curl -u ann:secret http://h/x") << QStringLiteral("-u");
    QTest::newRow("unterminated quote") << QStringLiteral("curl 'http://h/x") << QStringLiteral("never closed");
    QTest::newRow("no url") << QStringLiteral("curl -H 'a: b'") << QStringLiteral("no URL");
    QTest::newRow("missing value") << QStringLiteral("curl http://h/x -H") << QStringLiteral("-H");
    QTest::newRow("not curl") << QStringLiteral("wget http://h/x") << QStringLiteral("curl");
    QTest::newRow("file body") << QStringLiteral("curl http://h/x -d @body.json") << QStringLiteral("@body.json");
}

void TestConsole::curlRejects()
{
    QFETCH(QString, command);
    QFETCH(QString, mentions);
    const Runtime::Result<ConsoleRequest> parsed = CurlCommand::parse(command);
    QVERIFY(!parsed);
    QVERIFY2(parsed.error().message.contains(mentions), qPrintable(parsed.error().message));
}

void TestConsole::pasteCurlIntoUrl()
{
    RequestConsole console;
    console.setTarget(m_shop.target);
    const QString base = m_shop.target.baseUrl.toString();
    QApplication::clipboard()->setText(QStringLiteral("curl -X POST '%1/rest/v1/tags' \\\n  -H 'apikey: %2' \\\n  -H 'Authorization: Bearer %2' \\\n"
                                                      "  -H 'Prefer: return=representation' \\\n  --data-raw '{\"name\": \"pasted\"}'")
                                           .arg(base, QString::fromLatin1(TestSupport::serviceKey())));
    auto *url = console.findChild<QLineEdit *>(QStringLiteral("url"));
    url->setFocus();
    QTest::keySequence(url, QKeySequence::Paste);
    QCOMPARE(url->text(), QStringLiteral("/rest/v1/tags"));
    const ConsoleRequest form = console.currentRequest();
    QCOMPARE(form.method, QStringLiteral("POST"));
    QCOMPARE(form.auth, ConsoleAuth::Service); // the project's service key became the auth mode
    QCOMPARE(form.headers.size(), 1);
    QCOMPARE(sendAndWait(console).status, 201);
    // And back: the copied command carries the key again and parses to the same request.
    const QString curl = console.copyAsCurl();
    QCOMPARE(QApplication::clipboard()->text(), curl);
    const Runtime::Result<ConsoleRequest> parsed = CurlCommand::parse(curl);
    QVERIFY(parsed);
    QCOMPARE(parsed->header(QStringLiteral("apikey")), QString::fromLatin1(TestSupport::serviceKey()));
    QCOMPARE(parsed->url, base + QStringLiteral("/rest/v1/tags"));
}

void TestConsole::copyAsCurlCarriesWhatAuthShows_data()
{
    QTest::addColumn<int>("auth");
    QTest::addColumn<bool>("explain");
    QTest::addColumn<QString>("header"); // a header of the form, "Name: value"
    QTest::addColumn<QString>("apikey"); // "anon", "service" or "" (none)
    QTest::addColumn<bool>("warns");     // the first line says the command contains the service key
    QTest::newRow("anon") << int(ConsoleAuth::Anon) << false << QString() << QStringLiteral("anon") << false;
    QTest::newRow("anon, explain") << int(ConsoleAuth::Anon) << true << QString() << QStringLiteral("anon") << false;
    QTest::newRow("no auth, explain") << int(ConsoleAuth::None) << true << QString() << QString() << false;
    QTest::newRow("service") << int(ConsoleAuth::Service) << false << QString() << QStringLiteral("service") << true;
    QTest::newRow("service, explain") << int(ConsoleAuth::Service) << true << QString() << QStringLiteral("service") << true;
    QTest::newRow("a header names it") << int(ConsoleAuth::None) << false << QStringLiteral("apikey: {{serviceKey}}")
                                       << QStringLiteral("service") << true;
}

void TestConsole::copyAsCurlCarriesWhatAuthShows()
{
    QFETCH(int, auth);
    QFETCH(bool, explain);
    QFETCH(QString, header);
    QFETCH(QString, apikey);
    QFETCH(bool, warns);
    RequestConsole console;
    console.setTarget(m_shop.target);
    ConsoleRequest form = request(QStringLiteral("GET"), QStringLiteral("/rest/v1/products?select=name"), ConsoleAuth(auth));
    form.explain = explain;
    if (!header.isEmpty())
        form.headers.append({header.section(QLatin1Char(':'), 0, 0), header.section(QLatin1Char(':'), 1).trimmed()});
    console.openRequest(form);
    QCOMPARE(console.currentRequest().explain, explain);
    const QString curl = console.copyAsCurl();
    QVERIFY(!curl.isEmpty());
    QCOMPARE(QApplication::clipboard()->text(), curl);
    const QString service = QString::fromLatin1(m_shop.target.serviceKey);
    QCOMPARE(curl.contains(service), apikey == QLatin1String("service"));
    QVERIFY(!curl.contains(QStringLiteral("X-Basalt-Explain"), Qt::CaseInsensitive));
    QCOMPARE(curl.startsWith(QStringLiteral("# ")) && curl.section(QLatin1Char('\n'), 0, 0).contains(QStringLiteral("service key")), warns);
    // The copy reads back as the request Auth shows (comment lines before it are skipped).
    QVERIFY(CurlCommand::looksLikeCurl(curl));
    const Runtime::Result<ConsoleRequest> parsed = CurlCommand::parse(curl);
    QVERIFY2(parsed, qPrintable(curl));
    const QString expectedKey = apikey == QLatin1String("anon") ? QString::fromLatin1(m_shop.target.anonKey)
                              : apikey == QLatin1String("service") ? service : QString();
    QCOMPARE(parsed->header(QStringLiteral("apikey")), expectedKey);
    if (explain)
        QVERIFY2(console.responseView()->hintText().contains(QStringLiteral("Explain")), qPrintable(console.responseView()->hintText()));
}

void TestConsole::jsonEditorReportsErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("valid") << QStringLiteral("{\n  \"a\": 1,\n  \"b\": [true, null]\n}") << QString();
    QTest::newRow("empty is fine") << QStringLiteral("  \n") << QString();
    QTest::newRow("missing comma") << QStringLiteral("{\n  \"a\": 1\n  \"b\": 2\n}") << QStringLiteral("line 3, column 3: missing comma or closing brace");
    QTest::newRow("single quotes") << QStringLiteral("{'a': 1}") << QStringLiteral("line 1, column 2:");
    QTest::newRow("unclosed string") << QStringLiteral("[\"abc") << QStringLiteral("line 1, column");
}

void TestConsole::jsonEditorReportsErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    JsonEditor editor;
    QSignalSpy checked(&editor, &JsonEditor::checked);
    editor.editor()->setText(text); // as if typed: the check follows after a pause
    QVERIFY(checked.wait(2000));
    if (message.isEmpty())
        QCOMPARE(editor.errorMessage(), QString());
    else
        QVERIFY2(editor.errorMessage().startsWith(message), qPrintable(editor.errorMessage()));
}

void TestConsole::prettyPrintKeepsKeyOrder()
{
    QCOMPARE(JsonEditor::prettyPrinted(QByteArrayLiteral("{\"z\":1,\"a\":[],\"m\":{\"s\":\"x, y: {z}\"}}")),
        QStringLiteral("{\n  \"z\": 1,\n  \"a\": [],\n  \"m\": {\n    \"s\": \"x, y: {z}\"\n  }\n}"));
    QCOMPARE(JsonEditor::prettyPrinted(QByteArrayLiteral("not json")), QStringLiteral("not json"));
}

void TestConsole::historySurvivesRestart()
{
    QString url;
    {
        RequestConsole console;
        console.setTarget(m_shop.target);
        url = QStringLiteral("/rest/v1/tags?select=name&order=name.desc");
        console.openRequest(request(QStringLiteral("GET"), url, ConsoleAuth::Service));
        QCOMPARE(sendAndWait(console).status, 200);
        QCOMPARE(console.store()->history().first().request.url, url);
    }
    RequestConsole restarted;
    restarted.setTarget(m_shop.target);
    QVERIFY(restarted.store()->history().size() >= 2);
    const HistoryEntry &last = restarted.store()->history().first();
    QCOMPARE(last.request.url, url);
    QCOMPARE(last.request.auth, ConsoleAuth::Service);
    QCOMPARE(last.status, 200);
    QVERIFY(last.elapsedMs > 0);
    QVERIFY(restarted.store()->historyPath().contains(QStringLiteral(".local")));
    QFile file(restarted.store()->historyPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(!bytes.contains(TestSupport::serviceKey()));
    QVERIFY(!bytes.contains(TestSupport::anonKey()));
}

void TestConsole::collectionsFileIsStableAndKeyFree()
{
    ConsoleStore store;
    const QString project = m_dir.filePath(QStringLiteral("keys.basalt"));
    store.setProject(project, {TestSupport::anonKey(), TestSupport::serviceKey()});
    QCOMPARE(store.collectionsPath(), m_dir.filePath(QStringLiteral("keys.requests.json")));
    ConsoleRequest saved = request(QStringLiteral("POST"), QStringLiteral("/rest/v1/tags"), ConsoleAuth::None, QStringLiteral("{\"name\": \"x\"}"));
    saved.name = QStringLiteral("Add a tag");
    saved.headers = {{QStringLiteral("apikey"), QString::fromLatin1(TestSupport::serviceKey())},
        {QStringLiteral("Authorization"), QStringLiteral("Bearer ") + QString::fromLatin1(TestSupport::accessToken(QStringLiteral("u1")))}};
    QString error;
    QVERIFY2(store.saveRequest(QStringLiteral("Tags"), saved, &error), qPrintable(error));
    QVERIFY(store.setEnvironments({{QStringLiteral("local"), {{QStringLiteral("b"), QStringLiteral("2")}, {QStringLiteral("a"), QStringLiteral("1")}}}}));
    QFile file(store.collectionsPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray first = file.readAll();
    file.close();
    QVERIFY(store.saveRequest(QStringLiteral("Tags"), saved, &error));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray second = file.readAll();
    file.close();
    QCOMPARE(second, first);
    QVERIFY(!first.contains(TestSupport::serviceKey()));
    QVERIFY(!first.contains("eyJ"));
    QVERIFY(first.contains("{{serviceKey}}"));
    QVERIFY(first.contains("Bearer {{accessToken}}"));
    QVERIFY(first.contains("\n    \"collections\": ["));
    // Read back by a new store, the saved request is there under its name.
    ConsoleStore reopened;
    reopened.setProject(project);
    QCOMPARE(reopened.collections().size(), 1);
    QCOMPARE(reopened.collections().first().requests.first().name, QStringLiteral("Add a tag"));
    QCOMPARE(reopened.collections().first().requests.first().header(QStringLiteral("apikey")), QStringLiteral("{{serviceKey}}"));
    QCOMPARE(reopened.environments().first().variables.size(), 2);
}

void TestConsole::unreadableCollectionsFileIsKept()
{
    const QString project = m_dir.filePath(QStringLiteral("broken.basalt"));
    QFile file(m_dir.filePath(QStringLiteral("broken.requests.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{ \"collections\": [ oops");
    file.close();
    ConsoleStore store;
    store.setProject(project);
    QCOMPARE(store.loadErrors().size(), 1);
    QVERIFY(store.loadErrors().first().contains(QStringLiteral("broken.requests.json")));
    ConsoleRequest saved = request(QStringLiteral("GET"), QStringLiteral("/health"), ConsoleAuth::None);
    saved.name = QStringLiteral("health");
    QString error;
    QVERIFY(!store.saveRequest(QStringLiteral("C"), saved, &error));
    QVERIFY(error.contains(QStringLiteral("broken.requests.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("{ \"collections\": [ oops"));
}

void TestConsole::samplesInsert_data()
{
    QTest::addColumn<QString>("templateName");
    for (const char *name : {"ecommerce", "saas", "social", "chat"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestConsole::samplesInsert()
{
    QFETCH(QString, templateName);
    QTemporaryDir dir;
    RunningProject running = startTemplate(dir, templateName);
    QVERIFY(running.server);
    const Runtime::Project &project = *running.target.project;
    RequestConsole console;
    console.setTarget(running.target);
    const std::vector<const Runtime::Table *> order = insertOrder(project);
    QCOMPARE(order.size(), project.tables.size());
    QHash<Runtime::ObjectId, QJsonValue> ids;
    for (const Runtime::Table *table : order) {
        const QList<ConsoleRequest> samples = RequestSamples::requests(project, *table);
        QCOMPARE(samples.size(), 5);
        ConsoleRequest insert = samples.at(2);
        QCOMPARE(insert.method, QStringLiteral("POST"));
        QCOMPARE(insert.auth, ConsoleAuth::Service);
        insert.body = RequestSamples::sampleBody(project, *table, ids);
        console.openRequest(insert);
        const ApiReply reply = sendAndWait(console);
        QVERIFY2(reply.status == 201, qPrintable(QStringLiteral("%1: %2 %3\n%4").arg(table->name).arg(reply.status)
                                                  .arg(QString::fromUtf8(reply.body), insert.body)));
        const QJsonObject row = QJsonDocument::fromJson(reply.body).array().first().toObject();
        if (const Runtime::Field *key = table->primaryKey())
            ids.insert(table->id, row.value(key->name));
        // Required fields come first in the sample body.
        bool optionalSeen = false;
        const QJsonObject body = QJsonDocument::fromJson(insert.body.toUtf8()).object();
        QVERIFY(!body.isEmpty());
        for (const QString &line : insert.body.split(QLatin1Char('\n'))) {
            const QString name = line.trimmed().section(QLatin1Char('"'), 1, 1);
            const Runtime::Field *field = table->fieldByName(name);
            if (!field)
                continue;
            QVERIFY(!field->isAutoManaged());
            if (!field->required)
                optionalSeen = true;
            else
                QVERIFY2(!optionalSeen, qPrintable(table->name + QStringLiteral(".") + name));
        }
        // The sample get, update and delete work on the row just inserted.
        const Runtime::Field *key = table->primaryKey();
        QVERIFY(key);
        const QString id = row.value(key->name).isString() ? row.value(key->name).toString() : QString::number(row.value(key->name).toInteger());
        ConsoleRequest get = samples.at(1);
        get.url = get.url.section(QLatin1Char('='), 0, 0) + QStringLiteral("=eq.") + id;
        get.auth = ConsoleAuth::Service;
        console.openRequest(get);
        QCOMPARE(sendAndWait(console).status, 200);
        ConsoleRequest update = samples.at(3);
        update.url = update.url.section(QLatin1Char('='), 0, 0) + QStringLiteral("=eq.") + id;
        console.openRequest(update);
        const ApiReply updated = sendAndWait(console);
        QVERIFY2(updated.status == 200, qPrintable(table->name + QStringLiteral(": ") + QString::fromUtf8(updated.body)));
    }
    // Delete the last table's row (nothing refers to it).
    const Runtime::Table *last = order.back();
    ConsoleRequest remove = RequestSamples::request(RequestSamples::Kind::Delete, project, *last);
    const QJsonValue lastId = ids.value(last->id);
    remove.url = remove.url.section(QLatin1Char('='), 0, 0) + QStringLiteral("=eq.") + (lastId.isString() ? lastId.toString() : QString::number(lastId.toInteger()));
    console.openRequest(remove);
    QCOMPARE(sendAndWait(console).status, 204);
}

void TestConsole::tableMenu()
{
    RequestConsole console;
    console.setTarget(m_shop.target);
    const Runtime::Table *orders = m_shop.target.project->tableByName(QStringLiteral("orders"));
    QVERIFY(orders);
    QMenu menu;
    console.addTableActions(&menu, *m_shop.target.project, *orders);
    QStringList texts;
    for (QAction *action : menu.actions())
        texts << action->text();
    QCOMPARE(texts, (QStringList {QStringLiteral("List rows"), QStringLiteral("Get by id"), QStringLiteral("Insert row"),
                        QStringLiteral("Update"), QStringLiteral("Delete")}));
    QSignalSpy opened(&console, &RequestConsole::requestOpened);
    menu.actions().at(2)->trigger();
    QCOMPARE(opened.size(), 1);
    const ConsoleRequest form = console.currentRequest();
    QCOMPARE(form.method, QStringLiteral("POST"));
    QCOMPARE(form.url, QStringLiteral("/rest/v1/orders"));
    const QJsonObject body = QJsonDocument::fromJson(form.body.toUtf8()).object();
    QVERIFY(body.contains(QStringLiteral("shipping_address")));
    QVERIFY(!body.contains(QStringLiteral("id")));
    QVERIFY(!body.contains(QStringLiteral("created_at")));
    menu.actions().at(0)->trigger();
    QCOMPARE(console.currentRequest().url, QStringLiteral("/rest/v1/orders?select=*&limit=20"));
    QCOMPARE(sendAndWait(console).status, 401); // anon has no rule to read orders
    auto *auth = console.findChild<QComboBox *>(QStringLiteral("auth"));
    auth->setCurrentIndex(auth->findData(int(ConsoleAuth::Service)));
    const ApiReply reply = sendAndWait(console);
    QCOMPARE(reply.status, 200);
    QVERIFY(QJsonDocument::fromJson(reply.body).isArray());
}

void TestConsole::newTestUserDialog()
{
    RequestConsole console;
    console.setTarget(m_shop.target);
    auto *users = console.findChild<QComboBox *>(QStringLiteral("user"));
    auto *auth = console.findChild<QComboBox *>(QStringLiteral("auth"));
    auth->setCurrentIndex(auth->findData(int(ConsoleAuth::User)));
    QVERIFY(users->isEnabled());
    const int newItem = users->count() - 1;
    QCOMPARE(users->itemText(newItem), QStringLiteral("New test user…"));
    QSignalSpy ready(&console, &RequestConsole::testUserReady);
    bool filled = false;
    QTimer::singleShot(0, this, [&filled] {
        auto *dialog = qobject_cast<NewTestUserDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        const QList<QLineEdit *> lines = dialog->findChildren<QLineEdit *>();
        lines.at(0)->setText(QStringLiteral("bea@example.com"));
        lines.at(1)->setText(QStringLiteral("another long password"));
        dialog->findChild<JsonEditor *>()->setText(QStringLiteral("{\"full_name\": \"Bea\"}"));
        filled = true;
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    users->activated(newItem); // as if chosen from the list; the dialog closes once signed up
    QVERIFY(filled);
    QCOMPARE(ready.size(), 1);
    QCOMPARE(ready.first().at(1).toString(), QString());
    QCOMPARE(users->currentData().toString(), QStringLiteral("bea@example.com"));
    console.openRequest(request(QStringLiteral("GET"), QStringLiteral("/auth/v1/user"), ConsoleAuth::User));
    users->setCurrentIndex(users->findData(QStringLiteral("bea@example.com")));
    const ApiReply reply = sendAndWait(console);
    QCOMPARE(reply.status, 200);
    QCOMPARE(QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("email")).toString(), QStringLiteral("bea@example.com"));
}

void TestConsole::signUpDataHasRequiredProfileFields_data()
{
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<QStringList>("fields");
    // saas: organization_id is required but read-only (set by the service role), role has a default.
    QTest::newRow("saas") << QStringLiteral("saas") << QStringList {QStringLiteral("full_name")};
    QTest::newRow("social") << QStringLiteral("social") << QStringList {QStringLiteral("username")};
    QTest::newRow("chat") << QStringLiteral("chat") << QStringList {};
}

void TestConsole::signUpDataHasRequiredProfileFields()
{
    QFETCH(QString, templateName);
    QFETCH(QStringList, fields);
    Runtime::Result<std::unique_ptr<Runtime::Project>> project = Runtime::readProjectFile(TestSupport::templatePath(templateName));
    QVERIFY(project);
    const QString text = RequestSamples::signUpData(**project);
    const QJsonDocument data = QJsonDocument::fromJson(text.toUtf8());
    QVERIFY2(data.isObject(), qPrintable(text));
    QCOMPARE(data.object().keys(), fields);
    // A required field without a default gets a value of its type, fitting its rules.
    Runtime::Project changed = **project;
    Runtime::Table *users = changed.table(changed.settings.usersTable);
    if (!users)
        return; // chat has no users table
    Runtime::Field age;
    age.id = QStringLiteral("fld_test_age");
    age.name = QStringLiteral("age");
    age.type = Runtime::FieldType::Integer;
    age.required = true;
    age.validation.min = 18;
    users->fields.push_back(age);
    const QJsonObject withAge = QJsonDocument::fromJson(RequestSamples::signUpData(changed).toUtf8()).object();
    QVERIFY2(withAge.value(QStringLiteral("age")).isDouble(), qPrintable(RequestSamples::signUpData(changed)));
    QVERIFY(withAge.value(QStringLiteral("age")).toInt() >= 18);
}

void TestConsole::newTestUserKeepsInputOnFailure()
{
    // social's users need a username; the dialog offers one, and a refused sign-up keeps the dialog open.
    QTemporaryDir dir;
    RunningProject social = startTemplate(dir, QStringLiteral("social"));
    QVERIFY(social.server);
    RequestConsole console;
    console.setTarget(social.target);
    QSignalSpy ready(&console, &RequestConsole::testUserReady);
    console.createTestUser(QStringLiteral("taken@example.com"), QStringLiteral("a long password"),
        QJsonObject {{QStringLiteral("username"), QStringLiteral("taken_1")}});
    QVERIFY(ready.wait(15000));
    QCOMPARE(ready.takeFirst().at(1).toString(), QString());

    auto *users = console.findChild<QComboBox *>(QStringLiteral("user"));
    QString offered;
    QString refusal;
    bool keptOpen = false;
    bool keptInput = false;
    QTimer::singleShot(0, this, [&] {
        QPointer<NewTestUserDialog> dialog = qobject_cast<NewTestUserDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        offered = dialog->findChild<JsonEditor *>()->text();
        QLineEdit *email = dialog->findChildren<QLineEdit *>().at(0);
        email->setText(QStringLiteral("taken@example.com"));
        auto *signUp = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        signUp->click();
        // The refusal arrives while the dialog waits (or, wrongly, after it closed).
        if (!QTest::qWaitFor([&] { return !dialog || dialog->isHidden() || signUp->isEnabled(); }, 15000) || !dialog
            || dialog->isHidden()) {
            if (dialog)
                dialog->reject();
            return;
        }
        refusal = dialog->findChild<QLabel *>(QStringLiteral("problem"))->text();
        keptOpen = true;
        keptInput = email->text() == QLatin1String("taken@example.com") && dialog->findChild<JsonEditor *>()->text() == offered;
        email->setText(QStringLiteral("fresh@example.com"));
        signUp->click(); // accepted when the runtime says yes
    });
    users->activated(users->count() - 1);
    QVERIFY2(QJsonDocument::fromJson(offered.toUtf8()).object().contains(QStringLiteral("username")), qPrintable(offered));
    QVERIFY(keptOpen);
    QVERIFY(keptInput);
    QVERIFY2(refusal.contains(QStringLiteral("taken@example.com")) && refusal.contains(QStringLiteral("422")), qPrintable(refusal));
    QCOMPARE(ready.size(), 2);
    QCOMPARE(ready.last().at(1).toString(), QString());
    QCOMPARE(users->currentData().toString(), QStringLiteral("fresh@example.com"));
    QVERIFY(!console.sessions()->userId(QStringLiteral("fresh@example.com")).isEmpty());
}

void TestConsole::userIdPlaceholder()
{
    QVERIFY2(!m_userId.isEmpty(), "needs insertAsTestUser");
    RequestConsole console;
    console.setTarget(m_shop.target);
    // Offered in the body's context menu.
    auto *body = console.findChild<JsonEditor *>(QStringLiteral("body"));
    body->setText(QStringLiteral("{\"customer_id\": \"\"}"));
    body->editor()->setCursorPosition(0, 17);
    bool offered = false;
    QTimer::singleShot(0, this, [&offered] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        if (auto *insert = menu->findChild<QAction *>(QStringLiteral("insertUserId"))) {
            offered = true;
            insert->trigger();
        }
        menu->close();
    });
    emit body->editor()->customContextMenuRequested(QPoint(4, 4));
    QVERIFY(offered);
    QCOMPARE(body->text(), QStringLiteral("{\"customer_id\": \"{{user.id}}\"}"));

    // Sent as ann: the placeholder is ann's id, so the rule customer_id = auth.uid lets the insert in.
    ConsoleRequest order = request(QStringLiteral("POST"), QStringLiteral("/rest/v1/orders?customer_id=eq.{{user.id}}"), ConsoleAuth::User,
        QStringLiteral("{\"customer_id\": \"{{user.id}}\", \"shipping_address\": \"2 Side St\"}"));
    order.user = QStringLiteral("ann@example.com");
    order.headers = {{QStringLiteral("Prefer"), QStringLiteral("return=representation")}};
    console.openRequest(order);
    const ApiReply reply = sendAndWait(console);
    QVERIFY2(reply.status == 201, reply.body.constData());
    QCOMPARE(QJsonDocument::fromJson(reply.body).array().first()[QStringLiteral("customer_id")].toString(), m_userId);
    // ... and in the copy as curl.
    const QString curl = console.copyAsCurl();
    QVERIFY2(curl.contains(m_userId) && !curl.contains(QStringLiteral("{{user.id}}")), qPrintable(curl));

    // Without a test user it says where to choose one.
    order.auth = ConsoleAuth::Anon;
    console.openRequest(order);
    QSignalSpy failures(&console, &RequestConsole::sendFailed);
    console.send();
    QCOMPARE(failures.size(), 1);
    const QString message = failures.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("{{user.id}}")) && message.contains(QStringLiteral("Auth")), qPrintable(message));
}

void TestConsole::environmentDialogEditsVariables()
{
    EnvironmentDialog dialog({{QStringLiteral("local"), {{QStringLiteral("table"), QStringLiteral("tags")}}},
                                 {QStringLiteral("staging"), {}}},
        QStringLiteral("staging"));
    auto *names = dialog.findChild<QComboBox *>();
    auto *table = dialog.findChild<KeyValueTable *>();
    QCOMPARE(names->currentText(), QStringLiteral("staging"));
    QCOMPARE(table->pairs().size(), 0);
    table->item(0, 0)->setText(QStringLiteral("limit"));
    table->item(0, 1)->setText(QStringLiteral("5"));
    names->setCurrentIndex(0);
    QCOMPARE(table->pairs(), (QList<QPair<QString, QString>> {{QStringLiteral("table"), QStringLiteral("tags")}}));
    const QList<ConsoleEnvironment> edited = dialog.environments();
    QCOMPARE(edited.size(), 2);
    QCOMPARE(edited.at(1).variables, (QList<QPair<QString, QString>> {{QStringLiteral("limit"), QStringLiteral("5")}}));
    QCOMPARE(dialog.current(), QStringLiteral("local"));
}

void TestConsole::invalidBodyIsNotSent()
{
    RequestConsole console;
    console.setTarget(m_shop.target);
    console.openRequest(request(QStringLiteral("POST"), QStringLiteral("/rest/v1/tags"), ConsoleAuth::Service, QStringLiteral("{\"name\": \"x\",}")));
    QSignalSpy failures(&console, &RequestConsole::sendFailed);
    console.send();
    QCOMPARE(failures.size(), 1);
    QVERIFY2(failures.first().first().toString().contains(QStringLiteral("line 1, column")), qPrintable(failures.first().first().toString()));
    QVERIFY(!console.isSending());
}

void TestConsole::ctrlReturnSends()
{
    RequestConsole console;
    console.setTarget(m_shop.target);
    console.show();
    console.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&console));
    console.openRequest(request(QStringLiteral("GET"), QStringLiteral("/health"), ConsoleAuth::None));
    auto *body = console.findChild<JsonEditor *>(QStringLiteral("body"));
    body->editor()->setFocus();
    QSignalSpy replies(&console, &RequestConsole::replyReceived);
    QTest::keyClick(body->editor(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(replies.wait(10000));
    QCOMPARE(console.lastReply().status, 200);
    QCOMPARE(body->text(), QString()); // the shortcut did not type a line break
}

void TestConsole::urlCompletions()
{
    const QStringList urls = RequestSamples::urlCompletions(*m_shop.target.project);
    for (const Runtime::Table &table : m_shop.target.project->tables)
        QVERIFY(urls.contains(QStringLiteral("/rest/v1/") + table.name));
    for (const char *url : {"/auth/v1/signup", "/auth/v1/token?grant_type=password", "/auth/v1/user", "/health"})
        QVERIFY(urls.contains(QString::fromLatin1(url)));
}

void TestConsole::screenshot()
{
    const QString path = qEnvironmentVariable("BASALT_CONSOLE_SCREENSHOT");
    if (path.isEmpty())
        QSKIP("set BASALT_CONSOLE_SCREENSHOT=<file.png> to write a screenshot of the console");
    RequestConsole console;
    if (qEnvironmentVariableIsSet("BASALT_CONSOLE_DARK")) {
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Button, QColor(0x3c, 0x3c, 0x3c));
        dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
        QApplication::setPalette(dark);
    }
    console.resize(1100, 720);
    console.setTarget(m_shop.target);
    console.show();
    for (const QString &product : {QStringLiteral("{\"name\":\"Lamp\",\"slug\":\"lamp\",\"price\":35.5,\"active\":true}"),
             QStringLiteral("{\"name\":\"Desk\",\"slug\":\"desk\",\"price\":120,\"active\":false}")}) {
        console.openRequest(request(QStringLiteral("POST"), QStringLiteral("/rest/v1/products"), ConsoleAuth::Service, product));
        sendAndWait(console);
    }
    ConsoleRequest read = request(QStringLiteral("GET"), QStringLiteral("/rest/v1/products?select=name,price&order=name"), ConsoleAuth::Anon);
    read.explain = qEnvironmentVariableIsSet("BASALT_CONSOLE_EXPLAIN");
    console.openRequest(read);
    QCOMPARE(sendAndWait(console).status, 200);
    if (!read.explain)
        console.responseView()->tabs()->setCurrentIndex(0);
    if (qEnvironmentVariableIsSet("BASALT_CONSOLE_BODY")) {
        // The request side: a sample insert body with a typing mistake, underlined and described.
        ConsoleRequest insert = RequestSamples::request(RequestSamples::Kind::Insert, *m_shop.target.project,
            *m_shop.target.project->tableByName(QStringLiteral("products")));
        insert.body.replace(QStringLiteral(",\n  \"price\""), QStringLiteral("\n  \"price\""));
        console.openRequest(insert);
    }
    QTest::qWait(200);
    QVERIFY(console.grab().save(path));
}

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
