// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the designer's Run: RunController, RunStatusWidget and the main window's runtime.
#include "testsupport.h"

#include "commands/tablecommands.h"
#include "commands/tableedits.h"
#include "document/projectdocument.h"
#include "io/projectreader.h"
#include "mainwindow/deleteguard.h"
#include "mainwindow/mainwindow.h"
#include "run/migrationdialog.h"
#include "run/runcontroller.h"
#include "run/runstatuswidget.h"

#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFileInfo>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Designer;
using State = RunController::State;

namespace {
constexpr int s_timeoutMs = 30000;

struct Reply
{
    int status = 0;
    QByteArray body;
    QString error;
};

/** Sends requests to the running runtime over real sockets, waiting with the event loop running. */
class Client
{
public:
    Client() { m_network.setProxy(QNetworkProxy::NoProxy); }

    Reply send(const RunTarget &target, const QByteArray &method, const QString &path, const QByteArray &key,
        const QByteArray &body = {})
    {
        QNetworkRequest request(target.baseUrl.resolved(QUrl(path)));
        request.setRawHeader("apikey", key);
        request.setRawHeader("Authorization", "Bearer " + key);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(s_timeoutMs))
            return {0, {}, QStringLiteral("timed out")};
        Reply result {
            reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(), {}};
        if (result.status == 0)
            result.error = reply->errorString();
        reply->deleteLater();
        return result;
    }

private:
    QNetworkAccessManager m_network;
};

QByteArray describe(const Reply &reply)
{
    return QByteArray::number(reply.status) + ' ' + reply.body.left(300) + ' ' + reply.error.toUtf8();
}

const Runtime::Table &tableNamed(const ProjectDocument &document, const QString &name)
{
    const Runtime::Table *table = document.project().tableByName(name);
    Q_ASSERT(table);
    return *table;
}
} // namespace

class tst_Run : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void startsOnNextFreePort();
    void followsSchemaEdits();
    void destructiveChangeWaitsForConfirmation();
    void invalidProjectNotApplied();
    void stopFreesPort();
    void untitledRunsOnTemporaryDatabase();
    void saveAsKeepsTestData();
    void windowStaysResponsive();
    void unreadableDatabaseFails();
    void noFreePortFails();
    void statusWidget();
    void mainWindowRuns();

private:
    /** Copies the ecommerce template into the test's folder and opens it. */
    std::unique_ptr<ProjectDocument> openCopy();
    /** Returns the ecommerce template as a project never saved (empty when it cannot be read). */
    static std::unique_ptr<Runtime::Project> untitledShop();
    /** Starts \a controller and waits until it runs. */
    bool startAndWait(RunController &controller);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_projectFile;
    Client m_client;
};

void tst_Run::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("basalt-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_run"));
}

void tst_Run::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_projectFile = m_dir->filePath(QStringLiteral("shop.basalt"));
}

void tst_Run::cleanup()
{
    m_dir.reset();
}

std::unique_ptr<ProjectDocument> tst_Run::openCopy()
{
    QFile::remove(m_projectFile);
    if (!QFile::copy(TestSupport::templatePath(QStringLiteral("ecommerce")), m_projectFile))
        return nullptr;
    QFile::setPermissions(m_projectFile, QFile::ReadOwner | QFile::WriteOwner);
    Runtime::Result<std::unique_ptr<ProjectDocument>> document = ProjectDocument::load(m_projectFile);
    return document ? std::move(document).value() : nullptr;
}

std::unique_ptr<Runtime::Project> tst_Run::untitledShop()
{
    Runtime::Result<std::unique_ptr<Runtime::Project>> project
        = Runtime::readProjectFile(TestSupport::templatePath(QStringLiteral("ecommerce")));
    return project ? std::move(project).value() : std::make_unique<Runtime::Project>();
}

bool tst_Run::startAndWait(RunController &controller)
{
    controller.start();
    if (!QTest::qWaitFor(
            [&] { return controller.state() == State::Running || controller.state() == State::Failed; },
            s_timeoutMs))
        qWarning("still %s", qPrintable(controller.stateText()));
    if (controller.state() != State::Running)
        qWarning("%s", qPrintable(controller.errorText()));
    return controller.state() == State::Running && controller.target().isRunning();
}

