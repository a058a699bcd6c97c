// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of basalt-server: the real executable, over real sockets, on SQLite and PostgreSQL.
#include "tst_server.h"

#include "http/router.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <memory>
#include <optional>

QString tst_Server::fixture(const QString &name) const
{
    return QFINDTESTDATA(QStringLiteral("data/") + name);
}

// Each route declares how it is served; nothing tests path prefixes. The auth API answers in GoTrue's error
// shape and writes on the request thread; the data API needs a key and writes on the writer; /health is open.
void tst_Server::routeTableDeclaresPolicies()
{
    Runtime::Router router;
    Runtime::registerRoutes(router, Runtime::Project());
    const Runtime::RoutePolicy *health = router.policyFor("GET", QStringLiteral("/health"));
    QVERIFY(health);
    QVERIFY(!health->keyRequired);
    for (const char *method : {"GET", "HEAD", "POST", "PATCH", "DELETE"}) {
        const Runtime::RoutePolicy *data = router.policyFor(method, QStringLiteral("/rest/v1/orders"));
        QVERIFY2(data, method);
        QVERIFY(data->keyRequired);
        QVERIFY(data->writesOnWriter);
        QCOMPARE(data->errors, Runtime::RoutePolicy::Errors::PostgRest);
    }
    for (const char *path : {"/auth/v1/signup", "/auth/v1/token", "/auth/v1/logout"}) {
        const Runtime::RoutePolicy *auth = router.policyFor("POST", QString::fromLatin1(path));
        QVERIFY2(auth, path);
        QVERIFY(auth->keyRequired);
        QVERIFY(!auth->writesOnWriter);
        QCOMPARE(auth->errors, Runtime::RoutePolicy::Errors::GoTrue);
    }
    QVERIFY(router.policyFor("PUT", QStringLiteral("/auth/v1/user")));
    QVERIFY(!router.policyFor("GET", QStringLiteral("/nothing/here")));
    QVERIFY(!router.policyFor("PUT", QStringLiteral("/rest/v1/orders"))); // 405, no route
    QVERIFY(!router.policyFor("OPTIONS", QStringLiteral("/rest/v1/orders"))); // the CORS preflight
}

void tst_Server::health_data()
{
    QTest::addColumn<QString>("projectFile");
    QTest::addColumn<QString>("engine");
    QStringList projects {fixture(QStringLiteral("library.basalt"))};
    for (const QString &name : s_templates)
        projects << TestSupport::templatePath(name);
    for (const QString &project : projects) {
        for (const QString &engine : s_engines)
            QTest::addRow("%s %s", qPrintable(QFileInfo(project).baseName()), qPrintable(engine))
                << project << engine;
    }
}

// Serves a project on a fresh database, answers /health, then serves it again without migrating.
void tst_Server::health()
{
    QFETCH(QString, projectFile);
    QFETCH(QString, engine);
    QVERIFY2(QFile::exists(projectFile), qPrintable(projectFile));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::optional<TestSupport::PostgresDatabase> postgres;
    QString databaseUrl;
    OPEN_TEST_DATABASE(engine, dir, postgres, databaseUrl);
    const QString name = projectNameOf(projectFile);
    QVERIFY(!name.isEmpty());
    const QStringList arguments = serveArguments(projectFile, databaseUrl);

    for (int run = 0; run < 2; ++run) {
        ServerProcess server;
        QVERIFY2(server.start(arguments), qPrintable(server.standardError()));
        QCOMPARE(server.projectName(), name);
        QCOMPARE(server.url().host(), QStringLiteral("127.0.0.1"));
        QVERIFY(server.url().port() > 0);
        QCOMPARE(server.schemaVersion(), 1);
        if (run == 1)
            QVERIFY2(!server.standardError().contains(QLatin1String("Applied")),
                qPrintable(server.standardError()));

        const HttpReply reply = httpRequest("GET", healthUrl(server));
        QVERIFY2(reply.networkError.isEmpty(), qPrintable(reply.networkError));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.headers.value("content-type"), QByteArray("application/json"));
        QCOMPARE(QJsonDocument::fromJson(reply.body).object(), healthBody(name, 1));
        QCOMPARE(server.stop(SIGTERM), 0);
    }
}

