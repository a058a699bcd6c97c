// SPDX-License-Identifier: GPL-3.0-or-later
// CsvImporter::run: reads, converts and inserts the records of a CSV file batch by batch.
#include "csvimporter_p.h"

#include "csv/csvwriter.h"
#include "storage/database.h"
#include "storage/recordchange.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDriver>

#include <iterator>

namespace Runtime {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CsvImporter)
};

constexpr qint64 s_progressEvery = 1000;

// Returns about how many rows a file of \a total bytes holds, judging by its first \a chunk (0: unknown).
qint64 expectedRows(const CsvRowFeed::Chunk &chunk, qint64 total)
{
    if (chunk.end)
        return qint64(chunk.rows.size());
    return total > 0 && chunk.bytesRead > 0 ? qint64(double(chunk.rows.size()) * double(total) / double(chunk.bytesRead)) : 0;
}

// Returns the key under which \a problem is counted: the field and the reason without the value.
QString reasonKey(const CsvRowProblem &problem)
{
    const bool generic = problem.code == ErrorCode::InvalidValue || problem.code == ErrorCode::UniqueViolation
        || problem.code == ErrorCode::ForeignKeyViolation;
    CsvRowProblem shown = problem;
    if (generic)
        shown.message = QString::fromLatin1(errorCodeMessage(problem.code));
    return shown.toString();
}

/** A CSV file written row by row, opened on the first row. */
struct CsvOutput
{
    QString path;
    QStringList header;
    std::unique_ptr<QFile> file;
    std::unique_ptr<CsvWriter> writer;

    Result<void> write(const QStringList &row)
    {
        if (!file) {
            file = std::make_unique<QFile>(path);
            if (!file->open(QIODevice::WriteOnly | QIODevice::Truncate))
                return Error(ErrorCode::FileWriteFailed,
                    Text::tr("Could not write %1: %2").arg(path, file->errorString()));
            writer = std::make_unique<CsvWriter>(file.get());
            if (!header.isEmpty())
                writer->writeRow(header);
        }
        writer->writeRow(row);
        if (!writer->ok())
            return Error(ErrorCode::FileWriteFailed, Text::tr("Could not write %1: %2").arg(path, file->errorString()));
        return {};
    }
};
} // namespace

/** The state of one run: the report so far, the open batch and transaction, and the output files. */
struct CsvImporter::RunState
{
    const CsvImportOptions &options;
    CsvReader &reader;
    QIODevice *device;
    CsvImportReport report;
    CsvOutput rejectedOut;
    CsvOutput notImportedOut;
    std::vector<std::pair<qint64, QStringList>> batchRecords; ///< kept for the rows-not-imported file
    QList<CsvRejectedRow> batchRejected;
    qint64 batchFirstLine = 0;
    qint64 batchImported = 0;
    qint64 batchRows = 0;
    qint64 done = 0;
    qint64 uncommitted = 0;          ///< rows of the batches released since the last commit
    qint64 transactionFirstLine = 0; ///< the first line of the open transaction
    qint64 lostFromLine = 0;         ///< a commit failed: nothing from this line on was imported
    const Progress *progress = nullptr;
    qint64 total = 0; ///< the device's size, 0 when unknown (sequential)
    std::vector<CsvPendingRow> pending; ///< valid rows not inserted yet, all with pendingMask
    CsvRowFeed *feed = nullptr;         ///< where inserted rows go to be freed
    bool readAhead = false;             ///< the device may be read on the feed's thread
    QByteArray pendingMask;

    /** Stores \a row (converted), beginning and ending batches as needed. */
    Result<void> take(Private &d, CsvConvertedRow &&row);
    /** Inserts what is pending, releases the batch, moves it into the report and commits when due. */
    Result<void> endBatch(Private &d);
    /** Announces \a rows imported by a commit on options.changeFeed (one bulk change). */
    void announce(qint64 rows) const;
    /** Commits the open transaction and counts its rows as imported. */
    Result<void> commit(Private &d);
    /** Inserts the pending rows: together, or one by one when the database refuses one of them. */
    Result<void> insertPending(Private &d);
    /** Moves the released batch into the report (its rows as uncommitted) and the rejected rows into
        their file. */
    Result<void> flush();
    /** Writes the rows of the stopped batch, \a unread (read ahead, not taken) and the rest of the file
        to the rows-not-imported file; after a failed commit, every row from lostFromLine on. */
    void writeNotImported(const std::vector<CsvConvertedRow> &unread);
    /** Reads the device again from its start and writes the records from lostFromLine on. */
    void writeLostRows();
    /** Writes \a values to the rows-not-imported file (opened on the first) and counts them. */
    bool writeNotImportedRow(const QStringList &values);
};

