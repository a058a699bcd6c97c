// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the endpoint, trigger, schedule and channel rule commands and ProjectDocument's edits of them: add,
// change (merged typing), remove, a function removed with its callers, a table removed with its triggers.
#include "commands/logiccommands.h"
#include "commands/ruleedits.h"
#include "commandtestsupport.h"

using namespace Designer;
using namespace CommandTests;
using namespace Qt::StringLiterals;

namespace {
// Returns the ecommerce template, without its own logic, with a function, an endpoint, a trigger on orders and a schedule that call
// it, and the undo stack cleared.
std::unique_ptr<ProjectDocument> withLogic()
{
    auto document = openTemplate(QStringLiteral("ecommerce"));
    // Without the template's own functions (removing one removes its endpoints, triggers and schedules).
    while (!document->project().functions.empty())
        document->removeFunction(document->project().functions.front().id);
    document->addFunction();
    document->addEndpoint();
    document->addTrigger(document->project().tableByName(u"orders"_s)->id);
    document->addSchedule();
    document->undoStack()->clear();
    return document;
}

// Returns the id of the first part of \a kind ("endpoint", "trigger", "schedule") of \a project.
ObjectId firstOf(const Runtime::Project &project, const QString &kind)
{
    if (kind == u"endpoint"_s)
        return project.endpoints.front().id;
    if (kind == u"trigger"_s)
        return project.triggers.front().id;
    return project.schedules.front().id;
}
} // namespace

class tst_LogicCommands : public QObject
{
    Q_OBJECT

private slots:
    void addParts_data();
    void addParts();
    void commands_data();
    void commands();
    void typingMerges();
    void otherKindDoesNotMerge();
    void removeFunctionRemovesCallers();
    void removeTableRemovesTriggers();
    void addFunctionFor_data();
    void addFunctionFor();
    void channelRuleCommands_data();
    void channelRuleCommands();
    void channelRuleEdits();
};

void tst_LogicCommands::addParts_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("text");
    QTest::newRow("endpoint") << u"endpoint"_s << u"endpoint_1"_s << u"Add endpoint endpoint_1"_s;
    QTest::newRow("trigger") << u"trigger"_s << u"orders_after_insert"_s
                             << u"Add trigger orders_after_insert"_s;
    QTest::newRow("schedule") << u"schedule"_s << u"schedule_1"_s << u"Add schedule schedule_1"_s;
}

void tst_LogicCommands::addParts()
{
    QFETCH(QString, kind);
    QFETCH(QString, name);
    QFETCH(QString, text);
    auto document = openTemplate(QStringLiteral("ecommerce"));
    while (!document->project().functions.empty()) // without the template's own logic
        document->removeFunction(document->project().functions.front().id);
    const ObjectId function = document->addFunction();
    document->undoStack()->clear();
    const QByteArray original = Runtime::writeProject(document->project());
    QSignalSpy spy(document.get(), &ProjectDocument::changed);
    const ObjectId orders = document->project().tableByName(u"orders"_s)->id;
    const ObjectId id = kind == u"endpoint"_s ? document->addEndpoint()
        : kind == u"trigger"_s                ? document->addTrigger(orders)
                                              : document->addSchedule();
    QVERIFY(hasEvent(eventsOf(spy), Kind::ProjectChanged, id));
    QCOMPARE(document->selection(), QList<ObjectId>({id}));
    QCOMPARE(document->undoStack()->count(), 1);
    QCOMPARE(document->undoStack()->text(0), text);
    QCOMPARE(validationErrors(document->project()), QString());
    if (kind == u"endpoint"_s) {
        const Runtime::Endpoint *endpoint = document->endpoint(id);
        QCOMPARE(endpoint->name, name);
        QCOMPARE(endpoint->path, name);
        QCOMPARE(endpoint->method, u"GET"_s);
        QCOMPARE(endpoint->callers.access, Runtime::CallAccess::SignedIn);
        QCOMPARE(endpoint->functionId, function);
    } else if (kind == u"trigger"_s) {
        const Runtime::Trigger *trigger = document->trigger(id);
        QCOMPARE(trigger->name, name);
        QCOMPARE(trigger->tableId, orders);
        QCOMPARE(trigger->timing, Runtime::TriggerTiming::After);
        QCOMPARE(trigger->event, Runtime::TriggerEvent::Insert);
        QCOMPARE(trigger->functionId, function);
    } else {
        const Runtime::Schedule *schedule = document->schedule(id);
        QCOMPARE(schedule->name, name);
        QCOMPARE(schedule->cron, u"0 3 * * *"_s);
        QVERIFY(QTimeZone(schedule->timeZone.toUtf8()).isValid());
        QCOMPARE(schedule->functionId, function);
    }
    // A second one gets the next free name.
    const ObjectId second = kind == u"endpoint"_s ? document->addEndpoint()
        : kind == u"trigger"_s                    ? document->addTrigger(orders)
                                                  : document->addSchedule();
    const QString secondName = kind == u"endpoint"_s ? document->endpoint(second)->name
        : kind == u"trigger"_s                       ? document->trigger(second)->name
                                                     : document->schedule(second)->name;
    QCOMPARE(secondName, kind == u"trigger"_s ? name + u"_2"_s : name.chopped(1) + u"2"_s);
    document->undoStack()->undo();
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document->project()), original);
    document->undoStack()->redo();
    QCOMPARE(firstOf(document->project(), kind), id);
}

