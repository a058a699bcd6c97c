// SPDX-License-Identifier: GPL-3.0-or-later
// HttpTransport: one request thread's HTTP server: accepts connections, answers their requests through the Router.
#pragma once

#include "core/result.h"
#include "router.h"
#include "serverconfig.h"

#include <QObject>

#include <functional>

class QTcpServer;

namespace Runtime {

class FunctionRunner;
class HttpConnection;
class RealtimeEndpoint;
class RecordStore;
class WriteExecutor;
struct ReceivedRequest;

/** One request thread's HTTP server: accepts connections on a listening socket (one of the SO_REUSEPORT
    sockets), gives each an HttpConnection (which parses and protects it) and answers each request with
    the Router and the thread's RecordStore, or hands it to the WriteExecutor when one is given and the
    request writes. Responses are written by the connection, so a response computed on another thread
    refers to nothing that may have gone meanwhile: if the client went away, the connection went with
    its socket and the response is dropped. With a config.requestObserver, every answered request is
    reported to it from here, on this thread, when its response is handed to the connection (writes too,
    once the writer's answer is back); without one, nothing is copied for it. Owned by a ServerWorker,
    on its thread. QHttpServer 6.4 is not used: it reads each request into memory whole inside a socket
    transaction (a chunked body past any limit included) and cannot stop reading a connection whose
    client does not take its responses. */
class HttpTransport : public QObject
{
    Q_OBJECT

public:
    /** Answers with config.router, read at each request (a live update replaces it). \a recordStore,
        \a writer (nullptr: this thread writes itself) and \a functionRunner (this thread's) must outlive
        the transport. */
    HttpTransport(const ServerConfig &config, RecordStore *recordStore, WriteExecutor *writer,
        FunctionRunner *functionRunner);
    ~HttpTransport() override;

    /** Accepts connections on the listening socket \a descriptor (taking it over). */
    Result<void> listen(qintptr descriptor);
    /** Stops accepting connections and closes the open ones: idle ones now, the others after the
        response to their request in progress; realtime sockets at once. */
    void stop();
    /** Waits (at most \a timeoutMs, running this thread's events) until every response is written. */
    void waitForResponsesWritten(int timeoutMs);
    /** Answers later requests with \a recordStore (a live project update; it must outlive the transport). */
    void setRecordStore(RecordStore *recordStore) { m_recordStore = recordStore; }
    /** Calls \a hook on this thread when the head of each request has arrived, before its limits are
        checked and it is answered (the worker picks up a new project there). */
    void setBeforeRequest(std::function<void()> hook) { m_beforeRequest = std::move(hook); }

private:
    void acceptConnections();
    void handleRequest(HttpConnection *connection, ReceivedRequest &&received);
    /** Takes a WebSocket upgrade to /realtime/v1/websocket whose key is valid (see HttpConnection). */
    bool upgrade(HttpConnection *connection, const HttpRequest &head);

    const ServerConfig &m_config;
    RecordStore *m_recordStore;
    WriteExecutor *m_writer;
    FunctionRunner *m_functionRunner;
    QTcpServer *m_tcpServer = nullptr; ///< a child; null until listen()
    RealtimeEndpoint *m_realtime = nullptr; ///< a child when the config has a realtime hub
    bool m_stopping = false;
    std::function<void()> m_beforeRequest;
};

} // namespace Runtime
