// SPDX-License-Identifier: GPL-3.0-or-later
// TableSchema: the physical form of one model table (columns, named constraints, indexes) in a dialect.
#pragma once

#include "model/project.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Runtime {

class SqlDialect;

/** One column as the database sees it, rendered in a dialect. */
struct ColumnSchema
{
    ObjectId fieldId;
    QString name;
    FieldType fieldType = FieldType::Text;
    QString sqlType;
    bool notNull = false;
    QString defaultSql; ///< the DEFAULT expression; empty: none
    QString primaryKeySql; ///< the inline primary key clause; empty: not the primary key

    bool operator==(const ColumnSchema &) const = default;
};

/** A named table constraint. Names derive from stable object ids, so renames never change them. */
struct ConstraintSchema
{
    enum class Kind { Unique, Check, ForeignKey };

    Kind kind = Kind::Check;
    QString name;
    QString body; ///< the text after `CONSTRAINT "name"`, e.g. `UNIQUE ("email")`
    /** The column this constraint is about (unique, check, foreign key column). */
    ObjectId fieldId;
    /** Foreign keys only: the referenced table and its key field. */
    ObjectId referencedTableId;
    ObjectId referencedFieldId;

    bool operator==(const ConstraintSchema &) const = default;
};

/** An index over one or more columns, in order. */
struct IndexSchema
{
    ObjectId id; ///< the model index, or the many-to-many relationship of a junction table's pair index
    QString name;
    bool unique = false;
    QList<ObjectId> fieldIds;
    QStringList columns;

    bool operator==(const IndexSchema &) const = default;
};

/** The physical schema of one table, built by buildTableSchema(). Value type; holds no pointers. */
struct TableSchema
{
    ObjectId tableId;
    QString name;
    QList<ColumnSchema> columns;
    QList<ConstraintSchema> constraints;
    QList<IndexSchema> indexes;

    /** Returns the column of the field \a fieldId, or nullptr. */
    const ColumnSchema *column(const ObjectId &fieldId) const;
    /** Returns the constraint named \a name, or nullptr. */
    const ConstraintSchema *constraint(const QString &name) const;
    /** Returns the index named \a name, or nullptr. */
    const IndexSchema *index(const QString &name) const;
};

/** Returns the physical schema of \a table of \a project in \a dialect: its columns in model order; a
    unique constraint for unique fields and one-to-one foreign keys; one check per field that has checks
    SQL can express; the foreign keys of the relationships whose "to" side or junction it is; its indexes
    and, for a junction table, the unique index over the pair. */
TableSchema buildTableSchema(const Project &project, const Table &table, const SqlDialect &dialect);

/** Returns the database name of a generated object: \a prefix, '_', \a id and an optional '_' + \a suffix,
    shortened to 63 characters with a hash when longer (PostgreSQL truncates names at 63). */
QString generatedObjectName(const QString &prefix, const QString &id, const QString &suffix = {});

/** Returns the database name of \a index: its own name when set, otherwise `ix_<index id>`. */
QString indexObjectName(const Index &index);

} // namespace Runtime
