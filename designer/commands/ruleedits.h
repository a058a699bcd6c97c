// SPDX-License-Identifier: GPL-3.0-or-later
// Rules that follow the model: renames rewrite the permission rules that name what was renamed; deletions
// find the rules that name what goes. Pure functions over the model, for commands and the delete guard.
#pragma once

#include "model/project.h"

#include <QList>
#include <QSet>
#include <QString>

#include <vector>

namespace Designer {

/** Rewrites the permission rules that name a part of the table \a before (its name, its fields' names)
    which \a after renames: each name is replaced where the rule compiler resolves it to that part (a
    column, a path's foreign key or its `_id`-less stem, a table named in a path), so other words that only
    look alike stay. \a after's own rules are rewritten in place; the other tables of \a project whose rules
    change are returned as they become. \a project holds \a before. A new name that is not an identifier
    (while it is being typed, say) rewrites nothing. */
std::vector<Runtime::Table> rulesFollowingRename(
    const Runtime::Project &project, const Runtime::Table &before, Runtime::Table &after);

/** One permission rule that names a table, a field or a relationship about to be deleted. */
struct RuleUse
{
    Runtime::ObjectId tableId; ///< the table the rule belongs to
    Runtime::ObjectId ruleId;
    QString text; ///< "orders, select for authenticated: customer_id.name = 'Ada'"

    bool operator==(const RuleUse &) const = default;
};

/** Returns the rules of \a project that name one of \a tableIds (the table, or a field of it),
    \a fieldIds or \a relationshipIds; the rules of the deleted tables themselves go with them and are not
    listed. */
QList<RuleUse> rulesUsing(const Runtime::Project &project, const QSet<Runtime::ObjectId> &tableIds,
    const QSet<Runtime::ObjectId> &fieldIds, const QSet<Runtime::ObjectId> &relationshipIds = {});

/** Returns \a project's tables among \a uses without the rules \a uses lists: the tables to change in
    the same step as a deletion that removes them. */
std::vector<Runtime::Table> withoutRules(const Runtime::Project &project, const QList<RuleUse> &uses);

} // namespace Designer
