// SPDX-License-Identifier: GPL-3.0-or-later
// Server: serves a project over HTTP on one address and port, from several request threads.
#include "server.h"

#include "auth/sessionrevocations.h"
#include "auth/signinlimiter.h"
#include "listeningsockets.h"
#include "realtime/changerelay.h"
#include "realtime/realtimehub.h"
#include "scripting/functionrunner.h"
#include "serverworker.h"
#include "storage/recordchange.h"
#include "triggers/backgroundjobs.h"
#include "writeexecutor.h"

#include <QThread>

#include <unistd.h>

namespace Runtime {

namespace {
// Runs \a function on \a object's thread and returns its result once it has run.
template <typename Function> auto runOn(QObject *object, Function function)
{
    decltype(function()) result;
    QMetaObject::invokeMethod(
        object, [&result, &function] { result = function(); }, Qt::BlockingQueuedConnection);
    return result;
}

void runOnAndWait(QObject *object, const std::function<void()> &function)
{
    QMetaObject::invokeMethod(object, function, Qt::BlockingQueuedConnection);
}

int threadCountFor(const ServerConfig &config)
{
    return config.threads > 0 ? config.threads : qMax(2, QThread::idealThreadCount());
}
} // namespace

Server::Server(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    Q_ASSERT(m_config.project);
    if (!m_config.signInLimiter)
        m_config.signInLimiter = std::make_shared<SignInLimiter>();
    if (!m_config.sessionRevocations)
        m_config.sessionRevocations = std::make_shared<SessionRevocations>();
    if (!m_config.projectUpdates)
        m_config.projectUpdates = std::make_shared<ProjectUpdates>();
    if (!m_config.changeFeed)
        m_config.changeFeed = std::make_shared<ChangeFeed>();
    if (!m_config.realtimeHub)
        m_config.realtimeHub = std::make_shared<RealtimeHub>(m_config.changeFeed);
    if (!m_config.router)
        m_config.router = makeRouter(*m_config.project);
}

Server::~Server()
{
    close();
}

Result<void> Server::listen(const QHostAddress &address, quint16 port)
{
    close();
    const Result<ListeningSockets> sockets = openListeningSockets(address, port, threadCountFor(m_config));
    if (!sockets)
        return sockets.error();
    const QList<qintptr> &descriptors = sockets->descriptors;
    // First, so that the threads that write get the config that wakes it.
    if (Result<void> jobs = startJobs(); !jobs) {
        for (qintptr descriptor : descriptors)
            ::close(int(descriptor));
        close();
        return jobs;
    }
    if (m_config.database.engine == DatabaseEngine::PostgreSQL) {
        if (Result<void> relay = startRelay(); !relay) {
            for (qintptr descriptor : descriptors)
                ::close(int(descriptor));
            close();
            return relay;
        }
    }
    if (m_config.database.engine == DatabaseEngine::SQLite) {
        if (Result<void> writer = startWriter(); !writer) {
            for (qintptr descriptor : descriptors)
                ::close(int(descriptor));
            close();
            return writer;
        }
    }
    if (Result<void> workers = startWorkers(descriptors); !workers) {
        close();
        return workers;
    }
    m_address = address;
    m_port = sockets->port;
    return {};
}

Result<void> Server::startWriter()
{
    m_writerThread = std::make_unique<QThread>();
    m_writerThread->setObjectName(QStringLiteral("basalt-writer"));
    m_writerThread->setStackSize(functionThreadStackSize); // a request behind a write may call a function
    m_writer = std::make_unique<WriteExecutor>(m_config);
    m_writer->moveToThread(m_writerThread.get());
    m_writerThread->start();
    return runOn(m_writer.get(), [this] { return m_writer->openDatabase(); });
}

Result<void> Server::startRelay()
{
    m_relayThread = std::make_unique<QThread>();
    m_relayThread->setObjectName(QStringLiteral("basalt-relay"));
    m_relay = std::make_unique<ChangeRelay>(m_config.database, m_config.changeFeed, m_config.realtimeHub);
    m_relay->moveToThread(m_relayThread.get());
    m_relayThread->start();
    return runOn(m_relay.get(), [this] { return m_relay->start(); });
}

Result<void> Server::startJobs()
{
    m_jobsThread = std::make_unique<QThread>();
    m_jobsThread->setObjectName(QStringLiteral("basalt-jobs"));
    m_jobsThread->setStackSize(functionThreadStackSize);
    m_jobs = std::make_unique<BackgroundJobs>(m_config, m_jobOptions);
    m_jobs->moveToThread(m_jobsThread.get());
    m_jobsThread->start();
    // A committed write that queued after triggers has them run now rather than at the next round.
    BackgroundJobs *jobs = m_jobs.get();
    m_config.wakeTriggerJobs = [jobs] { jobs->wake(); };
    return runOn(jobs, [jobs] { return jobs->start(); });
}

Result<void> Server::startWorkers(const QList<qintptr> &descriptors)
{
    for (qsizetype i = 0; i < descriptors.size(); ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("basalt-http-%1").arg(i));
        // Not the platform's default (which follows `ulimit -s` on Linux and is 1 MB on Windows): functions
        // run on these threads, and their recursion limit assumes this much stack.
        thread->setStackSize(functionThreadStackSize);
        auto worker = std::make_unique<ServerWorker>(m_config, m_writer.get());
        worker->moveToThread(thread.get());
        thread->start();
        ServerWorker *started = worker.get();
        m_threads.push_back(std::move(thread));
        m_workers.push_back(std::move(worker));
        const qintptr descriptor = descriptors.at(i);
        const Result<void> result
            = runOn(started, [started, descriptor] { return started->start(descriptor); });
        if (!result) {
            for (qsizetype rest = i + 1; rest < descriptors.size(); ++rest)
                ::close(int(descriptors.at(rest)));
            return result;
        }
    }
    return {};
}

