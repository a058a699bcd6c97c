// SPDX-License-Identifier: GPL-3.0-or-later
// TableItem: one table's card on the ER canvas, and cardSize(), which auto-layout shares.
#include "tableitem.h"

#include "erscene.h"
#include "fieldglyphs.h"

#include <QCoreApplication>
#include <QCursor>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QGraphicsSceneHoverEvent>
#include <QGraphicsSceneMouseEvent>
#include <QGuiApplication>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>

namespace Designer {

namespace {

constexpr qreal MinWidth = 220;
constexpr qreal MaxWidth = 300;
constexpr qreal Padding = 8;
constexpr qreal GlyphSize = 14;
constexpr qreal MarkerWidth = 14;
constexpr qreal BadgeWidth = 14;
constexpr qreal HandleRadius = 4;

QFont cardFont()
{
    return QGuiApplication::font();
}

QFont titleFont()
{
    QFont font = cardFont();
    font.setBold(true);
    return font;
}

qreal rowHeight()
{
    return qMax<qreal>(20, QFontMetricsF(cardFont()).height() + 6);
}

qreal titleHeight()
{
    return QFontMetricsF(titleFont()).height() + 12;
}

int badgeCount(const Runtime::Field &field)
{
    return int(field.required) + int(field.unique) + int(field.hidden) + int(field.readOnly);
}

/** Returns black or white, whichever reads better on \a background. */
QColor contrastingText(const QColor &background)
{
    const qreal luminance
        = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return luminance > 0.55 ? QColor(20, 20, 20) : QColor(Qt::white);
}

void paintTextBadge(QPainter *painter, const QRectF &r, const QString &text, const QColor &color)
{
    QFont font = cardFont();
    font.setPointSizeF(font.pointSizeF() * 0.75);
    font.setBold(true);
    painter->setFont(font);
    painter->setPen(color);
    painter->drawText(r, Qt::AlignCenter, text);
}

} // namespace

QColor cardTitleColor(const QString &color)
{
    const QColor parsed = QColor::fromString(color);
    return parsed.isValid() ? parsed : QColor(0x60, 0x7d, 0x8b);
}

QSizeF cardSize(const Runtime::Table &table, bool viewCard)
{
    const QFontMetricsF metrics(cardFont());
    qreal width = QFontMetricsF(titleFont()).horizontalAdvance(table.name) + 2 * Padding + (viewCard ? 110 : 60);
    for (const Runtime::Field &field : table.fields) {
        const qreal row = Padding + GlyphSize + 4 + MarkerWidth + 4 + metrics.horizontalAdvance(field.name)
            + 12 + badgeCount(field) * BadgeWidth
            + metrics.horizontalAdvance(Runtime::fieldTypeName(field.type)) + 2 * HandleRadius + 2 * Padding;
        width = qMax(width, row);
    }
    width = std::ceil(qBound(MinWidth, width, MaxWidth));
    const qreal height = titleHeight() + qMax<qsizetype>(1, qsizetype(table.fields.size())) * rowHeight() + 6;
    return QSizeF(width, std::ceil(height));
}

TableItem::TableItem(const Runtime::Table &table, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_table(table)
    , m_size(cardSize(table))
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges | ItemIsFocusable);
    setAcceptHoverEvents(true);
    // Cards are costly to paint (many texts); the cache makes panning and moving cheap.
    setCacheMode(DeviceCoordinateCache);
    setPos(table.position);
}

void TableItem::setTable(
    const Runtime::Table &table, const QSet<Runtime::ObjectId> &foreignKeys, bool junction)
{
    if (table.position != pos())
        setPos(table.position);
    auto shown = [](const Runtime::Table &t) {
        Runtime::Table copy = t;
        copy.position = {};
        copy.description.clear();
        copy.permissions.clear();
        copy.indexes.clear();
        return copy;
    };
    if (shown(table) == shown(m_table) && foreignKeys == m_foreignKeys && junction == m_junction) {
        m_table = table;
        return;
    }
    const QSizeF size = cardSize(table, m_viewCard);
    if (size != m_size)
        prepareGeometryChange();
    m_table = table;
    m_foreignKeys = foreignKeys;
    m_junction = junction;
    m_size = size;
    update();
}

