// SPDX-License-Identifier: GPL-3.0-or-later
// DataProbe: the read-only queries a migration plan asks of the live data (counts, violations).
#pragma once

#include "core/result.h"
#include "model/fieldtype.h"

#include <QString>
#include <QStringList>

namespace Runtime {

class Database;

/** How many rows or values break a rule, and the first one found, for messages. */
struct Violations
{
    qint64 count = 0;
    QString example; ///< a value as text; empty when there is none or it is null
};

/** Read-only questions about the data of one Database, asked while planning a migration. Table and column
    names are quoted with the database's dialect; expressions passed in are SQL built by the dialect.
    Owned by the planner for the duration of one plan. */
class DataProbe
{
public:
    explicit DataProbe(Database &database);

    Result<qint64> rowCount(const QString &table);
    /** Returns the number of non-null values of \a column; for plain text types, non-empty ones. */
    Result<qint64> valueCount(const QString &table, const QString &column, FieldType type);
    /** Returns the values of \a column (a \a from field) that would not survive conversion to \a to. */
    Result<Violations> conversionFailures(
        const QString &table, const QString &column, FieldType from, FieldType to);
    /** Returns the rows where the SQL expression \a value is null. */
    Result<Violations> nulls(const QString &table, const QString &value);
    /** Returns the distinct combinations of the SQL expressions \a values that occur more than once
        (combinations with a null are never duplicates, as in a unique constraint). */
    Result<Violations> duplicates(const QString &table, const QStringList &values);
    /** Returns the rows for which \a condition is false; the example is \a value of the first one. */
    Result<Violations> failedChecks(const QString &table, const QString &condition, const QString &value);
    /** Returns the rows of \a table whose \a value (over alias "c") matches no \a parentKey (over alias "p")
        of \a parentTable; every non-null value when \a parentTable is empty (it does not exist yet). */
    Result<Violations> orphans(
        const QString &table, const QString &value, const QString &parentTable, const QString &parentKey);

private:
    Result<Violations> collect(const QString &sql, bool countRows);

    Database &m_database;
};

} // namespace Runtime
