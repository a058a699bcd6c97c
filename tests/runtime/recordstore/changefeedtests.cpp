// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore tests of change events: what a committed write announces, and that nothing else is announced.
#include "tst_recordstore.h"

#include "storage/recordchange.h"

#include <QJsonDocument>
#include <QThread>
#include <QtTest>

using namespace Runtime;
using namespace RecordTest;
using namespace Qt::StringLiterals;
using Op = FilterOperator;

namespace {
QString errorText(const Error &e)
{
    return e.toString() + QLatin1Char('\n') + e.detail;
}

// A feed with a listener that records every announced change, in order.
struct Listener
{
    ChangeFeed feed;
    QList<RecordChange> changes;
    int commits = 0;

    explicit Listener(RecordStore &store)
    {
        QObject::connect(&feed, &ChangeFeed::committed, &feed, [this](const QList<RecordChange> &c) {
            changes << c;
            ++commits;
        });
        store.setChangeFeed(&feed);
    }
};

Caller user(const QString &id)
{
    Caller c;
    c.kind = Caller::Kind::Authenticated;
    c.userId = id;
    c.role = u"authenticated"_s;
    return c;
}
} // namespace

#define CHECK_OK(result) QVERIFY2(result, qPrintable((result) ? QString() : errorText((result).error())))

void tst_RecordStore::changesAfterCommit()
{
    QFETCH(int, engine);
    std::unique_ptr<Fixture> owner = fresh(DatabaseEngine(engine));
    FIXTURE(f, owner.get());
    Listener l(f->store());

    // Insert: the whole rows, hidden fields included, in the order written, with their keys.
    Result<RecordResult> inserted = f->store().insert(query(u"products"_s, {}),
        R"([{"name":"Kite","slug":"kite","price":3,"stock":2,"internal_note":"n1"},{"name":"Yo","slug":"yo","price":1,"stock":1,"internal_note":null}])",
        {}, ResultFormat::JsonArray, Caller::service());
    CHECK_OK(inserted);
    QCOMPARE(l.commits, 1);
    QCOMPARE(l.changes.size(), 2);
    const RecordChange &kite = l.changes.at(0);
    QCOMPARE(kite.table, u"products"_s);
    QCOMPARE(kite.operation, RecordOperation::Insert);
    QCOMPARE(kite.key, QJsonValue(5));
    QCOMPARE(kite.newRow.value(u"id"_s), QJsonValue(5));
    QCOMPARE(kite.newRow.value(u"name"_s), QJsonValue(u"Kite"_s));
    QCOMPARE(kite.newRow.value(u"internal_note"_s), QJsonValue(u"n1"_s));
    QVERIFY(kite.newRow.contains(u"description"_s)); // null, but present: every field is there
    QVERIFY(kite.oldRow.isEmpty());
    QVERIFY(kite.caller.isService());
    QVERIFY(kite.committedAt.isValid());
    QCOMPARE(l.changes.at(1).newRow.value(u"name"_s), QJsonValue(u"Yo"_s));

    // Update: the row before and after, only for the rows changed.
    l.changes.clear();
    ApiQuery cheap = query(u"products"_s, {}, {level({}, {where(u"price"_s, Op::Lte, u"3"_s)})});
    Result<RecordResult> updated = f->store().update(cheap, R"({"stock":50})", {}, ResultFormat::JsonArray, Caller::service());
    CHECK_OK(updated);
    QCOMPARE(l.changes.size(), 3); // Orphan (1), Kite (3), Yo (1)
    for (const RecordChange &c : std::as_const(l.changes)) {
        QCOMPARE(c.operation, RecordOperation::Update);
        QCOMPARE(c.newRow.value(u"stock"_s), QJsonValue(50));
        QVERIFY(c.oldRow.value(u"stock"_s) != QJsonValue(50));
        QCOMPARE(c.oldRow.value(u"id"_s), c.key);
        QCOMPARE(c.newRow.value(u"id"_s), c.key);
    }

    // Delete: the row as it was.
    l.changes.clear();
    ApiQuery yo = query(u"products"_s, {}, {level({}, {where(u"slug"_s, Op::Eq, u"yo"_s)})});
    Result<RecordResult> removed = f->store().remove(yo, {}, ResultFormat::JsonArray, Caller::service());
    CHECK_OK(removed);
    QCOMPARE(l.changes.size(), 1);
    QCOMPARE(l.changes.at(0).operation, RecordOperation::Delete);
    QCOMPARE(l.changes.at(0).oldRow.value(u"slug"_s), QJsonValue(u"yo"_s));
    QCOMPARE(l.changes.at(0).oldRow.value(u"stock"_s), QJsonValue(50));
    QVERIFY(l.changes.at(0).newRow.isEmpty());
    QCOMPARE(l.changes.at(0).key, QJsonValue(6));

    // An upsert that merges: an update for the row that existed, an insert for the new one.
    l.changes.clear();
    ApiQuery merge = query(u"categories"_s, {});
    merge.onConflict = QStringList {u"slug"_s};
    merge.prefer.resolution = Preferences::Resolution::MergeDuplicates;
    Result<RecordResult> merged = f->store().insert(merge, R"([{"name":"Toys","slug":"toys"},{"name":"Books!","slug":"books"}])",
        {}, ResultFormat::JsonArray, Caller::service());
    CHECK_OK(merged);
    QCOMPARE(l.changes.size(), 2);
    QCOMPARE(l.changes.at(0).operation, RecordOperation::Insert);
    QCOMPARE(l.changes.at(0).newRow.value(u"slug"_s), QJsonValue(u"toys"_s));
    QCOMPARE(l.changes.at(1).operation, RecordOperation::Update);
    QCOMPARE(l.changes.at(1).oldRow.value(u"name"_s), QJsonValue(u"Books"_s));
    QCOMPARE(l.changes.at(1).newRow.value(u"name"_s), QJsonValue(u"Books!"_s));

    // A write that changes nothing announces nothing; the caller is named.
    l.changes.clear();
    ApiQuery none = query(u"products"_s, {}, {level({}, {where(u"slug"_s, Op::Eq, u"nothing"_s)})});
    CHECK_OK(f->store().update(none, R"({"stock":1})", {}, ResultFormat::JsonArray, Caller::service()));
    QVERIFY(l.changes.isEmpty());
    const Caller ann = user(u"11111111-1111-4111-8111-111111111111"_s);
    ApiQuery mine = query(u"orders"_s, {});
    Result<RecordResult> ordered = f->store().insert(mine,
        R"({"customer_id":"11111111-1111-4111-8111-111111111111","status":"pending","shipping_address":"1 Main St"})", {}, ResultFormat::JsonArray, ann);
    CHECK_OK(ordered);
    QCOMPARE(l.changes.size(), 1);
    QCOMPARE(l.changes.at(0).caller.userId, ann.userId);
    QCOMPARE(l.changes.at(0).newRow.value(u"status"_s), QJsonValue(u"pending"_s));
}

