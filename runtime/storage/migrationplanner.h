// SPDX-License-Identifier: GPL-3.0-or-later
// MigrationPlanner: turns a SchemaDiff into the ordered, checked steps of a MigrationPlan.
#pragma once

#include "storage/dataprobe.h"
#include "storage/schemadiff.h"
#include "storage/schemamigrator.h"

#include <QCoreApplication>
#include <QPair>
#include <QSet>

namespace Runtime {

class Database;
class SqlDialect;

/** Plans one migration of a Database from \a oldProject (what it holds now) to \a newProject. Checks the
    live data for every change that could fail or lose something (refusals, loss counts), then lays out
    the steps for the engine: ALTER TABLE in place on PostgreSQL, table rebuilds on SQLite. Lives for one
    plan() call; the projects and database must outlive it. */
class MigrationPlanner
{
    Q_DECLARE_TR_FUNCTIONS(SchemaMigrator)

public:
    MigrationPlanner(Database &database, const Project &oldProject, const Project &newProject);

    /** Returns the plan's steps and refusals; the caller sets its project JSON and base version. */
    Result<MigrationPlan> plan();

    /** Returns \a count with thousands separators ("1,204"), as in every message of a plan. */
    static QString formatCount(qint64 count);
    /** Returns "1 row" or "1,204 rows". */
    static QString rowsText(qint64 count);
    /** Returns "1 value" or "1,204 values". */
    static QString valuesText(qint64 count);

private:
    using Rename = QPair<QString, QString>;

    // migrationchecks.cpp: refusals and what destructive steps lose.
    Result<void> checkTableNames();
    Result<void> checkTable(const TableDiff &table);
    Result<void> checkConversion(const TableDiff &table, const FieldPair &pair);
    Result<void> checkRequired(const TableDiff &table, const FieldPair &pair);
    Result<void> checkConstraint(const TableDiff &table, const ConstraintSchema &constraint);
    Result<void> checkUniqueIndex(const TableDiff &table, const IndexSchema &index);
    Result<void> checkAddedField(const TableDiff &table, const Field &field, qint64 rows);
    void refuse(const QString &reason);
    Result<QString> tableLoss(const Table &table);
    Result<QString> columnLoss(const Table &table, const Field &field);

    // postgresmigration.cpp
    Result<void> planPostgres();
    void planPostgresDrops();
    Result<void> planPostgresColumns(const TableDiff &table);
    void planPostgresAdditions();

    // viewmigration.cpp: drops the views before the table steps, creates them after.
    Result<void> planViews();

    // sqlitemigration.cpp
    Result<void> planSqlite();
    bool needsRebuild(const TableDiff &table) const;
    bool isSimpleAddition(const TableDiff &table, const Field &field) const;
    Result<void> planSqliteRebuild(const TableDiff &table);
    QStringList rebuildStatements(const TableDiff &table) const;

    // migrationplanner.cpp: shared.
    void addStep(MigrationStep::Kind kind, const QString &description, const QStringList &sql = {},
        const QString &dataLoss = {});
    Result<void> planDroppedTables();
    void planTableRenames();
    void planCreatedTables();
    void planColumnRenames(const TableDiff &table, bool includeDropped);
    /** Adds the steps that change \a pair's type, required flag and default, with SQL when \a withSql. */
    void planColumnChange(const TableDiff &table, const FieldPair &pair, bool withSql);
    QString constraintDescription(
        const TableSchema &schema, const ConstraintSchema &constraint, bool adding) const;
    QString indexDescription(const QString &table, const IndexSchema &index, bool adding) const;
    /** Returns \a moves (from → to) in an order that never collides with \a occupied or each other,
        going through temporary names when needed. */
    static QList<Rename> orderedRenames(const QList<Rename> &moves, const QStringList &occupied);
    /** Returns the SQL value of \a pair's column in the live data, converted to its new type; \a column
        is the column reference to convert (e.g. `"c"."price"`). */
    QString convertedValue(const FieldPair &pair, const QString &column) const;
    QString columnRef(const QString &alias, const QString &column) const;

    Database &m_database;
    const SqlDialect &m_dialect;
    const Project &m_old;
    const Project &m_new;
    SchemaDiff m_diff;
    DataProbe m_probe;
    MigrationPlan m_plan;
    QSet<ObjectId> m_unconvertible; ///< fields whose values cannot convert: their other checks are skipped
};

} // namespace Runtime
