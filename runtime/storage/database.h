// SPDX-License-Identifier: GPL-3.0-or-later
// Database: one open connection to the project's SQLite or PostgreSQL database, with its dialect.
#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace Runtime {

class SqlDialect;

enum class DatabaseEngine { SQLite, PostgreSQL };

/** A parsed database location: `sqlite:PATH` (relative paths resolve against the working directory)
    or `postgresql://user:password@host:port/dbname` (also `postgres://`). */
struct DatabaseUrl
{
    DatabaseEngine engine = DatabaseEngine::SQLite;
    QString path; ///< SQLite file
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString databaseName;
    QString connectOptions; ///< PostgreSQL: the URL's query items as libpq options ("sslmode=require;...")

    /** Parses \a url (`sqlite:` may also be written `sqlite://`; `sqlite::memory:` is an in-memory database);
        InvalidArgument with an explanation of the accepted forms on failure. */
    static Result<DatabaseUrl> parse(const QString &url);
    /** Returns the URL without the password, for messages and logs. */
    QString displayString() const;
};

/** Owns one QSqlDatabase connection (used on the thread that opened it only) and the dialect that
    matches its engine. SQLite connections run in WAL mode with foreign keys on. */
class Database
{
public:
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /** Opens \a url under a new unique connection name. DatabaseOpenFailed says why it could not. */
    static Result<std::unique_ptr<Database>> open(const DatabaseUrl &url);
    static Result<std::unique_ptr<Database>> open(const QString &url);

    DatabaseEngine engine() const;
    const SqlDialect &dialect() const;
    QSqlDatabase &connection();
    const DatabaseUrl &url() const;

private:
    Database() = default;
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Runtime
