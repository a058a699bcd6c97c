// SPDX-License-Identifier: GPL-3.0-or-later
// SchemaDiff: what differs between two projects' schemas, matched by stable ids (so renames keep data).
#include "schemadiff.h"

#include "sqldialect.h"
#include "typeconversion.h"

namespace Runtime {

namespace {
// Returns \a oldProject with every table and field that survives into \a newProject renamed to its new
// name, so that schemas rendered from it differ from the new ones only where something really changed.
Project renamedToNew(const Project &oldProject, const Project &newProject)
{
    Project renamed = oldProject;
    for (Table &table : renamed.tables) {
        const Table *target = newProject.table(table.id);
        if (!target)
            continue;
        table.name = target->name;
        for (Field &field : table.fields) {
            if (const Field *f = target->field(field.id))
                field.name = f->name;
        }
    }
    return renamed;
}

TableDiff diffTable(const Table &oldTable, const Table &newTable, const Project &renamed,
    const Project &newProject, const SqlDialect &dialect)
{
    TableDiff diff;
    diff.oldTable = &oldTable;
    diff.newTable = &newTable;
    diff.oldSchema = buildTableSchema(renamed, *renamed.table(oldTable.id), dialect);
    diff.newSchema = buildTableSchema(newProject, newTable, dialect);
    for (const Field &f : oldTable.fields) {
        if (!newTable.field(f.id))
            diff.droppedFields << &f;
    }
    for (const Field &f : newTable.fields) {
        if (const Field *old = oldTable.field(f.id))
            diff.keptFields << FieldPair {old, &f};
        else
            diff.addedFields << &f;
    }
    return diff;
}

bool sameIndex(const IndexSchema &a, const IndexSchema &b)
{
    return a.unique == b.unique && a.columns == b.columns;
}
} // namespace

bool FieldPair::convertsValues() const
{
    return typeConversion(oldField->type, newField->type) != TypeConversion::None;
}

bool TableDiff::changesPrimaryKey() const
{
    const Field *oldKey = oldTable->primaryKey();
    const Field *newKey = newTable->primaryKey();
    if (!oldKey || !newKey)
        return oldKey != newKey;
    return oldKey->id != newKey->id || oldKey->primaryKey != newKey->primaryKey;
}

const FieldPair *TableDiff::keptByOldName(const QString &oldName) const
{
    for (const FieldPair &pair : keptFields) {
        if (pair.oldField->name == oldName)
            return &pair;
    }
    return nullptr;
}

bool TableDiff::touchesConvertedColumn(const ConstraintSchema &constraint) const
{
    for (const FieldPair &pair : keptFields) {
        if (pair.newField->id == constraint.fieldId && pair.convertsValues())
            return true;
    }
    return false;
}

QList<ConstraintSchema> TableDiff::removedConstraints() const
{
    QList<ConstraintSchema> out;
    for (const ConstraintSchema &c : oldSchema.constraints) {
        const ConstraintSchema *now = newSchema.constraint(c.name);
        if (!now || *now != c || touchesConvertedColumn(c))
            out << c;
    }
    return out;
}

QList<ConstraintSchema> TableDiff::addedConstraints() const
{
    QList<ConstraintSchema> out;
    for (const ConstraintSchema &c : newSchema.constraints) {
        const ConstraintSchema *before = oldSchema.constraint(c.name);
        if (!before || *before != c || touchesConvertedColumn(c))
            out << c;
    }
    return out;
}

QList<IndexSchema> TableDiff::removedIndexes() const
{
    QList<IndexSchema> out;
    for (const IndexSchema &i : oldSchema.indexes) {
        const IndexSchema *now = newSchema.index(i.name);
        if (!now || !sameIndex(*now, i))
            out << i;
    }
    return out;
}

QList<IndexSchema> TableDiff::addedIndexes() const
{
    QList<IndexSchema> out;
    for (const IndexSchema &i : newSchema.indexes) {
        const IndexSchema *before = oldSchema.index(i.name);
        if (!before || !sameIndex(*before, i))
            out << i;
    }
    return out;
}

bool TableDiff::isUnchanged() const
{
    if (isRenamed() || !droppedFields.isEmpty() || !addedFields.isEmpty())
        return false;
    for (const FieldPair &pair : keptFields) {
        if (pair.isRenamed() || pair.convertsValues())
            return false;
    }
    return oldSchema.columns == newSchema.columns && removedConstraints().isEmpty()
        && addedConstraints().isEmpty() && removedIndexes().isEmpty() && addedIndexes().isEmpty();
}

bool SchemaDiff::isEmpty() const
{
    return droppedTables.isEmpty() && createdTables.isEmpty()
        && std::all_of(tables.begin(), tables.end(), [](const TableDiff &t) { return t.isUnchanged(); });
}

SchemaDiff diffSchemas(const Project &oldProject, const Project &newProject, const SqlDialect &dialect)
{
    SchemaDiff diff;
    const Project renamed = renamedToNew(oldProject, newProject);
    for (const Table &t : oldProject.tables) {
        if (!newProject.table(t.id))
            diff.droppedTables << &t;
    }
    for (const Table &t : newProject.tables) {
        if (const Table *old = oldProject.table(t.id))
            diff.tables << diffTable(*old, t, renamed, newProject, dialect);
        else
            diff.createdTables << &t;
    }
    return diff;
}

} // namespace Runtime
