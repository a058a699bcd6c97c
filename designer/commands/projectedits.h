// SPDX-License-Identifier: GPL-3.0-or-later
// Pure edits of a whole project shared by the commands: removing tables and relationships with what
// depends on them, and unique names.
#pragma once

#include "model/project.h"

#include <QList>
#include <QSet>

#include <functional>

namespace Designer {

class ProjectDocument;

/** What planRemoval() found to remove or change: applyRemoval() does it, and the ids are the ChangeEvents. */
struct ProjectRemoval
{
    QList<Runtime::ObjectId> removedTableIds; ///< in project order
    QList<Runtime::ObjectId> removedRelationshipIds; ///< in project order
    QList<QPair<Runtime::ObjectId, Runtime::ObjectId>> removedFields; ///< (table id, field id) foreign keys
    QList<Runtime::ObjectId> changedTableIds; ///< remaining tables that lost a foreign-key field
    QList<Runtime::ObjectId> removedViewIds; ///< views over a removed table, in project order
    /// Remaining views that lose columns reaching through a removed relationship or into a removed table
    std::vector<Runtime::View> changedViews;
    bool projectChanged = false; ///< settings or triggers referred to a removed table

    bool isEmpty() const { return removedTableIds.isEmpty() && removedRelationshipIds.isEmpty(); }
};

/** Returns what removing the tables \a tableIds and the relationships \a relationshipIds would remove:
    every relationship a removed table takes part in, the junction table of every removed many-to-many
    relationship (and, in turn, the relationships of that table), and the foreign-key fields the removed
    one-to-one and one-to-many relationships had in remaining tables. A foreign key stays, as a plain
    field, when a permission rule of its table needs it ("customer_id = auth.uid") or the users-table
    settings name it (roleField, jwtClaimFields): removing a relationship must not break access rules.
    Views over a removed table go too; other views lose the columns that came through a removed
    relationship or from a removed field. Does not change \a project. */
ProjectRemoval planRemoval(const Runtime::Project &project, const QList<Runtime::ObjectId> &tableIds,
    const QList<Runtime::ObjectId> &relationshipIds);

/** Removes from \a project what \a removal names: tables, relationships, foreign-key fields (with the
    indexes over them), triggers of removed tables, views, and the users-table settings if the users table
    goes; changed views replace theirs. */
void applyRemoval(Runtime::Project &project, const ProjectRemoval &removal);

/** Applies \a removal to \a document's project and emits its events: TablesAboutToBeRemoved and
    TablesRemoved (if tables go), RelationshipsChanged, TableChanged for each table that lost a foreign
    key, ViewsChanged for removed and changed views, ProjectChanged if settings or triggers changed. For commands only, in redo(). */
void removeAndNotify(ProjectDocument *document, const ProjectRemoval &removal);

/** Puts back the tables, relationships, views, triggers and settings of \a before (the project before
    \a removal) and emits TablesAdded, TableChanged, RelationshipsChanged, ViewsChanged and ProjectChanged
    as needed.
    For commands only, in undo(). */
void restoreAndNotify(
    ProjectDocument *document, const Runtime::Project &before, const ProjectRemoval &removal);

/** Returns \a base if \a isTaken(base) is false, else the first of base_2, base_3, ... that is free. Keeps
    the result within PostgreSQL's 63 characters. */
QString uniqueName(const QString &base, const std::function<bool(const QString &)> &isTaken);

/** Returns a new id with \a prefix that neither \a project nor \a taken uses, and adds it to \a taken. */
Runtime::ObjectId newUniqueId(
    const Runtime::Project &project, QSet<Runtime::ObjectId> &taken, const QString &prefix);

} // namespace Designer
