// SPDX-License-Identifier: GPL-3.0-or-later
// The relationships a view takes part in, inferred from the keys its columns show, as PostgREST infers them.
#include "viewrelationships.h"

namespace Runtime {

namespace {
// One end of a relationship as a table or a view shows it: the table (or view) id and its key's field.
struct End
{
    ObjectId tableId;
    ObjectId fieldId;
};

// Adds the relationships through views that \a r stands for to \a out.
void addThroughViews(const Project &served, const Relationship &r, std::vector<Relationship> &out)
{
    const Table *from = served.table(r.fromTableId);
    const Table *to = served.table(r.toTableId);
    const Field *foreignKey = to ? to->field(r.foreignKeyFieldId) : nullptr;
    if (!from || !from->primaryKey() || !foreignKey)
        return;
    // The referenced rows: the table, and each view showing its key. The rows holding the foreign key: the
    // table, and each column of a view showing the key (each column is a relationship of its own).
    std::vector<End> referenced {{from->id, from->primaryKey()->id}};
    std::vector<End> referencing {{to->id, foreignKey->id}};
    for (const View &view : served.views) {
        if (view.baseTableId == from->id) {
            const Table *shown = served.table(view.id);
            if (shown && shown->primaryKey())
                referenced.push_back({view.id, shown->primaryKey()->id});
        }
        if (view.baseTableId != to->id)
            continue;
        for (size_t i = 0; i < view.columns.size(); ++i) {
            if (view.columns[i].relationshipId.isEmpty() && view.columns[i].fieldId == foreignKey->id)
                referencing.push_back({view.id, view.columnFieldId(i)});
        }
    }
    for (const End &parent : referenced) {
        for (const End &child : referencing) {
            if (parent.tableId == from->id && child.tableId == to->id)
                continue; // the relationship itself
            Relationship derived = r;
            derived.id = r.id + QLatin1Char('/') + parent.tableId + QLatin1Char('/') + child.fieldId;
            derived.fromTableId = parent.tableId;
            derived.toTableId = child.tableId;
            derived.foreignKeyFieldId = child.fieldId;
            out.push_back(std::move(derived));
        }
    }
}
} // namespace

std::vector<Relationship> viewRelationships(const Project &served)
{
    std::vector<Relationship> out;
    if (served.views.empty())
        return out;
    for (const Relationship &r : served.relationships) {
        // TODO(#13): many-to-many through a view (a view over either end or over the junction table).
        if (!r.isManyToMany())
            addThroughViews(served, r, out);
    }
    return out;
}

} // namespace Runtime
