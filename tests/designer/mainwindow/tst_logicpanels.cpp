// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of endpoints, triggers and schedules in the main window: the project tree's groups and summaries, the
// Add actions and editor tabs, "Try it" filling the API console, deleting a function with its callers, and
// the trigger badge on a table's card.
#include "canvas/erview.h"
#include "canvas/tableitem.h"
#include "console/requestconsole.h"
#include "document/projectdocument.h"
#include "editors/endpointeditor.h"
#include "editors/scheduleeditor.h"
#include "editors/triggereditor.h"
#include "mainwindow/deleteguard.h"
#include "mainwindow/fileactions.h"
#include "mainwindow/functionpanels.h"
#include "mainwindow/logicpanels.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/projecttree.h"
#include "mainwindow/runpanels.h"
#include "io/projectreader.h"
#include "io/projectwriter.h"
#include "testsupport.h"
#include "windowtestsupport.h"

#include <QAction>
#include <QGraphicsScene>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

using namespace Designer;
using namespace Qt::StringLiterals;
using Runtime::ObjectId;
using namespace WindowTests;

namespace {
TableItem *cardOf(const MainWindow &window, const ObjectId &tableId)
{
    for (QGraphicsItem *item : window.canvas()->scene()->items()) {
        auto *card = qgraphicsitem_cast<TableItem *>(item);
        if (card && !card->isViewCard() && card->tableId() == tableId)
            return card;
    }
    return nullptr;
}

// Returns the part \a rect of the window's scene, rendered.
QImage renderScene(const MainWindow &window, const QRectF &rect)
{
    QImage image(rect.size().toSize(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    window.canvas()->scene()->render(&painter, QRectF(), rect);
    return image;
}
} // namespace

class tst_LogicPanels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void actionsAndTabs();
    void treeSummaries();
    void tryItFillsConsole();
    void deleteFunctionWithCallers();
    void triggerBadge();

private:
    /** Opens a copy of the ecommerce template without its own functions, endpoints, triggers and schedules
        in \a window, with one function. */
    void openCopy(MainWindow &window);
    QTemporaryDir m_dir;
};

void tst_LogicPanels::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"basalt-tests"_s);
    QCoreApplication::setApplicationName(u"tst_logicpanels"_s);
}

void tst_LogicPanels::init()
{
    QSettings().clear();
    for (const QString &file : FileActions::recoveryFiles())
        QFile::remove(file);
}

void tst_LogicPanels::openCopy(MainWindow &window)
{
    const QString copy = m_dir.filePath(u"shop.basalt"_s);
    QFile::remove(copy);
    Runtime::Result<std::unique_ptr<Runtime::Project>> shop
        = Runtime::readProjectFile(TestSupport::templatePath(u"ecommerce"_s));
    QVERIFY(shop);
    (*shop)->functions.clear();
    (*shop)->endpoints.clear();
    (*shop)->triggers.clear();
    (*shop)->schedules.clear();
    QVERIFY(Runtime::saveProjectFile(**shop, copy));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(copy));
    window.document()->addFunction();
}

