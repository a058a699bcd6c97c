// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the endpoint, trigger and schedule editors: edits reach the document as undoable steps, the
// validator's messages show at their fields, "Try it" builds the console request, the schedule in words.
#include "console/endpointrequest.h"
#include "document/projectdocument.h"
#include "editors/endpointeditor.h"
#include "editors/parameterstable.h"
#include "editors/scheduleeditor.h"
#include "editors/triggereditor.h"
#include "scheduling/cronexpression.h"
#include "testsupport.h"
#include "widgets/callerswidget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTimeZone>
#include <QtTest>

using namespace Designer;
using namespace Qt::StringLiterals;
using Runtime::ObjectId;

namespace {
// The ecommerce template, without its own logic, with a function, an endpoint, a trigger on orders and a schedule; the undo stack
// cleared.
std::unique_ptr<ProjectDocument> openDocument()
{
    auto loaded = ProjectDocument::load(TestSupport::templatePath(u"ecommerce"_s));
    if (!loaded)
        qFatal("cannot load the template: %s", qPrintable(loaded.error().toString()));
    auto document = std::move(loaded).value();
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

void chooseData(QComboBox *combo, const QVariant &data)
{
    const int index = combo->findData(data);
    QVERIFY2(index >= 0, qPrintable(data.toString()));
    combo->setCurrentIndex(index);
    emit combo->activated(index);
}
} // namespace

class tst_LogicEditors : public QObject
{
    Q_OBJECT

private slots:
    void endpointPathTyping();
    void endpointFieldsAndProblems();
    void endpointParameters();
    void endpointNewFunction();
    void endpointRequest_data();
    void endpointRequest();
    void tryItButton();
    void triggerTargets();
    void scheduleWordsAndRuns();
    void scheduleBadCron();
    void scheduleTimeZone();
};

void tst_LogicEditors::endpointPathTyping()
{
    auto document = openDocument();
    const ObjectId id = document->project().endpoints.front().id;
    EndpointEditor editor(document.get());
    editor.setPartId(id);
    QVERIFY(editor.isEnabled());
    QCOMPARE(editor.title(), u"Endpoint endpoint_1"_s);
    editor.pathEdit()->clear();
    editor.pathEdit()->setFocus();
    QTest::keyClicks(editor.pathEdit(), u"orders/:id/summary"_s);
    const Runtime::Endpoint *endpoint = document->endpoint(id);
    QCOMPARE(endpoint->path, u"orders/:id/summary"_s);
    // The path parameter followed the typing: only the final :id is left, in the path, required.
    QCOMPARE(endpoint->parameters.size(), size_t(1));
    QCOMPARE(endpoint->parameters.front().name, u"id"_s);
    QCOMPARE(endpoint->parameters.front().location, Runtime::ParameterLocation::Path);
    QVERIFY(endpoint->parameters.front().required);
    QCOMPARE(editor.parametersTable()->rowCount(), 1);
    QCOMPARE(document->undoStack()->count(), 1);
    QCOMPARE(editor.problemAt(u"path"_s), QString());
    // Typing the prefix the label shows is harmless.
    editor.pathEdit()->setText(u"/api/orders"_s);
    emit editor.pathEdit()->textEdited(editor.pathEdit()->text());
    QCOMPARE(document->endpoint(id)->path, u"orders"_s);
    QVERIFY(document->endpoint(id)->parameters.empty());
    document->undoStack()->undo();
    QCOMPARE(document->undoStack()->index(), 0);
    QCOMPARE(document->endpoint(id)->path, u"endpoint_1"_s);
    QCOMPARE(editor.pathEdit()->text(), u"endpoint_1"_s);
}

void tst_LogicEditors::endpointFieldsAndProblems()
{
    auto document = openDocument();
    const ObjectId id = document->project().endpoints.front().id;
    EndpointEditor editor(document.get());
    editor.setPartId(id);
    const int post = editor.methodCombo()->findText(u"POST"_s);
    editor.methodCombo()->setCurrentIndex(post);
    emit editor.methodCombo()->activated(post);
    QCOMPARE(document->endpoint(id)->method, u"POST"_s);
    // Listed roles with none listed: the validator's message under the access.
    editor.callersWidget()->chooseAccess(Runtime::CallAccess::Roles);
    QCOMPARE(document->endpoint(id)->callers.access, Runtime::CallAccess::Roles);
    QVERIFY2(editor.problemAt(u"roles"_s).contains(u"no role is listed"_s),
        qPrintable(editor.problemAt(u"roles"_s)));
    QListWidget *roles = editor.callersWidget()->rolesList();
    QVERIFY(roles->isEnabled());
    roles->item(1)->setCheckState(Qt::Checked); // authenticated
    QCOMPARE(document->endpoint(id)->callers.roles, QStringList({u"authenticated"_s}));
    QCOMPARE(editor.problemAt(u"roles"_s), QString());
    // A second endpoint with the same route: the message is under the path.
    const ObjectId other = document->addEndpoint();
    Runtime::Endpoint copy = *document->endpoint(other);
    copy.method = u"POST"_s;
    copy.path = u"endpoint_1"_s;
    document->changeEndpoint(copy);
    QCOMPARE(editor.problemAt(u"path"_s), QString()); // the first keeps its route
    editor.setPartId(other);
    QVERIFY2(
        editor.problemAt(u"path"_s).contains(u"already serves"_s), qPrintable(editor.problemAt(u"path"_s)));
    // An empty name: under the name.
    editor.nameEdit()->setFocus();
    editor.nameEdit()->selectAll();
    QTest::keyClick(editor.nameEdit(), Qt::Key_Delete);
    QCOMPARE(document->endpoint(other)->name, QString());
    QVERIFY(!editor.problemAt(u"name"_s).isEmpty());
    QVERIFY(editor.title().startsWith(u"Endpoint"_s));
}

void tst_LogicEditors::endpointParameters()
{
    auto document = openDocument();
    const ObjectId id = document->project().endpoints.front().id;
    EndpointEditor editor(document.get());
    editor.setPartId(id);
    editor.findChild<QPushButton *>(u"addParameterButton"_s)->click();
    const Runtime::Endpoint *endpoint = document->endpoint(id);
    QCOMPARE(endpoint->parameters.size(), size_t(1));
    QCOMPARE(endpoint->parameters.front().name, u"param_1"_s);
    QCOMPARE(endpoint->parameters.front().location, Runtime::ParameterLocation::Query);
    ParametersTable *table = editor.parametersTable();
    table->item(0, ParametersTable::NameColumn)->setText(u"limit"_s);
    QCOMPARE(document->endpoint(id)->parameters.front().name, u"limit"_s);
    chooseData(static_cast<QComboBox *>(table->cellWidget(0, ParametersTable::TypeColumn)),
        int(Runtime::ParameterType::Integer));
    QCOMPARE(document->endpoint(id)->parameters.front().type, Runtime::ParameterType::Integer);
    // A body parameter of a GET: the validator's message under the parameters.
    chooseData(static_cast<QComboBox *>(table->cellWidget(0, ParametersTable::LocationColumn)),
        int(Runtime::ParameterLocation::Body));
    QVERIFY2(editor.problemAt(u"parameters"_s).contains(u"has no body"_s),
        qPrintable(editor.problemAt(u"parameters"_s)));
    table->item(0, ParametersTable::RequiredColumn)->setCheckState(Qt::Checked);
    QVERIFY(document->endpoint(id)->parameters.front().required);
    QCOMPARE(document->undoStack()->count(), 5);
    table->setCurrentCell(0, ParametersTable::NameColumn);
    editor.findChild<QPushButton *>(u"removeParameterButton"_s)->click();
    QVERIFY(document->endpoint(id)->parameters.empty());
    QCOMPARE(editor.problemAt(u"parameters"_s), QString());
}

void tst_LogicEditors::endpointNewFunction()
{
    auto document = openDocument();
    const ObjectId id = document->project().endpoints.front().id;
    EndpointEditor editor(document.get());
    editor.setPartId(id);
    QComboBox *functions = editor.functionCombo();
    QCOMPARE(functions->currentText(), u"function_1"_s);
    const int newIndex = functions->count() - 1;
    QCOMPARE(functions->itemText(newIndex), u"New function…"_s);
    functions->setCurrentIndex(newIndex);
    emit functions->activated(newIndex);
    QCOMPARE(document->project().functions.size(), size_t(2));
    const Runtime::ScriptFunction &created = document->project().functions.back();
    QCOMPARE(created.name, u"endpoint_1"_s);
    QCOMPARE(document->endpoint(id)->functionId, created.id);
    QCOMPARE(functions->currentText(), u"endpoint_1"_s);
    QCOMPARE(document->undoStack()->count(), 1);
    // A function that is gone: the combo says so instead of showing another, and the message is at it.
    document->undoStack()->undo();
    document->removeFunction(document->project().functions.front().id);
    QVERIFY(!document->endpoint(id)); // it went with its function
    document->undoStack()->undo();
    Runtime::Endpoint dangling = *document->endpoint(id);
    dangling.functionId = u"fn_gone"_s;
    document->changeEndpoint(dangling);
    QCOMPARE(functions->currentText(), u"(choose a function)"_s);
    QVERIFY(editor.problemAt(u"function"_s).contains(u"fn_gone"_s));
}

void tst_LogicEditors::endpointRequest_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("access");
    QTest::addColumn<QStringList>("roles");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("body");
    QTest::addColumn<int>("auth");
    QTest::newRow("path and query, anyone")
        << u"GET"_s << u"orders/:id/summary"_s << int(Runtime::CallAccess::Anyone) << QStringList()
        << u"/api/orders/text/summary?limit=1&q=text"_s << QString() << int(ConsoleAuth::Anon);
    QTest::newRow("body, signed in") << u"POST"_s << u"orders/:id/cancel"_s
                                     << int(Runtime::CallAccess::SignedIn) << QStringList()
                                     << u"/api/orders/1/cancel?limit=1&q=text"_s
                                     << u"{\"flag\":true,\"note\":\"text\"}"_s << int(ConsoleAuth::User);
    QTest::newRow("roles with anon") << u"GET"_s << u"x/:id"_s << int(Runtime::CallAccess::Roles)
                                     << QStringList({u"anon"_s}) << u"/api/x/text?limit=1&q=text"_s
                                     << QString() << int(ConsoleAuth::Anon);
    QTest::newRow("roles") << u"GET"_s << u"x/:id"_s << int(Runtime::CallAccess::Roles)
                           << QStringList({u"authenticated"_s}) << u"/api/x/text?limit=1&q=text"_s
                           << QString() << int(ConsoleAuth::User);
    QTest::newRow("service") << u"DELETE"_s << u"x/:id"_s << int(Runtime::CallAccess::Service)
                             << QStringList() << u"/api/x/text?limit=1&q=text"_s << QString()
                             << int(ConsoleAuth::Service);
}

