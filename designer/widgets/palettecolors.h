// SPDX-License-Identifier: GPL-3.0-or-later
// Colours that keep their contrast in light and dark palettes.
#pragma once

#include <QColor>
#include <QPalette>

namespace Designer {

/** Returns true when \a palette is dark (its text fields' background is darker than mid grey), so panes pick
    their own highlight colours for it. */
inline bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

/** Returns the colour for error text on \a palette's window background: a dark red on light palettes, a
    light red on dark ones. */
inline QColor errorTextColor(const QPalette &palette)
{
    return isDarkPalette(palette) ? QColor(0xff, 0x8a, 0x80) : QColor(0x9f, 0x1c, 0x1c);
}

} // namespace Designer
