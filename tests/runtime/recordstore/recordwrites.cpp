// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore tests of counts, hidden fields and writes (insert, upsert, update, delete) on both engines.
#include "tst_recordstore.h"

#include <QRegularExpression>
#include <QThread>
#include <QtTest>

using namespace Runtime;
using namespace RecordTest;
using namespace Qt::StringLiterals;
using Op = FilterOperator;

namespace {
const QRegularExpression s_timestamp(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"_s);
const QString s_ann = u"11111111-1111-4111-8111-111111111111"_s;

ApiQuery returning(ApiQuery q)
{
    q.prefer.returnPreference = Preferences::Return::Representation;
    return q;
}

QString errorText(const Error &e)
{
    return e.toString() + QLatin1Char('\n') + e.detail;
}

// Returns the value of \a key in the one-object JSON \a body (for values that differ between runs).
QString valueOf(const QByteArray &body, const QString &key)
{
    const QRegularExpression re(QLatin1Char('"') + key + u"\":\"([^\"]*)\""_s);
    return re.match(QString::fromUtf8(body)).captured(1);
}
} // namespace

#define CHECK_OK(result) QVERIFY2(result, qPrintable((result) ? QString() : errorText((result).error())))

void tst_RecordStore::count()
{
    QFETCH(int, engine);
    FIXTURE(f, shared(DatabaseEngine(engine)));
    ApiQuery q = query(u"products"_s, {col(u"id"_s)}, {level({}, {}, {}, 1)});
    q.prefer.count = Preferences::Count::Exact;
    Result<RecordResult> all = f->store().read(q, ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(all);
    QCOMPARE(all->body, QByteArray(R"([{"id":1}])"));
    QCOMPARE(all->totalCount, std::optional<qint64>(4));
    q.levels = {level({}, {where(u"active"_s, Op::Eq, u"true"_s)}, {}, 1, 1)};
    Result<RecordResult> active = f->store().read(q, ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(active);
    QCOMPARE(active->body, QByteArray(R"([{"id":3}])"));
    QCOMPARE(active->totalCount, std::optional<qint64>(3));
    QCOMPARE(active->offset, 1);
}

void tst_RecordStore::hiddenFields()
{
    QFETCH(int, engine);
    FIXTURE(f, shared(DatabaseEngine(engine)));
    Result<RecordResult> r = f->store().read(
        query(u"products"_s, {}, {level({}, {where(u"id"_s, Op::Eq, u"1"_s)})}), ResultFormat::SingleObject, Runtime::Caller::service());
    CHECK_OK(r);
    QVERIFY2(r->body.startsWith(R"({"id":1,"name":"Dune","slug":"dune","description":"A \"classic\", truly",)"
                                R"("price":9.5,"stock":10,"sku":"BK-1","weight_kg":0.4,"image":null,"active":true,)"
                                R"("category_id":1,"created_at":")"), r->body.constData());
    QVERIFY2(r->body.endsWith(R"(","attributes":{"pages":412,"author":"Herbert"}})"), r->body.constData());
    QVERIFY(!r->body.contains("internal_note"));
    QVERIFY(s_timestamp.match(valueOf(r->body, u"created_at"_s)).hasMatch());
    QCOMPARE(f->scalar(u"SELECT internal_note FROM products WHERE id = 1"_s).toString(), u"secret"_s);
    Result<RecordResult> embedded = f->store().read(
        query(u"categories"_s, {embed(u"products"_s, {})}), ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(embedded);
    QVERIFY(embedded->body.contains("\"slug\":\"dune\""));
    QVERIFY(!embedded->body.contains("internal_note"));
}

void tst_RecordStore::insert()
{
    QFETCH(int, engine);
    std::unique_ptr<Fixture> owner = fresh(DatabaseEngine(engine));
    FIXTURE(f, owner.get());
    RecordStore &store = f->store();
    Result<RecordResult> one = store.insert(returning(query(u"tags"_s, {})), R"({"name":"new"})", {}, ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(one);
    QCOMPARE(one->body, QByteArray(R"([{"id":4,"name":"new"}])"));

    Result<RecordResult> bulk = store.insert(query(u"tags"_s, {}), R"([{"name":"a"},{"name":"b"}])", {}, ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(bulk);
    QVERIFY(bulk->body.isEmpty());
    QCOMPARE(bulk->rowCount, 2);
    QCOMPARE(f->scalar(u"SELECT COUNT(*) FROM tags"_s).toInt(), 6);

    ApiQuery columns = returning(query(u"tags"_s, {}));
    columns.columns = QStringList {u"name"_s};
    Result<RecordResult> restricted = store.insert(columns, R"([{"name":"c","id":77,"colour":"red"}])", {}, ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(restricted);
    QCOMPARE(restricted->body, QByteArray(R"([{"id":7,"name":"c"}])"));

    Result<RecordResult> defaults = store.insert(query(u"products"_s, {col(u"stock"_s), col(u"active"_s),
        col(u"created_at"_s), col(u"updated_at"_s)}), R"({"name":"Kite","slug":"kite","price":12.5})",
        {.returnRows = true}, ResultFormat::SingleObject, Runtime::Caller::service());
    CHECK_OK(defaults);
    QVERIFY2(defaults->body.startsWith(R"({"stock":0,"active":true,"created_at":")"), defaults->body.constData());
    const QString created = valueOf(defaults->body, u"created_at"_s);
    QVERIFY2(s_timestamp.match(created).hasMatch(), qPrintable(created));
    QCOMPARE(valueOf(defaults->body, u"updated_at"_s), created);

    Result<RecordResult> embedded = store.insert(returning(query(u"order_items"_s, {col(u"id"_s),
        embed(u"products"_s, {col(u"name"_s)})})), R"({"order_id":2,"product_id":3,"quantity":2,"unit_price":40.25})",
        {}, ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(embedded);
    QCOMPARE(embedded->body, QByteArray(R"([{"id":4,"products":{"name":"Go"}}])"));

    // Escaping and UTF-8 agree between the row writer and each engine's JSON functions.
    const QByteArray odd = R"("Jeux é😀\t\"q\" \u0001")";
    Result<RecordResult> category = store.insert(returning(query(u"categories"_s, {col(u"name"_s)})),
        R"({"slug":"jeux","name":)" + odd + '}', {}, ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(category);
    QCOMPARE(category->body, R"([{"name":)" + odd + "}]");
    Result<RecordResult> nested = store.insert(returning(query(u"products"_s, {embed(u"category"_s, {col(u"name"_s)})})),
        R"({"name":"J","slug":"j","price":1,"category_id":4})", {}, ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(nested);
    QCOMPARE(nested->body, R"([{"category":{"name":)" + odd + "}}]");

    Result<RecordResult> uuid = store.insert(returning(query(u"customers"_s, {col(u"id"_s)})),
        R"({"email":"cy@example.com","full_name":"Cy"})", {}, ResultFormat::SingleObject, Runtime::Caller::service());
    CHECK_OK(uuid);
    QVERIFY2(QRegularExpression(u"^\\{\"id\":\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\"\\}$"_s)
                 .match(QString::fromUtf8(uuid->body)).hasMatch(), uuid->body.constData());
}

void tst_RecordStore::insertErrors_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("mentions");
    const QByteArray product = R"("name":"K","slug":"k","price":1)";
    const struct
    {
        const char *name;
        QString table;
        QByteArray body;
        ErrorCode error;
        QString mentions;
    } rows[] = {
        {"auto-managed timestamp", u"products"_s, "{" + product + R"(,"created_at":"2024-01-01"})",
            ErrorCode::AutoManagedField, u"created_at"_s},
        {"unknown body column", u"tags"_s, R"({"name":"x","colour":"red"})", ErrorCode::UnknownBodyColumn, u"'colour'"_s},
        {"malformed json", u"tags"_s, "{\n  \"name\": }", ErrorCode::InvalidBody, u"line 2"_s},
        {"not an object", u"tags"_s, "[1,2]", ErrorCode::InvalidBody, u"must be an object"_s},
        {"invalid number", u"products"_s, R"({"name":"K","slug":"k","price":"cheap"})", ErrorCode::InvalidValue,
            u"\"price\": \"cheap\""_s},
        {"invalid boolean", u"products"_s, "{" + product + R"(,"active":"maybe"})", ErrorCode::InvalidValue, u"active"_s},
        {"minimum", u"products"_s, R"({"name":"K","slug":"k","price":-1})", ErrorCode::CheckViolation,
            u"price: must be at least 0"_s},
        {"pattern", u"products"_s, R"({"name":"K","slug":"Bad Slug","price":1})", ErrorCode::CheckViolation,
            u"slug: must match"_s},
        {"email", u"customers"_s, R"({"email":"nope","full_name":"X"})", ErrorCode::CheckViolation,
            u"email: must be an email address"_s},
        {"enum", u"orders"_s, R"({"customer_id":")" + s_ann.toLatin1() + R"(","status":"lost","shipping_address":"x"})",
            ErrorCode::CheckViolation, u"status: must be one of"_s},
        {"max length", u"tags"_s, R"({"name":")" + QByteArray(41, 'x') + R"("})", ErrorCode::CheckViolation,
            u"name: must be at most 40 characters long"_s},
        {"not null", u"products"_s, R"({"slug":"k","price":1})", ErrorCode::NotNullViolation, u"name: is required"_s},
        {"explicit null", u"products"_s, R"({"name":null,"slug":"k","price":1})", ErrorCode::NotNullViolation, u"\"name\""_s},
        {"unique", u"tags"_s, R"({"name":"classic"})", ErrorCode::UniqueViolation, u"Key (name)=(classic) already exists."_s},
        {"unique email", u"customers"_s, R"({"email":"ann@example.com","full_name":"A"})", ErrorCode::UniqueViolation,
            u"Key (email)=(ann@example.com) already exists."_s},
        {"unique pair", u"products_tags"_s, R"({"product_id":1,"tag_id":3})", ErrorCode::UniqueViolation,
            u"Key (product_id, tag_id)=(1, 3) already exists."_s},
        {"foreign key", u"products"_s, "{" + product + R"(,"category_id":99})", ErrorCode::ForeignKeyViolation,
            u"foreign key"_s},
    };
    for (const auto &[engine, kind] : {std::pair {"sqlite", DatabaseEngine::SQLite}, {"postgresql", DatabaseEngine::PostgreSQL}}) {
        for (const auto &row : rows)
            QTest::addRow("%s: %s", engine, row.name) << int(kind) << row.table << row.body << int(row.error) << row.mentions;
    }
}

void tst_RecordStore::insertErrors()
{
    QFETCH(int, engine);
    QFETCH(QString, table);
    QFETCH(QByteArray, body);
    QFETCH(int, error);
    QFETCH(QString, mentions);
    FIXTURE(f, shared(DatabaseEngine(engine)));
    const qint64 before = f->scalar(u"SELECT COUNT(*) FROM "_s + table).toLongLong();
    Result<RecordResult> r = f->store().insert(query(table, {}), body, {}, ResultFormat::JsonArray, Runtime::Caller::service());
    QVERIFY2(!r, r ? r->body.constData() : "");
    QVERIFY2(int(r.error().code) == error, qPrintable(errorText(r.error())));
    QVERIFY2(r.error().toString().contains(mentions), qPrintable(errorText(r.error())));
    QVERIFY(!r.error().toString().contains(u"INSERT"_s));
    QCOMPARE(f->scalar(u"SELECT COUNT(*) FROM "_s + table).toLongLong(), before);
}

void tst_RecordStore::bulkRollsBack()
{
    QFETCH(int, engine);
    std::unique_ptr<Fixture> owner = fresh(DatabaseEngine(engine));
    FIXTURE(f, owner.get());
    Result<RecordResult> r = f->store().insert(query(u"tags"_s, {}), R"([{"name":"ok"},{"name":"classic"}])", {},
        ResultFormat::JsonArray, Runtime::Caller::service());
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::UniqueViolation);
    QCOMPARE(f->scalar(u"SELECT COUNT(*) FROM tags"_s).toInt(), 3);
    // PostgreSQL's sequences do not roll back, so only the name is compared.
    Result<RecordResult> after = f->store().insert(
        returning(query(u"tags"_s, {col(u"name"_s)})), R"([{"name":"ok"}])", {}, ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(after);
    QCOMPARE(after->body, QByteArray(R"([{"name":"ok"}])"));
}

// A real SQLITE_FULL (the file may grow by a few pages only: max_page_count, as a full disk would stop it):
// the insert is answered DiskFull, nothing of it stays, and reads go on.
void tst_RecordStore::diskFull()
{
    std::unique_ptr<Fixture> owner = fresh(DatabaseEngine::SQLite);
    FIXTURE(f, owner.get());
    const int pages = f->scalar(u"PRAGMA page_count"_s).toInt();
    QVERIFY(pages > 0);
    QVERIFY(f->scalar(u"PRAGMA max_page_count = %1"_s.arg(pages + 2)).toInt() > 0);
    QByteArray body = "[";
    for (int i = 0; i < 5000; ++i)
        body += QByteArray(i ? "," : "") + R"({"name":"tag number )" + QByteArray::number(i) + R"("})";
    body += ']';
    Result<RecordResult> r = f->store().insert(query(u"tags"_s, {}), body, {}, ResultFormat::JsonArray, Runtime::Caller::service());
    QVERIFY(!r);
    QVERIFY2(r.error().code == ErrorCode::DiskFull, qPrintable(r.error().message + u" | "_s + r.error().detail));
    QCOMPARE(f->scalar(u"SELECT COUNT(*) FROM tags"_s).toInt(), 3);
    Result<RecordResult> read = f->store().read(query(u"tags"_s, {col(u"name"_s)}), ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(read);
}

// Group commit: inside one batch each write has its own savepoint; a failing write (here a bulk insert
// whose second row is a duplicate) leaves nothing, the writes around it are kept by the one commit.
void tst_RecordStore::batchIsolatesFailures()
{
    QFETCH(int, engine);
    std::unique_ptr<Fixture> owner = fresh(DatabaseEngine(engine));
    FIXTURE(f, owner.get());
    CHECK_OK(f->store().beginBatch());
    CHECK_OK(f->store().insert(query(u"tags"_s, {}), R"({"name":"first"})", {}, ResultFormat::JsonArray, Runtime::Caller::service()));
    Result<RecordResult> failed = f->store().insert(query(u"tags"_s, {}), R"([{"name":"half"},{"name":"classic"}])",
        {}, ResultFormat::JsonArray, Runtime::Caller::service());
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, ErrorCode::UniqueViolation);
    CHECK_OK(f->store().insert(query(u"tags"_s, {}), R"({"name":"last"})", {}, ResultFormat::JsonArray, Runtime::Caller::service()));
    CHECK_OK(f->store().commitBatch());
    QCOMPARE(f->scalar(u"SELECT COUNT(*) FROM tags WHERE name IN ('first', 'last')"_s).toInt(), 2);
    QCOMPARE(f->scalar(u"SELECT COUNT(*) FROM tags WHERE name = 'half'"_s).toInt(), 0);
    QCOMPARE(f->scalar(u"SELECT COUNT(*) FROM tags"_s).toInt(), 5);
}

void tst_RecordStore::upsert()
{
    QFETCH(int, engine);
    std::unique_ptr<Fixture> owner = fresh(DatabaseEngine(engine));
    FIXTURE(f, owner.get());
    ApiQuery merge = returning(query(u"categories"_s, {col(u"id"_s), col(u"name"_s), col(u"slug"_s)}));
    merge.onConflict = QStringList {u"slug"_s};
    merge.prefer.resolution = Preferences::Resolution::MergeDuplicates;
    Result<RecordResult> merged = f->store().insert(merge,
        R"([{"name":"Toys","slug":"toys"},{"name":"Books!","slug":"books"}])", {}, ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(merged);
    QCOMPARE(merged->body, QByteArray(R"([{"id":4,"name":"Toys","slug":"toys"},{"id":1,"name":"Books!","slug":"books"}])"));

    ApiQuery ignore = merge;
    ignore.prefer.resolution = Preferences::Resolution::IgnoreDuplicates;
    Result<RecordResult> ignored = f->store().insert(ignore, R"([{"name":"Again","slug":"books"}])", {}, ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(ignored);
    QCOMPARE(ignored->body, QByteArray("[]"));
    QCOMPARE(f->scalar(u"SELECT name FROM categories WHERE id = 1"_s).toString(), u"Books!"_s);

    ApiQuery onlyKey = returning(query(u"tags"_s, {}));
    onlyKey.onConflict = QStringList {u"name"_s};
    onlyKey.prefer.resolution = Preferences::Resolution::MergeDuplicates;
    Result<RecordResult> met = f->store().insert(onlyKey, R"({"name":"scifi"})", {}, ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(met);
    QCOMPARE(met->body, QByteArray(R"([{"id":3,"name":"scifi"}])"));
    ApiQuery notUnique = merge;
    notUnique.onConflict = QStringList {u"description"_s};
    Result<RecordResult> refused = f->store().insert(notUnique, R"({"name":"Nu","slug":"nu"})", {}, ResultFormat::JsonArray, Runtime::Caller::service());
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::InvalidConflictTarget);
    notUnique.onConflict = QStringList {u"nope"_s};
    Result<RecordResult> unknown = f->store().insert(notUnique, R"({"name":"Nu","slug":"nu"})", {}, ResultFormat::JsonArray, Runtime::Caller::service());
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::UnknownColumn);

    ApiQuery byKey = returning(query(u"tags"_s, {}));
    byKey.prefer.resolution = Preferences::Resolution::MergeDuplicates;
    Result<RecordResult> keyed = f->store().insert(byKey, R"([{"id":1,"name":"classics"}])", {}, ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(keyed);
    QCOMPARE(keyed->body, QByteArray(R"([{"id":1,"name":"classics"}])"));
    // A key given in an upsert moves the key generator on, on both engines.
    Result<RecordResult> explicitKey = f->store().insert(byKey, R"([{"id":10,"name":"ten"}])", {}, ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(explicitKey);
    Result<RecordResult> next = f->store().insert(returning(query(u"tags"_s, {})), R"({"name":"eleven"})", {},
        ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(next);
    QCOMPARE(next->body, QByteArray(R"([{"id":11,"name":"eleven"}])"));
}

void tst_RecordStore::updateAndDelete()
{
    QFETCH(int, engine);
    std::unique_ptr<Fixture> owner = fresh(DatabaseEngine(engine));
    FIXTURE(f, owner.get());
    RecordStore &store = f->store();
    const ApiQuery stamps = query(u"products"_s, {col(u"created_at"_s), col(u"updated_at"_s)},
        {level({}, {where(u"id"_s, Op::Eq, u"2"_s)})});
    Result<RecordResult> before = store.read(stamps, ResultFormat::SingleObject, Runtime::Caller::service());
    CHECK_OK(before);
    QThread::msleep(5);
    Result<RecordResult> patched = store.update(returning(query(u"products"_s, {col(u"id"_s), col(u"stock"_s)},
        {level({}, {where(u"id"_s, Op::Eq, u"2"_s)})})), R"({"stock":5})", {}, ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(patched);
    QCOMPARE(patched->body, QByteArray(R"([{"id":2,"stock":5}])"));
    Result<RecordResult> after = store.read(stamps, ResultFormat::SingleObject, Runtime::Caller::service());
    CHECK_OK(after);
    QCOMPARE(valueOf(after->body, u"created_at"_s), valueOf(before->body, u"created_at"_s));
    QVERIFY(valueOf(after->body, u"updated_at"_s) > valueOf(before->body, u"updated_at"_s));

    Result<RecordResult> moved = store.update(returning(query(u"orders"_s, {col(u"id"_s), col(u"status"_s)},
        {level({}, {where(u"status"_s, Op::Eq, u"pending"_s)})})), R"({"status":"paid"})", {}, ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(moved);
    QCOMPARE(moved->body, QByteArray(R"([{"id":2,"status":"paid"}])"));

    const ApiQuery everyone = query(u"customers"_s, {});
    Runtime::Caller customer {Runtime::Caller::Kind::Authenticated, u"11111111-1111-4111-8111-111111111111"_s,
        u"ann@example.com"_s, u"authenticated"_s, {}, {}, false};
    Result<RecordResult> refused = store.update(everyone, R"({"newsletter":true})", {}, ResultFormat::JsonArray, customer);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::UnfilteredWrite);
    Result<RecordResult> allowed = store.update(everyone, R"({"newsletter":true})", {},
        ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(allowed);
    QCOMPARE(allowed->rowCount, 2);
    Result<RecordResult> badPatch = store.update(stamps, R"({"price":-2})", {}, ResultFormat::JsonArray, Runtime::Caller::service());
    QVERIFY(!badPatch);
    QCOMPARE(badPatch.error().code, ErrorCode::CheckViolation);

    Result<RecordResult> deleted = store.remove(returning(query(u"reviews"_s, {col(u"id"_s), col(u"rating"_s)},
        {level({}, {where(u"rating"_s, Op::Lt, u"4"_s)})})), {}, ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(deleted);
    QCOMPARE(deleted->body, QByteArray(R"([{"id":2,"rating":3}])"));
    QCOMPARE(deleted->rowCount, 1);
    QCOMPARE(f->scalar(u"SELECT COUNT(*) FROM reviews"_s).toInt(), 2);
    // Only the service role may delete without a filter; every other caller is refused.
    Result<RecordResult> unfiltered = store.remove(query(u"reviews"_s, {}), {}, ResultFormat::JsonArray, Runtime::Caller::anon());
    QVERIFY(!unfiltered);
    QCOMPARE(unfiltered.error().code, ErrorCode::UnfilteredWrite);
    Result<RecordResult> referenced = store.remove(query(u"customers"_s, {},
        {level({}, {where(u"email"_s, Op::Eq, u"ann@example.com"_s)})}), {}, ResultFormat::JsonArray, Runtime::Caller::service());
    QVERIFY(!referenced);
    QCOMPARE(referenced.error().code, ErrorCode::ForeignKeyViolation);
    Result<RecordResult> minimal = store.remove(query(u"tags"_s, {}, {level({}, {where(u"id"_s, Op::Gte, u"2"_s)})}), {},
        ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(minimal);
    QVERIFY(minimal->body.isEmpty());
    QCOMPARE(minimal->rowCount, 2);
}

void tst_RecordStore::datetimeNormalisation()
{
    QFETCH(int, engine);
    std::unique_ptr<Fixture> owner = fresh(DatabaseEngine(engine));
    FIXTURE(f, owner.get());
    Result<RecordResult> r = f->store().insert(returning(query(u"orders"_s, {col(u"placed_at"_s)})),
        R"({"customer_id":")" + s_ann.toLatin1() + R"(","shipping_address":"x","placed_at":"2024-05-05 12:30:15.5-03:00"})",
        {}, ResultFormat::SingleObject, Runtime::Caller::service());
    CHECK_OK(r);
    QCOMPARE(r->body, QByteArray(R"({"placed_at":"2024-05-05T15:30:15.500Z"})"));
    if (DatabaseEngine(engine) == DatabaseEngine::SQLite)
        QCOMPARE(f->scalar(u"SELECT placed_at FROM orders WHERE id = 4"_s).toString(), u"2024-05-05T15:30:15.500Z"_s);
    Result<RecordResult> found = f->store().read(query(u"orders"_s, {col(u"id"_s)},
        {level({}, {where(u"placed_at"_s, Op::Eq, u"2024-05-05T17:30:15.500+02:00"_s)})}), ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(found);
    QCOMPARE(found->body, QByteArray(R"([{"id":4}])"));

    Result<RecordResult> json = f->store().update(returning(query(u"products"_s, {col(u"attributes"_s)},
        {level({}, {where(u"id"_s, Op::Eq, u"2"_s)})})), R"({"attributes":{"zeta":1,"a":{"bb":2,"c":[1,2.50,"x y"]}}})",
        {}, ResultFormat::JsonArray, Runtime::Caller::service());
    CHECK_OK(json);
    QCOMPARE(json->body, QByteArray(R"([{"attributes":{"a":{"c":[1,2.5,"x y"],"bb":2},"zeta":1}}])"));
}
