// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of basalt-server's HTTP layer: limits, timeouts, keep-alive, CORS, threads and clean shutdown.
#include "tst_server.h"

#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>
#include <QtTest>

#include <csignal>

namespace {
constexpr qint64 s_bodyLimit = 1024 * 1024; // the default settings.maxRequestBodyBytes

// Returns an HTTP/1.1 request; \a headers are extra header lines, each ending in \r\n.
QByteArray rawRequest(const QByteArray &method, const QByteArray &path, const QByteArray &headers = {},
    const QByteArray &body = {})
{
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: test\r\n" + headers
        + TestSupport::serviceKeyHeaderLines();
    if (!body.isEmpty())
        request += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n";
    return request + "\r\n" + body;
}

QString errorCode(const HttpReply &reply)
{
    return QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("code")).toString();
}

// Returns \a project with settings.corsOrigins set to \a origins, written to \a dir; empty on failure.
QString projectWithCorsOrigins(const QString &project, const QStringList &origins, const QDir &dir)
{
    QFile source(project);
    if (!source.open(QIODevice::ReadOnly))
        return {};
    QJsonObject root = QJsonDocument::fromJson(source.readAll()).object();
    root.insert(QStringLiteral("settings"),
        QJsonObject {{QStringLiteral("corsOrigins"), QJsonArray::fromStringList(origins)}});
    QFile target(dir.filePath(QStringLiteral("cors.basalt")));
    if (!target.open(QIODevice::WriteOnly))
        return {};
    target.write(QJsonDocument(root).toJson());
    return target.fileName();
}
} // namespace

ServerProcess *tst_Server::limitsServer()
{
    if (!m_limitsServer) {
        m_limitsServer = std::make_unique<ServerProcess>();
        const QStringList arguments
            = serveArguments(fixture(QStringLiteral("library.basalt")),
                  QStringLiteral("sqlite:") + m_sharedDir.filePath(QStringLiteral("l.sqlite")))
            + QStringList {QStringLiteral("--idle-timeout"), QStringLiteral("1"),
                QStringLiteral("--request-timeout"), QStringLiteral("1"), QStringLiteral("--threads"),
                QStringLiteral("3")};
        if (!m_limitsServer->start(arguments)) {
            qWarning().noquote() << m_limitsServer->standardError();
            m_limitsServer.reset();
        }
    }
    return m_limitsServer.get();
}

void tst_Server::bodyTooLarge_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<qint64>("bodyBytes"); // how much of the body is sent
    QTest::addColumn<bool>("refused");
    const QByteArray declared = "Content-Length: " + QByteArray::number(2 * s_bodyLimit) + "\r\n";
    QTest::newRow("2 MiB declared, 64 KiB sent") << declared << qint64(64 * 1024) << true;
    QTest::newRow("2 MiB sent at once") << declared << 2 * s_bodyLimit << true;
    QTest::newRow("chunked past the limit")
        << QByteArray("Transfer-Encoding: chunked\r\n") << 2 * s_bodyLimit << true;
    QTest::newRow("exactly the limit") << "Content-Length: " + QByteArray::number(s_bodyLimit) + "\r\n"
                                       << s_bodyLimit << false;
}

