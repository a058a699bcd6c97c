// SPDX-License-Identifier: GPL-3.0-or-later
// Before triggers over real HTTP: changing the row, refusing it (status, message, nothing written), per row.
#include "tst_triggers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QtTest>

#include <csignal>

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
