// SPDX-License-Identifier: GPL-3.0-or-later
// ErScene: the cards of views and their dashed lines to the tables they read.
#include "erscene.h"

#include "document/projectdocument.h"
#include "tableitem.h"

#include <QGraphicsPathItem>
#include <QPainterPath>
#include <QPalette>
#include <QPen>

namespace Designer {

QList<QGraphicsPathItem *> ErScene::viewLines(const Runtime::ObjectId &viewId) const
{
    QList<QGraphicsPathItem *> lines;
    for (const ViewLine &line : m_viewLines) {
        if (line.viewId == viewId)
            lines << line.item;
    }
    return lines;
}

void ErScene::syncViews()
{
    const Runtime::Project &project = m_document->project();
    QSet<Runtime::ObjectId> present;
    for (const Runtime::View &view : project.views) {
        present.insert(view.id);
        const Runtime::Table shown = view.asTable(project);
        // Columns that come through a relationship show the link glyph, like foreign keys on tables.
        QSet<Runtime::ObjectId> related;
        for (size_t i = 0; i < view.columns.size(); ++i) {
            if (!view.columns[i].relationshipId.isEmpty())
                related << shown.fields[i].id;
        }
        TableItem *item = m_views.value(view.id);
        if (!item) {
            item = new TableItem(shown);
            item->setViewCard(true);
            addItem(item);
            m_views.insert(view.id, item);
        }
        item->setTable(shown, related, false);
    }
    for (auto it = m_views.begin(); it != m_views.end();) {
        if (present.contains(it.key())) {
            ++it;
            continue;
        }
        removeItem(it.value());
        delete it.value();
        it = m_views.erase(it);
    }
    // Lines are few (one or two per view): made anew whenever views or tables change.
    for (const ViewLine &line : std::as_const(m_viewLines)) {
        removeItem(line.item);
        delete line.item;
    }
    m_viewLines.clear();
    for (const Runtime::View &view : project.views) {
        QList<Runtime::ObjectId> tables {view.baseTableId};
        for (size_t i = 0; i < view.columns.size(); ++i) {
            const Runtime::Relationship *r = view.columns[i].relationshipId.isEmpty()
                ? nullptr
                : project.relationship(view.columns[i].relationshipId);
            const Runtime::ObjectId other = !r ? Runtime::ObjectId()
                : r->toTableId == view.baseTableId ? r->fromTableId
                                                   : r->toTableId;
            if (!other.isEmpty() && !tables.contains(other))
                tables << other;
        }
        for (const Runtime::ObjectId &tableId : std::as_const(tables)) {
            if (!m_tables.contains(tableId))
                continue;
            auto *item = new QGraphicsPathItem;
            item->setZValue(-1);
            addItem(item);
            m_viewLines.append({item, view.id, tableId});
        }
    }
    updateViewLines();
}

void ErScene::updateViewLines(const Runtime::ObjectId &cardId)
{
    // From the edge of one card to the edge of the other, along the line between their centres.
    auto edgePoint = [](const QRectF &rect, const QPointF &towards) {
        const QPointF c = rect.center();
        const QPointF d = towards - c;
        if (qFuzzyIsNull(d.x()) && qFuzzyIsNull(d.y()))
            return c;
        const qreal sx = qFuzzyIsNull(d.x()) ? 1e9 : rect.width() / 2 / qAbs(d.x());
        const qreal sy = qFuzzyIsNull(d.y()) ? 1e9 : rect.height() / 2 / qAbs(d.y());
        return c + d * qMin(1.0, qMin(sx, sy));
    };
    QColor colour = palette().color(QPalette::Text);
    colour.setAlphaF(0.55);
    for (const ViewLine &line : std::as_const(m_viewLines)) {
        if (!cardId.isEmpty() && line.viewId != cardId && line.tableId != cardId)
            continue;
        TableItem *view = m_views.value(line.viewId);
        TableItem *table = m_tables.value(line.tableId);
        if (!view || !table)
            continue;
        const QRectF a = view->sceneBoundingRect().adjusted(2, 2, -2, -2);
        const QRectF b = table->sceneBoundingRect().adjusted(2, 2, -2, -2);
        QPainterPath path(edgePoint(a, b.center()));
        const QPointF end = edgePoint(b, a.center());
        path.lineTo(end);
        // A small open arrowhead at the table: the view reads from it.
        const QLineF back(end, path.elementAt(0));
        for (qreal angle : {25.0, -25.0}) {
            QLineF wing = back;
            wing.setLength(qMin<qreal>(9, back.length()));
            wing.setAngle(back.angle() + angle);
            path.moveTo(end);
            path.lineTo(wing.p2());
        }
        line.item->setPen(QPen(colour, 1.3, Qt::DashLine));
        line.item->setPath(path);
    }
}

} // namespace Designer