void tst_LogicEditors::endpointRequest()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(int, access);
    QFETCH(QStringList, roles);
    QFETCH(QString, url);
    QFETCH(QString, body);
    QFETCH(int, auth);
    Runtime::Endpoint endpoint;
    endpoint.method = method;
    endpoint.path = path;
    endpoint.callers = {Runtime::CallAccess(access), roles};
    using P = Runtime::EndpointParameter;
    endpoint.parameters = EndpointEditor::withPathParameters(
        {P {u"limit"_s, Runtime::ParameterType::Integer, Runtime::ParameterLocation::Query, false, {}},
            P {u"q"_s, Runtime::ParameterType::Text, Runtime::ParameterLocation::Query, true, {}}},
        path);
    if (method == u"POST"_s) {
        endpoint.parameters.back().type = Runtime::ParameterType::Integer; // the path's id
        endpoint.parameters.push_back(
            {u"note"_s, Runtime::ParameterType::Text, Runtime::ParameterLocation::Body, true, {}});
        endpoint.parameters.push_back(
            {u"flag"_s, Runtime::ParameterType::Boolean, Runtime::ParameterLocation::Body, false, {}});
    }
    const ConsoleRequest request = Designer::endpointRequest(endpoint);
    QCOMPARE(request.method, method);
    QCOMPARE(request.url, url);
    QCOMPARE(int(request.auth), auth);
    QCOMPARE(QJsonDocument::fromJson(request.body.toUtf8()).toJson(QJsonDocument::Compact),
        body.toUtf8().isEmpty() ? QByteArray() : body.toUtf8());
    QCOMPARE(request.header(u"Content-Type"_s).isNull(), body.isEmpty());
}

