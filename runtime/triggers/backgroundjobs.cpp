// SPDX-License-Identifier: GPL-3.0-or-later
// BackgroundJobs: the server's thread for after triggers and schedules.
#include "backgroundjobs.h"

#include "scripting/functionrunner.h"
#include "storage/database.h"
#include "triggercall.h"

namespace Runtime {

namespace {
bool hasAfterTriggers(const Project &project)
{
    return std::any_of(project.triggers.begin(), project.triggers.end(),
        [](const Trigger &t) { return t.enabled && t.timing == TriggerTiming::After; });
}
} // namespace

BackgroundJobs::BackgroundJobs(ServerConfig config, Options options)
    : m_config(std::move(config))
    , m_options(std::move(options))
    , m_generation(m_config.projectUpdates ? m_config.projectUpdates->generation() : 0)
    , m_timer(this)
{
    m_timer.setInterval(m_options.pollIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &BackgroundJobs::round);
}

BackgroundJobs::~BackgroundJobs() = default;

Result<void> BackgroundJobs::start()
{
    m_runner = std::make_unique<FunctionRunner>(m_config.functionEnvironment);
    Result<DatabaseSession> session = DatabaseSession::open(m_config, *m_runner);
    if (!session)
        return session.error();
    m_session = std::move(session).value();
    m_worker = std::make_unique<TriggerWorker>(*m_session.database, *m_runner, m_options.retry);
    m_scheduler = std::make_unique<Scheduler>(*m_session.database, *m_runner, m_options.clock);
    m_timer.start();
    round(); // what an earlier process left in the queue
    return {};
}

void BackgroundJobs::stop()
{
    m_timer.stop();
    m_scheduler.reset();
    m_worker.reset();
    m_session = DatabaseSession();
    m_runner.reset();
}

void BackgroundJobs::wake()
{
    QMetaObject::invokeMethod(this, [this] {
        if (!m_roundQueued) {
            m_roundQueued = true;
            QMetaObject::invokeMethod(this, &BackgroundJobs::round, Qt::QueuedConnection);
        }
    }, Qt::QueuedConnection);
}

void BackgroundJobs::round()
{
    m_roundQueued = false;
    if (!m_session.database)
        return;
    if (m_config.projectUpdates && m_config.projectUpdates->generation() != m_generation) {
        const ProjectUpdates::Snapshot update = m_config.projectUpdates->current();
        m_generation = update.generation;
        m_config.project = update.project;
        m_config.schemaVersion = update.schemaVersion;
        m_config.router = update.router;
        m_session.serve(update.project, m_config);
    }
    const Project &project = *m_config.project;
    const FunctionCallContext context {&m_config, m_session.store.get(), Caller::service(), false};
    if (hasAfterTriggers(project)) {
        if (Result<int> ran = m_worker->runDue(project, context); !ran)
            qCWarning(lcTriggers).noquote() << "the trigger queue cannot be read:" << ran.error().message << ran.error().detail;
    }
    if (!project.schedules.empty()) {
        if (Result<int> ran = m_scheduler->tick(project, context); !ran)
            qCWarning(lcTriggers).noquote() << "schedules cannot be claimed:" << ran.error().message << ran.error().detail;
    }
}

} // namespace Runtime
