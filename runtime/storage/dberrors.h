// SPDX-License-Identifier: GPL-3.0-or-later
// DbErrors: translates database errors into the data API's errors, naming fields instead of constraints.
#pragma once

#include "core/error.h"
#include "model/project.h"

#include <QHash>
#include <QSqlError>
#include <QVariant>

namespace Runtime {

class SqlDialect;
enum class DatabaseEngine;

/** What the failing statement was doing, for foreign-key messages. */
enum class WriteKind { Insert, Update, Delete, Read };

/** Returns ForeignKeyViolation as \a kind meets it: a missing referenced row, or (Delete) a row still
    referenced. \a detail goes to the logs only. */
Error foreignKeyViolation(WriteKind kind, const QString &detail);

/** Returns the API error for \a error of a statement-less call on the connection (begin, commit) or of
    a statement whose error is no constraint's: DatabaseBusy (the write lock stayed taken), DiskFull, or
    DatabaseQueryFailed. \a detail goes to the logs only. */
Error connectionError(const QSqlError &error, DatabaseEngine engine, const QString &detail);

/** Returns the API error for \a error, raised by \a sql on \a table: not-null, unique, foreign-key and
    check violations become their own codes, with the field found through the table's constraint names
    (derived from stable ids) or SQLite's message; \a values (field name → bound value) fill in
    PostgreSQL's `Key (email)=(a@b.c) already exists.` detail. Anything else is DatabaseQueryFailed.
    The SQL text goes into Error::detail only. */
Error translateDatabaseError(const QSqlError &error, const QString &sql, const Project &project,
    const Table &table, const SqlDialect &dialect, WriteKind kind, const QHash<QString, QVariant> &values);

} // namespace Runtime