void Server::close()
{
    // 1. Stop accepting and close idle connections; requests in progress go on.
    for (const std::unique_ptr<ServerWorker> &worker : m_workers)
        runOnAndWait(worker.get(), [&worker] { worker->stop(); });
    // 2. Queued behind every write submitted so far: when it returns, all of them have been answered.
    if (m_writer) {
        runOnAndWait(m_writer.get(), [this] { m_writer->closeDatabase(); });
        m_writerThread->quit();
        m_writerThread->wait();
    }
    // 3. Write the last responses, close the connections and the databases, join the threads; all
    // threads at once, so a client that does not read its response delays the stop only once.
    for (const std::unique_ptr<ServerWorker> &worker : m_workers) {
        ServerWorker *target = worker.get();
        QMetaObject::invokeMethod(
            target,
            [target] {
                target->finish();
                QThread::currentThread()->quit();
            },
            Qt::QueuedConnection);
    }
    for (const std::unique_ptr<QThread> &thread : m_threads)
        thread->wait();
    m_workers.clear();
    m_threads.clear();
    m_writer.reset();
    m_writerThread.reset();
    // 4. Background jobs, once nothing can wake them: a run in progress ends first (a trigger job that
    // does not finish runs again later).
    if (m_jobs) {
        runOnAndWait(m_jobs.get(), [this] { m_jobs->stop(); });
        m_jobsThread->quit();
        m_jobsThread->wait();
        m_jobs.reset();
        m_jobsThread.reset();
    }
    // 5. The relay last: the changes committed until now still go to the other servers.
    if (m_relay) {
        runOnAndWait(m_relay.get(), [this] { m_relay->stop(); });
        m_relayThread->quit();
        m_relayThread->wait();
        m_relay.reset();
        m_relayThread.reset();
    }
    m_config.wakeTriggerJobs = {};
    m_address = QHostAddress();
    m_port = 0;
}

Result<void> Server::updateProject(std::shared_ptr<const Project> project, int schemaVersion)
{
    if (!project)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("No project to serve."));
    m_config.project = project;
    m_config.schemaVersion = schemaVersion;
    m_config.router = makeRouter(*project); // its endpoints appear and disappear with it
    // Never waits for a thread: each takes the new project before its next request (a busy one after the
    // request it is serving), the writer before its next batch.
    m_config.projectUpdates->publish(std::move(project), schemaVersion, m_config.router);
    return {};
}

bool Server::isListening() const
{
    return !m_workers.empty();
}

QHostAddress Server::address() const
{
    return m_address;
}

quint16 Server::port() const
{
    return m_port;
}

QUrl Server::url() const
{
    if (!isListening())
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_address.toString());
    url.setPort(m_port);
    return url;
}

} // namespace Runtime
