// SPDX-License-Identifier: GPL-3.0-or-later
// ServerWorker: one request thread: its listening socket, its HTTP transport and its own database connection.
#pragma once

#include "core/result.h"
#include "scripting/functionrunner.h"
#include "serverconfig.h"
#include "writeexecutor.h"

#include <QObject>

#include <memory>

namespace Runtime {

class HttpTransport;
class Router;

/** Everything one request thread owns: a database connection with its RecordStore, and an HttpTransport
    accepting connections on the thread's own listening socket. Created by the Server, moved to its
    thread; start(), stop() and finish() run on that thread (the Server invokes them blocking), so the
    connection and the sockets never leave it. The worker keeps its own copy of the ServerConfig, which
    its transport and connection guards read by reference on this thread: updateProject() changes it here,
    between two requests, so no lock is needed. */
class ServerWorker : public QObject
{
    Q_OBJECT

public:
    /** \a writer: the WriteExecutor that runs this thread's writes, or nullptr to write here. */
    ServerWorker(ServerConfig config, WriteExecutor *writer);
    ~ServerWorker() override;

    /** Opens the database connection and accepts connections on the listening socket \a descriptor. */
    Result<void> start(qintptr descriptor);
    /** Stops accepting and closes idle connections; requests in progress are still answered. */
    void stop();
    /** Waits for the last responses to be written, then closes every connection and the database. */
    void finish();
    /** Takes the newest project the Server published (ProjectUpdates), if it is not the one served: swaps
        the config's project and router and the RecordStore (on the same connection). Called by the transport before
        each request, so requests already answered are not affected and nothing waits. */
    void pickUpProject();

private:
    ServerConfig m_config;
    FunctionRunner m_functionRunner; ///< its engine is made on the worker's thread, at the first call
    WriteExecutor *m_writer;
    DatabaseSession m_session;
    std::unique_ptr<HttpTransport> m_transport;
    quint64 m_generation = 0; ///< of the project served (ProjectUpdates::generation())
};

} // namespace Runtime
