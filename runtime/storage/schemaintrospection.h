// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the live schema back: tables, columns, and how they differ from the schema Basalt applied.
#pragma once

#include "core/result.h"
#include "model/project.h"

#include <QStringList>

namespace Runtime {

class Database;

/** The name of the table recording applied migrations; it belongs to Basalt, never to a project. */
inline constexpr char s_migrationsTable[] = "_basalt_migrations";

/** Returns the names of the base tables in \a database, sorted. */
Result<QStringList> liveTableNames(Database &database);
/** Returns the column names of \a table in \a database, in column order (empty if there is no such table). */
Result<QStringList> liveColumnNames(Database &database, const QString &table);

/** Returns, one line each, where \a database no longer matches \a applied (the project last migrated
    to): tables or columns that are missing, and columns that Basalt did not create in its tables.
    Empty when they match. */
Result<QStringList> schemaDrift(Database &database, const Project &applied);

} // namespace Runtime
