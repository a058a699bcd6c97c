// SPDX-License-Identifier: GPL-3.0-or-later
// TriggerWorker: runs the after-trigger jobs of the queue, retrying failures with exponential backoff.
#include "triggerworker.h"

#include "aftertriggers.h"
#include "scripting/functionrunner.h"
#include "triggercall.h"
#include "triggerqueue.h"

namespace Runtime {

namespace {
// The lease of a claim beyond the longest time limit of the project's functions.
constexpr qint64 s_leaseMarginMs = 2000;

qint64 longestTimeLimit(const Project &project)
{
    qint64 longest = defaultFunctionTimeoutMs;
    for (const ScriptFunction &function : project.functions)
        longest = std::max<qint64>(longest, function.timeoutMs);
    return longest;
}
} // namespace

TriggerWorker::TriggerWorker(Database &database, FunctionRunner &runner, TriggerRetryPolicy policy, Clock clock)
    : m_database(database)
    , m_runner(runner)
    , m_policy(policy)
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentMSecsSinceEpoch(); }))
{ }

Result<int> TriggerWorker::runDue(const Project &project, const FunctionCallContext &context)
{
    int ran = 0;
    const qint64 lease = longestTimeLimit(project) * m_policy.batchSize + s_leaseMarginMs;
    while (true) {
        Result<QList<TriggerJob>> jobs = TriggerQueue::claim(m_database, m_clock(), lease, m_policy.batchSize);
        if (!jobs)
            return jobs.error();
        if (jobs->isEmpty())
            return ran;
        for (const TriggerJob &job : std::as_const(*jobs)) {
            if (Result<void> done = runJob(project, job, context); !done)
                return done.error();
            ++ran;
        }
    }
}

Result<void> TriggerWorker::runJob(const Project &project, const TriggerJob &job, const FunctionCallContext &context)
{
    const Trigger *trigger = nullptr;
    for (const Trigger &t : project.triggers)
        trigger = t.id == job.triggerId ? &t : trigger;
    const ScriptFunction *function = trigger ? project.function(trigger->functionId) : nullptr;
    if (!trigger || !function) {
        qCWarning(lcTriggers).noquote() << "trigger job" << job.id << "names the trigger" << job.triggerId
                                        << "which the project no longer has (or its function): kept as failed";
        return TriggerQueue::fail(m_database, job.id, QStringLiteral("The trigger or its function no longer exists"));
    }
    QJsonObject row = job.row;
    FunctionCallContext asWriter = context;
    asWriter.caller = callerFromObject(job.caller);
    const FunctionResult result = m_runner.callTrigger(*function, triggerRequest(*trigger, job.table, asWriter.caller),
        asWriter, job.row.isEmpty() ? nullptr : &row, job.old);
    logConsole(*trigger, *function, result.console);
    if (result.errorCode.isEmpty())
        return TriggerQueue::done(m_database, job.id);
    const QString error = result.thrownMessage.isEmpty() ? QString::fromUtf8(result.body) : result.thrownMessage;
    if (job.attempts >= m_policy.maxAttempts) {
        qCWarning(lcTriggers).noquote() << QStringLiteral("trigger %1 (function %2) failed: %3 (attempt %4 of %5, giving up)")
                                               .arg(trigger->name, function->name, error)
                                               .arg(job.attempts)
                                               .arg(m_policy.maxAttempts);
        return TriggerQueue::fail(m_database, job.id, error);
    }
    const qint64 delay = m_policy.firstDelayMs << std::min(job.attempts - 1, 30);
    qCWarning(lcTriggers).noquote() << QStringLiteral("trigger %1 (function %2) failed: %3 (attempt %4 of %5, again in %6 ms)")
                                           .arg(trigger->name, function->name, error)
                                           .arg(job.attempts)
                                           .arg(m_policy.maxAttempts)
                                           .arg(delay);
    return TriggerQueue::retry(m_database, job.id, m_clock() + delay, error);
}

} // namespace Runtime
