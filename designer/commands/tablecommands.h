// SPDX-License-Identifier: GPL-3.0-or-later
// Table commands: AddTables, RemoveTables, MoveTables, ChangeTable.
#pragma once

#include "model/project.h"

#include <QHash>
#include <QPointF>
#include <QUndoCommand>

#include <vector>

namespace Designer {

class ProjectDocument;

/** Adds \a tables (appended, in order) and \a relationships between them or to existing tables, e.g. when
    pasting. Undo removes them again. Text: "Add table %1" / "Add %n tables". */
class AddTables : public QUndoCommand
{
public:
    AddTables(ProjectDocument *document, std::vector<Runtime::Table> tables,
        std::vector<Runtime::Relationship> relationships = {}, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    std::vector<Runtime::Table> m_tables;
    std::vector<Runtime::Relationship> m_relationships;
};

/** Removes the tables \a tableIds, every relationship they take part in (a many-to-many relationship
    whose junction is removed goes too, and so does the junction of a removed many-to-many) and the
    foreign-key fields those relationships had in other tables (one that a permission rule or the
    users-table settings use stays, as a plain field; see planRemoval()). Removing the users table clears
    the users-table settings, and triggers of removed tables go too. Undo puts everything back at its former
   index, so the saved file is byte for byte the same. Events on redo: TablesAboutToBeRemoved, TablesRemoved,
   then RelationshipsChanged (the removed relationships), TableChanged for each table that lost a foreign key,
   ProjectChanged if settings or triggers changed. Text: "Remove table %1" / "Remove %n tables". */
class RemoveTables : public QUndoCommand
{
public:
    RemoveTables(
        ProjectDocument *document, const QList<Runtime::ObjectId> &tableIds, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    /// The project as it was before redo(); undo() restores its tables, relationships, triggers and settings.
    Runtime::Project m_before;
    QList<Runtime::ObjectId> m_tableIds;
};

/** Moves tables and views on the canvas to \a positions (table or view id → top-left). Consecutive moves of
    the same set of cards merge into one step (dragging). Event: TablesMoved with the tables' and views' ids. */
class MoveTables : public QUndoCommand
{
public:
    MoveTables(ProjectDocument *document, const QHash<Runtime::ObjectId, QPointF> &positions,
        QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    ProjectDocument *m_document;
    QHash<Runtime::ObjectId, QPointF> m_before;
    QHash<Runtime::ObjectId, QPointF> m_after;
};

/** Replaces the table with \a after's id by \a after: any change of one table (name, colour, flags, fields,
    indexes, permission rules) is one ChangeTable with a translated \a text ("Rename table", "Add field
    %1", "Set the select rule of %1 for %2", ...). Consecutive ChangeTables of the same table with the
    same non-empty \a mergeKey merge (e.g. "name", "field:<id>:name" while typing). Views follow in the
    same step (viewsFollowingTable()): a renamed field is renamed in the filters of the views over the
    table, and columns of a removed field go; then ViewsChanged follows TableChanged. So do permission
    rules (rulesFollowingRename()): a renamed table or field is renamed in every rule that names it, this
    table's and other tables' (TableChanged for each). Renames typed key by key merge into one step whose
    rules are rewritten from the names before the first key, so a name that is empty for a moment loses
    nothing. */
class ChangeTable : public QUndoCommand
{
public:
    ChangeTable(ProjectDocument *document, Runtime::Table after, const QString &text,
        const QString &mergeKey = {}, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    void mergeRuleRewrites(const ChangeTable &later);

    ProjectDocument *m_document;
    Runtime::Table m_before;
    Runtime::Table m_after;
    std::vector<Runtime::View> m_viewsBefore; ///< the views that follow the change, as they were
    std::vector<Runtime::View> m_viewsAfter;
    std::vector<Runtime::Table> m_tablesBefore; ///< other tables whose rules follow a rename, as they were
    std::vector<Runtime::Table> m_tablesAfter;
    QString m_mergeKey;
};

} // namespace Designer
