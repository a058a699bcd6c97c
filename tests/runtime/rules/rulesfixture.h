// SPDX-License-Identifier: GPL-3.0-or-later
// A real SQLite or PostgreSQL database with the schema of a template and a few known rows, for rule tests.
#pragma once

#include "model/project.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QStringList>
#include <QTemporaryDir>
#include <QVariantList>

#include <memory>

namespace RulesTest {

/** Returns the bundled template \a name, read from the source tree, or nullptr (\a error says why). */
std::shared_ptr<const Runtime::Project> loadTemplate(const QString &name, QString *error);

/** The schema of the "ecommerce" or "saas" template created by SchemaMigrator, seeded with fixed rows. */
class Fixture
{
public:
    Fixture(Runtime::DatabaseEngine engine, const QString &templateName);

    bool isReady() const { return m_database != nullptr && m_why.isEmpty(); }
    bool postgresMissing() const { return m_postgresMissing; }
    QString why() const { return m_why; }
    const Runtime::Project &project() const { return *m_project; }
    std::shared_ptr<const Runtime::Project> sharedProject() const { return m_project; }
    Runtime::Database &database() { return *m_database; }

    /** Returns the sorted ids of \a table's rows for which \a condition (over the alias "q") holds with
        \a parameters bound, or {"error: ..."}. */
    QStringList ids(const QString &table, const QString &condition, const QVariantList &parameters);

private:
    bool seed(const QString &templateName);

    QTemporaryDir m_dir;
    std::unique_ptr<TestSupport::PostgresDatabase> m_server;
    std::unique_ptr<Runtime::Database> m_database;
    std::shared_ptr<const Runtime::Project> m_project;
    QString m_why;
    bool m_postgresMissing = false;
};

} // namespace RulesTest
