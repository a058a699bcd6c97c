// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of Server::updateProject: a running server follows a new project without closing its connections.
#include "testsupport.h"

#include "csv/csvimporter.h"
#include "http/server.h"
#include "io/projectreader.h"
#include "storage/database.h"
#include "storage/databasesetup.h"
#include "storage/recordchange.h"

#include <QAtomicInt>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSemaphore>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Runtime;

namespace {
struct Reply
{
    int status = 0;
    QByteArray body;
};

/** One keep-alive HTTP/1.1 connection over a plain socket, used with blocking calls on its own thread. */
class KeepAliveClient
{
public:
    bool connectTo(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        return m_socket.waitForConnected(5000);
    }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

    /** Sends a request with \a key as apikey and bearer and returns the response (status 0 if none). */
    Reply request(const QByteArray &method, const QByteArray &target, const QByteArray &key,
        const QByteArray &body = {}, const QByteArray &bearer = {})
    {
        QByteArray bytes = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        if (!key.isEmpty())
            bytes += "apikey: " + key + "\r\nAuthorization: Bearer " + (bearer.isEmpty() ? key : bearer) + "\r\n";
        if (!body.isEmpty() || method == "POST" || method == "PUT")
            bytes += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                + "\r\n";
        bytes += "\r\n" + body;
        m_socket.write(bytes);
        if (!m_socket.waitForBytesWritten(5000))
            return {};
        return readResponse();
    }

private:
    Reply readResponse()
    {
        QElapsedTimer timer;
        timer.start();
        qsizetype headEnd = -1;
        qint64 length = 0;
        Reply reply;
        while (timer.elapsed() < 10000) {
            m_buffer += m_socket.readAll();
            if (headEnd < 0 && (headEnd = m_buffer.indexOf("\r\n\r\n")) >= 0) {
                const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
                reply.status = lines.constFirst().split(' ').value(1).toInt();
                for (const QByteArray &line : lines) {
                    if (line.toLower().startsWith("content-length:"))
                        length = line.mid(15).trimmed().toLongLong();
                }
            }
            if (headEnd >= 0 && m_buffer.size() >= headEnd + 4 + length) {
                reply.body = m_buffer.mid(headEnd + 4, length);
                m_buffer.remove(0, headEnd + 4 + length);
                return reply;
            }
            if (!m_socket.waitForReadyRead(100) && !isConnected())
                break;
        }
        return {};
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

std::unique_ptr<Project> readTemplate()
{
    Result<std::unique_ptr<Project>> project
        = readProjectFile(TestSupport::templatePath(QStringLiteral("ecommerce")));
    return project ? std::move(project).value() : nullptr;
}

Table &tableNamed(Project &project, const QString &name)
{
    for (Table &table : project.tables) {
        if (table.name == name)
            return table;
    }
    qFatal("no table %s", qPrintable(name));
}

QByteArray json(const Reply &reply)
{
    return QByteArray::number(reply.status) + ' ' + reply.body.left(300);
}
} // namespace

class tst_LiveServer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void schemaChangeOnOpenConnection();
    void ruleChange_data();
    void ruleChange();
    void settingsChange();
    void nullProjectRefused();
    void concurrentRequestsDuringUpdates();
    void writeWhileAnotherConnectionWrites();
    void updateDoesNotWaitForBusyThreads();
    void writesAreAnnounced();

private:
    /** Migrates the test database to \a project and makes the server serve it. */
    bool apply(std::shared_ptr<const Project> project, bool allowDestructive = false);

