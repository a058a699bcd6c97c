// SPDX-License-Identifier: GPL-3.0-or-later
// Auto-layout: places table cards in layers along their foreign keys.
#pragma once

#include "model/project.h"

#include <QHash>
#include <QPointF>

namespace Designer {

/** Returns a new top-left position for every table of \a project: tables are put in columns by their
    depth along the relationships (a referenced table is left of the tables that reference it, a junction
    right of both sides), cards never overlap (their sizes come from cardSize()), tall columns wrap, and
    the result depends only on the project. Cycles are broken at the first table in model order. */
QHash<Runtime::ObjectId, QPointF> arrangeTables(const Runtime::Project &project);

} // namespace Designer
