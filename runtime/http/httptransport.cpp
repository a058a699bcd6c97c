// SPDX-License-Identifier: GPL-3.0-or-later
// HttpTransport: one request thread's HTTP server: parses requests with Qt, answers them through the Router.
#include "httptransport.h"

#include "apierror.h"
#include "connectionguard.h"
#include "writeexecutor.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QMetaEnum>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <memory>

#include <unistd.h>

namespace Runtime {

namespace {
/** A QTcpServer that creates each connection's socket itself, so the ConnectionGuard connects to the
    socket's readyRead before QAbstractHttpServer does (it takes the socket with nextPendingConnection()
    only afterwards) and its checks run first on every chunk of bytes. */
class GuardedTcpServer : public QTcpServer
{
public:
    explicit GuardedTcpServer(const ServerConfig &config)
        : m_config(config)
    { }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        new ConnectionGuard(socket, m_config);
        addPendingConnection(socket);
    }

private:
    const ServerConfig &m_config;
};

bool isWrite(const QByteArray &method)
{
    return method == "POST" || method == "PATCH" || method == "DELETE";
}

/** Returns true for the auth API: its requests run on the request thread even when they write, because
    Argon2id hashing takes 50-100 ms and would stall every queued write on the single SQLite writer.
    Their few statements use the request thread's own connection (SQLite's busy timeout covers lock waits). */
bool isAuth(const QString &path)
{
    return path.startsWith(QLatin1String("/auth/"));
}

/** A request on its way to the request log: the entry so far and the clock started at its first byte. */
struct LoggedRequest
{
    RequestLogEntry entry;
    QElapsedTimer clock;
};

/** Returns the log entry of \a request so far, whose first byte arrived when \a clock was started. */
std::shared_ptr<LoggedRequest> startLog(const HttpRequest &request, const QElapsedTimer &clock)
{
    auto logged = std::make_shared<LoggedRequest>();
    logged->clock = clock;
    RequestLogEntry &entry = logged->entry;
    entry.time = QDateTime::currentDateTimeUtc().addMSecs(-clock.elapsed());
    entry.method = request.method;
    entry.target = request.rawQuery.isEmpty()
        ? request.path
        : request.path + QLatin1Char('?') + QString::fromLatin1(request.rawQuery);
    entry.requestHeaders = request.headers;
    entry.requestBodyTruncated = request.body.size() > s_loggedBodyBytes;
    entry.requestBody = request.body.left(s_loggedBodyBytes);
    return logged;
}

/** Completes \a logged with \a response (written with its body unless \a withBody is false) and hands it
    to \a observer. */
void finishLog(
    LoggedRequest &logged, const HttpResponse &response, bool withBody, const RequestObserver &observer)
{
    RequestLogEntry &entry = logged.entry;
    entry.status = response.status;
    entry.responseBytes = withBody && response.status != 204 ? response.body.size() : 0;
    entry.durationMs = logged.clock.nsecsElapsed() / 1e6;
    entry.role = response.callerRole;
    entry.userId = response.callerUserId;
    entry.userEmail = response.callerEmail;
    observer(entry);
}

HttpRequest convert(const QHttpServerRequest &request, const QTcpSocket *socket)
{
    const QMetaEnum methods = QMetaEnum::fromType<QHttpServerRequest::Method>();
    const char *name = methods.valueToKey(int(request.method()));
    HttpRequest converted;
    converted.method = name ? QByteArray(name).toUpper() : QByteArrayLiteral("UNKNOWN");
    converted.path = request.url().path(QUrl::FullyEncoded);
    converted.query = request.query();
    converted.rawQuery = request.url().query(QUrl::FullyEncoded).toUtf8();
    converted.headers = request.headers();
    converted.body = request.body();
    if (socket) {
        QHostAddress peer = socket->peerAddress();
        // An IPv4 client on a dual-stack socket appears as ::ffff:a.b.c.d; count it as a.b.c.d.
        bool isV4 = false;
        const quint32 v4 = peer.toIPv4Address(&isV4);
        converted.remoteAddress = isV4 ? QHostAddress(v4).toString() : peer.toString();
    }
    return converted;
}
} // namespace

