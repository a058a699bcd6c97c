// SPDX-License-Identifier: GPL-3.0-or-later
// callDataApi tests: a function's db request answered in-process as postgrest-js answers it, on both engines.
#include "tst_recordstore.h"

#include "http/dataapicall.h"
#include "http/serverconfig.h"
#include "storage/recordchange.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace Runtime;
using namespace RecordTest;
using namespace Qt::StringLiterals;

namespace {
DataApiCall call(const QByteArray &method, const QString &table, const QByteArray &query,
    QList<QPair<QByteArray, QByteArray>> headers = {}, const QByteArray &body = {})
{
    return DataApiCall {method, table, query, std::move(headers), body};
}

// The data of a call's answer: a JSON body comes as text (dataJson), for the engine's JSON.parse.
QJsonValue dataOf(const QJsonObject &answer)
{
    if (answer.contains(u"dataJson"_s)) {
        const QJsonDocument document = QJsonDocument::fromJson(answer.value(u"dataJson"_s).toString().toUtf8());
        return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    }
    return answer.value(u"data"_s);
}
} // namespace

void tst_RecordStore::dataApiCalls()
{
    QFETCH(int, engine);
    std::unique_ptr<Fixture> owner = fresh(DatabaseEngine(engine));
    FIXTURE(f, owner.get());
    QString error;
    ServerConfig config;
    config.project = testProject(&error);
    QVERIFY2(config.project, qPrintable(error));
    RecordStore &store = f->store();

    // A read with the postgrest-js vocabulary: columns, a filter, an order, a limit.
    QJsonObject read = callDataApi(call("GET", u"products"_s, "select=name,price&stock=gt.0&order=price.desc&limit=2"),
        config, store, Caller::anon());
    QCOMPARE(read.value(u"status"_s).toInt(), 200);
    QCOMPARE(read.value(u"statusText"_s).toString(), u"OK"_s);
    QVERIFY(read.value(u"error"_s).isNull());
    QVERIFY(read.value(u"count"_s).isNull());
    const QJsonArray rows = dataOf(read).toArray();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0).toObject().value(u"name"_s).toString(), u"Go"_s);
    QCOMPARE(rows.at(1).toObject().value(u"name"_s).toString(), u"Dune"_s);

    // count=exact: the total, from Content-Range; a limited read is a partial one (206).
    QJsonObject counted = callDataApi(call("GET", u"products"_s, "select=id&limit=1", {{"Prefer", "count=exact"}}),
        config, store, Caller::service());
    QCOMPARE(counted.value(u"count"_s).toInt(), 4);
    QCOMPARE(counted.value(u"status"_s).toInt(), 206);

    // One object (postgrest-js .single()).
    QJsonObject single = callDataApi(
        call("GET", u"categories"_s, "select=slug&id=eq.2", {{"Accept", "application/vnd.pgrst.object+json"}}),
        config, store, Caller::anon());
    QCOMPARE(dataOf(single).toObject().value(u"slug"_s).toString(), u"games"_s);

    // Errors are PostgREST's body, data is null: an unknown column, a table anon may not read.
    QJsonObject unknown = callDataApi(call("GET", u"products"_s, "select=nope"), config, store, Caller::anon());
    QCOMPARE(unknown.value(u"status"_s).toInt(), 400);
    QCOMPARE(unknown.value(u"error"_s).toObject().value(u"code"_s).toString(), u"42703"_s);
    QVERIFY(dataOf(unknown).isNull());
    QJsonObject refused = callDataApi(call("GET", u"orders"_s, "select=id"), config, store, Caller::anon());
    QCOMPARE(refused.value(u"status"_s).toInt(), 401);
    QVERIFY(!refused.value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());

    // Writes go through the one write path: validated, announced after their commit.
    ChangeFeed feed;
    QList<RecordChange> changes;
    connect(&feed, &ChangeFeed::committed, &feed, [&](const QList<RecordChange> &c) { changes << c; });
    store.setChangeFeed(&feed);
    QJsonObject created = callDataApi(
        call("POST", u"tags"_s, "select=name", {{"Prefer", "return=representation"}}, R"({"name":"from a function"})"),
        config, store, Caller::service());
    QCOMPARE(created.value(u"status"_s).toInt(), 201);
    QCOMPARE(dataOf(created).toArray().at(0).toObject().value(u"name"_s).toString(), u"from a function"_s);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.at(0).table, u"tags"_s);
    QJsonObject invalid = callDataApi(call("POST", u"products"_s, {}, {}, R"({"name":"No price","slug":"np","price":-1})"),
        config, store, Caller::service());
    QCOMPARE(invalid.value(u"status"_s).toInt(), 400);
    QVERIFY(dataOf(invalid).isNull());
    QJsonObject unfiltered = callDataApi(call("DELETE", u"reviews"_s, {}), config, store, Caller::anon());
    QVERIFY(unfiltered.value(u"status"_s).toInt() >= 400);
    QJsonObject updated = callDataApi(call("PATCH", u"tags"_s, "name=eq.from%20a%20function", {}, R"({"name":"renamed"})"),
        config, store, Caller::service());
    QCOMPARE(updated.value(u"status"_s).toInt(), 204);
    QVERIFY(dataOf(updated).isNull());
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.at(1).newRow.value(u"name"_s).toString(), u"renamed"_s);
    QJsonObject wrongMethod = callDataApi(call("PUT", u"tags"_s, {}), config, store, Caller::service());
    QCOMPARE(wrongMethod.value(u"status"_s).toInt(), 405);
}
