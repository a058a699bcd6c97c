// SPDX-License-Identifier: GPL-3.0-or-later
// After triggers: the durable queue over real HTTP (also across kill -9), auth events, retries and backoff.
#include "tst_triggers.h"

#include "scripting/functionrunner.h"
#include "storage/database.h"
#include "storage/databasesetup.h"
#include "storage/recordstore.h"
#include "triggers/aftertriggers.h"
#include "triggers/triggerqueue.h"
#include "triggers/triggerworker.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSqlQuery>
#include <QtTest>

#include <csignal>

using namespace Runtime;

namespace {
HttpReply post(QNetworkAccessManager &manager, const QUrl &url, const QByteArray &body, const QByteArray &method = "POST",
    const QByteArray &key = TestSupport::anonKey())
{
    return sendJson(manager, method, url, body, key);
}

// The hit to \a path, its body as JSON; an empty object if there is none.
QJsonObject hitBody(const HookServer &hook, const QByteArray &path)
{
    for (const HookServer::Hit &hit : hook.hits()) {
        if (hit.path == path)
            return QJsonDocument::fromJson(hit.body).object();
    }
    return {};
}

// The jobs in the queue of \a databaseUrl, read directly; -1 if it cannot be read.
qint64 queuedJobs(const QString &databaseUrl)
{
    const QString name = QStringLiteral("queue-probe");
    qint64 count = -1;
    {
        QSqlDatabase db = openDirectly(databaseUrl, name);
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("SELECT COUNT(*) FROM \"_basalt_trigger_queue\"")) && query.next())
            count = query.value(0).toLongLong();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return count;
}

bool waitForEmptyQueue(const QString &databaseUrl)
{
    QDeadlineTimer deadline(60000);
    while (queuedJobs(databaseUrl) != 0) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(100);
    }
    return true;
}
} // namespace

void tst_Triggers::afterTriggers_data()
{
    addEngines();
}

void tst_Triggers::afterTriggers()
{
    QFETCH(QString, engine);
    HookServer hook;
    TriggerServer server;
    START_SERVER(server, engine, hook.url(QString()));
    const QUrl orders = server.url(QStringLiteral("/rest/v1/orders"));
    QCOMPARE(post(m_manager, orders, R"({"item":"pen","qty":3,"price":2})").status, 201);
    QVERIFY(hook.waitForHits(1));
    const QJsonObject inserted = hitBody(hook, "/inserted/INSERT");
    QCOMPARE(inserted[u"row"][u"total"].toDouble(), 6.0); // the row as written, after the before trigger
    QVERIFY(inserted[u"old"].isNull());
    QCOMPARE(inserted[u"path"].toString(), QStringLiteral("orders"));

    QCOMPARE(post(m_manager, server.url(QStringLiteral("/rest/v1/orders?id=eq.1")), R"({"qty":5})", "PATCH").status, 204);
    QVERIFY(hook.waitForHits(2));
    const QJsonObject updated = hitBody(hook, "/updated/UPDATE");
    QCOMPARE(updated[u"row"][u"qty"].toInt(), 5);
    QCOMPARE(updated[u"old"][u"qty"].toInt(), 3);

    QCOMPARE(post(m_manager, server.url(QStringLiteral("/rest/v1/orders?id=eq.1")), {}, "DELETE").status, 204);
    QVERIFY(hook.waitForHits(3));
    const QJsonObject deleted = hitBody(hook, "/deleted/DELETE");
    QVERIFY(deleted[u"row"].isNull());
    QCOMPARE(deleted[u"old"][u"qty"].toInt(), 5);

    // A refused write queues nothing.
    QCOMPARE(post(m_manager, orders, R"({"item":"forbidden","qty":1,"price":1})").status, 400);
    QVERIFY(waitForEmptyQueue(server.databaseUrl()));
    QCOMPARE(hook.hits().size(), 3);
    QCOMPARE(server.process().stop(SIGTERM), 0);
    // The function's console lines are in the server's log, with the trigger's name.
    QVERIFY2(server.process().standardError().contains(QStringLiteral("trigger inserted (function report): reporting INSERT")),
        qPrintable(server.process().standardError()));
}