Result<void> CsvImporter::RunState::insertPending(Private &d)
{
    if (pending.empty())
        return {};
    Result<bool> together = d.insertMany(pending, pendingMask);
    if (!together)
        return together.error();
    if (*together) {
        batchImported += qint64(pending.size());
    } else {
        for (CsvPendingRow &row : pending) {
            Result<QList<CsvRowProblem>> problems = d.insertOne(row);
            if (!problems)
                return problems.error();
            if (problems->isEmpty())
                ++batchImported;
            else
                batchRejected << CsvRejectedRow {row.line, std::move(row.record), std::move(problems).value()};
        }
    }
    if (feed)
        feed->recycle(pending);
    pending.clear();
    return {};
}

Result<void> CsvImporter::RunState::flush()
{
    uncommitted += batchImported;
    for (CsvRejectedRow &row : batchRejected) {
        ++report.rejected;
        for (const CsvRowProblem &problem : row.problems)
            ++report.rejectedByReason[reasonKey(problem)];
        if (!options.rejectedRowsPath.isEmpty()) {
            rejectedOut.path = options.rejectedRowsPath;
            if (options.headerRow && rejectedOut.header.isEmpty())
                rejectedOut.header = QStringList(report.header) << QStringLiteral("basalt_error");
            QStringList values = row.values;
            while (values.size() < report.header.size())
                values << QString();
            if (Result<void> written = rejectedOut.write(values << row.reason()); !written)
                return written;
            report.rejectedRowsPath = rejectedOut.path;
        }
        if (report.rejectedRows.size() < CsvImportReport::s_keptRejectedRows)
            report.rejectedRows << std::move(row);
    }
    batchRecords.clear();
    batchRejected.clear();
    batchImported = 0;
    batchRows = 0;
    batchFirstLine = 0;
    return {};
}

void CsvImporter::RunState::writeNotImported(const std::vector<CsvConvertedRow> &unread)
{
    if (lostFromLine > 0) {
        report.notImportedFromLine = lostFromLine;
        writeLostRows();
        return;
    }
    QStringList record;
    const bool more = !reader.hasError() && reader.readRecord(record);
    report.notImportedFromLine = batchFirstLine > 0 ? batchFirstLine
        : !unread.empty()                        ? unread.front().line
        : more                                   ? reader.recordLine()
                                                 : 0;
    if (options.notImportedRowsPath.isEmpty() || report.notImportedFromLine == 0)
        return;
    for (const auto &[line, values] : batchRecords) {
        if (!writeNotImportedRow(values))
            return;
    }
    for (const CsvConvertedRow &row : unread) {
        if (!writeNotImportedRow(row.record))
            return;
    }
    for (bool ok = more; ok; ok = reader.readRecord(record)) {
        if (!writeNotImportedRow(record))
            return;
    }
    report.notImportedRowsPath = notImportedOut.path;
}

bool CsvImporter::RunState::writeNotImportedRow(const QStringList &values)
{
    if (notImportedOut.path.isEmpty()) {
        notImportedOut.path = options.notImportedRowsPath;
        notImportedOut.header = options.headerRow ? report.header : QStringList();
    }
    if (!notImportedOut.write(values))
        return false;
    ++report.notImportedRows;
    return true;
}

void CsvImporter::RunState::writeLostRows()
{
    // A file or a buffer (the devices read ahead) is read again, in the same format; a socket cannot be.
    if (options.notImportedRowsPath.isEmpty() || !readAhead || !device->seek(0))
        return;
    CsvReader again(device, options.format);
    QStringList record;
    if (options.headerRow && !again.readRecord(record))
        return;
    while (again.readRecord(record)) {
        if (again.recordLine() >= lostFromLine && !writeNotImportedRow(record))
            return;
    }
    report.notImportedRowsPath = notImportedOut.path;
}

Result<CsvImportReport> CsvImporter::run(QIODevice *device, const CsvImportOptions &options,
    const std::atomic_bool *cancel, const Progress &progress)
{
    QElapsedTimer timer;
    timer.start();
    d->table = d->project->tableByName(options.tableName);
    if (!d->table)
        return Error(ErrorCode::UnknownTable, Text::tr("The project has no table \"%1\".").arg(options.tableName));
    CsvRowConverter converter(*d->table, options.columnFields);
    if (std::optional<Error> wrong = converter.mappingError())
        return *wrong;
    if (!device || !device->isReadable())
        return Error(ErrorCode::FileReadFailed, Text::tr("The CSV file is not open for reading."));
    d->prepareRun(converter);
    CsvReader reader(device, options.format);
    RunState s {options, reader, device, {}, {}, {}, {}, {}};
    s.progress = &progress;
    QStringList record;
    if (options.headerRow) {
        if (!reader.readRecord(record)) {
            if (reader.hasError())
                return reader.error();
            return s.report; // an empty file
        }
        s.report.header = record;
    }
    s.total = device->isSequential() ? 0 : device->size();
    // Files and buffers can be read on another thread; a socket or a process belongs to its own.
    s.readAhead = qobject_cast<QFileDevice *>(device) || qobject_cast<QBuffer *>(device);
    importRecords(s, converter, cancel);
    d->finishRun();
    s.report.seconds = double(timer.nsecsElapsed()) / 1e9;
    if (progress)
        progress(s.done, reader.bytesRead(), s.total, CsvImportStage::Importing);
    return s.report;
}

