// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore::Private: the connection, statement cache and access checks behind a RecordStore (private).
#pragma once

#include "afterwritehook.h"
#include "beforewritehook.h"
#include "database.h"
#include "dberrors.h"
#include "fieldchecks.h"
#include "recordchange.h"
#include "recordaccess.h"
#include "recordstore.h"
#include "selectbuilder.h"
#include "viewrelationships.h"
#include "writebuilder.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <functional>
#include <memory>
#include <vector>

namespace Runtime {

struct WriteRow;

/** The state of one RecordStore and its read and write flows. Reads live in recordstore.cpp, the write
    flows (insert, update, remove, transactions) in recordwrites.cpp. */
struct RecordStore::Private
{
    std::shared_ptr<const Project> project; ///< with its views as tables (withViewTables())
    std::vector<Relationship> viewRelationships; ///< built here, once: embeds never derive them per request
    Database &database;
    FieldChecks checks;
    QHash<QString, QSqlQuery> statements; ///< prepared once per SQL text
    QStringList *statementLog = nullptr; ///< see RecordStore::setStatementLog()
    StarCache starColumns;
    RecordAccess access;

    Private(std::shared_ptr<const Project> p, Database &db)
        : project(p)
        , viewRelationships(p ? Runtime::viewRelationships(*p) : std::vector<Relationship>())
        , database(db)
        , access(std::move(p), viewRelationships, db.dialect(),
              [this](const SqlStatement &s, const Table &t) { return countRows(s, t); })
    {
    }

    const SqlDialect &dialect() const { return database.dialect(); }
    /** Begins a write transaction. On SQLite it takes the write lock at once (BEGIN IMMEDIATE), waiting out
        another connection's short write (the trigger queue's, a CSV import's) with the busy timeout: a
        deferred transaction that reads first fails at once when another connection wrote meanwhile. */
    Result<void> beginWrite()
    {
        QSqlQuery begin(database.connection());
        if (database.engine() == DatabaseEngine::SQLite ? begin.exec(QStringLiteral("BEGIN IMMEDIATE"))
                                                        : database.connection().transaction())
            return {};
        // SQLite's busy error (another connection kept the lock past the busy timeout) is DatabaseBusy.
        const QSqlError why = begin.lastError().isValid() ? begin.lastError() : database.connection().lastError();
        return connectionError(why, database.engine(), why.text());
    }
    /** Returns the table (or view, as a table) \a name; \a forWrite refuses a view (MethodNotAllowed). */
    Result<const Table *> table(const QString &name, bool forWrite = false) const;
    Result<QSqlQuery *> execute(const SqlStatement &statement, const Table &table, WriteKind kind,
        const QHash<QString, QVariant> &values = {});
    Result<QVariantList> executeKeys(const SqlStatement &statement, const Table &table, WriteKind kind,
        const QHash<QString, QVariant> &values = {});
    Result<RecordResult> read(const Table &table, const ApiQuery &query, ResultFormat format, const QVariantList *keys);
    Result<QByteArray> readKeys(const SelectPlan &plan, const Table &table, ResultFormat format, const QVariantList &keys);
    Result<RecordResult> finishWrite(const Table &table, const ApiQuery &query, const QVariantList &keys,
        const WriteOptions &options, ResultFormat format);
    Result<void> syncKeys(const Table &table, const std::vector<WriteRow> &rows);
    /** Runs \a work in a transaction (a savepoint inside a batch) and commits it, unless it fails, writes
        more rows than options.maxAffected or options.rollback asks to keep nothing. */
    Result<RecordResult> inTransaction(const WriteOptions &options, const std::function<Result<RecordResult>()> &work);
    Result<RecordResult> inSavepoint(const WriteOptions &options, const std::function<Result<RecordResult>()> &work);
    Result<qint64> countRows(const SqlStatement &statement, const Table &table);
    /** Returns the total of count=exact|planned|estimated for \a plan (see read()). */
    Result<qint64> totalCount(const SelectPlan &plan, const Table &table, Preferences::Count kind);
    /** Returns PostgreSQL's estimate of the rows \a statement gives (EXPLAIN), or nothing if it has none. */
    std::optional<qint64> plannedRows(const SqlStatement &statement);
    Result<RecordResult> insert(const ApiQuery &query, const QByteArray &body, const WriteOptions &options,
        ResultFormat format);
    Result<RecordResult> update(const ApiQuery &query, const QByteArray &body, const WriteOptions &options,
        ResultFormat format);
    Result<RecordResult> remove(const ApiQuery &query, const WriteOptions &options, ResultFormat format);
    bool batchOpen = false;
    /** Writes whose transaction is open: a before trigger's `db` writes inside its write's transaction,
        in a savepoint, and reads there in one too (on PostgreSQL a failed statement would abort it). */
    int openWrites = 0;
    int calls = 0; ///< public calls in progress: more than one while a before trigger's `db` runs

    // Change events (recordchanges.cpp): the writes of the open transaction, published after its commit.
    using WholeRows = QHash<QString, QJsonObject>; ///< whole rows by their key's text
    ChangeFeed *feed = nullptr;
    QList<RecordChange> staged;
    /** Returns whether writes collect their rows: for the feed (someone listens) or the after hook. */
    bool observed() const { return afterHook || (feed && feed->isObserved()); }
    /** Adds the rows of \a table matching \a condition to \a out (every field, hidden ones too); \a lock:
        locked for the write that follows (PostgreSQL's FOR UPDATE). */
    Result<void> readWholeRows(const Table &table, const QString &condition, const QVariantList &params, bool lock,
        WholeRows &out);
    /** Adds the rows of \a table with the keys \a keys to \a out. */
    Result<void> readWholeRows(const Table &table, const QVariantList &keys, WholeRows &out);
    /** Stages one change per key of \a keys, with its row \a before and \a after the write. */
    void stage(const Table &table, RecordOperation operation, const QVariantList &keys, const WholeRows &before,
        const WholeRows &after);
    /** Forgets the changes staged since \a mark (a rolled-back savepoint's). */
    void dropStagedFrom(qsizetype mark);
    /** Publishes the staged changes (after a successful commit) and clears them. */
    void publishStaged();
    /** Gives the staged changes to the after hook, before the commit. */
    Result<void> recordStaged() { return afterHook && !staged.isEmpty() ? afterHook->record(database, staged) : Result<void>(); }
    AfterWriteHook *afterHook = nullptr;

    // Before triggers (recordtriggers.cpp).
    BeforeWriteHook *beforeHook = nullptr;
    /** Returns whether writes of \a operation on \a table run a before trigger. */
    bool triggered(const Table &table, RecordOperation operation) const
    {
        return beforeHook && beforeHook->covers(table.name, operation);
    }
    /** Runs the before-insert trigger on each of \a objects and returns the rows they write then, checked
        as the body's rows are (\a rules without `columns=`: the objects hold what they write). */
    Result<std::vector<WriteRow>> beforeInsert(const Table &table, WriteBuilder &builder,
        std::vector<QJsonObject> objects, const WriteBuilder::BodyRules &rules);
    /** Updates the rows \a before (locked, whole) one by one with \a patch, each as its before-update
        trigger leaves it; adds the rows written to \a written. Returns the keys updated. */
    Result<QVariantList> updateEach(const Table &table, WriteBuilder &builder, const QJsonObject &patch,
        const WholeRows &before, const QString &now, std::vector<WriteRow> &written);
    /** Runs the before-delete trigger on each row of \a before. */
    Result<void> beforeDelete(const Table &table, const WholeRows &before);
};

} // namespace Runtime