void tst_LogicCommands::commands_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("text");
    QTest::newRow("add endpoint") << u"endpoint"_s << u"add"_s << u"Add endpoint top_products"_s;
    QTest::newRow("rename endpoint") << u"endpoint"_s << u"rename"_s
                                     << u"Rename endpoint endpoint_1 to renamed"_s;
    QTest::newRow("change endpoint") << u"endpoint"_s << u"change"_s << u"Change endpoint endpoint_1"_s;
    QTest::newRow("remove endpoint") << u"endpoint"_s << u"remove"_s << u"Delete endpoint endpoint_1"_s;
    QTest::newRow("add trigger") << u"trigger"_s << u"add"_s << u"Add trigger top_products"_s;
    QTest::newRow("rename trigger") << u"trigger"_s << u"rename"_s
                                    << u"Rename trigger orders_after_insert to renamed"_s;
    QTest::newRow("change trigger") << u"trigger"_s << u"change"_s << u"Change trigger orders_after_insert"_s;
    QTest::newRow("remove trigger") << u"trigger"_s << u"remove"_s << u"Delete trigger orders_after_insert"_s;
    QTest::newRow("add schedule") << u"schedule"_s << u"add"_s << u"Add schedule top_products"_s;
    QTest::newRow("rename schedule") << u"schedule"_s << u"rename"_s
                                     << u"Rename schedule schedule_1 to renamed"_s;
    QTest::newRow("change schedule") << u"schedule"_s << u"change"_s << u"Change schedule schedule_1"_s;
    QTest::newRow("remove schedule") << u"schedule"_s << u"remove"_s << u"Delete schedule schedule_1"_s;
}

// Builds the command of \a verb for the first part of type Part (or a new one named top_products).
template <typename Part>
QUndoCommand *commandFor(
    ProjectDocument *document, const QString &verb, const std::function<void(Part &)> &edit)
{
    Part part = partsOf(document->editableProject(), static_cast<const Part *>(nullptr)).front();
    if (verb == u"add"_s) {
        part.id = document->project().newId(u"x"_s);
        part.name = u"top_products"_s;
        if constexpr (std::is_same_v<Part, Runtime::Endpoint>)
            part.path = u"products/top"_s;
        return new AddPart<Part>(document, part);
    }
    if (verb == u"remove"_s)
        return new RemovePart<Part>(document, part.id);
    if (verb == u"rename"_s)
        part.name = u"renamed"_s;
    else
        edit(part);
    return new ChangePart<Part>(document, part);
}

void tst_LogicCommands::commands()
{
    QFETCH(QString, kind);
    QFETCH(QString, verb);
    QFETCH(QString, text);
    auto document = withLogic();
    QUndoCommand *command = nullptr;
    if (kind == u"endpoint"_s) {
        command = commandFor<Runtime::Endpoint>(document.get(), verb, [](Runtime::Endpoint &e) {
            e.method = u"POST"_s;
            e.path = u"orders/:id/cancel"_s;
            e.parameters
                = {{u"id"_s, Runtime::ParameterType::Integer, Runtime::ParameterLocation::Path, true, {}},
                    {u"reason"_s, Runtime::ParameterType::Text, Runtime::ParameterLocation::Body, false,
                        u"why"_s}};
            e.callers = {Runtime::CallAccess::Roles, {u"authenticated"_s}};
        });
    } else if (kind == u"trigger"_s) {
        command = commandFor<Runtime::Trigger>(document.get(), verb, [](Runtime::Trigger &t) {
            t.timing = Runtime::TriggerTiming::Before;
            t.event = Runtime::TriggerEvent::Update;
            t.enabled = false;
        });
    } else {
        command = commandFor<Runtime::Schedule>(document.get(), verb, [](Runtime::Schedule &s) {
            s.cron = u"*/15 * * * *"_s;
            s.timeZone = u"Europe/Berlin"_s;
            s.description = u"every quarter hour"_s;
        });
    }
    QCOMPARE(command->text(), text);
    const ObjectId id = firstOf(document->project(), kind);
    pushUndoRedo(*document, command, [&](const Runtime::Project &project, const QList<ChangeEvent> &events) {
        QVERIFY(hasEvent(events, Kind::ProjectChanged));
        const bool present = kind == u"endpoint"_s ? document->endpoint(id) != nullptr
            : kind == u"trigger"_s                 ? document->trigger(id) != nullptr
                                                   : document->schedule(id) != nullptr;
        QCOMPARE(present, verb != u"remove"_s);
        Q_UNUSED(project);
    });
}

