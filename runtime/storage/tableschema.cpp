// SPDX-License-Identifier: GPL-3.0-or-later
// TableSchema: the physical form of one model table (columns, named constraints, indexes) in a dialect.
#include "tableschema.h"

#include "sqldialect.h"

#include <QCryptographicHash>

namespace Runtime {

namespace {
constexpr qsizetype s_maxNameLength = 63; // PostgreSQL's NAMEDATALEN - 1

ColumnSchema columnSchema(const Table &table, const Field &field, const SqlDialect &dialect)
{
    ColumnSchema column;
    column.fieldId = field.id;
    column.name = field.name;
    column.fieldType = field.type;
    column.sqlType = dialect.columnType(field.type);
    column.notNull = field.required || field.isPrimaryKey();
    if (field.primaryKey != PrimaryKeyKind::AutoIncrement)
        column.defaultSql = dialect.defaultExpression(field);
    column.primaryKeySql
        = dialect.primaryKeyClause(field, generatedObjectName(QStringLiteral("pk"), table.id));
    return column;
}

QString deleteActionSql(DeleteAction action)
{
    switch (action) {
    case DeleteAction::Cascade:
        return QStringLiteral("CASCADE");
    case DeleteAction::SetNull:
        return QStringLiteral("SET NULL");
    case DeleteAction::Restrict:
        break;
    }
    return QStringLiteral("RESTRICT");
}

// Adds the foreign key \a name from \a fieldId of \a table to the key of \a referencedTableId.
void addForeignKey(TableSchema &schema, const Project &project, const Table &table, const QString &name,
    const ObjectId &fieldId, const ObjectId &referencedTableId, DeleteAction action,
    const SqlDialect &dialect)
{
    const Table *referenced = project.table(referencedTableId);
    const Field *key = referenced ? referenced->primaryKey() : nullptr;
    const Field *field = table.field(fieldId);
    if (!key || !field)
        return; // an invalid project; the validator reports it
    ConstraintSchema fk;
    fk.kind = ConstraintSchema::Kind::ForeignKey;
    fk.name = name;
    fk.body = QStringLiteral("FOREIGN KEY (") + dialect.quoteIdentifier(field->name)
        + QStringLiteral(") REFERENCES ") + dialect.quoteIdentifier(referenced->name) + QStringLiteral(" (")
        + dialect.quoteIdentifier(key->name) + QStringLiteral(") ON DELETE ") + deleteActionSql(action);
    fk.fieldId = fieldId;
    fk.referencedTableId = referenced->id;
    fk.referencedFieldId = key->id;
    schema.constraints << fk;
}

void addFieldConstraints(
    TableSchema &schema, const Project &project, const Table &table, const SqlDialect &dialect)
{
    for (const Field &field : table.fields) {
        const Relationship *r = project.relationshipForField(field.id);
        const bool oneToOneKey = r && r->kind == RelationshipKind::OneToOne && r->toTableId == table.id;
        if ((field.unique || oneToOneKey) && !field.isPrimaryKey()) {
            schema.constraints << ConstraintSchema {.kind = ConstraintSchema::Kind::Unique,
                .name = generatedObjectName(QStringLiteral("uq"), field.id),
                .body = QStringLiteral("UNIQUE (") + dialect.quoteIdentifier(field.name) + QLatin1Char(')'),
                .fieldId = field.id};
        }
        const QString check = dialect.checkCondition(field, dialect.quoteIdentifier(field.name));
        if (!check.isEmpty()) {
            schema.constraints << ConstraintSchema {.kind = ConstraintSchema::Kind::Check,
                .name = generatedObjectName(QStringLiteral("ck"), field.id),
                .body = QStringLiteral("CHECK (") + check + QLatin1Char(')'),
                .fieldId = field.id};
        }
    }
}

void addRelationships(
    TableSchema &schema, const Project &project, const Table &table, const SqlDialect &dialect)
{
    for (const Relationship &r : project.relationships) {
        if (!r.isManyToMany()) {
            if (r.toTableId == table.id)
                addForeignKey(schema, project, table, generatedObjectName(QStringLiteral("fk"), r.id),
                    r.foreignKeyFieldId, r.fromTableId, r.onDelete, dialect);
            continue;
        }
        if (r.junctionTableId != table.id)
            continue;
        // Junction rows mean nothing without both ends: they always go with either side.
        addForeignKey(schema, project, table,
            generatedObjectName(QStringLiteral("fk"), r.id, QStringLiteral("from")), r.junctionFromFieldId,
            r.fromTableId, DeleteAction::Cascade, dialect);
        addForeignKey(schema, project, table,
            generatedObjectName(QStringLiteral("fk"), r.id, QStringLiteral("to")), r.junctionToFieldId,
            r.toTableId, DeleteAction::Cascade, dialect);
        const Field *from = table.field(r.junctionFromFieldId);
        const Field *to = table.field(r.junctionToFieldId);
        if (from && to) {
            schema.indexes << IndexSchema {.id = r.id,
                .name = generatedObjectName(QStringLiteral("ux"), r.id),
                .unique = true,
                .fieldIds = {from->id, to->id},
                .columns = {from->name, to->name}};
        }
    }
}
} // namespace

const ColumnSchema *TableSchema::column(const ObjectId &fieldId) const
{
    for (const ColumnSchema &c : columns) {
        if (c.fieldId == fieldId)
            return &c;
    }
    return nullptr;
}

const ConstraintSchema *TableSchema::constraint(const QString &constraintName) const
{
    for (const ConstraintSchema &c : constraints) {
        if (c.name == constraintName)
            return &c;
    }
    return nullptr;
}

const IndexSchema *TableSchema::index(const QString &indexName) const
{
    for (const IndexSchema &i : indexes) {
        if (i.name == indexName)
            return &i;
    }
    return nullptr;
}

TableSchema buildTableSchema(const Project &project, const Table &table, const SqlDialect &dialect)
{
    TableSchema schema;
    schema.tableId = table.id;
    schema.name = table.name;
    for (const Field &field : table.fields)
        schema.columns << columnSchema(table, field, dialect);
    addFieldConstraints(schema, project, table, dialect);
    for (const Index &index : table.indexes) {
        IndexSchema is {.id = index.id, .name = indexObjectName(index), .unique = index.unique};
        for (const ObjectId &fieldId : index.fieldIds) {
            if (const Field *f = table.field(fieldId)) {
                is.fieldIds << fieldId;
                is.columns << f->name;
            }
        }
        if (!is.columns.isEmpty())
            schema.indexes << is;
    }
    addRelationships(schema, project, table, dialect);
    return schema;
}

QString generatedObjectName(const QString &prefix, const QString &id, const QString &suffix)
{
    QString name = prefix + QLatin1Char('_') + id;
    if (!suffix.isEmpty())
        name += QLatin1Char('_') + suffix;
    if (name.size() <= s_maxNameLength)
        return name;
    // Keep a readable start and make the end unique: 54 characters, '_', 8 hex digits of the full name's
    // hash.
    const QByteArray hash = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha1).toHex().left(8);
    return name.left(s_maxNameLength - 9) + QLatin1Char('_') + QString::fromLatin1(hash);
}

QString indexObjectName(const Index &index)
{
    return index.name.isEmpty() ? generatedObjectName(QStringLiteral("ix"), index.id) : index.name;
}

} // namespace Runtime