HttpTransport::HttpTransport(
    const Router &router, const ServerConfig &config, RecordStore *recordStore, WriteExecutor *writer)
    : m_router(router)
    , m_config(config)
    , m_recordStore(recordStore)
    , m_writer(writer)
{ }

HttpTransport::~HttpTransport() = default;

Result<void> HttpTransport::listen(qintptr descriptor)
{
    auto tcpServer = std::make_unique<GuardedTcpServer>(m_config);
    if (!tcpServer->setSocketDescriptor(descriptor)) {
        ::close(int(descriptor));
        return Error(
            ErrorCode::ServerListenFailed, tr("Cannot accept connections: %1").arg(tcpServer->errorString()));
    }
    bind(tcpServer.release()); // the transport now parents the QTcpServer
    return {};
}

void HttpTransport::stop()
{
    m_stopping = true;
    for (QTcpServer *server : servers())
        server->close();
    for (ConnectionGuard *guard : findChildren<ConnectionGuard *>())
        guard->closeGracefully();
}

void HttpTransport::waitForResponsesWritten(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        const QList<QTcpSocket *> sockets = findChildren<QTcpSocket *>();
        const bool written = std::all_of(sockets.cbegin(), sockets.cend(), [](const QTcpSocket *socket) {
            return socket->state() == QAbstractSocket::UnconnectedState || socket->bytesToWrite() == 0;
        });
        if (written)
            return;
        QThread::msleep(5);
    }
}

bool HttpTransport::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    ConnectionGuard *guard = ConnectionGuard::of(socket);
    if (!guard || guard->isClosing())
        return true; // refused, or the server is stopping: the guard closes the connection
    // A request pipelined behind one still with the writer goes to the writer too: it answers in order.
    const bool behindWrite = guard->isAwaitingResponse();
    const QElapsedTimer clock = guard->requestReceived();
    const HttpRequest converted = convert(request, socket);
    const bool withBody = converted.method != "HEAD";
    // Only with an observer: without one, logging copies nothing.
    std::shared_ptr<LoggedRequest> logged = m_config.requestObserver ? startLog(converted, clock) : nullptr;
    // A pipelined auth request behind a queued write still goes to the writer, to answer in order.
    const bool toWriter = (isWrite(converted.method) && !isAuth(converted.path)) || behindWrite;
    if (m_writer && !m_stopping && toWriter) {
        const QPointer<ConnectionGuard> target(guard);
        // Called on this thread (the transport is the context), so `this` is alive.
        m_writer->submit(converted, this, [this, target, withBody, logged](const HttpResponse &response) {
            // Logged here, on the request thread, once the writer's answer is back: the real duration.
            if (logged)
                finishLog(*logged, response, withBody, m_config.requestObserver);
            if (target)
                target->respond(response, withBody);
        });
        return true;
    }
    const HttpResponse response = m_router.dispatch(converted, m_config, m_recordStore);
    if (logged)
        finishLog(*logged, response, withBody, m_config.requestObserver);
    guard->respond(response, withBody);
    return true;
}

// Reached only for WebSocket upgrades, which nothing accepts yet.
void HttpTransport::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (ConnectionGuard *guard = ConnectionGuard::of(socket); guard && !guard->isClosing()) {
        const QElapsedTimer clock = guard->requestReceived();
        const HttpResponse response
            = errorResponse(Error(ErrorCode::NotFound, QStringLiteral("Nothing is served here.")));
        if (m_config.requestObserver)
            finishLog(*startLog(convert(request, socket), clock), response, true, m_config.requestObserver);
        guard->respond(response, true);
    }
}

} // namespace Runtime
