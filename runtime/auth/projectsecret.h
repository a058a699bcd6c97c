// SPDX-License-Identifier: GPL-3.0-or-later
// The JWT secret of a project: from BASALT_JWT_SECRET, or generated once into the project's local folder.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace Runtime {

/** The environment variable that holds the JWT secret on a deployed server. */
inline constexpr char s_jwtSecretVariable[] = "BASALT_JWT_SECRET";

/** The shortest secret accepted, in characters. */
inline constexpr int s_minimumJwtSecretLength = 32;

/** Returns the project's local data folder, `<project dir>/<project base name>.local`. It holds what
    belongs to one machine, not to the project: the generated JWT secret (`jwt-secret`). It sits beside the
    project file but must never be committed or shared with it (ignore `*.local/` in version control):
    whoever has the secret can sign tokens for any role, service_role included. */
QString projectLocalFolder(const QString &projectFile);

/** Returns the JWT secret of the project \a projectFile; the secret itself never goes into the `.basalt`
    file. If BASALT_JWT_SECRET is set, returns its value, or InvalidArgument if it has fewer than 32
    characters. Otherwise returns the secret in projectLocalFolder()/jwt-secret, generating it first if it
    does not exist: 32 random bytes, base64url-encoded (43 characters), written atomically with mode 0600
    into a folder of mode 0700. The returned secret is that text, so it can be copied into
    BASALT_JWT_SECRET unchanged to keep issued tokens valid on a server. Fails with FileReadFailed or
    FileWriteFailed, saying which file, if the folder or file cannot be used. */
Result<QByteArray> loadProjectSecret(const QString &projectFile);

} // namespace Runtime
