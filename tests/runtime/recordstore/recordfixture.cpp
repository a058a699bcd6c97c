// SPDX-License-Identifier: GPL-3.0-or-later
// Test fixture for RecordStore: the ecommerce template (plus hidden, JSON and ambiguous parts), seeded.
#include "recordfixture.h"

#include "io/projectreader.h"
#include "storage/schemamigrator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include <span>

using namespace Runtime;

namespace RecordTest {

namespace {
const char *s_seed[][2] = {
    {"categories", R"([{"name":"Books","slug":"books"},{"name":"Games","slug":"games"},
        {"name":"Empty","slug":"empty"}])"},
    {"products", R"([
        {"name":"Dune","slug":"dune","description":"A \"classic\", truly","price":9.5,"stock":10,
         "sku":"BK-1","weight_kg":0.4,"category_id":1,"active":true,"internal_note":"secret",
         "attributes":{"pages":412,"author":"Herbert"}},
        {"name":"Chess","slug":"chess","price":25,"stock":0,"category_id":2,"active":false},
        {"name":"Go","slug":"go","description":"Jeu de stratégie ÉTÉ","price":40.25,"stock":3,"sku":"GM-2","weight_kg":1.5,"category_id":2},
        {"name":"Orphan","slug":"orphan","price":1,"stock":1}])"},
    {"tags", R"([{"name":"classic"},{"name":"strategy"},{"name":"scifi"}])"},
    {"products_tags", R"([{"product_id":1,"tag_id":3},{"product_id":1,"tag_id":1},
        {"product_id":2,"tag_id":1},{"product_id":2,"tag_id":2},{"product_id":3,"tag_id":2}])"},
    {"customers", R"([{"id":"11111111-1111-4111-8111-111111111111","email":"ann@example.com","full_name":"Ann"},
        {"id":"22222222-2222-4222-8222-222222222222","email":"bob@example.com","full_name":"Bob"}])"},
    {"orders", R"([
        {"customer_id":"11111111-1111-4111-8111-111111111111","status":"paid","total":34.5,
         "shipping_address":"1 Main St","placed_at":"2024-03-01T10:00:00+02:00",
         "gift_recipient_id":"22222222-2222-4222-8222-222222222222"},
        {"customer_id":"11111111-1111-4111-8111-111111111111","status":"pending","total":0,
         "shipping_address":"1 Main St","placed_at":"2024-03-02T00:00:00Z"},
        {"customer_id":"22222222-2222-4222-8222-222222222222","status":"shipped","total":40.25,
         "shipping_address":"2 Side St","placed_at":null}])"},
    {"order_items", R"([{"order_id":1,"product_id":1,"quantity":1,"unit_price":9.5},
        {"order_id":1,"product_id":2,"quantity":1,"unit_price":25},
        {"order_id":3,"product_id":3,"quantity":1,"unit_price":40.25}])"},
    {"reviews", R"([{"product_id":1,"customer_id":"11111111-1111-4111-8111-111111111111","rating":5,"title":"Great"},
        {"product_id":1,"customer_id":"22222222-2222-4222-8222-222222222222","rating":3},
        {"product_id":3,"customer_id":"11111111-1111-4111-8111-111111111111","rating":4,"title":"Fun"}])"},
};

