// SPDX-License-Identifier: GPL-3.0-or-later
// HttpTransport: one request thread's HTTP server: accepts connections, answers their requests through the Router.
#include "httptransport.h"

#include "apierror.h"
#include "httpconnection.h"
#include "realtime/realtimeauth.h"
#include "realtime/realtimeendpoint.h"
#include "writeexecutor.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <memory>

#include <unistd.h>

namespace Runtime {

namespace {
bool isWrite(const QByteArray &method)
{
    return method == "POST" || method == "PATCH" || method == "DELETE";
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
    entry.console = response.console;
    observer(entry);
}

} // namespace

HttpTransport::HttpTransport(
    const ServerConfig &config, RecordStore *recordStore, WriteExecutor *writer, FunctionRunner *functionRunner)
    : m_config(config)
    , m_recordStore(recordStore)
    , m_writer(writer)
    , m_functionRunner(functionRunner)
{ }

HttpTransport::~HttpTransport()
{
    delete m_realtime; // before the sockets it serves, which the QTcpServer child owns
}

Result<void> HttpTransport::listen(qintptr descriptor)
{
    auto tcpServer = std::make_unique<QTcpServer>(this);
    if (!tcpServer->setSocketDescriptor(descriptor)) {
        ::close(int(descriptor));
        return Error(
            ErrorCode::ServerListenFailed, tr("Cannot accept connections: %1").arg(tcpServer->errorString()));
    }
    m_tcpServer = tcpServer.release(); // parented by the transport
    connect(m_tcpServer, &QTcpServer::newConnection, this, &HttpTransport::acceptConnections);
    if (m_config.realtimeHub && !m_realtime) {
        m_realtime = new RealtimeEndpoint(
            m_config,
            [this] {
                if (m_beforeRequest)
                    m_beforeRequest();
            },
            [this] { return m_recordStore; }, this);
    }
    return {};
}

void HttpTransport::acceptConnections()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        auto *connection = new HttpConnection(
            socket, m_config,
            [this](HttpConnection *connection, ReceivedRequest &&received) {
                handleRequest(connection, std::move(received));
            },
            [this](const HttpRequest &head) -> qint64 {
                if (m_beforeRequest)
                    m_beforeRequest(); // a new project first: the limit below is the new project's
                const RoutePolicy *policy = m_config.router->policyFor(head.method, head.path);
                return policy && policy->maxBodyBytes > 0 ? policy->maxBodyBytes
                                                          : m_config.project->settings.maxRequestBodyBytes;
            });
        if (m_realtime) {
            connection->setUpgradeHook([this](HttpConnection *upgrading, const HttpRequest &head) {
                return upgrade(upgrading, head);
            });
        }
    }
}

bool HttpTransport::upgrade(HttpConnection *connection, const HttpRequest &head)
{
    if (m_stopping || !m_realtime)
        return false;
    if (m_beforeRequest)
        m_beforeRequest();
    // A refused key is answered by the route (401 {error}) as HTTP: nothing upgrades.
    if (!RealtimeAuth::identify(RealtimeAuth::requestToken(head), m_config))
        return false;
    m_realtime->adopt(connection->releaseSocket());
    return true;
}

void HttpTransport::stop()
{
    m_stopping = true;
    if (m_tcpServer)
        m_tcpServer->close();
    if (m_realtime)
        m_realtime->stop();
    for (HttpConnection *connection : findChildren<HttpConnection *>())
        connection->closeGracefully();
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

void HttpTransport::handleRequest(HttpConnection *connection, ReceivedRequest &&received)
{
    const HttpRequest &request = received.request;
    const bool withBody = request.method != "HEAD";
    // Only with an observer: without one, logging copies nothing.
    std::shared_ptr<LoggedRequest> logged
        = m_config.requestObserver ? startLog(request, received.clock) : nullptr;
    // A request pipelined behind one still with the writer goes to the writer too: it answers in order
    // (an auth request included).
    // The route says whether its writes go to the writer (RoutePolicy::writesOnWriter; not the auth API).
    const RoutePolicy *policy = m_config.router->policyFor(request.method, request.path);
    const bool toWriter = (isWrite(request.method) && policy && policy->writesOnWriter) || received.behindEarlier;
    if (m_writer && !m_stopping && toWriter) {
        const QPointer<HttpConnection> target(connection);
        // Called on this thread (the transport is the context), so `this` is alive.
        m_writer->submit(request, this, [this, target, withBody, logged](const HttpResponse &response) {
            // Logged here, on the request thread, once the writer's answer is back: the real duration.
            if (logged)
                finishLog(*logged, response, withBody, m_config.requestObserver);
            if (target)
                target->respond(response, withBody);
        });
        return;
    }
    const HttpResponse response = m_config.router->dispatch(request, m_config, m_recordStore, m_functionRunner);
    if (logged)
        finishLog(*logged, response, withBody, m_config.requestObserver);
    connection->respond(response, withBody);
}

} // namespace Runtime
