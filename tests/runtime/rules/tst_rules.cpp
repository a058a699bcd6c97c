// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the permission rule language: SQL output, diagnostics, and rules run on real databases.
#include "io/projectvalidator.h"
#include "rules/accesspolicy.h"
#include "rules/rulecompiler.h"
#include "rulesfixture.h"
#include "storage/postgresdialect.h"
#include "storage/sqlitedialect.h"

#include <QJsonObject>
#include <QtTest>

using namespace Runtime;
using namespace Qt::StringLiterals;

namespace {
const QString s_ann = u"11111111-1111-4111-8111-111111111111"_s;
const QString s_bob = u"22222222-2222-4222-8222-222222222222"_s;
const QString s_orgA = u"aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"_s;
const QString s_orgB = u"bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"_s;

Caller user(const QString &id, const QString &email, const QString &role = u"authenticated"_s,
    const QJsonObject &claims = {})
{
    return Caller {Caller::Kind::Authenticated, id, email, role, u"s"_s, claims, false};
}

QString saasUser(int n)
{
    return u"00000000-0000-4000-8000-00000000000"_s + QString::number(n);
}

// The callers of the execution rows, by name.
Caller caller(const QString &name)
{
    if (name == QLatin1String("anon"))
        return Caller::anon();
    if (name == QLatin1String("service"))
        return Caller::service();
    if (name == QLatin1String("ann"))
        return user(s_ann, u"ann@example.com"_s);
    if (name == QLatin1String("bob"))
        return user(s_bob, u"bob@example.com"_s);
    if (name == QLatin1String("ann-admin"))
        return user(s_ann, u"ann@example.com"_s, u"admin"_s);
    if (name == QLatin1String("u1-admin"))
        return user(saasUser(1), u"u1@acme.test"_s, u"admin"_s,
            QJsonObject {{u"organization_id"_s, s_orgA}, {u"role"_s, u"admin"_s}});
    if (name == QLatin1String("u2"))
        return user(saasUser(2), u"u2@acme.test"_s, u"authenticated"_s,
            QJsonObject {{u"organization_id"_s, s_orgA}, {u"role"_s, u"member"_s}});
    if (name == QLatin1String("u3"))
        return user(saasUser(3), u"u3@bolt.test"_s, u"authenticated"_s,
            QJsonObject {{u"organization_id"_s, s_orgB}, {u"role"_s, u"member"_s}});
    if (name == QLatin1String("no-claims"))
        return user(saasUser(2), u"u2@acme.test"_s);
    qFatal("unknown caller %s", qPrintable(name));
}

// The caller of the golden SQL rows.
Caller goldenCaller()
{
    return user(u"00000000-0000-4000-8000-000000000001"_s, u"e@x"_s, u"authenticated"_s,
        QJsonObject {{u"organization_id"_s, u"00000000-0000-4000-8000-0000000000a1"_s}, {u"role"_s, u"admin"_s}});
}

QStringList describe(const QVariantList &values)
{
    QStringList out;
    for (const QVariant &v : values)
        out << (v.isNull() ? u"NULL"_s : QString::fromLatin1(v.typeName()) + u':' + v.toString());
    return out;
}
} // namespace

class tst_Rules : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sql_data();
    void sql();
    void diagnostics_data();
    void diagnostics();
    void emptyRuleIsAlwaysTrue();
    void templatesCompile_data();
    void templatesCompile();
    void validatorReportsTheExpression();
    void grants_data();
    void grants();
    void tenantValue();
    void execution_data();
    void execution();
    void rulesOfRolesAreOredBeforeTenant_data();
    void rulesOfRolesAreOredBeforeTenant();
    void designerQueries();
    void nullParameterBinds_data();
    void nullParameterBinds();
    void references();

private:
    const Project &project(const QString &name) { return *m_templates.value(name); }
    RulesTest::Fixture &fixture(const QString &engine, const QString &templateName);

    QHash<QString, std::shared_ptr<const Project>> m_templates;
    std::map<QString, std::unique_ptr<RulesTest::Fixture>> m_fixtures;
};

void tst_Rules::initTestCase()
{
    for (const QString &name : {u"ecommerce"_s, u"saas"_s, u"social"_s, u"chat"_s}) {
        QString error;
        std::shared_ptr<const Project> p = RulesTest::loadTemplate(name, &error);
        QVERIFY2(p, qPrintable(error));
        m_templates.insert(name, p);
    }
}

RulesTest::Fixture &tst_Rules::fixture(const QString &engine, const QString &templateName)
{
    const QString key = engine + u'/' + templateName;
    auto it = m_fixtures.find(key);
    if (it == m_fixtures.end()) {
        const DatabaseEngine e
            = engine == QLatin1String("postgres") ? DatabaseEngine::PostgreSQL : DatabaseEngine::SQLite;
        it = m_fixtures.emplace(key, std::make_unique<RulesTest::Fixture>(e, templateName)).first;
    }
    return *it->second;
}

