// SPDX-License-Identifier: GPL-3.0-or-later
// ServerWorker: one request thread: its listening socket, its HTTP transport and its own database connection.
#pragma once

#include "core/result.h"
#include "writeexecutor.h"

#include <QObject>

#include <memory>

namespace Runtime {

class HttpTransport;
class Router;
struct ServerConfig;

/** Everything one request thread owns: a database connection with its RecordStore, and an HttpTransport
    accepting connections on the thread's own listening socket. Created by the Server, moved to its
    thread; start(), stop() and finish() run on that thread (the Server invokes them blocking), so the
    connection and the sockets never leave it. */
class ServerWorker : public QObject
{
    Q_OBJECT

public:
    /** \a writer: the WriteExecutor that runs this thread's writes, or nullptr to write here. */
    ServerWorker(const Router &router, const ServerConfig &config, WriteExecutor *writer);
    ~ServerWorker() override;

    /** Opens the database connection and accepts connections on the listening socket \a descriptor. */
    Result<void> start(qintptr descriptor);
    /** Stops accepting and closes idle connections; requests in progress are still answered. */
    void stop();
    /** Waits for the last responses to be written, then closes every connection and the database. */
    void finish();

private:
    const Router &m_router;
    const ServerConfig &m_config;
    WriteExecutor *m_writer;
    DatabaseSession m_session;
    std::unique_ptr<HttpTransport> m_transport;
};

} // namespace Runtime
