// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore tests of permission rules: one row per rule branch and operation, on both engines.
#include "tst_recordstore.h"

#include <QJsonObject>
#include <QtTest>

using namespace Runtime;
using namespace RecordTest;
using namespace Qt::StringLiterals;
using Op = FilterOperator;

Q_DECLARE_METATYPE(Runtime::Caller)

namespace {
constexpr int s_ok = -1;
const QString s_ann = u"11111111-1111-4111-8111-111111111111"_s;
const QString s_bob = u"22222222-2222-4222-8222-222222222222"_s;
const QString s_org1 = u"aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"_s;
const QString s_org2 = u"bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"_s;
const QString s_ada = u"aaaaaaaa-0000-4000-8000-000000000001"_s;
const QString s_ben = u"bbbbbbbb-0000-4000-8000-000000000002"_s;
const QString s_task1 = u"aaaaaaaa-2222-4222-8222-000000000001"_s;
const QString s_project2 = u"bbbbbbbb-1111-4111-8111-000000000002"_s;

const std::pair<const char *, DatabaseEngine> s_engines[]
    = {{"sqlite", DatabaseEngine::SQLite}, {"postgresql", DatabaseEngine::PostgreSQL}};

Caller user(const QString &id, const QString &role = u"authenticated"_s, const QString &organization = {})
{
    Caller c {Caller::Kind::Authenticated, id, id.left(4) + u"@example.com"_s, role, u"session"_s, {}, false};
    if (!organization.isEmpty())
        c.claims = QJsonObject {{u"organization_id"_s, organization}};
    return c;
}

Caller explaining(Caller c)
{
    c.explain = true;
    return c;
}

const Caller s_anon = Caller::anon();
const Caller s_service = Caller::service();
// Ann's token carries her account email, which she may write into her profile (customers.email).
const Caller s_annUser = [] {
    Caller c = user(s_ann);
    c.email = u"ann@example.com"_s;
    return c;
}();
const Caller s_bobUser = user(s_bob);
const Caller s_admin = user(u"33333333-3333-4333-8333-333333333333"_s, u"admin"_s);
const Caller s_acme = user(s_ada, u"authenticated"_s, s_org1);
const Caller s_beta = user(s_ben, u"authenticated"_s, s_org2);
const Caller s_betaAdmin = user(s_ben, u"admin"_s, s_org2);

ApiQuery filtered(
    const QString &table, const QString &column, const QString &value, std::vector<SelectItem> select = {})
{
    return query(table, std::move(select), {level({}, {where(column, Op::Eq, value)})});
}

ApiQuery ids(const QString &table)
{
    return query(table, {col(u"id"_s)});
}

ApiQuery returning(ApiQuery q)
{
    q.prefer.returnPreference = Preferences::Return::Representation;
    return q;
}

ApiQuery resolving(ApiQuery q, Preferences::Resolution resolution)
{
    q.prefer.resolution = resolution;
    return q;
}

ApiQuery counting(ApiQuery q)
{
    q.prefer.count = Preferences::Count::Exact;
    return q;
}

QString errorText(const Error &e)
{
    return e.toString() + QLatin1Char('\n') + e.detail;
}

void addRead(const char *name, const char *templ, const Caller &caller, const ApiQuery &q,
    const QByteArray &expected, int error = s_ok, const QString &mentions = {}, int total = -1)
{
    for (const auto &[engine, kind] : s_engines)
        QTest::addRow("%s: %s", engine, name) << int(kind) << QString::fromLatin1(templ) << caller << q
                                              << expected << error << mentions << total;
}

/** One write: \a probe (SQL giving one value) must read \a after once it ran, or what it read before
    when \a after is empty (every refusal: nothing may change). \a mentions is in the error message or body.
 */
void addWrite(const char *name, const char *templ, const Caller &caller, const char *op, const ApiQuery &q,
    const QByteArray &body, int error, int rows, const QString &probe, const QString &after = {},
    const QString &mentions = {})
{
    for (const auto &[engine, kind] : s_engines)
        QTest::addRow("%s: %s", engine, name)
            << int(kind) << QString::fromLatin1(templ) << caller << QString::fromLatin1(op) << q << body
            << error << rows << probe << after << mentions;
}

Result<RecordResult> run(
    RecordStore &store, const QString &op, const ApiQuery &q, const QByteArray &body, const Caller &caller)
{
    if (op == QLatin1String("read"))
        return store.read(q, ResultFormat::JsonArray, caller);
    if (op == QLatin1String("insert"))
        return store.insert(q, body, {}, ResultFormat::JsonArray, caller);
    if (op == QLatin1String("update"))
        return store.update(q, body, {}, ResultFormat::JsonArray, caller);
    return store.remove(q, {}, ResultFormat::JsonArray, caller);
}

constexpr int denied = int(ErrorCode::PermissionDenied);
constexpr int unauthenticated = int(ErrorCode::NotAuthenticated);
constexpr int readOnly = int(ErrorCode::ReadOnlyField);
const QString s_rls = u"new row violates row-level security policy for table"_s;
} // namespace

