// SPDX-License-Identifier: GPL-3.0-or-later
// setUpDatabase: brings a database to a project's schema and adds the auth API's tables, before serving.
#pragma once

#include "core/result.h"
#include "model/project.h"
#include "storage/database.h"
#include "storage/schemamigrator.h"

namespace Runtime {

/** The outcome of setUpDatabase() or applyMigrationPlan(): what was planned and the schema version in
    force afterwards. When destructiveRefused is true nothing was written: the plan would lose data and
    was not allowed to, and schemaVersion is still the version the database had. */
struct DatabaseSetup
{
    MigrationPlan plan;
    int schemaVersion = 0;
    bool destructiveRefused = false;
};

/** Plans the migration of \a database to \a project's schema and applies it, then creates the auth API's
    own tables if missing (ensureAuthTables()). Writes nothing when the plan has refusals (MigrationRefused,
    each refusal a problem) or when it has destructive steps and \a allowDestructive is false (then the
    result says destructiveRefused, with the plan, so the caller can show what it would lose and ask).
    Prints nothing. Returns DatabaseDrift, MigrationFailed and the database's errors as they come. Used by
    basalt-server before it serves and by the designer's run controller; call on the thread that opened
    \a database. */
Result<DatabaseSetup> setUpDatabase(Database &database, const Project &project, bool allowDestructive);

/** As above, on a connection to \a url opened and closed on the calling thread (DatabaseOpenFailed). */
Result<DatabaseSetup> setUpDatabase(const DatabaseUrl &url, const Project &project, bool allowDestructive);

/** Applies \a plan, made earlier by setUpDatabase() and confirmed by the user, destructive steps
    included, then ensures the auth API's tables. SchemaMigrator::apply() refuses a plan whose base
    version is no longer the database's. Returns the setup with the new schema version. */
Result<DatabaseSetup> applyMigrationPlan(Database &database, const MigrationPlan &plan);

} // namespace Runtime
