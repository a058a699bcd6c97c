// SPDX-License-Identifier: GPL-3.0-or-later
// SchemaMigrator: plans and applies the changes that bring a live database to a project's schema.
#pragma once

#include "core/result.h"
#include "model/project.h"

#include <QList>
#include <QString>

namespace Runtime {

class Database;

/** One step of a migration plan, in the order it runs. */
struct MigrationStep
{
    enum class Kind {
        CreateTable, DropTable, RenameTable, RebuildTable,
        AddColumn, DropColumn, RenameColumn, ChangeColumnType, ChangeColumnConstraints,
        AddForeignKey, DropForeignKey, CreateIndex, DropIndex,
        CreateView, DropView,
    };

    Kind kind = Kind::CreateTable;
    QString description; ///< for people: "drop column products.sku"
    bool destructive = false;
    QString dataLoss;    ///< for destructive steps: "1,204 non-empty values"
    QStringList sql;     ///< the statements, in the connection's dialect; empty when a later RebuildTable
                         ///< step (SQLite) carries out this change together with the others of its table
};

/** What it takes to go from the schema last applied to a database to a new project's schema. */
struct MigrationPlan
{
    QList<MigrationStep> steps;
    /** Changes that cannot be made, each explaining why and how to get there (plan is not applicable). */
    QStringList refusals;
    /** The project the plan migrates to, recorded in _basalt_migrations when it is applied. */
    QByteArray targetProjectJson;
    /** The schema version the plan starts from; apply() refuses it once the database has moved on. */
    int baseVersion = 0;

    bool isEmpty() const { return steps.isEmpty(); }
    bool hasDestructiveSteps() const;
    bool isApplicable() const { return refusals.isEmpty(); }
    /** Returns a readable summary: one line per step, destructive ones listed apart with their loss. */
    QString summary() const;
};

/** Plans and applies migrations on one Database. The schema last applied is read from the
    `_basalt_migrations` table, which records every applied plan with its project. */
class SchemaMigrator
{
public:
    explicit SchemaMigrator(Database &database);

    /** Returns the plan that migrates the database to \a project, after checking that the live
        database still matches the schema last applied (DatabaseDrift otherwise). */
    Result<MigrationPlan> plan(const Project &project);

    /** Applies \a plan in one transaction. Refuses (DestructiveChangesNotConfirmed) if it has
        destructive steps and \a allowDestructive is false, and (MigrationRefused) if it has refusals;
        nothing is written then. Any failure rolls everything back (MigrationFailed).
        Returns the new schema version. An empty plan changes nothing and returns the current version. */
    Result<int> apply(const MigrationPlan &plan, bool allowDestructive);

    /** Returns the number of the last applied migration, 0 for a database Basalt has not touched. */
    Result<int> schemaVersion();

private:
    Database &m_database;
};

} // namespace Runtime
