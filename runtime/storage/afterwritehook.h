// SPDX-License-Identifier: GPL-3.0-or-later
// AfterWriteHook: what a RecordStore records in a write's own transaction, just before its commit.
#pragma once

#include "core/result.h"
#include "recordchange.h"

#include <QList>

namespace Runtime {

class Database;

/**
    Receives the changes of a write inside its transaction, just before the commit, to record what must
    happen after it (the project's after triggers: runtime/triggers/aftertriggers.h writes them into the
    durable trigger queue). Recording in the same transaction makes it durable with the write: a process
    killed after the commit still has the jobs queued. A failure rolls the write back. Set with
    RecordStore::setAfterWriteHook(); while one is set, the store collects every write's rows.
*/
class AfterWriteHook
{
public:
    virtual ~AfterWriteHook() = default;

    /** Records \a changes (not yet committed) through \a database, the writing connection. */
    virtual Result<void> record(Database &database, const QList<RecordChange> &changes) = 0;

    /** Called after the commit of a transaction whose changes record() was given. */
    virtual void committed() {}
};

} // namespace Runtime
