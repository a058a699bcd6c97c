// SPDX-License-Identifier: GPL-3.0-or-later
// TriggerWorker: runs the after-trigger jobs of the queue, retrying failures with exponential backoff.
#pragma once

#include "core/result.h"
#include "model/project.h"
#include "scripting/functioncontext.h"

#include <QDateTime>

#include <functional>

namespace Runtime {

class Database;
class FunctionRunner;
struct TriggerJob;

/** How a TriggerWorker retries. */
struct TriggerRetryPolicy
{
    int maxAttempts = 5;     ///< after this many failed attempts a job is kept as failed
    qint64 firstDelayMs = 1000; ///< the wait after the first failure; doubled after each further one
    int batchSize = 4;       ///< jobs claimed at once (their lease covers all their time limits)
};

/**
    Runs due jobs of the TriggerQueue: claims them (for a lease of their function's time limit plus a
    margin), calls each trigger's function with `row` and `old` on \a runner, deletes the job when it
    returned, and otherwise releases it to run again after firstDelayMs, 2×, 4× … until maxAttempts, then
    keeps it as failed. Every failure is logged (lcTriggers: function, trigger, error, attempt), and the
    console lines of every run too. A job whose trigger or function is gone fails at once. Runs at least
    once: a job whose process died after the function ran but before the job was deleted runs again.
    Used on one thread, with that thread's connection and runner (BackgroundJobs in the server).
*/
class TriggerWorker
{
public:
    using Clock = std::function<qint64()>; ///< milliseconds since the epoch

    TriggerWorker(Database &database, FunctionRunner &runner, TriggerRetryPolicy policy = {}, Clock clock = {});

    /** Claims and runs the jobs due now for \a project, until none is due; the functions' `db` runs with
        \a context as the job's writer (its caller). Returns how many ran (succeeded or not), or the
        database's error. */
    Result<int> runDue(const Project &project, const FunctionCallContext &context = {});

private:
    Result<void> runJob(const Project &project, const TriggerJob &job, const FunctionCallContext &context);

    Database &m_database;
    FunctionRunner &m_runner;
    TriggerRetryPolicy m_policy;
    Clock m_clock;
};

} // namespace Runtime
