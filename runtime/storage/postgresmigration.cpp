// SPDX-License-Identifier: GPL-3.0-or-later
// MigrationPlanner on PostgreSQL: everything in place with ALTER TABLE, which is transactional there.
#include "migrationplanner.h"

#include "sqldialect.h"

namespace Runtime {

// The order keeps every statement valid when it runs: what references an object goes before the object,
// names are freed before they are taken, and foreign keys come last, once both ends exist.
Result<void> MigrationPlanner::planPostgres()
{
    planPostgresDrops();
    if (Result<void> dropped = planDroppedTables(); !dropped)
        return dropped;
    planTableRenames();
    for (const TableDiff &t : std::as_const(m_diff.tables)) {
        if (Result<void> columns = planPostgresColumns(t); !columns)
            return columns;
    }
    planPostgresAdditions();
    return {};
}

void MigrationPlanner::planPostgresDrops()
{
    using Kind = ConstraintSchema::Kind;
    for (const Table *table : std::as_const(m_diff.droppedTables)) {
        const TableSchema schema = buildTableSchema(m_old, *table, m_dialect);
        for (const ConstraintSchema &c : schema.constraints) {
            if (c.kind == Kind::ForeignKey)
                addStep(MigrationStep::Kind::DropForeignKey, constraintDescription(schema, c, false),
                    {m_dialect.dropConstraint(table->name, c.name)});
        }
    }
    for (const TableDiff &t : std::as_const(m_diff.tables)) {
        for (const ConstraintSchema &c : t.removedConstraints()) {
            if (c.kind == Kind::ForeignKey)
                addStep(MigrationStep::Kind::DropForeignKey, constraintDescription(t.oldSchema, c, false),
                    {m_dialect.dropConstraint(t.oldTable->name, c.name)});
        }
    }
    for (const TableDiff &t : std::as_const(m_diff.tables)) {
        for (const IndexSchema &index : t.removedIndexes())
            addStep(MigrationStep::Kind::DropIndex, indexDescription(t.oldSchema.name, index, false),
                {m_dialect.dropIndex(index.name)});
        for (const ConstraintSchema &c : t.removedConstraints()) {
            if (c.kind != Kind::ForeignKey)
                addStep(MigrationStep::Kind::ChangeColumnConstraints,
                    constraintDescription(t.oldSchema, c, false),
                    {m_dialect.dropConstraint(t.oldTable->name, c.name)});
        }
    }
}

// Runs after the table renames: the table has its new name. Columns are dropped before the renames so
// that a new column can take a dropped one's name.
Result<void> MigrationPlanner::planPostgresColumns(const TableDiff &t)
{
    const QString table = t.newTable->name;
    for (const Field *field : t.droppedFields) {
        Result<QString> loss = columnLoss(*t.oldTable, *field);
        if (!loss)
            return loss.error();
        addStep(MigrationStep::Kind::DropColumn, tr("drop column %1.%2").arg(table, field->name),
            {m_dialect.dropColumn(table, field->name)}, *loss);
    }
    planColumnRenames(t, false);
    for (const Field *field : t.addedFields) {
        addStep(MigrationStep::Kind::AddColumn, tr("add column %1.%2").arg(table, field->name),
            {m_dialect.addColumn(table, *t.newSchema.column(field->id))});
    }
    for (const FieldPair &pair : t.keptFields)
        planColumnChange(t, pair, true);
    return {};
}

void MigrationPlanner::planPostgresAdditions()
{
    using Kind = ConstraintSchema::Kind;
    for (const TableDiff &t : std::as_const(m_diff.tables)) {
        for (const ConstraintSchema &c : t.addedConstraints()) {
            if (c.kind != Kind::ForeignKey)
                addStep(MigrationStep::Kind::ChangeColumnConstraints,
                    constraintDescription(t.newSchema, c, true),
                    {m_dialect.addConstraint(t.newTable->name, c)});
        }
    }
    planCreatedTables();
    for (const TableDiff &t : std::as_const(m_diff.tables)) {
        for (const IndexSchema &index : t.addedIndexes())
            addStep(MigrationStep::Kind::CreateIndex, indexDescription(t.newSchema.name, index, true),
                {m_dialect.createIndex(t.newTable->name, index)});
    }
    for (const TableDiff &t : std::as_const(m_diff.tables)) {
        for (const ConstraintSchema &c : t.addedConstraints()) {
            if (c.kind == Kind::ForeignKey)
                addStep(MigrationStep::Kind::AddForeignKey, constraintDescription(t.newSchema, c, true),
                    {m_dialect.addConstraint(t.newTable->name, c)});
        }
    }
    for (const Table *table : std::as_const(m_diff.createdTables)) {
        const TableSchema schema = buildTableSchema(m_new, *table, m_dialect);
        for (const ConstraintSchema &c : schema.constraints) {
            if (c.kind == Kind::ForeignKey)
                addStep(MigrationStep::Kind::AddForeignKey, constraintDescription(schema, c, true),
                    {m_dialect.addConstraint(table->name, c)});
        }
    }
}

} // namespace Runtime
