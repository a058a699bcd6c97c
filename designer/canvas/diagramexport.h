// SPDX-License-Identifier: GPL-3.0-or-later
// Diagram export: the ER diagram as a PNG image or an SVG drawing.
#pragma once

#include "core/result.h"

#include <QString>

class QGraphicsScene;

namespace Designer {

/** Writes the items of \a scene (their bounding rectangle with a margin, nothing selected) to \a fileName
    as a PNG at twice the scene's scale. Returns FileWriteFailed with the reason on failure. */
Runtime::Result<void> exportPng(QGraphicsScene *scene, const QString &fileName);
/** Writes the items of \a scene to \a fileName as SVG. Returns FileWriteFailed on failure. */
Runtime::Result<void> exportSvg(QGraphicsScene *scene, const QString &fileName);

} // namespace Designer
