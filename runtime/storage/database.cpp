// SPDX-License-Identifier: GPL-3.0-or-later
// Database: one open connection to the project's SQLite or PostgreSQL database, with its dialect.
#include "database.h"

#include "postgresdialect.h"
#include "sqlitedialect.h"
#include "sqlitefunctions.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>

namespace Runtime {

namespace {
constexpr int s_busyTimeoutMs = 5000;
constexpr int s_connectTimeoutSeconds = 10;

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Database)
};

Error invalidUrl(const QString &url, const QString &why)
{
    return Error(ErrorCode::InvalidArgument,
        Text::tr("\"%1\" is not a database URL: %2. Use sqlite:PATH or "
                 "postgresql://user:password@host:port/dbname.")
            .arg(url, why));
}

Result<DatabaseUrl> parseSqlite(const QString &url)
{
    QString path = url.mid(int(qstrlen("sqlite:")));
    if (path.startsWith(QLatin1String("//")))
        path = path.mid(2);
    if (path.isEmpty())
        return invalidUrl(url, Text::tr("the SQLite file path is missing"));
    DatabaseUrl parsed;
    parsed.engine = DatabaseEngine::SQLite;
    parsed.path = path == QLatin1String(":memory:") ? path : QFileInfo(path).absoluteFilePath();
    return parsed;
}

Result<DatabaseUrl> parsePostgres(const QString &url)
{
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid())
        return invalidUrl(url, u.errorString());
    DatabaseUrl parsed;
    parsed.engine = DatabaseEngine::PostgreSQL;
    parsed.host = u.host(QUrl::FullyDecoded);
    parsed.port = u.port(5432);
    parsed.user = u.userName(QUrl::FullyDecoded);
    parsed.password = u.password(QUrl::FullyDecoded);
    parsed.databaseName = u.path(QUrl::FullyDecoded).mid(1);
    if (parsed.databaseName.isEmpty() || parsed.databaseName.contains(QLatin1Char('/')))
        return invalidUrl(url, Text::tr("the database name is missing"));
    QStringList options;
    for (const auto &[key, value] : QUrlQuery(u).queryItems(QUrl::FullyDecoded))
        options << key + QLatin1Char('=') + value;
    parsed.connectOptions = options.join(QLatin1Char(';'));
    return parsed;
}

// Runs \a sql on \a db; returns the driver's error text, or "" on success.
QString runSetup(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return {};
    return query.lastError().text();
}
} // namespace

Result<DatabaseUrl> DatabaseUrl::parse(const QString &url)
{
    const QString trimmed = url.trimmed();
    if (trimmed.startsWith(QLatin1String("sqlite:"), Qt::CaseInsensitive))
        return parseSqlite(trimmed);
    if (trimmed.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
        || trimmed.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive))
        return parsePostgres(trimmed);
    return invalidUrl(trimmed, Text::tr("unknown scheme"));
}

QString DatabaseUrl::displayString() const
{
    if (engine == DatabaseEngine::SQLite)
        return QStringLiteral("sqlite:") + path;
    QUrl u;
    u.setScheme(QStringLiteral("postgresql"));
    u.setUserName(user);
    u.setHost(host);
    u.setPort(port);
    u.setPath(QLatin1Char('/') + databaseName);
    return u.toString();
}

struct Database::Private
{
    DatabaseUrl url;
    QString connectionName;
    QSqlDatabase db;
    std::unique_ptr<SqlDialect> dialect;

    Result<void> openSqlite();
    Result<void> openPostgres();
};

