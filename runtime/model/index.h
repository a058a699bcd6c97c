// SPDX-License-Identifier: GPL-3.0-or-later
// Index: a single or composite index over a table's fields.
#pragma once

#include "ids.h"

#include <QList>
#include <QString>

namespace Runtime {

/** An index on one or more fields of its table, in order. Owned by value by its Table. */
struct Index
{
    ObjectId id;
    QString name; ///< the database name; empty means generated from the table and field names
    QList<ObjectId> fieldIds;
    bool unique = false;

    bool operator==(const Index &) const = default;
};

} // namespace Runtime
