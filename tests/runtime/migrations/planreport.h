// SPDX-License-Identifier: GPL-3.0-or-later
// Test helpers for migrations: loading projects, applying them, and plan reports checked against golden
// files.
#pragma once

#include "model/project.h"
#include "storage/database.h"
#include "storage/schemamigrator.h"

#include <QString>

#include <memory>

/** Returns "sqlite" or "postgresql", as used in row and golden file names. */
QString engineKey(Runtime::DatabaseEngine engine);
/** Adds the column "engine" and one row per engine. */
void addEngineRows();
/** Returns the project read from \a path, or nullptr with a warning. */
std::unique_ptr<Runtime::Project> load(const QString &path);
/** Returns the project data/fixtures/\a name.basalt. */
std::unique_ptr<Runtime::Project> fixture(const QString &name);

/** Returns \a plan as readable text: its summary, then every step with its SQL. */
QString renderPlan(const Runtime::MigrationPlan &plan);

/** Compares \a actual with the golden file \a path (or rewrites it when BASALT_UPDATE_GOLDEN=1); returns ""
    or where they differ. */
QString compareGolden(const QString &path, const QString &actual);

/** Runs the statements of \a script (one per line) after a migration and returns them with their outcome:
    the rows of a SELECT, or whether anything else succeeded. */
QString runChecks(Runtime::Database &db, const QString &script);

/** Plans and applies \a project with confirmation; returns the new version, or -1 with a warning on any
 * error. */
int migrate(Runtime::SchemaMigrator &migrator, const Runtime::Project &project);
