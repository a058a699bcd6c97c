// SPDX-License-Identifier: GPL-3.0-or-later
// Relating two tables as a builder says it ("each listing has one customer"): the request, its plan, and the
// sentences and previews that the canvas's drag menu and the New Relationship dialog show.
#pragma once

#include "relationshipcommands.h"

#include <QString>

#include <optional>
#include <vector>

namespace Designer {

/** How a builder relates the table they start from (the source) to another one (the target). */
enum class RelateChoice {
    ManyToOne, ///< each source row has one target row: the source holds the foreign key
    OneToMany, ///< each source row has many target rows: the target holds the foreign key
    OneToOne, ///< at most one on each side: a unique foreign key in the table of keyFieldId, else the target
    ManyToMany ///< through a new junction table
};

/** A relationship as the builder asked for it, from \a sourceTableId to \a targetTableId. */
struct RelateRequest
{
    RelateChoice choice = RelateChoice::ManyToOne;
    Runtime::ObjectId sourceTableId;
    Runtime::ObjectId targetTableId;
    /** An existing field of the table that holds the foreign key, used as the foreign key (the field a drag
        started from); empty: a new field `<referenced singular>_id`. Many-to-many ignores it. */
    Runtime::ObjectId keyFieldId;

    bool operator==(const RelateRequest &) const = default;
};

/** Returns the id of the table that holds the foreign key for \a request (empty for many-to-many). */
Runtime::ObjectId keyHolderOf(const Runtime::Project &project, const RelateRequest &request);

/** Returns whether \a field of \a table can become a foreign key: it is not a primary key, not already a
    foreign key or junction field, and not a list or JSON. */
bool canBecomeForeignKey(const Runtime::Project &project, const Runtime::Field &field);

/** Returns the plan for \a request: planRelationship() for its kind and direction, with the field
    \a request.keyFieldId reused as the foreign key when given (converted to the referenced key's type,
    unique for one-to-one). InvalidArgument says why it cannot be made (an unknown table, no primary key, a
    field that cannot be a foreign key). */
Runtime::Result<RelationshipPlan> planRelate(const Runtime::Project &project, const RelateRequest &request);

/** Returns \a request in words with the real table names, both directions:
    "Each listing has one customer · A customer has many listings". */
QString relateSentence(const Runtime::Project &project, const RelateRequest &request);
/** Returns what \a plan will make, as a sentence: the foreign key (new or reused, and a type change), or
    the junction table with its two keys. */
QString planEffect(const Runtime::Project &project, const RelationshipPlan &plan);
/** Returns what \a plan will make in a few words, for a menu: "uses listings.owner_id",
    "new field listings.customer_id", "new table listings_customers". */
QString planEffectBrief(const Runtime::Project &project, const RelationshipPlan &plan);

/** One way to relate two tables, as the drag menu offers it. */
struct RelateOption
{
    RelateRequest request;
    std::optional<RelationshipPlan> plan; ///< empty when it cannot be made
    QString sentence; ///< relateSentence()
    QString effect; ///< planEffect(), or why it cannot be made
    QString brief; ///< planEffectBrief(), or empty
};

/** Returns the four ways to relate \a sourceTableId to \a targetTableId after a drag that started at
    \a sourceFieldId (empty: not at a field), the most likely first. A field that can be a foreign key is
    used as one: many-to-one, then one-to-one with it; from the primary key, one-to-many comes first. */
std::vector<RelateOption> relateOptions(const Runtime::Project &project, const Runtime::ObjectId &sourceTableId,
    const Runtime::ObjectId &sourceFieldId, const Runtime::ObjectId &targetTableId);

} // namespace Designer
