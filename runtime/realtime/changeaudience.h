// SPDX-License-Identifier: GPL-3.0-or-later
// ChangeAudience: decides whether a realtime subscriber may receive a committed change, and which columns.
#pragma once

#include "auth/caller.h"
#include "model/project.h"
#include "storage/recordchange.h"

#include <QHash>
#include <QJsonObject>
#include <QStringList>

#include <memory>

namespace Runtime {

class AccessPolicy;

/** Who may receive a committed change over realtime (postgres_changes): the one place that decides, so
    that nothing leaks. The service role receives every change. Anyone else receives a change of a table
    only when the table's select rule for one of its roles lets everyone with that role read every row (an
    empty rule, Grant::Kind::Unrestricted); a change of a table without a select rule for its roles, or whose
    rule has a condition (owner, tenant scope, paths), is withheld for now: evaluating a rule against the
    changed row and the subscriber's claims plugs in at decide() (the rule's row conditions for UPDATE,
    the old row for DELETE), and nothing else needs to change. Hidden fields never leave for anyone but
    the service role (visibleColumns()).
    One per request thread and project (the endpoint makes a new one when the project changes); not
    thread-safe. */
class ChangeAudience
{
public:
    /** Compiles \a project's rules (which must outlive the audience). */
    explicit ChangeAudience(std::shared_ptr<const Project> project);
    ~ChangeAudience();

    enum class Decision { Visible, Withheld };

    /** Returns whether \a caller may receive \a change of \a table, whose row is \a row (the new row, the
        old one for a DELETE). */
    Decision decide(const Table &table, const QJsonObject &row, const Caller &caller);

    /** Returns the columns of \a table that \a caller may receive, in the table's order: all for the
        service role, else all but the hidden ones. */
    QStringList visibleColumns(const Table &table, const Caller &caller) const;

    const Project &project() const { return *m_project; }

private:
    std::shared_ptr<const Project> m_project;
    std::shared_ptr<const AccessPolicy> m_policy; ///< null if the rules do not compile (nothing is visible)
    QHash<QString, bool> m_unrestricted; ///< table id + roles → whether the grant is unconditional
};

} // namespace Runtime
