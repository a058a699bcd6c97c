// SPDX-License-Identifier: GPL-3.0-or-later
// ProjectDocument's edit API: the edits widgets ask for, built, named and pushed as undoable commands.
#include "projectdocument.h"

#include "commands/functioncommands.h"
#include "commands/projectcommands.h"
#include "commands/relateplans.h"
#include "commands/ruleedits.h"
#include "commands/viewcommands.h"
#include "commands/tablecommands.h"
#include "commands/tableedits.h"
#include "commands/viewedits.h"

#include <QCoreApplication>

namespace Designer {

Runtime::ObjectId ProjectDocument::addTable(
    const QPointF &preferred, const CardSizeOf &cardSizeOf, std::optional<Runtime::FieldType> firstField)
{
    const Runtime::Project &project = *m_project;
    Runtime::Table table;
    table.id = project.newId(QStringLiteral("tbl"));
    // Table and field names enter the model and the SQL, so they are not translated.
    for (int n = 1;; ++n) {
        table.name = QStringLiteral("table_") + QString::number(n);
        if (!project.tableByName(table.name) && !project.viewByName(table.name))
            break;
    }
    Runtime::Field id;
    id.id = project.newId(QStringLiteral("fld"));
    id.name = QStringLiteral("id");
    id.type = Runtime::FieldType::Integer;
    id.primaryKey = Runtime::PrimaryKeyKind::AutoIncrement;
    table.fields.push_back(id);
    if (firstField)
        table = Designer::addField(project, std::move(table), *firstField);
    table.position = freeCardPosition(project, preferred, cardSizeOf(table.id), cardSizeOf);
    const Runtime::ObjectId tableId = table.id;
    m_undoStack.push(new AddTables(this, {std::move(table)}));
    setSelection({tableId});
    return tableId;
}

bool ProjectDocument::addField(const Runtime::ObjectId &tableId, Runtime::FieldType type)
{
    const Runtime::Table *table = m_project->table(tableId);
    if (!table)
        return false;
    Runtime::Table after = Designer::addField(*m_project, *table, type);
    const QString text = addFieldText(*table, after.fields.back().name);
    m_undoStack.push(new ChangeTable(this, std::move(after), text));
    return true;
}

Runtime::Result<Runtime::ObjectId> ProjectDocument::relate(const RelateRequest &request, const CardSizeOf &cardSizeOf)
{
    Runtime::Result<RelationshipPlan> planned = planRelate(*m_project, request);
    if (!planned)
        return planned.error();
    RelationshipPlan plan = std::move(planned).value();
    if (plan.junction && cardSizeOf)
        plan.junction->position = freeCardPosition(*m_project, plan.junction->position, cardSizeOf(plan.junction->id), cardSizeOf);
    const Runtime::ObjectId id = plan.relationship.id;
    m_undoStack.push(new AddRelationship(this, std::move(plan)));
    setSelection({id});
    return id;
}

void ProjectDocument::changeTable(Runtime::Table after, const QString &text, const QString &mergeKey)
{
    m_undoStack.push(new ChangeTable(this, std::move(after), text, mergeKey));
}

void ProjectDocument::changeRelationship(const Runtime::Relationship &after, const QString &text)
{
    const Runtime::Relationship *before = m_project->relationship(after.id);
    if (!before || *before == after)
        return;
    const bool kindChanged = before->kind != after.kind;
    m_undoStack.beginMacro(text);
    m_undoStack.push(new ChangeRelationship(this, after, text));
    // One-to-one is a unique foreign key: the flag follows the kind, and a one-to-one's new key is unique.
    const Runtime::Table *to = m_project->table(after.toTableId);
    if (const Runtime::Field *key = to && !after.isManyToMany() ? to->field(after.foreignKeyFieldId) : nullptr) {
        const bool oneToOne = after.kind == Runtime::RelationshipKind::OneToOne;
        if ((kindChanged && key->unique != oneToOne) || (oneToOne && !key->unique)) {
            Runtime::Field changed = *key;
            changed.unique = oneToOne;
            m_undoStack.push(new ChangeTable(this, changeField(*to, changed), changeFieldText(*to, key->id)));
        }
    }
    m_undoStack.endMacro();
}

void ProjectDocument::addTables(std::vector<Runtime::Table> tables, std::vector<Runtime::Relationship> relationships)
{
    QList<Runtime::ObjectId> ids;
    for (const Runtime::Table &table : tables)
        ids << table.id;
    m_undoStack.push(new AddTables(this, std::move(tables), std::move(relationships)));
    setSelection(ids);
}

void ProjectDocument::addView(Runtime::View view)
{
    const Runtime::ObjectId id = view.id;
    m_undoStack.push(new AddView(this, std::move(view)));
    setSelection({id});
}

void ProjectDocument::changeView(Runtime::View after, const QString &text, const QString &mergeKey)
{
    m_undoStack.push(new ChangeView(this, std::move(after), text, mergeKey));
}

void ProjectDocument::changeProperties(const ProjectProperties &after, const QString &text, const QString &mergeKey)
{
    m_undoStack.push(new ChangeProjectProperties(this, after, text, mergeKey));
}

void ProjectDocument::moveCards(const QHash<Runtime::ObjectId, QPointF> &positions)
{
    if (!positions.isEmpty())
        m_undoStack.push(new MoveTables(this, positions));
}

void ProjectDocument::beginCardDrag(const QList<Runtime::ObjectId> &ids)
{
    if (m_cardDragOpen || ids.isEmpty())
        return;
    const Runtime::Table *only = ids.size() == 1 ? m_project->table(ids.front()) : nullptr;
    const Runtime::View *onlyView = ids.size() == 1 ? m_project->view(ids.front()) : nullptr;
    m_undoStack.beginMacro(only ? QCoreApplication::translate("Commands", "Move table %1").arg(only->name)
            : onlyView          ? QCoreApplication::translate("Commands", "Move view %1").arg(onlyView->name)
                                : QCoreApplication::translate("Commands", "Move %n tables", nullptr, int(ids.size())));
    m_cardDragOpen = true;
}

void ProjectDocument::endCardDrag()
{
    if (std::exchange(m_cardDragOpen, false))
        m_undoStack.endMacro();
}

namespace {
/** Pushes the ChangeTables that take \a rules out of their tables (inside the caller's macro). */
void pushRuleRemovals(ProjectDocument *document, const QList<RuleUse> &rules)
{
    for (Runtime::Table &table : withoutRules(document->project(), rules)) {
        const QString text = QCoreApplication::translate("Commands", "Remove rules of %1").arg(table.name);
        document->undoStack()->push(new ChangeTable(document, std::move(table), text));
    }
}
} // namespace

void ProjectDocument::remove(const QList<Runtime::ObjectId> &ids, const QList<RuleUse> &rulesToRemove)
{
    if (ids.isEmpty())
        return;
    m_undoStack.beginMacro(QCoreApplication::translate("Commands", "Delete"));
    pushRuleRemovals(this, rulesToRemove);
    // Relationships first: removing a many-to-many one also removes its junction table.
    for (const Runtime::ObjectId &id : ids) {
        if (m_project->relationship(id))
            m_undoStack.push(new RemoveRelationship(this, id));
    }
    QList<Runtime::ObjectId> views;
    QList<Runtime::ObjectId> tables;
    for (const Runtime::ObjectId &id : ids) {
        if (m_project->view(id))
            views << id;
        if (m_project->table(id))
            tables << id;
    }
    if (!views.isEmpty())
        m_undoStack.push(new RemoveViews(this, views));
    if (!tables.isEmpty()) // views over a removed table go with it (planRemoval())
        m_undoStack.push(new RemoveTables(this, tables));
    // A function goes with the endpoints, triggers and schedules that call it: nothing is left dangling.
    QList<Runtime::ObjectId> parts;
    for (const Runtime::ObjectId &id : ids) {
        if (function(id)) {
            for (const Runtime::ObjectId &user : functionUsers(id))
                parts << user;
        } else if (endpoint(id) || trigger(id) || schedule(id) || channelRule(id)) {
            parts << id;
        }
    }
    removeLogicParts(parts);
    for (const Runtime::ObjectId &id : ids) {
        if (function(id))
            m_undoStack.push(new RemoveFunction(this, id));
    }
    m_undoStack.endMacro();
}

bool ProjectDocument::removeField(
    const Runtime::ObjectId &tableId, const Runtime::ObjectId &fieldId, const QList<RuleUse> &rulesToRemove)
{
    const Runtime::Table *table = m_project->table(tableId);
    if (!table || !table->field(fieldId))
        return false;
    const QString text = removeFieldText(*table, fieldId);
    m_undoStack.beginMacro(text);
    pushRuleRemovals(this, rulesToRemove);
    table = m_project->table(tableId);
    if (const Runtime::Relationship *relationship = m_project->relationshipForField(fieldId))
        m_undoStack.push(new RemoveRelationship(this, relationship->id));
    // A foreign key that a kept rule uses stays after its relationship; it was asked to go.
    table = m_project->table(tableId);
    if (table && table->field(fieldId))
        m_undoStack.push(new ChangeTable(this, Designer::removeField(*table, fieldId), text));
    m_undoStack.endMacro();
    return true;
}

const Runtime::ScriptFunction *ProjectDocument::function(const Runtime::ObjectId &id) const
{
    const auto &functions = m_project->functions;
    const auto it = std::find_if(functions.begin(), functions.end(), [&id](const auto &f) { return f.id == id; });
    return it != functions.end() ? &*it : nullptr;
}

Runtime::ObjectId ProjectDocument::addFunction()
{
    Runtime::ScriptFunction function;
    function.id = m_project->newId(QStringLiteral("fn"));
    // Function names enter the model and the API paths, so they are not translated.
    const auto taken = [this](const QString &name) {
        return std::any_of(m_project->functions.begin(), m_project->functions.end(),
            [&name](const Runtime::ScriptFunction &f) { return f.name == name; });
    };
    for (int n = 1;; ++n) {
        function.name = QStringLiteral("function_") + QString::number(n);
        if (!taken(function.name))
            break;
    }
    function.code = starterFunctionCode();
    const Runtime::ObjectId id = function.id;
    m_undoStack.push(new AddFunction(this, std::move(function)));
    setSelection({id});
    return id;
}

void ProjectDocument::changeFunction(const Runtime::ScriptFunction &after, const QString &mergeKey)
{
    const Runtime::ScriptFunction *before = function(after.id);
    if (before && !(*before == after))
        m_undoStack.push(new ChangeFunction(this, after, mergeKey));
}

bool ProjectDocument::removeFunction(const Runtime::ObjectId &functionId)
{
    const Runtime::ScriptFunction *removed = function(functionId);
    if (!removed)
        return false;
    m_undoStack.beginMacro(QCoreApplication::translate("Commands", "Delete function %1").arg(removed->name));
    removeLogicParts(functionUsers(functionId));
    m_undoStack.push(new RemoveFunction(this, functionId));
    m_undoStack.endMacro();
    return true;
}

} // namespace Designer
