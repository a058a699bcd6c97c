// SPDX-License-Identifier: GPL-3.0-or-later
// Server: serves a project over HTTP on one address and port, from several request threads.
#pragma once

#include "core/result.h"
#include "router.h"
#include "serverconfig.h"
#include "triggers/backgroundjobs.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <memory>
#include <vector>

class QThread;

namespace Runtime {

class ChangeRelay;
class ServerWorker;
class WriteExecutor;

/** The runtime's HTTP server for one project. It is given its own copy of the project and the database
    settings (ServerConfig), wires its routes with registerRoutes() and answers requests until it is
    closed or destroyed. Requests are answered on config.threads request threads (ServerWorker), each
    with its own listening socket on the shared port (SO_REUSEPORT: the kernel spreads connections) and
    its own database connection, so a slow request holds up only its own thread. On SQLite, writes run
    on one more thread, the WriteExecutor, with its own connection: SQLite takes one writer at a time.
    Limits, timeouts and back-pressure are enforced per connection (HttpConnection). Lives on the stack in
    basalt-server's main() or is owned by whoever runs a project (the designer's run panel); its
    functions are called on the thread it lives in. */
class Server : public QObject
{
    Q_OBJECT

public:
    explicit Server(ServerConfig config, QObject *parent = nullptr);
    /** Closes the server (see close()). */
    ~Server() override;

    /** Starts listening on \a address and \a port (0 picks a free port, see port()) and opens each
        thread's database connection. Returns ServerListenFailed with the operating system's reason,
        or DatabaseOpenFailed; nothing is left running on failure. */
    Result<void> listen(const QHostAddress &address, quint16 port);
    /** Stops cleanly: stops accepting connections, answers the requests in progress (queued writes
        included), closes every connection and database connection and joins the threads. */
    void close();

    /** Serves \a project, already migrated into the database (at \a schemaVersion), from the next request
        on, without closing the listening sockets or the open connections: the writer and every request
        thread swap their own copy of the config and their RecordStore on their own thread, between two
        requests; the call returns once all have. Schema, rules and settings apply at once; a write still
        queued for the writer runs with whichever project the writer has when it gets to it. Returns
        InvalidArgument for a null project. Also the project of a later listen(). */
    Result<void> updateProject(std::shared_ptr<const Project> project, int schemaVersion);

    bool isListening() const;
    /** Returns the address listened on, or a null address when not listening. */
    QHostAddress address() const;
    /** Returns the port actually listened on, or 0 when not listening. */
    quint16 port() const;
    /** Returns the base URL, e.g. "http://127.0.0.1:8765", or an empty URL when not listening. */
    QUrl url() const;
    /** Returns the number of request threads serving (0 when not listening). */
    int threadCount() const { return int(m_workers.size()); }

    const ServerConfig &config() const { return m_config; }
    /** The routes of the project served (replaced by updateProject()). */
    const Router &router() const { return *m_config.router; }

    /** Sets how the next listen() runs after triggers and schedules (tests inject a clock and short
        retries). */
    void setJobOptions(const BackgroundJobs::Options &options) { m_jobOptions = options; }

private:
    Result<void> startWriter();
    Result<void> startJobs();
    Result<void> startRelay();
    Result<void> startWorkers(const QList<qintptr> &descriptors);

    ServerConfig m_config;
    std::unique_ptr<QThread> m_jobsThread;
    std::unique_ptr<BackgroundJobs> m_jobs;
    BackgroundJobs::Options m_jobOptions;
    std::unique_ptr<QThread> m_writerThread;
    std::unique_ptr<QThread> m_relayThread;
    std::unique_ptr<ChangeRelay> m_relay; ///< PostgreSQL: changes to and from the other servers
    std::unique_ptr<WriteExecutor> m_writer;
    std::vector<std::unique_ptr<QThread>> m_threads;
    std::vector<std::unique_ptr<ServerWorker>> m_workers;
    QHostAddress m_address;
    quint16 m_port = 0;
};

} // namespace Runtime
