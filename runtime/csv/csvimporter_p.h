// SPDX-License-Identifier: GPL-3.0-or-later
// CsvImporter::Private: the import's connection, prepared INSERTs and transactions (private).
#pragma once

#include "csvimporter.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSqlQuery>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

struct sqlite3;
struct sqlite3_stmt;

namespace Runtime {

/** A converted row waiting to be inserted with the rows next to it. */
struct CsvPendingRow
{
    qint64 line = 0;
    QStringList record;
    QVariantList values; ///< one per CSV column, null for an ignored column or a missing value
    QByteArray packed;   ///< SQLite: the values packed by csvPackSqliteValues()
};

/** Packs \a values for SQLite's C API into \a out: first one '1' or '0' per value (present or missing),
    then each present value as a type byte and its bytes, typed as the Qt SQLite driver binds a QVariant
    (booleans and integers as integers, doubles, byte arrays as blobs, anything else as UTF-8 text). Done
    while converting, on the feed's thread, so that the inserting thread only copies bytes. */
void csvPackSqliteValues(const QVariantList &values, QByteArray &out);

/** A record read and converted ahead of the inserts, with the problems found (empty: valid). */
struct CsvConvertedRow
{
    qint64 line = 0;
    QStringList record;
    QVariantList values;
    QList<CsvRowProblem> problems;
    QByteArray packed; ///< SQLite, valid rows: the values packed by csvPackSqliteValues()
};

/** Reads and converts the records of an import on a thread of its own, in chunks through a short bounded
    queue, while the import's thread inserts the rows before them: on SQLite parsing and converting cost
    about a third of an import. The reader and the converter belong to the feed's thread until finish()
    (or the destructor) has returned. Without a thread to be had, next() reads on the caller's thread. */
class CsvRowFeed
{
public:
    /** Rows in file order; after the last of the input, end is set (and error, for malformed CSV). */
    struct Chunk
    {
        std::vector<CsvConvertedRow> rows;
        qint64 bytesRead = 0; ///< the reader's position after the chunk
        bool end = false;
        std::optional<Error> error;
    };

    /** \a expected: the number of columns each record must have; -1: the first record's. \a pack: pack
        the values of valid rows for SQLite. \a threaded: read on a thread of the feed's own (the reader's
        device must allow that: a file or a buffer, not a socket); otherwise next() reads. */
    CsvRowFeed(CsvReader &reader, CsvRowConverter &converter, qsizetype expected, bool pack, bool threaded);
    ~CsvRowFeed();

    /** Waits for the next chunk. Not to be called after one with end set or after finish(). */
    void next(Chunk &chunk);
    /** Takes the rows of \a rows (inserted) to free them on the feed's thread: freeing what another
        thread allocated was a sixth of the inserting thread's time. Leaves \a rows empty. */
    void recycle(std::vector<CsvPendingRow> &rows);
    /** Stops reading and waits for the thread. Returns the rows read but not taken with next(), in file
        order; the reader then continues after them. */
    std::vector<CsvConvertedRow> finish();

private:
    void fill(Chunk &chunk);
    void produce();

    CsvReader &m_reader;
    CsvRowConverter &m_converter;
    qsizetype m_expected;
    bool m_pack;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Chunk> m_queue;
    std::vector<CsvPendingRow> m_spent; ///< rows to free on the feed's thread
    bool m_stop = false;
};

/** Finalizes a statement prepared with SQLite's C API. */
struct CsvSqliteFinalizer
{
    void operator()(sqlite3_stmt *statement) const;
};
using CsvSqliteStatement = std::unique_ptr<sqlite3_stmt, CsvSqliteFinalizer>;

/** The database side of an import: the transactions and the INSERT statements, one per set of present
    columns and number of rows (several rows per statement saves SQLite and Qt per-statement work).
    Each batch is a savepoint inside a transaction that is committed about once a second (so that the
    runtime's writer never waits long) or, in a bulk import, once at the end. A bulk import on SQLite (at
    least s_bulkRows rows expected, and as many as the table holds) sets the table's plain indexes aside
    in that transaction and builds them again before its commit: inserting a million rows into a
    B-tree ordered by some other column rewrites most of its pages at every commit, while building it
    afterwards is one sort. Readers see the old table, indexes included, until the commit.
    On SQLite the INSERTs go through SQLite's C API on the connection's own handle: QtSql's binding (a
    placeholder name formatted and hashed per value) cost more than SQLite's own work.
    Used on the thread of its Database. */
struct CsvImporter::Private
{
    /** A non-unique index set aside during a bulk import: its name and its CREATE INDEX statement. */
    struct DeferredIndex
    {
        QString name;
        QString sql;
    };