void tst_Server::defaultDatabaseNextToProject()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString project = dir.filePath(QStringLiteral("my.shop.basalt"));
    QVERIFY(copyFile(fixture(QStringLiteral("library.basalt")), project));
    ServerProcess server;
    QVERIFY2(
        server.start({QStringLiteral("--project"), project, QStringLiteral("--port"), QStringLiteral("0")}),
        qPrintable(server.standardError()));
    const QString database = dir.filePath(QStringLiteral("my.shop.sqlite"));
    QVERIFY(QFile::exists(database));
    QVERIFY2(
        server.startupLine().contains(QStringLiteral("my.shop.sqlite")), qPrintable(server.startupLine()));
    QCOMPARE(httpRequest("GET", healthUrl(server)).status, 200);
    QCOMPARE(server.stop(SIGTERM), 0);
    QVERIFY(databaseSnapshot(QStringLiteral("sqlite:") + database)
                .join(QLatin1Char('\n'))
                .contains(QLatin1String("authors(")));
}

void tst_Server::errorResponses_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QByteArray>("allow");

    QTest::newRow("unknown path") << QByteArray("GET") << QStringLiteral("/nope") << 404
                                  << QStringLiteral("PGRST125") << QByteArray();
    QTest::newRow("root") << QByteArray("GET") << QStringLiteral("/") << 404 << QStringLiteral("PGRST125")
                          << QByteArray();
    QTest::newRow("below health") << QByteArray("GET") << QStringLiteral("/health/x") << 404
                                  << QStringLiteral("PGRST125") << QByteArray();
    QTest::newRow("unknown table") << QByteArray("GET") << QStringLiteral("/rest/v1/x") << 404
                                   << QStringLiteral("PGRST205") << QByteArray();
    QTest::newRow("unknown table, POST") << QByteArray("POST") << QStringLiteral("/rest/v1/x") << 404
                                         << QStringLiteral("PGRST205") << QByteArray();
    QTest::newRow("below a table") << QByteArray("GET") << QStringLiteral("/rest/v1/authors/1") << 404
                                   << QStringLiteral("PGRST125") << QByteArray();
    QTest::newRow("PUT table") << QByteArray("PUT") << QStringLiteral("/rest/v1/authors") << 405
                               << QStringLiteral("PGRST117") << QByteArray("GET, HEAD, POST, PATCH, DELETE");
    QTest::newRow("POST health") << QByteArray("POST") << QStringLiteral("/health") << 405
                                 << QStringLiteral("PGRST117") << QByteArray("GET, HEAD");
    QTest::newRow("DELETE health") << QByteArray("DELETE") << QStringLiteral("/health") << 405
                                   << QStringLiteral("PGRST117") << QByteArray("GET, HEAD");
    QTest::newRow("HEAD health") << QByteArray("HEAD") << QStringLiteral("/health") << 200 << QString()
                                 << QByteArray();
}

// Unknown paths and wrong methods get PostgREST-shaped JSON errors from one running server.
void tst_Server::errorResponses()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QByteArray, allow);
    if (!m_sharedServer) {
        QVERIFY(m_sharedDir.isValid());
        m_sharedServer = std::make_unique<ServerProcess>();
        QVERIFY2(m_sharedServer->start(serveArguments(fixture(QStringLiteral("library.basalt")),
                     QStringLiteral("sqlite:") + m_sharedDir.filePath(QStringLiteral("e.sqlite")))),
            qPrintable(m_sharedServer->standardError()));
    }

    const HttpReply reply = httpRequest(method, m_sharedServer->url().resolved(QUrl(path)));
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.headers.value("content-type"), QByteArray("application/json"));
    QCOMPARE(reply.headers.value("allow"), allow);
    if (method == "HEAD") {
        QVERIFY(reply.body.isEmpty());
        QCOMPARE(reply.headers.value("content-length"),
            QByteArray::number(httpRequest("GET", m_sharedServer->url().resolved(QUrl(path))).body.size()));
        return;
    }
    const QJsonObject error = QJsonDocument::fromJson(reply.body).object();
    QCOMPARE(sortedKeys(error),
        (QStringList {QStringLiteral("code"), QStringLiteral("details"), QStringLiteral("hint"),
            QStringLiteral("message")}));
    QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    QVERIFY(error.value(QStringLiteral("details")).isNull());
}

void tst_Server::cleanupTestCase()
{
    if (m_sharedServer)
        QCOMPARE(m_sharedServer->stop(SIGTERM), 0);
    if (m_limitsServer)
        QCOMPARE(m_limitsServer->stop(SIGTERM), 0);
}