void tst_RecordStore::nothingAnnouncedWithoutCommit()
{
    QFETCH(int, engine);
    std::unique_ptr<Fixture> owner = fresh(DatabaseEngine(engine));
    FIXTURE(f, owner.get());
    Listener l(f->store());
    const ApiQuery products = query(u"products"_s, {});

    // A refused write (a duplicate slug: the second row fails, the first is rolled back with it).
    Result<RecordResult> duplicate = f->store().insert(products,
        R"([{"name":"A","slug":"a-1","price":1,"stock":1},{"name":"B","slug":"dune","price":1,"stock":1}])", {},
        ResultFormat::JsonArray, Caller::service());
    QVERIFY(!duplicate);
    // Prefer: tx=rollback answers as if written and keeps nothing.
    WriteOptions rollback;
    rollback.rollback = true;
    CHECK_OK(f->store().insert(products, R"({"name":"C","slug":"c-1","price":1,"stock":1})", rollback,
        ResultFormat::JsonArray, Caller::service()));
    // Prefer: max-affected exceeded.
    WriteOptions atMostOne;
    atMostOne.maxAffected = 1;
    ApiQuery all = query(u"products"_s, {}, {level({}, {where(u"price"_s, Op::Gt, u"0"_s)})});
    QVERIFY(!f->store().update(all, R"({"stock":7})", atMostOne, ResultFormat::JsonArray, Caller::service()));
    QCOMPARE(l.commits, 0);
    QVERIFY(l.changes.isEmpty());

    // A batch: announced only when it commits, without the write that failed in it.
    CHECK_OK(f->store().beginBatch());
    CHECK_OK(f->store().insert(products, R"({"name":"D","slug":"d-1","price":1,"stock":1})", {},
        ResultFormat::JsonArray, Caller::service()));
    QVERIFY(!f->store().insert(products, R"({"name":"E","slug":"dune","price":1,"stock":1})", {},
        ResultFormat::JsonArray, Caller::service()));
    QVERIFY(l.changes.isEmpty());
    CHECK_OK(f->store().commitBatch());
    QCOMPARE(l.commits, 1);
    QCOMPARE(l.changes.size(), 1);
    QCOMPARE(l.changes.at(0).newRow.value(u"slug"_s), QJsonValue(u"d-1"_s));

    // A batch rolled back announces nothing.
    l.changes.clear();
    CHECK_OK(f->store().beginBatch());
    CHECK_OK(f->store().insert(products, R"({"name":"F","slug":"f-1","price":1,"stock":1})", {},
        ResultFormat::JsonArray, Caller::service()));
    f->store().rollbackBatch();
    QVERIFY(l.changes.isEmpty());

    // transaction(): its work fails after a write through the store, so that write is neither kept nor
    // announced; nested in a batch, only the failed part goes.
    Result<void> failed = f->store().transaction([&]() -> Result<void> {
        Result<RecordResult> written = f->store().insert(products, R"({"name":"G","slug":"g-1","price":1,"stock":1})", {},
            ResultFormat::JsonArray, Caller::service());
        return written ? Error(ErrorCode::InvalidBody, u"refused after writing"_s) : written.error();
    });
    QVERIFY(!failed);
    QCOMPARE(failed.error().message, u"refused after writing"_s);
    QVERIFY(l.changes.isEmpty());
    QCOMPARE(f->scalar(u"SELECT count(*) FROM products WHERE slug = 'g-1'"_s).toInt(), 0);
    CHECK_OK(f->store().beginBatch());
    CHECK_OK(f->store().insert(products, R"({"name":"H","slug":"h-1","price":1,"stock":1})", {},
        ResultFormat::JsonArray, Caller::service()));
    QVERIFY(!f->store().transaction([&]() -> Result<void> {
        Result<RecordResult> written = f->store().insert(products, R"({"name":"I","slug":"i-1","price":1,"stock":1})", {},
            ResultFormat::JsonArray, Caller::service());
        return written ? Error(ErrorCode::InvalidBody, u"refused after writing"_s) : written.error();
    }));
    CHECK_OK(f->store().commitBatch());
    QCOMPARE(l.changes.size(), 1);
    QCOMPARE(l.changes.at(0).newRow.value(u"slug"_s), QJsonValue(u"h-1"_s));
    QCOMPARE(f->scalar(u"SELECT count(*) FROM products WHERE slug = 'i-1'"_s).toInt(), 0);
}

