// SPDX-License-Identifier: GPL-3.0-or-later
// ServerConfig: what a running server serves, shared read-only by every request.
#pragma once

#include "model/project.h"
#include "storage/database.h"

#include <memory>

namespace Runtime {

/** What the server serves: its own copy of the project (never the designer's live model), the database
    it was migrated into and the schema version that migration produced. Copied into the Server, read-only
    afterwards, so request threads may share it without locking. Each request thread opens its own
    connection from \c database (QSqlDatabase connections belong to one thread). */
struct ServerConfig
{
    std::shared_ptr<const Project> project;
    DatabaseUrl database;
    int schemaVersion = 0;
};

} // namespace Runtime
