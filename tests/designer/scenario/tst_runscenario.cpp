// SPDX-License-Identifier: GPL-3.0-or-later
// A builder tries the backend in the real main window: F5 runs the e-commerce template, the canvas's table
// menu fills the API console, requests go out as the anon key, a test user and with explain, the request
// log lists them and opens one again, the Data tab shows the rows, a schema edit reaches the running API,
// and Shift+F5 stops it.
#include "commands/tablecommands.h"
#include "commands/tableedits.h"
#include "console/consolerequest.h"
#include "console/consolesessions.h"
#include "console/requestconsole.h"
#include "console/responseview.h"
#include "data/databrowser.h"
#include "data/rowsmodel.h"
#include "document/projectdocument.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/runpanels.h"
#include "run/apiclient.h"
#include "run/requestlogdock.h"
#include "run/requestlogmodel.h"
#include "run/runcontroller.h"
#include "testsupport.h"

#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace Designer;

namespace {
constexpr int s_timeoutMs = 20000;

// Sends what the console's form holds with Ctrl+Return, as a user does, and returns the reply.
ApiReply sendFromKeyboard(RequestConsole *console)
{
    QSignalSpy replied(console, &RequestConsole::replyReceived);
    auto *url = console->findChild<QLineEdit *>(QStringLiteral("url"));
    url->setFocus(Qt::ShortcutFocusReason);
    QTest::keyClick(url, Qt::Key_Return, Qt::ControlModifier);
    if (!replied.wait(s_timeoutMs))
        return {};
    return console->lastReply();
}

// Returns the rows of the request log whose path starts with \a path.
QList<int> logRows(RequestLogModel *model, const QString &method, const QString &path)
{
    model->flush();
    QList<int> rows;
    for (int row = 0; row < model->rowCount(); ++row) {
        const Runtime::RequestLogEntry &entry = model->entry(row);
        if (entry.method == method.toLatin1() && entry.target.startsWith(path))
            rows.append(row);
    }
    return rows;
}
} // namespace

class TestRunScenario : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void tryTheBackend();

private:
    QTemporaryDir m_dir;
    QString m_file;
};

void TestRunScenario::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("HOME", m_dir.filePath(QStringLiteral("home")).toUtf8());
    QStandardPaths::setTestModeEnabled(true);
    m_file = m_dir.filePath(QStringLiteral("shop.basalt"));
    QVERIFY(QFile::copy(TestSupport::templatePath(QStringLiteral("ecommerce")), m_file));
    QFile::setPermissions(m_file, QFile::ReadOwner | QFile::WriteOwner);
}