void tst_Run::startsOnNextFreePort()
{
    std::unique_ptr<ProjectDocument> document = openCopy();
    QVERIFY(document);
    RunController controller;
    controller.setDocument(document.get());
    QCOMPARE(controller.preferredPort(), quint16(8765));
    // Whether this test or something else holds 8765, the runtime must take another port.
    QTcpServer blocker;
    const bool blocked = blocker.listen(QHostAddress::LocalHost, 8765);
    QSignalSpy targets(&controller, &RunController::targetChanged);
    QVERIFY(startAndWait(controller));
    const int port = controller.target().baseUrl.port();
    QVERIFY2(port > 8765 && port < 8765 + RunController::s_portAttempts, qPrintable(QString::number(port)));
    QVERIFY(blocked || !blocker.isListening());
    QCOMPARE(targets.count(), 1);
    QVERIFY(controller.stateText().contains(controller.target().baseUrl.toString()));

    const RunTarget target = controller.target();
    QCOMPARE(target.projectFile, m_projectFile);
    QCOMPARE(target.databasePath, m_dir->filePath(QStringLiteral("shop.sqlite")));
    QVERIFY(QFile::exists(target.databasePath));
    QVERIFY(!target.anonKey.isEmpty());
    QVERIFY(target.anonKey != target.serviceKey);
    QCOMPARE(target.project->name, document->project().name);

    QList<Runtime::RequestLogEntry> logged;
    connect(&controller, &RunController::requestLogged, this,
        [&logged](const Runtime::RequestLogEntry &entry) { logged.append(entry); });
    // Anon may read categories but not write them; the service key may.
    const Reply read = m_client.send(target, "GET", QStringLiteral("/rest/v1/categories"), target.anonKey);
    QVERIFY2(read.status == 200, describe(read));
    QTRY_COMPARE_WITH_TIMEOUT(logged.size(), 1, s_timeoutMs);
    QCOMPARE(logged.constFirst().method, QByteArray("GET"));
    QCOMPARE(logged.constFirst().target, QStringLiteral("/rest/v1/categories"));
    QCOMPARE(logged.constFirst().status, 200);
    const QByteArray row = R"({"name":"Books","slug":"books"})";
    QCOMPARE(m_client.send(target, "POST", QStringLiteral("/rest/v1/categories"), target.anonKey, row).status,
        401);
    const Reply written
        = m_client.send(target, "POST", QStringLiteral("/rest/v1/categories"), target.serviceKey, row);
    QVERIFY2(written.status == 201, describe(written));
    // A key signed with another secret is refused.
    QCOMPARE(m_client.send(target, "GET", QStringLiteral("/rest/v1/categories"), TestSupport::anonKey() + "x")
                 .status,
        401);
}

void tst_Run::followsSchemaEdits()
{
    std::unique_ptr<ProjectDocument> document = openCopy();
    QVERIFY(document);
    RunController controller;
    controller.setDocument(document.get());
    QVERIFY(startAndWait(controller));
    const RunTarget started = controller.target();
    QSignalSpy applied(&controller, &RunController::migrationApplied);
    QSignalSpy targets(&controller, &RunController::targetChanged);

    // A new table with one more field, as the canvas and the table editor make them.
    Runtime::Table table;
    table.id = document->project().newId(QStringLiteral("tbl"));
    table.name = QStringLiteral("notes");
    Runtime::Field id;
    id.id = document->project().newId(QStringLiteral("fld"));
    id.name = QStringLiteral("id");
    id.type = Runtime::FieldType::Uuid;
    id.primaryKey = Runtime::PrimaryKeyKind::Uuid;
    id.defaultValue.kind = Runtime::DefaultValue::Kind::RandomUuid;
    table.fields.push_back(id);
    document->undoStack()->push(new AddTables(document.get(), {table}));
    const Runtime::Table withField = addField(
        document->project(), tableNamed(*document, QStringLiteral("notes")), Runtime::FieldType::Text);
    document->undoStack()->push(new ChangeTable(document.get(), withField, QStringLiteral("Add field")));

    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, s_timeoutMs); // the two edits make one migration
    QCOMPARE(controller.state(), State::Running);
    QVERIFY(applied.constFirst().constFirst().toString().contains(QLatin1String("notes")));
    QVERIFY(!targets.isEmpty());
    const RunTarget target = controller.target();
    QCOMPARE(target.baseUrl, started.baseUrl); // no restart
    QVERIFY(target.project->tableByName(QStringLiteral("notes")));

    const Reply created = m_client.send(
        target, "POST", QStringLiteral("/rest/v1/notes"), target.serviceKey, R"({"text_1":"hello"})");
    QVERIFY2(created.status == 201, describe(created));
    const Reply read
        = m_client.send(target, "GET", QStringLiteral("/rest/v1/notes?select=text_1"), target.serviceKey);
    QVERIFY2(read.status == 200, describe(read));
    QCOMPARE(QJsonDocument::fromJson(read.body).array(),
        QJsonArray({QJsonObject {{QStringLiteral("text_1"), QStringLiteral("hello")}}}));

    // Moving tables on the canvas changes nothing the runtime serves: no migration, no new target.
    targets.clear();
    const Runtime::ObjectId notes = tableNamed(*document, QStringLiteral("notes")).id;
    document->undoStack()->push(new MoveTables(document.get(), {{notes, QPointF(500, 500)}}));
    QTest::qWait(RunController::s_followDelayMs * 2);
    QCOMPARE(targets.count(), 0);
    QCOMPARE(controller.state(), State::Running);
}