void tst_Rules::sql_data()
{
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("sqlite");
    QTest::addColumn<QString>("postgres"); // empty: as sqlite
    QTest::addColumn<QStringList>("parameters");

    const auto row = [](const char *name, const char *tmpl, const char *table, const QString &expression,
                         const QString &sqlite, const QString &postgres, const QStringList &parameters) {
        QTest::newRow(name) << QString::fromLatin1(tmpl) << QString::fromLatin1(table) << expression << sqlite
                            << postgres << parameters;
    };
    row("comparison with auth.uid", "ecommerce", "orders", u"customer_id = auth.uid"_s,
        uR"(("t0"."customer_id" = ?))"_s, {}, {u"QString:00000000-0000-4000-8000-000000000001"_s});
    row("and, enum literal", "ecommerce", "orders", u"customer_id = auth.uid and status = 'pending'"_s,
        uR"(("t0"."customer_id" = ? AND "t0"."status" = ?))"_s, {}, {u"QString:00000000-0000-4000-8000-000000000001"_s, u"QString:pending"_s});
    row("and binds tighter than or", "ecommerce", "products", u"active = false or price < 5 and stock >= 1"_s,
        uR"(("t0"."active" = ? OR ("t0"."price" < ? AND "t0"."stock" >= ?)))"_s, {},
        {u"bool:false"_s, u"double:5"_s, u"qlonglong:1"_s});
    row("parentheses", "ecommerce", "products", u"(active = false or price < 5) and stock >= 1"_s,
        uR"((("t0"."active" = ? OR "t0"."price" < ?) AND "t0"."stock" >= ?))"_s, {},
        {u"bool:false"_s, u"double:5"_s, u"qlonglong:1"_s});
    row("not", "ecommerce", "orders", u"not status = 'paid'"_s, uR"((NOT ("t0"."status" = ?)))"_s, {},
        {u"QString:paid"_s});
    row("in", "ecommerce", "orders", u"status in ('paid', 'shipped')"_s, uR"(("t0"."status" IN (?, ?)))"_s,
        {}, {u"QString:paid"_s, u"QString:shipped"_s});
    row("not in", "ecommerce", "products", u"stock not in (0, 1)"_s, uR"(("t0"."stock" NOT IN (?, ?)))"_s, {},
        {u"qlonglong:0"_s, u"qlonglong:1"_s});
    row("is null", "ecommerce", "products", u"category_id is null"_s, uR"(("t0"."category_id" IS NULL))"_s,
        {}, {});
    row("is not null", "ecommerce", "products", u"description IS NOT NULL"_s,
        uR"(("t0"."description" IS NOT NULL))"_s, {}, {});
    row("!= and <>", "ecommerce", "products", u"stock != 0 and stock <> 1"_s,
        uR"(("t0"."stock" <> ? AND "t0"."stock" <> ?))"_s, {}, {u"qlonglong:0"_s, u"qlonglong:1"_s});
    row("true alone", "ecommerce", "products", u"true"_s, u"(1)"_s, u"(TRUE)"_s, {});
    row("false or", "ecommerce", "products", u"FALSE or active = true"_s, uR"((0 OR "t0"."active" = ?))"_s,
        uR"((FALSE OR "t0"."active" = ?))"_s, {u"bool:true"_s});
    row("keywords in any case", "ecommerce", "products", u"active = TRUE AnD NOT stock Is Null"_s,
        uR"(("t0"."active" = ? AND NOT ("t0"."stock" IS NULL)))"_s, {}, {u"bool:true"_s});
    row("column with column", "ecommerce", "order_items", u"quantity > unit_price"_s,
        uR"(("t0"."quantity" > "t0"."unit_price"))"_s, {}, {});
    row("quote in a string", "ecommerce", "products", u"name = 'Joe''s'"_s, uR"(("t0"."name" = ?))"_s, {},
        {u"QString:Joe's"_s});
    row("negative decimal", "ecommerce", "products", u"price > -1.5"_s, uR"(("t0"."price" > ?))"_s, {},
        {u"double:-1.5"_s});
    row("datetime literal is normalised", "ecommerce", "orders", u"placed_at < '2024-03-02T02:00:00+02:00'"_s,
        uR"(("t0"."placed_at" < ?))"_s, {}, {u"QString:2024-03-02T00:00:00.000Z"_s});
    row("uuid literal is normalised", "ecommerce", "orders",
        u"customer_id = '11111111-1111-4111-8111-11111111111A'"_s, uR"(("t0"."customer_id" = ?))"_s, {},
        {u"QString:11111111-1111-4111-8111-11111111111a"_s});
    row("auth.email and auth.role", "ecommerce", "customers", u"email = auth.email or auth.role = 'admin'"_s,
        uR"(("t0"."email" = ? OR ? = ?))"_s, {},
        {u"QString:e@x"_s, u"QString:authenticated"_s, u"QString:admin"_s});
    row("claim", "saas", "organizations", u"id = auth.claims.organization_id"_s, uR"(("t0"."id" = ?))"_s, {},
        {u"QString:00000000-0000-4000-8000-0000000000a1"_s});
    row("literal with auth value stays a literal", "saas", "tasks",
        u"priority = 2 or 'admin' = auth.claims.role"_s, uR"(("t0"."priority" = ? OR ? = ?))"_s, {},
        {u"qlonglong:2"_s, u"QString:admin"_s, u"QString:admin"_s});
    const QString project
        = uR"((EXISTS (SELECT 1 FROM "projects" AS "_r1" WHERE "_r1"."id" = "t0"."project_id" AND "_r1"."organization_id" = ?)))"_s;
    row("to-one path by name without _id", "saas", "tasks",
        u"project.organization_id = auth.claims.organization_id"_s, project, {}, {u"QString:00000000-0000-4000-8000-0000000000a1"_s});
    row("to-one path by foreign key", "saas", "tasks",
        u"project_id.organization_id = auth.claims.organization_id"_s, project, {}, {u"QString:00000000-0000-4000-8000-0000000000a1"_s});
    row("to-one path by table name", "saas", "tasks",
        u"projects.organization_id = auth.claims.organization_id"_s, project, {}, {u"QString:00000000-0000-4000-8000-0000000000a1"_s});
    row("two-hop path", "saas", "comments", u"task.project.owner_id = auth.uid"_s,
        uR"((EXISTS (SELECT 1 FROM "tasks" AS "_r1" WHERE "_r1"."id" = "t0"."task_id" AND EXISTS (SELECT 1 FROM "projects" AS "_r2" WHERE "_r2"."id" = "_r1"."project_id" AND "_r2"."owner_id" = ?))))"_s,
        {}, {u"QString:00000000-0000-4000-8000-000000000001"_s});
    row("to-many path", "saas", "projects", u"tasks.priority >= 3"_s,
        uR"((EXISTS (SELECT 1 FROM "tasks" AS "_r1" WHERE "_r1"."project_id" = "t0"."id" AND "_r1"."priority" >= ?)))"_s,
        {}, {u"qlonglong:3"_s});
    row("not before a path", "ecommerce", "orders", u"not order_items.product_id = 2"_s,
        uR"((NOT (EXISTS (SELECT 1 FROM "order_items" AS "_r1" WHERE "_r1"."order_id" = "t0"."id" AND "_r1"."product_id" = ?))))"_s,
        {}, {u"qlonglong:2"_s});
    const QString tags
        = uR"((EXISTS (SELECT 1 FROM "products_tags" AS "_r1" WHERE "_r1"."product_id" = "t0"."id" AND EXISTS (SELECT 1 FROM "tags" AS "_r2" WHERE "_r2"."id" = "_r1"."tag_id" AND "_r2"."name" = ?))))"_s;
    row("junction path", "ecommerce", "products", u"products_tags.tag.name = 'strategy'"_s, tags, {},
        {u"QString:strategy"_s});
    row("many-to-many by the far table", "ecommerce", "products", u"tags.name = 'strategy'"_s, tags, {},
        {u"QString:strategy"_s});
    row("path is null", "ecommerce", "products", u"category.description is null"_s,
        uR"((EXISTS (SELECT 1 FROM "categories" AS "_r1" WHERE "_r1"."id" = "t0"."category_id" AND "_r1"."description" IS NULL)))"_s,
        {}, {});
    row("path in a list", "ecommerce", "orders", u"customer.email in ('a@b.c', auth.email)"_s,
        uR"((EXISTS (SELECT 1 FROM "customers" AS "_r1" WHERE "_r1"."id" = "t0"."customer_id" AND "_r1"."email" IN (?, ?))))"_s,
        {}, {u"QString:a@b.c"_s, u"QString:e@x"_s});
    row("aliases are unique in a rule", "ecommerce", "orders",
        u"customer.email = auth.email or order_items.quantity > 1"_s,
        uR"((EXISTS (SELECT 1 FROM "customers" AS "_r1" WHERE "_r1"."id" = "t0"."customer_id" AND "_r1"."email" = ?) OR EXISTS (SELECT 1 FROM "order_items" AS "_r2" WHERE "_r2"."order_id" = "t0"."id" AND "_r2"."quantity" > ?)))"_s,
        {}, {u"QString:e@x"_s, u"qlonglong:1"_s});
    row("auth value is null", "ecommerce", "orders", u"auth.uid is not null and customer_id = auth.uid"_s,
        uR"((CAST(? AS TEXT) IS NOT NULL AND "t0"."customer_id" = ?))"_s, {},
        {u"QString:00000000-0000-4000-8000-000000000001"_s, u"QString:00000000-0000-4000-8000-000000000001"_s});
    row("hidden field may be used", "social", "users", u"email = auth.email"_s, uR"(("t0"."email" = ?))"_s,
        {}, {u"QString:e@x"_s});
}

