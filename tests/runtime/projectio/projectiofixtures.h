// SPDX-License-Identifier: GPL-3.0-or-later
// Projects built in code for the file format tests, with the exact text the writer must produce.
#pragma once

#include "model/project.h"

#include <QString>

namespace Fixtures {

/** Returns a valid project that uses every part of the model and every option of the format
    (functions, endpoints, triggers, integrations, non-default settings, fractional positions, ...). */
Runtime::Project everyFeatureProject();

/** The writer rows: a project, and the golden file (relative to the test's folder) holding the exact
    .basalt text it must be written as. */
int writerCaseCount();
const char *writerCaseName(int index);
Runtime::Project writerCaseProject(int index);
QString writerCaseFile(int index);

} // namespace Fixtures
