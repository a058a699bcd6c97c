// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of basalt-server: the real executable, over real sockets, on SQLite and PostgreSQL.
#include "serverprocess.h"
#include "testsupport.h"

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

namespace {
const QStringList s_engines {QStringLiteral("sqlite"), QStringLiteral("postgresql")};
const QStringList s_templates {
    QStringLiteral("ecommerce"), QStringLiteral("saas"), QStringLiteral("social"), QStringLiteral("chat")};

// Returns the arguments that serve \a project from \a databaseUrl on \a port.
QStringList serveArguments(
    const QString &project, const QString &databaseUrl, const QString &port = QStringLiteral("0"))
{
    return {QStringLiteral("--project"), project, QStringLiteral("--db"), databaseUrl,
        QStringLiteral("--port"), port};
}

QUrl healthUrl(const ServerProcess &server)
{
    return server.url().resolved(QUrl(QStringLiteral("/health")));
}

QJsonObject healthBody(const QString &project, int schemaVersion)
{
    return {{QStringLiteral("status"), QStringLiteral("ok")}, {QStringLiteral("project"), project},
        {QStringLiteral("schemaVersion"), schemaVersion}};
}

QStringList sortedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}
} // namespace

// Sets \a target to the URL of an empty database of \a engine: an SQLite file in \a dir or a fresh
// PostgreSQL database held by \a postgres. Skips the test (fails it under CI) when PostgreSQL is wanted but
// unavailable.
#define OPEN_TEST_DATABASE(engine, dir, postgres, target)                                                    \
    if ((engine) == QLatin1String("postgresql")) {                                                           \
        (postgres).emplace();                                                                                \
        BASALT_REQUIRE_POSTGRES(*(postgres));                                                                \
        (target) = (postgres)->url();                                                                        \
    } else {                                                                                                 \
        (target) = QStringLiteral("sqlite:") + (dir).filePath(QStringLiteral("test.sqlite"));                \
    }

class tst_Server : public QObject
{
    Q_OBJECT

private slots:
    void health_data();
    void health();
    void defaultDatabaseNextToProject();
    void errorResponses_data();
    void errorResponses();
    void badArguments_data();
    void badArguments();
    void badProject_data();
    void badProject();
    void destructiveChange_data();
    void destructiveChange();
    void stopsOnSignal_data();
    void stopsOnSignal();
    void portInUse();
    void cleanupTestCase();

private:
    QString fixture(const QString &name) const;

    QTemporaryDir m_sharedDir;
    std::unique_ptr<ServerProcess> m_sharedServer;
};

QString tst_Server::fixture(const QString &name) const
{
    return QFINDTESTDATA(QStringLiteral("data/") + name);
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
    QTest::newRow("unknown path, POST") << QByteArray("POST") << QStringLiteral("/rest/v1/x") << 404
                                        << QStringLiteral("PGRST125") << QByteArray();
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
    QTest::addColumn<QString>("engine");
    for (const QString &engine : s_engines)
        QTest::newRow(qPrintable(engine)) << engine;
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

QTEST_GUILESS_MAIN(tst_Server)
#include "tst_server.moc"
