// SPDX-License-Identifier: GPL-3.0-or-later
// ConnectionGuard: enforces the request limits and timeouts on one connection, before Qt buffers anything.
#pragma once

#include "httpresponse.h"
#include "serverconfig.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace Runtime {

/** Protects one HTTP connection and writes its responses. QHttpServer 6.4 has no limits of its own: it
    reads a whole request, whatever its size, into memory before any handler sees it, never times out
    and ignores `Connection: close`. So every accepted socket gets a guard, created before the
    QAbstractHttpServer connects to the socket, which makes the guard's readyRead slot run before the
    server's parser on every chunk of bytes. The guard peeks at the new bytes (Qt reads them afterwards
    inside its own socket transaction, so peeking changes nothing for it) and follows the request head
    itself:
    - more than limits.maxHeaderBytes before the blank line ending the headers: 431;
    - a Content-Length above the body limit: 413 at once, without waiting for the body; a chunked body is
      counted as it arrives (framing included) and refused with 413 once the total passes the limit;
    - a request not complete limits.requestTimeoutMs after its first byte: 408;
    - a keep-alive connection idle for limits.idleTimeoutMs: closed;
    - `Connection: close` (or HTTP/1.0 without keep-alive): closed after the response.
    A refused request is answered with the JSON error, then the parser is cut off (its readyRead
    connection is removed), the sending side is shut down and whatever the client still sends is read
    and discarded for a moment (a "lingering close", so the client sees the error instead of a reset)
    before the socket is closed. The guard also writes the connection's responses (respond(), called
    by the transport in request order) and counts those still owed, so timeouts never cut a request being handled.
    Requests it refuses itself (413, 431, 408) are reported to the config's request observer, if any.
    A child of its socket, so it dies with the connection. */
class ConnectionGuard : public QObject
{
    Q_OBJECT

public:
    /** Guards \a socket with \a config's limits (and its project's body limit and CORS origins, so a
        browser can read a refusal); becomes the socket's child. \a config must outlive the guard. */
    ConnectionGuard(QTcpSocket *socket, const ServerConfig &config);

    /** Returns the guard of \a socket, or nullptr. */
    static ConnectionGuard *of(QTcpSocket *socket);

    /** The transport got a complete request and owes it a response: no timeout runs until then.
        Returns a clock started at the request's first byte (or now, for a request that arrived in the
        same read as the one before it), for its duration in the request log. */
    QElapsedTimer requestReceived();
    /** Returns true while a response is owed (see requestReceived()). A client that pipelines its next
        request before that response must get the responses in order: the transport then sends the
        next request the same way as the previous one (see HttpTransport). */
    bool isAwaitingResponse() const { return m_owedResponses > 0; }
    /** Writes \a response (without its body for HEAD: \a withBody false), the next one owed. When no
        more are owed, waits for the next request or closes the connection when the client asked for
        that or the server is stopping. */
    void respond(const HttpResponse &response, bool withBody);
    /** Closes the connection now if it is idle, or after the responses owed; a request still arriving
        is cut off. Used when the server stops. */
    void closeGracefully();
    /** Returns true once the connection is being closed: nothing more is answered on it. */
    bool isClosing() const { return m_state == State::Closing; }

private:
    /** Where the next request's bytes are; independent of the responses owed. */
    enum class State { Idle, Head, Body, Closing };

    void readIncoming();
    void readHead(const QByteArray &bytes, qint64 available);
    void parseHead(const QByteArray &head);
    void readBody(qint64 byteCount);
    void refuse(ErrorCode code, const QString &message);
    void shutdownSending();
    void discardIncoming();
    void closeNow();
    void timedOut();
    void logRefusal(const QByteArray &head, const HttpResponse &response) const;

    QTcpSocket *m_socket;
    const ServerConfig &m_config;
    const ServerLimits &m_limits;
    qint64 m_maxBodyBytes;
    QByteArray m_origin; ///< the request's Origin header, for the CORS headers of a refusal
    State m_state = State::Idle;
    QByteArray m_head;
    QByteArray m_loggedHead; ///< the last complete request head, kept only when there is a request observer
    QElapsedTimer m_requestClock; ///< started at the first byte of the request arriving
    qint64 m_bodyBytes = 0;
    bool m_chunked = false;
    bool m_closeAfterResponse = false;
    bool m_stopping = false;
    int m_owedResponses = 0;
    QTimer m_timer; ///< idle timeout (Idle, nothing owed), request timeout (Head, Body), linger (Closing)
};

} // namespace Runtime
