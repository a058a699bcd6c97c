// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore's before triggers: each row through the BeforeWriteHook, inside the write's transaction.
#include "recordstore_p.h"

#include "sqldialect.h"
#include "valuecodec.h"

#include <algorithm>

namespace Runtime {

Result<std::vector<WriteRow>> RecordStore::Private::beforeInsert(const Table &table, WriteBuilder &builder,
    std::vector<QJsonObject> objects, const WriteBuilder::BodyRules &rules)
{
    WriteBuilder::BodyRules written = rules;
    written.columns.clear();
    std::vector<WriteRow> rows;
    rows.reserve(objects.size());
    for (QJsonObject &object : objects) {
        if (Result<void> ran = beforeHook->run(table.name, RecordOperation::Insert, &object, {}, access.caller()); !ran)
            return ran.error();
        Result<WriteRow> row = builder.parseRow(object, written);
        if (!row)
            return row.error();
        rows.push_back(std::move(row).value());
    }
    return rows;
}

Result<QVariantList> RecordStore::Private::updateEach(const Table &table, WriteBuilder &builder,
    const QJsonObject &patch, const WholeRows &before, const QString &now, std::vector<WriteRow> &written)
{
    const Field *pk = table.primaryKey();
    if (!pk)
        return Error(ErrorCode::Internal, QStringLiteral("A table without a primary key runs no update trigger"));
    const bool stamps = std::any_of(table.fields.begin(), table.fields.end(),
        [](const Field &f) { return f.autoTimestamp == AutoTimestamp::UpdatedAt; });
    const QString keyColumn = dialect().quoteIdentifier(table.name) + QLatin1Char('.') + dialect().quoteIdentifier(pk->name);
    QStringList order = before.keys();
    std::sort(order.begin(), order.end()); // the same order every time
    QVariantList keys;
    for (const QString &text : std::as_const(order)) {
        const QJsonObject &old = before[text];
        QJsonObject row = old;
        for (auto it = patch.begin(); it != patch.end(); ++it)
            row.insert(it.key(), it.value());
        if (Result<void> ran = beforeHook->run(table.name, RecordOperation::Update, &row, old, access.caller()); !ran)
            return ran.error();
        // What the body set, and whatever the trigger changed.
        QJsonObject changes;
        for (auto it = row.begin(); it != row.end(); ++it) {
            if (patch.contains(it.key()) || old.value(it.key()) != it.value())
                changes.insert(it.key(), it.value());
        }
        Result<WriteRow> parsed = builder.parseRow(changes, {.allowArray = false});
        if (!parsed)
            return parsed.error();
        Result<QVariant> key = ValueCodec::fromJson(*pk, old.value(pk->name));
        if (!key)
            return key.error();
        if (parsed->values.empty() && !stamps) {
            keys << *key;
            continue;
        }
        const SqlStatement statement = builder.update(*parsed, keyColumn + QStringLiteral(" = ?"), {*key}, now);
        Result<QVariantList> updated = executeKeys(statement, table, WriteKind::Update, parsed->byName());
        if (!updated)
            return updated.error();
        keys << *updated;
        written.push_back(std::move(parsed).value());
    }
    return keys;
}

Result<void> RecordStore::Private::beforeDelete(const Table &table, const WholeRows &before)
{
    QStringList order = before.keys();
    std::sort(order.begin(), order.end());
    for (const QString &text : std::as_const(order)) {
        if (Result<void> ran = beforeHook->run(table.name, RecordOperation::Delete, nullptr, before[text], access.caller());
            !ran)
            return ran;
    }
    return {};
}

} // namespace Runtime