void tst_RecordStore::changesReachOtherThreads()
{
    QFETCH(int, engine);
    std::unique_ptr<Fixture> owner = fresh(DatabaseEngine(engine));
    FIXTURE(f, owner.get());
    ChangeFeed feed;
    f->store().setChangeFeed(&feed);
    QVERIFY(!feed.isObserved());
    // Unobserved, a write still works (and reads no rows for the feed).
    CHECK_OK(f->store().insert(query(u"tags"_s, {}), R"({"name":"quiet"})", {}, ResultFormat::JsonArray, Caller::service()));

    // A subscriber in another thread receives the change queued, in its own thread.
    QThread thread;
    QObject receiver;
    receiver.moveToThread(&thread);
    QList<RecordChange> received;
    QThread *deliveredOn = nullptr;
    QMutex mutex;
    QObject::connect(&feed, &ChangeFeed::committed, &receiver, [&](const QList<RecordChange> &changes) {
        QMutexLocker locker(&mutex);
        received << changes;
        deliveredOn = QThread::currentThread();
    });
    QVERIFY(feed.isObserved());
    thread.start();
    CHECK_OK(f->store().insert(query(u"tags"_s, {}), R"({"name":"loud"})", {}, ResultFormat::JsonArray, Caller::service()));
    QTRY_VERIFY([&] { QMutexLocker locker(&mutex); return !received.isEmpty(); }());
    {
        QMutexLocker locker(&mutex);
        QCOMPARE(received.size(), 1);
        QCOMPARE(received.at(0).newRow.value(u"name"_s), QJsonValue(u"loud"_s));
        QCOMPARE(deliveredOn, &thread);
    }
    thread.quit();
    thread.wait();
}
