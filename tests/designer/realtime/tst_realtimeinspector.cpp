// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the realtime inspector and the request log's realtime figure against a real in-process runtime,
// over a real WebSocket.
#include "console/consolesessions.h"
#include "console/consolestore.h"
#include "console/jsoneditor.h"
#include "console/requestconsole.h"
#include "realtime/realtimeclient.h"
#include "realtime/realtimeeventmodel.h"
#include "realtime/realtimeinspector.h"
#include "realtime/realtimepresence.h"
#include "run/apiclient.h"
#include "run/requestlogdock.h"
#include "testsupport.h"

#include "http/server.h"
#include "http/serverconfig.h"
#include "io/projectreader.h"

#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Designer;

namespace {

/** Returns the first event of \a model named \a event with type \a type, or nullptr. */
const RealtimeEvent *findEvent(
    const RealtimeEventModel &model, const QString &event, const QString &type, bool withheld = false)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        const RealtimeEvent &candidate = model.event(row);
        if (candidate.event == event && candidate.type == type
            && candidate.withheldBecause.isEmpty() != withheld)
            return &candidate;
    }
    return nullptr;
}

} // namespace

class TestRealtimeInspector : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void notRunningSaysHowToStart();
    void receivesAnInsertMadeThroughTheApi();
    void broadcastComesBack();
    void presenceListShowsTrackedEntry();
    void refusedJoinShowsItsReason();
    void withheldChangeNamesTheRule();
    void joinsAsATestUser();
    void heartbeatsAreAnswered();
    void settingsAreSavedWithTheConsole();
    void requestLogCountsSocketsAndChannels();
    void presenceDiffs();

private:
    /** Returns a console and an inspector pointed at the running example. */
    struct Panes
    {
        std::unique_ptr<RequestConsole> console;
        std::unique_ptr<RealtimeInspector> inspector;
    };
    Panes makePanes();
    /** Fills the inspector's form and presses Join; returns once the channel is joined. */
    bool joinWith(RealtimeInspector &inspector, const RealtimeSettings &settings);
    /** Inserts \a row into \a table with the service key; returns the HTTP status. */
    int insert(const QString &table, const QJsonObject &row);

    QTemporaryDir m_dir;
    std::unique_ptr<Runtime::Server> m_server;
    RunTarget m_target;
};

void TestRealtimeInspector::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString file = m_dir.filePath(QStringLiteral("shop.basalt"));
    QVERIFY(QFile::copy(TestSupport::templatePath(QStringLiteral("ecommerce")), file));
    auto project = Runtime::readProjectFile(file);
    QVERIFY(project);
    std::shared_ptr<const Runtime::Project> shared(std::move(project).value());
    QString error;
    m_server
        = TestSupport::startInProcessServer(shared, m_dir.filePath(QStringLiteral("shop.sqlite")), &error);
    QVERIFY2(m_server, qPrintable(error));
    m_target.baseUrl = m_server->url();
    m_target.anonKey = TestSupport::anonKey();
    m_target.serviceKey = TestSupport::serviceKey();
    m_target.project = shared;
    m_target.projectFile = file;
    m_target.changeFeed = m_server->config().changeFeed;
    m_target.realtimeHub = m_server->config().realtimeHub;
}

TestRealtimeInspector::Panes TestRealtimeInspector::makePanes()
{
    Panes panes;
    panes.console = std::make_unique<RequestConsole>();
    panes.console->setTarget(m_target);
    panes.inspector = std::make_unique<RealtimeInspector>(panes.console->store(), panes.console->sessions());
    panes.inspector->resize(1200, 800);
    panes.inspector->show();
    panes.inspector->setTarget(m_target);
    return panes;
}

bool TestRealtimeInspector::joinWith(RealtimeInspector &inspector, const RealtimeSettings &settings)
{
    inspector.setSettings(settings);
    auto *join = inspector.findChild<QPushButton *>(QStringLiteral("realtimeJoin"));
    if (!join || !join->isEnabled())
        return false;
    QTest::mouseClick(join, Qt::LeftButton);
    return QTest::qWaitFor(
        [&] { return inspector.client()->state() == RealtimeClient::State::Joined; }, 10000);
}

