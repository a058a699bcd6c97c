// SPDX-License-Identifier: GPL-3.0-or-later
// EmbedResolver: finds the relationship a `select=` embed follows from one table to another.
#include "embedresolver.h"

namespace Runtime {

void EmbedResolver::collect(const Table &parent, const Relationship &r, std::vector<EmbedJoin> &out) const
{
    const Table *from = m_project.table(r.fromTableId);
    const Table *to = m_project.table(r.toTableId);
    if (!from || !to || !from->primaryKey() || !to->primaryKey())
        return;
    if (r.isManyToMany()) {
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

bool EmbedResolver::matches(const EmbedJoin &join, const QString &name, const QString &hint) const
{
    // The relationship's name stands for the many-to-many link, not for the joins through its junction.
    const QString relName = join.viaJunctionKey ? QString() : join.relationship->name;
    const bool nameMatches = join.target->name == name || (!relName.isEmpty() && relName == name);
    if (!nameMatches)
        return false;
    if (hint.isEmpty())
        return true;
    if (!relName.isEmpty() && relName == hint)
        return true;
    if (join.junction)
        return join.junction->name == hint || join.junctionParent->name == hint
            || join.junctionTarget->name == hint;
    const Field *fk = join.shape == EmbedJoin::Shape::ManyToOne ? join.parentColumn : join.targetColumn;
    return fk->name == hint;
}

Result<EmbedJoin> EmbedResolver::resolve(const Table &parent, const QString &name, const QString &hint) const
{
    std::vector<EmbedJoin> candidates;
    for (const Relationship &r : m_project.relationships)
        collect(parent, r, candidates);
    std::vector<EmbedJoin> matching;
    for (const EmbedJoin &join : candidates) {
        if (matches(join, name, hint))
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
        return Error(ErrorCode::AmbiguousRelationship,
            QStringLiteral("Could not embed because more than one relationship was found for '%1' and '%2'")
                .arg(parent.name, name));
    return matching.front();
}

} // namespace Runtime
