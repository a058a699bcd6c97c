// SPDX-License-Identifier: GPL-3.0-or-later
// Table clipboard: copying tables as .basalt JSON and pasting them back with new ids and names.
#pragma once

#include "core/result.h"
#include "model/project.h"

#include <QPointF>

#include <vector>

class QMimeData;

namespace Designer {

/** Tables and relationships read from the clipboard, ready for AddTables. */
struct PastedTables
{
    std::vector<Runtime::Table> tables;
    std::vector<Runtime::Relationship> relationships;
};

/** The MIME type of copied tables: the JSON of a .basalt project holding them. */
QString tablesMimeType();

/** Returns new MIME data holding the tables \a tableIds of \a project and the relationships among them,
    written by the runtime's project writer (also as text); the caller owns it. */
QMimeData *copyTables(const Runtime::Project &project, const QList<Runtime::ObjectId> &tableIds);

/** Reads tables copied by copyTables() from \a data for pasting into \a project: every id is new (and
    references follow), names that are taken get a "_copy" suffix, and positions move by \a offset.
    Returns InvalidArgument when \a data holds no tables, or the reader's error. */
Runtime::Result<PastedTables> pasteTables(
    const Runtime::Project &project, const QMimeData *data, const QPointF &offset);

} // namespace Designer