void tst_Triggers::authEvents_data()
{
    addEngines();
}

void tst_Triggers::authEvents()
{
    QFETCH(QString, engine);
    HookServer hook;
    TriggerServer server;
    START_SERVER(server, engine, hook.url(QString()));
    const QByteArray credentials = R"({"email":"ada@example.com","password":"correct horse","data":{"nick":"ada"}})";
    QCOMPARE(post(m_manager, server.url(QStringLiteral("/auth/v1/signup")), credentials).status, 200);
    QVERIFY(hook.waitForHits(1));
    const QJsonObject signedUp = hitBody(hook, "/signed_up/SIGNUP");
    const QJsonObject user = signedUp[u"row"].toObject();
    QCOMPARE(user.keys(), (QStringList {QStringLiteral("created_at"), QStringLiteral("email"), QStringLiteral("id"), QStringLiteral("user_metadata")}));
    QCOMPARE(user[u"email"].toString(), QStringLiteral("ada@example.com"));
    QCOMPARE(user[u"user_metadata"][u"nick"].toString(), QStringLiteral("ada"));
    QCOMPARE(signedUp[u"user"][u"id"], user[u"id"]);
    // Its db insert ran the table's triggers too: before (the total) and after (reported).
    QVERIFY(hook.waitForHits(2));
    QCOMPARE(hitBody(hook, "/inserted/INSERT")[u"row"][u"item"].toString(), QStringLiteral("welcome"));
    QCOMPARE(hitBody(hook, "/inserted/INSERT")[u"row"][u"total"].toDouble(), 0.0);

    QCOMPARE(post(m_manager, server.url(QStringLiteral("/auth/v1/token?grant_type=password")), credentials).status, 200);
    QVERIFY(hook.waitForHits(3));
    QCOMPARE(hitBody(hook, "/signed_in/SIGNIN")[u"row"][u"id"], user[u"id"]);
    // A failed sign-in is no sign-in.
    QCOMPARE(post(m_manager, server.url(QStringLiteral("/auth/v1/token?grant_type=password")),
                 R"({"email":"ada@example.com","password":"wrong horse"})")
                 .status,
        400);
    QVERIFY(waitForEmptyQueue(server.databaseUrl()));
    QCOMPARE(hook.hits().size(), 3);
    QCOMPARE(server.process().stop(SIGTERM), 0);
}

void tst_Triggers::survivesKill_data()
{
    addEngines();
}

void tst_Triggers::survivesKill()
{
    QFETCH(QString, engine);
    HookServer hook;
    TriggerServer server;
    START_SERVER(server, engine, hook.url(QString()));
    QCOMPARE(post(m_manager, server.url(QStringLiteral("/rest/v1/jobs")), R"({"name":"nightly"})", "POST",
                 TestSupport::serviceKey())
                 .status,
        201);
    // The trigger is running (its request is held, unanswered): kill the server before it finishes.
    QVERIFY(hook.waitForHits(1));
    QCOMPARE(hook.hits().at(0).path, QByteArray("/hold/1"));
    QCOMPARE(server.process().stop(SIGKILL), -1);
    QCOMPARE(queuedJobs(server.databaseUrl()), 1);

    // Started again, the server runs the job (once its dead claim has lapsed) and deletes it.
    const QString restarted = server.restart();
    QVERIFY2(restarted.isEmpty(), qPrintable(restarted));
    QVERIFY(hook.waitForHits(2, 60000));
    QCOMPARE(hook.hits().at(1).path, QByteArray("/hold/1"));
    QCOMPARE(QJsonDocument::fromJson(hook.hits().at(1).body).object()[u"name"].toString(), QStringLiteral("nightly"));
    QVERIFY(waitForEmptyQueue(server.databaseUrl()));
    QCOMPARE(server.process().stop(SIGTERM), 0);
}

