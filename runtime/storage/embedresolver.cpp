// SPDX-License-Identifier: GPL-3.0-or-later
// EmbedResolver: finds the relationship a `select=` embed follows from one table to another.
#include "embedresolver.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Runtime {

void EmbedResolver::collect(const Table &parent, const Relationship &r, std::vector<EmbedJoin> &out) const
{
    const Table *from = m_project.table(r.fromTableId);
    const Table *to = m_project.table(r.toTableId);
    // The referenced side needs a key; the side holding the foreign key may be a view without one.
    if (!from || !to || !from->primaryKey())
        return;
    if (r.isManyToMany()) {
        if (!to->primaryKey())
            return;
        const Table *junction = m_project.table(r.junctionTableId);
        if (!junction)
            return;
        const Field *jFrom = junction->field(r.junctionFromFieldId);
        const Field *jTo = junction->field(r.junctionToFieldId);
        if (!jFrom || !jTo)
            return;
        if (from->id == parent.id)
            out.push_back({EmbedJoin::Shape::ManyToMany, &r, to, from->primaryKey(), to->primaryKey(),
                junction, jFrom, jTo});
        if (to->id == parent.id)
            out.push_back({EmbedJoin::Shape::ManyToMany, &r, from, to->primaryKey(), from->primaryKey(),
                junction, jTo, jFrom});
        collectJunction(parent, r, *from, *to, *junction, out);
        return;
    }
    const Field *fk = to->field(r.foreignKeyFieldId);
    if (!fk)
        return;
    // The "to" table holds the foreign key pointing at the "from" table's key.
    if (to->id == parent.id)
        out.push_back({EmbedJoin::Shape::ManyToOne, &r, from, fk, from->primaryKey()});
    if (from->id == parent.id) {
        const auto shape = r.kind == RelationshipKind::OneToOne ? EmbedJoin::Shape::OneToOne
                                                                : EmbedJoin::Shape::OneToMany;
        out.push_back({shape, &r, to, from->primaryKey(), fk});
    }
}

void EmbedResolver::collectJunction(const Table &parent, const Relationship &r, const Table &from, const Table &to,
    const Table &junction, std::vector<EmbedJoin> &out) const
{
    // The junction is an ordinary table: it embeds both ends and both ends embed its rows.
    const Field *jFrom = junction.field(r.junctionFromFieldId);
    const Field *jTo = junction.field(r.junctionToFieldId);
    const auto add = [&](EmbedJoin::Shape shape, const Table &target, const Field *parentColumn, const Field *targetColumn) {
        EmbedJoin join {shape, &r, &target, parentColumn, targetColumn};
        join.viaJunctionKey = true;
        out.push_back(join);
    };
    if (from.id == parent.id)
        add(EmbedJoin::Shape::OneToMany, junction, from.primaryKey(), jFrom);
    if (to.id == parent.id)
        add(EmbedJoin::Shape::OneToMany, junction, to.primaryKey(), jTo);
    if (junction.id == parent.id) {
        add(EmbedJoin::Shape::ManyToOne, from, jFrom, from.primaryKey());
        add(EmbedJoin::Shape::ManyToOne, to, jTo, to.primaryKey());
    }
}

namespace {
// The table holding the foreign key of a join that is not many-to-many, and that key.
std::pair<const Table *, const Field *> foreignKeyOf(const EmbedJoin &join, const Table &parent)
{
    if (join.shape == EmbedJoin::Shape::ManyToOne)
        return {&parent, join.parentColumn};
    return {join.target, join.targetColumn};
}

QString cardinalityName(EmbedJoin::Shape shape)
{
    switch (shape) {
    case EmbedJoin::Shape::ManyToOne: return QStringLiteral("many-to-one");
    case EmbedJoin::Shape::OneToOne: return QStringLiteral("one-to-one");
    case EmbedJoin::Shape::OneToMany: return QStringLiteral("one-to-many");
    case EmbedJoin::Shape::ManyToMany: return QStringLiteral("many-to-many");
    }
    return {};
}
} // namespace

QString EmbedResolver::constraintName(const Table &table, const Field &column)
{
    return table.name + QLatin1Char('_') + column.name + QStringLiteral("_fkey");
}

