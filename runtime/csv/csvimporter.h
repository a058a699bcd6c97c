// SPDX-License-Identifier: GPL-3.0-or-later
// CsvImporter: imports CSV records into one table, validated row by row, in batches of transactions.
#pragma once

#include "auth/caller.h"
#include "core/result.h"
#include "csv/csvreader.h"
#include "model/project.h"
#include "storage/fieldchecks.h"

#include <QMap>
#include <QStringList>
#include <QVariant>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QIODevice;

namespace Runtime {

class ChangeFeed;
class Database;

/** What to import and how. */
struct CsvImportOptions
{
    QString tableName;
    CsvFormat format;
    bool headerRow = true; ///< the first record names the columns and is not imported
    /** The field each CSV column goes into, by column index; an empty name (or a column past the end)
        is ignored. Fields no column maps to get their defaults. */
    QStringList columnFields;
    int batchSize = 10000; ///< records per batch (a savepoint: a batch is imported whole or not at all)
    /** Where the rejected rows are written as CSV (original columns plus "basalt_error"); empty: not
        written. The file is written only if a row was rejected. */
    QString rejectedRowsPath;
    /** Where the rows not imported after a cancel or a failure are written (original columns); empty:
        not written. */
    QString notImportedRowsPath;
    /** Where each commit's rows are announced, as one bulk RecordChange (the running server's feed, so
        that triggers and realtime see imports); nullptr: nowhere. Must outlive the import. */
    ChangeFeed *changeFeed = nullptr;
    Caller caller = Caller::service(); ///< who imports, as the announced changes name them
};

/** Why a row was refused: the CSV column (-1 if none), the field (may be empty), the API's error code
    and its reason, e.g. "must be at least 0". */
struct CsvRowProblem
{
    int column = -1;
    QString field;
    ErrorCode code = ErrorCode::InvalidValue;
    QString message;

    /** Returns "field: message" (or the message alone when no field is named). */
    QString toString() const;
};

/** A rejected row: its line in the file, its values and its problems. */
struct CsvRejectedRow
{
    qint64 line = 0;
    QStringList values;
    QList<CsvRowProblem> problems;

    /** Returns the problems joined by "; ", as written into the "basalt_error" column. */
    QString reason() const;
};

/** The outcome of an import. A cancelled or failed import keeps the batches before it and nothing of the
    batch it stopped in (unless committing those failed too: then nothing since the last commit). */
struct CsvImportReport
{
    qint64 imported = 0;
    qint64 rejected = 0;
    /** The first rejected rows (at most s_keptRejectedRows), in file order. */
    QList<CsvRejectedRow> rejectedRows;
    /** How many rows were rejected for each reason ("field: message" without the value). */
    QMap<QString, qint64> rejectedByReason;
    QStringList header;     ///< the header record, or "column 1", "column 2", ... without one
    bool cancelled = false;
    std::optional<Error> error; ///< the failure that stopped the import (the database, malformed CSV)
    qint64 notImportedFromLine = 0; ///< the first line not imported after a cancel or failure; 0: none
    bool bulk = false; ///< the table's plain indexes were set aside and built again after the rows
    qint64 notImportedRows = 0;     ///< rows written to CsvImportOptions::notImportedRowsPath
    QString rejectedRowsPath;       ///< set when the rejected rows were written
    QString notImportedRowsPath;    ///< set when the rows not imported were written
    double seconds = 0;

    static constexpr int s_keptRejectedRows = 1000;
};

/** Converts CSV records into the values of an INSERT, with the data API's own conversions
    (ValueCodec::fromText) and validation (FieldChecks): a value the API would refuse is refused for the
    same reason. An empty cell is a missing value: the field's default, or NULL. Used by CsvImporter and
    by the import wizard's preview. */
class CsvRowConverter
{
public:
    /** \a table must outlive the converter. */
    CsvRowConverter(const Table &table, const QStringList &columnFields);

    /** Returns the problem with the mapping (an unknown field, a field mapped twice, an automatic field,
        a required field without default that no column fills), or nothing. */
    std::optional<Error> mappingError() const;

    /** The fields the columns map to, in column order (nullptr: ignored). */
    const std::vector<const Field *> &columnTargets() const { return m_targets; }

    /** Converts \a record: sets \a values (one per column of columnTargets(); a null QVariant for an
        ignored column or an empty cell) and returns the problems found (empty if the row is valid). */
    QList<CsvRowProblem> convert(const QStringList &record, QVariantList &values);

private:
    const Table &m_table;
    std::vector<const Field *> m_targets;
    QStringList m_columnFields;
    FieldChecks m_checks;
};

/** What an import is doing, for its progress. */
enum class CsvImportStage {
    Importing,       ///< reading, checking and inserting rows
    BuildingIndexes, ///< a bulk import builds the indexes it set aside, then commits
};

/** Imports the records of a CSV file into one table of a project through one Database connection (used on
    the thread that opened it: run it on a worker thread with its own connection while the runtime serves
    the same database). Records are read, converted and inserted in batches of CsvImportOptions::batchSize,
    each batch a savepoint in a transaction committed about once a second; a row the database refuses
    (unique, foreign key, not null, check) is rejected on its own and the batch goes on. Cancelling or a
    database failure rolls back the current batch and commits the ones before it. A bulk import on SQLite
    (50,000 rows or more into a table holding no more) runs in one transaction that sets the table's plain
    indexes aside and builds them again at the end (the runtime's writes to the database wait for it).
    Valid rows go in 100 at a time through prepared multi-row INSERTs (one per set of present columns);
    when the database refuses such a statement its rows are retried one by one to find the culprits. On
    PostgreSQL every statement runs in a savepoint; on SQLite the INSERTs go through SQLite's C API on the
    connection's own handle. Records are read and converted ahead on a second thread (see run()), so that
    parsing and converting overlap with the database's work. */
class CsvImporter
{
public:
    CsvImporter(std::shared_ptr<const Project> project, Database &database);
    ~CsvImporter();

    /** Called with the records done so far, the bytes read of \a bytesTotal (0 when unknown) and the stage. */
    using Progress = std::function<void(qint64 rowsDone, qint64 bytesRead, qint64 bytesTotal, CsvImportStage stage)>;

    /** Imports the records of \a device (open for reading). Returns the report, or an error when the
        import could not start (an unknown table, a bad mapping, a device that cannot be read). \a cancel,
        when set, is checked between rows. A file or buffer \a device is read on a thread of the
        importer's own until run() returns; any other device on the calling thread. */
    Result<CsvImportReport> run(QIODevice *device, const CsvImportOptions &options,
        const std::atomic_bool *cancel = nullptr, const Progress &progress = {});

    /** Opens \a databaseUrl and \a filePath on the calling thread and imports as run() does. */
    static Result<CsvImportReport> importFile(std::shared_ptr<const Project> project, const QString &databaseUrl,
        const QString &filePath, const CsvImportOptions &options, const std::atomic_bool *cancel = nullptr,
        const Progress &progress = {});

private:
    struct Private;
    struct RunState;
    void importRecords(RunState &state, CsvRowConverter &converter, const std::atomic_bool *cancel);

    std::unique_ptr<Private> d;
};

} // namespace Runtime
