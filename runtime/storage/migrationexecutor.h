// SPDX-License-Identifier: GPL-3.0-or-later
// MigrationExecutor: runs a checked MigrationPlan in one transaction and records it, or changes nothing.
#pragma once

#include "core/result.h"
#include "storage/schemamigrator.h"

namespace Runtime {

class Database;

/** Applies one plan to a Database: every step and the `_basalt_migrations` record in a single
    transaction, rolled back entirely on any failure. On SQLite, foreign keys are switched off around the
    transaction (required to rebuild tables) and checked with PRAGMA foreign_key_check before commit.
    Used by SchemaMigrator::apply() after its own checks. */
class MigrationExecutor
{
public:
    explicit MigrationExecutor(Database &database);

    /** Runs \a plan and records it as \a version. Returns MigrationFailed, naming the step that failed,
        with the database as it was before. */
    Result<void> run(const MigrationPlan &plan, int version);

private:
    Result<void> runInTransaction(const MigrationPlan &plan, int version);
    Result<void> runStatement(const QString &sql, const QString &step);
    Result<void> checkForeignKeys();

    Database &m_database;
};

} // namespace Runtime
