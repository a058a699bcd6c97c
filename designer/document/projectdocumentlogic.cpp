// SPDX-License-Identifier: GPL-3.0-or-later
// ProjectDocument's edit API for the logic beyond functions: endpoints, triggers, schedules and channel rules.
#include "projectdocument.h"

#include "commands/functioncommands.h"
#include "commands/logiccommands.h"
#include "io/projectvalidator.h"

#include <QCoreApplication>
#include <QSet>
#include <QTimeZone>

namespace Designer {

namespace {
// Returns \a base, or base_2, base_3, ... : the first that \a taken does not hold.
QString freeName(const QString &base, const std::function<bool(const QString &)> &taken)
{
    if (!taken(base))
        return base;
    for (int n = 2;; ++n) {
        const QString name = base + QLatin1Char('_') + QString::number(n);
        if (!taken(name))
            return name;
    }
}

// Returns prefix_1, prefix_2, ... : the first that \a taken does not hold.
QString numberedName(const QString &prefix, const std::function<bool(const QString &)> &taken)
{
    for (int n = 1;; ++n) {
        const QString name = prefix + QLatin1Char('_') + QString::number(n);
        if (!taken(name))
            return name;
    }
}

template <typename Part> std::function<bool(const QString &)> nameTaken(const Runtime::Project &project)
{
    return [&project](const QString &name) {
        const auto &parts
            = partsOf(const_cast<Runtime::Project &>(project), static_cast<const Part *>(nullptr));
        return std::any_of(parts.begin(), parts.end(), [&name](const Part &p) { return p.name == name; });
    };
}

Runtime::ObjectId firstFunction(const Runtime::Project &project)
{
    return project.functions.empty() ? Runtime::ObjectId() : project.functions.front().id;
}

// The starter bodies enter the model, so they are not translated.
QString starterCode(const Runtime::Trigger &trigger)
{
    if (Runtime::isAuthEvent(trigger.event))
        return QStringLiteral("// row is the user who signed up or in.\nreturn {};\n");
    return QStringLiteral(
        "// row is the row written (old: the row before an update or delete).\n"
        "// A before trigger may change row, or throw new Error('...') to refuse the write.\n"
        "return {};\n");
}

QString starterCode(const Runtime::Schedule &)
{
    return QStringLiteral("// Runs on its schedule with the service role: db.from(...) sees every row.\n"
                          "return {};\n");
}

QString starterCode(const Runtime::Endpoint &)
{
    return starterFunctionCode();
}

template <typename Part>
void pushChange(ProjectDocument *document, const Part &after, const QString &mergeKey)
{
    const Part *before = findPart<Part>(document->project(), after.id);
    if (before && !(*before == after))
        document->undoStack()->push(new ChangePart<Part>(document, after, mergeKey));
}

// Adds the function for \a part (one of the document's) and points part at it, as one step.
template <typename Part> Runtime::ObjectId pushFunctionFor(ProjectDocument *document, Part part)
{
    const Runtime::Project &project = document->project();
    Runtime::ScriptFunction function;
    function.id = project.newId(QStringLiteral("fn"));
    const auto taken = [&project](const QString &name) {
        return std::any_of(project.functions.begin(), project.functions.end(),
            [&name](const Runtime::ScriptFunction &f) { return f.name == name; });
    };
    function.name = Runtime::isValidIdentifier(part.name) ? freeName(part.name, taken)
                                                          : numberedName(QStringLiteral("function"), taken);
    function.code = starterCode(part);
    part.functionId = function.id;
    QUndoStack *stack = document->undoStack();
    stack->beginMacro(QCoreApplication::translate("Commands", "Add function %1").arg(function.name));
    stack->push(new AddFunction(document, function));
    stack->push(new ChangePart<Part>(document, std::move(part)));
    stack->endMacro();
    return function.id;
}
} // namespace

const Runtime::Endpoint *ProjectDocument::endpoint(const Runtime::ObjectId &id) const
{
    return findPart<Runtime::Endpoint>(*m_project, id);
}

const Runtime::Trigger *ProjectDocument::trigger(const Runtime::ObjectId &id) const
{
    return findPart<Runtime::Trigger>(*m_project, id);
}

const Runtime::Schedule *ProjectDocument::schedule(const Runtime::ObjectId &id) const
{
    return findPart<Runtime::Schedule>(*m_project, id);
}

const Runtime::ChannelRule *ProjectDocument::channelRule(const Runtime::ObjectId &id) const
{
    return findPart<Runtime::ChannelRule>(*m_project, id);
}

QList<Runtime::ObjectId> ProjectDocument::functionUsers(const Runtime::ObjectId &functionId) const
{
    QList<Runtime::ObjectId> ids;
    for (const Runtime::Endpoint &endpoint : m_project->endpoints) {
        if (endpoint.functionId == functionId)
            ids << endpoint.id;
    }
    for (const Runtime::Trigger &trigger : m_project->triggers) {
        if (trigger.functionId == functionId)
            ids << trigger.id;
    }
    for (const Runtime::Schedule &schedule : m_project->schedules) {
        if (schedule.functionId == functionId)
            ids << schedule.id;
    }
    return ids;
}

void ProjectDocument::removeLogicParts(const QList<Runtime::ObjectId> &ids)
{
    QSet<Runtime::ObjectId> done;
    for (const Runtime::ObjectId &id : ids) {
        if (done.contains(id))
            continue;
        done.insert(id);
        if (endpoint(id))
            m_undoStack.push(new RemoveEndpoint(this, id));
        else if (trigger(id))
            m_undoStack.push(new RemoveTrigger(this, id));
        else if (schedule(id))
            m_undoStack.push(new RemoveSchedule(this, id));
        else if (channelRule(id))
            m_undoStack.push(new RemoveChannelRule(this, id));
    }
}

Runtime::ObjectId ProjectDocument::addFunctionFor(const Runtime::ObjectId &partId)
{
    if (const Runtime::Endpoint *part = endpoint(partId))
        return pushFunctionFor(this, *part);
    if (const Runtime::Trigger *part = trigger(partId))
        return pushFunctionFor(this, *part);
    if (const Runtime::Schedule *part = schedule(partId))
        return pushFunctionFor(this, *part);
    return {};
}

Runtime::ObjectId ProjectDocument::addEndpoint()
{
    Runtime::Endpoint endpoint;
    endpoint.id = m_project->newId(QStringLiteral("ep"));
    // Names and paths enter the model and the API, so they are not translated.
    endpoint.name = numberedName(QStringLiteral("endpoint"), nameTaken<Runtime::Endpoint>(*m_project));
    endpoint.path = endpoint.name;
    endpoint.callers.access = Runtime::CallAccess::SignedIn;
    endpoint.functionId = firstFunction(*m_project);
    const Runtime::ObjectId id = endpoint.id;
    m_undoStack.push(new AddEndpoint(this, std::move(endpoint)));
    setSelection({id});
    return id;
}

void ProjectDocument::changeEndpoint(const Runtime::Endpoint &after, const QString &mergeKey)
{
    pushChange(this, after, mergeKey);
}

Runtime::ObjectId ProjectDocument::addTrigger(const Runtime::ObjectId &tableId)
{
    Runtime::Trigger trigger;
    trigger.id = m_project->newId(QStringLiteral("trg"));
    const Runtime::Table *table = m_project->table(tableId);
    if (table) {
        trigger.tableId = table->id;
        trigger.name = table->name + QStringLiteral("_after_insert");
    } else {
        trigger.event = Runtime::TriggerEvent::SignUp;
        trigger.name = QStringLiteral("after_sign_up");
    }
    trigger.name = freeName(trigger.name, nameTaken<Runtime::Trigger>(*m_project));
    trigger.functionId = firstFunction(*m_project);
    const Runtime::ObjectId id = trigger.id;
    m_undoStack.push(new AddTrigger(this, std::move(trigger)));
    setSelection({id});
    return id;
}

void ProjectDocument::changeTrigger(const Runtime::Trigger &after, const QString &mergeKey)
{
    pushChange(this, after, mergeKey);
}

Runtime::ObjectId ProjectDocument::addSchedule()
{
    Runtime::Schedule schedule;
    schedule.id = m_project->newId(QStringLiteral("sch"));
    schedule.name = numberedName(QStringLiteral("schedule"), nameTaken<Runtime::Schedule>(*m_project));
    schedule.cron = QStringLiteral("0 3 * * *");
    const QByteArray zone = QTimeZone::systemTimeZoneId();
    if (!zone.isEmpty() && QTimeZone(zone).isValid())
        schedule.timeZone = QString::fromUtf8(zone);
    schedule.functionId = firstFunction(*m_project);
    const Runtime::ObjectId id = schedule.id;
    m_undoStack.push(new AddSchedule(this, std::move(schedule)));
    setSelection({id});
    return id;
}

void ProjectDocument::changeSchedule(const Runtime::Schedule &after, const QString &mergeKey)
{
    pushChange(this, after, mergeKey);
}

Runtime::ObjectId ProjectDocument::addChannelRule()
{
    Runtime::ChannelRule rule;
    rule.id = m_project->newId(QStringLiteral("chr"));
    // Patterns and rules enter the model, so they are not translated.
    const auto taken = [this](const QString &name) {
        const QString pattern = name + QStringLiteral(":*");
        return std::any_of(m_project->channelRules.begin(), m_project->channelRules.end(),
            [&pattern](const Runtime::ChannelRule &r) { return r.pattern == pattern; });
    };
    rule.pattern = numberedName(QStringLiteral("channel"), taken) + QStringLiteral(":*");
    rule.join = QStringLiteral("auth.uid is not null");
    const Runtime::ObjectId id = rule.id;
    m_undoStack.push(new AddChannelRule(this, std::move(rule)));
    setSelection({id});
    return id;
}

void ProjectDocument::changeChannelRule(const Runtime::ChannelRule &after, const QString &mergeKey)
{
    pushChange(this, after, mergeKey);
}

} // namespace Designer
