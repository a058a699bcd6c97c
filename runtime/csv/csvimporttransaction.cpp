// SPDX-License-Identifier: GPL-3.0-or-later
// CsvImporter::Private: the import's connection settings, transactions, batches and bulk indexes.
#include "csvimporter_p.h"

#include "storage/database.h"
#include "storage/sqldialect.h"

#include <QDateTime>
#include <QSqlDriver>

namespace Runtime {

namespace {
const QString s_batchSavepoint = QStringLiteral("basalt_import_batch");
} // namespace

void CsvImporter::Private::prepareRun(const CsvRowConverter &converter)
{
    stamped.clear();
    for (const Field &field : table->fields) {
        if (field.autoTimestamp != AutoTimestamp::None)
            stamped.push_back(&field);
    }
    clearStatements();
    deferred.clear();
    targets = converter.columnTargets();
    handle = nullptr;
    if (!sqlite())
        return;
    // The Qt SQLite driver's connection: INSERTs through SQLite's C API skip QtSql's binding.
    const QVariant driverHandle = database.connection().driver()->handle();
    if (driverHandle.isValid() && qstrcmp(driverHandle.typeName(), "sqlite3*") == 0)
        handle = *static_cast<sqlite3 *const *>(driverHandle.constData());
    // A larger page cache for this connection (allocated as used): inserting into the indexes of a big
    // table otherwise reads the same pages from the file again and again (SQLite's default cache is
    // 2 MB), and the sorts that build a bulk import's indexes get as much memory before they spill into
    // temporary files (a million rows: 1.0 s instead of 1.3 s to build two indexes).
    // Checkpoints (copying the WAL into the database file, with an fsync) every 100 MB instead of
    // every 4 MB: each commit rewrites pages of every index, and checkpoints dominated the import.
    (void)exec(QStringLiteral("PRAGMA cache_size = -262144"));
    (void)exec(QStringLiteral("PRAGMA wal_autocheckpoint = 25000"));
}

void CsvImporter::Private::finishRun()
{
    clearStatements();
    deferred.clear();
    if (!sqlite())
        return;
    // The connection may be the caller's: back to SQLite's defaults, with the WAL written out now
    // rather than by the runtime's next write.
    (void)exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
    (void)exec(QStringLiteral("PRAGMA wal_autocheckpoint = 1000"));
    (void)exec(QStringLiteral("PRAGMA cache_size = -2000"));
}

void CsvImporter::Private::planBulk(qint64 expectedRows)
{
    deferred.clear();
    if (!sqlite() || expectedRows < s_bulkRows)
        return;
    const SqlDialect &dialect = database.dialect();
    QSqlQuery query(database.connection());
    if (!query.exec(QStringLiteral("SELECT count(*) FROM ") + dialect.quoteIdentifier(table->name)) || !query.next()
        || query.value(0).toLongLong() > expectedRows)
        return;
    // origin "c": made by CREATE INDEX (not a UNIQUE or PRIMARY KEY constraint's own index).
    QStringList names;
    if (!query.exec(QStringLiteral("PRAGMA index_list(%1)").arg(dialect.quoteIdentifier(table->name))))
        return;
    while (query.next()) {
        if (query.value(2).toInt() == 0 && query.value(3).toString() == QLatin1String("c") && query.value(4).toInt() == 0)
            names << query.value(1).toString();
    }
    for (const QString &name : std::as_const(names)) {
        // Key columns with cid -2 are expressions, which could fail on a row when built again.
        bool plain = query.exec(QStringLiteral("PRAGMA index_xinfo(%1)").arg(dialect.quoteIdentifier(name)));
        while (plain && query.next()) {
            if (query.value(5).toInt() == 1 && query.value(1).toInt() == -2)
                plain = false;
        }
        query.prepare(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?"));
        query.addBindValue(name);
        if (plain && query.exec() && query.next() && !query.value(0).isNull())
            deferred.push_back({name, query.value(0).toString()});
    }
}

Result<void> CsvImporter::Private::beginBatch()
{
    if (!inTransaction) {
        if (Result<void> begun = exec(sqlite() ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN")); !begun)
            return begun;
        inTransaction = true;
        transactionTimer.start();
        for (const DeferredIndex &index : deferred) {
            Result<void> dropped = exec(QStringLiteral("DROP INDEX ") + database.dialect().quoteIdentifier(index.name));
            if (!dropped) {
                (void)exec(QStringLiteral("ROLLBACK"));
                inTransaction = false;
                return dropped;
            }
        }
    }
    Result<void> saved = exec(QStringLiteral("SAVEPOINT ") + s_batchSavepoint);
    inBatch = bool(saved);
    now = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
    if (!stamped.empty())
        clearStatements(); // they hold the previous batch's time
    return saved;
}

Result<void> CsvImporter::Private::releaseBatch()
{
    inBatch = false;
    return exec(QStringLiteral("RELEASE SAVEPOINT ") + s_batchSavepoint);
}

void CsvImporter::Private::rollbackBatch()
{
    if (!inBatch)
        return;
    inBatch = false;
    (void)exec(QStringLiteral("ROLLBACK TO SAVEPOINT ") + s_batchSavepoint);
    (void)exec(QStringLiteral("RELEASE SAVEPOINT ") + s_batchSavepoint);
}

bool CsvImporter::Private::commitDue() const
{
    return inTransaction && deferred.empty() && transactionTimer.elapsed() >= s_commitEveryMs;
}

Result<void> CsvImporter::Private::commitTransaction()
{
    if (!inTransaction)
        return {};
    inTransaction = false;
    Result<void> done;
    for (const DeferredIndex &index : deferred) {
        done = exec(index.sql);
        if (!done)
            break;
    }
    deferred.clear(); // built again, or (rolled back) never dropped
    if (done)
        done = exec(QStringLiteral("COMMIT"));
    if (!done)
        (void)exec(QStringLiteral("ROLLBACK"));
    return done;
}

} // namespace Runtime