void tst_Rules::sql()
{
    QFETCH(QString, templateName);
    QFETCH(QString, table);
    QFETCH(QString, expression);
    QFETCH(QString, sqlite);
    QFETCH(QString, postgres);
    QFETCH(QStringList, parameters);
    const Project &p = project(templateName);
    const Table *t = p.tableByName(table);
    QVERIFY(t);
    QCOMPARE(RuleCompiler::check(p, *t, expression).has_value(), false);
    const SqliteDialect sqliteDialect;
    const PostgresDialect postgresDialect;
    const std::pair<const SqlDialect *, QString> cases[]
        = {{&sqliteDialect, sqlite}, {&postgresDialect, postgres.isEmpty() ? sqlite : postgres}};
    for (const auto &[dialect, expected] : cases) {
        Result<CompiledRule> rule = RuleCompiler::compile(p, *t, expression, *dialect);
        QVERIFY2(rule, qPrintable(rule ? QString() : rule.error().message));
        QCOMPARE(rule->sql(u"\"t0\""_s), expected);
        QCOMPARE(rule->isAlwaysTrue(), false);
        QCOMPARE(describe(rule->parameters(goldenCaller())), parameters);
        QCOMPARE(rule->sql(u"\"t0\""_s).count(u'?'), parameters.size());
    }
}

