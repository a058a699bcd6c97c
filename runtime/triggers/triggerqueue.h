// SPDX-License-Identifier: GPL-3.0-or-later
// TriggerQueue: the durable queue of after-trigger jobs, a table in the project's database.
#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Runtime {

class Database;

/** One run of an after trigger: the trigger, the row it is about and what is known of its attempts. */
struct TriggerJob
{
    QString id; ///< a UUID
    QString triggerId;
    QString table; ///< empty for auth events
    QJsonObject row;
    QJsonObject old;
    QJsonObject caller; ///< {kind, id, email, role} of who wrote
    int attempts = 0; ///< including the one claimed now
};

/**
    The after-trigger queue: the table `_basalt_trigger_queue` in the project's database, on SQLite and
    PostgreSQL alike. Jobs are added in the transaction of the write that caused them (enqueue() on the
    writing connection), claimed by a worker for a lease (claim(): PostgreSQL's FOR UPDATE SKIP LOCKED lets
    several servers share one queue; a claim whose worker died runs again when the lease ends), then
    deleted (done()), put back with a later time (retry()) or kept as failed (fail()). Times are
    milliseconds since the epoch. Stateless: each call uses the connection it is given.
*/
namespace TriggerQueue {

/** Creates the queue's table and index if missing (idempotent; part of setUpDatabase()). */
Result<void> ensureTable(Database &database);

/** Adds \a jobs, due at \a nowMs, through \a database (inside the caller's transaction, if one is open). */
Result<void> enqueue(Database &database, const QList<TriggerJob> &jobs, qint64 nowMs);

/** Claims up to \a limit jobs that are due at \a nowMs and not failed nor claimed, until nowMs + leaseMs,
    counting the attempt; returns them oldest first. Commits the claim before returning. */
Result<QList<TriggerJob>> claim(Database &database, qint64 nowMs, qint64 leaseMs, int limit);

/** Deletes the job \a id (it ran). */
Result<void> done(Database &database, const QString &id);

/** Releases the job \a id to run again at \a runAfterMs, noting \a error. */
Result<void> retry(Database &database, const QString &id, qint64 runAfterMs, const QString &error);

/** Keeps the job \a id as failed (never claimed again), noting \a error. */
Result<void> fail(Database &database, const QString &id, const QString &error);

/** Returns the number of jobs waiting (not failed) and failed, for tests and status. */
Result<QPair<qint64, qint64>> counts(Database &database);

} // namespace TriggerQueue

} // namespace Runtime
