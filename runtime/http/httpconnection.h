// SPDX-License-Identifier: GPL-3.0-or-later
// HttpConnection: one HTTP/1.1 connection: parses its requests, enforces the limits, writes the responses.
#pragma once

#include "core/error.h"
#include "httpresponse.h"
#include "requestcontext.h"
#include "serverconfig.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QTcpSocket;
struct http_parser;

namespace Runtime {

/** A complete request as the connection hands it on. */
struct ReceivedRequest
{
    HttpRequest request;
    QElapsedTimer clock; ///< started at the request's first byte, for its duration in the request log
    /** True when the response to an earlier request on this connection was still owed as this one
        arrived (pipelining): it must then be answered the same way as that one, to keep the order. */
    bool behindEarlier = false;
};

/** One HTTP/1.1 connection: reads the socket's bytes only as fast as its responses are taken, parses
    them with http-parser (Debian's libhttp-parser) and hands each complete request to the transport's
    handler; writes the responses in request order. It protects the server's memory and threads:
    - request line and headers over limits.maxHeaderBytes: 431; a body over the project's
      maxRequestBodyBytes: 413, from its Content-Length before the body arrives, or from the running
      total of a chunked body as it arrives. Nothing past the limit is ever buffered: a refused
      connection's further bytes are discarded as they come (a bounded "lingering close", so the client
      sees the error rather than a reset), then it is closed;
    - a request not complete limits.requestTimeoutMs after its first byte: 408; a keep-alive connection
      idle for limits.idleTimeoutMs: closed;
    - back-pressure: while more than s_maxUnsentBytes of responses wait for the client to read them, or
      s_maxOwedResponses requests are still being answered, no further request is parsed, and the
      socket's read buffer is bounded, so the kernel stops the client's sending;
    - a client that reads nothing of a waiting response for limits.idleTimeoutMs is disconnected;
    - `Connection: close` (or HTTP/1.0 without keep-alive): closed after that response; an Upgrade
      request is answered as plain HTTP, then the connection closed, unless the upgrade hook takes it.
    A WebSocket upgrade (`GET /realtime/v1/websocket` with `Upgrade: websocket`, as the first request or
    after the responses owed) is offered to the upgrade hook before any of its bytes are read: QtWebSockets
    reads the handshake from the socket itself. If the hook takes it, it calls releaseSocket() and the
    connection stops touching the socket.
    Requests it refuses itself (400, 408, 413, 431) are reported to the config's request observer, if
    any. A child of its socket, so it dies with the connection; the config must outlive it. */
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    /** Called for every complete request, on the connection's thread. It must lead to exactly one
        respond() (now or later, if the connection still exists). */
    using Handler = std::function<void(HttpConnection *connection, ReceivedRequest &&received)>;

    /** Unsent response bytes above which no further request is parsed. */
    static constexpr qint64 s_maxUnsentBytes = 512 * 1024;
    /** Requests answered concurrently on one connection (pipelined writes) before parsing pauses. */
    static constexpr int s_maxOwedResponses = 16;
    /** Bytes of request bodies still being answered on one connection before parsing pauses. */
    static constexpr qint64 s_maxOwedBodyBytes = 1024 * 1024;

    /** Takes over reading \a socket (which becomes the parent) with \a config's limits. */
    /** Called when a request's head has arrived, before \a config is read for it (the owner may update
        \a config there: a live project update); returns the most body bytes the request may carry. */
    using HeadHook = std::function<qint64(const HttpRequest &head)>;

    /** Called with the head of a WebSocket upgrade request still unread in the socket (see above). Returns
        true when it took the socket (after releaseSocket()), false to answer the request as HTTP. */
    using UpgradeHook = std::function<bool(HttpConnection *connection, const HttpRequest &head)>;

    /** Without \a onHead, every request may carry the project's settings.maxRequestBodyBytes. */
    HttpConnection(QTcpSocket *socket, const ServerConfig &config, Handler handler, HeadHook onHead = {});
    ~HttpConnection() override;

    /** Returns the connection reading \a socket, or nullptr. */
    static HttpConnection *of(QTcpSocket *socket);

