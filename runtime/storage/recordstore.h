// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore: runs data-API reads and writes (an ApiQuery plus a body) against one database connection.
#pragma once

#include "auth/caller.h"
#include "core/result.h"
#include "model/project.h"
#include "query/apiquery.h"

#include <QByteArray>

#include <functional>
#include <memory>
#include <optional>

namespace Runtime {

class AfterWriteHook;
class BeforeWriteHook;
class ChangeFeed;
class Database;

/** How a result is written. */
enum class ResultFormat {
    JsonArray,    ///< `[{...}, ...]` (application/json)
    SingleObject, ///< `{...}`: exactly one row, else NotSingleObject (application/vnd.pgrst.object+json)
    Csv,          ///< header line + rows (text/csv)
};

/** The outcome of a read or of a write that returns rows. */
struct RecordResult
{
    QByteArray body;         ///< the rows in the requested format (empty for return=minimal)
    qint64 rowCount = 0;     ///< rows in body, or rows written
    qint64 offset = 0;       ///< where the rows start in the whole result (for Content-Range)
    std::optional<qint64> totalCount; ///< set only when the request asked for count=exact
    qint64 insertedCount = -1; ///< an upsert merging duplicates: the rows it inserted (not updated); else -1
    /** An insert of one row with return=headers-only: `<primary key>=eq.<value>` naming it (PostgREST's
        Location query); else empty. */
    QString location;
    /** Set when the caller asked for an explanation (Caller::explain): a compact JSON object saying, per
        table the request touched, which rules applied (Grant::rules), the SQL condition, how many rows the
        request's own filters matched and how many the rules let through, or why a write was refused. */
    QByteArray explain;
};

/** Options of a write. */
struct WriteOptions
{
    bool returnRows = false; ///< Prefer: return=representation
    bool rollback = false;   ///< Prefer: tx=rollback: answer as if written, keep nothing
    /** Prefer: handling=strict, max-affected=N: more rows written is TooManyAffected, nothing kept. */
    std::optional<qint64> maxAffected;
};

/** Reads and writes rows of the project's tables through one Database, in the project's terms:
    every identifier is checked against the model (never copied from the request into SQL), every
    value is a bound parameter, hidden fields are never returned, auto-managed fields cannot be set.

    Every call runs as a Caller and enforces the project's AccessPolicy in the SQL itself: a select rule
    filters rows (embedded ones too), an insert rule checks each new row, an update rule filters the rows
    it may touch and checks them after the change, a delete rule filters; no rule for the caller's roles is
    NotAuthenticated (anon) or PermissionDenied. A write whose new rows break a rule is rolled back whole.
    Non-service callers may not set read-only or hidden fields (ReadOnlyField naming the field) nor
    PATCH/DELETE without a filter (UnfilteredWrite); tenant-scoped inserts get organization_id from the
    caller's claim when the body leaves it out.
    Rows are serialised straight to JSON text in the model's column order (no QJsonObject on the hot
    path); embedded rows come back from the database as JSON. Used on one thread (its connection's). */
class RecordStore
{
public:
    RecordStore(std::shared_ptr<const Project> project, Database &database);
    ~RecordStore();

    /** GET: rows of query.table matching the query, embeds included. Returns UnknownTable,
        UnknownColumn, UnknownRelationship, AmbiguousRelationship, InvalidValue, NotSingleObject. */
    Result<RecordResult> read(const ApiQuery &query, ResultFormat format, const Caller &caller);

    /** POST: inserts one JSON object or an array of objects (all or nothing, one transaction), upserting
        when query.onConflict / query.prefer.resolution say so. \a body is the raw request body. */
    Result<RecordResult> insert(const ApiQuery &query, const QByteArray &body, const WriteOptions &options,
                                ResultFormat format, const Caller &caller);

    /** PATCH: sets the body's fields on the rows matching the query's filters. */
    Result<RecordResult> update(const ApiQuery &query, const QByteArray &body, const WriteOptions &options,
                                ResultFormat format, const Caller &caller);

    /** DELETE: deletes the rows matching the query's filters. */
    Result<RecordResult> remove(const ApiQuery &query, const WriteOptions &options, ResultFormat format,
                                const Caller &caller);

    /** Starts a group commit: until commitBatch(), each write runs in its own savepoint inside one
        transaction, so a failed write still leaves nothing behind while the others share one commit.
        A write's result is durable only once commitBatch() succeeds. */
    Result<void> beginBatch();
    /** Commits the batch begun by beginBatch(); on failure everything in it is rolled back. */
    Result<void> commitBatch();
    /** Rolls back the batch begun by beginBatch(). */
    void rollbackBatch();

    /** Runs \a work, which writes through this store (and may write other tables through database()), in
        one transaction, or in a savepoint of the batch already open: all of it is kept or none of it.
        Its changes are published when the outermost transaction commits. */
    Result<void> transaction(const std::function<Result<void>()> &work);

    /** Announces every committed write of this store on \a feed (see ChangeFeed); nullptr: none.
        \a feed must outlive the store. */
    void setChangeFeed(ChangeFeed *feed);

    /** Runs \a hook for each row this store writes, inside the write's transaction (before triggers);
        nullptr: none. \a hook must outlive the store and be used on its thread only. */
    void setBeforeWriteHook(BeforeWriteHook *hook);

    /** Gives \a hook each write's changes inside its transaction, before the commit (after triggers are
        queued there); nullptr: none. \a hook must outlive the store and be used on its thread only. */
    void setAfterWriteHook(AfterWriteHook *hook);

    /** Appends the SQL text of every statement this store runs on the project's tables to \a log until it is
        set to nullptr again (the designer's Run of a function shows what it ran). Not owned. */
    void setStatementLog(QStringList *log);

    /** Returns the connection this store writes through, for runtime services (the auth API) that write
        their own tables in the same transaction as a RecordStore write (beginBatch() ... commitBatch()). */
    Database &database();

    /** Returns the explanation of the last read or write (as RecordResult::explain), also when it failed;
        empty unless its caller asked for one (Caller::explain). */
    QByteArray lastExplain() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
    Result<RecordResult> readAs(const ApiQuery &query, ResultFormat format, const Caller &caller);
};

} // namespace Runtime
