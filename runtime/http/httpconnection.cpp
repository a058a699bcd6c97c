// SPDX-License-Identifier: GPL-3.0-or-later
// HttpConnection: one HTTP/1.1 connection: parses its requests, enforces the limits, writes the responses.
#include "httpconnection.h"

#include "apierror.h"
#include "middleware/cors.h"
#include "requesthead.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QUrl>

#include <http_parser.h>
#include <sys/socket.h>

namespace Runtime {

namespace {
constexpr int s_lingerMs = 2000;
/** What a refused connection may still send before it is cut off: enough for the rest of a body
    already on its way, so the client reads the error rather than a reset. */
constexpr qint64 s_maxDiscardedBytes = 4 * 1024 * 1024;
/** How much is read from the socket at a time, and how much Qt may buffer unread: when parsing waits
    (back-pressure), the kernel's buffers fill and the client's sending stops. */
constexpr qint64 s_readChunkBytes = 64 * 1024;
constexpr qint64 s_socketReadBufferBytes = 256 * 1024;
/** Bytes a header line adds to its name and value (": " and CRLF), counted against maxHeaderBytes. */
constexpr qint64 s_headerLineOverhead = 4;

/** The start of the one request line that may upgrade a connection. */
const QByteArray &upgradePrefix()
{
    static const QByteArray prefix = QByteArrayLiteral("GET /realtime/v1/websocket");
    return prefix;
}

} // namespace

struct HttpConnection::Callbacks
{
    static HttpConnection &of(http_parser *parser) { return *static_cast<HttpConnection *>(parser->data); }

    static int countHead(HttpConnection &connection, qint64 bytes)
    {
        connection.m_headBytes += bytes;
        const qint64 limit = connection.m_config.limits.maxHeaderBytes;
        if (connection.m_headBytes <= limit)
            return 0;
        return connection.stopParsing(ErrorCode::HeadersTooLarge,
            QStringLiteral("The request line and headers exceed %1 bytes.").arg(limit));
    }

    static void commitHeader(HttpConnection &connection)
    {
        if (connection.m_headerName.isEmpty())
            return;
        connection.m_request.headers.append({connection.m_headerName, connection.m_headerValue.trimmed()});
        connection.m_headerName.clear();
        connection.m_headerValue.clear();
    }

    static int messageBegin(http_parser *parser)
    {
        HttpConnection &connection = of(parser);
        connection.m_request = HttpRequest();
        connection.m_request.remoteAddress = connection.m_remoteAddress;
        connection.m_target.clear();
        connection.m_headerName.clear();
        connection.m_headerValue.clear();
        connection.m_headBytes = 0;
        connection.m_headComplete = false;
        connection.m_state = State::Head;
        connection.m_requestClock.start();
        connection.m_timer.start(connection.m_config.limits.requestTimeoutMs);
        return 0;
    }

    static int url(http_parser *parser, const char *at, size_t length)
    {
        HttpConnection &connection = of(parser);
        connection.m_target.append(at, qsizetype(length));
        return countHead(connection, qint64(length));
    }

    static int headerField(http_parser *parser, const char *at, size_t length)
    {
        HttpConnection &connection = of(parser);
        if (connection.m_headComplete)
            return 0; // a chunked body's trailer: not a header of the request
        if (!connection.m_headerValue.isNull())
            commitHeader(connection); // a new field begins after the previous one's value
        const qint64 overhead = connection.m_headerName.isEmpty() ? s_headerLineOverhead : 0;
        connection.m_headerName.append(at, qsizetype(length));
        return countHead(connection, qint64(length) + overhead);
    }

    static int headerValue(http_parser *parser, const char *at, size_t length)
    {
        HttpConnection &connection = of(parser);
        if (connection.m_headComplete)
            return 0;
        connection.m_headerValue.append(at, qsizetype(length));
        if (connection.m_headerValue.isNull())
            connection.m_headerValue = QByteArray(""); // an empty value still ends its field
        return countHead(connection, qint64(length));
    }

    static int headersComplete(http_parser *parser)
    {
        HttpConnection &connection = of(parser);
        commitHeader(connection);
        connection.finishHead();
        connection.m_headComplete = true;
        const bool hasLength = parser->flags & F_CONTENTLENGTH;
        if (hasLength && parser->content_length > quint64(connection.m_maxBodyBytes)) {
            return connection.stopParsing(ErrorCode::PayloadTooLarge,
                QStringLiteral("The request body has %1 bytes; at most %2 are accepted.")
                    .arg(parser->content_length)
                    .arg(connection.m_maxBodyBytes));
        }
        if (hasLength)
            connection.m_request.body.reserve(qsizetype(parser->content_length));
        // Without this, curl waits a second before sending a body.
        const bool expectsBody = (hasLength && parser->content_length > 0) || (parser->flags & F_CHUNKED);
        // Not while earlier responses are owed: it would come before them.
        if (expectsBody && connection.m_owedResponses == 0
            && connection.m_request.header("Expect").toLower() == "100-continue")
            connection.m_socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
        return 0;
    }