void tst_Server::badArguments_data()
{
    QTest::addColumn<QString>("arguments"); // split at spaces; {project} is a valid project file
    QTest::addColumn<QString>("message");
    QTest::newRow("none") << QString() << QStringLiteral("--project");
    QTest::newRow("no project") << QStringLiteral("--port 0") << QStringLiteral("--project");
    QTest::newRow("project without value") << QStringLiteral("--project") << QStringLiteral("project");
    QTest::newRow("unknown option") << QStringLiteral("--project {project} --frobnicate")
                                    << QStringLiteral("frobnicate");
    QTest::newRow("extra argument") << QStringLiteral("--project {project} extra") << QStringLiteral("extra");
    QTest::newRow("port not a number")
        << QStringLiteral("--project {project} --port http") << QStringLiteral("--port");
    QTest::newRow("port too large") << QStringLiteral("--project {project} --port 65536")
                                    << QStringLiteral("--port");
    QTest::newRow("bad host") << QStringLiteral("--project {project} --host nowhere")
                              << QStringLiteral("--host");
    QTest::newRow("threads not a number")
        << QStringLiteral("--project {project} --threads many") << QStringLiteral("--threads");
    QTest::newRow("no threads") << QStringLiteral("--project {project} --threads 0")
                                << QStringLiteral("--threads");
    QTest::newRow("idle timeout zero")
        << QStringLiteral("--project {project} --idle-timeout 0") << QStringLiteral("--idle-timeout");
    QTest::newRow("request timeout not a number")
        << QStringLiteral("--project {project} --request-timeout soon")
        << QStringLiteral("--request-timeout");
    QTest::newRow("bad database url")
        << QStringLiteral("--project {project} --db mysql://localhost/x") << QStringLiteral("--db");
}

// Bad arguments: usage on stderr, exit status 2, and no database created.
void tst_Server::badArguments()
{
    QFETCH(QString, arguments);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString project = dir.filePath(QStringLiteral("project.basalt"));
    QVERIFY(copyFile(fixture(QStringLiteral("library.basalt")), project));
    QStringList argumentList = arguments.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    argumentList.replaceInStrings(QStringLiteral("{project}"), project);

    const FinishedRun run = runServerToEnd(argumentList);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.standardError.contains(QLatin1String("Usage: ")), qPrintable(run.standardError));
    QVERIFY2(run.standardError.contains(message), qPrintable(run.standardError));
    QVERIFY(run.standardOutput.isEmpty());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList {QStringLiteral("project.basalt")});
}

void tst_Server::badProject_data()
{
    QTest::addColumn<QString>("fixtureName");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown field type")
        << QStringLiteral("bad-type.basalt") << QStringLiteral("tables[0].fields[1].type: ");
    QTest::newRow("dangling reference")
        << QStringLiteral("bad-reference.basalt") << QStringLiteral("relationships[0].from: ");
    QTest::newRow("invalid JSON") << QStringLiteral("bad-json.basalt") << QString();
    QTest::newRow("missing file") << QString() << QString();
}

// A bad project: its problems on stderr, exit status 1, and no database created, default or given.
void tst_Server::badProject()
{
    QFETCH(QString, fixtureName);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString project = dir.filePath(QStringLiteral("project.basalt"));
    if (!fixtureName.isEmpty())
        QVERIFY(copyFile(fixture(fixtureName), project));
    const QStringList filesBefore = QDir(dir.path()).entryList(QDir::Files);
    const QStringList databaseArguments[] = {{},
        {QStringLiteral("--db"), QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("given.sqlite"))}};

    for (const QStringList &database : databaseArguments) {
        const FinishedRun run = runServerToEnd(
            QStringList {QStringLiteral("--project"), project, QStringLiteral("--port"), QStringLiteral("0")}
            + database);
        QVERIFY(run.finished);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.standardError.contains(project), qPrintable(run.standardError));
        QVERIFY2(run.standardError.contains(message), qPrintable(run.standardError));
        QVERIFY(!run.standardError.contains(QLatin1String("Usage: ")));
        QVERIFY(run.standardOutput.isEmpty());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), filesBefore);
    }
}

void tst_Server::destructiveChange_data()
{
    addEngineRows();
}