void tst_Run::destructiveChangeWaitsForConfirmation()
{
    std::unique_ptr<ProjectDocument> document = openCopy();
    QVERIFY(document);
    RunController controller;
    controller.setDocument(document.get());
    QVERIFY(startAndWait(controller));
    const RunTarget target = controller.target();
    const Reply created = m_client.send(target, "POST", QStringLiteral("/rest/v1/categories"),
        target.serviceKey, R"({"name":"Books","slug":"books","description":"keep me"})");
    QVERIFY2(created.status == 201, describe(created));
    QSignalSpy asked(&controller, &RunController::confirmationRequested);
    QSignalSpy applied(&controller, &RunController::migrationApplied);

    const Runtime::Table &categories = tableNamed(*document, QStringLiteral("categories"));
    const Runtime::ObjectId description = categories.fieldByName(QStringLiteral("description"))->id;
    document->undoStack()->push(new ChangeTable(
        document.get(), removeField(categories, description), removeFieldText(categories, description)));
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::WaitingForConfirmation, s_timeoutMs);
    QCOMPARE(asked.count(), 1);
    const QString summary = asked.constFirst().constFirst().toString();
    QVERIFY2(summary.contains(QLatin1String("description")), qPrintable(summary));
    QCOMPARE(controller.pendingSummary(), summary);
    QCOMPARE(controller.pendingLosses(),
        QStringList {QStringLiteral("drop column categories.description: 1 non-empty value")});
    QCOMPARE(applied.count(), 0);

    // The old schema is still served, with the data.
    const QString path = QStringLiteral("/rest/v1/categories?select=description&slug=eq.books");
    const Reply still = m_client.send(target, "GET", path, target.serviceKey);
    QVERIFY2(still.status == 200, describe(still));
    QVERIFY(still.body.contains("keep me"));
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        database.setDatabaseName(target.databasePath);
        QVERIFY(database.open());
        QSqlQuery query(database);
        QVERIFY(query.exec(QStringLiteral("SELECT description FROM categories WHERE slug = 'books'")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("keep me"));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));

    controller.confirmDestructive();
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, s_timeoutMs);
    QCOMPARE(controller.state(), State::Running);
    QVERIFY(controller.pendingSummary().isEmpty());
    QCOMPARE(m_client.send(target, "GET", path, target.serviceKey).status, 400);
    QCOMPARE(
        m_client.send(target, "GET", QStringLiteral("/rest/v1/categories?select=name"), target.serviceKey)
            .status,
        200);
}

void tst_Run::invalidProjectNotApplied()
{
    std::unique_ptr<ProjectDocument> document = openCopy();
    QVERIFY(document);
    RunController controller;
    controller.setDocument(document.get());
    QVERIFY(startAndWait(controller));
    const RunTarget target = controller.target();
    QSignalSpy states(&controller, &RunController::stateChanged);

    const Runtime::Table &tags = tableNamed(*document, QStringLiteral("tags"));
    document->undoStack()->push(new ChangeTable(
        document.get(), renameTable(tags, QStringLiteral("Bad Name")), renameTableText(tags)));
    QTRY_VERIFY_WITH_TIMEOUT(!controller.errorText().isEmpty(), s_timeoutMs);
    QCOMPARE(controller.state(), State::Running);
    QVERIFY2(controller.errorText().contains(QLatin1String("Bad Name")), qPrintable(controller.errorText()));
    QVERIFY(!states.isEmpty());
    QCOMPARE(m_client.send(target, "GET", QStringLiteral("/rest/v1/tags"), target.anonKey).status, 200);

    document->undoStack()->undo();
    QTRY_VERIFY_WITH_TIMEOUT(controller.errorText().isEmpty(), s_timeoutMs);
    QCOMPARE(controller.state(), State::Running);
}