    static int body(http_parser *parser, const char *at, size_t length)
    {
        HttpConnection &connection = of(parser);
        QByteArray &body = connection.m_request.body;
        // Counted before it is kept: a chunked body never grows past the limit.
        if (body.size() + qint64(length) > connection.m_maxBodyBytes) {
            return connection.stopParsing(ErrorCode::PayloadTooLarge,
                QStringLiteral("The request body passed %1 bytes, the most that is accepted.")
                    .arg(connection.m_maxBodyBytes));
        }
        body.append(at, qsizetype(length));
        return 0;
    }

    static int messageComplete(http_parser *parser)
    {
        of(parser).m_messageComplete = true;
        http_parser_pause(parser, 1); // one request at a time: the rest waits in m_pending
        return 0;
    }

    static const http_parser_settings &settings()
    {
        static const http_parser_settings s = [] {
            http_parser_settings settings;
            http_parser_settings_init(&settings);
            settings.on_message_begin = &messageBegin;
            settings.on_url = &url;
            settings.on_header_field = &headerField;
            settings.on_header_value = &headerValue;
            settings.on_headers_complete = &headersComplete;
            settings.on_body = &body;
            settings.on_message_complete = &messageComplete;
            return settings;
        }();
        return s;
    }
};

HttpConnection::HttpConnection(
    QTcpSocket *socket, const ServerConfig &config, Handler handler, HeadHook onHead)
    : QObject(socket)
    , m_socket(socket)
    , m_config(config)
    , m_handler(std::move(handler))
    , m_onHead(std::move(onHead))
    , m_parser(std::make_unique<http_parser>())
{
    http_parser_init(m_parser.get(), HTTP_REQUEST);
    m_parser->data = this;
    // An IPv4 client on a dual-stack socket appears as ::ffff:a.b.c.d; count it as a.b.c.d.
    const QHostAddress peer = socket->peerAddress();
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    m_remoteAddress = isV4 ? QHostAddress(v4).toString() : peer.toString();

    m_socket->setReadBufferSize(s_socketReadBufferBytes);
    m_timer.setSingleShot(true);
    m_sendTimer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::timedOut);
    connect(&m_sendTimer, &QTimer::timeout, m_socket, &QAbstractSocket::abort);
    connect(m_socket, &QIODevice::readyRead, this, &HttpConnection::readIncoming);
    connect(m_socket, &QIODevice::bytesWritten, this, [this] {
        if (m_socket->bytesToWrite() > 0)
            m_sendTimer.start(m_config.limits.idleTimeoutMs); // the client reads: wait again
        else
            m_sendTimer.stop();
        armIdleTimer();
        resumeReading();
    });
    m_timer.start(m_config.limits.idleTimeoutMs);
}

HttpConnection::~HttpConnection() = default;

HttpConnection *HttpConnection::of(QTcpSocket *socket)
{
    return socket->findChild<HttpConnection *>(QString(), Qt::FindDirectChildrenOnly);
}

void HttpConnection::readIncoming()
{
    if (m_state == State::Closing) {
        discardIncoming();
        return;
    }
    if (m_reading || m_released)
        return;
    m_reading = true;
    // After `Connection: close` nothing more is read: the socket's bounded buffer fills, then the kernel's.
    while (!m_paused && !m_noMoreRequests && m_state != State::Closing) {
        if (m_pendingOffset >= m_pending.size() && m_upgradeHook && m_state == State::Idle
            && m_owedResponses == 0) {
            const UpgradePeek peek = peekUpgrade();
            if (peek == UpgradePeek::Taken)
                return; // deleted later: touch nothing
            if (peek == UpgradePeek::Wait)
                break; // the rest of the head arrives with the next readyRead
        }
        if (m_pendingOffset >= m_pending.size()) {
            m_pending = m_socket->read(s_readChunkBytes);
            m_pendingOffset = 0;
            if (m_pending.isEmpty())
                break;
        }
        parsePending();
    }
    m_reading = false;
    if (m_state == State::Closing)
        discardIncoming();
}

