// SPDX-License-Identifier: GPL-3.0-or-later
// Shared test helpers: the test PostgreSQL server, bundled templates and source paths.
#pragma once

#include <QString>

namespace TestSupport {

/** Returns the path of \a relative inside the source tree (e.g. "resources/templates/ecommerce.basalt"). */
QString sourcePath(const QString &relative);

/** Returns the path of the bundled template \a name ("ecommerce", "saas", "social", "chat"). */
QString templatePath(const QString &name);

/** Returns the admin URL of the test PostgreSQL server from BASALT_TEST_POSTGRES_URL
    (set by scripts/with-postgres.sh), or an empty string if there is none. */
QString postgresAdminUrl();

/** Returns true if PostgreSQL tests must run: always under CI=true, where a missing server is a failure. */
bool postgresRequired();

/** A fresh, empty PostgreSQL database for one test, dropped again when this object is destroyed.
    url() is empty (and error() says why) if no server is configured or it cannot be reached. */
class PostgresDatabase
{
public:
    explicit PostgresDatabase(const QString &prefix = QStringLiteral("basalt_test"));
    ~PostgresDatabase();
    PostgresDatabase(const PostgresDatabase &) = delete;
    PostgresDatabase &operator=(const PostgresDatabase &) = delete;

    bool isValid() const { return !m_url.isEmpty(); }
    /** Returns "postgresql://user@host:port/dbname" for Runtime::Database::open. */
    QString url() const { return m_url; }
    QString name() const { return m_name; }
    QString error() const { return m_error; }

private:
    QString m_url;
    QString m_name;
    QString m_error;
};

} // namespace TestSupport

/** Skips the current test function when no PostgreSQL server is configured, or fails it under CI=true. */
#define BASALT_REQUIRE_POSTGRES(db)                                                                        \
    do {                                                                                                   \
        if (!(db).isValid()) {                                                                             \
            if (TestSupport::postgresRequired())                                                           \
                QFAIL(qPrintable(QStringLiteral("PostgreSQL is required under CI: ") + (db).error()));     \
            QSKIP(qPrintable(QStringLiteral("no PostgreSQL test server: ") + (db).error()));               \
        }                                                                                                  \
    } while (false)
