// SPDX-License-Identifier: GPL-3.0-or-later
// Pure edits of a whole project shared by the commands: removals with their dependants, unique names.
#include "projectedits.h"

#include "document/projectdocument.h"
#include "rules/rulecompiler.h"

#include <algorithm>

namespace Designer {

namespace {
template <typename T, typename Predicate> void eraseIf(std::vector<T> &items, Predicate predicate)
{
    items.erase(std::remove_if(items.begin(), items.end(), predicate), items.end());
}

// Removes the field \a fieldId of \a table with the indexes over it.
void removeField(Runtime::Table &table, const Runtime::ObjectId &fieldId)
{
    for (Runtime::Index &index : table.indexes)
        index.fieldIds.removeAll(fieldId);
    eraseIf(table.indexes, [](const Runtime::Index &index) { return index.fieldIds.isEmpty(); });
    eraseIf(table.fields, [&](const Runtime::Field &f) { return f.id == fieldId; });
}

// Returns true if the foreign key \a fieldId of \a tableId must stay as a plain field when its relationship
// goes: the users-table settings name it, or a permission rule of its table that compiles in \a trial (the
// project after the removal) would stop compiling without it.
bool isFieldStillNeeded(
    const Runtime::Project &trial, const Runtime::ObjectId &tableId, const Runtime::ObjectId &fieldId)
{
    const Runtime::Table *table = trial.table(tableId);
    const Runtime::Field *field = table ? table->field(fieldId) : nullptr;
    if (!field)
        return false;
    if (tableId == trial.settings.usersTable
        && (trial.settings.roleField == field->name || trial.settings.jwtClaimFields.contains(field->name)))
        return true;
    Runtime::Table without = *table;
    removeField(without, fieldId);
    return std::any_of(
        table->permissions.begin(), table->permissions.end(), [&](const Runtime::PermissionRule &rule) {
            return !Runtime::RuleCompiler::check(trial, *table, rule.expression)
                && Runtime::RuleCompiler::check(trial, without, rule.expression);
        });
}

// Removes what \a removal names except its fields.
void removeTablesAndRelationships(Runtime::Project &project, const ProjectRemoval &removal)
{
    const QSet<Runtime::ObjectId> tables(removal.removedTableIds.begin(), removal.removedTableIds.end());
    const QSet<Runtime::ObjectId> relationships(
        removal.removedRelationshipIds.begin(), removal.removedRelationshipIds.end());
    eraseIf(
        project.relationships, [&](const Runtime::Relationship &r) { return relationships.contains(r.id); });
    eraseIf(project.triggers, [&](const Runtime::Trigger &t) { return tables.contains(t.tableId); });
    if (tables.contains(project.settings.usersTable)) {
        project.settings.usersTable.clear();
        project.settings.roleField.clear();
        project.settings.jwtClaimFields.clear();
    }
    eraseIf(project.tables, [&](const Runtime::Table &t) { return tables.contains(t.id); });
}
// Adds to \a removal the views of \a project over removed tables, and the views that lose columns: those
// through a removed relationship, or of a field \a trial (the project after the removal) no longer has.
void planViewRemoval(const Runtime::Project &project, Runtime::Project &trial, ProjectRemoval &removal)
{
    for (const auto &[tableId, fieldId] : removal.removedFields) {
        if (Runtime::Table *table = trial.table(tableId))
            removeField(*table, fieldId);
    }
    for (const Runtime::View &view : project.views) {
        if (removal.removedTableIds.contains(view.baseTableId)) {
            removal.removedViewIds << view.id;
            continue;
        }
        Runtime::View next = view;
        next.columns.clear();
        for (size_t i = 0; i < view.columns.size(); ++i) {
            const Runtime::ViewColumn &column = view.columns[i];
            const bool lost = (!column.relationshipId.isEmpty()
                                  && removal.removedRelationshipIds.contains(column.relationshipId))
                || (view.sourceField(project, i) && !view.sourceField(trial, i));
            if (!lost)
                next.columns.push_back(column);
        }
        if (!(next == view))
            removal.changedViews.push_back(std::move(next));
    }
}
} // namespace

ProjectRemoval planRemoval(const Runtime::Project &project, const QList<Runtime::ObjectId> &tableIds,
    const QList<Runtime::ObjectId> &relationshipIds)
{
    QSet<Runtime::ObjectId> tables;
    for (const Runtime::ObjectId &id : tableIds) {
        if (project.table(id))
            tables.insert(id);
    }
    QSet<Runtime::ObjectId> relationships;
    for (const Runtime::ObjectId &id : relationshipIds) {
        if (project.relationship(id))
            relationships.insert(id);
    }
    // A removed table takes its relationships along; a removed many-to-many takes its junction table.
    for (bool grew = true; grew;) {
        grew = false;
        for (const Runtime::Relationship &r : project.relationships) {
            if (!relationships.contains(r.id)
                && (tables.contains(r.fromTableId) || tables.contains(r.toTableId)
                    || (r.isManyToMany() && tables.contains(r.junctionTableId)))) {
                relationships.insert(r.id);
                grew = true;
            }
            if (relationships.contains(r.id) && r.isManyToMany() && project.table(r.junctionTableId)
                && !tables.contains(r.junctionTableId)) {
                tables.insert(r.junctionTableId);
                grew = true;
            }
        }
    }

    ProjectRemoval removal;
    for (const Runtime::Table &t : project.tables) {
        if (tables.contains(t.id))
            removal.removedTableIds << t.id;
    }
    for (const Runtime::Relationship &r : project.relationships) {
        if (relationships.contains(r.id))
            removal.removedRelationshipIds << r.id;
    }
    Runtime::Project trial = project;
    removeTablesAndRelationships(trial, removal);
    for (const Runtime::Relationship &r : project.relationships) {
        if (!relationships.contains(r.id) || r.isManyToMany() || tables.contains(r.toTableId)
            || !project.table(r.toTableId) || isFieldStillNeeded(trial, r.toTableId, r.foreignKeyFieldId))
            continue;
        removal.removedFields.append({r.toTableId, r.foreignKeyFieldId});
        if (!removal.changedTableIds.contains(r.toTableId))
            removal.changedTableIds << r.toTableId;
    }
    planViewRemoval(project, trial, removal);
    if (tables.contains(project.settings.usersTable))
        removal.projectChanged = true;
    if (std::any_of(project.triggers.begin(), project.triggers.end(),
            [&](const Runtime::Trigger &t) { return tables.contains(t.tableId); }))
        removal.projectChanged = true;
    return removal;
}

void applyRemoval(Runtime::Project &project, const ProjectRemoval &removal)
{
    for (const auto &[tableId, fieldId] : removal.removedFields) {
        if (Runtime::Table *table = project.table(tableId))
            removeField(*table, fieldId);
    }
    removeTablesAndRelationships(project, removal);
    std::erase_if(project.views, [&](const Runtime::View &v) { return removal.removedViewIds.contains(v.id); });
    for (Runtime::View &view : project.views) {
        for (const Runtime::View &changed : removal.changedViews) {
            if (changed.id == view.id)
                view = changed;
        }
    }
}

namespace {
QList<Runtime::ObjectId> viewIdsOf(const ProjectRemoval &removal)
{
    QList<Runtime::ObjectId> ids = removal.removedViewIds;
    for (const Runtime::View &view : removal.changedViews)
        ids << view.id;
    return ids;
}
} // namespace

void removeAndNotify(ProjectDocument *document, const ProjectRemoval &removal)
{
    using Kind = ChangeEvent::Kind;
    if (!removal.removedTableIds.isEmpty())
        document->notify({Kind::TablesAboutToBeRemoved, removal.removedTableIds});
    applyRemoval(document->editableProject(), removal);
    if (!removal.removedTableIds.isEmpty())
        document->notify({Kind::TablesRemoved, removal.removedTableIds});
    if (!removal.removedRelationshipIds.isEmpty())
        document->notify({Kind::RelationshipsChanged, removal.removedRelationshipIds});
    for (const Runtime::ObjectId &id : removal.changedTableIds)
        document->notify({Kind::TableChanged, {id}});
    if (const QList<Runtime::ObjectId> views = viewIdsOf(removal); !views.isEmpty())
        document->notify({Kind::ViewsChanged, views});
    if (removal.projectChanged)
        document->notify({Kind::ProjectChanged, {}});
}

void restoreAndNotify(
    ProjectDocument *document, const Runtime::Project &before, const ProjectRemoval &removal)
{
    using Kind = ChangeEvent::Kind;
    Runtime::Project &project = document->editableProject();
    project.tables = before.tables;
    project.relationships = before.relationships;
    project.triggers = before.triggers;
    project.settings = before.settings;
    project.views = before.views;
    if (!removal.removedTableIds.isEmpty())
        document->notify({Kind::TablesAdded, removal.removedTableIds});
    for (const Runtime::ObjectId &id : removal.changedTableIds)
        document->notify({Kind::TableChanged, {id}});
    if (!removal.removedRelationshipIds.isEmpty())
        document->notify({Kind::RelationshipsChanged, removal.removedRelationshipIds});
    if (const QList<Runtime::ObjectId> views = viewIdsOf(removal); !views.isEmpty())
        document->notify({Kind::ViewsChanged, views});
    if (removal.projectChanged)
        document->notify({Kind::ProjectChanged, {}});
}

QString uniqueName(const QString &base, const std::function<bool(const QString &)> &isTaken)
{
    constexpr qsizetype MaxLength = 63;
    const QString stem = base.left(MaxLength);
    if (!isTaken(stem))
        return stem;
    for (int n = 2;; ++n) {
        const QString suffix = QLatin1Char('_') + QString::number(n);
        const QString candidate = base.left(MaxLength - suffix.size()) + suffix;
        if (!isTaken(candidate))
            return candidate;
    }
}

Runtime::ObjectId newUniqueId(
    const Runtime::Project &project, QSet<Runtime::ObjectId> &taken, const QString &prefix)
{
    for (;;) {
        const Runtime::ObjectId id = project.newId(prefix);
        if (!taken.contains(id)) {
            taken.insert(id);
            return id;
        }
    }
}

} // namespace Designer