HttpConnection::UpgradePeek HttpConnection::peekUpgrade()
{
    const QByteArray &prefix = upgradePrefix();
    // The first bytes first: every request pays for this peek, only an upgrade for the whole head.
    const QByteArray start = m_socket->peek(prefix.size() + 1);
    if (start.size() <= prefix.size())
        return prefix.startsWith(start) ? UpgradePeek::Wait : UpgradePeek::NotUpgrade;
    const char next = start.at(prefix.size());
    if (!start.startsWith(prefix) || (next != '?' && next != ' '))
        return UpgradePeek::NotUpgrade;
    const QByteArray head = m_socket->peek(qMin(m_socket->bytesAvailable(), m_config.limits.maxHeaderBytes + 4));
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0) // past the limit: parsed as any request, which answers 431
        return head.size() >= m_config.limits.maxHeaderBytes ? UpgradePeek::NotUpgrade : UpgradePeek::Wait;
    const std::optional<HttpRequest> request = parseRequestHead(head.left(end + 4));
    if (!request || request->header("Upgrade").toLower() != "websocket")
        return UpgradePeek::NotUpgrade; // answered as HTTP: the route explains what to send
    HttpRequest offered = *request;
    offered.remoteAddress = m_remoteAddress;
    return m_upgradeHook(this, offered) ? UpgradePeek::Taken : UpgradePeek::NotUpgrade;
}

QTcpSocket *HttpConnection::releaseSocket()
{
    m_released = true;
    m_timer.stop();
    m_sendTimer.stop();
    disconnect(m_socket, nullptr, this, nullptr);
    disconnect(&m_sendTimer, nullptr, m_socket, nullptr);
    deleteLater();
    return m_socket;
}

void HttpConnection::parsePending()
{
    const size_t length = size_t(m_pending.size() - m_pendingOffset);
    const size_t parsed = http_parser_execute(
        m_parser.get(), &Callbacks::settings(), m_pending.constData() + m_pendingOffset, length);
    m_pendingOffset += qsizetype(parsed);
    if (m_refusal) {
        const Error refusal = *std::exchange(m_refusal, std::nullopt);
        refuse(refusal.code, refusal.message);
        return;
    }
    if (m_messageComplete) {
        m_messageComplete = false;
        // The rest of an upgraded connection is another protocol, which nothing speaks yet.
        if (m_parser->upgrade || !http_should_keep_alive(m_parser.get()))
            m_noMoreRequests = true;
        http_parser_pause(m_parser.get(), 0);
        deliverRequest();
        return;
    }
    const auto error = http_errno(m_parser->http_errno);
    if (error == HPE_OK)
        return;
    if (error == HPE_HEADER_OVERFLOW) {
        refuse(ErrorCode::HeadersTooLarge,
            QStringLiteral("The request line and headers exceed %1 bytes.").arg(m_config.limits.maxHeaderBytes));
    } else {
        refuse(ErrorCode::MalformedRequest,
            QStringLiteral("The request is not valid HTTP/1.1: %1.")
                .arg(QString::fromLatin1(http_errno_description(error))));
    }
}

void HttpConnection::finishHead()
{
    m_request.method = QByteArray(http_method_str(http_method(m_parser->method)));
    const QUrl url = QUrl::fromEncoded(m_target);
    m_request.path = url.path(QUrl::FullyEncoded);
    m_request.query = QUrlQuery(url);
    m_request.rawQuery = url.query(QUrl::FullyEncoded).toUtf8();
    m_state = State::Body;
    // Per request, not per connection: the project (and its limit) may change while a connection is open,
    // and a route may declare its own limit (RoutePolicy::maxBodyBytes).
    m_maxBodyBytes = m_onHead ? m_onHead(m_request) : m_config.project->settings.maxRequestBodyBytes;
}

void HttpConnection::deliverRequest()
{
    ReceivedRequest received {std::exchange(m_request, HttpRequest()), m_requestClock, m_owedResponses > 0};
    m_requestClock.invalidate();
    ++m_owedResponses;
    m_owedBodies.push_back(received.request.body.size());
    m_owedBodyBytes += received.request.body.size();
    m_state = State::Idle;
    m_timer.stop();
    m_handler(this, std::move(received));
    if (m_state != State::Closing && isCongested())
        m_paused = true;
}

bool HttpConnection::isCongested() const
{
    return m_owedResponses >= s_maxOwedResponses || m_owedBodyBytes > s_maxOwedBodyBytes
        || m_socket->bytesToWrite() > s_maxUnsentBytes;
}

void HttpConnection::resumeReading()
{
    if (!m_paused || isCongested())
        return;
    m_paused = false;
    if (!m_reading)
        readIncoming(); // inside readIncoming(), its loop goes on by itself
}

void HttpConnection::armIdleTimer()
{
    if (m_state == State::Idle && m_owedResponses == 0 && m_socket->bytesToWrite() == 0
        && !m_timer.isActive())
        m_timer.start(m_config.limits.idleTimeoutMs);
}

