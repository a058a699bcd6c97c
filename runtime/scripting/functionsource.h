// SPDX-License-Identifier: GPL-3.0-or-later
// The syntax check of a function's source, shared by the project validator, the designer's code pane and
// the function runner.
#pragma once

#include <QString>

#include <optional>

namespace Runtime {

/** A problem in a function's source, at a 1-based line and column of that source. */
struct ScriptDiagnostic
{
    int line = 0;
    int column = 0;
    QString message;
    bool operator==(const ScriptDiagnostic &) const = default;
};

/** Checks the syntax of a function body (see ScriptFunction::code) without running any of it.
    Returns the first syntax error, or nothing if the body parses. Thread-safe. */
std::optional<ScriptDiagnostic> checkFunctionSource(const QString &source);

} // namespace Runtime