Result<void> CsvImporter::RunState::take(Private &d, CsvConvertedRow &&row)
{
    Result<void> begun;
    if (!d.inBatch) {
        if (!d.inTransaction)
            transactionFirstLine = row.line;
        begun = d.beginBatch();
        batchFirstLine = row.line;
    }
    if (!options.notImportedRowsPath.isEmpty())
        batchRecords.emplace_back(row.line, row.record);
    if (!begun)
        return begun;
    Result<void> stored;
    if (row.problems.isEmpty()) {
        // The mask heads the packed values (SQLite); a raw view of it, copied only when it changes.
        const QByteArray mask = row.packed.isEmpty()
            ? Private::maskOf(row.values)
            : QByteArray::fromRawData(row.packed.constData(), row.values.size());
        if (mask != pendingMask || qsizetype(pending.size()) >= d.rowsPerStatement(mask))
            stored = insertPending(d);
        if (mask != pendingMask)
            pendingMask = QByteArray(mask.constData(), mask.size());
        pending.push_back({row.line, std::move(row.record), std::move(row.values), std::move(row.packed)});
    } else {
        stored = insertPending(d); // keeps the rejected rows in file order
        batchRejected << CsvRejectedRow {row.line, std::move(row.record), std::move(row.problems)};
    }
    if (!stored)
        return stored;
    ++done;
    return ++batchRows >= options.batchSize ? endBatch(d) : Result<void>();
}

Result<void> CsvImporter::RunState::endBatch(Private &d)
{
    Result<void> ended = insertPending(d);
    if (ended)
        ended = d.releaseBatch();
    if (ended)
        ended = flush();
    if (ended && d.commitDue())
        ended = commit(d);
    return ended;
}

Result<void> CsvImporter::RunState::commit(Private &d)
{
    if (!d.inTransaction)
        return {};
    if (!d.deferred.empty() && progress && *progress)
        (*progress)(done, reader.bytesRead(), total, CsvImportStage::BuildingIndexes);
    Result<void> committed = d.commitTransaction();
    if (committed) {
        report.imported += uncommitted;
        announce(uncommitted);
    } else
        lostFromLine = transactionFirstLine;
    uncommitted = 0;
    return committed;
}

void CsvImporter::RunState::announce(qint64 rows) const
{
    if (!options.changeFeed || rows <= 0)
        return;
    RecordChange change;
    change.table = options.tableName;
    change.operation = RecordOperation::Insert;
    change.caller = options.caller;
    change.rowCount = rows;
    change.bulk = true;
    change.committedAt = QDateTime::currentDateTimeUtc();
    options.changeFeed->publish({change});
}

void CsvImporter::importRecords(RunState &s, CsvRowConverter &converter, const std::atomic_bool *cancel)
{
    const Progress &progress = *s.progress;
    qsizetype expected = s.options.headerRow ? s.report.header.size() : -1;
    CsvRowFeed feed(s.reader, converter, expected, d->handle != nullptr, s.readAhead);
    s.feed = &feed;
    CsvRowFeed::Chunk chunk;
    std::vector<CsvConvertedRow> unread;
    for (bool more = true, first = true; more; first = false) {
        feed.next(chunk);
        if (first) {
            d->planBulk(expectedRows(chunk, s.total));
            s.report.bulk = !d->deferred.empty();
        }
        size_t i = 0;
        for (; i < chunk.rows.size(); ++i) {
            if (cancel && cancel->load(std::memory_order_relaxed)) {
                s.report.cancelled = true;
                break;
            }
            if (expected < 0) {
                expected = chunk.rows[i].record.size();
                for (qsizetype c = 0; c < expected; ++c)
                    s.report.header << QStringLiteral("column %1").arg(c + 1);
            }
            if (Result<void> taken = s.take(*d, std::move(chunk.rows[i])); !taken) {
                s.report.error = taken.error();
                ++i; // the row is in the stopped batch
                break;
            }
            if (progress && s.done % s_progressEvery == 0)
                progress(s.done, chunk.bytesRead, s.total, CsvImportStage::Importing);
        }
        if (s.report.cancelled || s.report.error) {
            std::move(chunk.rows.begin() + qsizetype(i), chunk.rows.end(), std::back_inserter(unread));
            break;
        }
        if (chunk.end) {
            Result<void> ended;
            if (chunk.error)
                ended = *chunk.error;
            else if (d->inBatch)
                ended = s.endBatch(*d);
            if (ended)
                ended = s.commit(*d);
            if (!ended)
                s.report.error = ended.error();
            more = false;
        }
    }
    std::vector<CsvConvertedRow> ahead = feed.finish();
    s.feed = nullptr;
    std::move(ahead.begin(), ahead.end(), std::back_inserter(unread));
    if (s.report.cancelled || s.report.error) {
        d->rollbackBatch();
        s.pending.clear();
        if (Result<void> kept = s.commit(*d); !kept && !s.report.error) // the batches before the stop
            s.report.error = kept.error();
        s.writeNotImported(unread);
    }
}

} // namespace Runtime
