// SPDX-License-Identifier: GPL-3.0-or-later
// Pure functions for the common edits of one table, and their undo texts.
#include "tableedits.h"

#include <QCoreApplication>

#include <algorithm>

namespace Designer {

namespace {
// Returns an id with \a prefix that neither \a project nor \a table (which may hold ids not yet in the
// project) uses.
Runtime::ObjectId newTableId(
    const Runtime::Project &project, const Runtime::Table &table, const QString &prefix)
{
    const auto used = [&](const Runtime::ObjectId &id) {
        return table.field(id) || std::any_of(table.indexes.begin(), table.indexes.end(), [&](const auto &i) {
            return i.id == id;
        }) || std::any_of(table.permissions.begin(), table.permissions.end(), [&](const auto &p) {
            return p.id == id;
        });
    };
    for (;;) {
        const Runtime::ObjectId id = project.newId(prefix);
        if (!used(id))
            return id;
    }
}

QString fieldName(const Runtime::Table &table, const Runtime::ObjectId &fieldId)
{
    const Runtime::Field *field = table.field(fieldId);
    return field ? field->name : fieldId;
}
} // namespace

Runtime::Table renameTable(Runtime::Table table, const QString &name)
{
    table.name = name;
    return table;
}

Runtime::Table setTableColor(Runtime::Table table, const QString &color)
{
    table.color = color;
    return table;
}

Runtime::Table setTenantScoped(Runtime::Table table, bool scoped)
{
    table.tenantScoped = scoped;
    return table;
}

Runtime::Table setRealtime(Runtime::Table table, bool on)
{
    table.realtime = on;
    return table;
}

Runtime::Table addField(const Runtime::Project &project, Runtime::Table table, Runtime::FieldType type)
{
    Runtime::Field field;
    field.id = newTableId(project, table, QStringLiteral("fld"));
    field.type = type;
    // "text[]" names a type, not a field: an array field is "text_list_1".
    QString stem = Runtime::fieldTypeName(type);
    if (Runtime::isArray(type))
        stem = Runtime::fieldTypeName(Runtime::arrayElementType(type)) + QStringLiteral("_list");
    stem += QLatin1Char('_');
    for (int n = 1;; ++n) {
        field.name = stem + QString::number(n);
        if (!table.fieldByName(field.name))
            break;
    }
    if (type == Runtime::FieldType::Enum)
        field.enumValues = {QStringLiteral("option_1")};
    table.fields.push_back(field);
    return table;
}

Runtime::Table removeField(Runtime::Table table, const Runtime::ObjectId &fieldId)
{
    for (Runtime::Index &index : table.indexes)
        index.fieldIds.removeAll(fieldId);
    std::erase_if(table.indexes, [](const Runtime::Index &index) { return index.fieldIds.isEmpty(); });
    std::erase_if(table.fields, [&](const Runtime::Field &f) { return f.id == fieldId; });
    return table;
}

Runtime::Table changeField(Runtime::Table table, const Runtime::Field &field)
{
    if (Runtime::Field *current = table.field(field.id))
        *current = field;
    return table;
}

Runtime::Table moveField(Runtime::Table table, int from, int to)
{
    const int count = int(table.fields.size());
    if (from < 0 || from >= count || to < 0 || to >= count || from == to)
        return table;
    Runtime::Field field = std::move(table.fields[size_t(from)]);
    table.fields.erase(table.fields.begin() + from);
    table.fields.insert(table.fields.begin() + to, std::move(field));
    return table;
}

Runtime::Table setPermissionRule(const Runtime::Project &project, Runtime::Table table, const QString &role,
    Runtime::Operation operation, const std::optional<QString> &expression)
{
    const auto matches = [&](const Runtime::PermissionRule &rule) {
        return rule.role == role && rule.operation == operation;
    };
    const auto it = std::find_if(table.permissions.begin(), table.permissions.end(), matches);
    if (!expression) {
        std::erase_if(table.permissions, matches);
    } else if (it != table.permissions.end()) {
        it->expression = *expression;
    } else {
        Runtime::PermissionRule rule;
        rule.id = newTableId(project, table, QStringLiteral("perm"));
        rule.role = role;
        rule.operation = operation;
        rule.expression = *expression;
        table.permissions.push_back(rule);
    }
    return table;
}

Runtime::Table addIndex(const Runtime::Project &project, Runtime::Table table,
    const QList<Runtime::ObjectId> &fieldIds, bool unique)
{
    Runtime::Index index;
    index.id = newTableId(project, table, QStringLiteral("idx"));
    index.fieldIds = fieldIds;
    index.unique = unique;
    table.indexes.push_back(index);
    return table;
}

Runtime::Table removeIndex(Runtime::Table table, const Runtime::ObjectId &indexId)
{
    std::erase_if(table.indexes, [&](const Runtime::Index &index) { return index.id == indexId; });
    return table;
}

QString renameTableText(const Runtime::Table &table)
{
    return QCoreApplication::translate("Commands", "Rename table %1").arg(table.name);
}

QString tableColorText(const Runtime::Table &table)
{
    return QCoreApplication::translate("Commands", "Change the colour of %1").arg(table.name);
}

QString tenantScopedText(const Runtime::Table &table, bool scoped)
{
    return scoped ? QCoreApplication::translate("Commands", "Make %1 tenant-scoped").arg(table.name)
                  : QCoreApplication::translate("Commands", "Make %1 shared by all tenants").arg(table.name);
}

QString realtimeText(const Runtime::Table &table, bool on)
{
    return on ? QCoreApplication::translate("Commands", "Turn on realtime for %1").arg(table.name)
              : QCoreApplication::translate("Commands", "Turn off realtime for %1").arg(table.name);
}

QString addFieldText(const Runtime::Table &table, const QString &fieldName)
{
    return QCoreApplication::translate("Commands", "Add field %1 to %2").arg(fieldName, table.name);
}

QString removeFieldText(const Runtime::Table &table, const Runtime::ObjectId &fieldId)
{
    return QCoreApplication::translate("Commands", "Remove field %1 from %2")
        .arg(fieldName(table, fieldId), table.name);
}

QString changeFieldText(const Runtime::Table &table, const Runtime::ObjectId &fieldId)
{
    return QCoreApplication::translate("Commands", "Change field %1 of %2")
        .arg(fieldName(table, fieldId), table.name);
}

QString moveFieldText(const Runtime::Table &table, int from)
{
    const QString name
        = from >= 0 && from < int(table.fields.size()) ? table.fields[size_t(from)].name : QString();
    return QCoreApplication::translate("Commands", "Move field %1 of %2").arg(name, table.name);
}

QString permissionRuleText(const Runtime::Table &table, const QString &role, Runtime::Operation operation,
    const std::optional<QString> &expression)
{
    // The operation is shown by its API name (select, insert, ...), like in the rule editor.
    const QString op = Runtime::operationName(operation);
    if (!expression)
        return QCoreApplication::translate("Commands", "Remove the %1 rule of %2 for %3")
            .arg(op, table.name, role);
    return QCoreApplication::translate("Commands", "Set the %1 rule of %2 for %3").arg(op, table.name, role);
}

namespace {
// Returns the text for the change of one field from \a from to \a to in \a table (named as it is after).
QString changeOneFieldText(const Runtime::Field &from, const Runtime::Field &to, const QString &table)
{
    const auto onlyChanged = [&](auto member) {
        Runtime::Field changed = from;
        changed.*member = to.*member;
        return from.*member != to.*member && changed == to;
    };
    if (from.name != to.name) // a rename may bring more with it (rules rewritten): the rename is what was asked
        return QCoreApplication::translate("Commands", "Rename field %1 to %2 in %3").arg(from.name, to.name, table);
    if (from.type != to.type) // options that no longer fit the type go with it
        return QCoreApplication::translate("Commands", "Change the type of %1 in %2 to %3")
            .arg(to.name, table, Runtime::fieldTypeName(to.type));
    if (onlyChanged(&Runtime::Field::required))
        return to.required ? QCoreApplication::translate("Commands", "Make %1 required in %2").arg(to.name, table)
                           : QCoreApplication::translate("Commands", "Make %1 optional in %2").arg(to.name, table);
    if (onlyChanged(&Runtime::Field::unique))
        return to.unique ? QCoreApplication::translate("Commands", "Make %1 unique in %2").arg(to.name, table)
                         : QCoreApplication::translate("Commands", "Allow repeated values of %1 in %2").arg(to.name, table);
    if (onlyChanged(&Runtime::Field::description))
        return QCoreApplication::translate("Commands", "Change the description of %1 in %2").arg(to.name, table);
    if (onlyChanged(&Runtime::Field::defaultValue))
        return QCoreApplication::translate("Commands", "Change the default of %1 in %2").arg(to.name, table);
    if (onlyChanged(&Runtime::Field::validation))
        return QCoreApplication::translate("Commands", "Change the validation of %1 in %2").arg(to.name, table);
    return QCoreApplication::translate("Commands", "Change field %1 of %2").arg(to.name, table);
}
} // namespace

QString changeTableText(const Runtime::Table &before, const Runtime::Table &after, const QString &fallback)
{
    if (before.id != after.id)
        return fallback; // a table that is not in the project yet
    if (before.name != after.name) {
        Runtime::Table renamed = before;
        renamed.name = after.name;
        return renamed == after
            ? QCoreApplication::translate("Commands", "Rename table %1 to %2").arg(before.name, after.name)
            : fallback;
    }
    if (before.fields.size() != after.fields.size())
        return fallback;
    const Runtime::Field *from = nullptr;
    const Runtime::Field *to = nullptr;
    for (size_t i = 0; i < before.fields.size(); ++i) {
        if (before.fields[i].id != after.fields[i].id)
            return fallback; // a move
        if (before.fields[i] == after.fields[i])
            continue;
        if (from)
            return fallback; // several fields
        from = &before.fields[i];
        to = &after.fields[i];
    }
    return from ? changeOneFieldText(*from, *to, after.name) : fallback;
}

QString addIndexText(const Runtime::Table &table)
{
    return QCoreApplication::translate("Commands", "Add an index to %1").arg(table.name);
}

QString removeIndexText(const Runtime::Table &table)
{
    return QCoreApplication::translate("Commands", "Remove an index from %1").arg(table.name);
}

QString fieldMergeKey(const Runtime::ObjectId &fieldId, const QString &property)
{
    return QStringLiteral("field:%1:%2").arg(fieldId, property);
}

} // namespace Designer
