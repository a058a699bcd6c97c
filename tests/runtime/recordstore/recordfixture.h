// SPDX-License-Identifier: GPL-3.0-or-later
// Test fixture for RecordStore: the ecommerce template (plus hidden, JSON and ambiguous parts), seeded.
#pragma once

#include "query/apiquery.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "testsupport.h"

#include <QTemporaryDir>

#include <memory>

namespace RecordTest {

/** A migrated and seeded database of one engine with a RecordStore over it. */
class Fixture
{
public:
    /** Creates the database (a SQLite file or a fresh PostgreSQL database), migrates and seeds it with
        \a templateName: "ecommerce" (testProject()) or "saas" (the template as is, two organizations).
        isValid() is false when PostgreSQL is missing (postgresMissing()) or setup failed (why()). */
    explicit Fixture(Runtime::DatabaseEngine engine, const QString &templateName = QStringLiteral("ecommerce"));

    bool isValid() const { return m_store != nullptr; }
    bool postgresMissing() const { return m_postgresMissing; }
    QString why() const { return m_why; }
    Runtime::RecordStore &store() { return *m_store; }
    Runtime::Database &database() { return *m_database; }
    /** Returns the first column of the first row of \a sql, run directly on the connection. */
    QVariant scalar(const QString &sql);

private:
    bool seed(const QString &templateName);

    QTemporaryDir m_dir;
    std::unique_ptr<TestSupport::PostgresDatabase> m_server;
    std::unique_ptr<Runtime::Database> m_database;
    std::unique_ptr<Runtime::RecordStore> m_store;
    bool m_postgresMissing = false;
    QString m_why;
};

/** The test project: ecommerce plus products.internal_note (hidden), products.attributes (json),
    orders.gift_recipient_id (a second relationship to customers, named "gift_recipient") and two rules
    for "authenticated": insert into order_items where `order.customer_id = auth.uid`, update products
    where `stock < 100`. */
std::shared_ptr<const Runtime::Project> testProject(QString *error);

// Builders for ApiQuery values (the parser is tested elsewhere).
Runtime::SelectItem col(const QString &name, const QString &alias = {});
Runtime::SelectItem star();
Runtime::SelectItem embed(const QString &name, std::vector<Runtime::SelectItem> children,
    const QString &hint = {}, bool inner = false);
Runtime::Condition where(const QString &column, Runtime::FilterOperator op, const QString &value,
    bool negated = false);
Runtime::Condition whereIn(const QString &column, const QStringList &values);
Runtime::Condition group(Runtime::Condition::Kind kind, std::vector<Runtime::Condition> children,
    bool negated = false);
Runtime::OrderTerm order(const QString &column, bool descending = false,
    Runtime::OrderTerm::Nulls nulls = Runtime::OrderTerm::Nulls::Default);
Runtime::QueryLevel level(const QStringList &path, std::vector<Runtime::Condition> conditions,
    std::vector<Runtime::OrderTerm> orders = {}, std::optional<qint64> limit = {},
    std::optional<qint64> offset = {});
Runtime::ApiQuery query(const QString &table, std::vector<Runtime::SelectItem> select,
    std::vector<Runtime::QueryLevel> levels = {});

} // namespace RecordTest

Q_DECLARE_METATYPE(Runtime::ApiQuery)