void tst_Triggers::retries_data()
{
    addEngines();
}

void tst_Triggers::retries()
{
    QFETCH(QString, engine);
    QTemporaryDir dir;
    std::unique_ptr<TestSupport::PostgresDatabase> postgres;
    QString url = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("retries.sqlite"));
    if (engine == QLatin1String("postgresql")) {
        postgres = std::make_unique<TestSupport::PostgresDatabase>(QStringLiteral("basalt_retries"));
        BASALT_REQUIRE_POSTGRES(*postgres);
        url = postgres->url();
    }
    const std::shared_ptr<const Project> project = readTriggerProject();
    Result<std::unique_ptr<Database>> database = Database::open(url);
    QVERIFY(database);
    QVERIFY(setUpDatabase(**database, *project, false));
    RecordStore store(project, **database);
    AfterTriggers after(project);
    store.setAfterWriteHook(&after);
    ApiQuery orders;
    orders.table = QStringLiteral("orders");
    const auto queued = [&] { return TriggerQueue::counts(**database).value(); };

    // Queued in the write's transaction: a write kept nothing of (tx=rollback) queues nothing.
    QVERIFY(store.insert(orders, R"({"item":"kept","qty":1,"price":1})", {}, ResultFormat::JsonArray, Caller::service()));
    QVERIFY(store.insert(orders, R"({"item":"gone","qty":1,"price":1})", {.rollback = true}, ResultFormat::JsonArray, Caller::service()));
    QCOMPARE(queued(), (QPair<qint64, qint64> {1, 0}));

    // Its function fails (nothing listens at port 1): again after 1 s, then 2 s, then it is kept as failed.
    FunctionRunner failing({{QStringLiteral("HOOK_URL"), QStringLiteral("http://127.0.0.1:1")}});
    qint64 now = QDateTime::currentMSecsSinceEpoch() + 1000;
    TriggerWorker worker(**database, failing, {.maxAttempts = 3, .firstDelayMs = 1000}, [&now] { return now; });
    QTest::ignoreMessage(QtWarningMsg,
        QRegularExpression(QStringLiteral("^trigger inserted \\(function report\\) failed: .+ \\(attempt 1 of 3, again in 1000 ms\\)$")));
    QCOMPARE(worker.runDue(*project).value(), 1);
    now += 999;
    QCOMPARE(worker.runDue(*project).value(), 0);
    now += 1;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("\\(attempt 2 of 3, again in 2000 ms\\)$")));
    QCOMPARE(worker.runDue(*project).value(), 1);
    now += 1999;
    QCOMPARE(worker.runDue(*project).value(), 0);
    now += 1;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("\\(attempt 3 of 3, giving up\\)$")));
    QCOMPARE(worker.runDue(*project).value(), 1);
    QCOMPARE(queued(), (QPair<qint64, qint64> {0, 1}));
    now += 100000;
    QCOMPARE(worker.runDue(*project).value(), 0); // failed jobs stay failed

    // A function that returns: the job is deleted.
    HookServer hook;
    FunctionRunner reporting({{QStringLiteral("HOOK_URL"), hook.url(QString()).toString()}});
    TriggerWorker working(**database, reporting, {}, [&now] { return now; });
    QVERIFY(store.insert(orders, R"({"item":"ok","qty":2,"price":1})", {}, ResultFormat::JsonArray, Caller::service()));
    QCOMPARE(working.runDue(*project).value(), 1);
    QCOMPARE(hook.hits().size(), 1);
    QCOMPARE(hitBody(hook, "/inserted/INSERT")[u"row"][u"item"].toString(), QStringLiteral("ok"));
    QCOMPARE(queued(), (QPair<qint64, qint64> {0, 1}));
}
