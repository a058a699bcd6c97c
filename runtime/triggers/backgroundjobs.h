// SPDX-License-Identifier: GPL-3.0-or-later
// BackgroundJobs: the server's thread for after triggers and schedules.
#pragma once

#include "core/result.h"
#include "http/serverconfig.h"
#include "http/writeexecutor.h"
#include "scheduling/scheduler.h"
#include "triggerworker.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace Runtime {

class AfterTriggers;
class Database;
class FunctionRunner;

/**
    Runs the after-trigger queue (TriggerWorker) and the schedules (Scheduler) of a running server, off the
    request threads: its own thread (started by the Server with functionThreadStackSize), its own database
    connection and FunctionRunner, and a RecordStore on it for the functions' `db` (its writes run the
    project's triggers too). It looks at the queue every pollIntervalMs, and at once when woken (the
    Server wakes it on each committed change); it picks up project updates between two rounds. Owned by the
    Server; start() and stop() run on its thread.
*/
class BackgroundJobs : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int pollIntervalMs = 1000;
        TriggerRetryPolicy retry;
        Scheduler::Clock clock; ///< empty: the system clock
    };

    BackgroundJobs(ServerConfig config, Options options);
    ~BackgroundJobs() override;

    /** Opens the connection and starts the rounds. Call on the jobs' thread. */
    Result<void> start();
    /** Stops the rounds and closes the connection. Call on the jobs' thread. */
    void stop();
    /** Runs a round soon (thread-safe: queued to the jobs' thread). */
    void wake();

private:
    void round();

    ServerConfig m_config;
    Options m_options;
    quint64 m_generation = 0;
    std::unique_ptr<FunctionRunner> m_runner;
    DatabaseSession m_session; ///< its store serves the functions' `db` (with the project's triggers)
    std::unique_ptr<TriggerWorker> m_worker;
    std::unique_ptr<Scheduler> m_scheduler;
    QTimer m_timer;
    bool m_roundQueued = false;
};

} // namespace Runtime