void tst_LogicCommands::typingMerges()
{
    auto document = withLogic();
    const QByteArray original = Runtime::writeProject(document->project());
    Runtime::Endpoint endpoint = document->project().endpoints.front();
    for (const QString &path : {u"o"_s, u"orders"_s, u"orders/:id"_s}) {
        endpoint.path = path;
        document->changeEndpoint(endpoint, u"path"_s);
    }
    QCOMPARE(document->undoStack()->count(), 1);
    QCOMPARE(document->endpoint(endpoint.id)->path, u"orders/:id"_s);
    // Another box is another step; typing back to where it started leaves no step.
    endpoint.description = u"d"_s;
    document->changeEndpoint(endpoint, u"description"_s);
    QCOMPARE(document->undoStack()->count(), 2);
    endpoint.description.clear();
    document->changeEndpoint(endpoint, u"description"_s);
    QCOMPARE(document->undoStack()->count(), 1);
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document->project()), original);
    // No change, no step.
    document->changeEndpoint(document->project().endpoints.front(), u"path"_s);
    QCOMPARE(document->undoStack()->index(), 0);
}

void tst_LogicCommands::otherKindDoesNotMerge()
{
    auto document = withLogic();
    Runtime::Trigger trigger = document->project().triggers.front();
    Runtime::Schedule schedule = document->project().schedules.front();
    trigger.name = u"a"_s;
    document->changeTrigger(trigger, u"name"_s);
    schedule.name = u"b"_s;
    document->changeSchedule(schedule, u"name"_s);
    QCOMPARE(document->undoStack()->count(), 2);
    QCOMPARE(document->undoStack()->text(0), u"Rename trigger orders_after_insert to a"_s);
    QCOMPARE(document->undoStack()->text(1), u"Rename schedule schedule_1 to b"_s);
}

void tst_LogicCommands::removeFunctionRemovesCallers()
{
    auto document = withLogic();
    const QByteArray original = Runtime::writeProject(document->project());
    const ObjectId function = document->project().functions.front().id;
    QCOMPARE(document->functionUsers(function).size(), 3);
    QVERIFY(document->removeFunction(function));
    QCOMPARE(document->undoStack()->count(), 1);
    QCOMPARE(document->undoStack()->text(0), u"Delete function function_1"_s);
    const Runtime::Project &project = document->project();
    QVERIFY(project.functions.empty() && project.endpoints.empty() && project.triggers.empty()
        && project.schedules.empty());
    QCOMPARE(validationErrors(project), QString());
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document->project()), original);
    // Deleting the selection does the same, and a selected endpoint alone goes alone.
    document->remove({document->project().endpoints.front().id});
    QCOMPARE(document->project().functions.size(), size_t(1));
    QVERIFY(document->project().endpoints.empty());
    document->remove({function});
    QVERIFY(document->project().triggers.empty() && document->project().schedules.empty());
    document->undoStack()->undo();
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document->project()), original);
}

void tst_LogicCommands::removeTableRemovesTriggers()
{
    auto document = withLogic();
    const QByteArray original = Runtime::writeProject(document->project());
    const ObjectId orders = document->project().tableByName(u"orders"_s)->id;
    QCOMPARE(document->project().triggers.size(), size_t(1));
    document->remove({orders});
    QVERIFY(!document->project().table(orders));
    QVERIFY(document->project().triggers.empty());
    document->undoStack()->undo();
    QCOMPARE(document->project().triggers.size(), size_t(1));
    QCOMPARE(Runtime::writeProject(document->project()), original);
}

void tst_LogicCommands::addFunctionFor_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("name");
    QTest::newRow("endpoint") << u"endpoint"_s << u"endpoint_1"_s;
    QTest::newRow("trigger") << u"trigger"_s << u"orders_after_insert"_s;
    QTest::newRow("schedule") << u"schedule"_s << u"schedule_1"_s;
}

