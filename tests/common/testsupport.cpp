// SPDX-License-Identifier: GPL-3.0-or-later
// Shared test helpers: the test PostgreSQL server, bundled templates and source paths.
#include "testsupport.h"

#include <QDir>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

namespace TestSupport {

namespace {
// Runs \a sql on the maintenance database of the server at \a adminUrl; returns an error text or "".
QString runAdminStatement(const QString &adminUrl, const QString &sql)
{
    const QUrl url(adminUrl);
    const QString connection = QStringLiteral("testsupport_admin_") + QUuid::createUuid().toString(QUuid::Id128);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        const QString dbName = url.path().mid(1);
        db.setDatabaseName(dbName.isEmpty() ? QStringLiteral("postgres") : dbName);
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            if (!q.exec(sql))
                error = q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}
} // namespace

QString sourcePath(const QString &relative)
{
    return QDir(QStringLiteral(BASALT_SOURCE_DIR)).filePath(relative);
}

QString templatePath(const QString &name)
{
    return sourcePath(QStringLiteral("resources/templates/") + name + QStringLiteral(".basalt"));
}

QString postgresAdminUrl()
{
    return qEnvironmentVariable("BASALT_TEST_POSTGRES_URL");
}

bool postgresRequired()
{
    return qEnvironmentVariable("CI") == QLatin1String("true");
}

PostgresDatabase::PostgresDatabase(const QString &prefix)
{
    const QString admin = postgresAdminUrl();
    if (admin.isEmpty()) {
        m_error = QStringLiteral("BASALT_TEST_POSTGRES_URL is not set (run the tests through scripts/test.sh)");
        return;
    }
    m_name = prefix + QLatin1Char('_') + QString::number(QRandomGenerator::global()->generate64(), 36);
    const QString error = runAdminStatement(admin, QStringLiteral("CREATE DATABASE \"%1\"").arg(m_name));
    if (!error.isEmpty()) {
        m_error = QStringLiteral("cannot create a database on %1: %2").arg(admin, error);
        m_name.clear();
        return;
    }
    QUrl url(admin);
    url.setPath(QLatin1Char('/') + m_name);
    m_url = url.toString();
}

PostgresDatabase::~PostgresDatabase()
{
    if (m_name.isEmpty())
        return;
    runAdminStatement(postgresAdminUrl(), QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(m_name));
}

} // namespace TestSupport
