// SPDX-License-Identifier: GPL-3.0-or-later
// HttpTransport: one request thread's HTTP server: parses requests with Qt, answers them through the Router.
#pragma once

#include "core/result.h"
#include "router.h"
#include "serverconfig.h"

#include <QAbstractHttpServer>

namespace Runtime {

class RecordStore;
class WriteExecutor;

/** Adapts QAbstractHttpServer to the Router on one request thread: accepts connections on a listening
    socket (one of the SO_REUSEPORT sockets), puts a ConnectionGuard on each before Qt reads from it,
    converts each parsed request to an HttpRequest and answers it with the thread's RecordStore, or
    hands it to the WriteExecutor when one is given and the request writes. Responses are written by
    the connection's guard, never with QHttpServerResponder, so a response computed on another thread
    refers to nothing Qt may have deleted meanwhile: if the client went away, the guard went with the
    socket and the response is dropped. Owning the dispatch (rather than QHttpServer's router) is what
    lets Basalt answer 405 with an Allow header. With a config.requestObserver, every answered request is
    reported to it from here, on this thread, when its response is handed to the guard (writes too, once
    the writer's answer is back); without one, nothing is copied for it. Owned by a ServerWorker, on its thread. */
class HttpTransport : public QAbstractHttpServer
{
    Q_OBJECT

public:
    /** \a recordStore and \a writer (nullptr: this thread writes itself) must outlive the transport. */
    HttpTransport(
        const Router &router, const ServerConfig &config, RecordStore *recordStore, WriteExecutor *writer);
    ~HttpTransport() override;

    /** Accepts connections on the listening socket \a descriptor (taking it over). */
    Result<void> listen(qintptr descriptor);
    /** Stops accepting connections and closes the open ones: idle ones now, the others after the
        response to their request in progress. */
    void stop();
    /** Waits (at most \a timeoutMs, running this thread's events) until every response is written. */
    void waitForResponsesWritten(int timeoutMs);
    /** Answers later requests with \a recordStore (a live project update; it must outlive the transport). */
    void setRecordStore(RecordStore *recordStore) { m_recordStore = recordStore; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    const Router &m_router;
    const ServerConfig &m_config;
    RecordStore *m_recordStore;
    WriteExecutor *m_writer;
    bool m_stopping = false;
};

} // namespace Runtime