void tst_Run::stopFreesPort()
{
    std::unique_ptr<ProjectDocument> document = openCopy();
    QVERIFY(document);
    RunController controller;
    controller.setDocument(document.get());
    QVERIFY(startAndWait(controller));
    const RunTarget target = controller.target();
    const auto port = quint16(target.baseUrl.port());
    QSignalSpy targets(&controller, &RunController::targetChanged);
    controller.stop();
    QCOMPARE(controller.state(), State::Stopped);
    QVERIFY(!controller.target().isRunning());
    QCOMPARE(targets.count(), 1);
    QTcpServer reuse;
    QVERIFY2(reuse.listen(QHostAddress::LocalHost, port), qPrintable(reuse.errorString()));
    reuse.close();
    QVERIFY(m_client.send(target, "GET", QStringLiteral("/rest/v1/tags"), target.anonKey).status == 0);

    // And it starts again on the same database, its rows kept.
    QVERIFY(startAndWait(controller));
    QCOMPARE(controller.target().databasePath, target.databasePath);
}

void tst_Run::untitledRunsOnTemporaryDatabase()
{
    ProjectDocument document(untitledShop());
    QVERIFY(!document.project().tables.empty());
    QVERIFY(document.fileName().isEmpty());
    RunController controller;
    controller.setDocument(&document);
    QVERIFY(startAndWait(controller));
    const RunTarget target = controller.target();
    QVERIFY(target.projectFile.isEmpty());
    QVERIFY(QFile::exists(target.databasePath));
    QVERIFY(!target.databasePath.startsWith(m_dir->path()));
    const Reply written = m_client.send(
        target, "POST", QStringLiteral("/rest/v1/tags"), target.serviceKey, R"({"name":"red"})");
    QVERIFY2(written.status == 201, describe(written));
    controller.stop();
    QVERIFY(!QFile::exists(target.databasePath));
}

void tst_Run::saveAsKeepsTestData()
{
    // An untitled project saved while it runs: the runtime moves to shop.sqlite beside the new file, with
    // the rows written so far, and the temporary database goes.
    ProjectDocument document(untitledShop());
    QVERIFY(!document.project().tables.empty());
    RunController controller;
    controller.setDocument(&document);
    QVERIFY(startAndWait(controller));
    const RunTarget before = controller.target();
    const Reply written = m_client.send(
        before, "POST", QStringLiteral("/rest/v1/tags"), before.serviceKey, R"({"name":"red"})");
    QVERIFY2(written.status == 201, describe(written));

    QVERIFY(document.saveAs(m_projectFile));
    QVERIFY(QTest::qWaitFor([&] {
        return controller.state() == State::Failed
            || (controller.state() == State::Running && controller.target().projectFile == m_projectFile);
    }, s_timeoutMs));
    QVERIFY2(controller.state() == State::Running, qPrintable(controller.errorText()));
    const RunTarget after = controller.target();
    QCOMPARE(QFileInfo(after.databasePath).absoluteFilePath(),
        QFileInfo(m_dir->filePath(QStringLiteral("shop.sqlite"))).absoluteFilePath());
    QVERIFY(!QFile::exists(before.databasePath));
    const Reply read = m_client.send(after, "GET", QStringLiteral("/rest/v1/tags?select=name"), after.serviceKey);
    QVERIFY2(read.status == 200, describe(read));
    QCOMPARE(read.body, QByteArray(R"([{"name":"red"}])"));

    // Saved again under another name: that project's database does not exist yet, so the rows come along.
    const QString other = m_dir->filePath(QStringLiteral("copy.basalt"));
    QVERIFY(document.saveAs(other));
    QVERIFY(QTest::qWaitFor([&] {
        return controller.state() == State::Failed
            || (controller.state() == State::Running && controller.target().projectFile == other);
    }, s_timeoutMs));
    const Reply again = m_client.send(controller.target(), "GET", QStringLiteral("/rest/v1/tags?select=name"),
        controller.target().serviceKey);
    QCOMPARE(again.body, QByteArray(R"([{"name":"red"}])"));
    QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("shop.sqlite")))); // the first one stays
}

