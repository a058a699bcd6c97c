// SPDX-License-Identifier: GPL-3.0-or-later
// TriggerQueue: the durable queue of after-trigger jobs, a table in the project's database.
#include "triggerqueue.h"

#include "storage/database.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Runtime {

namespace {
Error failed(const QSqlQuery &query)
{
    return Error(ErrorCode::DatabaseQueryFailed, QStringLiteral("A database query failed"),
        query.lastError().text() + QStringLiteral(" in: ") + query.lastQuery());
}

Result<void> run(Database &database, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(database.connection());
    // Without values, not prepared: QPSQL cannot prepare DDL.
    if (values.isEmpty())
        return query.exec(sql) ? Result<void>() : failed(query);
    if (!query.prepare(sql))
        return failed(query);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return failed(query);
    return {};
}

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject jsonObject(const QVariant &text)
{
    return QJsonDocument::fromJson(text.toString().toUtf8()).object();
}
} // namespace

Result<void> TriggerQueue::ensureTable(Database &database)
{
    static const char *const statements[] = {
        "CREATE TABLE IF NOT EXISTS \"_basalt_trigger_queue\" (\n"
        "  \"id\" TEXT PRIMARY KEY,\n"
        "  \"trigger_id\" TEXT NOT NULL,\n"
        "  \"table_name\" TEXT NOT NULL,\n"
        "  \"row_data\" TEXT NOT NULL,\n"
        "  \"old_data\" TEXT NOT NULL,\n"
        "  \"caller\" TEXT NOT NULL,\n"
        "  \"attempts\" INTEGER NOT NULL DEFAULT 0,\n"
        "  \"run_after\" BIGINT NOT NULL,\n"
        "  \"claimed_until\" BIGINT NOT NULL DEFAULT 0,\n"
        "  \"failed\" INTEGER NOT NULL DEFAULT 0,\n"
        "  \"last_error\" TEXT,\n"
        "  \"created_at\" BIGINT NOT NULL\n"
        ")",
        "CREATE INDEX IF NOT EXISTS \"_basalt_trigger_queue_due\" "
        "ON \"_basalt_trigger_queue\" (\"failed\", \"run_after\")",
    };
    for (const char *statement : statements) {
        if (Result<void> done = run(database, QString::fromLatin1(statement), {}); !done)
            return done;
    }
    return {};
}

Result<void> TriggerQueue::enqueue(Database &database, const QList<TriggerJob> &jobs, qint64 nowMs)
{
    static const QString sql = QStringLiteral(
        "INSERT INTO \"_basalt_trigger_queue\" (\"id\", \"trigger_id\", \"table_name\", \"row_data\", "
        "\"old_data\", \"caller\", \"run_after\", \"created_at\") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    qint64 order = 0;
    for (const TriggerJob &job : jobs) {
        const QString id = job.id.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : job.id;
        // created_at orders the jobs of one write as they were written.
        if (Result<void> added = run(database, sql,
                {id, job.triggerId, job.table.isEmpty() ? QStringLiteral("") : job.table, jsonText(job.row), jsonText(job.old), jsonText(job.caller), nowMs,
                    nowMs * 1000 + order++});
            !added)
            return added;
    }
    return {};
}

Result<QList<TriggerJob>> TriggerQueue::claim(Database &database, qint64 nowMs, qint64 leaseMs, int limit)
{
    const bool postgres = database.engine() == DatabaseEngine::PostgreSQL;
    // One statement claims: a second server (PostgreSQL) skips the rows locked by this one.
    const QString sql = QStringLiteral(
        "UPDATE \"_basalt_trigger_queue\" SET \"claimed_until\" = ?, \"attempts\" = \"attempts\" + 1 "
        "WHERE \"id\" IN (SELECT \"id\" FROM \"_basalt_trigger_queue\" WHERE \"failed\" = 0 AND "
        "\"run_after\" <= ? AND \"claimed_until\" <= ? ORDER BY \"created_at\", \"id\" LIMIT %1%2) "
        "RETURNING \"id\", \"trigger_id\", \"table_name\", \"row_data\", \"old_data\", \"caller\", "
        "\"attempts\", \"created_at\"")
                            .arg(limit)
                            .arg(postgres ? QStringLiteral(" FOR UPDATE SKIP LOCKED") : QString());
    QSqlQuery query(database.connection());
    if (!query.prepare(sql))
        return failed(query);
    query.addBindValue(nowMs + leaseMs);
    query.addBindValue(nowMs);
    query.addBindValue(nowMs);
    if (!query.exec())
        return failed(query);
    QList<QPair<qint64, TriggerJob>> claimed;
    while (query.next()) {
        TriggerJob job;
        job.id = query.value(0).toString();
        job.triggerId = query.value(1).toString();
        job.table = query.value(2).toString();
        job.row = jsonObject(query.value(3));
        job.old = jsonObject(query.value(4));
        job.caller = jsonObject(query.value(5));
        job.attempts = query.value(6).toInt();
        claimed.append({query.value(7).toLongLong(), job});
    }
    std::sort(claimed.begin(), claimed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QList<TriggerJob> jobs;
    for (const auto &[order, job] : std::as_const(claimed))
        jobs << job;
    return jobs;
}

Result<void> TriggerQueue::done(Database &database, const QString &id)
{
    return run(database, QStringLiteral("DELETE FROM \"_basalt_trigger_queue\" WHERE \"id\" = ?"), {id});
}

Result<void> TriggerQueue::retry(Database &database, const QString &id, qint64 runAfterMs, const QString &error)
{
    return run(database,
        QStringLiteral("UPDATE \"_basalt_trigger_queue\" SET \"run_after\" = ?, \"claimed_until\" = 0, "
                       "\"last_error\" = ? WHERE \"id\" = ?"),
        {runAfterMs, error, id});
}

Result<void> TriggerQueue::fail(Database &database, const QString &id, const QString &error)
{
    return run(database,
        QStringLiteral("UPDATE \"_basalt_trigger_queue\" SET \"failed\" = 1, \"last_error\" = ? WHERE \"id\" = ?"),
        {error, id});
}

Result<QPair<qint64, qint64>> TriggerQueue::counts(Database &database)
{
    QSqlQuery query(database.connection());
    if (!query.exec(QStringLiteral("SELECT \"failed\", COUNT(*) FROM \"_basalt_trigger_queue\" GROUP BY \"failed\"")))
        return failed(query);
    QPair<qint64, qint64> counts {0, 0};
    while (query.next())
        (query.value(0).toInt() ? counts.second : counts.first) = query.value(1).toLongLong();
    return counts;
}

} // namespace Runtime
