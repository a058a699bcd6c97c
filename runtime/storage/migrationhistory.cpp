// SPDX-License-Identifier: GPL-3.0-or-later
// MigrationHistory: the `_basalt_migrations` table, which records every applied plan with its project.
#include "migrationhistory.h"

#include "database.h"
#include "io/projectreader.h"
#include "schemaintrospection.h"
#include "sqldialect.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace Runtime {

namespace {
Error historyError(const QString &sql, const QSqlQuery &q)
{
    return Error(ErrorCode::DatabaseQueryFailed,
        QCoreApplication::translate("SchemaMigrator", "The migration history could not be read."),
        sql + QStringLiteral(": ") + q.lastError().text());
}
} // namespace

MigrationHistory::MigrationHistory(Database &database)
    : m_database(database)
{ }

Result<bool> MigrationHistory::exists()
{
    Result<QStringList> tables = liveTableNames(m_database);
    if (!tables)
        return tables.error();
    return tables->contains(QLatin1String(s_migrationsTable));
}

Result<int> MigrationHistory::latestVersion()
{
    Result<bool> present = exists();
    if (!present)
        return present.error();
    if (!*present)
        return 0;
    const QString sql = QStringLiteral("SELECT MAX(\"version\") FROM \"_basalt_migrations\"");
    QSqlQuery q(m_database.connection());
    if (!q.exec(sql) || !q.next())
        return historyError(sql, q);
    return q.value(0).toInt(); // null (no rows) reads as 0
}

Result<std::unique_ptr<Project>> MigrationHistory::latestProject()
{
    Result<bool> present = exists();
    if (!present)
        return present.error();
    if (!*present)
        return std::make_unique<Project>();
    const QString sql
        = QStringLiteral("SELECT \"project\" FROM \"_basalt_migrations\" ORDER BY \"version\" DESC LIMIT 1");
    QSqlQuery q(m_database.connection());
    if (!q.exec(sql))
        return historyError(sql, q);
    if (!q.next())
        return std::make_unique<Project>();
    Result<std::unique_ptr<Project>> project = readProject(q.value(0).toString().toUtf8());
    if (!project) {
        return Error(ErrorCode::DatabaseDrift,
            QCoreApplication::translate("SchemaMigrator",
                "The project recorded by the last migration "
                "cannot be read back."),
            project.error().toString());
    }
    return project;
}

Result<void> MigrationHistory::record(int version, const QString &summary, const QByteArray &projectJson)
{
    QSqlQuery q(m_database.connection());
    const QString create = m_database.dialect().createMigrationsTable();
    if (!q.exec(create))
        return historyError(create, q);
    const QString insert = QStringLiteral(
        "INSERT INTO \"_basalt_migrations\" (\"version\", \"summary\", \"project\") VALUES (?, ?, ?)");
    if (!q.prepare(insert))
        return historyError(insert, q);
    q.addBindValue(version);
    q.addBindValue(summary);
    q.addBindValue(QString::fromUtf8(projectJson));
    if (!q.exec())
        return historyError(insert, q);
    return {};
}

} // namespace Runtime
