// SPDX-License-Identifier: GPL-3.0-or-later
// Pure functions for the permission presets: the rules each sets on a table, their names and undo texts.
#pragma once

#include "model/project.h"

#include <QString>

namespace Designer::PermissionPresets {

/** The presets of the permissions editor, in the order of its buttons. */
enum class Preset { PublicRead, OwnerOnly, TenantScoped };

/** Returns the translated name of \a preset ("Public read"), as the undo text shows it. */
QString name(Preset preset);
/** Returns the undo text of applying \a preset to \a table. */
QString undoText(Preset preset, const Runtime::Table &table);

/** Returns the first of user_id, owner_id, author_id, created_by, customer_id of \a table whose type
    is uuid, or an empty string. */
QString ownerField(const Runtime::Table &table);
/** Returns \a table with \a preset applied; \a ownerField is the owner column of Preset::OwnerOnly. */
Runtime::Table apply(
    const Runtime::Project &project, Runtime::Table table, Preset preset, const QString &ownerField = {});

} // namespace Designer::PermissionPresets
