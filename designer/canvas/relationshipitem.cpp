// SPDX-License-Identifier: GPL-3.0-or-later
// RelationshipItem: the line of one relationship between table cards, with crow's-foot ends.
#include "relationshipitem.h"

#include "linerouter.h"
#include "tableitem.h"

#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

namespace Designer {

namespace {

constexpr qreal Stub = LineRouter::Stub; ///< straight part at each end, where the markers are drawn

/** The ports of \a end: points on the left and right edges of its card at its row's height. */
QList<LinePort> portsOf(const RelationshipItem::End &end)
{
    const QRectF r = end.card->sceneBoundingRect().adjusted(2, 2, -2, -2);
    const qreal y = end.card->mapToScene(QPointF(0, end.card->rowCenterY(end.card->rowOf(end.fieldId)))).y();
    return {{QPointF(r.left(), y), QPointF(-1, 0)}, {QPointF(r.right(), y), QPointF(1, 0)}};
}

/** Returns the route of a line no router found a way for: out of the facing sides, with one step between. */
QPolygonF directRoute(const QList<LinePort> &starts, const QList<LinePort> &ends)
{
    const bool startLeft = starts[0].point.x() + starts[1].point.x() <= ends[0].point.x() + ends[1].point.x();
    const LinePort &start = starts[startLeft ? 1 : 0];
    const LinePort &end = ends[startLeft ? 0 : 1];
    const QPointF s = start.point + start.direction * Stub;
    const QPointF e = end.point + end.direction * Stub;
    const qreal x = (s.x() + e.x()) / 2;
    return {start.point, s, QPointF(x, s.y()), QPointF(x, e.y()), e, end.point};
}

/** Adds the end marker where \a route starts: bars ("one"), a crow's foot ("many") and the optional circle.
 */
void addMarker(QPainterPath &strokes, QPainterPath &circles, const QPointF &point, const QPointF &next,
    bool many, bool mandatory)
{
    const QLineF along(point, next);
    if (along.length() < 1)
        return;
    const QPointF d = (next - point) / along.length();
    const QPointF n(-d.y(), d.x());
    auto at = [&](qreal distance, qreal across) { return point + d * distance + n * across; };
    if (many) {
        strokes.moveTo(at(0, -7));
        strokes.lineTo(at(10, 0));
        strokes.lineTo(at(0, 7));
        strokes.moveTo(at(0, 0));
        strokes.lineTo(at(10, 0));
    } else {
        strokes.moveTo(at(6, -6));
        strokes.lineTo(at(6, 6));
    }
    if (mandatory) {
        strokes.moveTo(at(13, -6));
        strokes.lineTo(at(13, 6));
    } else {
        circles.addEllipse(at(16, 0), 3.5, 3.5);
    }
}

} // namespace

RelationshipItem::RelationshipItem(const Runtime::Relationship &relationship, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_relationship(relationship)
{
    setFlags(ItemIsSelectable);
    setZValue(-1);
}

void RelationshipItem::plan(LineRouter &router)
{
    m_planned.clear();
    for (const Link &link : std::as_const(m_links)) {
        if (!link.one.card || !link.many.card) {
            m_planned.append(QPolygonF());
            continue;
        }
        const QList<LinePort> starts = portsOf(link.one);
        const QList<LinePort> ends = portsOf(link.many);
        if (link.one.card == link.many.card) {
            // A self reference: a loop out of the right edge and back.
            const qreal x = starts[1].point.x() + 2 * Stub;
            m_planned.append({starts[1].point, QPointF(x, starts[1].point.y()), QPointF(x, ends[1].point.y()),
                ends[1].point});
            continue;
        }
        QPolygonF route = router.route(starts, ends);
        if (route.size() < 2)
            route = directRoute(starts, ends);
        router.addLine(route);
        m_planned.append(route);
    }
}

QPolygonF RelationshipItem::routeLink(
    qsizetype link, const LineRouter &router, bool oneRight, bool manyRight) const
{
    const Link &l = m_links[link];
    if (!l.one.card || !l.many.card || l.one.card == l.many.card)
        return {};
    return router.route({portsOf(l.one)[oneRight ? 1 : 0]}, {portsOf(l.many)[manyRight ? 1 : 0]});
}

void RelationshipItem::setRoutes(const QList<QPolygonF> &routes)
{
    QPainterPath line;
    QPainterPath markers;
    QPainterPath circles;
    for (qsizetype i = 0; i < routes.size() && i < m_links.size(); ++i) {
        const QPolygonF &route = routes[i];
        if (route.size() < 2)
            continue;
        line.addPolygon(route);
        const Link &link = m_links[i];
        addMarker(markers, circles, route.first(), route[1], false, link.mandatory);
        addMarker(markers, circles, route.last(), route[route.size() - 2], link.toMany, false);
    }
    prepareGeometryChange();
    m_routes = routes;
    m_line = line;
    m_shape = QPainterPath();
    m_markers = markers;
    m_circles = circles;
    m_bounds = (line.boundingRect() | markers.boundingRect() | circles.boundingRect()).adjusted(-4, -4, 4, 4);
    update();
}

QRectF RelationshipItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath RelationshipItem::shape() const
{
    if (m_shape.isEmpty() && !m_line.isEmpty()) {
        QPainterPathStroker stroker;
        stroker.setWidth(8);
        m_shape = stroker.createStroke(m_line);
    }
    return m_shape;
}

void RelationshipItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(widget);
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const bool selected = option->state & QStyle::State_Selected;
    QColor color = palette.color(QPalette::Highlight);
    if (!selected) {
        // An opaque mix of text and base: translucent strokes cost far more to blend.
        const QColor text = palette.color(QPalette::Text);
        const QColor base = palette.color(QPalette::Base);
        color = QColor::fromRgbF(0.65f * text.redF() + 0.35f * base.redF(),
            0.65f * text.greenF() + 0.35f * base.greenF(), 0.65f * text.blueF() + 0.35f * base.blueF());
    }
    painter->setRenderHint(QPainter::Antialiasing);
    // Cosmetic pens: lines keep their width at every zoom, and are far cheaper to draw than scaled strokes
    // (zoomed out, hundreds of lines are on screen at once).
    QPen pen(color, selected ? 2.2 : 1.3);
    pen.setCosmetic(true);
    if (m_relationship.isManyToMany())
        pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_line);
    // Zoomed far out, the crow's feet are a few pixels wide: leave them out.
    if (option->levelOfDetailFromTransform(painter->worldTransform()) < 0.3)
        return;
    pen.setStyle(Qt::SolidLine);
    painter->setPen(pen);
    painter->drawPath(m_markers);
    painter->setBrush(palette.color(QPalette::Base));
    painter->drawPath(m_circles);
}

} // namespace Designer
