// SPDX-License-Identifier: GPL-3.0-or-later
// ErScene: routing its relationship lines around the cards, and measuring a layout for Auto-Arrange.
#include "erscene.h"

#include "document/projectdocument.h"
#include "linerouter.h"
#include "relationshipitem.h"
#include "tableitem.h"

#include <algorithm>
#include <utility>

namespace Designer {

namespace {

constexpr int SideSweeps = 2; ///< the most times chooseSides() goes through the lines

qreal length(const QPolygonF &route)
{
    qreal sum = 0;
    for (qsizetype i = 1; i < route.size(); ++i)
        sum += QLineF(route[i - 1], route[i]).length();
    return sum;
}

} // namespace

QList<QRectF> ErScene::cardRects() const
{
    QList<QRectF> rects;
    rects.reserve(m_tables.size() + m_views.size());
    for (const auto *cards : {&m_tables, &m_views}) {
        for (const TableItem *card : *cards)
            rects.append(card->sceneBoundingRect().adjusted(2, 2, -2, -2));
    }
    return rects;
}

QSet<RelationshipItem *> ErScene::linesToRoute()
{
    QSet<RelationshipItem *> lines = std::exchange(m_unrouted, {});
    const QSet<Runtime::ObjectId> moved = std::exchange(m_movedCards, {});
    QList<QRectF> movedRects;
    for (const Runtime::ObjectId &id : moved) {
        const TableItem *card = m_tables.value(id, m_views.value(id));
        if (!card)
            continue;
        movedRects.append(card->sceneBoundingRect());
        const auto ofCard = m_linesByTable.values(id);
        for (RelationshipItem *line : ofCard)
            lines.insert(line);
    }
    // A line that a moved card now covers goes around it; the others stay as they are.
    const auto covered = [&movedRects](const QPolygonF &route) {
        for (qsizetype i = 1; i < route.size(); ++i) {
            for (const QRectF &rect : movedRects) {
                if (segmentEntersRect(route[i - 1], route[i], rect))
                    return true;
            }
        }
        return false;
    };
    for (RelationshipItem *item : std::as_const(m_relationships)) {
        if (!lines.contains(item) && std::any_of(item->routes().cbegin(), item->routes().cend(), covered))
            lines.insert(item);
    }
    return lines;
}

void ErScene::routePending()
{
    if (m_holdRouting || (m_unrouted.isEmpty() && m_movedCards.isEmpty()))
        return;
    const QSet<RelationshipItem *> lines = linesToRoute();
    if (lines.isEmpty())
        return;
    // In model order, so that the result is always the same; each line avoids crossing those before it.
    QList<RelationshipItem *> ordered;
    for (const Runtime::Relationship &r : m_document->project().relationships) {
        if (RelationshipItem *item = m_relationships.value(r.id))
            ordered.append(item);
    }
    LineRouter router(cardRects());
    for (RelationshipItem *item : std::as_const(ordered)) {
        if (!lines.contains(item)) {
            for (const QPolygonF &route : item->plannedRoutes())
                router.addLine(route);
        }
    }
    for (RelationshipItem *item : std::as_const(ordered)) {
        if (lines.contains(item))
            item->plan(router);
    }
    // Rip up and re-route: each line again, now avoiding every other line, not only those before it (a line
    // routed early may take another side of its card once it sees the later ones). Quadratic in the lines,
    // so only for small diagrams (the templates: ecommerce 3 → 2 crossings, saas 4 → 3).
    if (ordered.size() <= SmallDiagram) {
        for (RelationshipItem *item : std::as_const(ordered)) {
            if (!lines.contains(item))
                continue;
            LineRouter others(cardRects());
            for (RelationshipItem *other : std::as_const(ordered)) {
                if (other != item) {
                    for (const QPolygonF &route : other->plannedRoutes())
                        others.addLine(route);
                }
            }
            item->plan(others);
        }
    }
    if (ordered.size() <= SmallDiagram)
        chooseSides(ordered, lines);
    // Lines share channels: spread all of them again, and redraw those that moved.
    QList<QPolygonF> routes;
    for (const RelationshipItem *item : std::as_const(ordered))
        routes.append(item->plannedRoutes());
    spreadChannels(routes);
    qsizetype next = 0;
    for (RelationshipItem *item : std::as_const(ordered)) {
        const QList<QPolygonF> drawn = routes.mid(next, item->plannedRoutes().size());
        next += item->plannedRoutes().size();
        if (drawn != item->routes())
            item->setRoutes(drawn);
    }
}

void ErScene::chooseSides(const QList<RelationshipItem *> &ordered, const QSet<RelationshipItem *> &lines)
{
    const QList<QRectF> cards = cardRects();
    // The measures of the lines as routePending() draws them.
    auto measured = [&] {
        QList<QPolygonF> routes;
        for (const RelationshipItem *item : ordered)
            routes.append(item->plannedRoutes());
        spreadChannels(routes);
        QList<QList<QPolygonF>> drawn;
        qsizetype next = 0;
        for (const RelationshipItem *item : ordered) {
            drawn.append(routes.mid(next, item->plannedRoutes().size()));
            next += item->plannedRoutes().size();
        }
        return measureLines(drawn, cards);
    };
    DiagramMeasures best = measured();
    for (int sweep = 0; sweep < SideSweeps && best.crossings > 0; ++sweep) {
        bool improved = false;
        for (RelationshipItem *item : ordered) {
            if (!lines.contains(item))
                continue;
            for (qsizetype k = 0; k < item->plannedRoutes().size(); ++k) {
                LineRouter others(cards);
                for (const RelationshipItem *other : ordered) {
                    for (qsizetype m = 0; m < other->plannedRoutes().size(); ++m) {
                        if (other != item || m != k)
                            others.addLine(other->plannedRoutes()[m]);
                    }
                }
                for (int sides = 0; sides < 4; ++sides) {
                    const QList<QPolygonF> kept = item->plannedRoutes();
                    QList<QPolygonF> tried = kept;
                    tried[k] = item->routeLink(k, others, sides & 1, sides & 2);
                    // A choice may not buy fewer crossings with a long detour.
                    if (tried[k].size() < 2 || tried[k] == kept[k]
                        || length(tried[k]) > length(kept[k]) * 1.5 + 200)
                        continue;
                    item->setPlannedRoutes(tried);
                    const DiagramMeasures measures = measured();
                    if (measures.linesUnderCards <= best.linesUnderCards
                        && measures.crossings < best.crossings) {
                        best = measures;
                        improved = true;
                    } else {
                        item->setPlannedRoutes(kept);
                    }
                }
            }
        }
        if (!improved)
            break;
    }
}

void ErScene::placeAndRouteAll(const QHash<Runtime::ObjectId, QPointF> &positions)
{
    m_holdRouting = true;
    for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
        if (TableItem *item = m_tables.value(it.key()); item && item->pos() != it.value())
            item->setPos(it.value());
    }
    m_holdRouting = false;
    for (RelationshipItem *line : std::as_const(m_relationships))
        m_unrouted.insert(line);
    routePending();
}

DiagramMeasures ErScene::measureArrangement(const QHash<Runtime::ObjectId, QPointF> &positions)
{
    QHash<Runtime::ObjectId, QPointF> original;
    for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
        if (const TableItem *item = m_tables.value(it.key()))
            original.insert(it.key(), item->pos());
    }
    QHash<RelationshipItem *, std::pair<QList<QPolygonF>, QList<QPolygonF>>> routes; // planned, drawn
    for (RelationshipItem *line : std::as_const(m_relationships))
        routes.insert(line, {line->plannedRoutes(), line->routes()});
    placeAndRouteAll(positions);
    const DiagramMeasures measures = measureDiagram(*this);
    // Back as they were, without routing again.
    m_holdRouting = true;
    for (auto it = original.cbegin(); it != original.cend(); ++it)
        m_tables.value(it.key())->setPos(it.value());
    m_holdRouting = false;
    m_movedCards.clear();
    for (auto it = routes.cbegin(); it != routes.cend(); ++it) {
        it.key()->setPlannedRoutes(it.value().first);
        if (it.key()->routes() != it.value().second)
            it.key()->setRoutes(it.value().second);
    }
    return measures;
}

} // namespace Designer