int TestRealtimeInspector::insert(const QString &table, const QJsonObject &row)
{
    ApiClient client;
    client.setTarget(m_target);
    ApiRequest request;
    request.method = "POST";
    request.url = QUrl(QStringLiteral("/rest/v1/") + table);
    request.headers = client.serviceHeaders();
    request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    request.body = QJsonDocument(row).toJson(QJsonDocument::Compact);
    auto status = std::make_shared<int>(-1);
    client.send(request, &client, [status](const ApiReply &reply) { *status = reply.status; });
    QTest::qWaitFor([status] { return *status >= 0; }, 10000);
    return *status;
}

void TestRealtimeInspector::notRunningSaysHowToStart()
{
    RequestConsole console;
    RealtimeInspector inspector(console.store(), console.sessions());
    inspector.setTarget(RunTarget {});
    QVERIFY(inspector.statusText().contains(QStringLiteral("Start the backend")));
    QVERIFY(!inspector.findChild<QPushButton *>(QStringLiteral("realtimeJoin"))->isEnabled());
    inspector.join(); // never crashes; says the same
    QVERIFY(inspector.isStatusError());
    QVERIFY(inspector.statusText().contains(QStringLiteral("Run")));
}

void TestRealtimeInspector::receivesAnInsertMadeThroughTheApi()
{
    Panes panes = makePanes();
    RealtimeInspector &inspector = *panes.inspector;
    RealtimeSettings settings;
    settings.channel = QStringLiteral("shop");
    settings.table = QStringLiteral("products");
    settings.event = QStringLiteral("INSERT");
    QVERIFY2(joinWith(inspector, settings), qPrintable(inspector.statusText()));
    QVERIFY(!inspector.isStatusError());
    QVERIFY(inspector.statusText().contains(QStringLiteral("products")));

    QCOMPARE(insert(QStringLiteral("products"),
                 {{QStringLiteral("name"), QStringLiteral("Garden hose")},
                     {QStringLiteral("slug"), QStringLiteral("garden-hose")}, {QStringLiteral("price"), 12.5}}),
        201);
    QTRY_VERIFY(findEvent(*inspector.events(), QStringLiteral("postgres_changes"), QStringLiteral("INSERT")));
    const RealtimeEvent &event
        = *findEvent(*inspector.events(), QStringLiteral("postgres_changes"), QStringLiteral("INSERT"));
    QCOMPARE(event.bindingIds.size(), 1);
    QVERIFY(event.size > 0);
    QCOMPARE(qint64(event.json.size()), event.size); // the frame as it came
    const QJsonObject record
        = QJsonDocument::fromJson(event.json)
              .object()[QStringLiteral("payload")][QStringLiteral("data")][QStringLiteral("record")]
              .toObject();
    QCOMPARE(record[QStringLiteral("slug")].toString(), QStringLiteral("garden-hose"));

    // Selecting it shows its JSON, read-only.
    auto *view = inspector.findChild<QAbstractItemView *>(QStringLiteral("realtimeEvents"));
    view->setCurrentIndex(inspector.events()->index(inspector.events()->rowCount() - 1, 0));
    auto *json = inspector.findChild<JsonEditor *>(QStringLiteral("realtimeEventJson"));
    QVERIFY(json->isReadOnly());
    QTRY_VERIFY(json->text().contains(QStringLiteral("\"garden-hose\"")));
}

void TestRealtimeInspector::broadcastComesBack()
{
    Panes panes = makePanes();
    RealtimeInspector &inspector = *panes.inspector;
    RealtimeSettings settings;
    settings.channel = QStringLiteral("chat");
    QVERIFY2(joinWith(inspector, settings), qPrintable(inspector.statusText()));
    inspector.findChild<QLineEdit *>(QStringLiteral("realtimeBroadcastEvent"))
        ->setText(QStringLiteral("ping"));
    inspector.findChild<JsonEditor *>(QStringLiteral("realtimeBroadcastPayload"))
        ->setText(QStringLiteral("{\"n\": 42}"));
    QTest::mouseClick(
        inspector.findChild<QPushButton *>(QStringLiteral("realtimeSendBroadcast")), Qt::LeftButton);
    QTRY_VERIFY(findEvent(*inspector.events(), QStringLiteral("broadcast"), QStringLiteral("ping")));
    const RealtimeEvent &event
        = *findEvent(*inspector.events(), QStringLiteral("broadcast"), QStringLiteral("ping"));
    QCOMPARE(QJsonDocument::fromJson(event.json)
                 .object()[QStringLiteral("payload")][QStringLiteral("payload")][QStringLiteral("n")]
                 .toInt(),
        42);
    QVERIFY(!inspector.isStatusError());
}

