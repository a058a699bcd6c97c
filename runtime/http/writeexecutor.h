// SPDX-License-Identifier: GPL-3.0-or-later
// WriteExecutor: the one thread that writes to an SQLite database; DatabaseSession: a thread's connection.
#pragma once

#include "core/result.h"
#include "scripting/functionrunner.h"
#include "httpresponse.h"
#include "requestcontext.h"

#include <QMutex>
#include <QObject>

#include <functional>
#include <memory>
#include <vector>

namespace Runtime {

class AfterTriggers;
class BeforeTriggers;
class Database;
class FunctionRunner;
class RecordStore;
class Router;

/** One thread's database connection and the RecordStore on it, with the thread's FunctionRunner and the
    project's before triggers when it has any. Opened, used and closed on that thread. */
struct DatabaseSession
{
    std::unique_ptr<Database> database;
    FunctionRunner *runner = nullptr; ///< the thread's runner, which runs before triggers; not owned
    std::unique_ptr<BeforeTriggers> triggers; ///< the store's BeforeWriteHook; declared before store
    std::unique_ptr<AfterTriggers> afterTriggers; ///< the store's AfterWriteHook
    std::unique_ptr<RecordStore> store; ///< declared last: destroyed first

    DatabaseSession();
    DatabaseSession(DatabaseSession &&) noexcept;
    DatabaseSession &operator=(DatabaseSession &&) noexcept;
    ~DatabaseSession();

    /** Opens a connection to \a config's database on the calling thread, running before triggers on
        \a runner (the thread's own, which must outlive the session). Returns DatabaseOpenFailed. */
    static Result<DatabaseSession> open(const ServerConfig &config, FunctionRunner &runner);

    /** Replaces the store with one serving \a project, announcing its writes on \a config's change feed
        and running its before triggers. The old store stays alive until \a beforeSwap (if given) has seen
        the new one. */
    void serve(std::shared_ptr<const Project> project, const ServerConfig &config,
        const std::function<void(RecordStore *)> &beforeSwap = {});
};

/** Runs the requests that write (POST, PATCH, DELETE) on one thread with its own connection, one after
    another. SQLite allows one writer at a time: with every request thread writing on its own connection,
    writers wait on each other's locks (two writers pushed p99 latency from 10 ms to 177 ms), so on
    SQLite all writes go through this queue, while reads stay on the request threads. Not used on
    PostgreSQL. Owned by the Server; lives in its own thread, which the Server starts and joins.

    Group commit: the requests that queue up while one batch runs are run together in one transaction,
    each in its own savepoint (a failed request rolls back only itself), and all are answered after the
    one COMMIT. Under load this shares one WAL commit among many writes; alone, a request is a batch of one. */
class WriteExecutor : public QObject
{
    Q_OBJECT

public:
    using Reply = std::function<void(const HttpResponse &)>;

    /** Keeps its own copy of \a config (see updateProject()); answers with config.router. */
    explicit WriteExecutor(ServerConfig config);
    ~WriteExecutor() override;

    /** Opens the connection. Call on the executor's thread. */
    Result<void> openDatabase();
    /** Closes the connection; later requests are answered 503. Call on the executor's thread; when
        called through a queued invocation, every request submitted before has been answered. */
    void closeDatabase();
    /** Takes the newest project the Server published (ProjectUpdates) before a batch, if it is new. */
    void pickUpProject();
    /** Runs the next batches with the project, schema version and router of \a update (a live project
        update): swaps the config's project and router and the RecordStore. Call on the executor's thread; queued writes submitted
        before the call are answered with the old project, later ones with the new. */
    void updateProject(const ProjectUpdates::Snapshot &update);

    /** Queues \a request (callable from any thread). It is dispatched on the executor's thread and
        \a reply is then called with the response on \a context's thread. \a context must outlive the
        executor's thread (the Server stops the executor before the request threads). */
    void submit(const HttpRequest &request, QObject *context, const Reply &reply);

private:
    struct Pending
    {
        HttpRequest request;
        QObject *context;
        Reply reply;
    };

    /** Runs every queued request as one batch. On the executor's thread. */
    void drain();
    std::vector<HttpResponse> runBatch(const std::vector<Pending> &batch);

    ServerConfig m_config; ///< used on the executor's thread only
    FunctionRunner m_functionRunner; ///< its engine is made on the executor's thread, at the first call
    quint64 m_generation = 0; ///< of the project served (ProjectUpdates::generation())
    DatabaseSession m_session;
    QMutex m_mutex;
    std::vector<Pending> m_pending; ///< guarded by m_mutex
    bool m_drainScheduled = false;  ///< guarded by m_mutex
};

} // namespace Runtime
