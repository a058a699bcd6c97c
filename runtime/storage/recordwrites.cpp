// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore's write flows: insert, update and remove in a transaction or savepoint, with rule checks.
#include "recordstore_p.h"

#include "sqldialect.h"
#include "tableschema.h"
#include "writebuilder.h"

#include <QDateTime>
#include <QSqlError>
#include <QUrl>

#include <algorithm>

namespace Runtime {

namespace {
bool wantsRows(const ApiQuery &query, const WriteOptions &options)
{
    return options.returnRows || query.prefer.returnPreference == Preferences::Return::Representation;
}
} // namespace

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

namespace {
// The work's result, or TooManyAffected when it wrote more rows than Prefer: max-affected allows.
Result<RecordResult> checkedAffected(const WriteOptions &options, Result<RecordResult> result)
{
    if (result && options.maxAffected && result->rowCount > *options.maxAffected) {
        Error error(ErrorCode::TooManyAffected, QStringLiteral("Query result exceeds max-affected preference constraint"));
        error.problems.append(Problem {Problem::Severity::Error, {}, QStringLiteral("The query affects %1 rows").arg(result->rowCount), {}});
        return error;
    }
    return result;
}
} // namespace

Result<RecordResult> RecordStore::Private::inSavepoint(
    const WriteOptions &options, const std::function<Result<RecordResult>()> &work)
{
    QSqlQuery control(database.connection());
    if (!control.exec(QStringLiteral("SAVEPOINT basalt_write")))
        return Error(ErrorCode::DatabaseQueryFailed, QStringLiteral("A database query failed"),
            control.lastError().text());
    const qsizetype mark = staged.size();
    Result<RecordResult> result = checkedAffected(options, work());
    if (!result || options.rollback) {
        control.exec(QStringLiteral("ROLLBACK TO SAVEPOINT basalt_write"));
        dropStagedFrom(mark);
    }
    control.exec(QStringLiteral("RELEASE SAVEPOINT basalt_write"));
    return result;
}

Result<RecordResult> RecordStore::Private::inTransaction(
    const WriteOptions &options, const std::function<Result<RecordResult>()> &work)
{
    if (batchOpen || openWrites > 0)
        return inSavepoint(options, work);
    QSqlDatabase &connection = database.connection();
    if (Result<void> begun = beginWrite(); !begun)
        return begun.error();
    staged.clear();
    ++openWrites;
    Result<RecordResult> result = checkedAffected(options, work());
    --openWrites;
    if (result && !options.rollback) {
        if (Result<void> recorded = recordStaged(); !recorded)
            result = recorded.error();
    }
    if (!result || options.rollback) {
        connection.rollback();
        staged.clear();
        return result;
    }
    if (!connection.commit()) {
        const QSqlError why = connection.lastError();
        connection.rollback();
        staged.clear();
        return connectionError(why, dialect().engine(), why.text());
    }
    publishStaged();
    return result;
}

Result<RecordResult> RecordStore::Private::insert(
    const ApiQuery &query, const QByteArray &body, const WriteOptions &options, ResultFormat format)
{
    Result<const Table *> table = this->table(query.table, true);
    if (!table)
        return table.error();
    const Table &t = **table;
    WriteBuilder builder(dialect(), t, checks);
    const Preferences::Resolution resolution = query.prefer.resolution;
    // An explicit key for a generated one: upserts name the row they mean, and the service role may give
    // any row its key (imports and seeds keep their ids, as PostgREST allows); the generator moves past it.
    const bool explicitKeys = resolution != Preferences::Resolution::None || access.caller().isService();
    const WriteBuilder::BodyRules rules {.allowArray = true,
        .allowPrimaryKey = explicitKeys,
        .columns = query.columns,
        .missingDefault = query.prefer.missingDefault};
    std::vector<QJsonObject> objects; // the rows as a before trigger gets them
    Result<std::vector<WriteRow>> rows = builder.parseBody(body, rules, objects);
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
    const bool announce = observed();
    const bool runsTrigger = triggered(t, RecordOperation::Insert);
    return inTransaction(options, [&]() -> Result<RecordResult> {
        // The rows the client sent were checked above (read-only fields, too); a before trigger's rows are
        // checked again as a body's, so it may set what only the server may (a computed total).
        std::vector<WriteRow> changed;
        if (runsTrigger) {
            Result<std::vector<WriteRow>> triggeredRows = beforeInsert(t, builder, objects, rules);
            if (!triggeredRows)
                return triggeredRows.error();
            changed = std::move(triggeredRows).value();
            if (Result<void> filled = access.fillTenant(t, changed); !filled)
                return filled.error();
        }
        const std::vector<WriteRow> &writing = runsTrigger ? changed : *rows;
        QVariantList keys;
        qint64 inserted = 0;
        WholeRows before; // a merge's rows that existed, as they were
        for (const WriteRow &row : writing) {
            // A merge answers 200 when it only updated (PostgREST): which rows exist is asked before each.
            if (merge) {
                const std::optional<SqlStatement> probe = builder.existing(row, query.onConflict);
                Result<QVariantList> found = probe ? executeKeys(*probe, t, WriteKind::Read) : QVariantList();
                if (!found)
                    return found.error();
                inserted += found->isEmpty() ? 1 : 0;
                if (announce && !found->isEmpty()) {
                    if (Result<void> read = readWholeRows(t, *found, before); !read)
                        return read.error();
                }
            }
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
        if (Result<void> synced = syncKeys(t, writing); !synced)
            return synced.error();
        if (!access.caller().isService()) {
            const std::vector<Operation> rules = merge ? std::vector {Operation::Insert, Operation::Update}
                                                       : std::vector {Operation::Insert};
            if (Result<void> checked = access.checkRows(t, Operation::Insert, keys, rules); !checked)
                return checked.error();
            if (Result<void> referenced = access.checkReferences(t, writing, keys); !referenced)
                return referenced.error();
        }
        if (announce) {
            WholeRows after;
            if (Result<void> read = readWholeRows(t, keys, after); !read)
                return read.error();
            QVariantList added, merged;
            for (const QVariant &key : std::as_const(keys))
                (before.contains(key.toString()) ? merged : added) << key;
            stage(t, RecordOperation::Insert, added, {}, after);
            stage(t, RecordOperation::Update, merged, before, after);
        }
        Result<RecordResult> finished = finishWrite(t, query, keys, options, format);
        if (finished && merge)
            finished->insertedCount = inserted;
        const bool located = query.prefer.returnPreference == Preferences::Return::HeadersOnly;
        if (finished && located && keys.size() == 1 && t.primaryKey()) {
            const QString value = keys.front().toString();
            finished->location = QString::fromUtf8(QUrl::toPercentEncoding(t.primaryKey()->name)) + QStringLiteral("=eq.")
                + QString::fromUtf8(QUrl::toPercentEncoding(value));
        }
        return finished;
    });
}

Result<RecordResult> RecordStore::Private::update(
    const ApiQuery &query, const QByteArray &body, const WriteOptions &options, ResultFormat format)
{
    Result<const Table *> table = this->table(query.table, true);
    if (!table)
        return table.error();
    const Table &t = **table;
    WriteBuilder builder(dialect(), t, checks);
    std::vector<QJsonObject> patch; // the body, for a before trigger
    Result<std::vector<WriteRow>> rows = builder.parseBody(body, {.allowArray = false}, patch);
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
    const bool runsTrigger = triggered(t, RecordOperation::Update);
    if (row.values.empty() && !stamps && !runsTrigger)
        return finishWrite(t, query, {}, options, format);
    const QString now = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
    const SqlStatement statement = builder.update(row, where, params, now);
    const bool announce = observed();
    return inTransaction(options, [&]() -> Result<RecordResult> {
        WholeRows before;
        if (announce || runsTrigger) {
            if (Result<void> read = readWholeRows(t, where, params, true, before); !read)
                return read.error();
        }
        // With a before trigger, row by row: each row as its trigger leaves it.
        std::vector<WriteRow> changed;
        Result<QVariantList> keys = runsTrigger
            ? updateEach(t, builder, patch.front(), before, now, changed)
            : executeKeys(statement, t, WriteKind::Update, row.byName());
        if (!keys)
            return keys.error();
        // The rows after the change must still meet the rule (no moving a row to another owner).
        if (!access.caller().isService()) {
            if (Result<void> checked = access.checkRows(t, Operation::Update, *keys, {Operation::Update}); !checked)
                return checked.error();
            if (Result<void> referenced = access.checkReferences(t, runsTrigger ? changed : *rows, *keys); !referenced)
                return referenced.error();
        }
        if (announce) {
            WholeRows after;
            if (Result<void> read = readWholeRows(t, *keys, after); !read)
                return read.error();
            stage(t, RecordOperation::Update, *keys, before, after);
        }
        return finishWrite(t, query, *keys, options, format);
    });
}

Result<RecordResult> RecordStore::Private::remove(const ApiQuery &query, const WriteOptions &options, ResultFormat format)
{
    Result<const Table *> table = this->table(query.table, true);
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
    const bool announce = observed();
    const bool runsTrigger = triggered(t, RecordOperation::Delete);
    return inTransaction(options, [&]() -> Result<RecordResult> {
        WholeRows before;
        if (announce || runsTrigger) {
            if (Result<void> read = readWholeRows(t, condition, params, true, before); !read)
                return read.error();
        }
        if (runsTrigger) {
            if (Result<void> allowed = beforeDelete(t, before); !allowed)
                return allowed.error();
        }
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
        if (announce)
            stage(t, RecordOperation::Delete, *deleted, before, {});
        shown.rowCount = deleted->size();
        return shown;
    });
}

} // namespace Runtime