// Fixed ids, so both engines agree; every table is seeded as an upsert to take them.
const char *s_saasSeed[][2] = {
    {"organizations", R"([{"id":"aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa","name":"Acme","slug":"acme"},
        {"id":"bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb","name":"Beta","slug":"beta"}])"},
    {"users", R"([{"id":"aaaaaaaa-0000-4000-8000-000000000001","organization_id":"aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
         "email":"ada@acme.test","full_name":"Ada","role":"owner"},
        {"id":"bbbbbbbb-0000-4000-8000-000000000002","organization_id":"bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb",
         "email":"ben@beta.test","full_name":"Ben"}])"},
    {"projects", R"([{"id":"aaaaaaaa-1111-4111-8111-000000000001","organization_id":"aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
         "name":"Launch"},
        {"id":"bbbbbbbb-1111-4111-8111-000000000002","organization_id":"bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb",
         "name":"Plan"}])"},
    {"tasks", R"([{"id":"aaaaaaaa-2222-4222-8222-000000000001","organization_id":"aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
         "project_id":"aaaaaaaa-1111-4111-8111-000000000001","title":"Write copy",
         "assignee_id":"aaaaaaaa-0000-4000-8000-000000000001"},
        {"id":"aaaaaaaa-2222-4222-8222-000000000002","organization_id":"aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
         "project_id":"aaaaaaaa-1111-4111-8111-000000000001","title":"Ship"},
        {"id":"bbbbbbbb-2222-4222-8222-000000000003","organization_id":"bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb",
         "project_id":"bbbbbbbb-1111-4111-8111-000000000002","title":"Plan"}])"},
};

void extendProject(Project &project)
{
    Table *products = project.table(QStringLiteral("tbl_products"));
    products->fields.push_back(Field {.id = QStringLiteral("fld_products_internal_note"),
        .name = QStringLiteral("internal_note"), .hidden = true});
    products->fields.push_back(Field {.id = QStringLiteral("fld_products_attributes"),
        .name = QStringLiteral("attributes"), .type = FieldType::Json});
    // For the access tests: a write the caller may make but not read back (order_items: select is
    // admin-only), with a rule that follows a relationship; and a write whose rows the select rule hides.
    project.table(QStringLiteral("tbl_order_items"))->permissions.push_back(PermissionRule {
        QStringLiteral("perm_order_items_insert_authenticated"), QStringLiteral("authenticated"), Operation::Insert,
        QStringLiteral("order.customer_id = auth.uid")});
    products->permissions.push_back(PermissionRule {QStringLiteral("perm_products_update_authenticated"),
        QStringLiteral("authenticated"), Operation::Update, QStringLiteral("stock < 100")});
    Table *orders = project.table(QStringLiteral("tbl_orders"));
    orders->fields.push_back(Field {.id = QStringLiteral("fld_orders_gift_recipient_id"),
        .name = QStringLiteral("gift_recipient_id"), .type = FieldType::Uuid});
    project.relationships.push_back(Relationship {.id = QStringLiteral("rel_orders_gift_recipient"),
        .name = QStringLiteral("gift_recipient"), .kind = RelationshipKind::OneToMany,
        .fromTableId = QStringLiteral("tbl_customers"), .toTableId = QStringLiteral("tbl_orders"),
        .foreignKeyFieldId = QStringLiteral("fld_orders_gift_recipient_id"), .onDelete = DeleteAction::SetNull});
}
} // namespace

std::shared_ptr<const Project> testProject(QString *error)
{
    Result<std::unique_ptr<Project>> read = readProjectFile(TestSupport::templatePath(QStringLiteral("ecommerce")));
    if (!read) {
        *error = read.error().toString();
        return nullptr;
    }
    std::shared_ptr<Project> project(std::move(read).value().release());
    extendProject(*project);
    return project;
}

Fixture::Fixture(DatabaseEngine engine, const QString &templateName)
{
    QString url = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("records.db"));
    if (engine == DatabaseEngine::PostgreSQL) {
        m_server = std::make_unique<TestSupport::PostgresDatabase>(QStringLiteral("basalt_records"));
        if (!m_server->isValid()) {
            m_postgresMissing = true;
            m_why = m_server->error();
            return;
        }
        url = m_server->url();
    }
    Result<std::unique_ptr<Database>> opened = Database::open(url);
    if (!opened) {
        m_why = opened.error().toString() + opened.error().detail;
        return;
    }
    m_database = std::move(opened).value();
    std::shared_ptr<const Project> project;
    if (templateName == QLatin1String("ecommerce")) {
        project = testProject(&m_why);
    } else if (Result<std::unique_ptr<Project>> read = readProjectFile(TestSupport::templatePath(templateName))) {
        project.reset(std::move(read).value().release());
    } else {
        m_why = read.error().toString();
    }
    if (!project)
        return;
    SchemaMigrator migrator(*m_database);
    Result<MigrationPlan> plan = migrator.plan(*project);
    Result<int> applied = plan ? migrator.apply(*plan, false) : Result<int>(plan.error());
    if (!applied) {
        m_why = applied.error().toString() + applied.error().detail;
        return;
    }
    m_store = std::make_unique<RecordStore>(project, *m_database);
    if (!seed(templateName))
        m_store.reset();
}

