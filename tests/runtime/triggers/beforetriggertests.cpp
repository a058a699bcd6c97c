// SPDX-License-Identifier: GPL-3.0-or-later
// Before triggers over real HTTP: changing the row, refusing it (status, message, nothing written), per row.
#include "tst_triggers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QtTest>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {
HttpReply send(QNetworkAccessManager &manager, const QByteArray &method, const QUrl &url, const QByteArray &body = {})
{
    return sendJson(manager, method, url, body, TestSupport::anonKey(), "return=representation");
}

QJsonArray rows(const HttpReply &reply)
{
    return QJsonDocument::fromJson(reply.body).array();
}

QJsonObject object(const HttpReply &reply)
{
    return QJsonDocument::fromJson(reply.body).object();
}

#define CHECK_STATUS(reply, expected)                                                                        \
    do {                                                                                                     \
        const HttpReply checked = (reply);                                                                   \
        QVERIFY2(checked.status == (expected),                                                               \
            qPrintable(QString::number(checked.status) + QLatin1Char(' ') + QString::fromUtf8(checked.body))); \
    } while (false)
} // namespace

void tst_Triggers::beforeTriggers_data()
{
    addEngines();
}

void tst_Triggers::beforeTriggers()
{
    QFETCH(QString, engine);
    HookServer hook;
    TriggerServer server;
    START_SERVER(server, engine, hook.url(QString()));
    const QUrl orders = server.url(QStringLiteral("/rest/v1/orders"));
    const auto count = [&] { return rows(send(m_manager, "GET", orders)).size(); };

    // The trigger computes the read-only total; the client still may not set it. (The disabled before
    // trigger would refuse every insert: it does not run.)
    HttpReply pen = send(m_manager, "POST", orders, R"({"item":"pen","qty":3,"price":2.5})");
    CHECK_STATUS(pen, 201);
    QCOMPARE(rows(pen).at(0)[u"total"].toDouble(), 7.5);
    HttpReply cheat = send(m_manager, "POST", orders, R"({"item":"pen","qty":1,"price":1,"total":0})");
    CHECK_STATUS(cheat, 400);
    QCOMPARE(object(cheat)[u"code"].toString(), QStringLiteral("42501"));

    // Refusals: HttpError's status, a plain Error's 400, the message as thrown; nothing written.
    HttpReply negative = send(m_manager, "POST", orders, R"({"item":"pen","qty":-1,"price":1})");
    CHECK_STATUS(negative, 422);
    QCOMPARE(object(negative)[u"code"].toString(), QStringLiteral("P0001"));
    QCOMPARE(object(negative)[u"message"].toString(), QStringLiteral("qty must not be negative"));
    QVERIFY(object(negative)[u"details"].toString().contains(QStringLiteral("total_on_insert")));
    HttpReply forbidden = send(m_manager, "POST", orders, R"({"item":"forbidden","qty":1,"price":1})");
    CHECK_STATUS(forbidden, 400);
    QCOMPARE(object(forbidden)[u"message"].toString(), QStringLiteral("Out of stock"));
    QCOMPARE(count(), 1);

    // A batch is refused whole when one of its rows is; the trigger's row is validated as a body's.
    HttpReply batch = send(m_manager, "POST", orders,
        R"([{"item":"a","qty":1,"price":1},{"item":"forbidden","qty":1,"price":1},{"item":"c","qty":1,"price":1}])");
    CHECK_STATUS(batch, 400);
    QCOMPARE(count(), 1);
    HttpReply stretched = send(m_manager, "POST", orders, R"({"item":"stretch","qty":1,"price":1})");
    CHECK_STATUS(stretched, 400);
    QCOMPARE(object(stretched)[u"code"].toString(), QStringLiteral("23514"));
    QCOMPARE(count(), 1);
    CHECK_STATUS(send(m_manager, "POST", orders, R"([{"item":"b","qty":2,"price":1},{"item":"c","qty":4,"price":1}])"), 201);

    // PATCH of many rows: the trigger runs per row, with its old row.
    HttpReply patched = send(m_manager, "PATCH", server.url(QStringLiteral("/rest/v1/orders?qty=gte.0&order=id")),
        R"({"price":10})");
    CHECK_STATUS(patched, 200);
    QCOMPARE(rows(patched).size(), 3);
    for (const QJsonValue &row : rows(patched)) {
        QCOMPARE(row[u"total"].toDouble(), row[u"qty"].toDouble() * 10);
        QCOMPARE(row[u"status"].toString(), QStringLiteral("changed from %1").arg(row[u"qty"].toInt()));
    }
    HttpReply refusedPatch = send(m_manager, "PATCH", server.url(QStringLiteral("/rest/v1/orders?item=eq.b")), R"({"qty":-5})");
    CHECK_STATUS(refusedPatch, 422);
    QCOMPARE(rows(send(m_manager, "GET", server.url(QStringLiteral("/rest/v1/orders?item=eq.b")))).at(0)[u"qty"].toInt(), 2);

    // Before delete may refuse.
    CHECK_STATUS(send(m_manager, "PATCH", server.url(QStringLiteral("/rest/v1/orders?item=eq.pen")), R"({"status":"locked"})"), 200);
    HttpReply locked = send(m_manager, "DELETE", server.url(QStringLiteral("/rest/v1/orders?item=in.(pen,b)")));
    CHECK_STATUS(locked, 409);
    QCOMPARE(object(locked)[u"message"].toString(), QStringLiteral("locked orders stay"));
    QCOMPARE(count(), 3);
    CHECK_STATUS(send(m_manager, "DELETE", server.url(QStringLiteral("/rest/v1/orders?item=eq.b"))), 200);
    QCOMPARE(count(), 2);
    QCOMPARE(server.process().stop(SIGTERM), 0);
}

