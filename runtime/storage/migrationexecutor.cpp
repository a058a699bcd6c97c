// SPDX-License-Identifier: GPL-3.0-or-later
// MigrationExecutor: runs a checked MigrationPlan in one transaction and records it, or changes nothing.
#include "migrationexecutor.h"

#include "database.h"
#include "migrationhistory.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace Runtime {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(SchemaMigrator)
};

Error failed(const QString &step, const QString &detail)
{
    return Error(ErrorCode::MigrationFailed,
        Text::tr("The migration failed at \"%1\" and was rolled back; the database is unchanged.").arg(step),
        detail);
}
} // namespace

MigrationExecutor::MigrationExecutor(Database &database)
    : m_database(database)
{ }

Result<void> MigrationExecutor::run(const MigrationPlan &plan, int version)
{
    const bool sqlite = m_database.engine() == DatabaseEngine::SQLite;
    // SQLite ignores this pragma inside a transaction, so it brackets the transaction.
    if (sqlite) {
        if (Result<void> off = runStatement(QStringLiteral("PRAGMA foreign_keys=OFF"), Text::tr("prepare"));
            !off)
            return off;
    }
    Result<void> result = runInTransaction(plan, version);
    if (sqlite) {
        Result<void> on = runStatement(QStringLiteral("PRAGMA foreign_keys=ON"), Text::tr("finish"));
        if (result && !on)
            return on;
    }
    return result;
}

Result<void> MigrationExecutor::runInTransaction(const MigrationPlan &plan, int version)
{
    QSqlDatabase &db = m_database.connection();
    if (!db.transaction())
        return failed(Text::tr("begin"), db.lastError().text());
    Result<void> result;
    for (const MigrationStep &step : plan.steps) {
        for (const QString &sql : step.sql) {
            result = runStatement(sql, step.description);
            if (!result)
                break;
        }
        if (!result)
            break;
    }
    if (result && m_database.engine() == DatabaseEngine::SQLite)
        result = checkForeignKeys();
    if (result) {
        Result<void> recorded
            = MigrationHistory(m_database).record(version, plan.summary(), plan.targetProjectJson);
        if (!recorded)
            result = failed(Text::tr("record the migration"), recorded.error().detail);
    }
    if (result && !db.commit())
        result = failed(Text::tr("commit"), db.lastError().text());
    if (!result)
        db.rollback();
    return result;
}

Result<void> MigrationExecutor::runStatement(const QString &sql, const QString &step)
{
    QSqlQuery q(m_database.connection());
    if (q.exec(sql)) // DDL is never prepared: PostgreSQL cannot PREPARE it
        return {};
    return failed(step, sql + QStringLiteral("\n") + q.lastError().text());
}

Result<void> MigrationExecutor::checkForeignKeys()
{
    QSqlQuery q(m_database.connection());
    if (!q.exec(QStringLiteral("PRAGMA foreign_key_check")))
        return failed(Text::tr("check foreign keys"), q.lastError().text());
    QStringList broken;
    while (q.next() && broken.size() < 10) {
        broken << Text::tr("%1 row %2 points at a missing row of %3")
                      .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString());
    }
    if (broken.isEmpty())
        return {};
    return failed(Text::tr("check foreign keys"), broken.join(QLatin1Char('\n')));
}

} // namespace Runtime
