// SPDX-License-Identifier: GPL-3.0-or-later
// LineRouter: orthogonal routes for relationship lines around the cards, and channels that keep them apart.
#pragma once

#include <QHash>
#include <QLineF>
#include <QList>
#include <QPolygonF>
#include <QRectF>

#include <vector>

namespace Designer {

/** Where a line may meet a card: a point on the card's edge and the unit direction away from the card. */
struct LinePort
{
    QPointF point;
    QPointF direction;
};

/** Routes lines between cards with horizontal and vertical segments that keep clear of every card.
    Each route avoids crossing the lines added before it (a crossing costs like a detour). A route leaves a
   card straight out of one of its start ports (a stub, where the markers are drawn), runs along the free
   space around the cards (a sparse grid of their edges, searched with A*, each bend costing like a short
   detour) and enters a card straight into one of its end ports. The search starts in the rectangle around the
   ports and widens to the whole diagram only when that finds nothing, so a route costs about as much as the
   cards near it. Made for one batch of routes: the cards must not move while it is used. Plain geometry,
   owned by whoever routes (ErScene, on the stack). */
class LineRouter
{
public:
    static constexpr qreal Stub = 22; ///< the straight part at each end, from the port's point
    static constexpr qreal Clearance = 16; ///< the least distance between a route and a card
    static constexpr qreal BendCost = 30; ///< a bend costs as much as this much more length
    static constexpr qreal CrossingCost = 160; ///< crossing a line routed before costs this much more length

    explicit LineRouter(const QList<QRectF> &cards);

    /** Returns an orthogonal polyline from the point of one of \a starts to the point of one of \a ends:
        the shortest (bends counted) that passes under no card, or an empty polyline if no port is free
        (another card covers its stub) or no way exists. */
    QPolygonF route(const QList<LinePort> &starts, const QList<LinePort> &ends) const;
    /** Adds \a route to the lines that later routes avoid crossing. */
    void addLine(const QPolygonF &route);

private:
    int crossingsOf(const QPointF &a, const QPointF &b) const;

    bool isInside(const QPointF &point) const;
    QList<int> obstaclesIn(const QRectF &window) const;
    QPolygonF routeIn(const QRectF &window, const QList<LinePort> &starts, const QList<LinePort> &ends) const;

    std::vector<QRectF> m_obstacles; ///< the cards, grown by Clearance
    QHash<quint64, std::vector<int>> m_buckets; ///< obstacle indexes by grid cell, for look-ups near a point
    QRectF m_all; ///< around every obstacle
    QList<QLineF> m_lines; ///< segments of the lines added
    QHash<quint64, std::vector<int>> m_lineBuckets; ///< m_lines indexes by grid cell
};

/** Moves apart the segments of \a routes that run along the same channel (same line, overlapping), at
    most LineRouter::Clearance - 4 either side, ordered so that they cross each other as little as possible.
    The first and last segments (the stubs) do not move, and a stub only grows: routes keep clear of the
    cards their router avoided. */
void spreadChannels(QList<QPolygonF> &routes);

/** Returns true if the segment from \a a to \a b meets the inside of \a rect. */
bool segmentEntersRect(const QPointF &a, const QPointF &b, const QRectF &rect);

} // namespace Designer
