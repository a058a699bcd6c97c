// SPDX-License-Identifier: GPL-3.0-or-later
// RowVisibility: whether a caller may select a given row of a table, decided in memory from the project's
// rules.
#pragma once

#include "auth/caller.h"
#include "core/result.h"
#include "model/project.h"
#include "rules/rowrule.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace Runtime {

/** The select rules of a project compiled once for in-memory decisions, for realtime: which subscribers
    may see a committed row change (RecordChange::newRow / oldRow) without one query per subscriber.

    It answers as the data API's read (RecordStore::read through AccessPolicy) would for the same row:
    the service role sees every row; otherwise the select rules of the caller's roles
    (Caller::ruleRoles()) are combined with "or", no rule for any of them hides every row, and a
    tenant-scoped table also requires organization_id = auth.claims.organization_id. Each rule is a
    RowRule (see there for the semantics, and for when NeedsQuery is answered: relationship paths and the
    few comparisons the row alone cannot settle); the answer is NeedsQuery only when no other part of the
    condition decides. Columns: what `select=*` returns, every field but the hidden ones.

    For each committed change and subscriber:
    \code
    // once per project; order: RowRule::textOrderOf(datcollate) on PostgreSQL
    auto visibility = RowVisibility::compile(project, database.dialect().engine(), order);
    switch ((*visibility)->verdict(change.table, change.newRow, subscriber)) {
    case RowVisibility::Verdict::Visible:    // send visibleRow(table, change.newRow, subscriber)
    case RowVisibility::Verdict::Hidden:     // send nothing
    case RowVisibility::Verdict::NeedsQuery: // read it by key as the subscriber: RecordStore::read
    }
    \endcode
    A deleted row (RecordChange::oldRow) can no longer be read: a NeedsQuery for it has no query to fall
    back on after the commit, so the caller must decide (hide it, or send the key only).

    Immutable after compile(); shared by every thread (all functions are const and thread-safe). Owned
    through the shared_ptr compile() returns; the project must not change under it (compile a new one for
    a new project, as the server swaps projects). */
class RowVisibility
{
public:
    enum class Verdict {
        Visible, ///< the caller may select the row
        Hidden, ///< the caller may not (no rule for their roles, the rules are false or NULL, another tenant)
        NeedsQuery ///< ask the database: select the row by its key with the caller's rules
                   ///< (RecordStore::read)
    };

    /** Returns the select rules of \a project compiled for rows of a database of \a engine that orders
        text as \a order says (RowRule::textOrderOf() the PostgreSQL database's collation; SQLite ignores
        it), or InvalidRule naming the table and role of the first rule that does not compile (a project
        that passed validation has none). */
    static Result<std::shared_ptr<const RowVisibility>> compile(
        std::shared_ptr<const Project> project, DatabaseEngine engine, RowRule::TextOrder order);

    /** Returns whether \a caller may select \a row of \a table (a table of project()); \a row holds every
        field as the data API's JSON values, hidden ones included (a RecordChange row). */
    Verdict verdict(const Table &table, const QJsonObject &row, const Caller &caller) const;
    /** As above for the table named \a table; Hidden for a table the project does not have. */
    Verdict verdict(const QString &table, const QJsonObject &row, const Caller &caller) const;

    /** Returns false when no row of \a table can ever be visible to \a caller (no select rule for any of
        their roles): a subscription can be refused at once. True for the service role. */
    bool maySelect(const Table &table, const Caller &caller) const;

    /** Returns the columns of \a table that \a caller's `select=*` returns, in model order: every field but
        the hidden ones. The same for every caller today (the data API returns hidden fields to no one, the
        service role included); the caller is there for the day columns get rules of their own. */
    QStringList visibleColumns(const Table &table, const Caller &caller) const;
    /** Returns \a row without the fields visibleColumns() leaves out for \a caller: what may be sent. */
    QJsonObject visibleRow(const Table &table, const QJsonObject &row, const Caller &caller) const;

    const Project &project() const { return *m_project; }

private:
    RowVisibility() = default;
    struct Entry
    {
        QString role;
        RowRule rule;
    };
    struct TableRules
    {
        std::vector<Entry> select;
        std::optional<RowRule> tenant;
        QStringList columns;
    };
    const TableRules *rules(const Table &table) const;

    std::shared_ptr<const Project> m_project;
    QHash<ObjectId, TableRules> m_tables;
};

} // namespace Runtime
