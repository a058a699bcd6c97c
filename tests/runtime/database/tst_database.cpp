// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of database URLs and of opening SQLite and PostgreSQL connections.
#include "storage/database.h"
#include "storage/sqldialect.h"
#include "testsupport.h"

#include <QDir>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Runtime;

class tst_Database : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void sqliteSettings();
    void uniqueConnections();
    void openFailures_data();
    void openFailures();
    void postgres();
};

namespace {
QString pragma(Database &db, const QString &name)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("PRAGMA ") + name) || !q.next())
        return QStringLiteral("<error>");
    return q.value(0).toString();
}
} // namespace

void tst_Database::parse_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("engine");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("databaseName");
    QTest::addColumn<QString>("display");
    const int sqlite = int(DatabaseEngine::SQLite);
    const int pg = int(DatabaseEngine::PostgreSQL);
    const QString cwd = QDir::currentPath();
    QTest::newRow("sqlite absolute") << QStringLiteral("sqlite:/tmp/a.db") << sqlite
                                     << QStringLiteral("/tmp/a.db") << QString() << 5432 << QString()
                                     << QString() << QString() << QStringLiteral("sqlite:/tmp/a.db");
    QTest::newRow("sqlite slashes") << QStringLiteral("sqlite:///tmp/a.db") << sqlite
                                    << QStringLiteral("/tmp/a.db") << QString() << 5432 << QString()
                                    << QString() << QString() << QStringLiteral("sqlite:/tmp/a.db");
    QTest::newRow("sqlite relative") << QStringLiteral("sqlite:data/app.db") << sqlite
                                     << cwd + QStringLiteral("/data/app.db") << QString() << 5432 << QString()
                                     << QString() << QString()
                                     << QStringLiteral("sqlite:") + cwd + QStringLiteral("/data/app.db");
    QTest::newRow("sqlite memory") << QStringLiteral("sqlite::memory:") << sqlite
                                   << QStringLiteral(":memory:") << QString() << 5432 << QString()
                                   << QString() << QString() << QStringLiteral("sqlite::memory:");
    QTest::newRow("postgresql") << QStringLiteral("postgresql://app:s%40cret@db.example:6543/shop") << pg
                                << QString() << QStringLiteral("db.example") << 6543 << QStringLiteral("app")
                                << QStringLiteral("s@cret") << QStringLiteral("shop")
                                << QStringLiteral("postgresql://app@db.example:6543/shop");
    QTest::newRow("postgres default port")
        << QStringLiteral("postgres://u@localhost/d") << pg << QString() << QStringLiteral("localhost")
        << 5432 << QStringLiteral("u") << QString() << QStringLiteral("d")
        << QStringLiteral("postgresql://u@localhost:5432/d");
}

void tst_Database::parse()
{
    QFETCH(QString, url);
    QFETCH(int, engine);
    QFETCH(QString, path);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, databaseName);
    QFETCH(QString, display);
    const Result<DatabaseUrl> parsed = DatabaseUrl::parse(url);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(int(parsed->engine), engine);
    QCOMPARE(parsed->path, path);
    QCOMPARE(parsed->host, host);
    QCOMPARE(parsed->port, port);
    QCOMPARE(parsed->user, user);
    QCOMPARE(parsed->password, password);
    QCOMPARE(parsed->databaseName, databaseName);
    QCOMPARE(parsed->displayString(), display);
    QVERIFY(!parsed->displayString().contains(QLatin1String("cret")));
}

void tst_Database::parseErrors_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << QString() << QStringLiteral("unknown scheme");
    QTest::newRow("mysql") << QStringLiteral("mysql://u@h/d") << QStringLiteral("unknown scheme");
    QTest::newRow("sqlite without path") << QStringLiteral("sqlite:") << QStringLiteral("path is missing");
    QTest::newRow("postgres without database")
        << QStringLiteral("postgresql://u@h:5432/") << QStringLiteral("database name");
    QTest::newRow("bad port") << QStringLiteral("postgresql://u@h:notaport/d") << QString();
}