void tst_Rules::diagnostics_data()
{
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message"); // a fragment of it

    const auto row = [](const char *name, const char *tmpl, const char *table, const QString &expression,
                         int column, const QString &message) {
        QTest::newRow(name) << QString::fromLatin1(tmpl) << QString::fromLatin1(table) << expression << column
                            << message;
    };
    row("unknown column, suggestion", "saas", "projects", u"ownr_id = auth.uid"_s, 1,
        uR"(unknown column "ownr_id" in table projects; did you mean owner_id?)"_s);
    row("unknown column, list", "saas", "tasks", u"priority = 1 and xyzzy = 1"_s, 18,
        uR"(unknown column "xyzzy" in table tasks; its columns are: id, organization_id)"_s);
    row("unknown column after a path", "ecommerce", "orders", u"customer.emial = 'x'"_s, 10,
        uR"(unknown column "emial" in table customers; did you mean email?)"_s);
    row("unknown relationship", "ecommerce", "orders", u"custmer.email = 'x'"_s, 1,
        uR"("custmer" is not a relationship of orders; follow a foreign key such as customer)"_s);
    row("unknown relationship, list", "ecommerce", "orders", u"zzz.email = 'x'"_s, 1,
        uR"("zzz" is not a relationship of orders; follow a foreign key such as customer_id, order_items)"_s);
    row("column is not a relationship", "saas", "tasks", u"status.name = 'x'"_s, 1,
        uR"("status" is a column of tasks, not a foreign key)"_s);
    row("ambiguous relationship", "social", "users", u"followers.created_at is null"_s, 1,
        uR"("followers" leads from users to followers in more than one way; name the foreign key instead)"_s);
    row("bad integer", "saas", "tasks", u"priority = 'abc'"_s, 12,
        u"'abc' is not a valid integer for priority"_s);
    row("bad enum value", "saas", "tasks", u"status = 'finished'"_s, 10,
        u"'finished' is not a value of status; use one of: "_s);
    row("number for a boolean", "ecommerce", "products", u"active = 1"_s, 10,
        u"1 is not a valid boolean for active"_s);
    row("bad uuid", "ecommerce", "orders", u"customer_id = 'me'"_s, 15,
        u"'me' is not a valid uuid for customer_id"_s);
    row("unterminated string", "ecommerce", "products", u"name = 'Dune"_s, 8, u"has no closing quote"_s);
    row("trailing tokens", "ecommerce", "products", u"active = true false"_s, 15,
        uR"(unexpected "false" after a complete condition; join conditions with and / or)"_s);
    row("empty parentheses", "ecommerce", "products", u"() or active = true"_s, 1, u"empty parentheses"_s);
    row("unclosed parenthesis", "ecommerce", "orders", u"(status = 'paid'"_s, 17,
        uR"x(expected ")" to close the "(" at column 1)x"_s);
    row("unopened parenthesis", "ecommerce", "orders", u"status = 'paid')"_s, 16,
        uR"x(")" has no matching "(")x"_s);
    row("unknown auth value", "saas", "tasks", u"assignee_id = auth.foo"_s, 15,
        u"unknown auth value auth.foo; use auth.uid, auth.role, auth.email or auth.claims.<name>"_s);
    row("claim not in jwtClaimFields", "saas", "tasks", u"organization_id = auth.claims.org"_s, 31,
        uR"(auth.claims.org is not a claim; add "org" to settings.jwtClaimFields or use one of: organization_id, role)"_s);
    row("no claims configured", "chat", "channels", u"created_by = auth.claims.x"_s, 26,
        u"no claims are configured yet"_s);
    row("empty in list", "ecommerce", "orders", u"status in ()"_s, 11, uR"(the list after "in" is empty)"_s);
    row("operator without right operand", "ecommerce", "orders", u"status ="_s, 9,
        uR"(expected a value after "=", found the end of the rule)"_s);
    row("operator without left operand", "ecommerce", "orders", u"= 'paid'"_s, 1,
        uR"(expected a condition, found "=")"_s);
    row("two literals", "ecommerce", "orders", u"'paid' = 'paid'"_s, 8, u"= compares two fixed values"_s);
    row("unexpected character", "ecommerce", "orders", u"status # 'paid'"_s, 8,
        u"unexpected character '#'"_s);
    row("double quotes", "ecommerce", "orders", u"status = \"paid\""_s, 10,
        u"quote text with single quotes"_s);
    row("&&", "ecommerce", "orders", u"status = 'paid' && total > 1"_s, 17, u"use the words and, or, not"_s);
    row("comparison with null", "ecommerce", "orders", u"status = null"_s, 10,
        u"a comparison with null is never true; write \"is null\""_s);
    row("column alone", "ecommerce", "products", u"active"_s, 7, u"active alone is not a condition"_s);
    row("is without null", "ecommerce", "orders", u"status is 'paid'"_s, 11,
        uR"(expected "null" after "is")"_s);
    row("and without condition", "ecommerce", "orders", u"status = 'paid' and"_s, 20,
        uR"(expected a condition after "and")"_s);
    row("dot without name", "ecommerce", "orders", u"customer_id. = 1"_s, 13,
        uR"(expected a name after "customer_id.")"_s);
    row("path in a list", "ecommerce", "orders", u"status in ('paid', customer.email)"_s, 20,
        uR"(may only stand on the left of "in")"_s);
    row("name starting with a digit", "ecommerce", "orders", u"total = 1x"_s, 9,
        u"a name cannot start with a digit"_s);
}

void tst_Rules::diagnostics()
{
    QFETCH(QString, templateName);
    QFETCH(QString, table);
    QFETCH(QString, expression);
    QFETCH(int, column);
    QFETCH(QString, message);
    const Project &p = project(templateName);
    const Table *t = p.tableByName(table);
    QVERIFY(t);
    const std::optional<RuleDiagnostic> d = RuleCompiler::check(p, *t, expression);
    QVERIFY2(d, "the rule was accepted");
    QVERIFY2(d->message.contains(message), qPrintable(d->message));
    QCOMPARE(d->column, column);
    QVERIFY(d->length >= 1);
    Result<CompiledRule> compiled = RuleCompiler::compile(p, *t, expression, SqliteDialect());
    QVERIFY(!compiled);
    QCOMPARE(compiled.error().code, ErrorCode::InvalidRule);
    QCOMPARE(compiled.error().message, d->toString());
}

void tst_Rules::emptyRuleIsAlwaysTrue()
{
    const Project &p = project(u"ecommerce"_s);
    for (const QString &expression : {QString(), u"   "_s}) {
        QCOMPARE(RuleCompiler::check(p, *p.tableByName(u"orders"_s), expression), std::nullopt);
        Result<CompiledRule> rule
            = RuleCompiler::compile(p, *p.tableByName(u"orders"_s), expression, SqliteDialect());
        QVERIFY(rule);
        QVERIFY(rule->isAlwaysTrue());
        QCOMPARE(rule->sql(u"\"q\""_s), QString());
        QCOMPARE(rule->parameters(Caller::anon()), QVariantList());
    }
}

void tst_Rules::templatesCompile_data()
{
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<bool>("postgres");
    for (const char *name : {"ecommerce", "saas", "social", "chat"}) {
        QTest::addRow("%s, SQLite", name) << QString::fromLatin1(name) << false;
        QTest::addRow("%s, PostgreSQL", name) << QString::fromLatin1(name) << true;
    }
}

void tst_Rules::templatesCompile()
{
    QFETCH(QString, templateName);
    QFETCH(bool, postgres);
    const std::shared_ptr<const Project> p = m_templates.value(templateName);
    int rules = 0;
    for (const Table &t : p->tables) {
        for (const PermissionRule &rule : t.permissions) {
            const std::optional<RuleDiagnostic> d = RuleCompiler::check(*p, t, rule.expression);
            QVERIFY2(!d, qPrintable(t.name + u": "_s + (d ? d->toString() : QString())));
            ++rules;
        }
    }
    QVERIFY(rules > 5);
    const SqliteDialect sqlite;
    const PostgresDialect pg;
    Result<std::shared_ptr<const AccessPolicy>> policy
        = AccessPolicy::compile(p, postgres ? static_cast<const SqlDialect &>(pg) : sqlite);
    QVERIFY2(policy, qPrintable(policy ? QString() : policy.error().message));
}

