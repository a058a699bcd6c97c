// SPDX-License-Identifier: GPL-3.0-or-later
// Scheduler: runs the project's schedules at their cron times, once per time across servers.
#pragma once

#include "core/result.h"
#include "cronexpression.h"
#include "model/project.h"
#include "scripting/functioncontext.h"

#include <QDateTime>
#include <QHash>

#include <functional>

namespace Runtime {

class Database;
class FunctionRunner;

/**
    Fires each enabled schedule of a project at the times of its cron expression in its time zone, calling
    its function with `req` = {method: "SCHEDULE", path: the schedule's name, params: {schedule, scheduledAt}}.
    Before a run it claims the (schedule, time) pair in the table `_basalt_schedule_runs` (INSERT … ON
    CONFLICT DO NOTHING): when several servers share one PostgreSQL database, each time runs once, on the
    server whose claim landed first. The first time of a schedule is the first after the scheduler first
    sees it: runs missed while no server was up are not caught up, and a run that takes longer than the
    interval skips the times it overlapped. Each run is logged (start, duration, failure) and the row
    keeps when it finished and its error. The clock is injectable, so tests fire schedules without waiting.
    Used on one thread with that thread's connection and runner (BackgroundJobs in the server).
*/
class Scheduler
{
public:
    using Clock = std::function<QDateTime()>;

    Scheduler(Database &database, FunctionRunner &runner, Clock clock = {});

    /** Creates the runs table if missing (idempotent; part of setUpDatabase()). */
    static Result<void> ensureTable(Database &database);

    /** Runs the schedules of \a project that are due now, their functions' `db` with \a context as the
        service role. Returns how many this scheduler ran. */
    Result<int> tick(const Project &project, const FunctionCallContext &context = {});

    /** Returns when the next schedule of the last tick()'s project is due (invalid if none). */
    QDateTime nextDue() const;

private:
    struct Planned
    {
        QString key; ///< cron + time zone: a changed schedule is planned again
        CronExpression cron;
        QTimeZone zone;
        QDateTime next;
    };
    Result<bool> claim(const Schedule &schedule, const QDateTime &at);
    void run(const Schedule &schedule, const ScriptFunction &function, const QDateTime &at,
        const FunctionCallContext &context);

    Database &m_database;
    FunctionRunner &m_runner;
    Clock m_clock;
    QHash<QString, Planned> m_planned; ///< by schedule id
};

} // namespace Runtime
