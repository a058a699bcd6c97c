// SPDX-License-Identifier: GPL-3.0-or-later
// ChangeEvent: what a command changed in the project, so views update only what they show of it.
#pragma once

#include "model/ids.h"

#include <QList>

namespace Designer {

/** Sent by ProjectDocument::changed() after every change of the project (a command's redo or undo, a
    reload). Views refresh what the kind and ids name; Reset means "everything may have changed". */
struct ChangeEvent
{
    enum class Kind {
        Reset,                ///< a new project or a change too broad to describe
        TablesAdded,          ///< ids: the new tables
        TablesAboutToBeRemoved, ///< ids: the tables still present, about to go
        TablesRemoved,        ///< ids: the tables that are gone
        TableChanged,         ///< ids: one table whose name, fields, indexes, rules or flags changed
        TablesMoved,          ///< ids: tables and views whose canvas position changed
        RelationshipsChanged, ///< ids: relationships added, removed or changed
        ViewsChanged,         ///< ids: views added, removed or changed (not moved: TablesMoved)
        ProjectChanged,       ///< name, description, settings, roles, endpoints, functions
    };

    Kind kind = Kind::Reset;
    QList<Runtime::ObjectId> ids;
};

} // namespace Designer