#define CHECK_OK(result) QVERIFY2(result, qPrintable((result) ? QString() : errorText((result).error())))

Fixture *tst_RecordStore::shared(DatabaseEngine engine, const QString &templateName)
{
    if (templateName != QLatin1String("saas"))
        return shared(engine);
    std::unique_ptr<Fixture> &f = m_saas[engine == DatabaseEngine::SQLite ? 0 : 1];
    if (!f)
        f = std::make_unique<Fixture>(engine, templateName);
    return f.get();
}

void tst_RecordStore::accessReads_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<QString>("templ");
    QTest::addColumn<Caller>("caller");
    QTest::addColumn<ApiQuery>("query");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("mentions");
    QTest::addColumn<int>("total");
    const char *shop = "ecommerce";
    addRead("empty rule: anon reads categories", shop, s_anon, ids(u"categories"_s),
        R"([{"id":1},{"id":2},{"id":3}])");
    addRead("expression: anon reads active products", shop, s_anon, ids(u"products"_s),
        R"([{"id":1},{"id":3},{"id":4}])");
    addRead("expression: user reads active products", shop, s_annUser, ids(u"products"_s),
        R"([{"id":1},{"id":3},{"id":4}])");
    addRead("custom role: admin has admin and authenticated rules", shop, s_admin, ids(u"products"_s),
        R"([{"id":1},{"id":2},{"id":3},{"id":4}])");
    addRead("expression: count follows the rule", shop, s_anon, counting(ids(u"products"_s)),
        R"([{"id":1},{"id":3},{"id":4}])", s_ok, {}, 3);
    addRead("service: count of every row", shop, s_service, counting(ids(u"products"_s)),
        R"([{"id":1},{"id":2},{"id":3},{"id":4}])", s_ok, {}, 4);
    addRead(
        "expression: user A reads her orders", shop, s_annUser, ids(u"orders"_s), R"([{"id":1},{"id":2}])");
    addRead("expression: user B reads his orders", shop, s_bobUser, ids(u"orders"_s), R"([{"id":3}])");
    addRead("expression: rule and filters together", shop, s_annUser,
        filtered(u"orders"_s, u"status"_s, u"paid"_s, {col(u"id"_s)}), R"([{"id":1}])");
    addRead("wrong user: B filters on A's order", shop, s_bobUser,
        filtered(u"orders"_s, u"id"_s, u"1"_s, {col(u"id"_s)}), "[]");
    addRead("service: every order", shop, s_service, ids(u"orders"_s), R"([{"id":1},{"id":2},{"id":3}])");
    addRead("absent rule: anon reads orders", shop, s_anon, ids(u"orders"_s), {}, unauthenticated,
        u"permission denied for table orders"_s);
    addRead("absent rule: user reads order_items", shop, s_annUser, ids(u"order_items"_s), {}, denied,
        u"permission denied for table order_items"_s);
    addRead("custom role: admin reads order_items", shop, s_admin, ids(u"order_items"_s),
        R"([{"id":1},{"id":2},{"id":3}])");
    addRead("embed: user A's customer row with her orders", shop, s_annUser,
        query(u"customers"_s, {col(u"id"_s), embed(u"orders"_s, {col(u"id"_s)}, u"customer_id"_s)}),
        R"([{"id":")" + s_ann.toLatin1() + R"(","orders":[{"id":1},{"id":2}]}])");
    addRead("embed: orders of others are left out", shop, s_bobUser,
        query(u"customers"_s, {col(u"id"_s), embed(u"orders"_s, {col(u"id"_s)}, u"gift_recipient"_s)}),
        R"([{"id":")" + s_bob.toLatin1() + R"(","orders":[]}])");
    addRead("service: embed shows every order", shop, s_service,
        filtered(u"customers"_s, u"id"_s, s_bob,
            {col(u"id"_s), embed(u"orders"_s, {col(u"id"_s)}, u"gift_recipient"_s)}),
        R"([{"id":")" + s_bob.toLatin1() + R"(","orders":[{"id":1}]}])");
    addRead("embed: anon sees active products only", shop, s_anon,
        query(u"categories"_s, {col(u"id"_s), embed(u"products"_s, {col(u"id"_s)})}),
        R"([{"id":1,"products":[{"id":1}]},{"id":2,"products":[{"id":3}]},{"id":3,"products":[]}])");
    addRead("embed: inner embed counts visible rows only", shop, s_anon,
        query(u"categories"_s, {col(u"id"_s), embed(u"products"_s, {col(u"id"_s)}, {}, true)},
            {level({u"products"_s}, {where(u"stock"_s, Op::Eq, u"0"_s)})}),
        "[]");
    addRead("embed: many-to-many through the junction", shop, s_anon,
        filtered(u"products"_s, u"id"_s, u"1"_s, {col(u"id"_s), embed(u"tags"_s, {col(u"name"_s)})}),
        R"([{"id":1,"tags":[{"name":"classic"},{"name":"scifi"}]}])");
    addRead("embed: a refused root is named before its embeds", shop, s_anon,
        query(u"orders"_s, {col(u"id"_s), embed(u"order_items"_s, {col(u"id"_s)})}), {}, unauthenticated,
        u"permission denied for table orders"_s);
    addRead("embed: refused table names itself", shop, s_annUser,
        query(u"orders"_s, {col(u"id"_s), embed(u"order_items"_s, {col(u"id"_s)})}), {}, denied,
        u"permission denied for table order_items"_s);
    const char *saas = "saas";
    addRead("tenant: org 1 reads its tasks", saas, s_acme, query(u"tasks"_s, {col(u"title"_s)}),
        R"([{"title":"Write copy"},{"title":"Ship"}])");
    addRead("other tenant: org 2 reads none of org 1's tasks", saas, s_beta,
        filtered(u"tasks"_s, u"organization_id"_s, s_org1, {col(u"title"_s)}), "[]");
    addRead("tenant: org 2 reads its own", saas, s_beta, query(u"tasks"_s, {col(u"title"_s)}),
        R"([{"title":"Plan"}])");
    addRead("tenant: embeds are scoped too", saas, s_beta,
        query(u"organizations"_s, {col(u"name"_s), embed(u"projects"_s, {col(u"name"_s)})}),
        R"([{"name":"Beta","projects":[{"name":"Plan"}]}])");
    addRead("absent rule: anon reads tasks", saas, s_anon, query(u"tasks"_s, {col(u"title"_s)}), {},
        unauthenticated, u"permission denied for table tasks"_s);
    addRead("service: every task", saas, s_service, query(u"tasks"_s, {col(u"title"_s)}),
        R"([{"title":"Write copy"},{"title":"Ship"},{"title":"Plan"}])");
}

