// SPDX-License-Identifier: GPL-3.0-or-later
// BeforeWriteHook: what a RecordStore runs for each row inside a write's transaction (before triggers).
#pragma once

#include "auth/caller.h"
#include "core/result.h"
#include "recordchange.h"

#include <QJsonObject>
#include <QString>

namespace Runtime {

/**
    Runs for each row a RecordStore inserts, updates or deletes, inside the write's transaction and on the
    writing thread, before the row is written: it may change the row to write or refuse the write (an
    error: the whole write is rolled back, a batch insert included). The project's before triggers
    (runtime/triggers/beforetriggers.h) implement it. Set with RecordStore::setBeforeWriteHook(); a store
    asks covers() first, so writes of tables without a before trigger pay nothing more.
*/
class BeforeWriteHook
{
public:
    virtual ~BeforeWriteHook() = default;

    /** Returns whether writes of \a operation on \a table run anything. */
    virtual bool covers(const QString &table, RecordOperation operation) const = 0;

    /** Runs for one row of \a table. \a row: the row to write (insert: the body's object; update: the row
        as the update would leave it), which it may change; nullptr for a delete. \a old: the row before
        the write (update, delete), else empty. Returns TriggerRefused or TriggerFailed to refuse. */
    virtual Result<void> run(const QString &table, RecordOperation operation, QJsonObject *row,
        const QJsonObject &old, const Caller &caller) = 0;
};

} // namespace Runtime
