// SPDX-License-Identifier: GPL-3.0-or-later
// Rule test databases: a template's schema made by SchemaMigrator, then rows inserted with plain SQL.
#include "rulesfixture.h"

#include "io/projectreader.h"
#include "storage/schemamigrator.h"
#include "storage/sqldialect.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Runtime;

namespace RulesTest {

namespace {
// TRUE / FALSE are replaced by the dialect's spelling.
const char *s_ecommerce[] = {
    R"(INSERT INTO "categories" ("id", "name", "slug") VALUES (1, 'Books', 'books'), (2, 'Games', 'games'))",
    R"(INSERT INTO "products" ("id", "name", "slug", "price", "stock", "active", "category_id") VALUES
        (1, 'Dune', 'dune', 9.5, 10, TRUE, 1), (2, 'Chess', 'chess', 25, 0, FALSE, 2),
        (3, 'Go', 'go', 40.25, 3, TRUE, 2), (4, 'Orphan', 'orphan', 1, 1, TRUE, NULL))",
    R"(INSERT INTO "tags" ("id", "name") VALUES (1, 'classic'), (2, 'strategy'), (3, 'scifi'))",
    R"(INSERT INTO "products_tags" ("id", "product_id", "tag_id") VALUES (1, 1, 3), (2, 1, 1), (3, 2, 1),
        (4, 2, 2), (5, 3, 2))",
    R"(INSERT INTO "customers" ("id", "email", "full_name") VALUES
        ('11111111-1111-4111-8111-111111111111', 'ann@example.com', 'Ann'),
        ('22222222-2222-4222-8222-222222222222', 'bob@example.com', 'Bob'))",
    R"(INSERT INTO "orders" ("id", "customer_id", "status", "total", "shipping_address") VALUES
        (1, '11111111-1111-4111-8111-111111111111', 'paid', 34.5, '1 Main St'),
        (2, '11111111-1111-4111-8111-111111111111', 'pending', 0, '1 Main St'),
        (3, '22222222-2222-4222-8222-222222222222', 'shipped', 40.25, '2 Side St'))",
    R"(INSERT INTO "order_items" ("id", "order_id", "product_id", "quantity", "unit_price") VALUES
        (1, 1, 1, 1, 9.5), (2, 1, 2, 1, 25), (3, 3, 3, 1, 40.25))",
    R"(INSERT INTO "reviews" ("id", "product_id", "customer_id", "rating", "title") VALUES
        (1, 1, '11111111-1111-4111-8111-111111111111', 5, 'Great'),
        (2, 1, '22222222-2222-4222-8222-222222222222', 3, NULL),
        (3, 3, '11111111-1111-4111-8111-111111111111', 4, 'Fun'))",
};

// Organizations a…/b…; users 1 (admin of a), 2 (member of a), 3 (member of b).
const char *s_saas[] = {
    R"(INSERT INTO "organizations" ("id", "name", "slug") VALUES
        ('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'Acme', 'acme'),
        ('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'Bolt', 'bolt'))",
    R"(INSERT INTO "users" ("id", "organization_id", "email", "full_name", "role") VALUES
        ('00000000-0000-4000-8000-000000000001', 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'u1@acme.test', 'One', 'admin'),
        ('00000000-0000-4000-8000-000000000002', 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'u2@acme.test', 'Two', 'member'),
        ('00000000-0000-4000-8000-000000000003', 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'u3@bolt.test', 'Three', 'member'))",
    R"(INSERT INTO "projects" ("id", "organization_id", "name", "owner_id") VALUES
        ('00000000-0000-4000-8000-0000000000a1', 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'Launch', '00000000-0000-4000-8000-000000000001'),
        ('00000000-0000-4000-8000-0000000000b2', 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'Build', '00000000-0000-4000-8000-000000000003'))",
    R"(INSERT INTO "tasks" ("id", "organization_id", "project_id", "title", "priority", "assignee_id") VALUES
        ('00000000-0000-4000-8000-0000000000f1', 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '00000000-0000-4000-8000-0000000000a1', 'Plan', 1, '00000000-0000-4000-8000-000000000002'),
        ('00000000-0000-4000-8000-0000000000f2', 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '00000000-0000-4000-8000-0000000000a1', 'Ship', 3, NULL),
        ('00000000-0000-4000-8000-0000000000f3', 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', '00000000-0000-4000-8000-0000000000b2', 'Pour', 2, '00000000-0000-4000-8000-000000000003'))",
    R"(INSERT INTO "comments" ("id", "organization_id", "task_id", "author_id", "body") VALUES
        ('00000000-0000-4000-8000-0000000000c1', 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-000000000001', 'Go'),
        ('00000000-0000-4000-8000-0000000000c2', 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', '00000000-0000-4000-8000-0000000000f3', '00000000-0000-4000-8000-000000000003', 'Ok'))",
};
} // namespace

std::shared_ptr<const Project> loadTemplate(const QString &name, QString *error)
{
    Result<std::unique_ptr<Project>> read = readProjectFile(TestSupport::templatePath(name));
    if (!read) {
        *error = read.error().toString();
        return nullptr;
    }
    return std::shared_ptr<const Project>(std::move(read).value().release());
}

Fixture::Fixture(DatabaseEngine engine, const QString &templateName)
{
    QString url = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("rules.db"));
    if (engine == DatabaseEngine::PostgreSQL) {
        m_server = std::make_unique<TestSupport::PostgresDatabase>(QStringLiteral("basalt_rules"));
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
    m_project = loadTemplate(templateName, &m_why);
    if (!m_project)
        return;
    SchemaMigrator migrator(*m_database);
    Result<MigrationPlan> plan = migrator.plan(*m_project);
    Result<int> applied = plan ? migrator.apply(*plan, false) : Result<int>(plan.error());
    if (!applied) {
        m_why = applied.error().toString() + applied.error().detail;
        return;
    }
    seed(templateName);
}

bool Fixture::seed(const QString &templateName)
{
    const SqlDialect &dialect = m_database->dialect();
    const bool ecommerce = templateName == QLatin1String("ecommerce");
    const qsizetype count = ecommerce ? std::size(s_ecommerce) : std::size(s_saas);
    for (qsizetype i = 0; i < count; ++i) {
        QString sql = QString::fromUtf8(ecommerce ? s_ecommerce[i] : s_saas[i]);
        sql.replace(QLatin1String("TRUE"), dialect.booleanLiteral(true))
            .replace(QLatin1String("FALSE"), dialect.booleanLiteral(false));
        QSqlQuery q(m_database->connection());
        if (!q.exec(sql)) {
            m_why = q.lastError().text() + QStringLiteral(" in ") + sql;
            return false;
        }
    }
    return true;
}

QStringList Fixture::ids(const QString &table, const QString &condition, const QVariantList &parameters)
{
    QSqlQuery q(m_database->connection());
    const QString sql
        = QStringLiteral("SELECT \"id\" FROM \"%1\" AS \"q\"%2")
              .arg(table, condition.isEmpty() ? QString() : QStringLiteral(" WHERE ") + condition);
    if (!q.prepare(sql))
        return {QStringLiteral("error: ") + q.lastError().text() + QStringLiteral(" in ") + sql};
    for (const QVariant &p : parameters)
        q.addBindValue(p);
    if (!q.exec())
        return {QStringLiteral("error: ") + q.lastError().text() + QStringLiteral(" in ") + sql};
    QStringList ids;
    while (q.next())
        ids << q.value(0).toString();
    ids.sort();
    return ids;
}

} // namespace RulesTest