void tst_RecordStore::accessReads()
{
    QFETCH(int, engine);
    QFETCH(QString, templ);
    QFETCH(Caller, caller);
    QFETCH(ApiQuery, query);
    QFETCH(QByteArray, expected);
    QFETCH(int, error);
    QFETCH(QString, mentions);
    QFETCH(int, total);
    FIXTURE(f, shared(DatabaseEngine(engine), templ));
    Result<RecordResult> r = f->store().read(query, ResultFormat::JsonArray, caller);
    if (error != s_ok) {
        QVERIFY2(!r, r ? r->body.constData() : "");
        QVERIFY2(int(r.error().code) == error, qPrintable(errorText(r.error())));
        QCOMPARE(r.error().message, mentions);
        return;
    }
    CHECK_OK(r);
    QCOMPARE(r->body, expected);
    if (total >= 0)
        QCOMPARE(r->totalCount, std::optional<qint64>(total));
    QVERIFY(r->explain.isEmpty());
}

void tst_RecordStore::accessWrites_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<QString>("templ");
    QTest::addColumn<Caller>("caller");
    QTest::addColumn<QString>("op");
    QTest::addColumn<ApiQuery>("query");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("error");
    QTest::addColumn<int>("rows");
    QTest::addColumn<QString>("probe");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("mentions");
    const char *shop = "ecommerce";
    const QString orderCount = u"SELECT COUNT(*) FROM orders"_s;
    const QByteArray annOrder
        = R"({"customer_id":")" + s_ann.toLatin1() + R"(","total":5,"shipping_address":"1 Main St"})";
    const QByteArray bobOrder
        = R"({"customer_id":")" + s_bob.toLatin1() + R"(","total":5,"shipping_address":"2 Side St"})";
    const ApiQuery orders = query(u"orders"_s, {});
    addWrite("absent rule: anon inserts an order", shop, s_anon, "insert", orders, annOrder, unauthenticated,
        0, orderCount);
    addWrite("absent rule: user deletes an order", shop, s_annUser, "delete",
        filtered(u"orders"_s, u"id"_s, u"1"_s), {}, denied, 0, orderCount, {},
        u"permission denied for table orders"_s);
    addWrite("absent rule: user updates an order", shop, s_annUser, "update",
        filtered(u"orders"_s, u"id"_s, u"1"_s), R"({"status":"cancelled"})", denied, 0,
        u"SELECT status FROM orders WHERE id = 1"_s);
    addWrite("expression: user inserts her order", shop, s_annUser, "insert", orders, annOrder, s_ok, 1,
        u"SELECT COUNT(*) FROM orders WHERE customer_id = '%1'"_s.arg(s_ann), u"3"_s);
    addWrite("expression: user inserts an order for another", shop, s_annUser, "insert", orders, bobOrder,
        denied, 0, orderCount, {}, s_rls);
    addWrite("expression: user inserts a paid order", shop, s_annUser, "insert", orders,
        R"({"customer_id":")" + s_ann.toLatin1() + R"(","status":"paid","total":5,"shipping_address":"x"})",
        denied, 0, orderCount, {}, s_rls);
    addWrite("expression: one bad row rolls back the bulk", shop, s_annUser, "insert", orders,
        '[' + annOrder + ',' + bobOrder + ']', denied, 0, orderCount);
    addWrite("expression: representation of the new row", shop, s_annUser, "insert",
        returning(query(u"orders"_s, {col(u"customer_id"_s), col(u"status"_s)})), annOrder, s_ok, 1,
        orderCount, u"4"_s, uR"([{"customer_id":")"_s + s_ann + uR"(","status":"pending"}])"_s);
    addWrite("wrong user: B updates A's review", shop, s_bobUser, "update",
        filtered(u"reviews"_s, u"id"_s, u"1"_s), R"({"rating":1})", s_ok, 0,
        u"SELECT rating FROM reviews WHERE id = 1"_s);
    addWrite("expression: B updates his review", shop, s_bobUser, "update",
        filtered(u"reviews"_s, u"id"_s, u"2"_s), R"({"rating":1})", s_ok, 1,
        u"SELECT rating FROM reviews WHERE id = 2"_s, u"1"_s);
    addWrite("check: B gives his review to A", shop, s_bobUser, "update",
        filtered(u"reviews"_s, u"id"_s, u"2"_s),
        R"({"product_id":2,"customer_id":")" + s_ann.toLatin1() + R"("})", denied, 0,
        u"SELECT COUNT(*) FROM reviews WHERE customer_id = '%1'"_s.arg(s_bob), {}, s_rls);
    addWrite("wrong user: B deletes A's review", shop, s_bobUser, "delete",
        filtered(u"reviews"_s, u"id"_s, u"1"_s), {}, s_ok, 0, u"SELECT COUNT(*) FROM reviews"_s);
    addWrite("expression: A deletes her review", shop, s_annUser, "delete",
        filtered(u"reviews"_s, u"id"_s, u"1"_s), {}, s_ok, 1, u"SELECT COUNT(*) FROM reviews"_s, u"2"_s);
    addWrite("unfiltered: user updates every review", shop, s_annUser, "update", query(u"reviews"_s, {}),
        R"({"rating":1})", int(ErrorCode::UnfilteredWrite), 0, u"SELECT SUM(rating) FROM reviews"_s);
    addWrite("custom role: admin updates an order", shop, s_admin, "update",
        filtered(u"orders"_s, u"id"_s, u"3"_s), R"({"status":"paid"})", s_ok, 1,
        u"SELECT status FROM orders WHERE id = 3"_s, u"paid"_s);
    addWrite("service: deletes an order", shop, s_service, "delete", filtered(u"orders"_s, u"id"_s, u"2"_s),
        {}, s_ok, 1, orderCount, u"2"_s);
    const QByteArray kite = R"({"name":"Kite","slug":"kite","price":1,"stock":1,"internal_note":"n"})";
    addWrite("hidden field: admin writes internal_note", shop, s_admin, "insert", query(u"products"_s, {}),
        kite, readOnly, 0, u"SELECT COUNT(*) FROM products"_s, {},
        u"column \"internal_note\" of table products is read-only"_s);
    addWrite("hidden field: service may", shop, s_service, "insert", query(u"products"_s, {}), kite, s_ok, 1,
        u"SELECT internal_note FROM products WHERE slug = 'kite'"_s, u"n"_s);
    const QByteArray bobRow
        = R"({"id":")" + s_bob.toLatin1() + R"(","email":"bob@example.com","full_name":"Hacked"})";
    // As Ann writes it: the only email she may write is her own (the profile's email follows the account's).
    const QByteArray bobRowByAnn
        = R"({"id":")" + s_bob.toLatin1() + R"(","email":"ann@example.com","full_name":"Hacked"})";
    const QString bobName = u"SELECT full_name FROM customers WHERE email = 'bob@example.com'"_s;
    addWrite("upsert: A merges into B's row", shop, s_annUser, "insert",
        resolving(query(u"customers"_s, {}), Preferences::Resolution::MergeDuplicates), bobRowByAnn, denied, 0,
        bobName, {}, s_rls);
    addWrite("profile email: A takes B's address", shop, s_annUser, "update",
        filtered(u"customers"_s, u"id"_s, s_ann), R"({"email":"bob@example.com"})", readOnly, 0,
        u"SELECT email FROM customers WHERE id = '%1'"_s.arg(s_ann), {},
        u"column \"email\" of table customers is read-only"_s);
    addWrite("upsert: A merges into her own row", shop, s_annUser, "insert",
        resolving(query(u"customers"_s, {}), Preferences::Resolution::MergeDuplicates),
        R"({"id":")" + s_ann.toLatin1() + R"(","email":"ann@example.com","full_name":"Annie"})", s_ok, 1,
        u"SELECT full_name FROM customers WHERE email = 'ann@example.com'"_s, u"Annie"_s);
    addWrite("upsert: needs an update rule", shop, s_annUser, "insert",
        resolving(orders, Preferences::Resolution::MergeDuplicates), annOrder, denied, 0, orderCount, {},
        u"permission denied for table orders"_s);
    addWrite("ignore-duplicates: the insert rule alone", shop, s_annUser, "insert",
        resolving(query(u"customers"_s, {}), Preferences::Resolution::IgnoreDuplicates), bobRowByAnn, s_ok, 0,
        bobName);
    addWrite("service: upserts any row", shop, s_service, "insert",
        resolving(query(u"customers"_s, {}), Preferences::Resolution::MergeDuplicates), bobRow, s_ok, 1,
        bobName, u"Hacked"_s);
    const QString itemCount = u"SELECT COUNT(*) FROM order_items"_s;
    const QByteArray item = R"("product_id":1,"quantity":1,"unit_price":9.5})";
    addWrite("path rule: A adds an item to her order", shop, s_annUser, "insert", query(u"order_items"_s, {}),
        R"({"order_id":2,)" + item, s_ok, 1, itemCount, u"4"_s);
    addWrite("path rule: A adds an item to B's order", shop, s_annUser, "insert", query(u"order_items"_s, {}),
        R"({"order_id":3,)" + item, denied, 0, itemCount, {}, s_rls);
    addWrite("representation: refused before writing when unreadable", shop, s_annUser, "insert",
        returning(query(u"order_items"_s, {})), R"({"order_id":2,)" + item, denied, 0, itemCount, {},
        u"permission denied for table order_items"_s);
    addWrite("representation: hidden rows are written, not returned", shop, s_annUser, "update",
        returning(filtered(u"products"_s, u"id"_s, u"2"_s)), R"({"stock":5})", s_ok, 1,
        u"SELECT stock FROM products WHERE id = 2"_s, u"5"_s, u"[]"_s);
    addWrite("representation: readable rows are returned", shop, s_annUser, "update",
        returning(filtered(u"products"_s, u"id"_s, u"3"_s, {col(u"stock"_s)})), R"({"stock":5})", s_ok, 1,
        u"SELECT stock FROM products WHERE id = 3"_s, u"5"_s, uR"([{"stock":5}])"_s);
    addWrite("check: an update must still meet the rule", shop, s_annUser, "update",
        filtered(u"products"_s, u"id"_s, u"3"_s), R"({"stock":500})", denied, 0,
        u"SELECT stock FROM products WHERE id = 3"_s, {}, s_rls);

    const char *saas = "saas";
    const QString taskCount = u"SELECT COUNT(*) FROM tasks"_s;
    addWrite("other tenant: insert into org 1", saas, s_beta, "insert", query(u"tasks"_s, {}),
        R"({"organization_id":")" + s_org1.toLatin1() + R"(","project_id":")" + s_project2.toLatin1()
            + R"(","title":"Sneak"})",
        denied, 0, taskCount, {}, s_rls);
    addWrite("tenant: organization_id comes from the claim", saas, s_beta, "insert", query(u"tasks"_s, {}),
        R"({"project_id":")" + s_project2.toLatin1() + R"(","title":"Fill"})", s_ok, 1,
        u"SELECT COUNT(*) FROM tasks WHERE title = 'Fill' AND organization_id = '%1'"_s.arg(s_org2), u"1"_s);
    addWrite("other tenant: update org 1's task", saas, s_beta, "update",
        filtered(u"tasks"_s, u"id"_s, s_task1), R"({"title":"Mine"})", s_ok, 0,
        u"SELECT title FROM tasks WHERE id = '%1'"_s.arg(s_task1));
    addWrite("other tenant: move a task to org 2", saas, s_acme, "update",
        filtered(u"tasks"_s, u"id"_s, s_task1), R"({"organization_id":")" + s_org2.toLatin1() + R"("})",
        denied, 0, u"SELECT COUNT(*) FROM tasks WHERE organization_id = '%1'"_s.arg(s_org1), {}, s_rls);
    addWrite("other tenant: admin deletes org 1's task", saas, s_betaAdmin, "delete",
        filtered(u"tasks"_s, u"id"_s, s_task1), {}, s_ok, 0, taskCount);
    // A profile's email is its account's: an admin cannot create one under someone else's address (that
    // would block their sign-up); users are invited with the service key.
    addWrite("tenant: admin adds a user to his organization", saas, s_betaAdmin, "insert",
        query(u"users"_s, {}), R"({"email":"cy@beta.test","full_name":"Cy"})", readOnly, 0,
        u"SELECT COUNT(*) FROM users WHERE organization_id = '%1'"_s.arg(s_org2), {},
        u"column \"email\" of table users is read-only"_s);
    addWrite("read-only field: admin sets users.organization_id", saas, s_betaAdmin, "insert",
        query(u"users"_s, {}),
        R"({"email":"cy@beta.test","full_name":"Cy","organization_id":")" + s_org2.toLatin1() + R"("})",
        readOnly, 0, u"SELECT COUNT(*) FROM users"_s, {},
        u"column \"organization_id\" of table users is read-only"_s);
    addWrite("absent rule: user adds a user", saas, s_beta, "insert", query(u"users"_s, {}),
        R"({"full_name":"Cy"})", denied, 0, u"SELECT COUNT(*) FROM users"_s, {},
        u"permission denied for table users"_s);
    const QString adaRole = u"SELECT role FROM users WHERE id = '%1'"_s.arg(s_ada);
    addWrite("read-only field: user sets users.role", saas, s_acme, "update",
        filtered(u"users"_s, u"id"_s, s_ada), R"({"role":"admin"})", readOnly, 0, adaRole, {},
        u"column \"role\" of table users is read-only"_s);
    addWrite("read-only field: service may", saas, s_service, "update", filtered(u"users"_s, u"id"_s, s_ada),
        R"({"role":"admin"})", s_ok, 1, adaRole, u"admin"_s);
    addWrite("read-only field: user may change the rest", saas, s_acme, "update",
        filtered(u"users"_s, u"id"_s, s_ada), R"({"full_name":"Ada L"})", s_ok, 1,
        u"SELECT full_name FROM users WHERE id = '%1'"_s.arg(s_ada), u"Ada L"_s);
}

