// SPDX-License-Identifier: GPL-3.0-or-later
// ConnectionGuard: enforces the request limits and timeouts on one connection, before Qt buffers anything.
#include "connectionguard.h"

#include "apierror.h"
#include "middleware/cors.h"

#include <QTcpSocket>

#include <sys/socket.h>

namespace Runtime {

namespace {
constexpr int s_lingerMs = 2000;
const QByteArray s_headEnd = QByteArrayLiteral("\r\n\r\n");

// Returns the value of the header \a name (lower case, with the colon) in \a lines, or an empty array.
QByteArray headerValue(const QList<QByteArray> &lines, const QByteArray &name)
{
    for (const QByteArray &line : lines) {
        if (line.size() > name.size() && line.left(name.size()).toLower() == name)
            return line.mid(name.size()).trimmed();
    }
    return {};
}
} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const ServerConfig &config)
    : QObject(socket)
    , m_socket(socket)
    , m_config(config)
    , m_limits(config.limits)
    , m_maxBodyBytes(config.project->settings.maxRequestBodyBytes)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::timedOut);
    connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::readIncoming);
    m_timer.start(m_limits.idleTimeoutMs);
}

ConnectionGuard *ConnectionGuard::of(QTcpSocket *socket)
{
    return socket->findChild<ConnectionGuard *>(QString(), Qt::FindDirectChildrenOnly);
}

void ConnectionGuard::readIncoming()
{
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0 || m_state == State::Closing)
        return;
    if (m_state == State::Idle) {
        m_state = State::Head;
        m_timer.start(m_limits.requestTimeoutMs);
        m_requestClock.start();
    }
    // Only the bytes Qt's parser has not read yet are available: it reads everything it is given.
    if (m_state == State::Head)
        readHead(m_socket->peek(qMin(available, m_limits.maxHeaderBytes + 1)), available);
    else
        readBody(available);
}

void ConnectionGuard::readHead(const QByteArray &bytes, qint64 available)
{
    const qsizetype previousSize = m_head.size();
    m_head += bytes;
    const qsizetype end
        = m_head.indexOf(s_headEnd, qMax<qsizetype>(0, previousSize - (s_headEnd.size() - 1)));
    if (end < 0 || end > m_limits.maxHeaderBytes) {
        if (m_head.size() > m_limits.maxHeaderBytes) {
            refuse(ErrorCode::HeadersTooLarge,
                QStringLiteral("The request line and headers exceed %1 bytes.").arg(m_limits.maxHeaderBytes));
        }
        return;
    }
    // What follows the head in this chunk (peeked or not) is body.
    const qint64 bodyBytesSoFar = available - (end + s_headEnd.size() - previousSize);
    parseHead(m_head.left(end));
    m_head.clear();
    if (m_state == State::Body && bodyBytesSoFar > 0)
        readBody(bodyBytesSoFar);
}

void ConnectionGuard::parseHead(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.constFirst().trimmed().split(' ');
    const QByteArray connection = headerValue(lines, "connection:").toLower();
    const bool http10 = requestLine.size() == 3 && requestLine.at(2) == "HTTP/1.0";
    m_closeAfterResponse = connection.contains("close") || (http10 && !connection.contains("keep-alive"));
    m_chunked = headerValue(lines, "transfer-encoding:").toLower().contains("chunked");
    m_origin = headerValue(lines, "origin:");
    m_state = State::Body;
    if (m_config.requestObserver)
        m_loggedHead = head; // a refusal after the head still names the request (see logRefusal())
    // Per request, not per connection: the project (and its limit) may change while a connection is open.
    m_maxBodyBytes = m_config.project->settings.maxRequestBodyBytes;

    bool ok = false;
    const qint64 length = headerValue(lines, "content-length:").toLongLong(&ok);
    if (ok && length > m_maxBodyBytes) {
        refuse(ErrorCode::PayloadTooLarge,
            QStringLiteral("The request body has %1 bytes; at most %2 are accepted.")
                .arg(length)
                .arg(m_maxBodyBytes));
        return;
    }
    // Qt 6.4 does not answer `Expect: 100-continue`; without this, curl waits a second before sending.
    if (((ok && length > 0) || m_chunked) && headerValue(lines, "expect:").toLower() == "100-continue")
        m_socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
}

void ConnectionGuard::readBody(qint64 byteCount)
{
    m_bodyBytes += byteCount;
    if (m_chunked && m_bodyBytes > m_maxBodyBytes) {
        refuse(ErrorCode::PayloadTooLarge,
            QStringLiteral("The request body passed %1 bytes, the most that is accepted.")
                .arg(m_maxBodyBytes));
    }
}

