// SPDX-License-Identifier: GPL-3.0-or-later
// PaletteWidget: the entries dragged onto the ER canvas: a new table and one per field type.
#include "palettewidget.h"

#include "canvas/fieldglyphs.h"
#include "model/fieldtype.h"

#include <QEvent>
#include <QMimeData>
#include <QPainter>

namespace Designer {

namespace {

constexpr int EntryRole = Qt::UserRole + 1;

QIcon tableIcon(const QColor &color)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color, 2));
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(QRectF(3, 5, 26, 22), 3, 3);
    painter.fillRect(QRectF(3, 5, 26, 7), color);
    painter.drawLine(QPointF(7, 17), QPointF(25, 17));
    painter.drawLine(QPointF(7, 22), QPointF(25, 22));
    return QIcon(pixmap);
}

QIcon viewIcon(const QColor &color)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color, 2, Qt::DashLine));
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(QRectF(3, 5, 26, 22), 3, 3);
    paintEyeGlyph(&painter, QRectF(8, 10, 16, 12), color);
    return QIcon(pixmap);
}

QIcon glyphIcon(Runtime::FieldType type, const QColor &color)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.scale(2, 2); // drawn at 16 px like on the cards, crisp at the icon size
    paintFieldTypeGlyph(&painter, QRectF(1, 1, 14, 14), type, color);
    return QIcon(pixmap);
}

} // namespace

PaletteWidget::PaletteWidget(QWidget *parent)
    : QListWidget(parent)
{
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setIconSize(QSize(16, 16));
    setAccessibleName(tr("Palette"));
    setToolTip(tr("Drag an entry onto the diagram, or press Enter to add it"));
    fillEntries();
    connect(this, &QListWidget::itemActivated, this,
        [this](QListWidgetItem *item) { emit entryActivated(item->data(EntryRole).toString()); });
}

void PaletteWidget::fillEntries()
{
    const QString current = currentItem() ? currentItem()->data(EntryRole).toString() : QString();
    clear();
    const QColor color = palette().color(QPalette::Text);
    auto *table = new QListWidgetItem(tableIcon(color), tr("Table"), this);
    table->setData(EntryRole, tableEntry());
    table->setToolTip(tr("A new table with an id field"));
    auto *view = new QListWidgetItem(viewIcon(color), tr("View"), this);
    view->setData(EntryRole, viewEntry());
    view->setToolTip(tr("A read-only view of a table: drop it on a table's card, or anywhere for the selected table"));
    const QStringList names = Runtime::fieldTypeNames();
    for (const QString &name : names) {
        const Runtime::FieldType type = *Runtime::fieldTypeFromName(name);
        auto *item
            = new QListWidgetItem(glyphIcon(type, color), name, this); // type names are file-format names
        item->setData(EntryRole, fieldEntry(name));
        item->setToolTip(tr("A %1 field").arg(name));
    }
    for (int i = 0; i < count(); ++i) {
        if (item(i)->data(EntryRole).toString() == current)
            setCurrentRow(i);
    }
    if (!currentItem())
        setCurrentRow(0);
}

QString PaletteWidget::mimeType()
{
    return QStringLiteral("application/x-basalt-palette-entry");
}

QMimeData *PaletteWidget::mimeDataFor(const QString &entry)
{
    auto *data = new QMimeData;
    data->setData(mimeType(), entry.toUtf8());
    return data;
}

QString PaletteWidget::entryFrom(const QMimeData *data)
{
    if (!data || !data->hasFormat(mimeType()))
        return {};
    return QString::fromUtf8(data->data(mimeType()));
}

QString PaletteWidget::tableEntry()
{
    return QStringLiteral("table");
}

QString PaletteWidget::viewEntry()
{
    return QStringLiteral("view");
}

QString PaletteWidget::fieldEntry(const QString &typeName)
{
    return QStringLiteral("field:") + typeName;
}

QMimeData *PaletteWidget::mimeData(const QList<QListWidgetItem *> &items) const
{
    if (items.isEmpty())
        return nullptr;
    return mimeDataFor(items.constFirst()->data(EntryRole).toString());
}

QStringList PaletteWidget::mimeTypes() const
{
    return {mimeType()};
}

void PaletteWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        fillEntries(); // the glyphs are drawn in the text colour
    QListWidget::changeEvent(event);
}

} // namespace Designer