Result<void> Database::Private::openSqlite()
{
    db.setDatabaseName(url.path);
    const QString message = Text::tr("Could not open the SQLite database %1.").arg(url.path);
    if (!db.open())
        return Error(ErrorCode::DatabaseOpenFailed, message, db.lastError().text());
    // The first statement reads the file: a file that is not a database fails here.
    // WAL with synchronous=NORMAL: commits do not wait for fsync (checkpoints still sync), so a crash of
    // the process loses nothing and a power cut at most the last commits: SQLite's recommended WAL setting.
    const QStringList setup {QStringLiteral("PRAGMA journal_mode=WAL"),
        QStringLiteral("PRAGMA synchronous=NORMAL"),
        QStringLiteral("PRAGMA foreign_keys=ON"),
        QStringLiteral("PRAGMA busy_timeout=%1").arg(s_busyTimeoutMs)};
    for (const QString &sql : setup) {
        const QString error = runSetup(db, sql);
        if (!error.isEmpty())
            return Error(ErrorCode::DatabaseOpenFailed, message, sql + QStringLiteral(": ") + error);
    }
    return registerSqliteFunctions(db);
}

Result<void> Database::Private::openPostgres()
{
    db.setHostName(url.host);
    db.setPort(url.port);
    db.setUserName(url.user);
    db.setPassword(url.password);
    db.setDatabaseName(url.databaseName);
    QString options = QStringLiteral("connect_timeout=%1").arg(s_connectTimeoutSeconds);
    if (!url.connectOptions.isEmpty())
        options += QLatin1Char(';') + url.connectOptions;
    db.setConnectOptions(options);
    const QString message
        = Text::tr("Could not connect to the PostgreSQL database %1. Check that the server is "
                   "running and that the user name, password and database name are right.")
              .arg(url.displayString());
    if (!db.open())
        return Error(ErrorCode::DatabaseOpenFailed, message, db.lastError().text());
    // UTC keeps datetimes rendered as text the same on every machine; the dialect writes backslashes in
    // literals as plain characters; notices would only clutter logs.
    for (const QString &sql :
        {QStringLiteral("SET TIME ZONE 'UTC'"), QStringLiteral("SET standard_conforming_strings = on"),
            QStringLiteral("SET client_min_messages TO WARNING")}) {
        const QString error = runSetup(db, sql);
        if (!error.isEmpty())
            return Error(ErrorCode::DatabaseOpenFailed, message, sql + QStringLiteral(": ") + error);
    }
    return {};
}

Database::~Database()
{
    if (!d || d->connectionName.isEmpty())
        return;
    const QString name = d->connectionName;
    d->db.close();
    d->db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

Result<std::unique_ptr<Database>> Database::open(const QString &url)
{
    Result<DatabaseUrl> parsed = DatabaseUrl::parse(url);
    if (!parsed)
        return parsed.error();
    return open(*parsed);
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseUrl &url)
{
    static QAtomicInteger<quint64> s_connectionCounter;
    const bool sqlite = url.engine == DatabaseEngine::SQLite;
    const QString driver = sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
    if (!QSqlDatabase::isDriverAvailable(driver)) {
        return Error(ErrorCode::DatabaseOpenFailed,
            Text::tr("The Qt SQL driver %1 is not installed.").arg(driver),
            QSqlDatabase::drivers().join(QLatin1Char(' ')));
    }
    std::unique_ptr<Database> database(new Database);
    database->d = std::make_unique<Private>();
    Private &d = *database->d;
    d.url = url;
    d.connectionName = QStringLiteral("basalt_%1").arg(s_connectionCounter.fetchAndAddRelaxed(1));
    d.db = QSqlDatabase::addDatabase(driver, d.connectionName);
    if (sqlite)
        d.dialect = std::make_unique<SqliteDialect>();
    else
        d.dialect = std::make_unique<PostgresDialect>();
    Result<void> opened = sqlite ? d.openSqlite() : d.openPostgres();
    if (!opened)
        return opened.error(); // the destructor removes the connection again
    return database;
}

DatabaseEngine Database::engine() const
{
    return d->url.engine;
}

const SqlDialect &Database::dialect() const
{
    return *d->dialect;
}

QSqlDatabase &Database::connection()
{
    return d->db;
}

const DatabaseUrl &Database::url() const
{
    return d->url;
}

} // namespace Runtime