void tst_Rules::validatorReportsTheExpression()
{
    Project p = project(u"saas"_s);
    const int tableIndex = p.tableIndex(u"tbl_tasks"_s);
    QVERIFY(tableIndex >= 0);
    Table &tasks = p.tables[size_t(tableIndex)];
    int ruleIndex = -1;
    for (size_t i = 0; i < tasks.permissions.size(); ++i) {
        if (!tasks.permissions[i].expression.isEmpty())
            ruleIndex = int(i);
    }
    QVERIFY(ruleIndex >= 0);
    tasks.permissions[size_t(ruleIndex)].expression = u"assignee = auth.uid"_s;
    const QList<Problem> problems = validateProject(p);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(
        problems.front().path, u"tables[%1].permissions[%2].expression"_s.arg(tableIndex).arg(ruleIndex));
    QCOMPARE(problems.front().message,
        uR"(column 1: unknown column "assignee" in table tasks; did you mean assignee_id?)"_s);
    QCOMPARE(problems.front().objectId, tasks.permissions[size_t(ruleIndex)].id);
    QCOMPARE(problems.front().severity, Problem::Severity::Error);
}

void tst_Rules::grants_data()
{
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("caller");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("condition");
    QTest::addColumn<QStringList>("parameters");
    QTest::addColumn<QStringList>("rules");
    const int denied = int(Grant::Kind::Denied), all = int(Grant::Kind::Unrestricted),
              some = int(Grant::Kind::Conditional);
    QTest::newRow("service") << u"ecommerce"_s << u"orders"_s << u"delete"_s << u"service"_s << all
                             << QString() << QStringList() << QStringList();
    QTest::newRow("no rule for the role") << u"ecommerce"_s << u"orders"_s << u"select"_s << u"anon"_s
                                          << denied << QString() << QStringList() << QStringList();
    QTest::newRow("no rule at all") << u"ecommerce"_s << u"orders"_s << u"delete"_s << u"ann"_s << denied
                                    << QString() << QStringList() << QStringList();
    QTest::newRow("empty rule") << u"ecommerce"_s << u"categories"_s << u"select"_s << u"anon"_s << all
                                << QString() << QStringList() << QStringList {u"anon: everyone"_s};
    QTest::newRow("one rule") << u"ecommerce"_s << u"orders"_s << u"select"_s << u"ann"_s << some
                              << uR"(("q"."customer_id" = ?))"_s << QStringList {u"QString:"_s + s_ann}
                              << QStringList {u"authenticated: customer_id = auth.uid"_s};
    QTest::newRow("custom role adds an empty rule")
        << u"ecommerce"_s << u"orders"_s << u"select"_s << u"ann-admin"_s << all << QString() << QStringList()
        << QStringList {u"authenticated: customer_id = auth.uid"_s, u"admin: everyone"_s};
    QTest::newRow("rules of two roles are or-ed")
        << u"ecommerce"_s << u"reviews"_s << u"delete"_s << u"ann-admin"_s << all << QString()
        << QStringList() << QStringList {u"authenticated: customer_id = auth.uid"_s, u"admin: everyone"_s};
    QTest::newRow("tenant and rule") << u"saas"_s << u"tasks"_s << u"delete"_s << u"u2"_s << some
                                     << uR"((("q"."assignee_id" = ?) AND ("q"."organization_id" = ?)))"_s
                                     << QStringList {u"QString:"_s + saasUser(2), u"QString:"_s + s_orgA}
                                     << QStringList {u"authenticated: assignee_id = auth.uid"_s,
                                            u"tenant: organization_id = auth.claims.organization_id"_s};
    QTest::newRow("tenant only") << u"saas"_s << u"tasks"_s << u"delete"_s << u"u1-admin"_s << some
                                 << uR"(("q"."organization_id" = ?))"_s
                                 << QStringList {u"QString:"_s + s_orgA}
                                 << QStringList {u"authenticated: assignee_id = auth.uid"_s,
                                        u"admin: everyone"_s,
                                        u"tenant: organization_id = auth.claims.organization_id"_s};
    QTest::newRow("tenant without claim")
        << u"saas"_s << u"projects"_s << u"select"_s << u"no-claims"_s << some
        << uR"(("q"."organization_id" = ?))"_s << QStringList {u"NULL"_s}
        << QStringList {
               u"authenticated: everyone"_s, u"tenant: organization_id = auth.claims.organization_id"_s};
}

void tst_Rules::grants()
{
    QFETCH(QString, templateName);
    QFETCH(QString, table);
    QFETCH(QString, operation);
    QFETCH(QString, caller);
    QFETCH(int, kind);
    QFETCH(QString, condition);
    QFETCH(QStringList, parameters);
    QFETCH(QStringList, rules);
    const std::shared_ptr<const Project> p = m_templates.value(templateName);
    Result<std::shared_ptr<const AccessPolicy>> policy = AccessPolicy::compile(p, PostgresDialect());
    QVERIFY(policy);
    const Grant g = (*policy)->grant(
        *p->tableByName(table), *operationFromName(operation), ::caller(caller), u"\"q\""_s);
    QCOMPARE(int(g.kind), kind);
    QCOMPARE(g.condition, condition);
    QCOMPARE(describe(g.parameters), parameters);
    QCOMPARE(g.rules, rules);
    QCOMPARE(g.isDenied(), kind == int(Grant::Kind::Denied));
}

