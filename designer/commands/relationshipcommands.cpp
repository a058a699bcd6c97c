// SPDX-License-Identifier: GPL-3.0-or-later
// Relationship commands and planRelationship().
#include "relationshipcommands.h"

#include "document/projectdocument.h"
#include "projectedits.h"

#include <QCoreApplication>

namespace Designer {

namespace {
using Kind = ChangeEvent::Kind;

// Where a junction card goes relative to the midpoint of its two tables' cards.
constexpr QPointF JunctionOffset(40, 160);

Runtime::Field keyField(const Runtime::ObjectId &id, const QString &name, const Runtime::Field &referencedKey)
{
    Runtime::Field field;
    field.id = id;
    field.name = name;
    field.type = referencedKey.type; // a foreign key has the type of the key it references
    return field;
}

Runtime::Error noPrimaryKey(const Runtime::Table &table)
{
    return Runtime::Error(Runtime::ErrorCode::InvalidArgument,
        QCoreApplication::translate("Commands", "%1 has no primary key; give it one first").arg(table.name));
}

bool isTableNameTaken(const Runtime::Project &project, const QString &name)
{
    for (const Runtime::Table &table : project.tables) {
        if (table.name == name)
            return true;
        for (const Runtime::Index &index : table.indexes) {
            if (index.name == name) // indexes and tables share one namespace in PostgreSQL
                return true;
        }
    }
    return false;
}

Runtime::Table planJunction(const Runtime::Project &project, QSet<Runtime::ObjectId> &ids,
    const Runtime::Table &from, const Runtime::Field &fromKey, const Runtime::Table &to,
    const Runtime::Field &toKey, Runtime::Relationship &relationship)
{
    Runtime::Table junction;
    junction.id = newUniqueId(project, ids, QStringLiteral("tbl"));
    junction.name = uniqueName(from.name + QLatin1Char('_') + to.name,
        [&](const QString &name) { return isTableNameTaken(project, name); });
    junction.position = (from.position + to.position) / 2 + JunctionOffset;

    Runtime::Field key;
    key.id = newUniqueId(project, ids, QStringLiteral("fld"));
    key.name = QStringLiteral("id");
    key.type = Runtime::FieldType::Integer;
    key.primaryKey = Runtime::PrimaryKeyKind::AutoIncrement;
    junction.fields.push_back(key);

    const auto taken = [&](const QString &name) { return junction.fieldByName(name) != nullptr; };
    Runtime::Field fromField = keyField(newUniqueId(project, ids, QStringLiteral("fld")),
        uniqueName(singularName(from.name) + QStringLiteral("_id"), taken), fromKey);
    fromField.required = true;
    junction.fields.push_back(fromField);
    Runtime::Field toField = keyField(newUniqueId(project, ids, QStringLiteral("fld")),
        uniqueName(singularName(to.name) + QStringLiteral("_id"), taken), toKey);
    toField.required = true;
    junction.fields.push_back(toField);

    Runtime::Index index;
    index.id = newUniqueId(project, ids, QStringLiteral("idx"));
    index.fieldIds = {fromField.id, toField.id};
    index.unique = true;
    junction.indexes.push_back(index);

    relationship.junctionTableId = junction.id;
    relationship.junctionFromFieldId = fromField.id;
    relationship.junctionToFieldId = toField.id;
    return junction;
}

QString relationshipText(const Runtime::Project &project, const Runtime::Relationship &r, bool adding)
{
    const Runtime::Table *from = project.table(r.fromTableId);
    const Runtime::Table *to = project.table(r.toTableId);
    const QString fromName = from ? from->name : r.fromTableId;
    const QString toName = to ? to->name : r.toTableId;
    if (adding)
        return QCoreApplication::translate("Commands", "Add relationship from %1 to %2")
            .arg(fromName, toName);
    return QCoreApplication::translate("Commands", "Remove relationship from %1 to %2").arg(fromName, toName);
}
} // namespace

QString singularName(const QString &tableName)
{
    const auto ends = [&](const char *suffix) { return tableName.endsWith(QLatin1String(suffix)); };
    if (ends("ies") && tableName.size() > 3)
        return tableName.chopped(3) + QLatin1Char('y');
    if ((ends("sses") || ends("shes") || ends("ches") || ends("xes") || ends("zes") || ends("uses"))
        && tableName.size() > 3)
        return tableName.chopped(2);
    if (ends("s") && !ends("ss") && tableName.size() > 1)
        return tableName.chopped(1);
    return tableName;
}

Runtime::Result<RelationshipPlan> planRelationship(const Runtime::Project &project,
    Runtime::RelationshipKind kind, const Runtime::ObjectId &fromTableId, const Runtime::ObjectId &toTableId)
{
    const Runtime::Table *from = project.table(fromTableId);
    const Runtime::Table *to = project.table(toTableId);
    if (!from || !to) {
        return Runtime::Error(Runtime::ErrorCode::InvalidArgument,
            QCoreApplication::translate("Commands", "No table has the id \"%1\".")
                .arg(from ? toTableId : fromTableId));
    }
    const Runtime::Field *fromKey = from->primaryKey();
    if (!fromKey)
        return noPrimaryKey(*from);

    QSet<Runtime::ObjectId> ids;
    RelationshipPlan plan;
    Runtime::Relationship &r = plan.relationship;
    r.id = newUniqueId(project, ids, QStringLiteral("rel"));
    r.kind = kind;
    r.fromTableId = from->id;
    r.toTableId = to->id;
    r.onDelete = Runtime::DeleteAction::Restrict;
    if (kind == Runtime::RelationshipKind::ManyToMany) {
        const Runtime::Field *toKey = to->primaryKey();
        if (!toKey)
            return noPrimaryKey(*to);
        plan.junction = planJunction(project, ids, *from, *fromKey, *to, *toKey, r);
        return plan;
    }
    Runtime::Field foreignKey = keyField(newUniqueId(project, ids, QStringLiteral("fld")),
        uniqueName(singularName(from->name) + QStringLiteral("_id"),
            [&](const QString &name) { return to->fieldByName(name) != nullptr; }),
        *fromKey);
    foreignKey.unique = kind == Runtime::RelationshipKind::OneToOne;
    r.foreignKeyFieldId = foreignKey.id;
    plan.foreignKey = foreignKey;
    return plan;
}

AddRelationship::AddRelationship(ProjectDocument *document, RelationshipPlan plan, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_plan(std::move(plan))
{
    setText(relationshipText(document->project(), m_plan.relationship, true));
}

void AddRelationship::redo()
{
    Runtime::Project &project = m_document->editableProject();
    if (m_plan.junction) {
        project.tables.push_back(*m_plan.junction);
        m_document->notify({Kind::TablesAdded, {m_plan.junction->id}});
    }
    if (m_plan.foreignKey) {
        if (Runtime::Table *to = project.table(m_plan.relationship.toTableId)) {
            to->fields.push_back(*m_plan.foreignKey);
            m_document->notify({Kind::TableChanged, {to->id}});
        }
    }
    if (m_plan.reusedField) {
        Runtime::Table *to = project.table(m_plan.relationship.toTableId);
        const int index = to ? to->fieldIndex(m_plan.reusedField->id) : -1;
        if (index >= 0) {
            m_reusedBefore = to->fields[size_t(index)];
            to->fields[size_t(index)] = *m_plan.reusedField;
            m_document->notify({Kind::TableChanged, {to->id}});
        }
    }
    project.relationships.push_back(m_plan.relationship);
    m_document->notify({Kind::RelationshipsChanged, {m_plan.relationship.id}});
}

void AddRelationship::undo()
{
    Runtime::Project &project = m_document->editableProject();
    const Runtime::ObjectId &id = m_plan.relationship.id;
    std::erase_if(project.relationships, [&](const Runtime::Relationship &r) { return r.id == id; });
    m_document->notify({Kind::RelationshipsChanged, {id}});
    if (m_reusedBefore) {
        Runtime::Table *to = project.table(m_plan.relationship.toTableId);
        const int index = to ? to->fieldIndex(m_reusedBefore->id) : -1;
        if (index >= 0) {
            to->fields[size_t(index)] = *m_reusedBefore;
            m_document->notify({Kind::TableChanged, {to->id}});
        }
        m_reusedBefore.reset();
    }
    if (m_plan.foreignKey) {
        if (Runtime::Table *to = project.table(m_plan.relationship.toTableId)) {
            std::erase_if(to->fields, [&](const Runtime::Field &f) { return f.id == m_plan.foreignKey->id; });
            m_document->notify({Kind::TableChanged, {to->id}});
        }
    }
    if (m_plan.junction) {
        const Runtime::ObjectId &junctionId = m_plan.junction->id;
        m_document->notify({Kind::TablesAboutToBeRemoved, {junctionId}});
        std::erase_if(project.tables, [&](const Runtime::Table &t) { return t.id == junctionId; });
        m_document->notify({Kind::TablesRemoved, {junctionId}});
    }
}

RemoveRelationship::RemoveRelationship(
    ProjectDocument *document, const Runtime::ObjectId &relationshipId, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_relationshipId(relationshipId)
{
    if (const Runtime::Relationship *r = document->project().relationship(relationshipId))
        setText(relationshipText(document->project(), *r, false));
}

void RemoveRelationship::redo()
{
    m_before = m_document->project();
    removeAndNotify(m_document, planRemoval(m_before, {}, {m_relationshipId}));
}

void RemoveRelationship::undo()
{
    restoreAndNotify(m_document, m_before, planRemoval(m_before, {}, {m_relationshipId}));
    m_before = {};
}

ChangeRelationship::ChangeRelationship(
    ProjectDocument *document, Runtime::Relationship after, const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_after(std::move(after))
{
    if (const Runtime::Relationship *r = document->project().relationship(m_after.id))
        m_before = *r;
}

namespace {
void replaceRelationship(ProjectDocument *document, const Runtime::Relationship &relationship)
{
    for (Runtime::Relationship &r : document->editableProject().relationships) {
        if (r.id == relationship.id) {
            r = relationship;
            document->notify({Kind::RelationshipsChanged, {r.id}});
            return;
        }
    }
}
} // namespace

void ChangeRelationship::redo()
{
    replaceRelationship(m_document, m_after);
}

void ChangeRelationship::undo()
{
    replaceRelationship(m_document, m_before);
}

} // namespace Designer
