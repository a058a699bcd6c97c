// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the model as a .basalt file: stable key order, 2-space indent, diff-friendly.
#pragma once

#include "core/result.h"
#include "model/project.h"

#include <QByteArray>
#include <QString>

namespace Runtime {

/** Returns the .basalt JSON text of \a project. Keys come in a fixed order (id, name, type, ... as
    documented in docs/file-format.md), options at their defaults are left out, so reading and
    writing again gives identical bytes. Ends with a newline. */
QByteArray writeProject(const Project &project);

/** Writes \a project to \a path atomically (QSaveFile): the old file stays whole until the new one is
    complete. Returns FileWriteFailed with the reason on failure. */
Result<void> saveProjectFile(const Project &project, const QString &path);

} // namespace Runtime