// What the designer asks the compiler: the columns a rule filters on, and where paths may go.
void tst_Rules::designerQueries()
{
    const Project &shop = project(u"ecommerce"_s);
    const Table &orders = *shop.tableByName(u"orders"_s);
    QCOMPARE(RuleCompiler::columnsUsed(shop, orders, u"customer_id = auth.uid and status = 'pending'"_s),
        (QStringList {u"customer_id"_s, u"status"_s}));
    QCOMPARE(RuleCompiler::columnsUsed(shop, orders, u"not (total > 5 or customer_id in ('a', total))"_s),
        (QStringList {u"total"_s, u"customer_id"_s}));
    QVERIFY(RuleCompiler::columnsUsed(shop, orders, u"customer.email = auth.email"_s).isEmpty());
    QVERIFY(RuleCompiler::columnsUsed(shop, orders, u"customer_id = = 1"_s).isEmpty());

    const Table &items = *shop.tableByName(u"order_items"_s);
    const std::vector<RuleCompiler::PathSegment> segments = RuleCompiler::pathSegments(shop, items);
    const auto offers = [&segments](const QString &name, const QString &table) {
        return std::find(segments.begin(), segments.end(), RuleCompiler::PathSegment {name, table}) != segments.end();
    };
    QVERIFY(offers(u"order"_s, u"tbl_orders"_s));
    QVERIFY(offers(u"order_id"_s, u"tbl_orders"_s));
    QVERIFY(offers(u"orders"_s, u"tbl_orders"_s));
    QVERIFY(offers(u"product"_s, u"tbl_products"_s));
    // Every offered segment is one the checker accepts.
    for (const RuleCompiler::PathSegment &segment : segments) {
        const Table *reached = shop.table(segment.tableId);
        QVERIFY(reached);
        const QString rule = segment.name + u'.' + reached->primaryKey()->name + u" is not null"_s;
        QVERIFY2(!RuleCompiler::check(shop, items, rule), qPrintable(rule));
    }
}

void tst_Rules::tenantValue()
{
    const std::shared_ptr<const Project> saas = m_templates.value(u"saas"_s);
    Result<std::shared_ptr<const AccessPolicy>> policy = AccessPolicy::compile(saas, SqliteDialect());
    QVERIFY(policy);
    const Table &tasks = *saas->tableByName(u"tasks"_s);
    QCOMPARE((*policy)->tenantValue(tasks, caller(u"u2"_s)), QVariant(s_orgA));
    QVERIFY(!(*policy)->tenantValue(tasks, caller(u"service"_s)).isValid());
    QVERIFY(!(*policy)->tenantValue(tasks, caller(u"no-claims"_s)).isValid());
    QVERIFY(!(*policy)->tenantValue(*saas->tableByName(u"organizations"_s), caller(u"u2"_s)).isValid());
    Caller badClaim = caller(u"u2"_s);
    badClaim.claims.insert(u"organization_id"_s, u"not-a-uuid"_s);
    QVERIFY(!(*policy)->tenantValue(tasks, badClaim).isValid());
}

