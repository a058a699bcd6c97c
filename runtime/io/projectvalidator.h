// SPDX-License-Identifier: GPL-3.0-or-later
// Semantic validation of a project: names, references, keys, types. Shared by the reader, the designer
// and the server, so a rule is checked by exactly one piece of code.
#pragma once

#include "core/error.h"
#include "model/project.h"

#include <QList>

namespace Runtime {

/** Returns every semantic problem of \a project, each with the JSON path it would have in the file
    (`tables[1].fields[3].name`) and the id of the object concerned. Empty when the project is valid. */
QList<Problem> validateProject(const Project &project);

/** Returns true if \a name is a valid table or field name: lowercase letters, digits and '_', starting
    with a letter or '_', at most 63 characters (PostgreSQL's limit). */
bool isValidIdentifier(const QString &name);

} // namespace Runtime