    /** Writes \a response (without its body for HEAD: \a withBody false), the next one owed. When no
        more are owed, waits for the next request, or closes the connection when the client asked for
        that or the server is stopping. Ignored once the connection is closing. */
    void respond(const HttpResponse &response, bool withBody);
    /** Closes the connection now if it is idle, or after the responses owed; a request still arriving
        is cut off. Used when the server stops. */
    void closeGracefully();
    /** Offers WebSocket upgrade requests to \a hook (see UpgradeHook). */
    void setUpgradeHook(UpgradeHook hook) { m_upgradeHook = std::move(hook); }
    /** Stops reading and writing the socket, forgets it and deletes this connection later; returns the
        socket, with the upgrade request still unread in it. Only from an upgrade hook. */
    QTcpSocket *releaseSocket();

    /** Returns true once the connection is being closed: nothing more is answered on it. */
    bool isClosing() const { return m_state == State::Closing; }

private:
    /** Where the next request's bytes are; independent of the responses owed. */
    enum class State { Idle, Head, Body, Closing };
    struct Callbacks; ///< http-parser's callbacks, in the .cpp

    void readIncoming();
    /** Whether the socket's unread bytes begin with a WebSocket upgrade (and the hook took it). */
    enum class UpgradePeek { NotUpgrade, Wait, Taken };
    UpgradePeek peekUpgrade();
    void parsePending();
    void deliverRequest();
    void finishHead();
    bool isCongested() const;
    void resumeReading();
    /** Refuses the request being received with \a code and \a message (from a parser callback: pauses
        the parser; the refusal is sent once it returns). */
    int stopParsing(ErrorCode code, const QString &message);
    void refuse(ErrorCode code, const QString &message);
    /** Starts the idle timeout when nothing is received, owed or unsent. */
    void armIdleTimer();
    /** Ends the connection once its output is written: see the lingering close in the .cpp. */
    void finishSending();
    void shutdownSending();
    void discardIncoming();
    void closeNow();
    void timedOut();
    void logRefusal(const HttpResponse &response) const;

    QTcpSocket *m_socket;
    const ServerConfig &m_config;
    Handler m_handler;
    HeadHook m_onHead;
    UpgradeHook m_upgradeHook;
    bool m_released = false; ///< the socket was handed to the upgrade hook
    std::unique_ptr<http_parser> m_parser;
    QString m_remoteAddress;
    State m_state = State::Idle;

    // The request being received.
    HttpRequest m_request;
    QByteArray m_target; ///< the request target as sent
    QByteArray m_headerName;
    QByteArray m_headerValue;
    qint64 m_headBytes = 0;
    qint64 m_maxBodyBytes = 0;
    QElapsedTimer m_requestClock; ///< started at the first byte of the request
    bool m_messageComplete = false; ///< set by the parser's callback: deliver the request
    std::optional<Error> m_refusal; ///< set by a parser callback: refuse the request
    /** A refusal waiting for the responses to the requests before it, so the client reads them in order. */
    std::optional<Error> m_deferredRefusal;
    bool m_headComplete = false; ///< header callbacks after the head are a chunked body's trailers

    // Bytes read from the socket and not yet parsed (parsing pauses after each request).
    QByteArray m_pending;
    qsizetype m_pendingOffset = 0;
    bool m_reading = false; ///< inside readIncoming(): a response written meanwhile must not re-enter it
    bool m_paused = false; ///< back-pressure: wait until responses are taken
    bool m_noMoreRequests = false; ///< after `Connection: close` or an upgrade: read nothing more
    qint64 m_discardedBytes = 0;

    bool m_stopping = false;
    int m_owedResponses = 0;
    std::deque<qint64> m_owedBodies; ///< body sizes of the requests still owed a response, in order
    qint64 m_owedBodyBytes = 0;
    QTimer m_timer; ///< idle timeout (Idle, nothing owed), request timeout (Head, Body), linger (Closing)
    QTimer m_sendTimer; ///< runs while responses wait unsent: the client read nothing for too long
};

} // namespace Runtime