    static constexpr qint64 s_bulkRows = 50000;
    static constexpr qint64 s_commitEveryMs = 1000;

    std::shared_ptr<const Project> project;
    Database &database;
    const Table *table = nullptr;
    std::vector<const Field *> targets; ///< the field of each CSV column (nullptr: ignored)
    std::vector<const Field *> stamped; ///< autoTimestamp fields, set to the batch's time
    QHash<QByteArray, QSqlQuery> statements;     ///< PostgreSQL
    std::map<QByteArray, CsvSqliteStatement> sqliteStatements; ///< SQLite
    sqlite3 *handle = nullptr; ///< the SQLite connection's handle, owned by the QSqlDatabase
    QString now;
    bool inTransaction = false;
    bool inBatch = false;
    QElapsedTimer transactionTimer;
    std::vector<DeferredIndex> deferred; ///< a bulk import's indexes, dropped in its transaction

    Private(std::shared_ptr<const Project> p, Database &db) : project(std::move(p)), database(db) {}

    bool sqlite() const;
    /** Drops the prepared statements (they hold the batch's time and the table). */
    void clearStatements();
    /** Returns how many rows of \a mask's columns go into one statement. */
    int rowsPerStatement(const QByteArray &mask) const;
    /** Returns which values of \a values are present ('1') or missing ('0'). */
    static QByteArray maskOf(const QVariantList &values);

    /** Gets ready to import into table with \a converter's columns: finds the timestamped fields,
        drops old statements, takes SQLite's own handle and enlarges SQLite's page cache. */
    void prepareRun(const CsvRowConverter &converter);
    /** Drops the statements; on SQLite writes the WAL out and restores the connection's settings. */
    void finishRun();

    Result<void> exec(const QString &sql);
    /** Decides whether the import is a bulk import: on SQLite, about \a expectedRows (at least
        s_bulkRows) into a table that holds no more. Then lists the table's plain indexes (not unique, not
        partial, no expressions: building them again cannot fail on the data) to set aside. */
    void planBulk(qint64 expectedRows);
    /** Opens a batch: a savepoint, in a new transaction if none is open (which drops the indexes set
        aside). IMMEDIATE takes SQLite's write lock at once, waiting (busy timeout) for the runtime's
        writer. */
    Result<void> beginBatch();
    /** Keeps the batch's rows in the transaction. */
    Result<void> releaseBatch();
    /** Undoes the open batch, if any, and nothing before it. */
    void rollbackBatch();
    /** Returns whether the transaction has been open long enough to commit (never in a bulk import). */
    bool commitDue() const;
    /** Builds the indexes set aside and commits; on failure rolls everything since the last commit back. */
    Result<void> commitTransaction();

    /** Inserts \a rows (all of \a mask) with one statement. Returns false, having written nothing, when
        the database refused a row; an error when the database failed. */
    Result<bool> insertMany(const std::vector<CsvPendingRow> &rows, const QByteArray &mask);
    /** Inserts one row; returns why the database refused it (empty when written), or an error when the
        database failed. */
    Result<QList<CsvRowProblem>> insertOne(const CsvPendingRow &row);

private:
    QString insertSql(const QByteArray &mask, int rows) const;
    Result<QSqlQuery *> statement(const QByteArray &mask, int rows);
    Result<sqlite3_stmt *> sqliteStatement(const QByteArray &mask, int rows);
    /** Binds the values in \a packed (see csvPackSqliteValues()) from parameter \a index on; returns false
        if SQLite refused one. The bytes must stay until the statement has run. */
    bool bindSqlite(sqlite3_stmt *statement, int &index, const QByteArray &packed) const;
    /** Runs \a statement; returns false, with \a error set, when SQLite refused it. */
    bool stepSqlite(sqlite3_stmt *statement, QSqlError &error, QString &sql) const;
    /** Returns the error for a value SQLite could not bind (out of memory, too big). */
    Error sqliteFailure() const;
    void bind(QSqlQuery &query, int &index, const QVariantList &values) const;
    Result<bool> run(QSqlQuery &query);
    QList<CsvRowProblem> foreignKeyProblems(const QVariantList &values);
    QList<CsvRowProblem> rowProblems(const QSqlError &error, const QString &sql, const QVariantList &values);
};

} // namespace Runtime
