// SPDX-License-Identifier: GPL-3.0-or-later
// The values functions read with env.get(): the process environment and the project's local secrets.
#pragma once

#include "core/result.h"

#include <QHash>
#include <QList>
#include <QPair>
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

/** The secrets of functionSecretsFile(), in the file's order, as name and value. */
using FunctionSecrets = QList<QPair<QString, QString>>;

/** Returns the secrets stored in functionSecretsFile() of \a projectFile (none if it does not exist). */
FunctionSecrets readFunctionSecrets(const QString &projectFile);

/** Writes \a secrets to functionSecretsFile() of \a projectFile, atomically, creating the local folder
    (readable by the owner only). Refuses, writing nothing, a name that is not an environment variable name
    (letters, digits and "_", not starting with a digit) or given twice, and a value with a line break. */
Result<void> saveFunctionSecrets(const QString &projectFile, const FunctionSecrets &secrets);

} // namespace Runtime
