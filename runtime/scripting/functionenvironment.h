// SPDX-License-Identifier: GPL-3.0-or-later
// The values functions read with env.get(): the process environment and the project's local secrets.
#pragma once

#include <QHash>
#include <QString>

namespace Runtime {

/** The names and values env.get() can read. Never taken from the project file. */
using FunctionEnvironment = QHash<QString, QString>;

/** The secrets file in the project's local folder: `<project>.local/secrets.env`. */
QString functionSecretsFile(const QString &projectFile);

/** Returns the environment of the functions of \a projectFile: the lines `NAME=value` of
    functionSecretsFile() (blank lines and lines starting with '#' are skipped, surrounding whitespace is
    trimmed, a value may be quoted with ' or "), overridden by the process environment, as dotenv does: what
    the deployment sets wins over the local file. A missing file adds nothing. */
FunctionEnvironment loadFunctionEnvironment(const QString &projectFile);

} // namespace Runtime