void TableItem::setViewCard(bool view)
{
    if (view == m_viewCard)
        return;
    m_viewCard = view;
    prepareGeometryChange();
    m_size = cardSize(m_table, m_viewCard);
    update();
}

int TableItem::rowAt(const QPointF &localPos) const
{
    const qreal y = localPos.y() - titleHeight();
    if (y < 0 || localPos.x() < 0 || localPos.x() > m_size.width())
        return -1;
    const int row = int(y / rowHeight());
    return row < int(m_table.fields.size()) ? row : -1;
}

int TableItem::rowOf(const Runtime::ObjectId &fieldId) const
{
    return m_table.fieldIndex(fieldId);
}

qreal TableItem::rowCenterY(int row) const
{
    if (row < 0)
        return titleHeight() / 2;
    return titleHeight() + (row + 0.5) * rowHeight();
}

QPointF TableItem::handleCenter(int row) const
{
    return QPointF(m_size.width() - Padding / 2 - HandleRadius, rowCenterY(row));
}

int TableItem::handleAt(const QPointF &localPos) const
{
    const int row = m_viewCard ? -1 : rowAt(localPos);
    if (row < 0)
        return -1;
    return QLineF(localPos, handleCenter(row)).length() <= HandleRadius + 3 ? row : -1;
}

QRectF TableItem::boundingRect() const
{
    return QRectF(QPointF(-2, -2), m_size + QSizeF(4, 4));
}

void TableItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(widget);
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF card(QPointF(0, 0), m_size);

    painter->setPen(Qt::NoPen);
    QColor body = palette.color(QPalette::Base);
    if (m_viewCard) {
        // A view's body takes a trace of its colour, so it reads as "not a table" before its title is read.
        const QColor tint = cardTitleColor(m_table.color);
        body = QColor::fromRgbF(body.redF() * 0.9 + tint.redF() * 0.1, body.greenF() * 0.9 + tint.greenF() * 0.1,
            body.blueF() * 0.9 + tint.blueF() * 0.1);
    }
    painter->setBrush(body);
    painter->drawRoundedRect(card, 5, 5);
    paintTitle(painter, palette);
    // Zoomed far out, rows are too small to read: draw their outline only (keeps zooming a large diagram
    // fast).
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    if (lod >= 0.45) {
        for (int row = 0; row < int(m_table.fields.size()); ++row)
            paintRow(painter, palette, row);
    } else {
        QColor line = palette.color(QPalette::Text);
        line.setAlphaF(0.25);
        const qreal h = rowHeight();
        for (int row = 0; row < int(m_table.fields.size()); ++row) {
            const qreal y = titleHeight() + row * h + h / 2;
            painter->fillRect(QRectF(Padding, y - 2, m_size.width() * (0.35 + 0.1 * (row % 3)), 4), line);
        }
    }

    const bool selected = option->state & QStyle::State_Selected;
    QPen border(
        selected ? palette.color(QPalette::Highlight) : palette.color(QPalette::Mid), selected ? 2.5 : 1);
    if ((m_junction || m_viewCard) && !selected)
        border.setStyle(Qt::DashLine);
    if (m_viewCard && !selected)
        border = QPen(cardTitleColor(m_table.color), 1.5, Qt::DashLine);
    painter->setPen(border);
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
}

