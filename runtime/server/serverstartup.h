// SPDX-License-Identifier: GPL-3.0-or-later
// The steps before serving: read and validate the project, then migrate its database.
#pragma once

#include "core/result.h"
#include "model/project.h"
#include "storage/database.h"

#include <memory>

namespace BasaltServer {

/** Reads and validates the project file \a fileName. Returns the project, or the reader's Error whose
    problems list every finding (each prints as `path: message`). Touches no database. */
Runtime::Result<std::shared_ptr<const Runtime::Project>> loadProject(const QString &fileName);

/** Opens the database at \a url, plans the migration to \a project's schema and applies it. Writes
    nothing when the plan has refusals (MigrationRefused, the refusals as problems) or destructive steps
    without \a allowDestructive (DestructiveChangesNotConfirmed, its message holding the plan's summary
    and how to confirm). Reports applied changes on stderr. Returns the schema version now in force. */
Runtime::Result<int> migrateDatabase(
    const Runtime::Project &project, const Runtime::DatabaseUrl &url, bool allowDestructive);

} // namespace BasaltServer