bool Fixture::seed(const QString &templateName)
{
    const bool saas = templateName == QLatin1String("saas");
    using Seed = std::span<const char *[2]>;
    for (const auto &[table, json] : saas ? Seed(s_saasSeed) : Seed(s_seed)) {
        ApiQuery q = query(QString::fromLatin1(table), {});
        if (saas || QLatin1String(table) == QLatin1String("customers")) // fixed ids, so both engines agree
            q.prefer.resolution = Preferences::Resolution::MergeDuplicates;
        // Rows with different keys, the rest their defaults: as supabase-js sends them with defaultToNull: false.
        for (const QJsonValue &row : QJsonDocument::fromJson(json).array()) {
            for (const QString &key : row.toObject().keys()) {
                if (!q.columns.contains(key))
                    q.columns << key;
            }
        }
        q.prefer.missingDefault = true;
        Result<RecordResult> r = m_store->insert(q, QByteArray(json), {}, ResultFormat::JsonArray, Runtime::Caller::service());
        if (!r) {
            m_why = QLatin1String(table) + QStringLiteral(": ") + r.error().toString() + r.error().detail;
            return false;
        }
    }
    return true;
}

QVariant Fixture::scalar(const QString &sql)
{
    QSqlQuery q(m_database->connection());
    if (!q.exec(sql) || !q.next())
        return QVariant(q.lastError().text());
    return q.value(0);
}

SelectItem col(const QString &name, const QString &alias)
{
    return SelectItem {.kind = SelectItem::Kind::Column, .name = name, .alias = alias};
}

SelectItem star()
{
    return SelectItem {.kind = SelectItem::Kind::Star};
}

SelectItem embed(const QString &name, std::vector<SelectItem> children, const QString &hint, bool inner)
{
    return SelectItem {.kind = SelectItem::Kind::Embed, .name = name, .hint = hint, .inner = inner,
        .children = std::move(children)};
}

Condition where(const QString &column, FilterOperator op, const QString &value, bool negated)
{
    return Condition {.filter = Filter {.column = column, .op = op, .negated = negated, .value = value}};
}

Condition whereIn(const QString &column, const QStringList &values)
{
    return Condition {.filter = Filter {.column = column, .op = FilterOperator::In, .values = values}};
}

Condition group(Condition::Kind kind, std::vector<Condition> children, bool negated)
{
    return Condition {.kind = kind, .negated = negated, .children = std::move(children)};
}

OrderTerm order(const QString &column, bool descending, OrderTerm::Nulls nulls)
{
    return OrderTerm {.column = column, .descending = descending, .nulls = nulls};
}

QueryLevel level(const QStringList &path, std::vector<Condition> conditions, std::vector<OrderTerm> orders,
    std::optional<qint64> limit, std::optional<qint64> offset)
{
    return QueryLevel {.embedPath = path,
        .where = group(Condition::Kind::And, std::move(conditions)),
        .order = std::move(orders), .limit = limit, .offset = offset};
}

ApiQuery query(const QString &table, std::vector<SelectItem> select, std::vector<QueryLevel> levels)
{
    ApiQuery q;
    q.table = table;
    q.select = std::move(select);
    q.levels = std::move(levels);
    return q;
}

} // namespace RecordTest