void tst_Triggers::beforeTriggerDb_data()
{
    addEngines();
}

// A before trigger's `db` works inside the write's transaction: it reads and writes with the caller's rules,
// its writes commit or roll back with the write, and calls that nest (a function's insert running a
// trigger) keep their own context, console and pending builders.
void tst_Triggers::beforeTriggerDb()
{
    QFETCH(QString, engine);
    HookServer hook;
    TriggerServer server;
    START_SERVER(server, engine, hook.url(QString()));
    const QUrl orders = server.url(QStringLiteral("/rest/v1/orders"));
    const auto left = [&](const QString &item) {
        const QJsonArray found = rows(send(m_manager, "GET", server.url(QStringLiteral("/rest/v1/stock?item=eq.") + item)));
        return found.size() == 1 ? found.at(0)[u"left"].toInt() : -1;
    };
    CHECK_STATUS(send(m_manager, "POST", server.url(QStringLiteral("/rest/v1/stock")),
                     R"([{"item":"ink","left":5},{"item":"stretch","left":5}])"), 201);

    // The trigger reads the stock, takes the order's qty from it, or refuses when too few are left.
    CHECK_STATUS(send(m_manager, "POST", orders, R"({"item":"ink","qty":2,"price":1})"), 201);
    QCOMPARE(left(u"ink"_s), 3);
    HttpReply tooMany = send(m_manager, "POST", orders, R"({"item":"ink","qty":9,"price":1})");
    CHECK_STATUS(tooMany, 409);
    QCOMPARE(object(tooMany)[u"message"].toString(), QStringLiteral("only 3 ink left"));
    QCOMPARE(left(u"ink"_s), 3);

    // The write fails after the trigger took stock (the next trigger makes the item too long): the
    // trigger's update rolls back with it.
    HttpReply stretched = send(m_manager, "POST", orders, R"({"item":"stretch","qty":1,"price":1})");
    CHECK_STATUS(stretched, 400);
    QCOMPARE(object(stretched)[u"code"].toString(), QStringLiteral("23514"));
    QCOMPARE(left(u"stretch"_s), 5);

    // A function's insert runs the trigger; the function's own db works on after it, and the job it
    // built before the insert runs when it returns, outside the insert, also when the insert is refused.
    const QUrl place = server.url(QStringLiteral("/functions/v1/place_order"));
    HttpReply placed = sendJson(m_manager, "POST", place, R"({"item":"ink","qty":1})", TestSupport::anonKey());
    CHECK_STATUS(placed, 200);
    QCOMPARE(object(placed)[u"order"][u"total"].toDouble(), 1.0);
    QCOMPARE(object(placed)[u"left"].toInt(), 2);
    HttpReply refused = sendJson(m_manager, "POST", place, R"({"item":"ink","qty":7})", TestSupport::anonKey());
    CHECK_STATUS(refused, 200);
    QCOMPARE(object(refused)[u"error"][u"message"].toString(), QStringLiteral("only 2 ink left"));
    QCOMPARE(object(refused)[u"left"].toInt(), 2);
    const QJsonArray jobs = rows(sendJson(m_manager, "GET", server.url(QStringLiteral("/rest/v1/jobs?order=id")), {},
        TestSupport::serviceKey()));
    QCOMPARE(jobs.size(), 2);
    QCOMPARE(jobs.at(1)[u"name"].toString(), QStringLiteral("placed ink"));

    // Run from the designer: the trigger's console lines come with the function's, named, when they were
    // printed (the insert runs when its result is first read, at the return).
    HttpReply run = sendJson(m_manager, "POST", server.url(QStringLiteral("/basalt/v1/run/place_order")),
        R"({"body":{"item":"ink","qty":1}})", TestSupport::serviceKey());
    CHECK_STATUS(run, 200);
    const QJsonArray console = object(run)[u"console"].toArray();
    QCOMPARE(console.size(), 2);
    QCOMPARE(console.at(0)[u"text"].toString(), QStringLiteral("placed"));
    QCOMPARE(console.at(1)[u"text"].toString(), QStringLiteral("[reserve_stock] reserving 1 ink"));
    QCOMPARE(left(u"ink"_s), 1);

    // A trigger that writes to its own table nests until the limit: refused, nothing written, still serving.
    HttpReply looped = send(m_manager, "POST", server.url(QStringLiteral("/rest/v1/loops")), R"({"n":0})");
    QVERIFY2(looped.status >= 400, qPrintable(QString::fromUtf8(looped.body)));
    QVERIFY2(object(looped)[u"message"].toString().contains(QStringLiteral("more than 16 deep")),
        qPrintable(QString::fromUtf8(looped.body)));
    QCOMPARE(rows(send(m_manager, "GET", server.url(QStringLiteral("/rest/v1/loops")))).size(), 0);
    CHECK_STATUS(send(m_manager, "POST", orders, R"({"item":"ink","qty":1,"price":1})"), 201);
    QCOMPARE(left(u"ink"_s), 0);
    QCOMPARE(server.process().stop(SIGTERM), 0);
}
