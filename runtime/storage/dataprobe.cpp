// SPDX-License-Identifier: GPL-3.0-or-later
// DataProbe: the read-only queries a migration plan asks of the live data (counts, violations).
#include "dataprobe.h"

#include "database.h"
#include "sqldialect.h"
#include "typeconversion.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace Runtime {

namespace {
Error queryFailed(const QString &sql, const QSqlQuery &query)
{
    return Error(ErrorCode::DatabaseQueryFailed,
        QCoreApplication::translate("SchemaMigrator", "The database could not be examined."),
        sql + QStringLiteral(": ") + query.lastError().text());
}

Result<qint64> scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return queryFailed(sql, q);
    return q.value(0).toLongLong();
}
} // namespace

DataProbe::DataProbe(Database &database)
    : m_database(database)
{ }

Result<qint64> DataProbe::rowCount(const QString &table)
{
    const SqlDialect &d = m_database.dialect();
    return scalar(m_database, QStringLiteral("SELECT COUNT(*) FROM ") + d.quoteIdentifier(table));
}

Result<qint64> DataProbe::valueCount(const QString &table, const QString &column, FieldType type)
{
    const SqlDialect &d = m_database.dialect();
    const QString c = d.quoteIdentifier(column);
    QString sql = QStringLiteral("SELECT COUNT(*) FROM ") + d.quoteIdentifier(table)
        + QStringLiteral(" WHERE ") + c + QStringLiteral(" IS NOT NULL");
    if (isPlainText(type))
        sql += QStringLiteral(" AND ") + c + QStringLiteral(" <> ''");
    return scalar(m_database, sql);
}

Result<Violations> DataProbe::conversionFailures(
    const QString &table, const QString &column, FieldType from, FieldType to)
{
    // Every value is read and judged here, by the same rules on both engines.
    const SqlDialect &d = m_database.dialect();
    const QString c = d.quoteIdentifier(column);
    const QString sql = QStringLiteral("SELECT ") + c + QStringLiteral(" FROM ") + d.quoteIdentifier(table)
        + QStringLiteral(" WHERE ") + c + QStringLiteral(" IS NOT NULL");
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return queryFailed(sql, q);
    Violations v;
    while (q.next()) {
        if (valueConverts(from, to, q.value(0)))
            continue;
        if (v.count++ == 0)
            v.example = q.value(0).toString();
    }
    return v;
}

Result<Violations> DataProbe::nulls(const QString &table, const QString &value)
{
    const SqlDialect &d = m_database.dialect();
    return collect(QStringLiteral("SELECT COUNT(*), NULL FROM ") + d.quoteIdentifier(table)
            + QStringLiteral(" WHERE ") + value + QStringLiteral(" IS NULL"),
        true);
}

Result<Violations> DataProbe::duplicates(const QString &table, const QStringList &values)
{
    const SqlDialect &d = m_database.dialect();
    QStringList notNull;
    for (const QString &v : values)
        notNull << v + QStringLiteral(" IS NOT NULL");
    const QString grouped = values.join(QStringLiteral(", "));
    // One row per duplicated combination; the first column shows it for the example.
    QString shown = values.first();
    if (values.size() > 1) {
        QStringList asText;
        for (const QString &v : values)
            asText << QStringLiteral("CAST(") + v + QStringLiteral(" AS TEXT)");
        shown = asText.join(QStringLiteral(" || ', ' || "));
    }
    return collect(QStringLiteral("SELECT ") + shown + QStringLiteral(" FROM ") + d.quoteIdentifier(table)
            + QStringLiteral(" WHERE ") + notNull.join(QStringLiteral(" AND ")) + QStringLiteral(" GROUP BY ")
            + grouped + QStringLiteral(" HAVING COUNT(*) > 1"),
        false);
}

Result<Violations> DataProbe::failedChecks(
    const QString &table, const QString &condition, const QString &value)
{
    const SqlDialect &d = m_database.dialect();
    return collect(QStringLiteral("SELECT ") + value + QStringLiteral(" FROM ") + d.quoteIdentifier(table)
            + QStringLiteral(" WHERE NOT (") + condition + QLatin1Char(')'),
        false);
}

Result<Violations> DataProbe::orphans(
    const QString &table, const QString &value, const QString &parentTable, const QString &parentKey)
{
    const SqlDialect &d = m_database.dialect();
    QString sql = QStringLiteral("SELECT ") + value + QStringLiteral(" FROM ") + d.quoteIdentifier(table)
        + QStringLiteral(" AS \"c\" WHERE ") + value + QStringLiteral(" IS NOT NULL");
    if (!parentTable.isEmpty()) {
        sql += QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM ") + d.quoteIdentifier(parentTable)
            + QStringLiteral(" AS \"p\" WHERE ") + parentKey + QStringLiteral(" = ") + value
            + QLatin1Char(')');
    }
    return collect(sql, false);
}

// Runs \a sql; with \a countRows its first row holds (count, example), otherwise each row is one violation.
Result<Violations> DataProbe::collect(const QString &sql, bool countRows)
{
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return queryFailed(sql, q);
    Violations v;
    if (countRows) {
        if (q.next())
            v.count = q.value(0).toLongLong();
        return v;
    }
    while (q.next()) {
        if (v.count++ == 0)
            v.example = q.value(0).toString();
    }
    return v;
}

} // namespace Runtime
