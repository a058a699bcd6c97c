// SPDX-License-Identifier: GPL-3.0-or-later
// EmbedResolver: finds the relationship a `select=` embed follows from one table to another.
#pragma once

#include "core/result.h"
#include "model/project.h"

namespace Runtime {

/** How an embedded resource is joined to its parent row. */
struct EmbedJoin
{
    enum class Shape {
        ManyToOne, ///< the parent holds the foreign key: one object or null
        OneToOne,  ///< the child holds a unique foreign key: one object or null
        OneToMany, ///< the child holds the foreign key: an array
        ManyToMany ///< through a junction table: an array of the far table's rows
    };

    Shape shape = Shape::OneToMany;
    const Relationship *relationship = nullptr;
    const Table *target = nullptr;       ///< the embedded table
    const Field *parentColumn = nullptr; ///< parent side of the join (fk or key)
    const Field *targetColumn = nullptr; ///< target side of the join (key or fk)
    const Table *junction = nullptr;     ///< many-to-many only
    const Field *junctionParent = nullptr; ///< junction column pointing at the parent
    const Field *junctionTarget = nullptr; ///< junction column pointing at the target
    bool viaJunctionKey = false; ///< a join to or from a junction table itself, through one of its keys

    bool isArray() const { return shape == Shape::OneToMany || shape == Shape::ManyToMany; }
};

/** Resolves embed names against the model. An embed is named by the related table or by the
    relationship's name; `!hint` (a foreign-key column, a relationship name or a junction table name)
    picks one among several. Pointers are into the project (and the view relationships), valid while it
    is. */
class EmbedResolver
{
public:
    explicit EmbedResolver(const Project &project) : m_project(project) {}

    /** Makes the relationships of the project's views (see viewRelationships()) embeddable too. They are
        built once per project by whoever serves it, never per request; \a relationships must outlive the
        resolver. */
    void setViewRelationships(const std::vector<Relationship> *relationships)
    {
        m_viewRelationships = relationships;
    }

    /** Returns the join from \a parent to the embed \a name, or UnknownRelationship, or
        AmbiguousRelationship when more than one relationship matches. */
    Result<EmbedJoin> resolve(const Table &parent, const QString &name, const QString &hint) const;

    /** Returns the name PostgreSQL gives the foreign key on \a column of \a table by default
        (`products_category_id_fkey`), which embeds and hints may use as PostgREST's do. */
    static QString constraintName(const Table &table, const Field &column);

private:
    void collect(const Table &parent, const Relationship &r, std::vector<EmbedJoin> &out) const;
    void collectJunction(const Table &parent, const Relationship &r, const Table &from, const Table &to,
        const Table &junction, std::vector<EmbedJoin> &out) const;
    bool matches(const EmbedJoin &join, const Table &parent, const QString &name, const QString &hint) const;
    bool isView(const Table &table) const;
    /** constraintName() of \a column of \a table, or of the base table's column a view's column shows. */
    QString constraintOf(const Table &table, const Field &column) const;
    Error ambiguity(const Table &parent, const QString &name, const std::vector<EmbedJoin> &matching) const;

    const Project &m_project;
    const std::vector<Relationship> *m_viewRelationships = nullptr;
};

} // namespace Runtime
