// SPDX-License-Identifier: GPL-3.0-or-later
// BeforeTriggers: the project's before triggers, run by a RecordStore inside each write's transaction.
#include "beforetriggers.h"

#include "scripting/functioncontext.h"
#include "scripting/functionrunner.h"
#include "triggercall.h"

namespace Runtime {

namespace {
std::optional<RecordOperation> operationOf(TriggerEvent event)
{
    switch (event) {
    case TriggerEvent::Insert: return RecordOperation::Insert;
    case TriggerEvent::Update: return RecordOperation::Update;
    case TriggerEvent::Delete: return RecordOperation::Delete;
    case TriggerEvent::SignUp:
    case TriggerEvent::SignIn: break;
    }
    return std::nullopt;
}

QString keyOf(const QString &table, RecordOperation operation)
{
    return table + QLatin1Char('\n') + recordOperationName(operation);
}

bool isBefore(const Project &project, const Trigger &trigger)
{
    return trigger.enabled && trigger.timing == TriggerTiming::Before && operationOf(trigger.event)
        && project.table(trigger.tableId) && project.function(trigger.functionId);
}
} // namespace

BeforeTriggers::BeforeTriggers(
    std::shared_ptr<const Project> project, FunctionRunner &runner, const ServerConfig &config)
    : m_project(std::move(project))
    , m_runner(runner)
    , m_config(config)
{
    for (const Trigger &trigger : m_project->triggers) {
        if (isBefore(*m_project, trigger))
            m_triggers[keyOf(m_project->table(trigger.tableId)->name, *operationOf(trigger.event))] << &trigger;
    }
}

bool BeforeTriggers::needed(const Project &project)
{
    return std::any_of(project.triggers.begin(), project.triggers.end(),
        [&](const Trigger &trigger) { return isBefore(project, trigger); });
}

bool BeforeTriggers::covers(const QString &table, RecordOperation operation) const
{
    return m_triggers.contains(keyOf(table, operation));
}

Result<void> BeforeTriggers::run(const QString &table, RecordOperation operation, QJsonObject *row,
    const QJsonObject &old, const Caller &caller)
{
    for (const Trigger *trigger : m_triggers.value(keyOf(table, operation))) {
        const ScriptFunction *function = m_project->function(trigger->functionId);
        // `db` runs on the store that is writing, inside its transaction: it sees the write's own
        // changes, and what it writes commits or rolls back with the write.
        const FunctionCallContext context {&m_config, m_store, caller, false};
        const FunctionResult result
            = m_runner.callTrigger(*function, triggerRequest(*trigger, table, caller), context, row, old);
        if (std::optional<Error> error = triggerError(*trigger, *function, result))
            return *error;
    }
    return {};
}

} // namespace Runtime