// A body over settings.maxRequestBodyBytes is refused with 413 as soon as that is known: from its
// Content-Length before the body arrives (the 64 KiB row never sends the rest, and would time out with 408
// if the server waited for it), or from the running total of a chunked body.
void tst_Server::bodyTooLarge()
{
    QFETCH(QByteArray, headers);
    QFETCH(qint64, bodyBytes);
    QFETCH(bool, refused);
    ServerProcess *server = limitsServer();
    QVERIFY(server);
    RawConnection connection;
    QVERIFY(connection.open(server->url()));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(
        connection.send("POST /rest/v1/authors HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                        "Origin: http://app.example\r\n"
            + headers + "\r\n"));
    const bool chunked = headers.contains("chunked");
    const QByteArray chunk = chunked ? "10000\r\n" + QByteArray(0x10000, ' ') + "\r\n" : QByteArray();
    const qint64 declaredBytes = headers.mid(headers.indexOf(':') + 1).trimmed().toLongLong();
    const QByteArray body = chunked ? QByteArray() : '[' + QByteArray(declaredBytes - 2, ' ') + ']';
    // Sending stops succeeding once the server refuses; the response must come all the same.
    for (qint64 sent = 0;
         sent < bodyBytes && connection.socket().state() == QAbstractSocket::ConnectedState;) {
        const QByteArray piece = chunked ? chunk : body.mid(sent, qMin<qint64>(256 * 1024, bodyBytes - sent));
        if (!connection.send(piece))
            break;
        sent += chunked ? 0x10000 : piece.size();
    }
    const HttpReply reply = connection.readResponse(10000);
    if (!refused) {
        QVERIFY2(reply.status != 0 && reply.status != 413,
            qPrintable(reply.networkError + QString::fromUtf8(reply.body)));
        return;
    }
    QCOMPARE(reply.status, 413);
    QCOMPARE(errorCode(reply), QStringLiteral("PGRST413"));
    QCOMPARE(reply.headers.value("connection"), QByteArray("close"));
    QCOMPARE(reply.headers.value("access-control-allow-origin"), QByteArray("*")); // readable in browsers
    QVERIFY(connection.waitForClosed(5000));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

void tst_Server::headersTooLarge_data()
{
    QTest::addColumn<int>("headerBytes");
    QTest::addColumn<int>("status");
    QTest::newRow("40 KiB") << 40 * 1024 << 431;
    QTest::newRow("1 MiB") << 1024 * 1024 << 431;
    QTest::newRow("15 KiB") << 15 * 1024 << 200;
}

// Request line and headers over 16 KiB: 431 and the connection closed; below, served and kept alive.
void tst_Server::headersTooLarge()
{
    QFETCH(int, headerBytes);
    QFETCH(int, status);
    ServerProcess *server = limitsServer();
    QVERIFY(server);
    RawConnection connection;
    QVERIFY(connection.open(server->url()));
    connection.send(rawRequest("GET", "/health", "X-Padding: " + QByteArray(headerBytes, 'a') + "\r\n"));
    const HttpReply reply = connection.readResponse(10000);
    QCOMPARE(reply.status, status);
    if (status == 431) {
        QCOMPARE(errorCode(reply), QStringLiteral("PGRST431"));
        QVERIFY(connection.waitForClosed(5000));
        return;
    }
    QVERIFY(connection.send(rawRequest("GET", "/health")));
    QCOMPARE(connection.readResponse(10000).status, 200);
}

// With --idle-timeout 1, a keep-alive connection is closed about a second after its last response, and
// a connection that never sends anything too.
void tst_Server::idleConnectionClosed()
{
    ServerProcess *server = limitsServer();
    QVERIFY(server);
    RawConnection used;
    RawConnection silent;
    QVERIFY(used.open(server->url()));
    QVERIFY(silent.open(server->url()));
    QVERIFY(used.send(rawRequest("GET", "/health")));
    QCOMPARE(used.readResponse(10000).status, 200);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!used.waitForClosed(500)); // kept alive for a while
    QVERIFY(used.waitForClosed(5000));
    QVERIFY2(timer.elapsed() >= 800, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(silent.waitForClosed(5000));
}

// With --request-timeout 1, a request whose head never ends is answered 408 and the connection closed.
void tst_Server::incompleteRequestTimedOut()
{
    ServerProcess *server = limitsServer();
    QVERIFY(server);
    RawConnection connection;
    QVERIFY(connection.open(server->url()));
    QVERIFY(connection.send("GET /health HTTP/1.1\r\nHost: test\r\n"));
    const HttpReply reply = connection.readResponse(10000);
    QCOMPARE(reply.status, 408);
    QCOMPARE(errorCode(reply), QStringLiteral("PGRST408"));
    QVERIFY(connection.waitForClosed(5000));
}

void tst_Server::connectionClose_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<bool>("closes");
    QTest::newRow("HTTP/1.1") << rawRequest("GET", "/health") << false;
    QTest::newRow("Connection: close") << rawRequest("GET", "/health", "Connection: close\r\n") << true;
    QTest::newRow("Connection: close, POST")
        << rawRequest("POST", "/rest/v1/authors", "Connection: close\r\n", R"({"name": "Closing"})") << true;
    QTest::newRow("HTTP/1.0") << QByteArray("GET /health HTTP/1.0\r\n\r\n") << true;
    QTest::newRow("HTTP/1.0 keep-alive")
        << QByteArray("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << false;
}

// `Connection: close` (and HTTP/1.0 without keep-alive) closes the connection after the response;
// otherwise it stays open for the next request.
void tst_Server::connectionClose()
{
    QFETCH(QByteArray, request);
    QFETCH(bool, closes);
    ServerProcess *server = limitsServer();
    QVERIFY(server);
    RawConnection connection;
    QVERIFY(connection.open(server->url()));
    QVERIFY(connection.send(request));
    const HttpReply reply = connection.readResponse(10000);
    QVERIFY2(reply.status == 200 || reply.status == 201, qPrintable(reply.networkError));
    QCOMPARE(reply.headers.value("connection") == "close", closes);
    if (closes) {
        QVERIFY(connection.waitForClosed(900)); // well before the idle timeout
        return;
    }
    QVERIFY(connection.send(rawRequest("GET", "/health")));
    QCOMPARE(connection.readResponse(10000).status, 200);
}

void tst_Server::corsPreflight_data()
{
    QTest::addColumn<QStringList>("corsOrigins"); // the project's settings.corsOrigins
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("allowOrigin"); // expected Access-Control-Allow-Origin; empty: none
    const QStringList listed {QStringLiteral("http://app.example")};
    QTest::newRow("any origin") << QStringList() << QByteArray("/rest/v1/authors") << 204 << QByteArray("*");
    QTest::newRow("listed origin") << listed << QByteArray("/rest/v1/authors") << 204
                                   << QByteArray("http://app.example");
    QTest::newRow("other origin") << QStringList {QStringLiteral("http://elsewhere.example")}
                                  << QByteArray("/rest/v1/authors") << 204 << QByteArray();
    QTest::newRow("health") << QStringList() << QByteArray("/health") << 204 << QByteArray("*");
    QTest::newRow("nothing there") << QStringList() << QByteArray("/nope") << 404 << QByteArray("*");
}

// Browsers running supabase-js send a preflight OPTIONS before PATCH or with its headers; then every
// response must carry the allowed origin, and expose Content-Range (supabase-js reads counts from it).
void tst_Server::corsPreflight()
{
    QFETCH(QStringList, corsOrigins);
    QFETCH(QByteArray, path);
    QFETCH(int, status);
    QFETCH(QByteArray, allowOrigin);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString project
        = projectWithCorsOrigins(fixture(QStringLiteral("library.basalt")), corsOrigins, dir.path());
    QVERIFY(!project.isEmpty());
    ServerProcess server;
    QVERIFY2(server.start(serveArguments(
                 project, QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("c.sqlite")))),
        qPrintable(server.standardError()));
    RawConnection connection;
    QVERIFY(connection.open(server.url()));
    QVERIFY(connection.send(rawRequest("OPTIONS", path,
        "Origin: http://app.example\r\nAccess-Control-Request-Method: PATCH\r\n"
        "Access-Control-Request-Headers: apikey, authorization, content-type, prefer, x-client-info\r\n")));
    const HttpReply preflight = connection.readResponse(10000);
    QCOMPARE(preflight.status, status);
    QCOMPARE(preflight.headers.value("access-control-allow-origin"), allowOrigin);
    if (status == 204 && !allowOrigin.isEmpty()) {
        const QByteArray methods = preflight.headers.value("access-control-allow-methods");
        QVERIFY2(methods.contains("GET") && methods.contains(path == "/health" ? "HEAD" : "PATCH"),
            methods.constData());
        const QByteArray allowed = preflight.headers.value("access-control-allow-headers");
        for (const char *header : {"apikey", "authorization", "content-type", "prefer", "range",
                 "x-client-info", "accept-profile", "content-profile"})
            QVERIFY2(allowed.contains(header), header);
    }
    QVERIFY(connection.send(rawRequest("GET", path, "Origin: http://app.example\r\n")));
    const HttpReply reply = connection.readResponse(10000);
    QCOMPARE(reply.headers.value("access-control-allow-origin"), allowOrigin);
    if (!allowOrigin.isEmpty())
        QVERIFY(reply.headers.value("access-control-expose-headers").contains("Content-Range"));
    QCOMPARE(server.stop(SIGTERM), 0);
}

