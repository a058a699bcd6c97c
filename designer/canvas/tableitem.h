// SPDX-License-Identifier: GPL-3.0-or-later
// TableItem: one table's card on the ER canvas, and cardSize(), which auto-layout shares.
#pragma once

#include "model/table.h"

#include <QGraphicsItem>
#include <QSet>

namespace Designer {

/** Returns the size of the card of \a table as TableItem draws it (in scene units). Auto-layout uses it so
    that arranged cards never overlap. \a viewCard: the card of a view (see TableItem::setViewCard()). */
QSizeF cardSize(const Runtime::Table &table, bool viewCard = false);

/** Returns the title colour of a card: \a color ("#rrggbb") or a readable default when it is empty. */
QColor cardTitleColor(const QString &color);

/** A table's card: a title bar in the table's colour and one row per field with its type glyph, name, type
    name, key markers and badges. Movable and selectable; a small handle at the right of each row starts a
    relationship drag (see ErScene). Owned by its ErScene; it keeps a copy of the table it shows, refreshed
    by setTable() when the document changes. Paints with the scene's palette. */
class TableItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };

    explicit TableItem(const Runtime::Table &table, QGraphicsItem *parent = nullptr);

    int type() const override { return Type; }
    Runtime::ObjectId tableId() const { return m_table.id; }
    const Runtime::Table &table() const { return m_table; }

    /** Shows \a table, whose foreign-key fields are \a foreignKeys; \a junction styles it as the junction
        table of a many-to-many relationship. Repaints (and resizes) only if something shown changed. */
    void setTable(const Runtime::Table &table, const QSet<Runtime::ObjectId> &foreignKeys, bool junction);

    /** Makes this the card of a view (\a view true): the table is what View::asTable() presents, the
        frame is dashed and tinted, the title has an eye and a "VIEW" badge, rows have no relationship
        handles (views take no relationships), and columns in \a foreignKeys (those that come through a
        relationship) show the link glyph. */
    void setViewCard(bool view);
    bool isViewCard() const { return m_viewCard; }

    /** Shows a lightning badge with the number of \a triggers in the title (none: no badge); hovering it
        lists them ("before insert: compute_total"). Repaints only if they changed. */
    void setTriggers(const QStringList &triggers);
    const QStringList &triggers() const { return m_triggers; }
    /** Returns the trigger badge's rectangle in item coordinates (empty without triggers). */
    QRectF triggerBadgeRect() const;

    /** Returns the field row under \a localPos, or -1 (title, margins). */
    int rowAt(const QPointF &localPos) const;
    /** Returns the row of field \a fieldId, or -1. */
    int rowOf(const Runtime::ObjectId &fieldId) const;
    /** Returns the vertical centre of \a row in item coordinates (the title's centre for -1). */
    qreal rowCenterY(int row) const;
    /** Returns the centre of the relationship handle of \a row, in item coordinates. */
    QPointF handleCenter(int row) const;
    /** Returns the row whose handle is under \a localPos, or -1. */
    int handleAt(const QPointF &localPos) const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;
    bool sceneEvent(QEvent *event) override;

private:
    void paintTitle(QPainter *painter, const QPalette &palette) const;
    void paintRow(QPainter *painter, const QPalette &palette, int row) const;

    Runtime::Table m_table;
    QSet<Runtime::ObjectId> m_foreignKeys;
    QSizeF m_size;
    bool m_junction = false;
    bool m_viewCard = false;
    QStringList m_triggers; ///< one line per trigger of the table, for the badge's tooltip
    int m_linkRow = -1; ///< the row whose handle started a relationship drag
};

} // namespace Designer
