// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore: runs data-API reads and writes (an ApiQuery plus a body) against one database connection.
#include "recordstore_p.h"

#include "rowwriter.h"
#include "sqldialect.h"
#include "sqlliterals.h"
#include "viewsql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>

#include <algorithm>

namespace Runtime {

namespace {
constexpr qsizetype s_maxCachedStatements = 256;

Error notSingleObject(qint64 rows)
{
    Error e(ErrorCode::NotSingleObject, QStringLiteral("Cannot coerce the result to a single JSON object"));
    e.problems << Problem {Problem::Severity::Error, {}, QStringLiteral("The result contains %1 rows").arg(rows)};
    return e;
}

const QueryLevel *rootLevel(const ApiQuery &query)
{
    for (const QueryLevel &l : query.levels) {
        if (l.embedPath.isEmpty())
            return &l;
    }
    return nullptr;
}
} // namespace

Result<const Table *> RecordStore::Private::table(const QString &name, bool forWrite) const
{
    if (forWrite && project->viewByName(name))
        return Error(ErrorCode::MethodNotAllowed,
            QStringLiteral("'public.%1' is a view: it is read-only, write to the tables it shows").arg(name));
    const Table *t = project->tableByName(name);
    if (!t)
        return Error(ErrorCode::UnknownTable,
            QStringLiteral("Could not find the table 'public.%1' in the schema cache").arg(name));
    return t;
}

Result<QSqlQuery *> RecordStore::Private::execute(const SqlStatement &statement, const Table &table,
    WriteKind kind, const QHash<QString, QVariant> &values)
{
    auto it = statements.find(statement.sql);
    if (it == statements.end()) {
        if (statements.size() >= s_maxCachedStatements)
            statements.clear();
        QSqlQuery query(database.connection());
        query.setForwardOnly(true);
        if (!query.prepare(statement.sql))
            return translateDatabaseError(query.lastError(), statement.sql, *project, table, dialect(), kind, values);
        it = statements.insert(statement.sql, query);
    }
    QSqlQuery &query = *it;
    if (statementLog)
        statementLog->append(statement.sql);
    for (qsizetype i = 0; i < statement.params.size(); ++i)
        query.bindValue(int(i), statement.params.at(i));
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        query.finish();
        return translateDatabaseError(error, statement.sql, *project, table, dialect(), kind, values);
    }
    return &query;
}

Result<QVariantList> RecordStore::Private::executeKeys(const SqlStatement &statement, const Table &table,
    WriteKind kind, const QHash<QString, QVariant> &values)
{
    Result<QSqlQuery *> query = execute(statement, table, kind, values);
    if (!query)
        return query.error();
    QVariantList keys;
    while ((*query)->next())
        keys << (*query)->value(0);
    (*query)->finish();
    return keys;
}

Result<RecordResult> RecordStore::Private::read(
    const Table &table, const ApiQuery &query, ResultFormat format, const QVariantList *keys)
{
    SelectBuilder builder(*project, dialect(), query, &starColumns);
    builder.setViewRelationships(&viewRelationships);
    builder.setAccessFilter(access.selectFilter());
    const bool count = !keys && query.prefer.count != Preferences::Count::None;
    Result<SelectPlan> plan = builder.build(table, count, keys);
    if (!plan)
        return plan.error();
    RecordResult result;
    if (keys) {
        Result<QByteArray> body = readKeys(*plan, table, format, *keys);
        if (!body)
            return body.error();
        result.body = std::move(body).value();
        result.rowCount = keys->size();
        return result;
    }
    Result<QSqlQuery *> rows = execute(plan->rows, table, WriteKind::Read);
    if (!rows)
        return rows.error();
    const RowWriter writer(plan->columns, format, dialect().producesCompactJson());
    result.body.reserve(4096);
    writer.begin(result.body);
    while ((*rows)->next()) {
        // A single object refused for several rows still says how many there were.
        if (format != ResultFormat::SingleObject || result.rowCount == 0)
            writer.appendRow(result.body, **rows, result.rowCount == 0);
        ++result.rowCount;
    }
    (*rows)->finish();
    writer.end(result.body);
    if (format == ResultFormat::SingleObject && result.rowCount != 1)
        return notSingleObject(result.rowCount);
    if (const QueryLevel *root = rootLevel(query))
        result.offset = root->offset.value_or(0);
    if (count) {
        Result<qint64> total = totalCount(*plan, table, query.prefer.count);
        if (!total)
            return total.error();
        result.totalCount = *total;
    }
    return result;
}