void TestRealtimeInspector::presenceListShowsTrackedEntry()
{
    Panes panes = makePanes();
    RealtimeInspector &inspector = *panes.inspector;
    RealtimeSettings settings;
    settings.channel = QStringLiteral("lobby");
    settings.role = RealtimeSettings::Role::Service;
    QVERIFY2(joinWith(inspector, settings), qPrintable(inspector.statusText()));
    auto *list = inspector.findChild<QListWidget *>(QStringLiteral("realtimePresence"));
    QTRY_VERIFY(findEvent(*inspector.events(), QStringLiteral("presence_state"), QString()));
    QVERIFY(inspector.presence().entries().isEmpty());
    QCOMPARE(list->count(), 1); // the empty state says what to do
    QVERIFY(list->item(0)->text().contains(QStringLiteral("Track")));

    inspector.findChild<JsonEditor *>(QStringLiteral("realtimePresencePayload"))
        ->setText(QStringLiteral("{\"status\": \"busy\"}"));
    QTest::mouseClick(inspector.findChild<QPushButton *>(QStringLiteral("realtimeTrack")), Qt::LeftButton);
    QTRY_COMPARE(inspector.presence().entries().size(), 1);
    const RealtimePresence::Entry entry = inspector.presence().entries().first();
    QCOMPARE(entry.key, QStringLiteral("service_role"));
    QCOMPARE(entry.payload[QStringLiteral("status")].toString(), QStringLiteral("busy"));
    QCOMPARE(list->count(), 1);
    QVERIFY2(list->item(0)->text().contains(QStringLiteral("busy")), qPrintable(list->item(0)->text()));

    QTest::mouseClick(inspector.findChild<QPushButton *>(QStringLiteral("realtimeUntrack")), Qt::LeftButton);
    QTRY_VERIFY(inspector.presence().entries().isEmpty());
}

void TestRealtimeInspector::refusedJoinShowsItsReason()
{
    Panes panes = makePanes();
    RealtimeInspector &inspector = *panes.inspector;
    RealtimeSettings settings;
    settings.channel = QStringLiteral("shop");
    settings.table = QStringLiteral("products");
    settings.filter = QStringLiteral("nosuchcolumn=eq.1");
    inspector.setSettings(settings);
    QSignalSpy refused(inspector.client(), &RealtimeClient::joinRefused);
    QTest::mouseClick(inspector.findChild<QPushButton *>(QStringLiteral("realtimeJoin")), Qt::LeftButton);
    QVERIFY(refused.wait(10000));
    QVERIFY(inspector.isStatusError());
    QVERIFY2(inspector.statusText().contains(QStringLiteral("refused")), qPrintable(inspector.statusText()));
    QVERIFY2(
        inspector.statusText().contains(QStringLiteral("nosuchcolumn")), qPrintable(inspector.statusText()));
    QTRY_COMPARE(inspector.client()->state(), RealtimeClient::State::Closed);
    QVERIFY(inspector.statusText().contains(QStringLiteral("nosuchcolumn"))); // the close does not hide why
    QTRY_VERIFY(inspector.findChild<QPushButton *>(QStringLiteral("realtimeJoin"))->isEnabled());
}

