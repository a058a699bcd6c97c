// SPDX-License-Identifier: GPL-3.0-or-later
// Relationship commands: AddRelationship (with its foreign key or junction table), RemoveRelationship,
// ChangeRelationship; and planRelationship(), which decides what a new relationship needs.
#pragma once

#include "core/result.h"
#include "model/project.h"

#include <QUndoCommand>

#include <optional>
#include <vector>

namespace Designer {

class ProjectDocument;

/** Everything a new relationship brings: the relationship, the foreign-key field it adds to its "to" table
    (one-to-one, one-to-many) or the junction table with its two foreign keys (many-to-many). */
struct RelationshipPlan
{
    Runtime::Relationship relationship;
    std::optional<Runtime::Field> foreignKey; ///< added to relationship.toTableId
    std::optional<Runtime::Table> junction; ///< added as a visible table (many-to-many)
    /** An existing field of relationship.toTableId that becomes the foreign key, as it will be (the
        referenced key's type, unique for one-to-one); foreignKey is then empty. */
    std::optional<Runtime::Field> reusedField;
};

/** Returns the plan for a \a kind relationship from table \a fromTableId (the "one" side, whose primary key
    is referenced) to \a toTableId: a foreign key named `<from singular>_id` of the primary key's type
    (unique for one-to-one), or a junction table `<from>_<to>` placed between the two cards with
    `<from singular>_id` and `<to singular>_id`. Names are made unique in the project; ids are new.
    Returns InvalidArgument if a table is unknown or has no primary key ("%1 has no primary key; give it
    one first"). */
Runtime::Result<RelationshipPlan> planRelationship(const Runtime::Project &project,
    Runtime::RelationshipKind kind, const Runtime::ObjectId &fromTableId, const Runtime::ObjectId &toTableId);

/** Adds the relationship of \a plan with its foreign-key field or junction table. */
class AddRelationship : public QUndoCommand
{
public:
    AddRelationship(ProjectDocument *document, RelationshipPlan plan, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    RelationshipPlan m_plan;
    std::optional<Runtime::Field> m_reusedBefore; ///< the reused field as it was
};

/** Returns the singular of a table name for foreign-key names: categories → category, boxes → box,
    users → user; a name without a plural ending is returned unchanged. */
QString singularName(const QString &tableName);

/** Removes a relationship with what it brought: its foreign-key field (kept as a plain field when a
    permission rule of its table or the users-table settings use it), or its junction table (and the
    relationships of that junction table). Undo restores every index in the file. Events on redo:
    TablesAboutToBeRemoved/TablesRemoved (junction), RelationshipsChanged, TableChanged (lost foreign key). */
class RemoveRelationship : public QUndoCommand
{
public:
    RemoveRelationship(
        ProjectDocument *document, const Runtime::ObjectId &relationshipId, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    Runtime::Project m_before; ///< tables and relationships as they were
    Runtime::ObjectId m_relationshipId;
};

/** Replaces the relationship with \a after's id (name, kind, ON DELETE, foreign key). Only the
    relationship changes: switching between one-to-one and one-to-many leaves the foreign key's unique flag
    to a ChangeTable in the same macro, if wanted. */
class ChangeRelationship : public QUndoCommand
{
public:
    ChangeRelationship(ProjectDocument *document, Runtime::Relationship after, const QString &text,
        QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    Runtime::Relationship m_before;
    Runtime::Relationship m_after;
};

} // namespace Designer
