// SPDX-License-Identifier: GPL-3.0-or-later
// ProjectDocument's edit API: the edits widgets ask for, built, named and pushed as undoable commands.
#include "projectdocument.h"

#include "commands/tablecommands.h"
#include "commands/tableedits.h"
#include "commands/viewedits.h"

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

} // namespace Designer
