// SPDX-License-Identifier: GPL-3.0-or-later
// WriteExecutor: the one thread that writes to an SQLite database; DatabaseSession: a thread's connection.
#include "writeexecutor.h"

#include "apierror.h"
#include "router.h"
#include "scripting/functionrunner.h"
#include "triggers/aftertriggers.h"
#include "triggers/beforetriggers.h"
#include "storage/database.h"
#include "storage/recordstore.h"

namespace Runtime {

DatabaseSession::DatabaseSession() = default;
DatabaseSession::DatabaseSession(DatabaseSession &&) noexcept = default;
DatabaseSession &DatabaseSession::operator=(DatabaseSession &&) noexcept = default;
DatabaseSession::~DatabaseSession() = default;

Result<DatabaseSession> DatabaseSession::open(const ServerConfig &config, FunctionRunner &runner)
{
    Result<std::unique_ptr<Database>> database = Database::open(config.database);
    if (!database)
        return database.error();
    DatabaseSession session;
    session.database = std::move(database).value();
    session.runner = &runner;
    session.serve(config.project, config);
    return session;
}

void DatabaseSession::serve(std::shared_ptr<const Project> project, const ServerConfig &config,
    const std::function<void(RecordStore *)> &beforeSwap)
{
    std::unique_ptr<BeforeTriggers> nextTriggers;
    if (runner && BeforeTriggers::needed(*project))
        nextTriggers = std::make_unique<BeforeTriggers>(project, *runner, config);
    std::unique_ptr<AfterTriggers> nextAfter;
    if (AfterTriggers::needed(*project))
        nextAfter = std::make_unique<AfterTriggers>(project, config.wakeTriggerJobs);
    auto next = std::make_unique<RecordStore>(std::move(project), *database);
    next->setChangeFeed(config.changeFeed.get());
    next->setBeforeWriteHook(nextTriggers.get());
    if (nextTriggers)
        nextTriggers->setStore(next.get());
    next->setAfterWriteHook(nextAfter.get());
    if (beforeSwap)
        beforeSwap(next.get());
    store = std::move(next);
    triggers = std::move(nextTriggers);
    afterTriggers = std::move(nextAfter);
}

WriteExecutor::WriteExecutor(ServerConfig config)
    : m_config(std::move(config))
    , m_functionRunner(m_config.functionEnvironment)
    , m_generation(m_config.projectUpdates ? m_config.projectUpdates->generation() : 0)
{ }

WriteExecutor::~WriteExecutor() = default;

Result<void> WriteExecutor::openDatabase()
{
    Result<DatabaseSession> session = DatabaseSession::open(m_config, m_functionRunner);
    if (!session)
        return session.error();
    m_session = std::move(session).value();
    return {};
}

void WriteExecutor::closeDatabase()
{
    m_session = DatabaseSession();
}

void WriteExecutor::updateProject(const ProjectUpdates::Snapshot &update)
{
    m_config.project = update.project;
    m_config.router = update.router;
    m_config.schemaVersion = update.schemaVersion;
    if (m_session.database)
        m_session.serve(update.project, m_config);
}

void WriteExecutor::pickUpProject()
{
    if (!m_config.projectUpdates || m_config.projectUpdates->generation() == m_generation)
        return;
    const ProjectUpdates::Snapshot update = m_config.projectUpdates->current();
    m_generation = update.generation;
    updateProject(update);
}

void WriteExecutor::submit(const HttpRequest &request, QObject *context, const Reply &reply)
{
    {
        QMutexLocker locker(&m_mutex);
        m_pending.push_back({request, context, reply});
        if (m_drainScheduled)
            return;
        m_drainScheduled = true;
    }
    QMetaObject::invokeMethod(this, &WriteExecutor::drain, Qt::QueuedConnection);
}

void WriteExecutor::drain()
{
    std::vector<Pending> batch;
    {
        QMutexLocker locker(&m_mutex);
        batch.swap(m_pending);
        m_drainScheduled = false;
    }
    pickUpProject();
    std::vector<HttpResponse> responses = runBatch(batch);
    for (size_t i = 0; i < batch.size(); ++i) {
        QMetaObject::invokeMethod(
            batch[i].context,
            [reply = batch[i].reply, response = std::move(responses[i])] { reply(response); },
            Qt::QueuedConnection);
    }
}

std::vector<HttpResponse> WriteExecutor::runBatch(const std::vector<Pending> &batch)
{
    std::vector<HttpResponse> responses;
    responses.reserve(batch.size());
    if (!m_session.store) {
        const Error stopping(ErrorCode::ServiceUnavailable, QStringLiteral("The server is stopping."));
        for (size_t i = 0; i < batch.size(); ++i)
            responses.push_back(errorResponse(stopping));
        return responses;
    }
    // A batch of one needs no savepoint: the request's own transaction is the commit.
    const bool grouped = batch.size() > 1 && m_session.store->beginBatch();
    for (const Pending &pending : batch)
        responses.push_back(
            m_config.router->dispatch(pending.request, m_config, m_session.store.get(), &m_functionRunner));
    if (grouped) {
        if (Result<void> committed = m_session.store->commitBatch(); !committed) {
            // Nothing of the batch was kept: every request that had succeeded is told so.
            for (HttpResponse &response : responses) {
                if (response.status < 300)
                    response = errorResponse(committed.error());
            }
        }
    }
    return responses;
}

} // namespace Runtime
