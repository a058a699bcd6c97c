// SPDX-License-Identifier: GPL-3.0-or-later
// Table commands: AddTables, RemoveTables, MoveTables, ChangeTable.
#include "tablecommands.h"

#include "ruleedits.h"

#include "commandids.h"
#include "document/projectdocument.h"
#include "projectedits.h"
#include "tableedits.h"
#include "viewcommands.h"
#include "viewedits.h"

#include <QCoreApplication>

#include <algorithm>

namespace Designer {

namespace {
using Kind = ChangeEvent::Kind;

QList<Runtime::ObjectId> idsOf(const auto &items)
{
    QList<Runtime::ObjectId> ids;
    for (const auto &item : items)
        ids << item.id;
    return ids;
}

// Returns the table's name if \a ids is one table, else an empty string.
QString singleName(const Runtime::Project &project, const QList<Runtime::ObjectId> &ids)
{
    const Runtime::Table *table = ids.size() == 1 ? project.table(ids.first()) : nullptr;
    return table ? table->name : QString();
}
} // namespace

AddTables::AddTables(ProjectDocument *document, std::vector<Runtime::Table> tables,
    std::vector<Runtime::Relationship> relationships, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_tables(std::move(tables))
    , m_relationships(std::move(relationships))
{
    if (m_tables.size() == 1)
        setText(QCoreApplication::translate("Commands", "Add table %1").arg(m_tables.front().name));
    else
        setText(QCoreApplication::translate("Commands", "Add %n tables", nullptr, int(m_tables.size())));
}

void AddTables::redo()
{
    Runtime::Project &project = m_document->editableProject();
    project.tables.insert(project.tables.end(), m_tables.begin(), m_tables.end());
    project.relationships.insert(project.relationships.end(), m_relationships.begin(), m_relationships.end());
    m_document->notify({Kind::TablesAdded, idsOf(m_tables)});
    if (!m_relationships.empty())
        m_document->notify({Kind::RelationshipsChanged, idsOf(m_relationships)});
}

void AddTables::undo()
{
    Runtime::Project &project = m_document->editableProject();
    const QList<Runtime::ObjectId> tableIds = idsOf(m_tables);
    const QList<Runtime::ObjectId> relationshipIds = idsOf(m_relationships);
    std::erase_if(project.relationships,
        [&](const Runtime::Relationship &r) { return relationshipIds.contains(r.id); });
    if (!m_relationships.empty())
        m_document->notify({Kind::RelationshipsChanged, relationshipIds});
    m_document->notify({Kind::TablesAboutToBeRemoved, tableIds});
    std::erase_if(project.tables, [&](const Runtime::Table &t) { return tableIds.contains(t.id); });
    m_document->notify({Kind::TablesRemoved, tableIds});
}

RemoveTables::RemoveTables(
    ProjectDocument *document, const QList<Runtime::ObjectId> &tableIds, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_tableIds(tableIds)
{
    const QString name = singleName(document->project(), tableIds);
    setText(name.isEmpty()
            ? QCoreApplication::translate("Commands", "Remove %n tables", nullptr, int(tableIds.size()))
            : QCoreApplication::translate("Commands", "Remove table %1").arg(name));
}

void RemoveTables::redo()
{
    m_before = m_document->project();
    removeAndNotify(m_document, planRemoval(m_before, m_tableIds, {}));
}

void RemoveTables::undo()
{
    restoreAndNotify(m_document, m_before, planRemoval(m_before, m_tableIds, {}));
    m_before = {};
}

MoveTables::MoveTables(
    ProjectDocument *document, const QHash<Runtime::ObjectId, QPointF> &positions, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
{
    const Runtime::Project &project = document->project();
    for (auto it = positions.begin(); it != positions.end(); ++it) {
        if (const Runtime::Table *table = project.table(it.key())) {
            m_before.insert(it.key(), table->position);
            m_after.insert(it.key(), it.value());
        } else if (const Runtime::View *view = project.view(it.key())) {
            m_before.insert(it.key(), view->position);
            m_after.insert(it.key(), it.value());
        }
    }
    const QString name = singleName(project, m_after.keys());
    const Runtime::View *view = m_after.size() == 1 ? project.view(m_after.constBegin().key()) : nullptr;
    setText(view ? QCoreApplication::translate("Commands", "Move view %1").arg(view->name)
            : name.isEmpty()
            ? QCoreApplication::translate("Commands", "Move %n tables", nullptr, int(m_after.size()))
            : QCoreApplication::translate("Commands", "Move table %1").arg(name));
}

namespace {
void applyPositions(ProjectDocument *document, const QHash<Runtime::ObjectId, QPointF> &positions)
{
    Runtime::Project &project = document->editableProject();
    QList<Runtime::ObjectId> moved;
    for (Runtime::Table &table : project.tables) {
        if (positions.contains(table.id)) {
            table.position = positions.value(table.id);
            moved << table.id;
        }
    }
    for (Runtime::View &view : project.views) {
        if (positions.contains(view.id)) {
            view.position = positions.value(view.id);
            moved << view.id;
        }
    }
    document->notify({Kind::TablesMoved, moved});
}
} // namespace

void MoveTables::redo()
{
    applyPositions(m_document, m_after);
}

void MoveTables::undo()
{
    applyPositions(m_document, m_before);
}

int MoveTables::id() const
{
    return int(CommandId::MoveTables);
}

bool MoveTables::mergeWith(const QUndoCommand *other)
{
    const auto *move = static_cast<const MoveTables *>(other);
    if (move->m_document != m_document || move->m_after.size() != m_after.size())
        return false;
    for (auto it = move->m_after.begin(); it != move->m_after.end(); ++it) {
        if (!m_after.contains(it.key()))
            return false;
    }
    m_after = move->m_after;
    setObsolete(m_after == m_before);
    return true;
}

ChangeTable::ChangeTable(ProjectDocument *document, Runtime::Table after, const QString &text,
    const QString &mergeKey, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_after(std::move(after))
    , m_mergeKey(mergeKey)
{
    const Runtime::Project &project = document->project();
    if (const Runtime::Table *table = project.table(m_after.id))
        m_before = *table;
    m_viewsAfter = viewsFollowingTable(project, m_before, m_after);
    for (const Runtime::View &view : m_viewsAfter)
        m_viewsBefore.push_back(*project.view(view.id));
    m_tablesAfter = rulesFollowingRename(project, m_before, m_after);
    for (const Runtime::Table &table : m_tablesAfter)
        m_tablesBefore.push_back(*project.table(table.id));
    setText(changeTableText(m_before, m_after, text));
}

namespace {
void replaceTable(ProjectDocument *document, const Runtime::Table &table)
{
    if (Runtime::Table *current = document->editableProject().table(table.id)) {
        *current = table;
        document->notify({Kind::TableChanged, {table.id}});
    }
}
} // namespace

void ChangeTable::redo()
{
    replaceTable(m_document, m_after);
    for (const Runtime::Table &table : m_tablesAfter)
        replaceTable(m_document, table);
    replaceViews(m_document, m_viewsAfter);
}

void ChangeTable::undo()
{
    replaceTable(m_document, m_before);
    for (const Runtime::Table &table : m_tablesBefore)
        replaceTable(m_document, table);
    replaceViews(m_document, m_viewsBefore);
}

namespace {
bool renamesSomething(const Runtime::Table &before, const Runtime::Table &after)
{
    if (before.name != after.name)
        return true;
    return std::any_of(before.fields.begin(), before.fields.end(), [&](const Runtime::Field &old) {
        const Runtime::Field *now = after.field(old.id);
        return now && now->name != old.name;
    });
}
} // namespace

int ChangeTable::id() const
{
    return int(CommandId::ChangeTable);
}

bool ChangeTable::mergeWith(const QUndoCommand *other)
{
    const auto *change = static_cast<const ChangeTable *>(other);
    if (m_mergeKey.isEmpty() || change->m_mergeKey != m_mergeKey || change->m_document != m_document
        || change->m_after.id != m_after.id)
        return false;
    m_after = change->m_after;
    if (renamesSomething(m_before, m_after) || !m_tablesBefore.empty() || !change->m_tablesBefore.empty())
        mergeRuleRewrites(*change);
    // The views the later change touched: as they were before this one, as they are after the later one.
    for (const Runtime::View &view : change->m_viewsBefore) {
        if (std::none_of(m_viewsBefore.begin(), m_viewsBefore.end(), [&](const Runtime::View &v) { return v.id == view.id; }))
            m_viewsBefore.push_back(view);
    }
    for (const Runtime::View &view : change->m_viewsAfter) {
        auto it = std::find_if(m_viewsAfter.begin(), m_viewsAfter.end(), [&](const Runtime::View &v) { return v.id == view.id; });
        if (it != m_viewsAfter.end())
            *it = view;
        else
            m_viewsAfter.push_back(view);
    }
    // Said anew: the texts were made with the names before each keystroke ("Rename field p to pr").
    setText(changeTableText(m_before, m_after, change->text()));
    setObsolete(m_after == m_before && m_viewsAfter == m_viewsBefore && m_tablesAfter == m_tablesBefore);
    return true;
}

void ChangeTable::mergeRuleRewrites(const ChangeTable &later)
{
    // The rules as they were before this step's first key, rewritten once for the names typed last: an
    // intermediate name (empty, or taken) would otherwise cut a rule from the field it names.
    for (const Runtime::Table &table : later.m_tablesBefore) {
        if (std::none_of(m_tablesBefore.begin(), m_tablesBefore.end(),
                [&](const Runtime::Table &t) { return t.id == table.id; }))
            m_tablesBefore.push_back(table);
    }
    Runtime::Project original = m_document->project();
    if (Runtime::Table *own = original.table(m_before.id))
        *own = m_before;
    for (const Runtime::Table &table : m_tablesBefore) {
        if (Runtime::Table *other = original.table(table.id))
            *other = table;
    }
    m_after.permissions = m_before.permissions; // a rename step edits no rule itself
    m_tablesAfter = rulesFollowingRename(original, m_before, m_after);
    for (const Runtime::Table &table : m_tablesBefore) {
        if (std::none_of(m_tablesAfter.begin(), m_tablesAfter.end(),
                [&](const Runtime::Table &t) { return t.id == table.id; }))
            m_tablesAfter.push_back(table); // back as it was
    }
    // The later step is already done; bring the document to the merged one.
    replaceTable(m_document, m_after);
    for (const Runtime::Table &table : m_tablesAfter)
        replaceTable(m_document, table);
}

} // namespace Designer
