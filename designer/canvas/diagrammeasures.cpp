// SPDX-License-Identifier: GPL-3.0-or-later
// Diagram measures: how well the relationship lines of a diagram read (crossings, lines under cards).
#include "diagrammeasures.h"

#include "erscene.h"
#include "linerouter.h"
#include "relationshipitem.h"
#include "tableitem.h"

#include <QLineF>

#include <algorithm>

namespace Designer {

namespace {

struct Segment
{
    QLineF line;
    int owner;
};

} // namespace

DiagramMeasures measureLines(const QList<QList<QPolygonF>> &lines, const QList<QRectF> &cards)
{
    DiagramMeasures measures;
    QList<Segment> segments;
    for (qsizetype owner = 0; owner < lines.size(); ++owner) {
        for (const QPolygonF &polyline : lines[owner]) {
            for (const QRectF &card : cards) {
                const QRectF inside = card.adjusted(3, 3, -3, -3);
                for (qsizetype i = 1; i < polyline.size(); ++i) {
                    if (segmentEntersRect(polyline[i - 1], polyline[i], inside)) {
                        ++measures.linesUnderCards;
                        break;
                    }
                }
            }
            for (qsizetype i = 1; i < polyline.size(); ++i)
                segments.append({QLineF(polyline[i - 1], polyline[i]), int(owner)});
        }
    }
    for (qsizetype i = 0; i < segments.size(); ++i) {
        for (qsizetype j = i + 1; j < segments.size(); ++j) {
            if (segments[i].owner == segments[j].owner)
                continue;
            // Far apart: a cheap test first (most pairs are).
            const QLineF &a = segments[i].line;
            const QLineF &b = segments[j].line;
            if (std::max(a.x1(), a.x2()) < std::min(b.x1(), b.x2()) - 1
                || std::max(b.x1(), b.x2()) < std::min(a.x1(), a.x2()) - 1
                || std::max(a.y1(), a.y2()) < std::min(b.y1(), b.y2()) - 1
                || std::max(b.y1(), b.y2()) < std::min(a.y1(), a.y2()) - 1)
                continue;
            // Only crossings count: not lines that meet where one of them ends (two lines from one key part
            // there) or that run along each other.
            QPointF at;
            if (segments[i].line.intersects(segments[j].line, &at) != QLineF::BoundedIntersection)
                continue;
            const auto isEnd = [&at](const QLineF &line) {
                return QLineF(at, line.p1()).length() < 0.5 || QLineF(at, line.p2()).length() < 0.5;
            };
            if (!isEnd(segments[i].line) && !isEnd(segments[j].line))
                ++measures.crossings;
        }
    }
    return measures;
}

DiagramMeasures measureDiagram(const ErScene &scene)
{
    QList<QList<QPolygonF>> lines;
    const auto relationships = scene.relationshipItems();
    for (const RelationshipItem *item : relationships)
        lines.append(item->routes());
    QList<QRectF> cards;
    const auto items = scene.tableItems() + scene.viewItems();
    for (const TableItem *item : items)
        cards.append(item->sceneBoundingRect().adjusted(2, 2, -2, -2));
    return measureLines(lines, cards);
}

} // namespace Designer