// The migration runs off the GUI thread: while it waits for the database (another connection holds its
// lock, so it cannot finish however fast the machine is), the window's events are processed and the state
// says Starting. Had it run on the GUI thread, start() would return only once the migration ended.
void tst_Run::windowStaysResponsive()
{
    std::unique_ptr<ProjectDocument> document = openCopy();
    QVERIFY(document);
    const QString connectionName = QStringLiteral("locker");
    {
        QSqlDatabase locker = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        locker.setDatabaseName(DeleteGuard::localDatabasePath(m_projectFile));
        QVERIFY(locker.open());
        QSqlQuery lock(locker);
        QVERIFY(lock.exec(QStringLiteral("BEGIN EXCLUSIVE")));

        RunController controller;
        controller.setDocument(document.get());
        int ticksWhileStarting = 0;
        QTimer timer;
        timer.setInterval(5);
        connect(&timer, &QTimer::timeout, &controller, [&] {
            if (controller.state() == State::Starting)
                ++ticksWhileStarting;
        });
        timer.start();
        controller.start();
        QCOMPARE(controller.state(), State::Starting);
        QTRY_VERIFY_WITH_TIMEOUT(ticksWhileStarting >= 3, 4000); // well within SQLite's 5 s busy timeout
        QCOMPARE(controller.state(), State::Starting); // still waiting for the lock
        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Running, s_timeoutMs);
        controller.stop();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

void tst_Run::unreadableDatabaseFails()
{
    std::unique_ptr<ProjectDocument> document = openCopy();
    QVERIFY(document);
    QFile garbage(m_dir->filePath(QStringLiteral("shop.sqlite")));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write(QByteArray(4096, 'x'));
    garbage.close();
    RunController controller;
    controller.setDocument(document.get());
    QSignalSpy states(&controller, &RunController::stateChanged);
    QVERIFY(!startAndWait(controller));
    QCOMPARE(controller.state(), State::Failed);
    QVERIFY(!controller.errorText().isEmpty());
    QVERIFY(!controller.target().isRunning());
    QCOMPARE(states.constFirst().constFirst().value<State>(), State::Starting);
    QCOMPARE(QFileInfo(garbage.fileName()).size(), 4096); // nothing overwritten
}

void tst_Run::noFreePortFails()
{
    std::unique_ptr<ProjectDocument> document = openCopy();
    QVERIFY(document);
    // The last port there is, taken: nothing after it to try.
    QTcpServer blocker;
    const bool blocked = blocker.listen(QHostAddress::LocalHost, 65535);
    QVERIFY(blocked || blocker.serverError() == QAbstractSocket::AddressInUseError);
    RunController controller;
    controller.setDocument(document.get());
    controller.setPreferredPort(65535);
    QVERIFY(!startAndWait(controller));
    QCOMPARE(controller.state(), State::Failed);
    QVERIFY2(controller.errorText().contains(QLatin1String("65535")), qPrintable(controller.errorText()));
    QVERIFY(controller.stateText().contains(QLatin1String("Failed")));
    // Fixed, it starts: from Failed as from Stopped.
    blocker.close();
    controller.setPreferredPort(RunController::s_defaultPort);
    QVERIFY(startAndWait(controller));
}

void tst_Run::statusWidget()
{
    std::unique_ptr<ProjectDocument> document = openCopy();
    QVERIFY(document);
    RunController controller;
    controller.setDocument(document.get());
    QStatusBar bar;
    auto *widget = new RunStatusWidget(&controller, &bar);
    bar.addPermanentWidget(widget);
    bar.show();
    QCOMPARE(widget->stateText(), controller.stateText());
    const QString stoppedColor = widget->dotColor();
    QVERIFY(startAndWait(controller));
    QVERIFY(widget->dotColor() != stoppedColor);

    QToolButton *anon = nullptr;
    QToolButton *service = nullptr;
    QToolButton *review = nullptr;
    for (QToolButton *button : widget->findChildren<QToolButton *>()) {
        if (button->text() == QLatin1String("Copy anon key"))
            anon = button;
        else if (button->text() == QLatin1String("Copy service key"))
            service = button;
        else
            review = button;
    }
    QVERIFY(anon && service && review);
    QVERIFY(anon->isVisible());
    QVERIFY(service->toolTip().contains(QLatin1String("bypasses")));
    QTest::mouseClick(anon, Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text().toLatin1(), controller.target().anonKey);
    QTest::mouseClick(service, Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text().toLatin1(), controller.target().serviceKey);
    bool urlShown = false;
    for (QLabel *label : widget->findChildren<QLabel *>())
        urlShown = urlShown
            || (label->isVisible() && label->text().contains(controller.target().baseUrl.toString()));
    QVERIFY(urlShown);
    widget->copyUrl();
    QCOMPARE(QGuiApplication::clipboard()->text(), controller.target().baseUrl.toString());

    // A destructive edit opens the question by itself; "Not now" leaves it waiting.
    QStringList asked;
    bool answer = false;
    widget->setDecisionHook([&](const QString &summary) {
        asked.append(summary);
        return answer;
    });
    QSignalSpy applied(&controller, &RunController::migrationApplied);
    const Runtime::Table &tags = tableNamed(*document, QStringLiteral("products"));
    const Runtime::ObjectId sku = tags.fieldByName(QStringLiteral("sku"))->id;
    // Only a column holding values is destructive to drop: give one product a sku first.
    const RunTarget target = controller.target();
    const Reply product = m_client.send(target, "POST", QStringLiteral("/rest/v1/products"),
        target.serviceKey, R"({"name":"Pen","slug":"pen","price":1.5,"stock":3,"sku":"P-1"})");
    QVERIFY2(product.status == 201, describe(product));
    document->undoStack()->push(
        new ChangeTable(document.get(), removeField(tags, sku), removeFieldText(tags, sku)));
    QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, s_timeoutMs);
    QCOMPARE(controller.state(), State::WaitingForConfirmation);
    QVERIFY(review->isVisible());
    QVERIFY(asked.constFirst().contains(QLatin1String("sku")));
    bool lossShown = false;
    for (QLabel *label : widget->findChildren<QLabel *>())
        lossShown
            = lossShown || (label->isVisible() && label->text().contains(QLatin1String("products.sku")));
    QVERIFY(lossShown);
    answer = true;
    QTest::mouseClick(review, Qt::LeftButton);
    QCOMPARE(asked.size(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, s_timeoutMs);
    QCOMPARE(controller.state(), State::Running);

    // Without a hook the MigrationDialog asks; its Apply button applies.
    widget->setDecisionHook({});
    const Runtime::Table &products = tableNamed(*document, QStringLiteral("products"));
    const Runtime::ObjectId weight = products.fieldByName(QStringLiteral("weight_kg"))->id;
    QCOMPARE(m_client
                 .send(target, "PATCH", QStringLiteral("/rest/v1/products?slug=eq.pen"), target.serviceKey,
                     R"({"weight_kg":0.2})")
                 .status,
        204);
    document->undoStack()->push(
        new ChangeTable(document.get(), removeField(products, weight), removeFieldText(products, weight)));
    MigrationDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (dialog = widget->window()->findChild<MigrationDialog *>()) != nullptr, s_timeoutMs);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->summary().contains(QLatin1String("weight_kg")));
    QPushButton *apply = nullptr;
    for (QPushButton *button : dialog->findChildren<QPushButton *>()) {
        if (button->text().startsWith(QLatin1String("Apply")))
            apply = button;
    }
    QVERIFY(apply);
    QTest::mouseClick(apply, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 2, s_timeoutMs);
    QCOMPARE(controller.state(), State::Running);
    QVERIFY(!review->isVisible());
}

void tst_Run::mainWindowRuns()
{
    MainWindow window;
    QVERIFY(window.runController());
    QCOMPARE(window.runController()->state(), State::Stopped);
    window.show();
    QVERIFY(openCopy()); // writes the copy; the window opens it itself
    QVERIFY(window.openFile(m_projectFile));
    QCOMPARE(window.runController()->document(), window.document());
    QVERIFY(startAndWait(*window.runController()));
    QVERIFY(window.runStatusWidget()->isVisible());
    QVERIFY(window.statusBar()->isAncestorOf(window.runStatusWidget()));
    const RunTarget target = window.runController()->target();
    QCOMPARE(m_client.send(target, "GET", QStringLiteral("/rest/v1/tags"), target.anonKey).status, 200);
    // Opening another project stops the runtime of the first.
    QVERIFY(window.openFile(m_projectFile));
    QCOMPARE(window.runController()->state(), State::Stopped);
}

QTEST_MAIN(tst_Run)
#include "tst_run.moc"