void tst_Database::parseErrors()
{
    QFETCH(QString, url);
    QFETCH(QString, reason);
    const Result<DatabaseUrl> parsed = DatabaseUrl::parse(url);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(parsed.error().message.contains(reason), qPrintable(parsed.error().message));
    QVERIFY(parsed.error().message.contains(QLatin1String("sqlite:PATH")));
}

void tst_Database::sqliteSettings()
{
    QTemporaryDir dir;
    Result<std::unique_ptr<Database>> db
        = Database::open(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("s.db")));
    QVERIFY2(db, qPrintable(db ? QString() : db.error().detail));
    QCOMPARE((*db)->engine(), DatabaseEngine::SQLite);
    QCOMPARE((*db)->dialect().engine(), DatabaseEngine::SQLite);
    QCOMPARE(pragma(**db, QStringLiteral("journal_mode")), QStringLiteral("wal"));
    QCOMPARE(pragma(**db, QStringLiteral("foreign_keys")), QStringLiteral("1"));
    QVERIFY(pragma(**db, QStringLiteral("busy_timeout")).toInt() >= 1000);
}

void tst_Database::uniqueConnections()
{
    QTemporaryDir dir;
    const QString url = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("u.db"));
    Result<std::unique_ptr<Database>> a = Database::open(url);
    Result<std::unique_ptr<Database>> b = Database::open(url);
    QVERIFY(a && b);
    QVERIFY((*a)->connection().connectionName() != (*b)->connection().connectionName());
    const QString name = (*a)->connection().connectionName();
    a.value().reset();
    QVERIFY(!QSqlDatabase::contains(name));
    QVERIFY((*b)->connection().isOpen());
}

void tst_Database::openFailures_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("message");
    QTemporaryDir *dir = new QTemporaryDir; // kept until the process ends: the rows use its files
    QFile notADatabase(dir->filePath(QStringLiteral("text.db")));
    QVERIFY(notADatabase.open(QIODevice::WriteOnly));
    notADatabase.write(QByteArray(4096, 'x'));
    notADatabase.close();
    QTest::newRow("missing folder") << QStringLiteral("sqlite:")
            + dir->filePath(QStringLiteral("no/such/dir/x.db"))
                                    << QStringLiteral("Could not open the SQLite database");
    QTest::newRow("not a database") << QStringLiteral("sqlite:") + notADatabase.fileName()
                                    << QStringLiteral("Could not open the SQLite database");
    QTest::newRow("no server")
        << QStringLiteral("postgresql://nobody:pw@127.0.0.1:1/none")
        << QStringLiteral(
               "Could not connect to the PostgreSQL database postgresql://nobody@127.0.0.1:1/none");
}

void tst_Database::openFailures()
{
    QFETCH(QString, url);
    QFETCH(QString, message);
    const QStringList before = QSqlDatabase::connectionNames();
    const Result<std::unique_ptr<Database>> db = Database::open(url);
    QVERIFY(!db);
    QCOMPARE(db.error().code, ErrorCode::DatabaseOpenFailed);
    QVERIFY2(db.error().message.startsWith(message), qPrintable(db.error().message));
    QVERIFY2(!db.error().detail.isEmpty(), "the driver's text belongs in the detail");
    QVERIFY(!db.error().message.contains(QLatin1String(":pw@")));
    QCOMPARE(QSqlDatabase::connectionNames(), before); // the failed connection was removed
}

void tst_Database::postgres()
{
    TestSupport::PostgresDatabase server;
    BASALT_REQUIRE_POSTGRES(server);
    Result<std::unique_ptr<Database>> db = Database::open(server.url());
    QVERIFY2(db, qPrintable(db ? QString() : db.error().detail));
    QCOMPARE((*db)->engine(), DatabaseEngine::PostgreSQL);
    QCOMPARE((*db)->url().databaseName, server.name());
    QSqlQuery q((*db)->connection());
    QVERIFY(q.exec(QStringLiteral("SHOW TIME ZONE")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("UTC"));
    QVERIFY(q.prepare(QStringLiteral("SELECT ? || 'x'")));
    q.addBindValue(QStringLiteral("it's"));
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("it'sx"));
}

QTEST_GUILESS_MAIN(tst_Database)
#include "tst_database.moc"
