// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of basalt-server's request threads: many keep-alive connections, slow reads, shutdown under load.
#include "tst_server.h"

#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

#include <csignal>
#include <optional>
#include <vector>

namespace {
QByteArray getRequest(const QByteArray &path)
{
    return "GET " + path + " HTTP/1.1\r\nHost: test\r\n" + TestSupport::serviceKeyHeaderLines() + "\r\n";
}

QByteArray insertRequest(int number)
{
    const QByteArray body = R"({"name": "load )" + QByteArray::number(number) + R"("})";
    return "POST /rest/v1/authors HTTP/1.1\r\nHost: test\r\n" + TestSupport::serviceKeyHeaderLines() + "Content-Type: "
           "application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

// Forty keep-alive connections, three requests each in rounds: every request is answered on its own
// connection, which stays open; the server runs the request threads it announced.
void tst_Server::manyKeepAliveConnections()
{
    ServerProcess *server = limitsServer();
    QVERIFY(server);
    std::vector<std::unique_ptr<RawConnection>> connections;
    for (int i = 0; i < 40; ++i) {
        connections.push_back(std::make_unique<RawConnection>());
        QVERIFY(connections.back()->open(server->url()));
    }
    for (int round = 0; round < 3; ++round) {
        for (const auto &connection : connections)
            QVERIFY(connection->send(getRequest("/rest/v1/authors?limit=1")));
        for (const auto &connection : connections) {
            const HttpReply reply = connection->readResponse(10000);
            QCOMPARE(reply.status, 200);
            QVERIFY(reply.headers.value("content-range").endsWith("/*"));
            QCOMPARE(connection->socket().state(), QAbstractSocket::ConnectedState);
        }
    }
    const QStringList tasks = QDir(QStringLiteral("/proc/%1/task").arg(server->processId()))
                                  .entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QVERIFY2(tasks.size() >= 1 + 3 + 1, qPrintable(QString::number(tasks.size()))); // main, 3 request, writer
}

void tst_Server::slowRequestDoesNotBlockOthers_data()
{
    addEngineRows();
}

// A request that cannot finish, however fast the machine, because it waits for a lock the test holds (on
// SQLite an insert waits for the write lock on the writer thread; on PostgreSQL a read waits for a table
// lock on its request thread): requests on other connections are answered meanwhile, and it is answered
// once the lock is released.
void tst_Server::slowRequestDoesNotBlockOthers()
{
    QFETCH(QString, engine);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::optional<TestSupport::PostgresDatabase> postgres;
    QString databaseUrl;
    OPEN_TEST_DATABASE(engine, dir, postgres, databaseUrl);
    ServerProcess server;
    QVERIFY2(server.start(serveArguments(fixture(QStringLiteral("library.basalt")), databaseUrl)
                 + QStringList {QStringLiteral("--threads"), QStringLiteral("4")}),
        qPrintable(server.standardError()));
    const bool sqlite = engine == QLatin1String("sqlite");
    const QString connectionName = QStringLiteral("locker");
    {
        QSqlDatabase locker = openDirectly(databaseUrl, connectionName);
        QVERIFY(locker.isOpen());
        QSqlQuery lock(locker);
        QVERIFY(lock.exec(sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN")));
        if (!sqlite)
            QVERIFY2(lock.exec(QStringLiteral("LOCK TABLE authors IN ACCESS EXCLUSIVE MODE")),
                qPrintable(lock.lastError().text()));

        RawConnection slow;
        QVERIFY(slow.open(server.url()));
        QVERIFY(slow.send(sqlite ? insertRequest(1) : getRequest("/rest/v1/authors")));
        std::vector<std::unique_ptr<RawConnection>> quick;
        for (int i = 0; i < 8; ++i) {
            quick.push_back(std::make_unique<RawConnection>());
            QVERIFY(quick.back()->open(server.url()));
            QVERIFY(quick.back()->send(getRequest("/health")));
        }
        // On PostgreSQL a quick connection may share the slow one's thread and wait with it; on SQLite
        // reads never wait for the writer. Within SQLite's 5 s busy timeout, after which the insert fails.
        std::vector<bool> answered(quick.size(), false);
        QElapsedTimer timer;
        timer.start();
        while (std::count(answered.cbegin(), answered.cend(), true) < (sqlite ? qsizetype(quick.size()) : 1)
            && timer.elapsed() < 4000) {
            for (size_t i = 0; i < quick.size(); ++i) {
                if (!answered[i] && quick[i]->readResponse(5).status == 200)
                    answered[i] = true;
            }
        }
        QVERIFY2(std::count(answered.cbegin(), answered.cend(), true) > 0, "every quick request waited");
        if (sqlite)
            QCOMPARE(std::count(answered.cbegin(), answered.cend(), true), qsizetype(quick.size()));
        QVERIFY2(!slow.hasPendingBytes(), "the locked request was answered while the lock was held");

        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        QCOMPARE(slow.readResponse(30000).status, sqlite ? 201 : 200);
        for (size_t i = 0; i < quick.size(); ++i) {
            if (!answered[i])
                QCOMPARE(quick[i]->readResponse(30000).status, 200);
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
    QCOMPARE(server.stop(SIGTERM), 0);
}

// SIGTERM while sixteen connections each have a request in flight (inserts and reads): the server exits
// with status 0, every response it sent is complete, no connection is left hanging, and every insert
// it acknowledged is in the database.
void tst_Server::shutdownUnderLoad_data()
{
    addEngineRows();
}

// On SQLite the inserts go through the one writer thread, on PostgreSQL each request thread writes.
void tst_Server::shutdownUnderLoad()
{
    QFETCH(QString, engine);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::optional<TestSupport::PostgresDatabase> postgres;
    QString databaseUrl;
    OPEN_TEST_DATABASE(engine, dir, postgres, databaseUrl);
    ServerProcess server;
    QVERIFY2(server.start(serveArguments(fixture(QStringLiteral("library.basalt")), databaseUrl)
                 + QStringList {QStringLiteral("--threads"), QStringLiteral("3")}),
        qPrintable(server.standardError()));
    std::vector<std::unique_ptr<RawConnection>> connections;
    for (int i = 0; i < 16; ++i) {
        connections.push_back(std::make_unique<RawConnection>());
        QVERIFY(connections.back()->open(server.url()));
    }
    int sent = 0;
    int acknowledged = 0;
    const auto sendNext = [&sent](RawConnection &connection) {
        ++sent;
        return connection.send(sent % 2 ? insertRequest(sent) : getRequest("/rest/v1/authors?limit=5"));
    };
    for (const auto &connection : connections)
        QVERIFY(sendNext(*connection));
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 500) { // steady load: a new request as soon as one is answered
        for (const auto &connection : connections) {
            const HttpReply reply = connection->readResponse(2);
            if (reply.status == 0)
                continue;
            QVERIFY2(reply.status == 200 || reply.status == 201, reply.body.constData());
            acknowledged += reply.status == 201;
            QVERIFY(sendNext(*connection));
        }
    }

    QCOMPARE(server.stop(SIGTERM), 0); // with a request in flight on every connection
    for (const auto &connection : connections) {
        const HttpReply reply = connection->readResponse(100);
        if (reply.status != 0) {
            QVERIFY2(reply.status == 200 || reply.status == 201, reply.body.constData());
            acknowledged += reply.status == 201;
            if (reply.status == 200)
                QVERIFY(QJsonDocument::fromJson(reply.body).isArray());
        } else {
            QVERIFY2(
                reply.networkError.endsWith(QLatin1String("received: ")), qPrintable(reply.networkError));
        }
        QVERIFY(connection->waitForClosed(1000));
    }
    QVERIFY(acknowledged > 0);
    const QString rows = databaseSnapshot(databaseUrl).join(QLatin1Char('\n'));
    QVERIFY2(rows.count(QLatin1String("|load ")) >= acknowledged, qPrintable(QString::number(acknowledged)));
}
