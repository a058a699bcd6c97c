// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON schemas of the OpenAPI document: one per table (row and update body) and the error body.
#include "openapi_p.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Runtime {

namespace {
QJsonObject typeSchema(FieldType type)
{
    switch (type) {
    case FieldType::Text:
        return {{u"type"_s, u"string"_s}};
    case FieldType::Integer:
        return {{u"type"_s, u"integer"_s}, {u"format"_s, u"int64"_s}};
    case FieldType::Number:
        return {{u"type"_s, u"number"_s}};
    case FieldType::Boolean:
        return {{u"type"_s, u"boolean"_s}};
    case FieldType::Date:
        return {{u"type"_s, u"string"_s}, {u"format"_s, u"date"_s}};
    case FieldType::DateTime:
        return {{u"type"_s, u"string"_s}, {u"format"_s, u"date-time"_s}};
    case FieldType::Json:
        return {}; // any JSON value
    case FieldType::Uuid:
        return {{u"type"_s, u"string"_s}, {u"format"_s, u"uuid"_s}};
    case FieldType::Email:
        return {{u"type"_s, u"string"_s}, {u"format"_s, u"email"_s}};
    case FieldType::Url:
        return {{u"type"_s, u"string"_s}, {u"format"_s, u"uri"_s}};
    case FieldType::Enum:
    case FieldType::File:
        return {{u"type"_s, u"string"_s}};
    case FieldType::TextArray:
    case FieldType::IntegerArray:
        return {{u"type"_s, u"array"_s}, {u"items"_s, typeSchema(arrayElementType(type))}};
    }
    return {};
}

// PostgREST's notes, which supabase tooling reads: "This is a Primary Key.<pk/>" and the foreign key target.
QString fieldNotes(const Project &project, const Field &field)
{
    QStringList notes;
    if (field.isPrimaryKey())
        notes << u"This is a Primary Key.<pk/>"_s;
    if (const Relationship *relationship = project.relationshipForField(field.id)) {
        ObjectId target = relationship->fromTableId;
        if (relationship->isManyToMany() && field.id == relationship->junctionToFieldId)
            target = relationship->toTableId;
        const Table *table = project.table(target);
        const Field *key = table ? table->primaryKey() : nullptr;
        if (key) {
            notes << u"This is a Foreign Key to `%1.%2`.<fk table='%1' column='%2'/>"_s.arg(
                table->name, key->name);
        }
    }
    return notes.isEmpty() ? QString() : u"Note:\n"_s + notes.join(u'\n');
}

void addValidation(const Field &field, QJsonObject &schema)
{
    const Validation &v = field.validation;
    if (v.min)
        schema.insert(u"minimum"_s, *v.min);
    if (v.max)
        schema.insert(u"maximum"_s, *v.max);
    if (v.minLength)
        schema.insert(u"minLength"_s, *v.minLength);
    if (v.maxLength)
        schema.insert(u"maxLength"_s, *v.maxLength);
    if (!v.pattern.isEmpty())
        schema.insert(u"pattern"_s, v.pattern);
}

QJsonObject fieldSchema(const Project &project, const Field &field)
{
    QJsonObject schema = typeSchema(field.type);
    const bool nullable = !field.required && !field.isPrimaryKey();
    if (nullable && field.type != FieldType::Json) // a schema without a type already allows null
        schema.insert(u"nullable"_s, true);
    if (field.type == FieldType::Enum) {
        QJsonArray values = QJsonArray::fromStringList(field.enumValues);
        if (nullable)
            values.append(QJsonValue::Null); // OpenAPI 3.0: enum must list null for a nullable enum
        schema.insert(u"enum"_s, values);
    }
    addValidation(field, schema);
    if (field.defaultValue.kind == DefaultValue::Kind::Literal)
        schema.insert(u"default"_s, field.defaultValue.literal);
    if (field.isAutoManaged())
        schema.insert(u"readOnly"_s, true);
    QString description = field.description;
    const QString notes = fieldNotes(project, field);
    if (!notes.isEmpty())
        description += (description.isEmpty() ? QString() : u"\n\n"_s) + notes;
    if (!description.isEmpty())
        schema.insert(u"description"_s, description);
    return schema;
}

QJsonObject properties(const Project &project, const Table &table)
{
    QJsonObject out;
    for (const Field &field : table.fields) {
        if (!field.hidden)
            out.insert(field.name, fieldSchema(project, field));
    }
    return out;
}
} // namespace

QJsonObject openApiRef(const QString &section, const QString &name)
{
    return {{u"$ref"_s, u"#/components/%1/%2"_s.arg(section, name)}};
}

QJsonObject openApiRowSchema(const Project &project, const Table &table)
{
    QJsonObject schema {{u"type"_s, u"object"_s}, {u"properties"_s, properties(project, table)}};
    if (!table.description.isEmpty())
        schema.insert(u"description"_s, table.description);
    QJsonArray required;
    for (const Field &field : table.fields) {
        if (!field.hidden && (field.required || field.isSuppliedKey()) && !field.isAutoManaged()
            && field.defaultValue.isNone())
            required.append(field.name);
    }
    if (!required.isEmpty())
        schema.insert(u"required"_s, required);
    return schema;
}

QJsonObject openApiUpdateSchema(const Project &project, const Table &table)
{
    return {
        {u"type"_s, u"object"_s},
        {u"description"_s, u"The columns of %1 to change; any subset of them."_s.arg(table.name)},
        {u"properties"_s, properties(project, table)},
    };
}

QJsonObject openApiErrorSchema()
{
    const QJsonObject string {{u"type"_s, u"string"_s}};
    const QJsonObject nullableString {{u"type"_s, u"string"_s}, {u"nullable"_s, true}};
    QJsonObject code = string;
    code.insert(u"description"_s, u"PostgREST's error code (PGRSTxxx) or an SQLSTATE, e.g. 23505"_s);
    return {
        {u"type"_s, u"object"_s},
        {u"required"_s, QJsonArray {u"code"_s, u"message"_s, u"details"_s, u"hint"_s}},
        {u"properties"_s,
            QJsonObject {{u"code"_s, code}, {u"message"_s, string}, {u"details"_s, nullableString},
                {u"hint"_s, nullableString}}},
    };
}

} // namespace Runtime