QElapsedTimer ConnectionGuard::requestReceived()
{
    QElapsedTimer clock = m_requestClock;
    m_requestClock.invalidate();
    if (!clock.isValid())
        clock.start();
    ++m_owedResponses;
    m_state = State::Idle;
    m_head.clear();
    m_bodyBytes = 0;
    m_chunked = false;
    m_loggedHead.clear();
    m_timer.stop();
    return clock;
}

void ConnectionGuard::respond(const HttpResponse &response, bool withBody)
{
    if (m_state == State::Closing || m_owedResponses == 0)
        return;
    --m_owedResponses;
    const bool close = m_owedResponses == 0 && (m_closeAfterResponse || m_stopping);
    m_socket->write(response.toHttp1(withBody, close));
    if (close)
        closeNow(); // disconnectFromHost() writes the response first
    else if (m_owedResponses == 0 && m_state == State::Idle)
        m_timer.start(m_limits.idleTimeoutMs);
}

void ConnectionGuard::closeGracefully()
{
    m_stopping = true;
    if (m_owedResponses == 0 && m_state != State::Closing)
        closeNow();
}

void ConnectionGuard::closeNow()
{
    m_state = State::Closing;
    m_timer.stop();
    m_socket->disconnectFromHost();
}

void ConnectionGuard::refuse(ErrorCode code, const QString &message)
{
    const QByteArray head = m_state == State::Head ? m_head : m_loggedHead;
    m_state = State::Closing;
    // Cut the HTTP server's parser off this connection: it must not buffer the rest of the request.
    disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
    connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::discardIncoming);
    HttpResponse response = errorResponse(Error(code, message));
    HttpRequest request;
    if (!m_origin.isEmpty())
        request.headers.append({QByteArrayLiteral("Origin"), m_origin});
    Cors::addHeaders(response, request, m_config.project->settings);
    m_socket->write(response.toHttp1(true, true));
    if (m_config.requestObserver)
        logRefusal(head, response);
    if (m_socket->flush() && m_socket->bytesToWrite() == 0)
        shutdownSending();
    else
        connect(m_socket, &QIODevice::bytesWritten, this, &ConnectionGuard::shutdownSending);
    m_timer.start(s_lingerMs);
}

void ConnectionGuard::shutdownSending()
{
    if (m_socket->bytesToWrite() > 0)
        return;
    disconnect(m_socket, &QIODevice::bytesWritten, this, &ConnectionGuard::shutdownSending);
    // The client reads the error, then end of stream; it may still be sending, which is discarded.
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
}

void ConnectionGuard::discardIncoming()
{
    m_socket->skip(m_socket->bytesAvailable());
}

void ConnectionGuard::timedOut()
{
    switch (m_state) {
    case State::Idle:
        if (m_owedResponses == 0)
            closeNow();
        break;
    case State::Head:
    case State::Body:
        refuse(ErrorCode::RequestTimeout,
            QStringLiteral("The request was not complete after %1 ms.").arg(m_limits.requestTimeoutMs));
        break;
    case State::Closing:
        m_socket->abort();
        break;
    }
}

void ConnectionGuard::logRefusal(const QByteArray &head, const HttpResponse &response) const
{
    RequestLogEntry entry;
    const qint64 elapsedMs = m_requestClock.isValid() ? m_requestClock.elapsed() : 0;
    entry.time = QDateTime::currentDateTimeUtc().addMSecs(-elapsedMs);
    // The head may be cut anywhere (431, 408): only complete lines are read.
    const qsizetype headEnd = head.indexOf(s_headEnd);
    const QList<QByteArray> lines = head.left(headEnd < 0 ? head.size() : headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.constFirst().trimmed().split(' ');
    if (requestLine.size() >= 2 && (headEnd >= 0 || lines.size() > 1)) {
        entry.method = requestLine.at(0);
        entry.target = QString::fromLatin1(requestLine.at(1));
    }
    for (qsizetype i = 1; i < lines.size() - (headEnd < 0 ? 1 : 0); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            entry.requestHeaders.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    entry.status = response.status;
    entry.responseBytes = response.body.size();
    entry.durationMs = m_requestClock.isValid() ? m_requestClock.nsecsElapsed() / 1e6 : 0;
    m_config.requestObserver(entry);
}

} // namespace Runtime