// PostgREST's findRel: an embed names the related table, a foreign key's constraint or its column on the
// parent's side; a hint (`!x`) names a constraint, a column on either side or a junction table. A table
// related to itself has two joins through one key: its name gives the children (one-to-many), the key's
// column the parent (`parent_id(*)`), and with a hint the name gives the children through that key.
// Basalt's relationship names work as a constraint's name does.
bool EmbedResolver::matches(const EmbedJoin &join, const Table &parent, const QString &name, const QString &hint) const
{
    // The relationship's name stands for the many-to-many link, not for the joins through its junction.
    const QString relName = join.viaJunctionKey ? QString() : join.relationship->name;
    const bool namesTable = join.target->name == name || (!relName.isEmpty() && relName == name);
    if (join.shape == EmbedJoin::Shape::ManyToMany) {
        if (!namesTable)
            return false;
        return hint.isEmpty() || relName == hint || join.junction->name == hint || join.junctionParent->name == hint
            || join.junctionTarget->name == hint;
    }
    const QString column = join.parentColumn->name;
    const QString targetColumn = join.targetColumn->name;
    // Built only when asked for: most embeds name a table.
    const auto isConstraint = [&](const QString &text) {
        if (!text.endsWith(QLatin1String("_fkey")))
            return false;
        const auto [fkTable, fk] = foreignKeyOf(join, parent);
        return text == constraintOf(*fkTable, *fk);
    };
    const bool self = !join.viaJunctionKey && join.relationship->fromTableId == join.relationship->toTableId;
    if (self) {
        const bool children = join.shape == EmbedJoin::Shape::OneToMany || join.shape == EmbedJoin::Shape::OneToOne;
        if (hint.isEmpty())
            return (join.target->name == name && children) || (join.shape == EmbedJoin::Shape::ManyToOne && column == name)
                || (!relName.isEmpty() && relName == name && join.shape == EmbedJoin::Shape::ManyToOne);
        return join.target->name == name && children && (targetColumn == hint || relName == hint || isConstraint(hint));
    }
    // Names other than the target's (a constraint's or relationship's name, a foreign-key column) embed
    // tables only, never a view, as in PostgREST (its issue 2277): a table keeps its meaning when views over
    // its neighbours appear.
    const bool namesTarget = join.target->name == name;
    const bool namesRelationship = !relName.isEmpty() && relName == name;
    if (hint.isEmpty())
        return namesTarget
            || ((namesRelationship || column == name || isConstraint(name)) && !isView(*join.target));
    return (namesTarget || (namesRelationship && !isView(*join.target)))
        && (relName == hint || column == hint || targetColumn == hint || isConstraint(hint));
}

bool EmbedResolver::isView(const Table &table) const
{
    return !m_project.views.empty() && m_project.view(table.id);
}

QString EmbedResolver::constraintOf(const Table &table, const Field &column) const
{
    // A view's foreign key is its base table's: PostgREST names a relationship through a view by the
    // constraint the view's column comes from.
    if (const View *view = m_project.views.empty() ? nullptr : m_project.view(table.id)) {
        const Table *base = m_project.table(view->baseTableId);
        for (size_t i = 0; base && i < view->columns.size(); ++i) {
            if (view->columnFieldId(i) != column.id)
                continue;
            if (const Field *source = view->sourceField(m_project, i))
                return constraintName(*base, *source);
        }
    }
    return constraintName(table, column);
}

Result<EmbedJoin> EmbedResolver::resolve(const Table &parent, const QString &name, const QString &hint) const
{
    std::vector<EmbedJoin> candidates;
    for (const Relationship &r : m_project.relationships)
        collect(parent, r, candidates);
    if (m_viewRelationships) {
        for (const Relationship &r : *m_viewRelationships)
            collect(parent, r, candidates);
    }
    std::vector<EmbedJoin> matching;
    for (const EmbedJoin &join : candidates) {
        if (matches(join, parent, name, hint))
            matching.push_back(join);
    }
    if (matching.empty()) {
        // PostgREST's wording, message and details (Basalt's tables are all in its one schema, public).
        Error error(ErrorCode::UnknownRelationship,
            QStringLiteral("Could not find a relationship between '%1' and '%2' in the schema cache").arg(parent.name, name));
        const QString usingHint = hint.isEmpty() ? QString() : QStringLiteral(" using the hint '%1'").arg(hint);
        error.problems.append(Problem {Problem::Severity::Error, {},
            QStringLiteral("Searched for a foreign key relationship between '%1' and '%2'%3 in the schema 'public', "
                           "but no matches were found.")
                .arg(parent.name, name, usingHint),
            {}});
        return error;
    }
    if (matching.size() > 1)
        return ambiguity(parent, name, matching);
    return matching.front();
}

Error EmbedResolver::ambiguity(const Table &parent, const QString &name, const std::vector<EmbedJoin> &matching) const
{
    // PostgREST's answer: each candidate, and the hints that pick one.
    Error error(ErrorCode::AmbiguousRelationship,
        QStringLiteral("Could not embed because more than one relationship was found for '%1' and '%2'").arg(parent.name, name));
    QJsonArray details;
    QStringList choices;
    for (const EmbedJoin &join : matching) {
        QString relationship;
        QString choice;
        if (join.shape == EmbedJoin::Shape::ManyToMany) {
            choice = join.junction->name;
            relationship = QStringLiteral("%1 using %2(%3) and %4(%5)")
                               .arg(join.junction->name, constraintName(*join.junction, *join.junctionParent),
                                   join.junctionParent->name, constraintName(*join.junction, *join.junctionTarget),
                                   join.junctionTarget->name);
        } else {
            const auto [fkTable, fk] = foreignKeyOf(join, parent);
            choice = join.relationship->name.isEmpty() || join.viaJunctionKey ? constraintOf(*fkTable, *fk)
                                                                              : join.relationship->name;
            relationship = QStringLiteral("%1 using %2(%3) and %4(%5)")
                               .arg(choice, parent.name, join.parentColumn->name, join.target->name, join.targetColumn->name);
        }
        details.append(QJsonObject {{QStringLiteral("cardinality"), cardinalityName(join.shape)},
            {QStringLiteral("embedding"), QStringLiteral("%1 with %2").arg(parent.name, join.target->name)},
            {QStringLiteral("relationship"), relationship}});
        choices << QStringLiteral("'%1!%2'").arg(name, choice);
    }
    error.details = details;
    error.hint = QStringLiteral("Try changing '%1' to one of the following: %2. Find the desired relationship in the "
                                "'details' key.").arg(name, choices.join(QStringLiteral(", ")));
    return error;
}

} // namespace Runtime