void TableItem::paintTitle(QPainter *painter, const QPalette &palette) const
{
    Q_UNUSED(palette);
    const QColor background = cardTitleColor(m_table.color);
    const QColor foreground = contrastingText(background);
    const qreal h = titleHeight();
    QPainterPath title;
    title.addRoundedRect(QRectF(0, 0, m_size.width(), h + 6), 5, 5);
    QPainterPath clip;
    clip.addRect(QRectF(0, 0, m_size.width(), h));
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_junction ? background.lighter(125) : background);
    painter->drawPath(title.intersected(clip));

    qreal right = m_size.width() - Padding;
    if (!m_triggers.isEmpty()) {
        const QRectF badge = triggerBadgeRect();
        painter->setPen(QPen(foreground, 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(badge, 7, 7);
        paintBoltGlyph(painter, QRectF(badge.left() + 4, badge.top() + 2, 7, badge.height() - 4), foreground);
        QFont font = cardFont();
        font.setPointSizeF(font.pointSizeF() * 0.75);
        painter->setFont(font);
        painter->setPen(foreground);
        painter->drawText(badge.adjusted(12, 0, -4, 0), Qt::AlignCenter, QString::number(m_triggers.size()));
        right = badge.left() - 4;
    }
    auto pill = [&](const QString &text) {
        QFont font = cardFont();
        font.setPointSizeF(font.pointSizeF() * 0.75);
        painter->setFont(font);
        const qreal w = QFontMetricsF(font).horizontalAdvance(text) + 8;
        const QRectF r(right - w, h / 2 - 7, w, 14);
        painter->setPen(QPen(foreground, 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(r, 7, 7);
        painter->drawText(r, Qt::AlignCenter, text);
        right = r.left() - 4;
    };
    if (m_table.tenantScoped)
        pill(QCoreApplication::translate("Designer::TableItem", "tenant"));
    if (m_table.realtime)
        pill(QCoreApplication::translate("Designer::TableItem", "live"));
    if (m_junction)
        pill(QCoreApplication::translate("Designer::TableItem", "N:M"));
    if (m_viewCard)
        pill(QCoreApplication::translate("Designer::TableItem", "VIEW"));

    qreal left = Padding;
    if (m_viewCard) {
        paintEyeGlyph(painter, QRectF(left, h / 2 - GlyphSize / 2, GlyphSize + 2, GlyphSize), foreground);
        left += GlyphSize + 6;
    }
    QFont font = titleFont();
    font.setItalic(m_junction || m_viewCard);
    painter->setFont(font);
    painter->setPen(foreground);
    const QRectF text(left, 0, right - left, h);
    painter->drawText(text, Qt::AlignVCenter | Qt::AlignLeft,
        QFontMetricsF(font).elidedText(m_table.name, Qt::ElideRight, text.width()));
}

void TableItem::paintRow(QPainter *painter, const QPalette &palette, int row) const
{
    const Runtime::Field &field = m_table.fields[size_t(row)];
    const qreal h = rowHeight();
    const qreal top = titleHeight() + row * h;
    const qreal cy = top + h / 2;
    const QColor text = palette.color(QPalette::Text);
    QColor secondary = text;
    secondary.setAlphaF(0.6);
    const QColor accent = palette.color(QPalette::Highlight);

    qreal x = Padding;
    paintFieldTypeGlyph(painter, QRectF(x, cy - GlyphSize / 2, GlyphSize, GlyphSize), field.type, secondary);
    x += GlyphSize + 4;
    const QRectF marker(x, cy - 5, MarkerWidth - 2, 10);
    if (field.isPrimaryKey())
        paintKeyGlyph(painter, marker, QColor(0xd4, 0xa0, 0x17));
    else if (m_foreignKeys.contains(field.id))
        paintLinkGlyph(painter, marker, accent);
    x += MarkerWidth + 4;

    const QPointF handle = handleCenter(row);
    if (!m_viewCard) {
        painter->setPen(QPen(secondary, 1));
        painter->setBrush(palette.color(QPalette::Base));
        painter->drawEllipse(handle, HandleRadius, HandleRadius);
    }

    const QFontMetricsF metrics(cardFont());
    painter->setFont(cardFont());
    const QString typeName = Runtime::fieldTypeName(field.type);
    qreal right = handle.x() - HandleRadius - 6;
    const qreal typeWidth = metrics.horizontalAdvance(typeName);
    painter->setPen(secondary);
    painter->drawText(
        QRectF(right - typeWidth, top, typeWidth, h), Qt::AlignVCenter | Qt::AlignRight, typeName);
    right -= typeWidth + 4;

    auto badge = [&](auto paintFn) {
        const QRectF r(right - BadgeWidth, cy - BadgeWidth / 2, BadgeWidth, BadgeWidth);
        paintFn(r);
        right = r.left();
    };
    if (field.readOnly && !m_viewCard) // every column of a view is read-only: no badge says it
        badge([&](const QRectF &r) { paintLockGlyph(painter, r, secondary); });
    if (field.hidden)
        badge([&](const QRectF &r) { paintEyeOffGlyph(painter, r, secondary); });
    if (field.unique && !field.isPrimaryKey())
        badge([&](const QRectF &r) { paintTextBadge(painter, r, QStringLiteral("U"), accent); });
    if (field.required && !field.isPrimaryKey())
        badge([&](const QRectF &r) {
            paintTextBadge(painter, r, QStringLiteral("*"), QColor(0xd0, 0x40, 0x40));
        });

    QFont nameFont = cardFont();
    nameFont.setBold(field.isPrimaryKey());
    painter->setFont(nameFont);
    painter->setPen(text);
    const QRectF nameRect(x, top, qMax<qreal>(0, right - x - 4), h);
    painter->drawText(nameRect, Qt::AlignVCenter | Qt::AlignLeft,
        QFontMetricsF(nameFont).elidedText(field.name, Qt::ElideRight, nameRect.width()));
}

QVariant TableItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        if (auto *er = qobject_cast<ErScene *>(scene()))
            er->tableItemMoved(this);
    } else if (change == ItemSelectedHasChanged) {
        setZValue(value.toBool() ? 1 : 0);
    }
    return QGraphicsItem::itemChange(change, value);
}

void TableItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    const int row = event->button() == Qt::LeftButton ? handleAt(event->pos()) : -1;
    auto *er = qobject_cast<ErScene *>(scene());
    if (row >= 0 && er) {
        m_linkRow = row;
        er->startLink(this, row, mapToScene(handleCenter(row)));
        event->accept();
        return;
    }
    QGraphicsItem::mousePressEvent(event);
}

