// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of RecordStore on real SQLite and PostgreSQL databases: the same rows must give the same bytes.
#include "tst_recordstore.h"

#include <QRegularExpression>
#include <QtTest>

using namespace Runtime;
using namespace Qt::StringLiterals;
using namespace RecordTest;
using Op = FilterOperator;
using Kind = Condition::Kind;
using Nulls = OrderTerm::Nulls;

namespace {
constexpr int s_noError = -1;
const QString s_ann = QStringLiteral("11111111-1111-4111-8111-111111111111");
const QString products = QStringLiteral("products");
constexpr auto json = ResultFormat::JsonArray;

const std::pair<const char *, DatabaseEngine> s_engines[] = {
    {"sqlite", DatabaseEngine::SQLite}, {"postgresql", DatabaseEngine::PostgreSQL}};

// Adds one row per engine; both must produce exactly \a expected.
void addRow(const char *name, const ApiQuery &q, ResultFormat format, const QByteArray &expected,
    int error = s_noError)
{
    for (const auto &[engine, kind] : s_engines)
        QTest::addRow("%s: %s", engine, name) << int(kind) << q << int(format) << expected << error;
}

QByteArray ids(std::initializer_list<int> values)
{
    QByteArray out = "[";
    for (int v : values)
        out += (out.size() > 1 ? ",{\"id\":" : "{\"id\":") + QByteArray::number(v) + '}';
    return out + ']';
}

ApiQuery productIds(std::vector<Condition> conditions, std::vector<OrderTerm> orders = {},
    std::optional<qint64> limit = {}, std::optional<qint64> offset = {})
{
    return query(QStringLiteral("products"), {col(QStringLiteral("id"))},
        {level({}, std::move(conditions), std::move(orders), limit, offset)});
}
// Operators
void addOperatorRows()
{
    addRow("eq", query(products, {col(u"id"_s), col(u"name"_s)}, {level({}, {where(u"id"_s, Op::Eq, u"1"_s)})}),
        json, R"([{"id":1,"name":"Dune"}])");
    addRow("neq", productIds({where(u"name"_s, Op::Neq, u"Dune"_s)}), json, ids({2, 3, 4}));
    addRow("gt", productIds({where(u"price"_s, Op::Gt, u"9.5"_s)}), json, ids({2, 3}));
    addRow("gte lte", productIds({where(u"price"_s, Op::Gte, u"25"_s), where(u"price"_s, Op::Lte, u"40.25"_s)}),
        json, ids({2, 3}));
    addRow("lt", productIds({where(u"price"_s, Op::Lt, u"9.5"_s)}), json, ids({4}));
    addRow("like is case-sensitive", productIds({where(u"name"_s, Op::Like, u"*o*"_s)}), json, ids({3}));
    addRow("ilike", productIds({where(u"name"_s, Op::Ilike, u"*o*"_s)}), json, ids({3, 4}));
    addRow("ilike is Unicode-aware", productIds({where(u"description"_s, Op::Ilike, u"*STRATÉGIE été"_s)}), json, ids({3}));
    addRow("like is case-sensitive beyond ASCII", productIds({where(u"description"_s, Op::Like, u"*été"_s)}), json, "[]");
    addRow("like escapes glob characters", productIds({where(u"name"_s, Op::Like, u"[*"_s)}), json, "[]");
    addRow("in", productIds({whereIn(u"id"_s, {u"1"_s, u"3"_s})}), json, ids({1, 3}));
    addRow("is null", productIds({where(u"sku"_s, Op::Is, u"null"_s)}), json, ids({2, 4}));
    addRow("not is null", productIds({where(u"sku"_s, Op::Is, u"null"_s, true)}), json, ids({1, 3}));
    addRow("is true", productIds({where(u"active"_s, Op::Is, u"true"_s)}), json, ids({1, 3, 4}));
    addRow("eq boolean", productIds({where(u"active"_s, Op::Eq, u"false"_s)}), json, ids({2}));
    addRow("or", productIds({group(Kind::Or, {where(u"stock"_s, Op::Eq, u"0"_s), where(u"price"_s, Op::Gt, u"30"_s)})}),
        json, ids({2, 3}));
    addRow("not or", productIds({group(Kind::Or, {where(u"stock"_s, Op::Eq, u"0"_s), where(u"price"_s, Op::Gt, u"30"_s)}, true)}),
        json, ids({1, 4}));
    addRow("nested and/or", productIds({group(Kind::And, {group(Kind::Or, {where(u"id"_s, Op::Eq, u"1"_s),
        where(u"id"_s, Op::Eq, u"2"_s)}), where(u"active"_s, Op::Eq, u"true"_s)})}), json, ids({1}));
}

// Values and keys
void addValueRows()
{
    addRow("types and alias", query(products, {col(u"id"_s), col(u"name"_s, u"label"_s), col(u"price"_s),
        col(u"weight_kg"_s), col(u"active"_s), col(u"sku"_s), col(u"attributes"_s)}, {level({}, {whereIn(u"id"_s, {u"1"_s, u"2"_s})})}),
        json, R"([{"id":1,"label":"Dune","price":9.5,"weight_kg":0.4,"active":true,"sku":"BK-1","attributes":{"pages":412,"author":"Herbert"}},)"
              R"({"id":2,"label":"Chess","price":25,"weight_kg":null,"active":false,"sku":null,"attributes":null}])");
    addRow("star in model order", query(u"tags"_s, {star()}), json,
        R"([{"id":1,"name":"classic"},{"id":2,"name":"strategy"},{"id":3,"name":"scifi"}])");
    addRow("uuid filter is normalised", query(u"customers"_s, {col(u"id"_s), col(u"newsletter"_s)},
        {level({}, {where(u"id"_s, Op::Eq, s_ann.toUpper())})}), json,
        R"([{"id":"11111111-1111-4111-8111-111111111111","newsletter":false}])");
    addRow("datetimes", query(u"orders"_s, {col(u"id"_s), col(u"placed_at"_s)}), json,
        R"([{"id":1,"placed_at":"2024-03-01T08:00:00.000Z"},{"id":2,"placed_at":"2024-03-02T00:00:00.000Z"},{"id":3,"placed_at":null}])");
    addRow("datetime filter with offset", query(u"orders"_s, {col(u"id"_s)},
        {level({}, {where(u"placed_at"_s, Op::Gt, u"2024-03-01T09:00:00+01:00"_s)})}), json, ids({2}));
    addRow("datetime eq", query(u"orders"_s, {col(u"id"_s)},
        {level({}, {where(u"placed_at"_s, Op::Eq, u"2024-03-01 08:00Z"_s)})}), json, ids({1}));
}

// Order and paging
void addOrderRows()
{
    addRow("asc nulls last by default", productIds({}, {order(u"sku"_s), order(u"id"_s)}), json, ids({1, 3, 2, 4}));
    addRow("desc nulls first by default", productIds({}, {order(u"sku"_s, true), order(u"id"_s)}), json, ids({2, 4, 3, 1}));
    addRow("asc nullsfirst", productIds({}, {order(u"sku"_s, false, Nulls::First), order(u"id"_s)}), json, ids({2, 4, 1, 3}));
    addRow("desc nullslast", productIds({}, {order(u"sku"_s, true, Nulls::Last), order(u"id"_s)}), json, ids({3, 1, 2, 4}));
    addRow("limit offset", productIds({}, {order(u"id"_s)}, 2, 1), json, ids({2, 3}));
    addRow("offset only", productIds({}, {}, {}, 3), json, ids({4}));
}

// Embeds
void addEmbedRows()
{
    addRow("many-to-one by relationship name", query(products, {col(u"id"_s), embed(u"category"_s, {col(u"name"_s)})},
        {level({}, {whereIn(u"id"_s, {u"1"_s, u"4"_s})})}), json,
        R"([{"id":1,"category":{"name":"Books"}},{"id":4,"category":null}])");
    addRow("many-to-one by table name", query(products, {col(u"id"_s), embed(u"categories"_s, {col(u"slug"_s)})},
        {level({}, {where(u"id"_s, Op::Eq, u"2"_s)})}), json, R"([{"id":2,"categories":{"slug":"games"}}])");
    addRow("one-to-many", query(u"categories"_s, {col(u"name"_s), embed(products, {col(u"id"_s), col(u"active"_s)})}), json,
        R"([{"name":"Books","products":[{"id":1,"active":true}]},{"name":"Games","products":[{"id":2,"active":false},{"id":3,"active":true}]},{"name":"Empty","products":[]}])");
    addRow("embedded filter", query(u"categories"_s, {col(u"name"_s), embed(products, {col(u"name"_s)})},
        {level({products}, {where(u"price"_s, Op::Gt, u"30"_s)})}), json,
        R"([{"name":"Books","products":[]},{"name":"Games","products":[{"name":"Go"}]},{"name":"Empty","products":[]}])");
    addRow("embedded order and limit", query(u"categories"_s, {col(u"name"_s), embed(products, {col(u"name"_s)})},
        {level({products}, {}, {order(u"name"_s, true)}, 1)}), json,
        R"([{"name":"Books","products":[{"name":"Dune"}]},{"name":"Games","products":[{"name":"Go"}]},{"name":"Empty","products":[]}])");
    addRow("embedded offset", query(u"categories"_s, {col(u"name"_s), embed(products, {col(u"name"_s)})},
        {level({}, {where(u"id"_s, Op::Eq, u"2"_s)}), level({products}, {}, {order(u"name"_s, true)}, {}, 1)}), json,
        R"([{"name":"Games","products":[{"name":"Chess"}]}])");
    addRow("inner many-to-many with nested filter", query(products, {col(u"id"_s),
        embed(u"tags"_s, {col(u"name"_s)}, {}, true)}, {level({u"tags"_s}, {where(u"name"_s, Op::Eq, u"strategy"_s)})}),
        json, R"([{"id":2,"tags":[{"name":"strategy"}]},{"id":3,"tags":[{"name":"strategy"}]}])");
    addRow("inner with embedded filter", query(u"categories"_s, {col(u"name"_s), embed(products, {col(u"name"_s)}, {}, true)},
        {level({products}, {where(u"price"_s, Op::Gt, u"30"_s)})}), json, R"([{"name":"Games","products":[{"name":"Go"}]}])");
    addRow("inner", query(u"categories"_s, {col(u"name"_s), embed(products, {col(u"id"_s)}, {}, true)}), json,
        R"([{"name":"Books","products":[{"id":1}]},{"name":"Games","products":[{"id":2},{"id":3}]}])");
    addRow("many-to-many", query(products, {col(u"id"_s), embed(u"tags"_s, {col(u"name"_s)})}), json,
        R"([{"id":1,"tags":[{"name":"classic"},{"name":"scifi"}]},{"id":2,"tags":[{"name":"classic"},{"name":"strategy"}]},)"
        R"({"id":3,"tags":[{"name":"strategy"}]},{"id":4,"tags":[]}])");
    addRow("many-to-many reverse", query(u"tags"_s, {col(u"name"_s), embed(products, {col(u"id"_s)})}), json,
        R"([{"name":"classic","products":[{"id":1},{"id":2}]},{"name":"strategy","products":[{"id":2},{"id":3}]},{"name":"scifi","products":[{"id":1}]}])");
    addRow("nested", query(u"orders"_s, {col(u"id"_s), embed(u"order_items"_s, {col(u"unit_price"_s),
        embed(products, {col(u"name"_s), col(u"attributes"_s)})})}), json,
        R"([{"id":1,"order_items":[{"unit_price":9.5,"products":{"name":"Dune","attributes":{"pages":412,"author":"Herbert"}}},)"
        R"({"unit_price":25,"products":{"name":"Chess","attributes":null}}]},{"id":2,"order_items":[]},)"
        R"({"id":3,"order_items":[{"unit_price":40.25,"products":{"name":"Go","attributes":null}}]}])");
    addRow("embedded datetimes", query(u"customers"_s, {col(u"full_name"_s), embed(u"orders"_s, {col(u"placed_at"_s)}, u"customer_id"_s)}),
        json, R"([{"full_name":"Ann","orders":[{"placed_at":"2024-03-01T08:00:00.000Z"},{"placed_at":"2024-03-02T00:00:00.000Z"}]},)"
        R"({"full_name":"Bob","orders":[{"placed_at":null}]}])");
    addRow("junction table", query(products, {col(u"id"_s), embed(u"products_tags"_s, {col(u"tag_id"_s),
        embed(u"tags"_s, {col(u"name"_s)})})}, {level({}, {where(u"id"_s, Op::Eq, u"1"_s)}), level({u"products_tags"_s}, {},
        {order(u"tag_id"_s)})}), json,
        R"([{"id":1,"products_tags":[{"tag_id":1,"tags":{"name":"classic"}},{"tag_id":3,"tags":{"name":"scifi"}}]}])");
    addRow("hint by junction", query(products, {col(u"id"_s), embed(u"tags"_s, {col(u"id"_s)}, u"products_tags"_s)},
        {level({}, {where(u"id"_s, Op::Eq, u"3"_s)})}), json, R"([{"id":3,"tags":[{"id":2}]}])");
    addRow("hint by column", query(u"orders"_s, {col(u"id"_s), embed(u"customers"_s, {col(u"full_name"_s)}, u"customer_id"_s)}), json,
        R"([{"id":1,"customers":{"full_name":"Ann"}},{"id":2,"customers":{"full_name":"Ann"}},{"id":3,"customers":{"full_name":"Bob"}}])");
    addRow("relationship name", query(u"orders"_s, {col(u"id"_s), embed(u"gift_recipient"_s, {col(u"full_name"_s)})}), json,
        R"([{"id":1,"gift_recipient":{"full_name":"Bob"}},{"id":2,"gift_recipient":null},{"id":3,"gift_recipient":null}])");
}

// Formats
void addFormatRows()
{
    addRow("single object", query(u"tags"_s, {star()}, {level({}, {where(u"id"_s, Op::Eq, u"2"_s)})}),
        ResultFormat::SingleObject, R"({"id":2,"name":"strategy"})");
    addRow("single object of none", query(u"tags"_s, {star()}, {level({}, {where(u"id"_s, Op::Eq, u"9"_s)})}),
        ResultFormat::SingleObject, {}, int(ErrorCode::NotSingleObject));
    addRow("single object of many", query(u"tags"_s, {star()}), ResultFormat::SingleObject, {}, int(ErrorCode::NotSingleObject));
    addRow("csv", query(products, {col(u"id"_s), col(u"description"_s), col(u"sku"_s), col(u"active"_s)},
        {level({}, {whereIn(u"id"_s, {u"1"_s, u"2"_s})})}), ResultFormat::Csv,
        "id,description,sku,active\n1,\"A \"\"classic\"\", truly\",BK-1,t\n2,,,f");
}

// Errors
void addErrorRows()
{
    addRow("unknown table", query(u"nope"_s, {}), json, {}, int(ErrorCode::UnknownTable));
    addRow("unknown select column", query(products, {col(u"nope"_s)}), json, {}, int(ErrorCode::UnknownColumn));
    addRow("unknown filter column", productIds({where(u"nope"_s, Op::Eq, u"1"_s)}), json, {}, int(ErrorCode::UnknownColumn));
    addRow("unknown order column", productIds({}, {order(u"nope"_s)}), json, {}, int(ErrorCode::UnknownColumn));
    addRow("hidden column", query(products, {col(u"internal_note"_s)}), json, {}, int(ErrorCode::UnknownColumn));
    addRow("unknown embed", query(products, {embed(u"nope"_s, {})}), json, {}, int(ErrorCode::UnknownRelationship));
    addRow("filter on a missing embed", query(u"categories"_s, {col(u"name"_s)},
        {level({products}, {where(u"price"_s, Op::Gt, u"30"_s)})}), json, {}, int(ErrorCode::EmbedNotSelected));
    addRow("ambiguous embed", query(u"orders"_s, {embed(u"customers"_s, {})}), json, {}, int(ErrorCode::AmbiguousRelationship));
    addRow("invalid integer", productIds({where(u"id"_s, Op::Eq, u"abc"_s)}), json, {}, int(ErrorCode::InvalidValue));
    addRow("invalid datetime", query(u"orders"_s, {}, {level({}, {where(u"placed_at"_s, Op::Lt, u"yesterday"_s)})}),
        json, {}, int(ErrorCode::InvalidValue));
    addRow("invalid uuid", query(u"customers"_s, {}, {level({}, {where(u"id"_s, Op::Eq, u"42"_s)})}),
        json, {}, int(ErrorCode::InvalidValue));
}

} // namespace