void tst_LogicPanels::actionsAndTabs()
{
    MainWindow window;
    openCopy(window);
    ProjectDocument *document = window.document();
    LogicPanels *panels = window.logicPanels();
    auto *button = window.findChild<QToolBar *>(u"mainToolBar"_s)->findChild<QToolButton *>(u"addLogicButton"_s);
    QVERIFY(button && button->menu());
    QCOMPARE(button->defaultAction(), window.functionPanels()->addFunctionAction());
    for (QAction *action :
        {panels->addEndpointAction(), panels->addTriggerAction(), panels->addScheduleAction()}) {
        QVERIFY(button->menu()->actions().contains(action));
        QVERIFY(treeOf(window)->actions().contains(action));
        QVERIFY(menuHas(window.menuBar()->actions(), action));
    }
    panels->addEndpointAction()->trigger();
    QCOMPARE(document->project().endpoints.size(), size_t(1));
    QCOMPARE(tabsOf(window)->currentWidget(), panels->endpointEditor());
    QCOMPARE(tabsOf(window)->tabText(tabsOf(window)->currentIndex()), u"Endpoint endpoint_1"_s);
    // A trigger on the selected table.
    const ObjectId orders = document->project().tableByName(u"orders"_s)->id;
    document->setSelection({orders});
    panels->addTriggerAction()->trigger();
    QCOMPARE(document->project().triggers.front().tableId, orders);
    QCOMPARE(tabsOf(window)->currentWidget(), panels->triggerEditor());
    panels->addScheduleAction()->trigger();
    QCOMPARE(tabsOf(window)->currentWidget(), panels->scheduleEditor());
    QCOMPARE(panels->scheduleEditor()->cronText(), u"every day at 03:00"_s);
    // Double-click (activation) in the tree brings a tab back to the front.
    tabsOf(window)->setCurrentIndex(0);
    const ObjectId endpoint = document->project().endpoints.front().id;
    emit treeOf(window)->itemActivated(treeOf(window)->itemForId(endpoint), 0);
    QCOMPARE(tabsOf(window)->currentWidget(), panels->endpointEditor());
    // Undo takes the schedule away, and its tab with it.
    document->undoStack()->undo();
    QCOMPARE(tabsOf(window)->indexOf(panels->scheduleEditor()), -1);
    QVERIFY(tabsOf(window)->indexOf(panels->triggerEditor()) >= 0);
}

void tst_LogicPanels::treeSummaries()
{
    MainWindow window;
    openCopy(window);
    ProjectDocument *document = window.document();
    const ObjectId endpointId = document->addEndpoint();
    Runtime::Endpoint endpoint = *document->endpoint(endpointId);
    endpoint.path = u"orders/:id/summary"_s;
    document->changeEndpoint(endpoint);
    const ObjectId triggerId = document->addTrigger(document->project().tableByName(u"orders"_s)->id);
    Runtime::Trigger trigger = *document->trigger(triggerId);
    trigger.timing = Runtime::TriggerTiming::Before;
    document->changeTrigger(trigger);
    document->addTrigger();
    const ObjectId scheduleId = document->addSchedule();
    Runtime::Schedule schedule = *document->schedule(scheduleId);
    schedule.timeZone = u"Europe/Berlin"_s;
    document->changeSchedule(schedule);
    QCOMPARE(rowsOf(window, ProjectTree::Group::Functions), QStringList({u"function_1|"_s}));
    QCOMPARE(rowsOf(window, ProjectTree::Group::Endpoints),
        QStringList({u"endpoint_1|GET /api/orders/:id/summary"_s}));
    QCOMPARE(rowsOf(window, ProjectTree::Group::Triggers),
        QStringList({u"orders_after_insert|before insert on orders"_s, u"after_sign_up|after sign-up"_s}));
    QCOMPARE(rowsOf(window, ProjectTree::Group::Schedules),
        QStringList({u"schedule_1|every day at 03:00 (Europe/Berlin)"_s}));
    QCOMPARE(treeOf(window)->groupItem(ProjectTree::Group::Triggers)->text(1), u"2"_s);
}

void tst_LogicPanels::tryItFillsConsole()
{
    MainWindow window;
    openCopy(window);
    ProjectDocument *document = window.document();
    const ObjectId id = document->addEndpoint();
    Runtime::Endpoint endpoint = *document->endpoint(id);
    endpoint.method = u"POST"_s;
    endpoint.path = u"orders/:id/cancel"_s;
    endpoint.callers = {Runtime::CallAccess::Anyone, {}};
    endpoint.parameters
        = {{u"id"_s, Runtime::ParameterType::Integer, Runtime::ParameterLocation::Path, true, {}},
            {u"reason"_s, Runtime::ParameterType::Text, Runtime::ParameterLocation::Body, true, {}}};
    document->changeEndpoint(endpoint);
    window.logicPanels()->endpointEditor()->tryItButton()->click();
    RequestConsole *console = window.runPanels()->console();
    QCOMPARE(tabsOf(window)->currentWidget(), console);
    const ConsoleRequest request = console->currentRequest();
    QCOMPARE(request.method, u"POST"_s);
    QCOMPARE(request.url, u"/api/orders/1/cancel"_s);
    QCOMPARE(
        QJsonDocument::fromJson(request.body.toUtf8()).object().value(u"reason"_s).toString(), u"text"_s);
    QCOMPARE(request.auth, ConsoleAuth::Anon);
}

