// SPDX-License-Identifier: GPL-3.0-or-later
// RelationshipItem: the line of one relationship between table cards, with crow's-foot ends.
#include "relationshipitem.h"

#include "tableitem.h"

#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

namespace Designer {

namespace {

constexpr qreal Stub = 22; ///< straight part at each end, where the markers are drawn

/** Where a line leaves a card: a point on its left or right edge at \a row's height, and the direction. */
struct Anchor
{
    QPointF point;
    QPointF direction;
};

Anchor sideAnchor(const RelationshipItem::End &end, bool right)
{
    const QRectF r = end.card->sceneBoundingRect().adjusted(2, 2, -2, -2);
    const qreal y = end.card->mapToScene(QPointF(0, end.card->rowCenterY(end.card->rowOf(end.fieldId)))).y();
    return right ? Anchor {QPointF(r.right(), y), QPointF(1, 0)}
                 : Anchor {QPointF(r.left(), y), QPointF(-1, 0)};
}

/** Adds the end marker at \a a: bars ("one"), a crow's foot ("many") and the optional circle. */
void addMarker(QPainterPath &strokes, QPainterPath &circles, const Anchor &a, bool many, bool mandatory)
{
    const QPointF d = a.direction;
    const QPointF n(-d.y(), d.x());
    auto at = [&](qreal along, qreal across) { return a.point + d * along + n * across; };
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

QPolygonF RelationshipItem::route(const QPointF &s, const QPointF &e, const Link &link) const
{
    // Cards hide the lines behind them: among a few orthogonal routes, take the one crossing the fewest
    // other cards. Three segments with the elbow at several x; or, when the cards are in different rows,
    // five segments that run along the gap between the rows.
    QList<QPolygonF> candidates;
    for (const qreal f : {0.5, 1.0, 0.0, 0.25, 0.75}) {
        const qreal x = s.x() + (e.x() - s.x()) * f;
        candidates.append(QPolygonF {s, QPointF(x, s.y()), QPointF(x, e.y()), e});
    }
    const QRectF a = link.one.card->sceneBoundingRect();
    const QRectF b = link.many.card->sceneBoundingRect();
    if (a.bottom() + 8 < b.top() || b.bottom() + 8 < a.top()) {
        const qreal gapY = a.bottom() < b.top() ? (a.bottom() + b.top()) / 2 : (b.bottom() + a.top()) / 2;
        candidates.append(QPolygonF {s, QPointF(s.x(), gapY), QPointF(e.x(), gapY), e});
    }
    if (!scene())
        return candidates.front();
    auto crossings = [&](const QPolygonF &polyline) {
        int count = 0;
        for (qsizetype i = 1; i < polyline.size(); ++i) {
            const QRectF segment = QRectF(polyline[i - 1], polyline[i]).normalized().adjusted(-1, -1, 1, 1);
            const auto items = scene()->items(segment, Qt::IntersectsItemBoundingRect);
            for (const QGraphicsItem *item : items) {
                if (item->type() == TableItem::Type && item != link.one.card && item != link.many.card)
                    ++count;
            }
        }
        return count;
    };
    qsizetype best = 0;
    int fewest = crossings(candidates.front());
    for (qsizetype i = 1; i < candidates.size() && fewest > 0; ++i) {
        const int count = crossings(candidates[i]);
        if (count < fewest) {
            fewest = count;
            best = i;
        }
    }
    return candidates[best];
}

RelationshipItem::RelationshipItem(const Runtime::Relationship &relationship, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_relationship(relationship)
{
    setFlags(ItemIsSelectable);
    setZValue(-1);
}

void RelationshipItem::setLinks(const QList<Link> &links)
{
    m_links = links;
    updatePath();
}

void RelationshipItem::updatePath()
{
    QPainterPath line;
    QPainterPath markers;
    QPainterPath circles;
    QList<QPolygonF> routes;
    for (const Link &link : std::as_const(m_links)) {
        if (!link.one.card || !link.many.card)
            continue;
        const QRectF a = link.one.card->sceneBoundingRect();
        const QRectF b = link.many.card->sceneBoundingRect();
        Anchor start;
        Anchor end;
        if (link.one.card == link.many.card) {
            // A self reference: a loop out of the right edge and back.
            start = sideAnchor(link.one, true);
            end = sideAnchor(link.many, true);
            const qreal x = a.right() + 2 * Stub;
            line.moveTo(start.point);
            line.lineTo(x, start.point.y());
            line.lineTo(x, end.point.y());
            line.lineTo(end.point);
        } else {
            // Leave each card on the side facing the other; cards stacked above each other use the same side.
            const bool oneLeft = a.center().x() <= b.center().x();
            const bool overlapX = a.right() + 2 * Stub > b.left() && b.right() + 2 * Stub > a.left();
            start = sideAnchor(link.one, overlapX ? true : oneLeft);
            end = sideAnchor(link.many, overlapX ? true : !oneLeft);
            const QPointF s = start.point + start.direction * Stub;
            const QPointF e = end.point + end.direction * Stub;
            line.moveTo(start.point);
            if (overlapX) {
                const qreal x = qMax(s.x(), e.x());
                line.lineTo(s);
                line.lineTo(x, s.y());
                line.lineTo(x, e.y());
                line.lineTo(e);
            } else {
                for (const QPointF &point : route(s, e, link))
                    line.lineTo(point);
            }
            line.lineTo(end.point);
        }
        routes.append(line.toSubpathPolygons().constLast());
        addMarker(markers, circles, start, false, link.mandatory);
        addMarker(markers, circles, end, link.toMany, false);
    }
    prepareGeometryChange();
    m_line = line;
    m_routes = routes;
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
