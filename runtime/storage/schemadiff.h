// SPDX-License-Identifier: GPL-3.0-or-later
// SchemaDiff: what differs between two projects' schemas, matched by stable ids (so renames keep data).
#pragma once

#include "model/project.h"
#include "storage/tableschema.h"

#include <QList>

namespace Runtime {

class SqlDialect;

/** A field present in both projects (same id). */
struct FieldPair
{
    const Field *oldField = nullptr;
    const Field *newField = nullptr;

    bool isRenamed() const { return oldField->name != newField->name; }
    /** Returns true if the stored values must be converted (see typeConversion()). */
    bool convertsValues() const;
};

/** A table present in both projects, with its physical schema before and after. Holds pointers into the
    two projects given to diffSchemas(), which must outlive it. */
struct TableDiff
{
    const Table *oldTable = nullptr;
    const Table *newTable = nullptr;
    /** The old table's schema under the new names, so that a rename alone compares equal. */
    TableSchema oldSchema;
    TableSchema newSchema;
    QList<const Field *> droppedFields; ///< of the old table, in its order
    QList<const Field *> addedFields; ///< of the new table, in its order
    QList<FieldPair> keptFields; ///< in the new table's order

    bool isRenamed() const { return oldTable->name != newTable->name; }
    /** Returns true if the primary key moved to another field or changed its kind. */
    bool changesPrimaryKey() const;
    /** Returns the kept field whose column has the old name \a oldName, or nullptr. */
    const FieldPair *keptByOldName(const QString &oldName) const;
    /** Constraints of oldSchema that go away: removed, changed, or on a column whose values convert. */
    QList<ConstraintSchema> removedConstraints() const;
    /** Constraints of newSchema that are new, changed, or on a column whose values convert. */
    QList<ConstraintSchema> addedConstraints() const;
    QList<IndexSchema> removedIndexes() const;
    QList<IndexSchema> addedIndexes() const;
    /** Returns true if nothing about the table's database form changes. */
    bool isUnchanged() const;

private:
    bool touchesConvertedColumn(const ConstraintSchema &constraint) const;
};

/** The schema differences between an old and a new project. */
struct SchemaDiff
{
    QList<const Table *> droppedTables; ///< of the old project, in its order
    QList<const Table *> createdTables; ///< of the new project, in its order
    QList<TableDiff> tables; ///< tables in both, in the new project's order

    bool isEmpty() const;
};

/** Returns the differences from \a oldProject to \a newProject, matching tables and fields by id, with
    schemas rendered in \a dialect. Both projects must outlive the result. */
SchemaDiff diffSchemas(const Project &oldProject, const Project &newProject, const SqlDialect &dialect);

} // namespace Runtime
