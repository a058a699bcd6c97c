// SPDX-License-Identifier: GPL-3.0-or-later
// Pure edits of views and their undo texts, so that every widget builds the same ChangeView for an edit.
#include "viewedits.h"

#include "projectedits.h"
#include "storage/viewsql.h"

#include <QCoreApplication>
#include <QRectF>

#include <algorithm>

namespace Designer {

namespace {
// The name a related column gets by default: the relationship's name, else the foreign key without "_id",
// else the related table's name, then "_" and the field's name.
QString relatedPrefix(const Runtime::Relationship &r, const Runtime::Table &base, const Runtime::Table &related)
{
    if (!r.name.isEmpty())
        return r.name;
    if (r.toTableId == base.id) {
        if (const Runtime::Field *key = base.field(r.foreignKeyFieldId);
            key && key->name.endsWith(QLatin1String("_id")) && key->name.size() > 3)
            return key->name.chopped(3);
    }
    return related.name;
}

bool columnNameTaken(const Runtime::View &view, const QString &name, int except = -1)
{
    for (int i = 0; i < int(view.columns.size()); ++i) {
        if (i != except && view.columns[size_t(i)].name == name)
            return true;
    }
    return false;
}
} // namespace

QList<ViewColumnCandidate> viewColumnCandidates(const Runtime::Project &project, const Runtime::ObjectId &baseTableId)
{
    QList<ViewColumnCandidate> candidates;
    const Runtime::Table *base = project.table(baseTableId);
    if (!base)
        return candidates;
    for (const Runtime::Field &field : base->fields) {
        if (!field.hidden)
            candidates.append({{field.name, {}, field.id}, field.name, field.type});
    }
    for (const Runtime::Relationship &r : project.relationships) {
        if (r.isManyToMany())
            continue;
        const bool keyInBase = r.toTableId == base->id;
        if (!keyInBase && !(r.fromTableId == base->id && r.kind == Runtime::RelationshipKind::OneToOne))
            continue;
        const Runtime::Table *related = project.table(keyInBase ? r.fromTableId : r.toTableId);
        if (!related)
            continue;
        const QString prefix = relatedPrefix(r, *base, *related);
        for (const Runtime::Field &field : related->fields) {
            if (!field.hidden)
                candidates.append({{prefix + QLatin1Char('_') + field.name, r.id, field.id},
                    prefix + QLatin1Char('.') + field.name, field.type});
        }
    }
    return candidates;
}

Runtime::View newView(const Runtime::Project &project, const Runtime::ObjectId &baseTableId, const QPointF &position)
{
    Runtime::View view;
    view.id = project.newId(QStringLiteral("view"));
    const Runtime::Table *base = project.table(baseTableId);
    // Names enter the model and the SQL, so they are not translated.
    view.name = uniqueName((base ? base->name : QStringLiteral("table")) + QStringLiteral("_view"),
        [&project](const QString &name) { return project.tableByName(name) || project.viewByName(name); });
    view.position = position;
    return setViewBaseTable(project, view, baseTableId);
}

Runtime::View setViewBaseTable(const Runtime::Project &project, Runtime::View view, const Runtime::ObjectId &baseTableId)
{
    view.baseTableId = baseTableId;
    view.columns.clear();
    view.filter.clear();
    if (const Runtime::Table *base = project.table(baseTableId)) {
        for (const Runtime::Field &field : base->fields) {
            if (!field.hidden)
                view.columns.push_back({field.name, {}, field.id});
        }
    }
    return view;
}

Runtime::View addViewColumn(Runtime::View view, Runtime::ViewColumn column)
{
    column.name = uniqueName(column.name, [&view](const QString &name) { return columnNameTaken(view, name); });
    view.columns.push_back(std::move(column));
    return view;
}

Runtime::View removeViewColumn(Runtime::View view, int index)
{
    if (index >= 0 && index < int(view.columns.size()))
        view.columns.erase(view.columns.begin() + index);
    return view;
}

Runtime::View moveViewColumn(Runtime::View view, int from, int to)
{
    const int count = int(view.columns.size());
    if (from < 0 || to < 0 || from >= count || to >= count || from == to)
        return view;
    Runtime::ViewColumn column = view.columns[size_t(from)];
    view.columns.erase(view.columns.begin() + from);
    view.columns.insert(view.columns.begin() + to, std::move(column));
    return view;
}

Runtime::View renameViewColumn(Runtime::View view, int index, const QString &name)
{
    if (index >= 0 && index < int(view.columns.size()))
        view.columns[size_t(index)].name = name;
    return view;
}

Runtime::View setViewRule(const Runtime::Project &project, Runtime::View view, const QString &role,
    const std::optional<QString> &expression)
{
    const auto matches = [&](const Runtime::PermissionRule &rule) {
        return rule.role == role && rule.operation == Runtime::Operation::Select;
    };
    const auto it = std::find_if(view.permissions.begin(), view.permissions.end(), matches);
    if (!expression) {
        std::erase_if(view.permissions, matches);
    } else if (it != view.permissions.end()) {
        it->expression = *expression;
    } else {
        Runtime::PermissionRule rule;
        rule.id = project.newId(QStringLiteral("perm"));
        rule.role = role;
        rule.operation = Runtime::Operation::Select;
        rule.expression = *expression;
        view.permissions.push_back(rule);
    }
    return view;
}

std::vector<Runtime::View> viewsFollowingTable(
    const Runtime::Project &project, const Runtime::Table &before, const Runtime::Table &after)
{
    std::vector<Runtime::View> changed;
    for (const Runtime::View &view : project.views) {
        Runtime::View next = view;
        if (view.baseTableId == after.id) {
            for (const Runtime::Field &old : before.fields) {
                const Runtime::Field *now = after.field(old.id);
                if (!now || now->name == old.name)
                    continue;
                // A filter the parser rejects stays as written: the validator names its problem.
                if (Runtime::Result<QString> renamed = Runtime::renameViewFilterColumn(next.filter, old.name, now->name))
                    next.filter = *renamed;
            }
        }
        // A column whose field left this table goes with it (its table is the base or the related one).
        std::erase_if(next.columns, [&](const Runtime::ViewColumn &column) {
            if (!before.field(column.fieldId) || after.field(column.fieldId))
                return false;
            if (column.relationshipId.isEmpty())
                return view.baseTableId == after.id;
            const Runtime::Relationship *r = project.relationship(column.relationshipId);
            return r && (r->fromTableId == after.id || r->toTableId == after.id);
        });
        if (!(next == view))
            changed.push_back(std::move(next));
    }
    return changed;
}

QPointF freeCardPosition(const Runtime::Project &project, const QPointF &preferred, const QSizeF &size,
    const std::function<QSizeF(const Runtime::ObjectId &)> &cardSizeOf)
{
    QList<QRectF> taken;
    for (const Runtime::Table &table : project.tables)
        taken << QRectF(table.position, cardSizeOf(table.id)).adjusted(-20, -20, 20, 20);
    for (const Runtime::View &view : project.views)
        taken << QRectF(view.position, cardSizeOf(view.id)).adjusted(-20, -20, 20, 20);
    QRectF candidate(preferred, size);
    // Step down past whatever is in the way; bounded so a crowded diagram still gets an answer.
    for (int i = 0; i < 200; ++i) {
        const auto hit = std::find_if(taken.begin(), taken.end(), [&](const QRectF &r) { return r.intersects(candidate); });
        if (hit == taken.end())
            break;
        candidate.moveTop(hit->bottom() + 1);
    }
    return candidate.topLeft();
}

QString addViewText(const Runtime::View &view)
{
    return QCoreApplication::translate("Commands", "Add view %1").arg(view.name);
}

QString renameViewText(const Runtime::View &view)
{
    return QCoreApplication::translate("Commands", "Rename view %1").arg(view.name);
}

QString viewDescriptionText(const Runtime::View &view)
{
    return QCoreApplication::translate("Commands", "Change the description of view %1").arg(view.name);
}

QString viewBaseTableText(const Runtime::View &view)
{
    return QCoreApplication::translate("Commands", "Change the table of view %1").arg(view.name);
}

QString viewColumnsText(const Runtime::View &view)
{
    return QCoreApplication::translate("Commands", "Change the columns of view %1").arg(view.name);
}

QString viewFilterText(const Runtime::View &view)
{
    return QCoreApplication::translate("Commands", "Change the filter of view %1").arg(view.name);
}

QString viewColorText(const Runtime::View &view)
{
    return QCoreApplication::translate("Commands", "Change the colour of view %1").arg(view.name);
}

QString viewRuleText(const Runtime::View &view, const QString &role, const std::optional<QString> &expression)
{
    if (!expression)
        return QCoreApplication::translate("Commands", "Remove the select rule of view %1 for %2").arg(view.name, role);
    return QCoreApplication::translate("Commands", "Set the select rule of view %1 for %2").arg(view.name, role);
}

} // namespace Designer
