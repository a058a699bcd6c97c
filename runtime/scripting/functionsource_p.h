// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to runtime/scripting: how a function body becomes the JavaScript function the engine compiles.
#pragma once

#include <QString>

namespace Runtime {

/** Returns the text put before a function body: "(function (req, row, old) {". The body's first line
    follows it on the same line, so the body's line numbers are the wrapper's. */
QString functionSourcePrefix();

/** Returns \a body wrapped into a function expression with the parameters req, row and old. Only a body
    that checkFunctionSource() accepts may be evaluated: another one can close the function early and run
    code at the top level. */
QString wrapFunctionSource(const QString &body);

} // namespace Runtime
