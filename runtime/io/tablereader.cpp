// SPDX-License-Identifier: GPL-3.0-or-later
// Reads tables (with their fields, indexes and permission rules) and views from a .basalt file.
#include "formatnames.h"
#include "projectreader_p.h"

namespace Runtime {

namespace {
using Presence = JsonObjectReader::Presence;

QPointF readPosition(const QJsonValue &value, const QString &path, QList<Problem> &problems,
                     const ObjectId &id)
{
    if (value.isUndefined())
        return {};
    JsonObjectReader r(value, path, problems);
    r.setObjectId(id);
    const double x = r.number("x", Presence::Required).value_or(0);
    const double y = r.number("y", Presence::Required).value_or(0);
    r.finish();
    return {x, y};
}

Validation readValidation(const QJsonValue &value, const QString &path, QList<Problem> &problems,
                          const ObjectId &id)
{
    if (value.isUndefined())
        return {};
    JsonObjectReader r(value, path, problems);
    r.setObjectId(id);
    Validation v;
    v.min = r.number("min");
    v.max = r.number("max");
    v.minLength = r.integer("minLength");
    v.maxLength = r.integer("maxLength");
    v.pattern = r.string("pattern");
    r.finish();
    return v;
}

DefaultValue readDefault(JsonObjectReader &r)
{
    DefaultValue result;
    const QJsonValue literal = r.value("default");
    const std::optional<DefaultValue::Kind> function
        = r.enumValue<DefaultValue::Kind>("defaultFunction", defaultFunctionFromName, defaultFunctionNames());
    // A list is the default of an array field (the validator checks it against the field's type).
    if (literal.isString() || literal.isDouble() || literal.isBool() || literal.isArray()) {
        result.kind = DefaultValue::Kind::Literal;
        result.literal = literal;
    } else if (!literal.isUndefined()) {
        r.report(r.pathOf("default"), JsonObjectReader::tr("expected a string, number, boolean or list, found %1")
                                          .arg(JsonObjectReader::describeType(literal)));
    }
    if (function && !literal.isUndefined()) {
        r.report(r.path(),
                 JsonObjectReader::tr("\"default\" and \"defaultFunction\" cannot be used together; "
                                      "keep one of them"));
    } else if (function) {
        result.kind = *function;
    }
    return result;
}

Field readField(const QJsonValue &value, const QString &path, QList<Problem> &problems)
{
    JsonObjectReader r(value, path, problems);
    Field f;
    f.id = r.string("id", Presence::Required);
    r.setObjectId(f.id);
    f.name = r.string("name", Presence::Required);
    f.type = r.enumValue<FieldType>("type", fieldTypeFromName, fieldTypeNames(), Presence::Required)
                 .value_or(FieldType::Text);
    f.description = r.string("description");
    f.primaryKey = r.enumValue<PrimaryKeyKind>("primaryKey", primaryKeyKindFromName, primaryKeyKindNames())
                       .value_or(PrimaryKeyKind::None);
    f.required = r.boolean("required");
    f.unique = r.boolean("unique");
    f.hidden = r.boolean("hidden");
    f.readOnly = r.boolean("readOnly");
    f.autoTimestamp = r.enumValue<AutoTimestamp>("autoTimestamp", autoTimestampFromName, autoTimestampNames())
                          .value_or(AutoTimestamp::None);
    f.defaultValue = readDefault(r);
    f.enumValues = r.stringList("enumValues");
    f.validation = readValidation(r.value("validation"), r.pathOf("validation"), problems, f.id);
    r.finish();
    return f;
}

Index readIndex(const QJsonValue &value, const QString &path, QList<Problem> &problems)
{
    JsonObjectReader r(value, path, problems);
    Index index;
    index.id = r.string("id", Presence::Required);
    r.setObjectId(index.id);
    index.name = r.string("name");
    index.fieldIds = r.stringList("fields", Presence::Required);
    index.unique = r.boolean("unique");
    r.finish();
    return index;
}

PermissionRule readPermission(const QJsonValue &value, const QString &path, QList<Problem> &problems)
{
    JsonObjectReader r(value, path, problems);
    PermissionRule rule;
    rule.id = r.string("id", Presence::Required);
    r.setObjectId(rule.id);
    rule.role = r.string("role", Presence::Required);
    rule.operation
        = r.enumValue<Operation>("operation", operationFromName, operationNames(), Presence::Required)
              .value_or(Operation::Select);
    rule.expression = r.string("expression");
    r.finish();
    return rule;
}

ViewColumn readViewColumn(const QJsonValue &value, const QString &path, QList<Problem> &problems)
{
    JsonObjectReader r(value, path, problems);
    ViewColumn column;
    column.name = r.string("name", Presence::Required);
    column.relationshipId = r.string("relationship");
    column.fieldId = r.string("field", Presence::Required);
    r.finish();
    return column;
}
} // namespace

Table readTable(const QJsonValue &value, const QString &path, QList<Problem> &problems)
{
    JsonObjectReader r(value, path, problems);
    Table t;
    t.id = r.string("id", Presence::Required);
    r.setObjectId(t.id);
    t.name = r.string("name", Presence::Required);
    t.description = r.string("description");
    t.position = readPosition(r.value("position"), r.pathOf("position"), problems, t.id);
    t.color = r.string("color");
    t.tenantScoped = r.boolean("tenantScoped");
    t.realtime = r.boolean("realtime");
    t.fields = readArray<Field>(r, "fields", problems, readField, Presence::Required);
    t.indexes = readArray<Index>(r, "indexes", problems, readIndex);
    t.permissions = readArray<PermissionRule>(r, "permissions", problems, readPermission);
    r.finish();
    return t;
}

} // namespace Runtime

namespace Runtime {

View readView(const QJsonValue &value, const QString &path, QList<Problem> &problems)
{
    JsonObjectReader r(value, path, problems);
    View v;
    v.id = r.string("id", Presence::Required);
    r.setObjectId(v.id);
    v.name = r.string("name", Presence::Required);
    v.description = r.string("description");
    v.position = readPosition(r.value("position"), r.pathOf("position"), problems, v.id);
    v.color = r.string("color");
    v.baseTableId = r.string("table", Presence::Required);
    v.columns = readArray<ViewColumn>(r, "columns", problems, readViewColumn, Presence::Required);
    v.filter = r.string("filter");
    v.permissions = readArray<PermissionRule>(r, "permissions", problems, readPermission);
    r.finish();
    return v;
}

} // namespace Runtime