    QTemporaryDir m_dir;
    QString m_databasePath;
    std::unique_ptr<Server> m_server;
    std::unique_ptr<KeepAliveClient> m_client;
};

void tst_LiveServer::init()
{
    QVERIFY(m_dir.isValid());
    const QString tag
        = QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_'));
    m_databasePath = m_dir.filePath(
        QStringLiteral("live-%1-%2.sqlite").arg(QString::fromLatin1(QTest::currentTestFunction()), tag));
    std::unique_ptr<Project> project = readTemplate();
    QVERIFY(project);
    QString error;
    m_server = TestSupport::startInProcessServer(std::move(project), m_databasePath, &error);
    QVERIFY2(m_server, qPrintable(error));
    m_client = std::make_unique<KeepAliveClient>();
    QVERIFY(m_client->connectTo(m_server->port()));
}

void tst_LiveServer::cleanup()
{
    m_client.reset();
    m_server.reset();
}

bool tst_LiveServer::apply(std::shared_ptr<const Project> project, bool allowDestructive)
{
    DatabaseUrl url;
    url.path = m_databasePath;
    Result<DatabaseSetup> setup = setUpDatabase(url, *project, allowDestructive);
    if (!setup) {
        qWarning("%s", qPrintable(setup.error().toString()));
        return false;
    }
    if (setup->destructiveRefused)
        return false;
    return bool(m_server->updateProject(std::move(project), setup->schemaVersion));
}

void tst_LiveServer::schemaChangeOnOpenConnection()
{
    const QByteArray service = TestSupport::serviceKey();
    const Reply before = m_client->request("GET", "/rest/v1/categories?select=id,icon", service);
    QCOMPARE(before.status, 400); // no such column yet
    const Reply health = m_client->request("GET", "/health", {});
    QCOMPARE(health.status, 200);
    const int version
        = QJsonDocument::fromJson(health.body).object().value(QStringLiteral("schemaVersion")).toInt();
    QVERIFY(version > 0);

    auto changed = std::shared_ptr<Project>(readTemplate());
    Field icon;
    icon.id = QStringLiteral("fld_categories_icon");
    icon.name = QStringLiteral("icon");
    icon.type = FieldType::Text;
    tableNamed(*changed, QStringLiteral("categories")).fields.push_back(icon);
    QVERIFY(apply(changed));

    QVERIFY(m_client->isConnected()); // the same connection, kept open across the update
    const Reply created = m_client->request(
        "POST", "/rest/v1/categories", service, R"({"name":"Garden","slug":"garden","icon":"leaf"})");
    QVERIFY2(created.status == 201, json(created).constData());
    const Reply after
        = m_client->request("GET", "/rest/v1/categories?select=name,icon&slug=eq.garden", service);
    QVERIFY2(after.status == 200, json(after).constData());
    QCOMPARE(QJsonDocument::fromJson(after.body).array(),
        QJsonArray({QJsonObject {{QStringLiteral("name"), QStringLiteral("Garden")},
            {QStringLiteral("icon"), QStringLiteral("leaf")}}}));
    const Reply newHealth = m_client->request("GET", "/health", {});
    QCOMPARE(QJsonDocument::fromJson(newHealth.body).object().value(QStringLiteral("schemaVersion")).toInt(),
        version + 1);
    QCOMPARE(m_server->config().schemaVersion, version + 1);
    QVERIFY(m_client->isConnected());
}

void tst_LiveServer::ruleChange_data()
{
    QTest::addColumn<QString>("expression"); // the new anon select rule on tags; "-" removes it
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("rows");
    // The template lets anon read every tag; two tags are inserted first.
    QTest::newRow("rule removed") << QStringLiteral("-") << 401 << 0;
    QTest::newRow("expression") << QStringLiteral("name = 'blue'") << 200 << 1;
    QTest::newRow("nothing matches") << QStringLiteral("name = 'green'") << 200 << 0;
}

void tst_LiveServer::ruleChange()
{
    QFETCH(QString, expression);
    QFETCH(int, status);
    QFETCH(int, rows);
    const QByteArray anon = TestSupport::anonKey();
    QCOMPARE(m_client
                 ->request("POST", "/rest/v1/tags", TestSupport::serviceKey(),
                     R"([{"name":"red"},{"name":"blue"}])")
                 .status,
        201);
    const Reply before = m_client->request("GET", "/rest/v1/tags?select=name", anon);
    QCOMPARE(before.status, 200);
    QCOMPARE(QJsonDocument::fromJson(before.body).array().size(), 2);

    auto changed = std::shared_ptr<Project>(readTemplate());
    std::vector<PermissionRule> &rules = tableNamed(*changed, QStringLiteral("tags")).permissions;
    const auto anonSelect = std::find_if(rules.begin(), rules.end(), [](const PermissionRule &rule) {
        return rule.role == QLatin1String("anon") && rule.operation == Operation::Select;
    });
    QVERIFY(anonSelect != rules.end());
    if (expression == QLatin1String("-"))
        rules.erase(anonSelect);
    else
        anonSelect->expression = expression;
    QVERIFY(apply(changed));

    const Reply after = m_client->request("GET", "/rest/v1/tags?select=name", anon);
    QVERIFY2(after.status == status, json(after).constData());
    if (status == 200)
        QCOMPARE(QJsonDocument::fromJson(after.body).array().size(), rows);
    QVERIFY(m_client->isConnected());
}

void tst_LiveServer::settingsChange()
{
    const QByteArray service = TestSupport::serviceKey();
    // 2,000 bytes of JSON whitespace around a valid object.
    const QByteArray body = R"({"name":"long")" + QByteArray(2000, ' ') + "}";
    QCOMPARE(m_client->request("POST", "/rest/v1/tags", service, body).status, 201);

    auto changed = std::shared_ptr<Project>(readTemplate());
    changed->settings.maxRequestBodyBytes = 1024;
    QVERIFY(apply(changed));
    // A body limit is checked on the request head: the open connection gets the new limit too.
    const Reply refused = m_client->request("POST", "/rest/v1/tags", service, body);
    QVERIFY2(refused.status == 413, json(refused).constData());
}

void tst_LiveServer::nullProjectRefused()
{
    const Result<void> result = m_server->updateProject(nullptr, 3);
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
    QVERIFY(m_server->config().project);
    QCOMPARE(m_client->request("GET", "/rest/v1/tags", TestSupport::anonKey()).status, 200);
}

void tst_LiveServer::writeWhileAnotherConnectionWrites()
{
    // Another connection (a bulk CSV import) holds SQLite's write lock past the busy timeout: reads go on,
    // a write is answered 503 with a reason, and writes work again once the lock is gone.
    const QByteArray service = TestSupport::serviceKey();
    Result<std::unique_ptr<Database>> other = Database::open(QStringLiteral("sqlite:") + m_databasePath);
    QVERIFY(other);
    QSqlQuery lock((*other)->connection());
    QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
    const Reply read = m_client->request("GET", "/rest/v1/categories?select=name", service);
    QVERIFY2(read.status == 200, json(read).constData());
    const Reply refused = m_client->request("POST", "/rest/v1/tags", service, R"({"name":"busy"})");
    QVERIFY2(refused.status == 503, json(refused).constData());
    const QJsonObject error = QJsonDocument::fromJson(refused.body).object();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("PGRST503"));
    QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("The database is busy with another write"));
    QVERIFY(error.value(QStringLiteral("hint")).toString().contains(QLatin1String("CSV import")));
    QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
    const Reply created = m_client->request("POST", "/rest/v1/tags", service, R"({"name":"busy"})");
    QVERIFY2(created.status == 201, json(created).constData());
}

