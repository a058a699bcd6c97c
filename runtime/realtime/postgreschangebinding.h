// SPDX-License-Identifier: GPL-3.0-or-later
// PostgresChangeBinding: one postgres_changes subscription of a channel: event, table, filter and columns.
#pragma once

#include "changefilter.h"
#include "core/result.h"
#include "model/project.h"
#include "storage/recordchange.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Runtime {

/** A postgres_changes binding from a phx_join's config: which operations (`*`, INSERT, UPDATE, DELETE) of
    which table (or every table: absent or `*`; only tables with Realtime on, Table::realtime), rows passing
   its filter (conditions joined with commas all hold), and the columns sent (`select`; the primary key
   always). The binding as the client sent it is kept in \c echo, with its id, for the join reply: realtime-js
   compares each entry's event, schema, table and filter with its own, in order. Made on a request thread,
   read there. */
struct PostgresChangeBinding
{
    qint64 id = 0;
    QJsonObject echo; ///< the client's binding plus "id", as the join reply sends it back
    std::optional<RecordOperation> operation; ///< none: `*`
    QString table; ///< empty: every table
    std::vector<ChangeFilter> filters;
    QStringList columns; ///< `select`; empty: every column the subscriber may see

    /** Returns the binding \a spec of a phx_join (its config.postgres_changes entry) against \a project, with
        \a id, or InvalidBody naming what is wrong: an event, schema, table, column or operator that does not
        exist, a table with Realtime off, a hidden column in a filter or select for a caller that is not the
       service role (\a service).
     */
    static Result<PostgresChangeBinding> parse(
        const QJsonObject &spec, const Project &project, qint64 id, bool service);

    /** Returns whether \a change of \a table passes: operation, table and filter (on the new row, or the old
        one for a DELETE). */
    bool matches(const Table &table, const RecordChange &change) const;
};

/** Returns the `data` of a postgres_changes event for \a change of \a table with the columns \a columns (in
    the table's order; the caller decides which): `{schema: "public", table, commit_timestamp, type, columns:
    [{name, type}], record, old_record, errors: null}`, without `record` for a DELETE and without `old_record`
    for an INSERT. */
QJsonObject postgresChangeData(const Table &table, const RecordChange &change, const QStringList &columns);

/** Returns PostgreSQL's type name (pg_type.typname) of a column of \a type: int8, numeric, bool, text,
    uuid, date, timestamptz, jsonb, _text, _int8. */
QString postgresTypeName(FieldType type);

} // namespace Runtime