Result<qint64> RecordStore::Private::totalCount(const SelectPlan &plan, const Table &table, Preferences::Count kind)
{
    // count=planned is the planner's guess where the engine makes one (PostgreSQL); count=estimated counts
    // exactly up to Supabase's default max-rows and takes the guess beyond it, as PostgREST does. SQLite
    // has no row estimate: both get the exact count there.
    constexpr qint64 exactUpTo = 1000;
    if (kind == Preferences::Count::Exact || dialect().engine() != DatabaseEngine::PostgreSQL)
        return countRows(plan.count, table);
    if (kind == Preferences::Count::Planned) {
        if (const std::optional<qint64> planned = plannedRows(plan.counted))
            return *planned;
        return countRows(plan.count, table);
    }
    const SqlStatement limited {QStringLiteral("SELECT COUNT(*) FROM (") + plan.counted.sql + QStringLiteral(" LIMIT ")
            + QString::number(exactUpTo + 1) + QStringLiteral(") AS c"),
        plan.counted.params};
    Result<qint64> upTo = countRows(limited, table);
    if (!upTo || *upTo <= exactUpTo)
        return upTo;
    if (const std::optional<qint64> planned = plannedRows(plan.counted))
        return std::max(*upTo, *planned);
    return countRows(plan.count, table);
}

std::optional<qint64> RecordStore::Private::plannedRows(const SqlStatement &statement)
{
    // Inside a batch a failing EXPLAIN would abort the open transaction: count there instead.
    if (batchOpen)
        return std::nullopt;
    // PostgreSQL cannot PREPARE an EXPLAIN: its values go into the text as literals, and it runs unprepared.
    const std::optional<QString> sql = inlineParameters(statement.sql, statement.params, dialect());
    if (!sql)
        return std::nullopt;
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("EXPLAIN (FORMAT JSON) ") + *sql) || !query.next())
        return std::nullopt;
    const QJsonValue rows = QJsonDocument::fromJson(query.value(0).toString().toUtf8())
                                .array()
                                .at(0)[QLatin1String("Plan")][QLatin1String("Plan Rows")];
    return rows.isDouble() ? std::optional<qint64>(qint64(rows.toDouble())) : std::nullopt;
}

Result<QByteArray> RecordStore::Private::readKeys(
    const SelectPlan &plan, const Table &table, ResultFormat format, const QVariantList &keys)
{
    Result<QSqlQuery *> rows = execute(plan.rows, table, WriteKind::Read);
    if (!rows)
        return rows.error();
    // The rows come back in key order; the representation lists them in the order they were written.
    const RowWriter writer(plan.columns, format, dialect().producesCompactJson());
    QHash<QString, QByteArray> byKey;
    while ((*rows)->next()) {
        QByteArray row;
        writer.appendRow(row, **rows, true);
        byKey.insert((*rows)->value(plan.keyColumn).toString(), row);
    }
    (*rows)->finish();
    QByteArray body;
    writer.begin(body);
    qsizetype written = 0;
    for (const QVariant &key : keys) {
        const auto it = byKey.constFind(key.toString());
        if (it == byKey.constEnd())
            continue;
        if (written++ > 0 && format == ResultFormat::JsonArray)
            body += ',';
        body += *it;
    }
    writer.end(body);
    if (format == ResultFormat::SingleObject && written != 1)
        return notSingleObject(written);
    return body;
}


Result<qint64> RecordStore::Private::countRows(const SqlStatement &statement, const Table &table)
{
    Result<QVariantList> counted = executeKeys(statement, table, WriteKind::Read);
    if (!counted)
        return counted.error();
    return counted->isEmpty() ? 0 : counted->front().toLongLong();
}

Result<void> RecordStore::beginBatch()
{
    if (d->batchOpen)
        return Error(ErrorCode::DatabaseQueryFailed, QStringLiteral("A database query failed"),
            QStringLiteral("a batch is already open"));
    if (Result<void> begun = d->beginWrite(); !begun)
        return begun;
    d->batchOpen = true;
    d->staged.clear();
    return {};
}

Result<void> RecordStore::commitBatch()
{
    QSqlDatabase &connection = d->database.connection();
    d->batchOpen = false;
    if (Result<void> recorded = d->recordStaged(); !recorded) {
        connection.rollback();
        d->staged.clear();
        return recorded;
    }
    if (!connection.commit()) {
        const QSqlError why = connection.lastError();
        connection.rollback();
        d->staged.clear();
        return connectionError(why, d->database.engine(), why.text());
    }
    d->publishStaged();
    return {};
}

