// SPDX-License-Identifier: GPL-3.0-or-later
// LogicTexts: how the designer names endpoints, triggers and schedules in one line (tree, badges, editors).
#include "logictexts.h"

#include "scheduling/cronexpression.h"

namespace Designer {

QString LogicTexts::endpointSummary(const Runtime::Endpoint &endpoint)
{
    return tr("%1 /api/%2").arg(endpoint.method, endpoint.path);
}

QString LogicTexts::triggerWhen(Runtime::TriggerTiming timing, Runtime::TriggerEvent event)
{
    const bool before = timing == Runtime::TriggerTiming::Before;
    switch (event) {
    case Runtime::TriggerEvent::Insert:
        return before ? tr("before insert") : tr("after insert");
    case Runtime::TriggerEvent::Update:
        return before ? tr("before update") : tr("after update");
    case Runtime::TriggerEvent::Delete:
        return before ? tr("before delete") : tr("after delete");
    case Runtime::TriggerEvent::SignUp:
        return tr("after sign-up");
    case Runtime::TriggerEvent::SignIn:
        return tr("after sign-in");
    }
    return {};
}

QString LogicTexts::triggerSummary(const Runtime::Project &project, const Runtime::Trigger &trigger)
{
    if (Runtime::isAuthEvent(trigger.event))
        return triggerWhen(trigger.timing, trigger.event);
    const Runtime::Table *table = project.table(trigger.tableId);
    //: %1: "before insert", "after update", ...; %2: a table's name
    return tr("%1 on %2")
        .arg(triggerWhen(trigger.timing, trigger.event), table ? table->name : trigger.tableId);
}

QString LogicTexts::triggerBadgeLine(const Runtime::Project &project, const Runtime::Trigger &trigger)
{
    const auto function = std::find_if(project.functions.begin(), project.functions.end(),
        [&trigger](const Runtime::ScriptFunction &f) { return f.id == trigger.functionId; });
    const QString name = function != project.functions.end() ? function->name : tr("(no function)");
    //: %1: "before insert", ...; %2: a function's name
    return trigger.enabled ? tr("%1: %2").arg(triggerWhen(trigger.timing, trigger.event), name)
                           : tr("%1: %2 (disabled)").arg(triggerWhen(trigger.timing, trigger.event), name);
}

QString LogicTexts::scheduleSummary(const Runtime::Schedule &schedule)
{
    //: %1: a cron expression or its description ("every day at 03:00"); %2: a time zone
    const Runtime::Result<Runtime::CronExpression> cron = Runtime::CronExpression::parse(schedule.cron);
    return tr("%1 (%2)").arg(cron ? cron.value().describe() : schedule.cron, schedule.timeZone);
}

QString LogicTexts::accessName(Runtime::CallAccess access)
{
    switch (access) {
    case Runtime::CallAccess::Anyone:
        return tr("Anyone with the anon key");
    case Runtime::CallAccess::SignedIn:
        return tr("Signed-in users");
    case Runtime::CallAccess::Roles:
        return tr("These roles:");
    case Runtime::CallAccess::Service:
        return tr("Service role only");
    }
    return {};
}

QString LogicTexts::eventName(Runtime::TriggerEvent event)
{
    switch (event) {
    case Runtime::TriggerEvent::Insert:
        return tr("insert");
    case Runtime::TriggerEvent::Update:
        return tr("update");
    case Runtime::TriggerEvent::Delete:
        return tr("delete");
    case Runtime::TriggerEvent::SignUp:
        return tr("sign-up");
    case Runtime::TriggerEvent::SignIn:
        return tr("sign-in");
    }
    return {};
}

QString LogicTexts::parameterTypeName(Runtime::ParameterType type)
{
    switch (type) {
    case Runtime::ParameterType::Text:
        return tr("text");
    case Runtime::ParameterType::Integer:
        return tr("integer");
    case Runtime::ParameterType::Number:
        return tr("number");
    case Runtime::ParameterType::Boolean:
        return tr("boolean");
    case Runtime::ParameterType::Uuid:
        return tr("uuid");
    case Runtime::ParameterType::Json:
        return tr("JSON");
    }
    return {};
}

QString LogicTexts::locationName(Runtime::ParameterLocation location)
{
    switch (location) {
    case Runtime::ParameterLocation::Path:
        return tr("path");
    case Runtime::ParameterLocation::Query:
        return tr("query");
    case Runtime::ParameterLocation::Body:
        return tr("body");
    }
    return {};
}

} // namespace Designer