void tst_LogicPanels::deleteFunctionWithCallers()
{
    MainWindow window;
    openCopy(window);
    ProjectDocument *document = window.document();
    const ObjectId function = document->project().functions.front().id;
    document->addEndpoint();
    document->addSchedule();
    QString asked;
    auto answer = DeleteGuard::Decision::Cancel;
    window.deleteGuard()->setDecisionHook([&](const QString &text) {
        asked = text;
        return answer;
    });
    document->setSelection({function});
    QAction *remove = nullptr;
    for (QAction *action : treeOf(window)->actions()) {
        if (action->shortcut() == QKeySequence(QKeySequence::Delete))
            remove = action;
    }
    QVERIFY(remove);
    remove->trigger();
    QVERIFY2(asked.contains(u"endpoint endpoint_1"_s) && asked.contains(u"schedule schedule_1"_s),
        qPrintable(asked));
    QVERIFY(document->function(function)); // cancelled
    answer = DeleteGuard::Decision::Delete;
    remove->trigger();
    QVERIFY(!document->function(function));
    QVERIFY(document->project().endpoints.empty() && document->project().schedules.empty());
    document->undoStack()->undo();
    QCOMPARE(document->project().endpoints.size(), size_t(1));
    // An endpoint alone goes without a question.
    asked.clear();
    document->setSelection({document->project().endpoints.front().id});
    remove->trigger();
    QVERIFY(document->project().endpoints.empty());
    QCOMPARE(asked, QString());
}

void tst_LogicPanels::triggerBadge()
{
    MainWindow window;
    openCopy(window);
    ProjectDocument *document = window.document();
    const ObjectId orders = document->project().tableByName(u"orders"_s)->id;
    TableItem *card = cardOf(window, orders);
    QVERIFY(card);
    QVERIFY(card->triggers().isEmpty());
    QVERIFY(card->triggerBadgeRect().isEmpty());
    const ObjectId id = document->addTrigger(orders);
    Runtime::Trigger trigger = *document->trigger(id);
    trigger.timing = Runtime::TriggerTiming::Before;
    document->changeTrigger(trigger);
    QCOMPARE(card->triggers(), QStringList({u"before insert: function_1"_s}));
    QVERIFY(!card->triggerBadgeRect().isEmpty());
    QVERIFY(card->boundingRect().contains(card->triggerBadgeRect()));
    // Renaming the function shows in the badge; a second trigger counts.
    Runtime::ScriptFunction function = document->project().functions.front();
    function.name = u"compute_total"_s;
    document->changeFunction(function);
    document->addTrigger(orders);
    QCOMPARE(
        card->triggers(), QStringList({u"before insert: compute_total"_s, u"after insert: compute_total"_s}));
    // The badge is painted: the title where it sits differs from the title without triggers.
    const QRectF badge = card->mapRectToScene(card->triggerBadgeRect());
    const QImage withBadge = renderScene(window, badge);
    card->setTriggers({});
    QVERIFY(renderScene(window, badge) != withBadge);
    document->notify({ChangeEvent::Kind::ProjectChanged, {}});
    QCOMPARE(renderScene(window, badge), withBadge);
    // Undo removes the badge lines step by step.
    document->undoStack()->undo();
    document->undoStack()->undo();
    QCOMPARE(card->triggers(), QStringList({u"before insert: function_1"_s}));
    document->undoStack()->undo();
    document->undoStack()->undo();
    QVERIFY(card->triggers().isEmpty());
}

QTEST_MAIN(tst_LogicPanels)
#include "tst_logicpanels.moc"