void tst_LiveServer::concurrentRequestsDuringUpdates()
{
    // Two projects with the same schema and different rules: tags readable by anon or not.
    auto open = std::shared_ptr<const Project>(readTemplate());
    auto closedProject = std::shared_ptr<Project>(readTemplate());
    std::vector<PermissionRule> &rules = tableNamed(*closedProject, QStringLiteral("tags")).permissions;
    rules.erase(std::remove_if(rules.begin(), rules.end(),
                    [](const PermissionRule &rule) {
                        return rule.role == QLatin1String("anon") && rule.operation == Operation::Select;
                    }),
        rules.end());
    auto closed = std::shared_ptr<const Project>(closedProject);
    const int version = m_server->config().schemaVersion;

    QAtomicInt stop(0);
    QAtomicInt unexpected(0);
    QAtomicInt answered(0);
    const quint16 port = m_server->port();
    std::vector<std::unique_ptr<QThread>> clients;
    for (int c = 0; c < 3; ++c) {
        clients.emplace_back(QThread::create([&, c] {
            KeepAliveClient client;
            if (!client.connectTo(port)) {
                unexpected.fetchAndAddOrdered(1);
                return;
            }
            for (int i = 0; !stop.loadAcquire(); ++i) {
                // Reads go to the request threads, writes to the writer thread.
                const bool write = (i + c) % 3 == 0;
                const Reply reply = write
                    ? client.request("POST", "/rest/v1/tags", TestSupport::serviceKey(),
                        QByteArray(R"({"name":"t)") + QByteArray::number(c) + '_' + QByteArray::number(i)
                            + "\"}")
                    : client.request("GET", "/rest/v1/tags?select=name&limit=5", TestSupport::anonKey());
                const bool expected
                    = write ? reply.status == 201 : (reply.status == 200 || reply.status == 401);
                if (!expected)
                    unexpected.fetchAndAddOrdered(1);
                answered.fetchAndAddOrdered(1);
            }
        }));
        clients.back()->start();
    }
    for (int update = 0; update < 60; ++update) {
        QVERIFY(m_server->updateProject(update % 2 ? open : closed, version));
        QThread::msleep(5);
    }
    stop.storeRelease(1);
    for (const std::unique_ptr<QThread> &client : clients)
        QVERIFY(client->wait(20000));
    QCOMPARE(unexpected.loadAcquire(), 0);
    QVERIFY2(answered.loadAcquire() > 60, qPrintable(QString::number(answered.loadAcquire())));
    // The last update left the open project: anon reads again, on a connection opened before.
    QCOMPARE(m_client->request("GET", "/rest/v1/tags?select=name", TestSupport::anonKey()).status, 200);
}