void tst_RecordStore::accessWrites()
{
    QFETCH(int, engine);
    QFETCH(QString, templ);
    QFETCH(Caller, caller);
    QFETCH(QString, op);
    QFETCH(ApiQuery, query);
    QFETCH(QByteArray, body);
    QFETCH(int, error);
    QFETCH(int, rows);
    QFETCH(QString, probe);
    QFETCH(QString, after);
    QFETCH(QString, mentions);
    FIXTURE(f, shared(DatabaseEngine(engine), templ));
    const QString before = f->scalar(probe).toString();
    if (error != s_ok) {
        // Refusals run as real transactions: nothing may be left behind.
        Result<RecordResult> r = run(f->store(), op, query, body, caller);
        QVERIFY2(!r, r ? r->body.constData() : "");
        QVERIFY2(int(r.error().code) == error, qPrintable(errorText(r.error())));
        QVERIFY2(r.error().message.contains(mentions), qPrintable(r.error().message));
        QCOMPARE(f->scalar(probe).toString(), before);
        return;
    }
    // Allowed writes run in a batch rolled back at the end, so the shared fixture stays as seeded.
    QVERIFY(f->store().beginBatch());
    Result<RecordResult> r = run(f->store(), op, query, body, caller);
    const QString changed = f->scalar(probe).toString();
    f->store().rollbackBatch();
    CHECK_OK(r);
    QCOMPARE(r->rowCount, rows);
    QCOMPARE(changed, after.isEmpty() ? before : after);
    QCOMPARE(f->scalar(probe).toString(), before);
    if (!mentions.isEmpty())
        QCOMPARE(QString::fromUtf8(r->body), mentions);
}

