// SPDX-License-Identifier: GPL-3.0-or-later
// AfterTriggers: queues the project's after triggers of each write, in the write's own transaction.
#include "aftertriggers.h"

#include <QDateTime>

namespace Runtime {

namespace {
TriggerEvent eventOf(RecordOperation operation)
{
    switch (operation) {
    case RecordOperation::Insert: return TriggerEvent::Insert;
    case RecordOperation::Update: return TriggerEvent::Update;
    case RecordOperation::Delete: break;
    }
    return TriggerEvent::Delete;
}

bool isAfter(const Project &project, const Trigger &trigger)
{
    return trigger.enabled && trigger.timing == TriggerTiming::After && !isAuthEvent(trigger.event)
        && project.table(trigger.tableId) && project.function(trigger.functionId);
}
} // namespace

QJsonObject callerObject(const Caller &caller)
{
    static const char *const kinds[] = {"anon", "authenticated", "service"};
    return {{QStringLiteral("kind"), QString::fromLatin1(kinds[int(caller.kind)])},
        {QStringLiteral("id"), caller.userId}, {QStringLiteral("email"), caller.email},
        {QStringLiteral("role"), caller.role}};
}

Caller callerFromObject(const QJsonObject &object)
{
    const QString kind = object.value(QStringLiteral("kind")).toString();
    Caller caller = kind == QLatin1String("service") ? Caller::service() : Caller::anon();
    if (kind == QLatin1String("authenticated")) {
        caller.kind = Caller::Kind::Authenticated;
        caller.userId = object.value(QStringLiteral("id")).toString();
        caller.email = object.value(QStringLiteral("email")).toString();
        caller.role = object.value(QStringLiteral("role")).toString();
    }
    return caller;
}

AfterTriggers::AfterTriggers(std::shared_ptr<const Project> project, std::function<void()> committed)
    : m_project(std::move(project))
    , m_committed(std::move(committed))
{ }

void AfterTriggers::committed()
{
    if (m_queued && m_committed)
        m_committed();
    m_queued = false;
}

bool AfterTriggers::needed(const Project &project)
{
    return std::any_of(project.triggers.begin(), project.triggers.end(),
        [&](const Trigger &trigger) { return isAfter(project, trigger); });
}

Result<void> AfterTriggers::record(Database &database, const QList<RecordChange> &changes)
{
    QList<TriggerJob> jobs;
    for (const RecordChange &change : changes) {
        if (change.bulk)
            continue; // a CSV import's commit names no rows
        for (const Trigger &trigger : m_project->triggers) {
            if (!isAfter(*m_project, trigger) || trigger.event != eventOf(change.operation)
                || m_project->table(trigger.tableId)->name != change.table)
                continue;
            jobs << TriggerJob {{}, trigger.id, change.table, change.newRow, change.oldRow, callerObject(change.caller), 0};
        }
    }
    if (jobs.isEmpty())
        return {};
    m_queued = true;
    return TriggerQueue::enqueue(database, jobs, QDateTime::currentMSecsSinceEpoch());
}

Result<void> AfterTriggers::recordAuthEvent(
    const Project &project, Database &database, TriggerEvent event, const QJsonObject &user)
{
    Caller signedIn;
    signedIn.kind = Caller::Kind::Authenticated;
    signedIn.userId = user.value(QStringLiteral("id")).toString();
    signedIn.email = user.value(QStringLiteral("email")).toString();
    signedIn.role = QStringLiteral("authenticated");
    QList<TriggerJob> jobs;
    for (const Trigger &trigger : project.triggers) {
        if (trigger.enabled && trigger.event == event && project.function(trigger.functionId))
            jobs << TriggerJob {{}, trigger.id, {}, user, {}, callerObject(signedIn), 0};
    }
    if (jobs.isEmpty())
        return {};
    return TriggerQueue::enqueue(database, jobs, QDateTime::currentMSecsSinceEpoch());
}

} // namespace Runtime