void tst_Rules::execution_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("rule"); // an expression, or "policy:<operation>" for the template's own rules
    QTest::addColumn<QString>("caller");
    QTest::addColumn<QStringList>("ids"); // {"denied"} when the policy refuses outright

    const QString a1 = u"00000000-0000-4000-8000-0000000000a1"_s,
                  b2 = u"00000000-0000-4000-8000-0000000000b2"_s;
    const QString f1 = u"00000000-0000-4000-8000-0000000000f1"_s,
                  f2 = u"00000000-0000-4000-8000-0000000000f2"_s,
                  f3 = u"00000000-0000-4000-8000-0000000000f3"_s;
    const QString c1 = u"00000000-0000-4000-8000-0000000000c1"_s;
    struct Row
    {
        const char *name;
        const char *tmpl;
        const char *table;
        QString rule;
        const char *caller;
        QStringList ids;
    };
    const Row rows[] = {
        {"orders, anon has no rule", "ecommerce", "orders", u"policy:select"_s, "anon", {u"denied"_s}},
        {"orders, ann sees hers", "ecommerce", "orders", u"policy:select"_s, "ann", {u"1"_s, u"2"_s}},
        {"orders, bob sees his", "ecommerce", "orders", u"policy:select"_s, "bob", {u"3"_s}},
        {"orders, admin sees all", "ecommerce", "orders", u"policy:select"_s, "ann-admin",
            {u"1"_s, u"2"_s, u"3"_s}},
        {"orders, service sees all", "ecommerce", "orders", u"policy:select"_s, "service",
            {u"1"_s, u"2"_s, u"3"_s}},
        {"products, anon sees active", "ecommerce", "products", u"policy:select"_s, "anon",
            {u"1"_s, u"3"_s, u"4"_s}},
        {"products, admin sees all", "ecommerce", "products", u"policy:select"_s, "ann-admin",
            {u"1"_s, u"2"_s, u"3"_s, u"4"_s}},
        {"order items, users have no rule", "ecommerce", "order_items", u"policy:select"_s, "ann",
            {u"denied"_s}},
        {"to-one path, ann", "ecommerce", "order_items", u"order.customer_id = auth.uid"_s, "ann",
            {u"1"_s, u"2"_s}},
        {"to-one path, bob", "ecommerce", "order_items", u"order.customer_id = auth.uid"_s, "bob", {u"3"_s}},
        {"to-one path, anon", "ecommerce", "order_items", u"order.customer_id = auth.uid"_s, "anon", {}},
        {"two-hop path", "ecommerce", "order_items", u"order.customer.email = auth.email"_s, "ann",
            {u"1"_s, u"2"_s}},
        {"to-many path", "ecommerce", "orders", u"order_items.product_id = 3"_s, "anon", {u"3"_s}},
        {"not before a to-many path", "ecommerce", "orders", u"not order_items.product_id = 2"_s, "anon",
            {u"2"_s, u"3"_s}},
        {"junction path", "ecommerce", "products", u"products_tags.tag.name = 'strategy'"_s, "anon",
            {u"2"_s, u"3"_s}},
        {"far side of many-to-many", "ecommerce", "products", u"tags.name in ('classic')"_s, "anon",
            {u"1"_s, u"2"_s}},
        {"is null", "ecommerce", "products", u"category_id is null"_s, "anon", {u"4"_s}},
        {"path equals", "ecommerce", "products", u"category.name = 'Games'"_s, "anon", {u"2"_s, u"3"_s}},
        {"path leading nowhere", "ecommerce", "products", u"not category.name = 'Games'"_s, "anon",
            {u"1"_s, u"4"_s}},
        {"numbers and in", "ecommerce", "products", u"price >= 10 and stock in (0, 3)"_s, "anon",
            {u"2"_s, u"3"_s}},
        {"boolean or number", "ecommerce", "products", u"active = false or price < 5"_s, "anon",
            {u"2"_s, u"4"_s}},
        {"column with column", "ecommerce", "products", u"stock > price"_s, "anon", {u"1"_s}},
        {"in and auth", "ecommerce", "reviews", u"rating in (4, 5) and customer_id = auth.uid"_s, "ann",
            {u"1"_s, u"3"_s}},
        {"missing uid is not unequal", "ecommerce", "reviews", u"customer_id <> auth.uid"_s, "anon", {}},
        {"uid unequal", "ecommerce", "reviews", u"customer_id <> auth.uid"_s, "ann", {u"2"_s}},
        {"string is null", "ecommerce", "reviews", u"title is null or title = 'Fun'"_s, "anon",
            {u"2"_s, u"3"_s}},
        {"enum literal", "ecommerce", "orders", u"status = 'pending' or total > 40"_s, "anon",
            {u"2"_s, u"3"_s}},
        {"tenant rule, u2", "saas", "tasks", u"policy:select"_s, "u2", {f1, f2}},
        {"tenant rule, u3", "saas", "tasks", u"policy:select"_s, "u3", {f3}},
        {"tenant rule without claim", "saas", "tasks", u"policy:select"_s, "no-claims", {}},
        {"tenant, anon", "saas", "tasks", u"policy:select"_s, "anon", {u"denied"_s}},
        {"tenant, service", "saas", "tasks", u"policy:select"_s, "service", {f1, f2, f3}},
        {"tenant and rule", "saas", "tasks", u"policy:delete"_s, "u2", {f1}},
        {"tenant and admin rule", "saas", "tasks", u"policy:delete"_s, "u1-admin", {f1, f2}},
        {"claim rule", "saas", "organizations", u"policy:select"_s, "u3", {s_orgB}},
        {"claim path", "saas", "tasks", u"project.organization_id = auth.claims.organization_id"_s, "u3",
            {f3}},
        {"owner path", "saas", "tasks", u"project.owner_id = auth.uid"_s, "u1-admin", {f1, f2}},
        {"two-hop owner path", "saas", "comments", u"task.project.owner_id = auth.uid"_s, "u1-admin", {c1}},
        {"to-many priority", "saas", "projects", u"tasks.priority >= 3"_s, "anon", {a1}},
        {"to-many none", "saas", "projects", u"not tasks.assignee_id is null"_s, "anon", {b2}},
        {"role", "saas", "tasks", u"auth.role = 'admin'"_s, "u1-admin", {f1, f2, f3}},
        {"role of another", "saas", "tasks", u"auth.role = 'admin'"_s, "u2", {}},
        {"claim compared with literal", "saas", "tasks", u"auth.claims.role = 'member' and priority > 1"_s,
            "u2", {f2, f3}},
    };
    for (const char *engine : {"sqlite", "postgres"}) {
        for (const Row &r : rows)
            QTest::addRow("%s, %s", engine, r.name)
                << QString::fromLatin1(engine) << QString::fromLatin1(r.tmpl) << QString::fromLatin1(r.table)
                << r.rule << QString::fromLatin1(r.caller) << r.ids;
    }
}

void tst_Rules::execution()
{
    QFETCH(QString, engine);
    QFETCH(QString, templateName);
    QFETCH(QString, table);
    QFETCH(QString, rule);
    QFETCH(QString, caller);
    QFETCH(QStringList, ids);
    RulesTest::Fixture &f = fixture(engine, templateName);
    if (f.postgresMissing()) {
        TestSupport::PostgresDatabase db; // reports as the other PostgreSQL tests do
        BASALT_REQUIRE_POSTGRES(db);
    }
    QVERIFY2(f.isReady(), qPrintable(f.why()));
    const Table *t = f.project().tableByName(table);
    QVERIFY(t);
    const Caller who = ::caller(caller);
    QString condition;
    QVariantList parameters;
    if (rule.startsWith(u"policy:"_s)) {
        Result<std::shared_ptr<const AccessPolicy>> policy
            = AccessPolicy::compile(f.sharedProject(), f.database().dialect());
        QVERIFY(policy);
        const Grant g = (*policy)->grant(*t, *operationFromName(rule.mid(7)), who, u"\"q\""_s);
        if (g.isDenied()) {
            QCOMPARE(QStringList {u"denied"_s}, ids);
            return;
        }
        condition = g.condition;
        parameters = g.parameters;
        QCOMPARE(condition.isEmpty(), g.kind == Grant::Kind::Unrestricted);
    } else {
        Result<CompiledRule> compiled = RuleCompiler::compile(f.project(), *t, rule, f.database().dialect());
        QVERIFY2(compiled, qPrintable(compiled ? QString() : compiled.error().message));
        condition = compiled->sql(u"\"q\""_s);
        parameters = compiled->parameters(who);
    }
    QCOMPARE(f.ids(table, condition, parameters), ids);
}

void tst_Rules::rulesOfRolesAreOredBeforeTenant_data()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("SQLite") << u"sqlite"_s;
    QTest::newRow("PostgreSQL") << u"postgres"_s;
}