void tst_RecordStore::accessExplain_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<Caller>("caller");
    QTest::addColumn<QString>("op");
    QTest::addColumn<ApiQuery>("query");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("refused");
    QTest::addColumn<QStringList>("fragments");
    auto add = [](const char *name, const Caller &caller, const char *op, const ApiQuery &q,
                   const QByteArray &body, bool refused, const QStringList &fragments) {
        for (const auto &[engine, kind] : s_engines)
            QTest::addRow("%s: %s", engine, name)
                << int(kind) << explaining(caller) << QString::fromLatin1(op) << q << body << refused
                << fragments;
    };
    add("read: counts with and without the rule", s_annUser, "read", ids(u"orders"_s), {}, false,
        {uR"("role":"authenticated")"_s, uR"("user":")"_s + s_ann,
            uR"("table":"orders","operation":"select")"_s, uR"("grant":"conditional")"_s,
            uR"("rules":["authenticated: customer_id = auth.uid"])"_s, uR"("matched":3)"_s,
            uR"("allowed":2)"_s, uR"("excluded":1)"_s, uR"("decision":"allowed")"_s, uR"("condition":"()"_s});
    add("read: the request's filters count too", s_annUser, "read",
        filtered(u"orders"_s, u"status"_s, u"paid"_s, {col(u"id"_s)}), {}, false,
        {uR"("matched":1)"_s, uR"("allowed":1)"_s, uR"("excluded":0)"_s});
    add("read: unrestricted custom role", s_admin, "read", ids(u"products"_s), {}, false,
        {uR"("grant":"unrestricted")"_s, u"admin: everyone"_s, uR"("matched":4)"_s, uR"("allowed":4)"_s});
    add("read: refused", s_anon, "read", ids(u"orders"_s), {}, true,
        {uR"("grant":"denied")"_s, uR"("decision":"refused")"_s,
            uR"("reason":"permission denied for table orders")"_s});
    add("insert: check failure names the rule", s_annUser, "insert", query(u"orders"_s, {}),
        R"({"customer_id":")" + s_bob.toLatin1() + R"(","total":5,"shipping_address":"x"})", true,
        {uR"("operation":"insert")"_s, uR"("decision":"refused")"_s,
            u"new row violates row-level security policy"_s,
            u"authenticated: customer_id = auth.uid and status = 'pending'"_s});
    add("update: rows the rule leaves out", s_bobUser, "update", filtered(u"reviews"_s, u"id"_s, u"1"_s),
        R"({"rating":1})", false,
        {uR"("operation":"update")"_s, uR"("matched":1)"_s, uR"("allowed":0)"_s, uR"("excluded":1)"_s});
    add("delete: rows the rule lets through", s_annUser, "delete",
        filtered(u"reviews"_s, u"rating"_s, u"5"_s), {}, false,
        {uR"("operation":"delete")"_s, uR"("matched":1)"_s, uR"("allowed":1)"_s,
            uR"("decision":"allowed")"_s});
}

void tst_RecordStore::accessExplain()
{
    QFETCH(int, engine);
    QFETCH(Caller, caller);
    QFETCH(QString, op);
    QFETCH(ApiQuery, query);
    QFETCH(QByteArray, body);
    QFETCH(bool, refused);
    QFETCH(QStringList, fragments);
    FIXTURE(f, shared(DatabaseEngine(engine)));
    QVERIFY(f->store().beginBatch());
    Result<RecordResult> r = run(f->store(), op, query, body, caller);
    f->store().rollbackBatch();
    QCOMPARE(!r, refused);
    const QString explain = QString::fromUtf8(f->store().lastExplain());
    if (r)
        QCOMPARE(QString::fromUtf8(r->explain), explain);
    for (const QString &fragment : fragments)
        QVERIFY2(explain.contains(fragment), qPrintable(fragment + u"\nnot in\n"_s + explain));
    // Without explain nothing is recorded.
    Result<RecordResult> plain
        = f->store().read(ids(u"categories"_s), ResultFormat::JsonArray, Caller::anon());
    CHECK_OK(plain);
    QVERIFY(plain->explain.isEmpty());
    QVERIFY(f->store().lastExplain().isEmpty());
}