void TestRealtimeInspector::withheldChangeNamesTheRule()
{
    // anon reads products only where active = true: an inactive product is withheld, and the inspector
    // (the designer's own server) says which rule withheld it.
    Panes panes = makePanes();
    RealtimeInspector &inspector = *panes.inspector;
    RealtimeSettings settings;
    settings.channel = QStringLiteral("catalogue");
    settings.table = QStringLiteral("products");
    QVERIFY2(joinWith(inspector, settings), qPrintable(inspector.statusText()));
    const auto product = [](const QString &name, bool active) {
        return QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("slug"), name},
            {QStringLiteral("price"), 9.5}, {QStringLiteral("stock"), 3}, {QStringLiteral("active"), active}};
    };
    QCOMPARE(insert(QStringLiteral("products"), product(QStringLiteral("hidden-lamp"), false)), 201);
    QCOMPARE(insert(QStringLiteral("products"), product(QStringLiteral("shown-lamp"), true)), 201);
    QTRY_VERIFY(findEvent(*inspector.events(), QStringLiteral("postgres_changes"), QStringLiteral("INSERT")));
    QTRY_VERIFY(
        findEvent(*inspector.events(), QStringLiteral("postgres_changes"), QStringLiteral("INSERT"), true));
    const RealtimeEvent &withheld
        = *findEvent(*inspector.events(), QStringLiteral("postgres_changes"), QStringLiteral("INSERT"), true);
    QVERIFY2(withheld.withheldBecause.contains(QStringLiteral("active = true")),
        qPrintable(withheld.withheldBecause));
    QVERIFY(withheld.withheldBecause.contains(QStringLiteral("anon")));
    QCOMPARE(withheld.size, 0);
    QCOMPARE(withheld.bindingIds.size(), 1);
    const RealtimeEvent &sent
        = *findEvent(*inspector.events(), QStringLiteral("postgres_changes"), QStringLiteral("INSERT"));
    QVERIFY(sent.json.contains("shown-lamp"));
    QVERIFY(!sent.json.contains("hidden-lamp"));
}

void TestRealtimeInspector::joinsAsATestUser()
{
    // The console's test user, signed in by the console's sessions: the channel gets their own orders.
    Panes panes = makePanes();
    QSignalSpy ready(panes.console.get(), &RequestConsole::testUserReady);
    panes.console->createTestUser(QStringLiteral("ann@example.com"), QStringLiteral("correct horse battery"),
        QJsonObject {{QStringLiteral("full_name"), QStringLiteral("Ann Archer")}});
    QVERIFY(ready.wait(15000));
    QCOMPARE(ready.first().at(1).toString(), QString());
    const QString userId = panes.console->sessions()->userId(QStringLiteral("ann@example.com"));
    QVERIFY(!userId.isEmpty());

    RealtimeInspector &inspector = *panes.inspector;
    auto *users = inspector.findChild<QComboBox *>(QStringLiteral("realtimeUser"));
    QVERIFY(users->findData(QStringLiteral("ann@example.com")) >= 0);
    RealtimeSettings settings;
    settings.channel = QStringLiteral("my-orders");
    settings.role = RealtimeSettings::Role::User;
    settings.user = QStringLiteral("ann@example.com");
    settings.table = QStringLiteral("orders");
    QVERIFY2(joinWith(inspector, settings), qPrintable(inspector.statusText()));
    QVERIFY(users->isVisible());
    QVERIFY2(inspector.statusText().contains(QStringLiteral("ann@example.com")),
        qPrintable(inspector.statusText()));
    QCOMPARE(insert(QStringLiteral("orders"),
                 {{QStringLiteral("customer_id"), userId},
                     {QStringLiteral("shipping_address"), QStringLiteral("1 Main St")}}),
        201);
    QTRY_VERIFY(findEvent(*inspector.events(), QStringLiteral("postgres_changes"), QStringLiteral("INSERT")));
}

void TestRealtimeInspector::heartbeatsAreAnswered()
{
    Panes panes = makePanes();
    RealtimeInspector &inspector = *panes.inspector;
    inspector.client()->setHeartbeatInterval(2000);
    RealtimeSettings settings;
    settings.channel = QStringLiteral("beats");
    QVERIFY2(joinWith(inspector, settings), qPrintable(inspector.statusText()));
    QSignalSpy answered(inspector.client(), &RealtimeClient::heartbeatAnswered);
    QVERIFY(answered.wait(15000));
    QCOMPARE(inspector.client()->state(), RealtimeClient::State::Joined);
}

