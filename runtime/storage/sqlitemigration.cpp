// SPDX-License-Identifier: GPL-3.0-or-later
// MigrationPlanner on SQLite: renames and simple additions with ALTER TABLE, everything else by rebuilding
// the table with its data, keys and indexes (SQLite's documented 12-step procedure).
#include "migrationplanner.h"

#include "sqlitedialect.h"

namespace Runtime {

namespace {
const QString s_rebuildPrefix = QStringLiteral("_basalt_rebuild_");
} // namespace

// Renames run first: ALTER TABLE ... RENAME also rewrites the foreign keys of other tables that point at the
// renamed table or column, which a rebuild (drop + rename) would leave dangling.
Result<void> MigrationPlanner::planSqlite()
{
    for (const TableDiff &t : std::as_const(m_diff.tables)) {
        if (needsRebuild(t))
            continue; // the rebuild drops the old indexes with the old table
        for (const IndexSchema &index : t.removedIndexes())
            addStep(MigrationStep::Kind::DropIndex, indexDescription(t.oldSchema.name, index, false),
                {m_dialect.dropIndex(index.name)});
    }
    if (Result<void> dropped = planDroppedTables(); !dropped)
        return dropped;
    planTableRenames();
    for (const TableDiff &t : std::as_const(m_diff.tables))
        planColumnRenames(t, true);
    for (const TableDiff &t : std::as_const(m_diff.tables)) {
        if (needsRebuild(t)) {
            if (Result<void> rebuilt = planSqliteRebuild(t); !rebuilt)
                return rebuilt;
            continue;
        }
        for (const Field *field : t.addedFields) {
            addStep(MigrationStep::Kind::AddColumn, tr("add column %1.%2").arg(t.newTable->name, field->name),
                {m_dialect.addColumn(t.newTable->name, *t.newSchema.column(field->id))});
        }
        for (const FieldPair &pair : t.keptFields)
            planColumnChange(t, pair, false); // only type changes that keep the stored form get here
    }
    planCreatedTables();
    for (const TableDiff &t : std::as_const(m_diff.tables)) {
        if (needsRebuild(t))
            continue;
        for (const IndexSchema &index : t.addedIndexes())
            addStep(MigrationStep::Kind::CreateIndex, indexDescription(t.newSchema.name, index, true),
                {m_dialect.createIndex(t.newTable->name, index)});
    }
    return {};
}

bool MigrationPlanner::isSimpleAddition(const TableDiff &t, const Field &field) const
{
    // ALTER TABLE ADD COLUMN takes no key, constraint or non-constant default, nor NOT NULL without a
    // default.
    const ColumnSchema &column = *t.newSchema.column(field.id);
    if (!column.primaryKeySql.isEmpty() || (column.notNull && column.defaultSql.isEmpty()))
        return false;
    if (field.defaultValue.kind != DefaultValue::Kind::None
        && field.defaultValue.kind != DefaultValue::Kind::Literal)
        return false;
    return std::none_of(t.newSchema.constraints.begin(), t.newSchema.constraints.end(),
        [&](const ConstraintSchema &c) { return c.fieldId == field.id; });
}

bool MigrationPlanner::needsRebuild(const TableDiff &t) const
{
    if (!t.droppedFields.isEmpty())
        return true;
    for (const FieldPair &pair : t.keptFields) {
        if (pair.convertsValues())
            return true;
    }
    // After the renames and simple additions, does the table read exactly like the target?
    TableSchema candidate = t.oldSchema;
    for (const Field *field : t.addedFields) {
        if (!isSimpleAddition(t, *field))
            return true;
        candidate.columns << *t.newSchema.column(field->id);
    }
    return m_dialect.createTable(candidate) != m_dialect.createTable(t.newSchema);
}

Result<void> MigrationPlanner::planSqliteRebuild(const TableDiff &t)
{
    using Kind = ConstraintSchema::Kind;
    const QString table = t.newTable->name;
    // What changes, for people; the rebuild step below carries the SQL of all of it.
    for (const Field *field : t.droppedFields) {
        Result<QString> loss = columnLoss(*t.oldTable, *field);
        if (!loss)
            return loss.error();
        addStep(MigrationStep::Kind::DropColumn, tr("drop column %1.%2").arg(table, field->name), {}, *loss);
    }
    for (const Field *field : t.addedFields)
        addStep(MigrationStep::Kind::AddColumn, tr("add column %1.%2").arg(table, field->name));
    for (const FieldPair &pair : t.keptFields)
        planColumnChange(t, pair, false);
    for (const ConstraintSchema &c : t.removedConstraints()) {
        const ConstraintSchema *now = t.newSchema.constraint(c.name);
        if (!now || *now != c)
            addStep(c.kind == Kind::ForeignKey ? MigrationStep::Kind::DropForeignKey
                                               : MigrationStep::Kind::ChangeColumnConstraints,
                constraintDescription(t.oldSchema, c, false));
    }
    for (const ConstraintSchema &c : t.addedConstraints()) {
        const ConstraintSchema *before = t.oldSchema.constraint(c.name);
        if (!before || *before != c)
            addStep(c.kind == Kind::ForeignKey ? MigrationStep::Kind::AddForeignKey
                                               : MigrationStep::Kind::ChangeColumnConstraints,
                constraintDescription(t.newSchema, c, true));
    }
    for (const IndexSchema &index : t.removedIndexes())
        addStep(MigrationStep::Kind::DropIndex, indexDescription(table, index, false));
    for (const IndexSchema &index : t.addedIndexes())
        addStep(MigrationStep::Kind::CreateIndex, indexDescription(table, index, true));
    addStep(MigrationStep::Kind::RebuildTable,
        tr("rebuild table %1 with its rows, keys and indexes (SQLite cannot make these changes in place)")
            .arg(table),
        rebuildStatements(t));
    return {};
}

// Runs after the renames, so the table and its kept columns already have their new names.
QStringList MigrationPlanner::rebuildStatements(const TableDiff &t) const
{
    const QString table = t.newTable->name;
    const QString temporary = s_rebuildPrefix + table;
    QStringList sql {m_dialect.createTable(t.newSchema, temporary)};
    QStringList columns;
    QStringList values;
    for (const FieldPair &pair : t.keptFields) {
        columns << pair.newField->name;
        values << convertedValue(pair, m_dialect.quoteIdentifier(pair.newField->name));
    }
    sql << m_dialect.copyRows(temporary, columns, values, table);
    const Field *oldKey = t.oldTable->primaryKey();
    const Field *newKey = t.newTable->primaryKey();
    if (oldKey && newKey && oldKey->primaryKey == PrimaryKeyKind::AutoIncrement
        && newKey->primaryKey == PrimaryKeyKind::AutoIncrement)
        sql << static_cast<const SqliteDialect &>(m_dialect).copyAutoIncrementCounter(table, temporary);
    sql << m_dialect.dropTable(table) << m_dialect.renameTable(temporary, table);
    for (const IndexSchema &index : t.newSchema.indexes)
        sql << m_dialect.createIndex(table, index);
    return sql;
}

} // namespace Runtime