void TestRunScenario::tryTheBackend()
{
    MainWindow window;
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.openFile(m_file));
    RunController *controller = window.runController();
    RunPanels *panels = window.runPanels();
    // Another program holds the preferred port: Run takes the next free one.
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    controller->setPreferredPort(squatter.serverPort());

    QVERIFY(panels->runAction()->isEnabled());
    QVERIFY(!panels->stopAction()->isEnabled());
    QTest::keyClick(&window, Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(controller->state(), RunController::State::Running, s_timeoutMs);
    QVERIFY(controller->target().isRunning());
    QVERIFY(controller->target().baseUrl.port() != squatter.serverPort());
    QVERIFY(!panels->runAction()->isEnabled());
    QVERIFY(panels->stopAction()->isEnabled());

    // The canvas's menu for the products table offers the console's requests; "List rows" fills the form.
    ProjectDocument *document = window.document();
    const Runtime::Table *products = document->project().tableByName(QStringLiteral("products"));
    QVERIFY(products);
    QMenu menu;
    panels->addTableEntries(&menu, document, products->id);
    QMenu *tryMenu = nullptr;
    for (QAction *action : menu.actions()) {
        if (action->menu() && action->isEnabled())
            tryMenu = action->menu();
    }
    QVERIFY(tryMenu);
    QAction *listRows = tryMenu->actions().value(0);
    QVERIFY(listRows);
    listRows->trigger();
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("centralTabs"));
    QVERIFY(tabs);
    QCOMPARE(tabs->currentWidget(), panels->console());
    RequestConsole *console = panels->console();
    QVERIFY(console->currentRequest().url.startsWith(QStringLiteral("/rest/v1/products")));

    // Seed a product with the service key, then list as anon: the public-read rule shows active products.
    ConsoleRequest seed;
    seed.method = QStringLiteral("POST");
    seed.url = QStringLiteral("/rest/v1/products");
    seed.auth = ConsoleAuth::Service;
    seed.body = QStringLiteral(R"({"name": "Lamp", "slug": "lamp", "price": 25, "stock": 3, "active": true})");
    console->openRequest(seed);
    QCOMPARE(sendFromKeyboard(console).status, 201);
    ConsoleRequest list;
    list.url = QStringLiteral("/rest/v1/products?select=name");
    list.auth = ConsoleAuth::Anon;
    console->openRequest(list);
    ApiReply reply = sendFromKeyboard(console);
    QCOMPARE(reply.status, 200);
    QCOMPARE(QJsonDocument::fromJson(reply.body).array().size(), 1);

    // A test user signs up through the console and places an order as themselves.
    QSignalSpy ready(console, &RequestConsole::testUserReady);
    console->createTestUser(QStringLiteral("bo@example.com"), QStringLiteral("a long enough password"),
        QJsonObject {{QStringLiteral("full_name"), QStringLiteral("Bo Baker")}});
    QVERIFY(ready.wait(s_timeoutMs));
    QCOMPARE(ready.first().at(1).toString(), QString());
    const QString userId = console->sessions()->userId(QStringLiteral("bo@example.com"));
    QVERIFY(!userId.isEmpty());
    ConsoleRequest order;
    order.method = QStringLiteral("POST");
    order.url = QStringLiteral("/rest/v1/orders");
    order.auth = ConsoleAuth::User;
    order.user = QStringLiteral("bo@example.com");
    order.body = QStringLiteral(R"({"customer_id": "%1", "shipping_address": "2 High St"})").arg(userId);
    console->openRequest(order);
    QCOMPARE(sendFromKeyboard(console).status, 201);

    // The same user may not add categories: with explain, the console shows the refusal and why.
    ConsoleRequest denied;
    denied.method = QStringLiteral("POST");
    denied.url = QStringLiteral("/rest/v1/categories");
    denied.auth = ConsoleAuth::User;
    denied.user = QStringLiteral("bo@example.com");
    denied.explain = true;
    denied.body = QStringLiteral(R"({"name": "Tools", "slug": "tools"})");
    console->openRequest(denied);
    reply = sendFromKeyboard(console);
    QVERIFY2(reply.status == 401 || reply.status == 403, qPrintable(QString::number(reply.status)));
    QVERIFY(!reply.header("X-Basalt-Explain").isEmpty());
    QVERIFY(console->responseView()->explanationText().contains(QStringLiteral("categories")));

    // The request log lists each of them with its caller; Enter on one opens it in the console again.
    RequestLogDock *log = panels->requestLog();
    RequestLogModel *model = log->model();
    QTRY_VERIFY_WITH_TIMEOUT(!logRows(model, QStringLiteral("POST"), QStringLiteral("/rest/v1/categories")).isEmpty(),
        s_timeoutMs);
    const QList<int> orderRows = logRows(model, QStringLiteral("POST"), QStringLiteral("/rest/v1/orders"));
    QCOMPARE(orderRows.size(), 1);
    QCOMPARE(model->entry(orderRows.first()).status, 201);
    QCOMPARE(model->entry(orderRows.first()).userId, userId);
    const QList<int> listed = logRows(model, QStringLiteral("GET"), QStringLiteral("/rest/v1/products?select=name"));
    QCOMPARE(listed.size(), 1);
    QCOMPARE(model->entry(listed.first()).role, QStringLiteral("anon"));
    console->openRequest(ConsoleRequest {});
    tabs->setCurrentIndex(0);
    log->setFilterText(QStringLiteral("products?select=name"));
    QTableView *view = log->view();
    QTRY_COMPARE(view->model()->rowCount(), 1);
    view->setFocus();
    view->setCurrentIndex(view->model()->index(0, 0));
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(tabs->currentWidget(), console);
    QCOMPARE(console->currentRequest().url, QStringLiteral("/rest/v1/products?select=name"));
    QCOMPARE(console->currentRequest().auth, ConsoleAuth::Anon);
    QCOMPARE(sendFromKeyboard(console).status, 200);

    // The Data tab shows the order placed above, through the runtime.
    panels->browseTable(QStringLiteral("orders"));
    QCOMPARE(tabs->currentWidget(), panels->dataBrowser());
    RowsModel *rows = panels->dataBrowser()->model();
    QTRY_COMPARE_WITH_TIMEOUT(rows->rowCount(), 1, s_timeoutMs);

    // A field added in the designer reaches the running API and the grid without a restart.
    const Runtime::Table *orders = document->project().tableByName(QStringLiteral("orders"));
    Runtime::Table withNote = addField(document->project(), *orders, Runtime::FieldType::Text);
    const QString noteName = withNote.fields.back().name;
    document->undoStack()->push(new ChangeTable(document, withNote, addFieldText(*orders, noteName)));
    QTRY_VERIFY_WITH_TIMEOUT(controller->target().project->tableByName(QStringLiteral("orders"))->fieldByName(noteName),
        s_timeoutMs);
    QCOMPARE(controller->state(), RunController::State::Running);
    // The status bar says what was applied.
    QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().contains(noteName), s_timeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int column = 0; column < rows->columnCount(); ++column) {
                if (rows->headerData(column, Qt::Horizontal).toString() == noteName)
                    return true;
            }
            return false;
        }(),
        s_timeoutMs);

    // Shift+F5 stops it and frees the port.
    const quint16 port = quint16(controller->target().baseUrl.port());
    QTest::keyClick(&window, Qt::Key_F5, Qt::ShiftModifier);
    QTRY_COMPARE_WITH_TIMEOUT(controller->state(), RunController::State::Stopped, s_timeoutMs);
    QTcpServer again;
    QVERIFY(again.listen(QHostAddress::LocalHost, port));
    QVERIFY(panels->runAction()->isEnabled());
    QVERIFY(!console->isEnabled() || !controller->target().isRunning());
}

QTEST_MAIN(TestRunScenario)
#include "tst_runscenario.moc"
