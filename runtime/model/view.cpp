// SPDX-License-Identifier: GPL-3.0-or-later
// View: the table a view presents, its columns typed by the fields they come from.
#include "view.h"

#include "project.h"

namespace Runtime {

const Field *View::sourceField(const Project &project, size_t index) const
{
    if (index >= columns.size())
        return nullptr;
    const ViewColumn &column = columns[index];
    const Table *base = project.table(baseTableId);
    if (!base)
        return nullptr;
    if (column.relationshipId.isEmpty())
        return base->field(column.fieldId);
    const Relationship *r = project.relationship(column.relationshipId);
    if (!r)
        return nullptr;
    // The related table is the side of the relationship that is not the base table.
    const ObjectId related = r->toTableId == baseTableId ? r->fromTableId : r->toTableId;
    const Table *target = project.table(related);
    return target ? target->field(column.fieldId) : nullptr;
}

ObjectId View::columnFieldId(size_t index) const
{
    return id + QStringLiteral("_c") + QString::number(index);
}

Table View::asTable(const Project &project) const
{
    Table t;
    t.id = id;
    t.name = name;
    t.description = description;
    t.position = position;
    t.color = color;
    t.permissions = permissions;
    // A view over a tenant-scoped table shows each caller its own organization's rows, as the table does.
    if (const Table *base = project.table(baseTableId))
        t.tenantScoped = base->tenantScoped;
    bool keyed = false;
    for (size_t i = 0; i < columns.size(); ++i) {
        Field f;
        f.id = columnFieldId(i);
        f.name = columns[i].name;
        f.readOnly = true;
        if (const Field *source = sourceField(project, i)) {
            f.type = source->type;
            f.description = source->description;
            f.enumValues = source->enumValues;
            f.hidden = source->hidden;
            // The base table's key identifies the view's rows: to-many embeds join on it.
            if (!keyed && columns[i].relationshipId.isEmpty() && source->isPrimaryKey()) {
                f.primaryKey = source->primaryKey;
                keyed = true;
            }
        }
        t.fields.push_back(std::move(f));
    }
    return t;
}

} // namespace Runtime