void TestRealtimeInspector::settingsAreSavedWithTheConsole()
{
    {
        Panes panes = makePanes();
        RealtimeSettings settings;
        settings.channel = QStringLiteral("saved-room");
        settings.table = QStringLiteral("products");
        settings.event = QStringLiteral("UPDATE");
        settings.filter = QStringLiteral("id=gt.3");
        QVERIFY2(joinWith(*panes.inspector, settings), qPrintable(panes.inspector->statusText()));
    }
    // A new console on the same project: the inspector shows what it last joined with.
    Panes panes = makePanes();
    const RealtimeSettings restored = panes.inspector->settings();
    QCOMPARE(restored.channel, QStringLiteral("saved-room"));
    QCOMPARE(restored.table, QStringLiteral("products"));
    QCOMPARE(restored.event, QStringLiteral("UPDATE"));
    QCOMPARE(restored.filter, QStringLiteral("id=gt.3"));
    QCOMPARE(restored.role, RealtimeSettings::Role::Anon);
}

void TestRealtimeInspector::requestLogCountsSocketsAndChannels()
{
    RequestLogDock log;
    QCOMPARE(log.realtimeText(), QString());
    log.setRealtimeHub(m_target.realtimeHub);
    // Sockets of the tests before may still be closing: wait for none. (No translator is loaded: "%n
    // socket(s)" stays as it is in the source.)
    const auto shows = [&log](int sockets, int channels) {
        const QString text = log.realtimeText();
        return text.startsWith(QStringLiteral("Realtime: %1 socket").arg(sockets))
            && text.contains(QStringLiteral(", %1 channel").arg(channels));
    };
    QTRY_VERIFY(shows(0, 0));
    {
        Panes panes = makePanes();
        RealtimeSettings settings;
        settings.channel = QStringLiteral("counted");
        QVERIFY2(joinWith(*panes.inspector, settings), qPrintable(panes.inspector->statusText()));
        QTRY_VERIFY2(shows(1, 1), qPrintable(log.realtimeText()));
        panes.inspector->leave();
    }
    QTRY_VERIFY2(shows(0, 0), qPrintable(log.realtimeText()));
    log.setRealtimeHub(nullptr);
    QCOMPARE(log.realtimeText(), QString());
}

void TestRealtimeInspector::presenceDiffs()
{
    RealtimePresence presence;
    const auto metas = [](const QString &ref, const QString &status) {
        return QJsonObject {{QStringLiteral("metas"),
            QJsonArray {QJsonObject {{QStringLiteral("phx_ref"), ref}, {QStringLiteral("status"), status}}}}};
    };
    presence.applyState({{QStringLiteral("ann"), metas(QStringLiteral("F1"), QStringLiteral("online"))}});
    QCOMPARE(presence.entries().size(), 1);
    presence.applyDiff(
        {{QStringLiteral("joins"),
             QJsonObject {{QStringLiteral("bob"), metas(QStringLiteral("F2"), QStringLiteral("away"))}}},
            {QStringLiteral("leaves"), QJsonObject()}});
    QCOMPARE(presence.entries().size(), 2);
    // A payload change: the old ref leaves and the new one joins in one diff.
    presence.applyDiff({{QStringLiteral("joins"),
                            QJsonObject {{QStringLiteral("ann"),
                                metas(QStringLiteral("F3"), QStringLiteral("busy"))}}},
        {QStringLiteral("leaves"),
            QJsonObject {{QStringLiteral("ann"), metas(QStringLiteral("F1"), QStringLiteral("online"))}}}});
    QCOMPARE(presence.entries().size(), 2);
    QCOMPARE(presence.entries().last().key, QStringLiteral("ann"));
    QCOMPARE(presence.entries().last().payload[QStringLiteral("status")].toString(), QStringLiteral("busy"));
    QVERIFY(!presence.entries().last().payload.contains(QStringLiteral("phx_ref")));
    presence.applyDiff({{QStringLiteral("joins"), QJsonObject()},
        {QStringLiteral("leaves"),
            QJsonObject {{QStringLiteral("bob"), metas(QStringLiteral("F2"), QStringLiteral("away"))}}}});
    QCOMPARE(presence.entries().size(), 1);
}

QTEST_MAIN(TestRealtimeInspector)
#include "tst_realtimeinspector.moc"
