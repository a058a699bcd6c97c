// SPDX-License-Identifier: GPL-3.0-or-later
// HttpTransport: one request thread's HTTP server: parses requests with Qt, answers them through the Router.
#include "httptransport.h"

#include "apierror.h"
#include "connectionguard.h"
#include "writeexecutor.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QMetaEnum>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

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

HttpRequest convert(const QHttpServerRequest &request)
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
    guard->requestReceived();
    const HttpRequest converted = convert(request);
    const bool withBody = converted.method != "HEAD";
    if (m_writer && !m_stopping && (isWrite(converted.method) || behindWrite)) {
        const QPointer<ConnectionGuard> target(guard);
        m_writer->submit(converted, this, [target, withBody](const HttpResponse &response) {
            if (target)
                target->respond(response, withBody);
        });
        return true;
    }
    guard->respond(m_router.dispatch(converted, m_config, m_recordStore), withBody);
    return true;
}

// Reached only for WebSocket upgrades, which nothing accepts yet.
void HttpTransport::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    if (ConnectionGuard *guard = ConnectionGuard::of(socket); guard && !guard->isClosing()) {
        guard->requestReceived();
        guard->respond(
            errorResponse(Error(ErrorCode::NotFound, QStringLiteral("Nothing is served here."))), true);
    }
}

} // namespace Runtime
