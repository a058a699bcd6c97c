// SPDX-License-Identifier: GPL-3.0-or-later
// The project's two API keys, made as GoTrue/Supabase make them: long-lived JWTs naming a role.
#pragma once

#include <QByteArray>
#include <QDateTime>

namespace Runtime {

/** Returns the anon key: a JWT signed with \a secret, claims {"iss":"basalt","role":"anon","iat":
    \a issuedAt,"exp": \a issuedAt + 10 years}. Clients send it when no user is signed in; it is public.
    Keys made with the same secret and issuedAt are identical. */
QByteArray anonKey(const QByteArray &secret, qint64 issuedAt = QDateTime::currentSecsSinceEpoch());

/** Returns the service_role key: as anonKey() with "role":"service_role". It bypasses every permission
    rule, so it belongs on servers only, never in a client. */
QByteArray serviceRoleKey(const QByteArray &secret, qint64 issuedAt = QDateTime::currentSecsSinceEpoch());

} // namespace Runtime