// A live update never waits for a busy request thread (the designer would freeze): it returns while a
// thread is held inside a request, and that thread serves the new project from its next request on.
void tst_LiveServer::updateDoesNotWaitForBusyThreads()
{
    m_client.reset();
    m_server.reset();
    QSemaphore entered;
    QSemaphore release;
    QAtomicInt held(0);
    const auto observer = [&](const RequestLogEntry &entry) {
        if (!entry.target.contains(QLatin1String("hold")))
            return;
        held.storeRelease(1);
        entered.release();
        release.tryAcquire(1, 60000); // the test releases it; the bound only keeps a broken run from hanging
        held.storeRelease(0);
    };
    std::unique_ptr<Project> project = readTemplate();
    QVERIFY(project);
    QString error;
    m_server = TestSupport::startInProcessServer(std::move(project), m_databasePath, &error, observer);
    QVERIFY2(m_server, qPrintable(error));
    QVERIFY(m_server->threadCount() >= 2);

    // Every request thread is held inside a request: one connection per thread until all are taken.
    std::vector<std::unique_ptr<QThread>> clients;
    for (int i = 0; i < m_server->threadCount() * 4 && entered.available() < m_server->threadCount(); ++i) {
        clients.emplace_back(QThread::create([port = m_server->port()] {
            KeepAliveClient client;
            if (client.connectTo(port))
                client.request("GET", "/rest/v1/categories?select=id&name=eq.hold", TestSupport::anonKey());
        }));
        clients.back()->start();
        QTest::qWait(20);
    }
    QVERIFY(entered.tryAcquire(1, 20000));
    QCOMPARE(held.loadAcquire(), 1);

    auto changed = std::shared_ptr<Project>(readTemplate());
    Table added = tableNamed(*changed, QStringLiteral("tags"));
    added.id = QStringLiteral("tbl_labels");
    added.name = QStringLiteral("labels");
    for (Field &field : added.fields)
        field.id += QStringLiteral("_labels");
    for (PermissionRule &rule : added.permissions)
        rule.id += QStringLiteral("_labels");
    added.indexes.clear();
    changed->tables.push_back(added);
    QVERIFY(apply(changed));
    // apply() returned while a thread is still held: nothing waited for it.
    QCOMPARE(held.loadAcquire(), 1);

    release.release(1000);
    for (const std::unique_ptr<QThread> &client : clients)
        QVERIFY(client->wait(20000));
    // Every thread serves the new project now, the held ones included.
    for (int i = 0; i < m_server->threadCount() * 3; ++i) {
        KeepAliveClient client;
        QVERIFY(client.connectTo(m_server->port()));
        const Reply reply = client.request("GET", "/rest/v1/labels?select=id", TestSupport::anonKey());
        QVERIFY2(reply.status == 200, json(reply).constData());
    }
}

