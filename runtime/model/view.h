// SPDX-License-Identifier: GPL-3.0-or-later
// View: a read-only table defined over a base table, its to-one relationships and a PostgREST filter.
#pragma once

#include "permissionrule.h"
#include "table.h"

#include <QPointF>
#include <QString>

#include <vector>

namespace Runtime {

class Project;

/** One column of a view: a field of the view's base table, or (through \c relationshipId) a field of the
    row the base table's row refers to (a foreign key of the base table, or a one-to-one relationship in
    either direction). Its type is the field's type. Owned by value by its View. */
struct ViewColumn
{
    QString name; ///< the column's name in the view (an alias; may differ from the field's name)
    ObjectId relationshipId; ///< empty: fieldId is a field of the base table
    ObjectId fieldId; ///< the field the values come from

    bool operator==(const ViewColumn &) const = default;
};

/** A view: rows of a base table, some of its columns (and to-one related columns), optionally only those
    matching a filter written as a data-API query string (`status=eq.published&price=gt.0`, parsed by the
    data API's own parser and compiled by its SelectBuilder). The database holds it as a real view (CREATE
    VIEW, the same on SQLite and PostgreSQL); the data API reads it like a table and refuses writes.
    Select permission rules apply to its rows as to a table's. Owned by value by the Project. */
struct View
{
    ObjectId id;
    QString name;
    QString description;
    ObjectId baseTableId;
    std::vector<ViewColumn> columns;
    QString filter; ///< e.g. `status=eq.published&or=(price.lt.10,featured.is.true)`; empty: every row
    std::vector<PermissionRule> permissions; ///< select rules only
    QPointF position; ///< top-left of its card on the canvas
    QString color; ///< "#rrggbb"; empty means the designer's default

    /** Returns the read-only table this view presents to the data API, the rules and OpenAPI: one field
        per column with the type (and enum values) of the field it comes from, every field read-only, the
        view's rules, tenant-scoped when its base table is. Its key is the first column showing the base
        table's key (as PostgREST infers a view's key), none without one. Columns whose field cannot be
        found come out as text. */
    Table asTable(const Project &project) const;
    /** Returns the field column \a index comes from in \a project, or nullptr. */
    const Field *sourceField(const Project &project, size_t index) const;
    /** Returns the id of the field column \a index is in asTable(). */
    ObjectId columnFieldId(size_t index) const;

    bool operator==(const View &) const = default;
};

} // namespace Runtime
