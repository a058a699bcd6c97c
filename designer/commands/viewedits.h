// SPDX-License-Identifier: GPL-3.0-or-later
// Pure edits of views and their undo texts, so that every widget builds the same ChangeView for an edit.
#pragma once

#include "model/project.h"

#include <QList>
#include <QPointF>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace Designer {

/** A column a view over some base table can have: a field of the base table, or (through
    \c relationshipId) a field of the one row a to-one relationship leads to, exactly what the runtime's
    view SQL accepts (the base table's foreign keys, one-to-one relationships in either direction). */
struct ViewColumnCandidate
{
    Runtime::ViewColumn column; ///< with a default name: the field's, or `<relationship>_<field>`
    QString label; ///< "customer.email" for a related field, the field's name otherwise
    Runtime::FieldType type = Runtime::FieldType::Text;
};

/** Returns the columns a view over \a baseTableId can take in \a project, base fields first; hidden fields
    are left out (they never leave the server). */
QList<ViewColumnCandidate> viewColumnCandidates(const Runtime::Project &project, const Runtime::ObjectId &baseTableId);

/** Returns a new view of \a baseTableId named `<table>_view` (made unique among tables and views), with an id
    new in \a project, the table's non-hidden fields as columns, its card at \a position, and no rules. */
Runtime::View newView(const Runtime::Project &project, const Runtime::ObjectId &baseTableId, const QPointF &position);

/** Returns \a view over \a baseTableId instead, with that table's default columns and no filter. */
Runtime::View setViewBaseTable(const Runtime::Project &project, Runtime::View view, const Runtime::ObjectId &baseTableId);
/** Returns \a view with \a column appended, its name made unique among the view's columns. */
Runtime::View addViewColumn(Runtime::View view, Runtime::ViewColumn column);
/** Returns \a view without column \a index; unchanged if out of range. */
Runtime::View removeViewColumn(Runtime::View view, int index);
/** Returns \a view with column \a from moved to \a to; unchanged if either is out of range. */
Runtime::View moveViewColumn(Runtime::View view, int from, int to);
/** Returns \a view with column \a index named \a name. */
Runtime::View renameViewColumn(Runtime::View view, int index, const QString &name);
/** Returns \a view with the select rule for \a role set to \a expression (empty: every row), or removed when
    \a expression is nullopt (only the service role reads). A new rule gets an id new in \a project. */
Runtime::View setViewRule(const Runtime::Project &project, Runtime::View view, const QString &role,
    const std::optional<QString> &expression);

/** Returns the views of \a project that must change with the table \a before becoming \a after, as they
    become: filters follow renamed fields of their base table (renameViewFilterColumn()), and columns whose
    field is gone are dropped. Views that need no change are not returned. */
std::vector<Runtime::View> viewsFollowingTable(
    const Runtime::Project &project, const Runtime::Table &before, const Runtime::Table &after);

/** Returns a free top-left for a new card of size \a size near \a preferred, below or right of the cards of
    \a project's tables and views that would overlap it. */
QPointF freeCardPosition(const Runtime::Project &project, const QPointF &preferred, const QSizeF &size,
    const std::function<QSizeF(const Runtime::ObjectId &)> &cardSizeOf);

// The translated undo texts of these edits. \a view is the view before the edit.
QString addViewText(const Runtime::View &view);
QString renameViewText(const Runtime::View &view);
QString viewDescriptionText(const Runtime::View &view);
QString viewBaseTableText(const Runtime::View &view);
QString viewColumnsText(const Runtime::View &view);
QString viewFilterText(const Runtime::View &view);
QString viewColorText(const Runtime::View &view);
QString viewRuleText(const Runtime::View &view, const QString &role, const std::optional<QString> &expression);

} // namespace Designer
