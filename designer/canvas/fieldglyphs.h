// SPDX-License-Identifier: GPL-3.0-or-later
// Field glyphs: the small vector pictures of field types, keys and badges on cards and in the palette.
#pragma once

#include "model/fieldtype.h"

#include <QColor>
#include <QRectF>

class QPainter;

namespace Designer {

/** Paints the glyph of field type \a type into \a rect with \a color (cards and PaletteWidget). */
void paintFieldTypeGlyph(QPainter *painter, const QRectF &rect, Runtime::FieldType type, const QColor &color);
/** Paint the marker glyphs of a field row into \a r: primary key, foreign key, hidden, read-only. */
void paintKeyGlyph(QPainter *painter, const QRectF &r, const QColor &color);
void paintLinkGlyph(QPainter *painter, const QRectF &r, const QColor &color);
/** Paints an open eye: the mark of a view (a table to look at, not to write). */
void paintEyeGlyph(QPainter *painter, const QRectF &r, const QColor &color);
/** Paints a lightning bolt (a table's triggers) filling \a r in \a color. */
void paintBoltGlyph(QPainter *painter, const QRectF &r, const QColor &color);
void paintEyeOffGlyph(QPainter *painter, const QRectF &r, const QColor &color);
void paintLockGlyph(QPainter *painter, const QRectF &r, const QColor &color);

} // namespace Designer
