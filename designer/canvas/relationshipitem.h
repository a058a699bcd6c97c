// SPDX-License-Identifier: GPL-3.0-or-later
// RelationshipItem: the line of one relationship between table cards, with crow's-foot ends.
#pragma once

#include "model/relationship.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPolygonF>

namespace Designer {

class LineRouter;
class TableItem;

/** Draws one relationship as orthogonal lines with crow's-foot ends: "one" at the referenced (from) card,
    "many" (or "one" for one-to-one) at the referencing card, where the line meets the foreign-key row.
    The "one" end is mandatory (two bars) when the foreign key is required, optional (circle) otherwise.
    A many-to-many relationship is drawn as two one-to-many lines into its junction card.
    Lines go around the cards (LineRouter). Owned by its ErScene, which plans and draws the routes again
    whenever a card the line joins, or a card put on the line, moves or changes. */
class RelationshipItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    /** One end of a line: the card, and the field whose row the line meets (none: the title). */
    struct End
    {
        const TableItem *card = nullptr;
        Runtime::ObjectId fieldId;
        bool operator==(const End &) const = default;
    };
    /** One line: from the "one" end to the "many" end. */
    struct Link
    {
        End one;
        End many;
        bool mandatory = true; ///< the foreign key is required
        bool toMany = true; ///< false for one-to-one
        bool operator==(const Link &) const = default;
    };

    explicit RelationshipItem(const Runtime::Relationship &relationship, QGraphicsItem *parent = nullptr);

    int type() const override { return Type; }
    Runtime::ObjectId relationshipId() const { return m_relationship.id; }
    const Runtime::Relationship &relationship() const { return m_relationship; }
    void setRelationship(const Runtime::Relationship &relationship) { m_relationship = relationship; }

    const QList<Link> &links() const { return m_links; }
    /** Replaces the lines drawn (one, or two for many-to-many). Their routes are planned by plan() and
        drawn by setRoutes(), which the scene calls for all lines at once (they share channels). */
    void setLinks(const QList<Link> &links) { m_links = links; }
    /** Plans the route of each link around the cards \a router knows, from the cards' current positions:
        each end leaves its card on the left or the right at its row, whichever makes the shorter route
        with the fewest crossings of the lines \a router knows; then adds the routes to them. */
    void plan(LineRouter &router);
    /** Returns a route for link \a link around the cards \a router knows, from the cards' current positions,
        that leaves the "one" card on its right side if \a oneRight (else on its left) and enters the "many"
        card on its right side if \a manyRight; or an empty polyline if the router finds none or the link
        joins a card to itself. */
    QPolygonF routeLink(qsizetype link, const LineRouter &router, bool oneRight, bool manyRight) const;
    /** Replaces the planned routes (with routes from routeLink(), or routes planned before). */
    void setPlannedRoutes(const QList<QPolygonF> &routes) { m_planned = routes; }
    /** Returns the routes planned by plan(), one per link, each from the "one" end to the "many" end. */
    const QList<QPolygonF> &plannedRoutes() const { return m_planned; }
    /** Draws \a routes (the planned ones, moved apart in their channels by spreadChannels()). */
    void setRoutes(const QList<QPolygonF> &routes);
    /** Returns the polylines drawn, one per link, each from the "one" end to the "many" end. */
    const QList<QPolygonF> &routes() const { return m_routes; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    Runtime::Relationship m_relationship;
    QList<Link> m_links;
    QList<QPolygonF> m_planned;
    QList<QPolygonF> m_routes;
    QPainterPath m_line; ///< the lines
    QPainterPath m_markers; ///< crow's feet and bars (stroked)
    QPainterPath m_circles; ///< optional-end circles (filled with the base colour)
    QRectF m_bounds;
    mutable QPainterPath m_shape; ///< made on demand: only selection and hit tests need it
};

} // namespace Designer
