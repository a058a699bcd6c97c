// SPDX-License-Identifier: GPL-3.0-or-later
// ChangeAudience: decides whether a realtime subscriber may receive a committed change, and which columns.
#pragma once

#include "auth/caller.h"
#include "model/project.h"
#include "storage/database.h"
#include "storage/recordchange.h"

#include <QHash>
#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <memory>

namespace Runtime {

class RowVisibility;

/** Who may receive a committed change over realtime (postgres_changes): the one place that decides, so
    that nothing leaks. The service role receives every change. Anyone else receives a change when the
    table's select rules let them select the changed row (the new row; the old one for a DELETE), decided
    in memory from the row and the subscriber's claims by RowVisibility: owner rules, tenant scope, `true`
    and every rule on the row's own columns, with the data API's semantics on both engines. A rule the row
    alone cannot settle (a relationship path, and the few comparisons RowVisibility lists) is decided by
    reading the row back by its key as the subscriber (the read-back function, one query); a deleted row
    cannot be read back, so such a DELETE is withheld. Hidden fields never leave for anyone but the service
    role (visibleColumns()).
    One per request thread and project (the endpoint makes a new one when the project changes); not
    thread-safe. */
class ChangeAudience
{
public:
    /** Compiles \a project's rules for rows of a database of \a engine (which orders text as
        RowRule::TextOrder::Collation on PostgreSQL: a text order comparison the row cannot settle is
        withheld). */
    /** Reads the row of \a table whose primary key is \a key as \a caller, through the data API with the
        caller's rules: returns whether it came back. */
    using ReadBack = std::function<bool(const Table &table, const QJsonValue &key, const Caller &caller)>;

    ChangeAudience(std::shared_ptr<const Project> project, DatabaseEngine engine, ReadBack readBack = {});
    ~ChangeAudience();

    enum class Decision { Visible, Withheld };

    /** Returns whether \a caller may receive a change of \a table, whose row is \a row (the new row, the
        old one for a DELETE: \a stored is false then, and the row cannot be read back). */
    Decision decide(const Table &table, const QJsonObject &row, const Caller &caller, bool stored = true);

    /** Returns the columns of \a table that \a caller may receive, in the table's order: all for the
        service role, else all but the hidden ones. */
    QStringList visibleColumns(const Table &table, const Caller &caller) const;

    const Project &project() const { return *m_project; }

private:
    std::shared_ptr<const Project> m_project;
    ReadBack m_readBack;
    std::shared_ptr<const RowVisibility> m_visibility; ///< null if the rules do not compile (nothing is visible)
};

} // namespace Runtime
