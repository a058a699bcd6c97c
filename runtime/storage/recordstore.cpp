// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore: runs data-API reads and writes (an ApiQuery plus a body) against one database connection.
#include "recordstore.h"

#include "database.h"
#include "dberrors.h"
#include "fieldchecks.h"
#include "recordaccess.h"
#include "rowwriter.h"
#include "selectbuilder.h"
#include "sqldialect.h"
#include "tableschema.h"
#include "writebuilder.h"

#include <QDateTime>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <functional>

namespace Runtime {

namespace {
constexpr qsizetype s_maxCachedStatements = 256;

bool wantsRows(const ApiQuery &query, const WriteOptions &options)
{
    return options.returnRows || query.prefer.returnPreference == Preferences::Return::Representation;
}

Error notSingleObject(qint64 rows)
{
    Error e(ErrorCode::NotSingleObject, QStringLiteral("JSON object requested, multiple (or no) rows returned"));
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

struct RecordStore::Private
{
    std::shared_ptr<const Project> project;
    Database &database;
    FieldChecks checks;
    QHash<QString, QSqlQuery> statements; ///< prepared once per SQL text
    StarCache starColumns;
    RecordAccess access;

    Private(std::shared_ptr<const Project> p, Database &db)
        : project(p), database(db),
          access(std::move(p), db.dialect(), [this](const SqlStatement &s, const Table &t) { return countRows(s, t); })
    {
    }

    const SqlDialect &dialect() const { return database.dialect(); }
    Result<const Table *> table(const QString &name) const;
    Result<QSqlQuery *> execute(const SqlStatement &statement, const Table &table, WriteKind kind,
        const QHash<QString, QVariant> &values = {});
    Result<QVariantList> executeKeys(const SqlStatement &statement, const Table &table, WriteKind kind,
        const QHash<QString, QVariant> &values = {});
    Result<RecordResult> read(const Table &table, const ApiQuery &query, ResultFormat format, const QVariantList *keys);
    Result<QByteArray> readKeys(const SelectPlan &plan, const Table &table, ResultFormat format, const QVariantList &keys);
    Result<RecordResult> finishWrite(const Table &table, const ApiQuery &query, const QVariantList &keys,
        const WriteOptions &options, ResultFormat format);
    Result<void> syncKeys(const Table &table, const std::vector<WriteRow> &rows);
    Result<RecordResult> inTransaction(const std::function<Result<RecordResult>()> &work);
    Result<RecordResult> inSavepoint(const std::function<Result<RecordResult>()> &work);
    Result<qint64> countRows(const SqlStatement &statement, const Table &table);
    Result<RecordResult> insert(const ApiQuery &query, const QByteArray &body, const WriteOptions &options,
        ResultFormat format);
    Result<RecordResult> update(const ApiQuery &query, const QByteArray &body, const WriteOptions &options,
        ResultFormat format);
    Result<RecordResult> remove(const ApiQuery &query, const WriteOptions &options, ResultFormat format);
    bool batchOpen = false;
};

Result<const Table *> RecordStore::Private::table(const QString &name) const
{
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
    builder.setAccessFilter(access.selectFilter());
    const bool count = !keys && query.prefer.count == Preferences::Count::Exact;
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
        Result<QSqlQuery *> counted = execute(plan->count, table, WriteKind::Read);
        if (!counted)
            return counted.error();
        result.totalCount = (*counted)->next() ? (*counted)->value(0).toLongLong() : 0;
        (*counted)->finish();
    }
    return result;
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

Result<RecordResult> RecordStore::Private::finishWrite(const Table &table, const ApiQuery &query,
    const QVariantList &keys, const WriteOptions &options, ResultFormat format)
{
    if (!wantsRows(query, options)) {
        RecordResult result;
        result.rowCount = keys.size();
        return result;
    }
    return read(table, query, format, &keys);
}

Result<void> RecordStore::Private::syncKeys(const Table &table, const std::vector<WriteRow> &rows)
{
    const Field *pk = table.primaryKey();
    if (!pk || pk->primaryKey != PrimaryKeyKind::AutoIncrement)
        return {};
    const bool explicitKey = std::any_of(rows.begin(), rows.end(), [pk](const WriteRow &row) {
        return std::any_of(row.values.begin(), row.values.end(), [pk](const auto &value) { return value.first == pk; });
    });
    const QString sql = dialect().syncKeyGenerator(table.name, pk->name);
    if (!explicitKey || sql.isEmpty())
        return {};
    Result<QVariantList> synced = executeKeys({sql, {}}, table, WriteKind::Insert);
    if (!synced)
        return synced.error();
    return {};
}

Result<RecordResult> RecordStore::Private::inSavepoint(const std::function<Result<RecordResult>()> &work)
{
    QSqlQuery control(database.connection());
    if (!control.exec(QStringLiteral("SAVEPOINT basalt_write")))
        return Error(ErrorCode::DatabaseQueryFailed, QStringLiteral("A database query failed"),
            control.lastError().text());
    Result<RecordResult> result = work();
    if (!result)
        control.exec(QStringLiteral("ROLLBACK TO SAVEPOINT basalt_write"));
    control.exec(QStringLiteral("RELEASE SAVEPOINT basalt_write"));
    return result;
}

Result<RecordResult> RecordStore::Private::inTransaction(const std::function<Result<RecordResult>()> &work)
{
    if (batchOpen)
        return inSavepoint(work);
    QSqlDatabase &connection = database.connection();
    if (!connection.transaction())
        return Error(ErrorCode::DatabaseQueryFailed, QStringLiteral("A database query failed"),
            connection.lastError().text());
    Result<RecordResult> result = work();
    if (!result) {
        connection.rollback();
        return result;
    }
    if (!connection.commit()) {
        const QString why = connection.lastError().text();
        connection.rollback();
        return Error(ErrorCode::DatabaseQueryFailed, QStringLiteral("A database query failed"), why);
    }
    return result;
}

Result<RecordResult> RecordStore::Private::insert(
    const ApiQuery &query, const QByteArray &body, const WriteOptions &options, ResultFormat format)
{
    Result<const Table *> table = this->table(query.table);
    if (!table)
        return table.error();
    const Table &t = **table;
    WriteBuilder builder(dialect(), t, checks);
    const Preferences::Resolution resolution = query.prefer.resolution;
    Result<std::vector<WriteRow>> rows = builder.parseBody(body,
        {.allowArray = true, .allowPrimaryKey = resolution != Preferences::Resolution::None, .columns = query.columns});
    if (!rows)
        return rows.error();
    if (Result<void> writable = access.checkWritable(t, *rows); !writable)
        return writable.error();
    const bool merge = resolution == Preferences::Resolution::MergeDuplicates;
    const QString name = dialect().quoteIdentifier(t.name);
    Result<Grant> inserting = access.authorize(t, Operation::Insert, name, wantsRows(query, options));
    if (!inserting)
        return inserting.error();
    Result<Grant> updating = merge ? access.authorize(t, Operation::Update, name, false) : Result<Grant>(Grant {});
    if (!updating)
        return updating.error();
    if (Result<void> filled = access.fillTenant(t, *rows); !filled)
        return filled.error();
    if (resolution != Preferences::Resolution::None) {
        Result<void> target = builder.checkConflictTarget(buildTableSchema(*project, t, dialect()), query.onConflict);
        if (!target)
            return target.error();
    }
    // A merge may update only the rows the update rule lets it touch; the others return no key.
    const bool guarded = merge && updating->kind == Grant::Kind::Conditional;
    const SqlStatement guard = guarded ? SqlStatement {updating->condition, updating->parameters} : SqlStatement {};
    const QString now = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
    return inTransaction([&]() -> Result<RecordResult> {
        QVariantList keys;
        for (const WriteRow &row : *rows) {
            Result<SqlStatement> statement = builder.insert(row, query.onConflict, resolution, now, guard);
            if (!statement)
                return statement.error();
            Result<QVariantList> written = executeKeys(*statement, t, WriteKind::Insert, row.byName());
            if (!written)
                return written.error();
            if (guarded && written->isEmpty())
                return access.refuse(
                    QStringLiteral("new row violates row-level security policy for table \"%1\"").arg(t.name));
            keys << *written;
        }
        if (Result<void> synced = syncKeys(t, *rows); !synced)
            return synced.error();
        if (!access.caller().isService()) {
            const std::vector<Operation> rules = merge ? std::vector {Operation::Insert, Operation::Update}
                                                       : std::vector {Operation::Insert};
            if (Result<void> checked = access.checkRows(t, Operation::Insert, keys, rules); !checked)
                return checked.error();
        }
        return finishWrite(t, query, keys, options, format);
    });
}

Result<RecordResult> RecordStore::Private::update(
    const ApiQuery &query, const QByteArray &body, const WriteOptions &options, ResultFormat format)
{
    Result<const Table *> table = this->table(query.table);
    if (!table)
        return table.error();
    const Table &t = **table;
    WriteBuilder builder(dialect(), t, checks);
    Result<std::vector<WriteRow>> rows = builder.parseBody(body, {.allowArray = false});
    if (!rows)
        return rows.error();
    if (Result<void> writable = access.checkWritable(t, *rows); !writable)
        return writable.error();
    QVariantList params;
    SelectBuilder selector(*project, dialect(), query);
    const QString qualifier = dialect().quoteIdentifier(t.name);
    Result<QString> condition = selector.rootCondition(t, qualifier, params);
    if (!condition)
        return condition.error();
    if (condition->isEmpty() && !access.caller().isService())
        return Error(ErrorCode::UnfilteredWrite, QStringLiteral("UPDATE requires a WHERE clause"));
    Result<Grant> grant = access.authorize(t, Operation::Update, qualifier, wantsRows(query, options));
    if (!grant)
        return grant.error();
    if (access.explaining()) {
        if (Result<void> explained = access.explainFiltered(t, Operation::Update, *condition, params, *grant); !explained)
            return explained.error();
    }
    const QString where = andGrant(*condition, *grant, params);
    const WriteRow &row = rows->front();
    const bool stamps = std::any_of(t.fields.begin(), t.fields.end(),
        [](const Field &f) { return f.autoTimestamp == AutoTimestamp::UpdatedAt; });
    if (row.values.empty() && !stamps)
        return finishWrite(t, query, {}, options, format);
    const QString now = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
    const SqlStatement statement = builder.update(row, where, params, now);
    return inTransaction([&]() -> Result<RecordResult> {
        Result<QVariantList> keys = executeKeys(statement, t, WriteKind::Update, row.byName());
        if (!keys)
            return keys.error();
        // The rows after the change must still meet the rule (no moving a row to another owner).
        if (!access.caller().isService()) {
            if (Result<void> checked = access.checkRows(t, Operation::Update, *keys, {Operation::Update}); !checked)
                return checked.error();
        }
        return finishWrite(t, query, *keys, options, format);
    });
}

Result<RecordResult> RecordStore::Private::remove(const ApiQuery &query, const WriteOptions &options, ResultFormat format)
{
    Result<const Table *> table = this->table(query.table);
    if (!table)
        return table.error();
    const Table &t = **table;
    QVariantList params;
    SelectBuilder selector(*project, dialect(), query);
    const QString qualifier = dialect().quoteIdentifier(t.name);
    Result<QString> filters = selector.rootCondition(t, qualifier, params);
    if (!filters)
        return filters.error();
    if (filters->isEmpty() && !access.caller().isService())
        return Error(ErrorCode::UnfilteredWrite, QStringLiteral("DELETE requires a WHERE clause"));
    Result<Grant> grant = access.authorize(t, Operation::Delete, qualifier, wantsRows(query, options));
    if (!grant)
        return grant.error();
    if (access.explaining()) {
        if (Result<void> explained = access.explainFiltered(t, Operation::Delete, *filters, params, *grant); !explained)
            return explained.error();
    }
    const QString condition = andGrant(*filters, *grant, params);
    WriteBuilder builder(dialect(), t, checks);
    const SqlStatement statement = builder.remove(condition, params);
    return inTransaction([&]() -> Result<RecordResult> {
        RecordResult shown;
        if (wantsRows(query, options) && t.primaryKey()) {
            // The representation of deleted rows has to be read before they are gone.
            const QString key = qualifier + QLatin1Char('.') + dialect().quoteIdentifier(t.primaryKey()->name);
            SqlStatement select {QStringLiteral("SELECT ") + dialect().readExpression(t.primaryKey()->type, key)
                    + QStringLiteral(" FROM ") + qualifier,
                params};
            if (!condition.isEmpty())
                select.sql += QStringLiteral(" WHERE ") + condition;
            Result<QVariantList> keys = executeKeys(select, t, WriteKind::Read);
            if (!keys)
                return keys.error();
            Result<RecordResult> rows = read(t, query, format, &*keys);
            if (!rows)
                return rows;
            shown = std::move(rows).value();
        }
        Result<QVariantList> deleted = executeKeys(statement, t, WriteKind::Delete);
        if (!deleted)
            return deleted.error();
        shown.rowCount = deleted->size();
        return shown;
    });
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
    QSqlDatabase &connection = d->database.connection();
    if (d->batchOpen || !connection.transaction())
        return Error(ErrorCode::DatabaseQueryFailed, QStringLiteral("A database query failed"),
            connection.lastError().text());
    d->batchOpen = true;
    return {};
}

Result<void> RecordStore::commitBatch()
{
    QSqlDatabase &connection = d->database.connection();
    d->batchOpen = false;
    if (!connection.commit()) {
        const QString why = connection.lastError().text();
        connection.rollback();
        return Error(ErrorCode::DatabaseQueryFailed, QStringLiteral("A database query failed"), why);
    }
    return {};
}

void RecordStore::rollbackBatch()
{
    if (!d->batchOpen)
        return;
    d->batchOpen = false;
    d->database.connection().rollback();
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
    : d(std::make_unique<Private>(std::move(project), database))
{
}

RecordStore::~RecordStore() = default;

Result<RecordResult> RecordStore::read(const ApiQuery &query, ResultFormat format, const Caller &caller)
{
    d->access.begin(caller);
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
    d->access.begin(caller);
    return d->access.finish(d->insert(query, body, options, format));
}

Result<RecordResult> RecordStore::update(
    const ApiQuery &query, const QByteArray &body, const WriteOptions &options, ResultFormat format,
    const Caller &caller)
{
    d->access.begin(caller);
    return d->access.finish(d->update(query, body, options, format));
}

Result<RecordResult> RecordStore::remove(
    const ApiQuery &query, const WriteOptions &options, ResultFormat format, const Caller &caller)
{
    d->access.begin(caller);
    return d->access.finish(d->remove(query, options, format));
}

} // namespace Runtime
