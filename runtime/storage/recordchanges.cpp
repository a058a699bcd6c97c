// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore's change events: the whole rows a write touched, staged until its commit, then published.
#include "recordstore_p.h"

#include "sqldialect.h"
#include "valuecodec.h"

#include <QJsonDocument>

namespace Runtime {

namespace {
// Keys per `IN (...)` when rows are read again by key: far below SQLite's and PostgreSQL's parameter limits.
constexpr qsizetype s_keysPerRead = 200;
} // namespace

Result<void> RecordStore::Private::readWholeRows(const Table &table, const QString &condition,
    const QVariantList &params, bool lock, WholeRows &out)
{
    const Field *pk = table.primaryKey();
    if (!pk)
        return {};
    const QString qualifier = dialect().quoteIdentifier(table.name);
    QStringList columns;
    for (const Field &f : table.fields)
        columns << dialect().readExpression(f.type, qualifier + QLatin1Char('.') + dialect().quoteIdentifier(f.name));
    SqlStatement select {QStringLiteral("SELECT ") + columns.join(QStringLiteral(", ")) + QStringLiteral(" FROM ") + qualifier,
        params};
    if (!condition.isEmpty())
        select.sql += QStringLiteral(" WHERE ") + condition;
    // PostgreSQL: the rows read are the rows the write then changes (another writer waits for them).
    if (lock && database.engine() == DatabaseEngine::PostgreSQL)
        select.sql += QStringLiteral(" FOR UPDATE");
    Result<QSqlQuery *> rows = execute(select, table, WriteKind::Read);
    if (!rows)
        return rows.error();
    const int keyColumn = int(pk - table.fields.data());
    const bool compact = dialect().producesCompactJson();
    QByteArray json;
    while ((*rows)->next()) {
        json.clear();
        json += '{';
        for (int i = 0; i < int(table.fields.size()); ++i) {
            if (i > 0)
                json += ',';
            ValueCodec::appendJsonString(json, table.fields[size_t(i)].name);
            json += ':';
            ValueCodec::appendJsonValue(json, table.fields[size_t(i)].type, (*rows)->value(i), compact);
        }
        json += '}';
        out.insert((*rows)->value(keyColumn).toString(), QJsonDocument::fromJson(json).object());
    }
    (*rows)->finish();
    return {};
}

Result<void> RecordStore::Private::readWholeRows(const Table &table, const QVariantList &keys, WholeRows &out)
{
    const Field *pk = table.primaryKey();
    if (!pk || keys.isEmpty())
        return {};
    const QString column = dialect().quoteIdentifier(table.name) + QLatin1Char('.') + dialect().quoteIdentifier(pk->name);
    for (qsizetype start = 0; start < keys.size(); start += s_keysPerRead) {
        const QVariantList chunk = keys.mid(start, s_keysPerRead);
        QStringList marks;
        marks.fill(QStringLiteral("?"), chunk.size());
        const QString condition = column + QStringLiteral(" IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')');
        if (Result<void> read = readWholeRows(table, condition, chunk, false, out); !read)
            return read;
    }
    return {};
}

void RecordStore::Private::stage(const Table &table, RecordOperation operation, const QVariantList &keys,
    const WholeRows &before, const WholeRows &after)
{
    const Field *pk = table.primaryKey();
    if (!pk)
        return;
    for (const QVariant &key : keys) {
        const QString text = key.toString();
        RecordChange change;
        change.table = table.name;
        change.operation = operation;
        change.oldRow = before.value(text);
        change.newRow = after.value(text);
        change.key = (operation == RecordOperation::Delete ? change.oldRow : change.newRow).value(pk->name);
        change.caller = access.caller();
        staged.append(std::move(change));
    }
}

void RecordStore::Private::dropStagedFrom(qsizetype mark)
{
    if (mark < staged.size())
        staged.erase(staged.begin() + mark, staged.end());
}

void RecordStore::Private::publishStaged()
{
    if (staged.isEmpty())
        return;
    if (afterHook)
        afterHook->committed();
    QList<RecordChange> changes;
    changes.swap(staged);
    if (!feed)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (RecordChange &change : changes)
        change.committedAt = now;
    feed->publish(changes);
}

} // namespace Runtime
