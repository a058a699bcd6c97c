// SPDX-License-Identifier: GPL-3.0-or-later
// PostgresChangeBinding: one postgres_changes subscription of a channel: event, table, filter and columns.
#include "postgreschangebinding.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Runtime {

namespace {

Error invalid(const QString &message)
{
    return Error(ErrorCode::InvalidBody, message);
}

} // namespace

Result<PostgresChangeBinding> PostgresChangeBinding::parse(
    const QJsonObject &spec, const Project &project, qint64 id, bool service)
{
    PostgresChangeBinding binding;
    binding.id = id;
    binding.echo = spec;
    binding.echo.insert(QStringLiteral("id"), double(id));

    const QString event = spec.value(QLatin1String("event")).toString();
    const QString upper = event.toUpper();
    if (upper == QLatin1String("INSERT"))
        binding.operation = RecordOperation::Insert;
    else if (upper == QLatin1String("UPDATE"))
        binding.operation = RecordOperation::Update;
    else if (upper == QLatin1String("DELETE"))
        binding.operation = RecordOperation::Delete;
    else if (event != QLatin1String("*"))
        return invalid(
            QStringLiteral("the postgres_changes event \"%1\" is unknown; use *, INSERT, UPDATE or DELETE")
                .arg(event));

    const QJsonValue schema = spec.value(QLatin1String("schema"));
    if (!schema.isUndefined() && !schema.isNull() && schema.toString() != QLatin1String("public")
        && schema.toString() != QLatin1String("*"))
        return invalid(
            QStringLiteral("the schema \"%1\" does not exist; Basalt's tables are in the schema public")
                .arg(schema.toString()));

    const QString tableName = spec.value(QLatin1String("table")).toString();
    const Table *table = nullptr;
    if (!tableName.isEmpty() && tableName != QLatin1String("*")) {
        table = project.tableByName(tableName);
        if (!table)
            return invalid(QStringLiteral("the table \"%1\" does not exist in the project").arg(tableName));
        if (!table->realtime)
            return invalid(
                QStringLiteral("Realtime is off for the table \"%1\": turn on Realtime in the "
                               "table's properties in Basalt (\"realtime\": true in the project file)")
                    .arg(tableName));
        binding.table = table->name;
    }

    const QString filter = spec.value(QLatin1String("filter")).toString();
    if (!filter.trimmed().isEmpty()) {
        if (!table)
            return invalid(
                QStringLiteral("the filter \"%1\" needs a table: name the table it applies to").arg(filter));
        for (const QString &condition : splitFilterList(filter)) {
            Result<ChangeFilter> parsed = ChangeFilter::parse(condition.trimmed(), *table, service);
            if (!parsed)
                return parsed.error();
            binding.filters.push_back(std::move(parsed).value());
        }
    }

    const QJsonValue select = spec.value(QLatin1String("select"));
    QStringList columns;
    if (select.isArray()) {
        for (const QJsonValue &column : select.toArray())
            columns.append(column.toString().trimmed());
    } else if (select.isString() && !select.toString().trimmed().isEmpty()) {
        for (const QString &column : select.toString().split(u','))
            columns.append(column.trimmed());
    }
    if (!columns.isEmpty() && columns != QStringList {QStringLiteral("*")}) {
        if (!table)
            return invalid(QStringLiteral("select names columns, so the binding needs a table"));
        for (const QString &column : columns) {
            const Field *field = table->fieldByName(column);
            if (!field)
                return invalid(QStringLiteral("select names the column \"%1\", which table %2 does not have")
                                   .arg(column, table->name));
            if (field->hidden && !service)
                return invalid(QStringLiteral("select names the hidden column \"%1\" of table %2")
                                   .arg(column, table->name));
        }
        binding.columns = columns;
    }
    return binding;
}

bool PostgresChangeBinding::matches(const Table &table, const RecordChange &change) const
{
    if (change.bulk)
        return false;
    if (!table.realtime || (!this->table.isEmpty() && this->table != table.name))
        return false;
    if (operation && *operation != change.operation)
        return false;
    const QJsonObject &row = change.operation == RecordOperation::Delete ? change.oldRow : change.newRow;
    return std::all_of(
        filters.cbegin(), filters.cend(), [&row](const ChangeFilter &f) { return f.matches(row); });
}

QJsonObject postgresChangeData(const Table &table, const RecordChange &change, const QStringList &columns)
{
    QJsonArray columnList;
    QJsonObject record;
    QJsonObject oldRecord;
    for (const Field &field : table.fields) {
        if (!columns.contains(field.name))
            continue;
        columnList.append(QJsonObject {
            {QStringLiteral("name"), field.name}, {QStringLiteral("type"), postgresTypeName(field.type)}});
        if (change.operation != RecordOperation::Delete)
            record.insert(field.name, change.newRow.value(field.name));
        if (change.operation != RecordOperation::Insert)
            oldRecord.insert(field.name, change.oldRow.value(field.name));
    }
    QJsonObject data {{QStringLiteral("schema"), QStringLiteral("public")},
        {QStringLiteral("table"), table.name},
        {QStringLiteral("commit_timestamp"),
            change.committedAt.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"))},
        {QStringLiteral("type"), recordOperationName(change.operation)},
        {QStringLiteral("columns"), columnList}, {QStringLiteral("errors"), QJsonValue::Null}};
    if (change.operation != RecordOperation::Delete)
        data.insert(QStringLiteral("record"), record);
    if (change.operation != RecordOperation::Insert)
        data.insert(QStringLiteral("old_record"), oldRecord);
    return data;
}

QString postgresTypeName(FieldType type)
{
    switch (type) {
    case FieldType::Integer:
        return QStringLiteral("int8");
    case FieldType::Number:
        return QStringLiteral("numeric");
    case FieldType::Boolean:
        return QStringLiteral("bool");
    case FieldType::Date:
        return QStringLiteral("date");
    case FieldType::DateTime:
        return QStringLiteral("timestamptz");
    case FieldType::Json:
        return QStringLiteral("jsonb");
    case FieldType::Uuid:
        return QStringLiteral("uuid");
    case FieldType::TextArray:
        return QStringLiteral("_text");
    case FieldType::IntegerArray:
        return QStringLiteral("_int8");
    case FieldType::Text:
    case FieldType::Email:
    case FieldType::Url:
    case FieldType::Enum:
    case FieldType::File:
        break;
    }
    return QStringLiteral("text");
}

} // namespace Runtime