// A client may send its next request before the previous response (pipelining): on SQLite the insert
// runs on the writer thread and the read would be quicker, yet the responses come in request order.
void tst_Server::pipelinedRequestsAnsweredInOrder()
{
    ServerProcess *server = limitsServer();
    QVERIFY(server);
    RawConnection connection;
    QVERIFY(connection.open(server->url()));
    QVERIFY(connection.send(
        rawRequest("POST", "/rest/v1/authors", "Prefer: return=representation\r\n", R"({"name": "Piped"})")
        + rawRequest("GET", "/rest/v1/authors?name=eq.Piped&select=name")));
    const HttpReply inserted = connection.readResponse(10000);
    QCOMPARE(inserted.status, 201);
    QVERIFY2(inserted.body.contains("Piped"), inserted.body.constData());
    const HttpReply read = connection.readResponse(10000);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.body, QByteArray(R"([{"name":"Piped"}])"));
}

// A request refused by the transport (here 413 from its Content-Length) behind a write still being
// answered on the writer thread: the write's response comes first, then the refusal, then the close.
void tst_Server::refusalWaitsForEarlierResponses()
{
    ServerProcess *server = limitsServer();
    QVERIFY(server);
    RawConnection connection;
    QVERIFY(connection.open(server->url()));
    QVERIFY(connection.send(
        rawRequest("POST", "/rest/v1/authors", "Prefer: return=representation\r\n", R"({"name": "Before the refusal"})")
        + "POST /rest/v1/authors HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
          "Content-Length: 999999999\r\n\r\n{"));
    const HttpReply written = connection.readResponse(10000);
    QCOMPARE(written.status, 201);
    QVERIFY2(written.body.contains("Before the refusal"), written.body.constData());
    const HttpReply refused = connection.readResponse(10000);
    QCOMPARE(refused.status, 413);
    QCOMPARE(refused.headers.value("connection"), QByteArray("close"));
    QVERIFY(connection.waitForClosed(5000));
}
