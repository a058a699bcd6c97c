// SPDX-License-Identifier: GPL-3.0-or-later
// Reads .basalt project files (JSON, formatVersion 1) into the model, validating as it goes.
#pragma once

#include "core/result.h"
#include "model/project.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace Runtime {

/** Reads a project from the JSON text of a .basalt file.

    Structural problems (wrong JSON types, unknown keys, unknown enum names, missing ids) and the semantic
    problems found by validateProject() are all collected, each with its JSON path, e.g.
    `tables[2].fields[0].type: unknown type "strng" (expected one of: text, integer, ...)`.
    Returns the project, or an Error (InvalidJson, InvalidProject, UnsupportedFormatVersion) whose
    problems list every finding. Warnings alone do not fail the read. */
Result<std::unique_ptr<Project>> readProject(const QByteArray &json);

/** Reads the .basalt file at \a path; as readProject(), plus FileNotFound / FileReadFailed. */
Result<std::unique_ptr<Project>> readProjectFile(const QString &path);

} // namespace Runtime
