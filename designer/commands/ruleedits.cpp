// SPDX-License-Identifier: GPL-3.0-or-later
// Rules that follow the model: rename rewriting and the rules a deletion touches.
#include "ruleedits.h"

#include "rules/rulecompiler.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace Designer {

namespace {

bool isIdentifier(const QString &name)
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return identifier.match(name).hasMatch();
}

/** The new text of each renamed part: table id → name, field id → name. */
struct Renames
{
    QHash<Runtime::ObjectId, QString> tables;
    QHash<Runtime::ObjectId, QString> fields;
    bool isEmpty() const { return tables.isEmpty() && fields.isEmpty(); }
};

Renames renamesOf(const Runtime::Table &before, const Runtime::Table &after)
{
    Renames renames;
    if (before.name != after.name && isIdentifier(after.name))
        renames.tables.insert(after.id, after.name);
    for (const Runtime::Field &old : before.fields) {
        const Runtime::Field *now = after.field(old.id);
        if (now && now->name != old.name && isIdentifier(now->name))
            renames.fields.insert(old.id, now->name);
    }
    return renames;
}

/** Returns the new text of the name \a reference stands for, or an empty string if it is not renamed. */
QString newName(const Runtime::RuleReference &reference, const Renames &renames)
{
    using Kind = Runtime::RuleReference::Kind;
    switch (reference.kind) {
    case Kind::Field:
    case Kind::ForeignKey:
        return renames.fields.value(reference.fieldId);
    case Kind::ForeignKeyStem: {
        const QString name = renames.fields.value(reference.fieldId);
        // "customer" followed customer_id; after a rename to buyer_id it is "buyer", to owner it is "owner".
        return name.endsWith(QLatin1String("_id")) ? name.chopped(3) : name;
    }
    case Kind::Table:
        return renames.tables.value(reference.tableId);
    case Kind::Relationship:
        break;
    }
    return {};
}

QString rewritten(const Runtime::Project &project, const Runtime::Table &table, const QString &expression,
    const Renames &renames)
{
    std::vector<Runtime::RuleReference> references = Runtime::RuleCompiler::references(project, table, expression);
    QString text = expression;
    // From the end, so earlier positions stay valid.
    for (auto it = references.rbegin(); it != references.rend(); ++it) {
        const QString name = newName(*it, renames);
        if (!name.isEmpty())
            text.replace(it->column - 1, it->length, name);
    }
    return text;
}

bool uses(const Runtime::Project &project, const Runtime::RuleReference &reference,
    const QSet<Runtime::ObjectId> &tableIds, const QSet<Runtime::ObjectId> &fieldIds,
    const QSet<Runtime::ObjectId> &relationshipIds)
{
    if (tableIds.contains(reference.tableId) || fieldIds.contains(reference.fieldId)
        || relationshipIds.contains(reference.relationshipId))
        return true;
    const Runtime::Relationship *r = reference.relationshipId.isEmpty() ? nullptr
                                                                       : project.relationship(reference.relationshipId);
    return r
        && (tableIds.contains(r->fromTableId) || tableIds.contains(r->toTableId)
            || tableIds.contains(r->junctionTableId));
}

} // namespace

std::vector<Runtime::Table> rulesFollowingRename(
    const Runtime::Project &project, const Runtime::Table &before, Runtime::Table &after)
{
    const Renames renames = renamesOf(before, after);
    if (renames.isEmpty())
        return {};
    std::vector<Runtime::Table> changed;
    for (const Runtime::Table &table : project.tables) {
        const bool own = table.id == after.id;
        Runtime::Table next = own ? after : table;
        bool touched = false;
        for (Runtime::PermissionRule &rule : next.permissions) {
            // Resolved as the rule reads now: in the project as it is, where the table is still \a before.
            const QString text = rewritten(project, own ? before : table, rule.expression, renames);
            if (text != rule.expression) {
                rule.expression = text;
                touched = true;
            }
        }
        if (!touched)
            continue;
        if (own)
            after = std::move(next);
        else
            changed.push_back(std::move(next));
    }
    return changed;
}

QList<RuleUse> rulesUsing(const Runtime::Project &project, const QSet<Runtime::ObjectId> &tableIds,
    const QSet<Runtime::ObjectId> &fieldIds, const QSet<Runtime::ObjectId> &relationshipIds)
{
    QList<RuleUse> found;
    for (const Runtime::Table &table : project.tables) {
        if (tableIds.contains(table.id))
            continue;
        for (const Runtime::PermissionRule &rule : table.permissions) {
            const std::vector<Runtime::RuleReference> references
                = Runtime::RuleCompiler::references(project, table, rule.expression);
            if (std::any_of(references.begin(), references.end(), [&](const Runtime::RuleReference &reference) {
                    return uses(project, reference, tableIds, fieldIds, relationshipIds);
                })) {
                found.append({table.id, rule.id,
                    QCoreApplication::translate("Commands", "%1, %2 for %3: %4")
                        .arg(table.name, Runtime::operationName(rule.operation), rule.role, rule.expression)});
            }
        }
    }
    return found;
}

std::vector<Runtime::Table> withoutRules(const Runtime::Project &project, const QList<RuleUse> &uses)
{
    std::vector<Runtime::Table> tables;
    for (const Runtime::Table &table : project.tables) {
        Runtime::Table next = table;
        std::erase_if(next.permissions, [&](const Runtime::PermissionRule &rule) {
            return std::any_of(uses.begin(), uses.end(),
                [&](const RuleUse &use) { return use.tableId == table.id && use.ruleId == rule.id; });
        });
        if (next.permissions.size() != table.permissions.size())
            tables.push_back(std::move(next));
    }
    return tables;
}

} // namespace Designer