void TableItem::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_linkRow >= 0) {
        if (auto *er = qobject_cast<ErScene *>(scene()))
            er->moveLink(event->scenePos());
        return;
    }
    QGraphicsItem::mouseMoveEvent(event);
}

void TableItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_linkRow >= 0) {
        m_linkRow = -1;
        if (auto *er = qobject_cast<ErScene *>(scene()))
            er->finishLink(event->scenePos(), event->screenPos());
        return;
    }
    QGraphicsItem::mouseReleaseEvent(event);
}

bool TableItem::sceneEvent(QEvent *event)
{
    // A grab lost without a release (a popup, the window deactivated) still ends the drag's undo step.
    if (event->type() == QEvent::UngrabMouse) {
        if (auto *er = qobject_cast<ErScene *>(scene()))
            er->endDragMove();
    }
    return QGraphicsItem::sceneEvent(event);
}

void TableItem::setTriggers(const QStringList &triggers)
{
    if (triggers == m_triggers)
        return;
    m_triggers = triggers;
    update();
}

QRectF TableItem::triggerBadgeRect() const
{
    if (m_triggers.isEmpty())
        return {};
    QFont font = cardFont();
    font.setPointSizeF(font.pointSizeF() * 0.75);
    const qreal w = QFontMetricsF(font).horizontalAdvance(QString::number(m_triggers.size())) + 20;
    const qreal h = titleHeight();
    return QRectF(m_size.width() - Padding - w, h / 2 - 7, w, 14);
}

void TableItem::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    const QString tip = triggerBadgeRect().contains(event->pos()) ? m_triggers.join(QLatin1Char('\n')) : QString();
    if (toolTip() != tip)
        setToolTip(tip);
    setCursor(handleAt(event->pos()) >= 0 ? Qt::CrossCursor : Qt::ArrowCursor);
    QGraphicsItem::hoverMoveEvent(event);
}

} // namespace Designer