void tst_LogicCommands::addFunctionFor()
{
    QFETCH(QString, kind);
    QFETCH(QString, name);
    auto document = withLogic();
    const QByteArray original = Runtime::writeProject(document->project());
    const ObjectId part = firstOf(document->project(), kind);
    const QList<ObjectId> selection = document->selection();
    const ObjectId function = document->addFunctionFor(part);
    QVERIFY(!function.isEmpty());
    QCOMPARE(document->undoStack()->count(), 1);
    QCOMPARE(document->function(function)->name, name);
    QCOMPARE(document->functionUsers(function), QList<ObjectId>({part}));
    QCOMPARE(document->selection(), selection);
    QCOMPARE(validationErrors(document->project()), QString());
    QVERIFY(document->addFunctionFor(u"nothing"_s).isEmpty());
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document->project()), original);
}

void tst_LogicCommands::channelRuleCommands_data()
{
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("text");
    QTest::newRow("add") << u"add"_s << u"Add channel rule org:{organization_id}:*"_s;
    QTest::newRow("change rules") << u"change"_s << u"Change channel rule channel_1:*"_s;
    QTest::newRow("change pattern") << u"pattern"_s
                                    << u"Change the pattern of channel rule channel_1:* to room:*"_s;
    QTest::newRow("remove") << u"remove"_s << u"Delete channel rule channel_1:*"_s;
}

void tst_LogicCommands::channelRuleCommands()
{
    QFETCH(QString, verb);
    QFETCH(QString, text);
    auto document = withLogic();
    document->addChannelRule();
    document->undoStack()->clear();
    Runtime::ChannelRule rule = document->project().channelRules.front();
    QUndoCommand *command = nullptr;
    if (verb == u"add"_s) {
        Runtime::ChannelRule added {document->project().newId(u"chr"_s), u"org:{organization_id}:*"_s,
            u"auth.uid is not null and organization_id != 'none'"_s, std::nullopt, u""_s, u"Members"_s};
        command = new AddChannelRule(document.get(), added);
    } else if (verb == u"remove"_s) {
        command = new RemoveChannelRule(document.get(), rule.id);
    } else if (verb == u"pattern"_s) {
        rule.pattern = u"room:*"_s;
        command = new ChangeChannelRule(document.get(), rule);
    } else {
        rule.join = u""_s;
        rule.broadcast = u"auth.role = 'authenticated'"_s;
        rule.track.reset();
        rule.description = u"rooms"_s;
        command = new ChangeChannelRule(document.get(), rule);
    }
    QCOMPARE(command->text(), text);
    const size_t before = document->project().channelRules.size();
    pushUndoRedo(*document, command, [&](const Runtime::Project &project, const QList<ChangeEvent> &events) {
        QVERIFY(hasEvent(events, Kind::ProjectChanged));
        const size_t expected = verb == u"add"_s ? before + 1 : (verb == u"remove"_s ? before - 1 : before);
        QCOMPARE(project.channelRules.size(), expected);
        if (verb == u"change"_s)
            QCOMPARE(*document->channelRule(rule.id), rule);
    });
}

void tst_LogicCommands::channelRuleEdits()
{
    auto document = withLogic();
    const QByteArray original = Runtime::writeProject(document->project());
    const ObjectId id = document->addChannelRule();
    QCOMPARE(document->undoStack()->text(0), u"Add channel rule channel_1:*"_s);
    QCOMPARE(document->selection(), QList<ObjectId>({id}));
    const Runtime::ChannelRule *rule = document->channelRule(id);
    QVERIFY(rule);
    QCOMPARE(rule->pattern, u"channel_1:*"_s);
    QCOMPARE(rule->join, std::optional<QString>(u"auth.uid is not null"_s));
    QVERIFY(!rule->broadcast && !rule->track);
    QCOMPARE(validationErrors(document->project()), QString());
    QCOMPARE(document->channelRule(document->addChannelRule())->pattern, u"channel_2:*"_s);
    document->undoStack()->undo();
    // Typing a rule is one step; an invalid rule is the validator's to report, not the document's to refuse.
    Runtime::ChannelRule edited = *document->channelRule(id);
    for (const QString &typed : {u"auth.role"_s, u"auth.role ="_s, u"auth.role = 'authenticated'"_s}) {
        edited.broadcast = typed;
        document->changeChannelRule(edited, u"broadcast"_s);
    }
    QCOMPARE(document->undoStack()->count(), 2);
    QCOMPARE(document->channelRule(id)->broadcast, std::optional<QString>(u"auth.role = 'authenticated'"_s));
    edited.pattern = u"chat:{room}"_s;
    edited.join = u"room != 'staff'"_s;
    document->changeChannelRule(edited);
    QCOMPARE(validationErrors(document->project()), QString());
    // Deleting the selection takes a channel rule too.
    document->remove({id});
    QVERIFY(document->project().channelRules.empty());
    while (document->undoStack()->canUndo())
        document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document->project()), original);
}

QTEST_MAIN(tst_LogicCommands)
#include "tst_logiccommands.moc"
