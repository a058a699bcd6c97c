// SPDX-License-Identifier: GPL-3.0-or-later
// MigrationHistory: the `_basalt_migrations` table, which records every applied plan with its project.
#pragma once

#include "core/result.h"
#include "model/project.h"

#include <QByteArray>

#include <memory>

namespace Runtime {

class Database;

/** Reads and appends to `_basalt_migrations` (version, applied_at, summary, project JSON) of one Database.
    A database without that table is one Basalt has never migrated: version 0, an empty project. */
class MigrationHistory
{
public:
    explicit MigrationHistory(Database &database);

    /** Returns the latest applied version, 0 if none. */
    Result<int> latestVersion();
    /** Returns the project last migrated to, read back from its recorded JSON; an empty project if none. */
    Result<std::unique_ptr<Project>> latestProject();
    /** Creates the table if needed and records \a version; run inside the migration's transaction. */
    Result<void> record(int version, const QString &summary, const QByteArray &projectJson);

private:
    Result<bool> exists();

    Database &m_database;
};

} // namespace Runtime
