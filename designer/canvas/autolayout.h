// SPDX-License-Identifier: GPL-3.0-or-later
// Auto-layout: places table cards in layers along their foreign keys, with Graphviz's dot.
#pragma once

#include "model/project.h"

#include <QHash>
#include <QPointF>

#include <vector>

namespace Designer {

/** Returns a new top-left position for every table of \a project: a layered layout made by Graphviz's dot
    (libgvc) with few crossings, a referenced table above the tables that reference it (a junction below
    both sides), each card as large as cardSize() says, so that none overlaps another, with room between
    them for the lines. Tables that no relationship joins go in rows below. The result depends only on the
    project. */
QHash<Runtime::ObjectId, QPointF> arrangeTables(const Runtime::Project &project);

/** Returns \a count layouts of \a project like arrangeTables() (the first is its own): each of the others
    is dot's result for the tables and relationships given in another order, or the one before it in a
    mirror, so the cards of a layer stand in other orders. Auto-Arrange keeps the one whose lines cross
    least. The result depends only on the project and \a count. */
std::vector<QHash<Runtime::ObjectId, QPointF>> arrangeTableCandidates(
    const Runtime::Project &project, int count);

} // namespace Designer
