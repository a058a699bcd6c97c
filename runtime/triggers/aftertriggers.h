// SPDX-License-Identifier: GPL-3.0-or-later
// AfterTriggers: queues the project's after triggers of each write, in the write's own transaction.
#pragma once

#include "auth/caller.h"
#include "model/project.h"
#include "storage/afterwritehook.h"
#include "triggerqueue.h"

#include <functional>
#include <memory>

namespace Runtime {

/**
    The enabled after triggers of one project, as a RecordStore's AfterWriteHook: each change of a table
    with an after trigger of its operation becomes a TriggerJob in the TriggerQueue, written in the
    change's own transaction (so a committed write always has its jobs queued, even if the process is
    killed right after the commit). A TriggerWorker runs them. Also queues the auth events (sign-up,
    sign-in). Made per project by DatabaseSession and the auth API; used on one thread.
*/
class AfterTriggers : public AfterWriteHook
{
public:
    /** \a committed (may be empty) is called after the commit of a write that queued jobs. */
    explicit AfterTriggers(std::shared_ptr<const Project> project, std::function<void()> committed = {});

    /** Returns whether \a project has an enabled after trigger on a table. */
    static bool needed(const Project &project);

    Result<void> record(Database &database, const QList<RecordChange> &changes) override;
    void committed() override;

    /** Queues the triggers of the auth event \a event (SignUp, SignIn) for \a user (id, email, created_at,
        user_metadata: never the password hash) through \a database; nothing if there are none. */
    static Result<void> recordAuthEvent(
        const Project &project, Database &database, TriggerEvent event, const QJsonObject &user);

private:
    std::shared_ptr<const Project> m_project;
    std::function<void()> m_committed;
    bool m_queued = false; ///< record() queued jobs that are not committed yet
};

/** Returns \a caller as a job keeps it: {kind, id, email, role}. */
QJsonObject callerObject(const Caller &caller);
/** Returns the Caller a job kept with callerObject(). */
Caller callerFromObject(const QJsonObject &object);

} // namespace Runtime