int HttpConnection::stopParsing(ErrorCode code, const QString &message)
{
    m_refusal = Error(code, message);
    http_parser_pause(m_parser.get(), 1);
    return 0;
}

void HttpConnection::respond(const HttpResponse &response, bool withBody)
{
    if (m_state == State::Closing || m_owedResponses == 0)
        return;
    --m_owedResponses;
    m_owedBodyBytes -= m_owedBodies.front();
    m_owedBodies.pop_front();
    const bool refusalNext = m_owedResponses == 0 && m_deferredRefusal;
    const bool close = m_owedResponses == 0 && !refusalNext && (m_noMoreRequests || m_stopping);
    m_socket->write(response.toHttp1(withBody, close));
    if (m_socket->bytesToWrite() > 0 && !m_sendTimer.isActive())
        m_sendTimer.start(m_config.limits.idleTimeoutMs);
    if (refusalNext) {
        const Error refusal = *std::exchange(m_deferredRefusal, std::nullopt);
        refuse(refusal.code, refusal.message);
        return;
    }
    if (close) {
        closeNow();
        return;
    }
    armIdleTimer();
    resumeReading();
}

void HttpConnection::closeGracefully()
{
    m_stopping = true;
    m_noMoreRequests = true; // one behind a write would be answered here, before the write
    if (m_owedResponses == 0 && m_state != State::Closing)
        closeNow();
}

void HttpConnection::closeNow()
{
    m_state = State::Closing;
    m_timer.stop();
    m_pending.clear();
    finishSending();
}

void HttpConnection::finishSending()
{
    // A lingering close: closing a socket that still holds unread bytes (a request the client sent
    // after Connection: close) would reset the connection and could cut the response off. Send the
    // rest, then end the sending side, drop what the client still sends, and close when it does (or
    // after the linger). The send timer aborts a client that never reads.
    if (m_socket->bytesToWrite() == 0)
        shutdownSending();
    else
        connect(m_socket, &QIODevice::bytesWritten, this, &HttpConnection::shutdownSending, Qt::UniqueConnection);
}

void HttpConnection::refuse(ErrorCode code, const QString &message)
{
    if (m_owedResponses > 0 && m_state != State::Closing) {
        // Earlier requests are still being answered: the refusal follows their responses.
        m_deferredRefusal = Error(code, message);
        m_noMoreRequests = true;
        m_pending.clear();
        m_timer.stop();
        return;
    }
    m_state = State::Closing;
    m_pending.clear();
    HttpResponse response = errorResponse(Error(code, message));
    Cors::addHeaders(response, m_request, m_config.project->settings); // a browser can read the refusal
    m_socket->write(response.toHttp1(true, true));
    if (m_config.requestObserver)
        logRefusal(response);
    m_socket->flush();
    finishSending();
    m_timer.start(s_lingerMs); // the error is small: the linger starts now
}

void HttpConnection::shutdownSending()
{
    if (m_socket->bytesToWrite() > 0)
        return;
    disconnect(m_socket, &QIODevice::bytesWritten, this, &HttpConnection::shutdownSending);
    // The client reads the response, then end of stream; it may still be sending, which is discarded.
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    if (!m_timer.isActive())
        m_timer.start(s_lingerMs);
    discardIncoming();
}

void HttpConnection::discardIncoming()
{
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0)
        return;
    m_discardedBytes += m_socket->skip(available);
    if (m_discardedBytes > s_maxDiscardedBytes)
        m_socket->abort();
}

void HttpConnection::timedOut()
{
    switch (m_state) {
    case State::Idle:
        if (m_owedResponses == 0)
            closeNow();
        break;
    case State::Head:
    case State::Body:
        refuse(ErrorCode::RequestTimeout,
            QStringLiteral("The request was not complete after %1 ms.").arg(m_config.limits.requestTimeoutMs));
        break;
    case State::Closing:
        m_socket->abort();
        break;
    }
}

void HttpConnection::logRefusal(const HttpResponse &response) const
{
    RequestLogEntry entry;
    const qint64 elapsedMs = m_requestClock.isValid() ? m_requestClock.elapsed() : 0;
    entry.time = QDateTime::currentDateTimeUtc().addMSecs(-elapsedMs);
    // The head may be cut anywhere (431, 408): what was read of it names the request.
    if (!m_target.isEmpty()) {
        entry.method = QByteArray(http_method_str(http_method(m_parser->method)));
        entry.target = QString::fromLatin1(m_target);
    }
    entry.requestHeaders = m_request.headers;
    entry.status = response.status;
    entry.responseBytes = response.body.size();
    entry.durationMs = m_requestClock.isValid() ? m_requestClock.nsecsElapsed() / 1e6 : 0;
    m_config.requestObserver(entry);
}

} // namespace Runtime