void tst_RecordStore::engines()
{
    QTest::addColumn<int>("engine");
    for (const auto &[name, kind] : s_engines)
        QTest::newRow(name) << int(kind);
}

void tst_RecordStore::initTestCase()
{
    m_shared[0] = std::make_unique<Fixture>(DatabaseEngine::SQLite);
    QVERIFY2(m_shared[0]->isValid(), qPrintable(m_shared[0]->why()));
    m_shared[1] = std::make_unique<Fixture>(DatabaseEngine::PostgreSQL);
    QVERIFY2(m_shared[1]->isValid() || m_shared[1]->postgresMissing(), qPrintable(m_shared[1]->why()));
}

Fixture *tst_RecordStore::shared(DatabaseEngine engine)
{
    return m_shared[engine == DatabaseEngine::SQLite ? 0 : 1].get();
}

std::unique_ptr<Fixture> tst_RecordStore::fresh(DatabaseEngine engine)
{
    return std::make_unique<Fixture>(engine);
}

void tst_RecordStore::read_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<ApiQuery>("query");
    QTest::addColumn<int>("format");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<int>("error");
    addOperatorRows();
    addValueRows();
    addOrderRows();
    addEmbedRows();
    addFormatRows();
    addErrorRows();
}

void tst_RecordStore::read()
{
    QFETCH(int, engine);
    QFETCH(ApiQuery, query);
    QFETCH(int, format);
    QFETCH(QByteArray, expected);
    QFETCH(int, error);
    FIXTURE(f, shared(DatabaseEngine(engine)));
    Result<RecordResult> r = f->store().read(query, ResultFormat(format), Runtime::Caller::service());
    if (error != s_noError) {
        QVERIFY2(!r, r ? r->body.constData() : "");
        QCOMPARE(int(r.error().code), error);
        if (r.error().code == ErrorCode::NotSingleObject) // PostgREST says how many rows there were
            QVERIFY(QRegularExpression(u"The result contains (0|3) rows"_s).match(r.error().toString()).hasMatch());
        QVERIFY(!r.error().message.contains(QLatin1String("SELECT")));
        return;
    }
    QVERIFY2(r, qPrintable(r ? QString() : r.error().toString() + QLatin1Char(' ') + r.error().detail));
    QCOMPARE(r->body, expected);
    QVERIFY(!r->totalCount);
}

QTEST_GUILESS_MAIN(tst_RecordStore)