void RecordStore::rollbackBatch()
{
    if (!d->batchOpen)
        return;
    d->batchOpen = false;
    d->staged.clear();
    d->database.connection().rollback();
}

Result<void> RecordStore::transaction(const std::function<Result<void>()> &work)
{
    if (!d->batchOpen) {
        if (Result<void> begun = beginBatch(); !begun)
            return begun;
        if (Result<void> done = work(); !done) {
            rollbackBatch();
            return done;
        }
        return commitBatch();
    }
    Result<RecordResult> done = d->inSavepoint({}, [&]() -> Result<RecordResult> {
        if (Result<void> worked = work(); !worked)
            return worked.error();
        return RecordResult {};
    });
    if (!done)
        return done.error();
    return {};
}

void RecordStore::setChangeFeed(ChangeFeed *feed)
{
    d->feed = feed;
}

void RecordStore::setBeforeWriteHook(BeforeWriteHook *hook)
{
    d->beforeHook = hook;
}

void RecordStore::setAfterWriteHook(AfterWriteHook *hook)
{
    d->afterHook = hook;
}

void RecordStore::setStatementLog(QStringList *log)
{
    d->statementLog = log;
}

Database &RecordStore::database()
{
    return d->database;
}

QByteArray RecordStore::lastExplain() const
{
    return d->access.lastExplain();
}

RecordStore::RecordStore(std::shared_ptr<const Project> project, Database &database)
    : d(std::make_unique<Private>(withViewTables(std::move(project)), database))
{
}

RecordStore::~RecordStore() = default;

namespace {
/** One public call of a RecordStore. A call made while another runs (a before trigger's `db`, inside the
    write that runs the trigger) sets the outer call's access state aside and gives it back at its end. */
class CallScope
{
public:
    CallScope(int &calls, RecordAccess &access, const Caller &caller)
        : m_calls(calls)
        , m_access(access)
    {
        if (m_calls++ > 0)
            m_outer = access.suspend();
        access.begin(caller);
    }
    ~CallScope()
    {
        --m_calls;
        if (m_outer)
            m_access.resume(std::move(*m_outer));
    }
    CallScope(const CallScope &) = delete;
    CallScope &operator=(const CallScope &) = delete;

private:
    int &m_calls;
    RecordAccess &m_access;
    std::optional<RecordAccess::Call> m_outer;
};
} // namespace

Result<RecordResult> RecordStore::read(const ApiQuery &query, ResultFormat format, const Caller &caller)
{
    const CallScope scope(d->calls, d->access, caller);
    if (d->openWrites > 0) {
        // Inside a write's transaction: a failing read must not abort it (PostgreSQL).
        return d->inSavepoint({}, [&] { return readAs(query, format, caller); });
    }
    return readAs(query, format, caller);
}

Result<RecordResult> RecordStore::readAs(const ApiQuery &query, ResultFormat format, const Caller &caller)
{
    Result<const Table *> table = d->table(query.table);
    if (!table)
        return d->access.finish(table.error());
    if (caller.explain) {
        if (Result<void> explained = d->access.explainRead(**table, query); !explained)
            return d->access.finish(explained.error());
    }
    if (!caller.isService()) {
        // The root table is refused before its embeds are looked at, so the error names it.
        Result<Grant> root = d->access.grant(**table, Operation::Select, QStringLiteral("t0"));
        if (!root || root->isDenied())
            return d->access.finish(root ? d->access.denied(**table) : root.error());
    }
    return d->access.finish(d->read(**table, query, format, nullptr));
}

Result<RecordResult> RecordStore::insert(
    const ApiQuery &query, const QByteArray &body, const WriteOptions &options, ResultFormat format,
    const Caller &caller)
{
    const CallScope scope(d->calls, d->access, caller);
    return d->access.finish(d->insert(query, body, options, format));
}

Result<RecordResult> RecordStore::update(
    const ApiQuery &query, const QByteArray &body, const WriteOptions &options, ResultFormat format,
    const Caller &caller)
{
    const CallScope scope(d->calls, d->access, caller);
    return d->access.finish(d->update(query, body, options, format));
}

Result<RecordResult> RecordStore::remove(
    const ApiQuery &query, const WriteOptions &options, ResultFormat format, const Caller &caller)
{
    const CallScope scope(d->calls, d->access, caller);
    return d->access.finish(d->remove(query, options, format));
}

} // namespace Runtime
