// SPDX-License-Identifier: GPL-3.0-or-later
// RecordChange and ChangeFeed: what a committed write changed, announced once the commit has succeeded.
#pragma once

#include "auth/caller.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QString>

namespace Runtime {

enum class RecordOperation { Insert, Update, Delete };

/** Returns "INSERT", "UPDATE" or "DELETE" (the names Supabase Realtime and SQL give them). */
QString recordOperationName(RecordOperation operation);

/** One row that a committed write inserted, updated or deleted, or (bulk) the rows a CSV import committed
    at once. Rows are whole (hidden fields included) as the data API writes JSON values: a subscriber that
    passes them on must apply the rules and hide what its audience may not see. */
struct RecordChange
{
    QString table;
    RecordOperation operation = RecordOperation::Insert;
    QJsonObject oldRow; ///< Update, Delete: the row before the write; empty for Insert and bulk changes
    QJsonObject newRow; ///< Insert, Update: the row after the write; empty for Delete and bulk changes
    QJsonValue key;     ///< the row's primary key; null for a bulk change
    Caller caller;      ///< who wrote it
    qint64 rowCount = 1; ///< 1, or a bulk change's rows
    bool bulk = false;  ///< many rows at once (a CSV import's commit): rowCount says how many, no rows given
    QDateTime committedAt; ///< UTC, when the commit returned
};

/** Where committed writes are announced: every write path (the data API and its batches, auth's profile
    rows, CSV imports, functions) publishes here after its commit succeeded, and only then: a write that
    fails, is rolled back (tx=rollback, max-affected, a refused rule) or whose commit fails publishes
    nothing. Subscribers (triggers, realtime, audit) connect to committed(); the signal is emitted on the
    writing thread, so a subscriber in another thread receives it queued, after the writer moved on.
    Writers collect the rows only while someone is connected (isObserved()). Rows removed by ON DELETE
    CASCADE, and rows changed by SQL outside Basalt, are not announced.
    Thread-safe; one per running server (ServerConfig::changeFeed). */
class ChangeFeed : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    /** Returns whether anything is connected to committed(); writers skip collecting rows otherwise. */
    bool isObserved() const;

    /** Emits committed(\a changes) unless \a changes is empty. */
    void publish(const QList<RecordChange> &changes);

Q_SIGNALS:
    /** The changes one commit made, in the order they were written. */
    void committed(const QList<Runtime::RecordChange> &changes);
};

} // namespace Runtime
