// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the live schema back: tables, columns, and how they differ from the schema Basalt applied.
#include "schemaintrospection.h"

#include "database.h"
#include "sqldialect.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace Runtime {

namespace {
Result<QStringList> names(Database &database, const QString &sql, const QString &bound)
{
    QSqlQuery q(database.connection());
    q.setForwardOnly(true);
    bool ok = q.prepare(sql);
    if (ok && !bound.isNull())
        q.addBindValue(bound);
    if (!ok || !q.exec()) {
        return Error(ErrorCode::DatabaseQueryFailed,
            QCoreApplication::translate("SchemaMigrator", "The database schema could not be read."),
            sql + QStringLiteral(": ") + q.lastError().text());
    }
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}
} // namespace

Result<QStringList> liveTableNames(Database &database)
{
    return names(database, database.dialect().tableNamesQuery(), QString());
}

Result<QStringList> liveColumnNames(Database &database, const QString &table)
{
    return names(database, database.dialect().columnNamesQuery(), table);
}

Result<QStringList> schemaDrift(Database &database, const Project &applied)
{
    Result<QStringList> tables = liveTableNames(database);
    if (!tables)
        return tables.error();
    QStringList drift;
    for (const Table &table : applied.tables) {
        if (!tables->contains(table.name)) {
            drift << QCoreApplication::translate("SchemaMigrator", "table %1 is missing").arg(table.name);
            continue;
        }
        Result<QStringList> columns = liveColumnNames(database, table.name);
        if (!columns)
            return columns.error();
        for (const Field &field : table.fields) {
            if (!columns->contains(field.name))
                drift << QCoreApplication::translate("SchemaMigrator", "column %1.%2 is missing")
                             .arg(table.name, field.name);
        }
        for (const QString &column : std::as_const(*columns)) {
            if (!table.fieldByName(column)) {
                drift << QCoreApplication::translate(
                    "SchemaMigrator", "column %1.%2 was not created by Basalt")
                             .arg(table.name, column);
            }
        }
    }
    return drift;
}

} // namespace Runtime