void tst_LogicEditors::tryItButton()
{
    auto document = openDocument();
    const ObjectId id = document->project().endpoints.front().id;
    EndpointEditor editor(document.get());
    editor.setPartId(id);
    QSignalSpy spy(&editor, &EndpointEditor::tryItRequested);
    editor.tryItButton()->click();
    QCOMPARE(spy.size(), 1);
    const auto request = spy.at(0).at(0).value<ConsoleRequest>();
    QCOMPARE(request.url, u"/api/endpoint_1"_s);
    QCOMPARE(request.auth, ConsoleAuth::User);
}

void tst_LogicEditors::triggerTargets()
{
    auto document = openDocument();
    const ObjectId id = document->project().triggers.front().id;
    TriggerEditor editor(document.get());
    editor.setPartId(id);
    QCOMPARE(editor.targetCombo()->currentText(), u"orders"_s);
    QCOMPARE(editor.timingCombo()->count(), 2);
    chooseData(editor.timingCombo(), int(Runtime::TriggerTiming::Before));
    QCOMPARE(document->trigger(id)->timing, Runtime::TriggerTiming::Before);
    QVERIFY2(editor.explanation().contains(u"change row"_s), qPrintable(editor.explanation()));
    chooseData(editor.eventCombo(), int(Runtime::TriggerEvent::Update));
    QCOMPARE(document->trigger(id)->event, Runtime::TriggerEvent::Update);
    // To the auth events: sign-up, after, no table, in one step; before is not offered.
    const int steps = document->undoStack()->count();
    const int auth = editor.targetCombo()->count() - 1;
    editor.targetCombo()->setCurrentIndex(auth);
    emit editor.targetCombo()->activated(auth);
    const Runtime::Trigger *trigger = document->trigger(id);
    QCOMPARE(trigger->tableId, QString());
    QCOMPARE(trigger->event, Runtime::TriggerEvent::SignUp);
    QCOMPARE(trigger->timing, Runtime::TriggerTiming::After);
    QCOMPARE(document->undoStack()->count(), steps + 1);
    QCOMPARE(editor.timingCombo()->count(), 1);
    QCOMPARE(editor.eventCombo()->count(), 2);
    QCOMPARE(editor.problemAt({}), QString());
    QCOMPARE(editor.problemAt(u"table"_s), QString());
    // Back to a table: insert.
    chooseData(editor.targetCombo(), document->project().tableByName(u"products"_s)->id);
    QCOMPARE(document->trigger(id)->event, Runtime::TriggerEvent::Insert);
    editor.enabledCheck()->click();
    QVERIFY(!document->trigger(id)->enabled);
    editor.nameEdit()->selectAll();
    QTest::keyClicks(editor.nameEdit(), u"stock"_s);
    QCOMPARE(document->trigger(id)->name, u"stock"_s);
    QCOMPARE(editor.title(), u"Trigger stock"_s);
}

