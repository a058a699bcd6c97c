// SPDX-License-Identifier: GPL-3.0-or-later
// Shared test helpers: the test PostgreSQL server, bundled templates and source paths.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <memory>

namespace Runtime {
class Project;
class Server;
struct DatabaseUrl;
struct RequestLogEntry;
}

namespace TestSupport {

/** Returns the path of \a relative inside the source tree (e.g. "resources/templates/ecommerce.basalt"). */
QString sourcePath(const QString &relative);

/** Returns the path of the bundled template \a name ("ecommerce", "saas", "social", "chat"). */
QString templatePath(const QString &name);

/** Returns the JWT secret every test server is started with (as BASALT_JWT_SECRET). */
QByteArray jwtSecret();
/** Returns the project keys made with jwtSecret(). */
QByteArray anonKey();
QByteArray serviceKey();
/** Returns "apikey: <service key>\r\nAuthorization: Bearer <service key>\r\n", for raw HTTP requests. */
QByteArray serviceKeyHeaderLines();

/** Returns an access token for user \a userId as the auth API would issue it (role "authenticated" or
    \a role, app_metadata claims \a claims, valid for an hour), signed with jwtSecret(). */
QByteArray accessToken(const QString &userId, const QString &role = QStringLiteral("authenticated"),
    const QJsonObject &claims = {});

/** Returns \a text with {anon}, {service} and {user:<id>} replaced by anonKey(), serviceKey() and
    accessToken(<id>), as UTF-8: lets data rows name keys and tokens. */
QByteArray expandKeys(const QString &text);

/** Returns a generated project of \a count tables for scale tests and benchmarks: 5 to 9 fields each of
    mixed types plus an autoIncrement id, some coloured and some tenant-scoped cards in a 20-column grid,
    and one one-to-many relationship per table but the first, from a pseudo-random earlier table (so
    foreign-key chains of several levels, not a star). The same \a count always gives the same project. */
std::unique_ptr<Runtime::Project> generatedProject(int count);

/** Returns the project of the data-pane tests: one table `items` (id autoincrement key, name required text,
    quantity integer, price number with a minimum of 0, active boolean, meta JSON, secret hidden text). */
std::shared_ptr<Runtime::Project> itemsProject();

/** Migrates the SQLite database \a sqlitePath (created if missing) to \a project, creates the auth API's
    tables and starts a Runtime::Server in this process on 127.0.0.1 at a free port, signing with
    jwtSecret() (so anonKey(), serviceKey() and accessToken() work against it). For widget tests that need a
    running runtime without the designer's RunController. Returns nullptr and sets \a error on failure. */
std::unique_ptr<Runtime::Server> startInProcessServer(
    std::shared_ptr<const Runtime::Project> project, const QString &sqlitePath, QString *error,
    std::function<void(const Runtime::RequestLogEntry &)> requestObserver = {});

/** As above, on the database at \a url (SQLite or PostgreSQL). */
std::unique_ptr<Runtime::Server> startInProcessServer(std::shared_ptr<const Runtime::Project> project,
    const Runtime::DatabaseUrl &url, QString *error,
    std::function<void(const Runtime::RequestLogEntry &)> requestObserver = {});

/** Like startInProcessServer() for \a project = itemsProject(), with \a rows rows in `items` first (written
    with no server running, in one transaction): name "item <i>", quantity (i*37)%100, price
    ((i*13)%1000)/4, active every third row, meta NULL every fifth row and otherwise JSON with a comma and
    quotes in a string, secret "s". */
std::unique_ptr<Runtime::Server> startItemsServer(std::shared_ptr<const Runtime::Project> project,
    const QString &sqlitePath, int rows, QString *error,
    std::function<void(const Runtime::RequestLogEntry &)> requestObserver = {});

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