// Dropping a column with data is refused without --allow-destructive (nothing written), applied with it.
void tst_Server::destructiveChange()
{
    QFETCH(QString, engine);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::optional<TestSupport::PostgresDatabase> postgres;
    QString databaseUrl;
    OPEN_TEST_DATABASE(engine, dir, postgres, databaseUrl);
    const QString project = dir.filePath(QStringLiteral("notes.basalt"));
    const QStringList arguments = serveArguments(project, databaseUrl);

    QVERIFY(copyFile(fixture(QStringLiteral("notes-v1.basalt")), project));
    {
        ServerProcess server;
        QVERIFY2(server.start(arguments), qPrintable(server.standardError()));
        QCOMPARE(server.stop(SIGTERM), 0);
    }
    QCOMPARE(executeSql(databaseUrl,
                 QStringLiteral("INSERT INTO notes (title, body) VALUES ('first', 'precious text')")),
        QString());
    const QStringList before = databaseSnapshot(databaseUrl);
    QVERIFY2(before.join(QLatin1Char('\n')).contains(QLatin1String("precious text")),
        qPrintable(before.join(QLatin1Char('\n'))));

    QVERIFY(copyFile(fixture(QStringLiteral("notes-v2.basalt")), project));
    const FinishedRun refused = runServerToEnd(arguments);
    QVERIFY(refused.finished);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.standardError.contains(QLatin1String("--allow-destructive")),
        qPrintable(refused.standardError));
    QVERIFY2(refused.standardError.contains(QLatin1String("body")), qPrintable(refused.standardError));
    QVERIFY(refused.standardOutput.isEmpty());
    QCOMPARE(databaseSnapshot(databaseUrl), before);

    ServerProcess confirmed;
    QVERIFY2(confirmed.start(arguments + QStringList {QStringLiteral("--allow-destructive")}),
        qPrintable(confirmed.standardError()));
    QCOMPARE(confirmed.schemaVersion(), 2);
    QCOMPARE(QJsonDocument::fromJson(httpRequest("GET", healthUrl(confirmed)).body).object(),
        healthBody(QStringLiteral("Notes"), 2));
    QCOMPARE(confirmed.stop(SIGTERM), 0);
    const QString after = databaseSnapshot(databaseUrl).join(QLatin1Char('\n'));
    QVERIFY2(after.contains(QLatin1String("notes(id,title)")), qPrintable(after));
    QVERIFY2(after.contains(QLatin1String("first")) && !after.contains(QLatin1String("precious text")),
        qPrintable(after));
}

void tst_Server::stopsOnSignal_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGINT") << int(SIGINT);
    QTest::newRow("SIGTERM") << int(SIGTERM);
}

void tst_Server::stopsOnSignal()
{
    QFETCH(int, signalNumber);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ServerProcess server;
    QVERIFY2(server.start(serveArguments(fixture(QStringLiteral("library.basalt")),
                 QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("s.sqlite")))),
        qPrintable(server.standardError()));
    QCOMPARE(httpRequest("GET", healthUrl(server)).status, 200);
    QCOMPARE(server.stop(signalNumber), 0);
    QVERIFY2(server.standardError().contains(QLatin1String("Stopping.")), qPrintable(server.standardError()));
    QCOMPARE(httpRequest("GET", healthUrl(server)).status, 0); // nobody listens any more
}

void tst_Server::portInUse()
{
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    const QString port = QString::number(blocker.serverPort());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const FinishedRun run = runServerToEnd(serveArguments(fixture(QStringLiteral("library.basalt")),
        QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("p.sqlite")), port));
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.standardError.contains(port), qPrintable(run.standardError));
    QVERIFY(run.standardOutput.isEmpty());
}

// The request threads share their port with SO_REUSEPORT, but a second basalt-server must not join in.
void tst_Server::portInUseByServer()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ServerProcess first;
    QVERIFY2(first.start(serveArguments(fixture(QStringLiteral("library.basalt")),
                 QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("first.sqlite")))),
        qPrintable(first.standardError()));
    const QString port = QString::number(first.url().port());
    const FinishedRun second = runServerToEnd(serveArguments(fixture(QStringLiteral("library.basalt")),
        QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("second.sqlite")), port));
    QVERIFY(second.finished);
    QCOMPARE(second.exitCode, 1);
    QVERIFY2(second.standardError.contains(port), qPrintable(second.standardError));
    QCOMPARE(httpRequest("GET", healthUrl(first)).status, 200);
    QCOMPARE(first.stop(SIGTERM), 0);
}

QTEST_GUILESS_MAIN(tst_Server)
