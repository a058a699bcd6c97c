// SPDX-License-Identifier: GPL-3.0-or-later
// Diagram measures: how well the relationship lines of a diagram read (crossings, lines under cards).
#pragma once

#include <QList>
#include <QPolygonF>
#include <QRectF>

namespace Designer {

class ErScene;

/** Geometry figures of a drawn diagram, for the benchmark and for tests of layout and routing. */
struct DiagramMeasures
{
    int crossings = 0; ///< points where the lines of two relationships cross (not where one ends)
    int linesUnderCards = 0; ///< (line, card) pairs in which the line passes under the card
};

/** Returns the measures of \a lines against \a cards. \a lines holds, per relationship, the polylines it
    draws (two for many-to-many); each polyline starts and ends on the edge of a card, at most 2 units
    inside it. A line passes under a card when it enters the card more than 3 units deep. */
DiagramMeasures measureLines(const QList<QList<QPolygonF>> &lines, const QList<QRectF> &cards);

/** Returns the measures of the relationship lines as \a scene draws them, against its table and view
    cards. */
DiagramMeasures measureDiagram(const ErScene &scene);

} // namespace Designer
