// SPDX-License-Identifier: GPL-3.0-or-later
// Relationship: a foreign key between two tables, or a many-to-many link through a junction table.
#pragma once

#include "ids.h"

#include <QString>

#include <optional>

namespace Runtime {

enum class RelationshipKind { OneToOne, OneToMany, ManyToMany };
enum class DeleteAction { Cascade, SetNull, Restrict };

QString relationshipKindName(RelationshipKind kind);
std::optional<RelationshipKind> relationshipKindFromName(const QString &name);
QString deleteActionName(DeleteAction action);
std::optional<DeleteAction> deleteActionFromName(const QString &name);

/** A relationship, owned by value by the Project.

    One-to-one and one-to-many: rows of \c toTableId point at a row of \c fromTableId through the field
    \c foreignKeyFieldId of the "to" table, which holds the primary key value of the "from" row
    (categories 1 → N products: from = categories, to = products, foreign key = products.category_id).
    One-to-one adds a unique constraint on the foreign key.

    Many-to-many: \c junctionTableId is an ordinary, visible table whose fields \c junctionFromFieldId and
    \c junctionToFieldId point at the "from" and "to" tables; its rows are deleted with either side. */
struct Relationship
{
    ObjectId id;
    QString name; ///< optional, for display and the API's embedding name
    RelationshipKind kind = RelationshipKind::OneToMany;
    ObjectId fromTableId;
    ObjectId toTableId;
    ObjectId foreignKeyFieldId;
    DeleteAction onDelete = DeleteAction::Restrict;
    ObjectId junctionTableId;
    ObjectId junctionFromFieldId;
    ObjectId junctionToFieldId;

    bool isManyToMany() const { return kind == RelationshipKind::ManyToMany; }
    bool operator==(const Relationship &) const = default;
};

} // namespace Runtime
