// SPDX-License-Identifier: GPL-3.0-or-later
// Diagram export: the ER diagram as a PNG image or an SVG drawing.
#include "diagramexport.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QPalette>
#include <QSvgGenerator>

#include <functional>

namespace Designer {

namespace {

constexpr qreal Margin = 24;

Runtime::Error writeError(const QString &fileName, const QString &reason)
{
    return Runtime::Error(Runtime::ErrorCode::FileWriteFailed,
        QCoreApplication::translate("Designer::DiagramExport", "Could not export the diagram to %1: %2")
            .arg(QFileInfo(fileName).fileName(), reason),
        fileName);
}

/** Renders \a scene with \a paint without showing the selection, and selects the same items again. */
void renderUnselected(QGraphicsScene *scene, const std::function<void()> &paint)
{
    const QList<QGraphicsItem *> selected = scene->selectedItems();
    const bool blocked = scene->blockSignals(true); // the document keeps its selection
    for (QGraphicsItem *item : selected)
        item->setSelected(false);
    // Cached cards would be drawn as bitmaps (blurry in a PNG at another scale, pixels in an SVG).
    const QList<QGraphicsItem *> items = scene->items();
    QList<QGraphicsItem::CacheMode> modes;
    for (QGraphicsItem *item : items) {
        modes << item->cacheMode();
        item->setCacheMode(QGraphicsItem::NoCache);
    }
    paint();
    for (qsizetype i = 0; i < items.size(); ++i)
        items[i]->setCacheMode(modes[i]);
    for (QGraphicsItem *item : selected)
        item->setSelected(true);
    scene->blockSignals(blocked);
}

} // namespace

Runtime::Result<void> exportPng(QGraphicsScene *scene, const QString &fileName)
{
    const QRectF source = scene->itemsBoundingRect().adjusted(-Margin, -Margin, Margin, Margin);
    const QSize size = (source.size() * 2).toSize();
    if (size.width() * qint64(size.height()) > 400'000'000LL)
        return writeError(fileName,
            QCoreApplication::translate("Designer::DiagramExport", "the diagram is too large for an image"));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return writeError(fileName,
            QCoreApplication::translate("Designer::DiagramExport", "not enough memory for the image"));
    image.fill(scene->palette().color(QPalette::Base));
    renderUnselected(scene, [&] {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        scene->render(&painter, QRectF(QPointF(0, 0), size), source);
    });
    QImageWriter writer(fileName, "png");
    if (!writer.write(image))
        return writeError(fileName, writer.errorString());
    return {};
}

Runtime::Result<void> exportSvg(QGraphicsScene *scene, const QString &fileName)
{
    const QRectF source = scene->itemsBoundingRect().adjusted(-Margin, -Margin, Margin, Margin);
    QFile file(fileName);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return writeError(fileName, file.errorString());
    QSvgGenerator generator;
    generator.setOutputDevice(&file);
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
    generator.setTitle(QCoreApplication::translate("Designer::DiagramExport", "ER diagram"));
    renderUnselected(scene, [&] {
        QPainter painter;
        if (!painter.begin(&generator))
            return;
        painter.fillRect(QRectF(QPointF(0, 0), source.size()), scene->palette().color(QPalette::Base));
        scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
        painter.end();
    });
    file.close();
    if (file.error() != QFileDevice::NoError || QFileInfo(fileName).size() == 0)
        return writeError(fileName, file.errorString());
    return {};
}

} // namespace Designer
