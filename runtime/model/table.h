// SPDX-License-Identifier: GPL-3.0-or-later
// Table: a named set of fields, with its indexes, permission rules and canvas placement.
#pragma once

#include "field.h"
#include "index.h"
#include "permissionrule.h"

#include <QPointF>
#include <QString>

#include <vector>

namespace Runtime {

/** A table. Owned by value by the Project; owns its fields, indexes and rules by value. */
struct Table
{
    ObjectId id;
    QString name;
    QString description;
    std::vector<Field> fields;
    std::vector<Index> indexes;
    std::vector<PermissionRule> permissions;
    QPointF position;     ///< top-left of its card on the canvas
    QString color;        ///< "#rrggbb"; empty means the designer's default
    bool tenantScoped = false; ///< rows belong to the caller's organization_id
    /** Committed changes reach realtime postgres_changes subscribers (off by default, as in Supabase, where a
        table joins the supabase_realtime publication). */
    bool realtime = false;

    const Field *field(const ObjectId &id) const;
    Field *field(const ObjectId &id);
    const Field *fieldByName(const QString &name) const;
    /** Returns the primary key field, or nullptr if the table has none. */
    const Field *primaryKey() const;
    /** Returns the position of the field with \a id in fields, or -1. */
    int fieldIndex(const ObjectId &id) const;

    bool operator==(const Table &) const = default;
};

} // namespace Runtime