void tst_Rules::rulesOfRolesAreOredBeforeTenant()
{
    QFETCH(QString, engine);
    RulesTest::Fixture &f = fixture(engine, u"saas"_s);
    if (f.postgresMissing()) {
        TestSupport::PostgresDatabase db;
        BASALT_REQUIRE_POSTGRES(db);
    }
    QVERIFY2(f.isReady(), qPrintable(f.why()));
    // The admin's delete rule gets a condition, so (authenticated's or admin's) and the tenant's.
    auto p = std::make_shared<Project>(f.project());
    Table &tasks = *p->table(u"tbl_tasks"_s);
    for (PermissionRule &rule : tasks.permissions) {
        if (rule.role == QLatin1String("admin") && rule.operation == Operation::Delete)
            rule.expression = u"priority > 2"_s;
    }
    Result<std::shared_ptr<const AccessPolicy>> policy = AccessPolicy::compile(p, f.database().dialect());
    QVERIFY(policy);
    // User 3 with the admin role and organization a's claim: assignee of f3 (organization b) only.
    const Caller who
        = user(saasUser(3), u"u3@bolt.test"_s, u"admin"_s, QJsonObject {{u"organization_id"_s, s_orgA}});
    const Grant g = (*policy)->grant(tasks, Operation::Delete, who, u"\"q\""_s);
    QCOMPARE(g.condition,
        uR"(((("q"."assignee_id" = ?) OR ("q"."priority" > ?)) AND ("q"."organization_id" = ?)))"_s);
    QCOMPARE(describe(g.parameters),
        (QStringList {u"QString:"_s + saasUser(3), u"qlonglong:2"_s, u"QString:"_s + s_orgA}));
    QCOMPARE(f.ids(u"tasks"_s, g.condition, g.parameters),
        QStringList {u"00000000-0000-4000-8000-0000000000f2"_s});
}

void tst_Rules::nullParameterBinds_data()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("SQLite") << u"sqlite"_s;
    QTest::newRow("PostgreSQL") << u"postgres"_s;
}

void tst_Rules::nullParameterBinds()
{
    QFETCH(QString, engine);
    RulesTest::Fixture &f = fixture(engine, u"ecommerce"_s);
    if (f.postgresMissing()) {
        TestSupport::PostgresDatabase db;
        BASALT_REQUIRE_POSTGRES(db);
    }
    QVERIFY2(f.isReady(), qPrintable(f.why()));
    // An anon caller's uid is NULL: "is null" sees it, "=" and "<>" do not.
    const Project &p = f.project();
    Result<CompiledRule> rule = RuleCompiler::compile(p, *p.tableByName(u"reviews"_s),
        u"auth.uid is null and auth.email is null and auth.claims.x is null"_s, f.database().dialect());
    QVERIFY(!rule); // auth.claims.x is not a claim of ecommerce
    rule = RuleCompiler::compile(p, *p.tableByName(u"reviews"_s),
        u"auth.uid is null and auth.email is null"_s, f.database().dialect());
    QVERIFY(rule);
    QCOMPARE(f.ids(u"reviews"_s, rule->sql(u"\"q\""_s), rule->parameters(Caller::anon())),
        (QStringList {u"1"_s, u"2"_s, u"3"_s}));
    QCOMPARE(f.ids(u"reviews"_s, rule->sql(u"\"q\""_s), rule->parameters(caller(u"ann"_s))), QStringList());
    // '' is empty text, not NULL: every slug differs from it.
    rule = RuleCompiler::compile(p, *p.tableByName(u"products"_s), u"slug != ''"_s, f.database().dialect());
    QVERIFY(rule);
    QCOMPARE(f.ids(u"products"_s, rule->sql(u"\"q\""_s), rule->parameters(Caller::anon())),
        (QStringList {u"1"_s, u"2"_s, u"3"_s, u"4"_s}));
}

// references() names what each word of a rule stands for, where it is written, as check() resolves it.
void tst_Rules::references()
{
    const Project &p = project(u"ecommerce"_s);
    const Table &items = *p.tableByName(u"order_items"_s);
    const QString rule = u"order.customer_id = auth.uid and orders.status = 'pending' and quantity > 0 "
                         u"and product.tags.name in ('status', 'order') and nothing.there = 1"_s;
    using Kind = RuleReference::Kind;
    const auto ref = [](Kind kind, int column, int length, const char *table, const char *field,
                         const char *relationship) {
        return RuleReference {kind, column, length, QString::fromLatin1(table), QString::fromLatin1(field),
            QString::fromLatin1(relationship)};
    };
    const std::vector<RuleReference> expected {
        ref(Kind::ForeignKeyStem, 1, 5, "tbl_order_items", "fld_order_items_order_id", "rel_order_items_order"),
        ref(Kind::Field, 7, 11, "tbl_orders", "fld_orders_customer_id", ""),
        ref(Kind::Table, 34, 6, "tbl_orders", "", "rel_order_items_order"),
        ref(Kind::Field, 41, 6, "tbl_orders", "fld_orders_status", ""),
        ref(Kind::Field, 64, 8, "tbl_order_items", "fld_order_items_quantity", ""),
        ref(Kind::ForeignKeyStem, 81, 7, "tbl_order_items", "fld_order_items_product_id", "rel_order_items_product"),
        ref(Kind::Table, 89, 4, "tbl_tags", "", "rel_products_tags"), // also the relationship's name
        ref(Kind::Field, 94, 4, "tbl_tags", "fld_tags_name", ""),
    };
    const std::vector<RuleReference> found = RuleCompiler::references(p, items, rule);
    QCOMPARE(found.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(found[i].kind, expected[i].kind);
        QCOMPARE(found[i].column, expected[i].column);
        QCOMPARE(rule.mid(found[i].column - 1, found[i].length), rule.mid(expected[i].column - 1, expected[i].length));
        QCOMPARE(found[i].tableId, expected[i].tableId);
        QCOMPARE(found[i].fieldId, expected[i].fieldId);
        QCOMPARE(found[i].relationshipId, expected[i].relationshipId);
    }
    QVERIFY(RuleCompiler::references(p, items, u"order. = "_s).empty()); // does not parse
}

QTEST_GUILESS_MAIN(tst_Rules)
#include "tst_rules.moc"