void tst_LogicEditors::scheduleWordsAndRuns()
{
    auto document = openDocument();
    const ObjectId id = document->project().schedules.front().id;
    Runtime::Schedule berlin = *document->schedule(id);
    berlin.timeZone = u"Europe/Berlin"_s;
    document->changeSchedule(berlin);
    ScheduleEditor editor(document.get());
    editor.setReferenceTime(QDateTime(QDate(2026, 3, 27), QTime(12, 0), QTimeZone("Europe/Berlin")));
    editor.setPartId(id);
    QCOMPARE(editor.cronText(), u"every day at 03:00"_s);
    const QStringList runs = editor.nextRunsText().split(u'\n');
    QCOMPARE(runs.size(), 5);
    for (const QString &run : runs)
        QVERIFY2(run.contains(u"03:00"_s), qPrintable(run));
    QVERIFY(runs.at(0).contains(u"28"_s));
    QVERIFY(runs.at(4).contains(u"Apr 2026"_s));
    // Typing: each edit validated, the words follow, one step.
    editor.cronEdit()->selectAll();
    QTest::keyClicks(editor.cronEdit(), u"*/15 * * * *"_s);
    QCOMPARE(document->schedule(id)->cron, u"*/15 * * * *"_s);
    QCOMPARE(editor.cronText(), u"every 15 minutes"_s);
    QCOMPARE(editor.nextRunsText().split(u'\n').first().right(9).left(5), u"12:15"_s);
    QCOMPARE(document->undoStack()->count(), 2);
}

void tst_LogicEditors::scheduleBadCron()
{
    auto document = openDocument();
    const ObjectId id = document->project().schedules.front().id;
    ScheduleEditor editor(document.get());
    editor.setPartId(id);
    editor.cronEdit()->selectAll();
    QTest::keyClicks(editor.cronEdit(), u"61 * * * *"_s);
    const auto parsed = Runtime::CronExpression::parse(u"61 * * * *"_s);
    QVERIFY(!parsed);
    QCOMPARE(editor.cronText(), QString());
    QCOMPARE(editor.nextRunsText(), QString());
    QCOMPARE(editor.problemAt(u"cron"_s), parsed.error().message);
    document->undoStack()->undo();
    QCOMPARE(editor.cronText(), u"every day at 03:00"_s);
    QCOMPARE(editor.problemAt(u"cron"_s), QString());
}

void tst_LogicEditors::scheduleTimeZone()
{
    auto document = openDocument();
    const ObjectId id = document->project().schedules.front().id;
    ScheduleEditor editor(document.get());
    editor.setPartId(id);
    QVERIFY(editor.timeZoneCombo()->findText(u"Asia/Tokyo"_s) >= 0);
    emit editor.timeZoneCombo()->textActivated(u"Asia/Tokyo"_s);
    QCOMPARE(document->schedule(id)->timeZone, u"Asia/Tokyo"_s);
    QVERIFY(editor.nextRunsText().contains(u"03:00"_s));
    emit editor.timeZoneCombo()->textActivated(u"Mars/Olympus"_s);
    QCOMPARE(document->schedule(id)->timeZone, u"Mars/Olympus"_s);
    QVERIFY(editor.problemAt(u"timeZone"_s).contains(u"Mars/Olympus"_s));
    QCOMPARE(editor.nextRunsText(), QString());
    QCOMPARE(editor.title(), u"Schedule schedule_1"_s);
}

QTEST_MAIN(tst_LogicEditors)
#include "tst_logiceditors.moc"