QTEST_GUILESS_MAIN(tst_LiveServer)
void tst_LiveServer::writesAreAnnounced()
{
    // Every write path announces on the server's one feed, after its commit: the data API, auth's profile
    // rows (sign-up, a new email) and a CSV import beside the server. A refused write announces nothing.
    QList<RecordChange> changes;
    QObject receiver;
    const std::shared_ptr<ChangeFeed> feed = m_server->config().changeFeed;
    QVERIFY(feed);
    connect(feed.get(), &ChangeFeed::committed, &receiver, [&](const QList<RecordChange> &c) { changes << c; });
    const QByteArray service = TestSupport::serviceKey();
    const auto tables = [&] {
        QStringList names;
        for (const RecordChange &c : std::as_const(changes))
            names << recordOperationName(c.operation) + QLatin1Char(' ') + c.table;
        return names;
    };

    const Reply created = m_client->request("POST", "/rest/v1/tags", service, R"({"name":"fresh"})");
    QVERIFY2(created.status == 201, json(created).constData());
    QTRY_COMPARE(tables(), QStringList {QStringLiteral("INSERT tags")});
    QCOMPARE(changes.at(0).newRow.value(QStringLiteral("name")).toString(), QStringLiteral("fresh"));
    const Reply refused = m_client->request("POST", "/rest/v1/tags", service, R"({"name":"fresh"})");
    QVERIFY2(refused.status == 409, json(refused).constData());

    const Reply signedUp = m_client->request("POST", "/auth/v1/signup", TestSupport::anonKey(),
        R"({"email":"ann@example.com","password":"correct horse battery","data":{"full_name":"Ann"}})");
    QVERIFY2(signedUp.status == 200, json(signedUp).constData());
    QTRY_COMPARE(tables().size(), 2);
    QCOMPARE(tables().at(1), QStringLiteral("INSERT customers"));
    const QJsonObject session = QJsonDocument::fromJson(signedUp.body).object();
    const QString userId = session.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
    QCOMPARE(changes.at(1).key.toString(), userId);
    QCOMPARE(changes.at(1).newRow.value(QStringLiteral("email")).toString(), QStringLiteral("ann@example.com"));

    const QByteArray token = session.value(QStringLiteral("access_token")).toString().toLatin1();
    const Reply moved = m_client->request("PUT", "/auth/v1/user", TestSupport::anonKey(),
        R"({"email":"ann@example.org"})", token);
    QVERIFY2(moved.status == 200, json(moved).constData());
    QTRY_COMPARE(tables().size(), 3);
    QCOMPARE(tables().at(2), QStringLiteral("UPDATE customers"));
    QCOMPARE(changes.at(2).oldRow.value(QStringLiteral("email")).toString(), QStringLiteral("ann@example.com"));
    QCOMPARE(changes.at(2).newRow.value(QStringLiteral("email")).toString(), QStringLiteral("ann@example.org"));

    // A CSV import on its own connection announces each commit as one bulk change.
    QTemporaryDir dir;
    QFile csv(dir.filePath(QStringLiteral("tags.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("name\nimported-1\nimported-2\nimported-3\n");
    csv.close();
    CsvImportOptions options;
    options.tableName = QStringLiteral("tags");
    options.columnFields = {QStringLiteral("name")};
    options.changeFeed = feed.get();
    Result<CsvImportReport> imported = CsvImporter::importFile(m_server->config().project,
        QStringLiteral("sqlite:") + m_databasePath, csv.fileName(), options);
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().toString()));
    QCOMPARE(imported->imported, 3);
    QTRY_COMPARE(tables().size(), 4);
    QCOMPARE(tables().at(3), QStringLiteral("INSERT tags"));
    QVERIFY(changes.at(3).bulk);
    QCOMPARE(changes.at(3).rowCount, 3);
    QVERIFY(changes.at(3).caller.isService());
}

#include "tst_liveserver.moc"
