// SPDX-License-Identifier: GPL-3.0-or-later
// The project's two API keys, made as GoTrue/Supabase make them: long-lived JWTs naming a role.
#include "apikeys.h"

#include "jwt.h"

#include <QJsonObject>
#include <QTimeZone>

namespace Runtime {

namespace {
QByteArray roleKey(const QByteArray &secret, qint64 issuedAt, const QString &role)
{
    // Calendar years in UTC, as Supabase's keys do; leap days make them a little more than 3650 days.
    const qint64 expiresAt
        = QDateTime::fromSecsSinceEpoch(issuedAt, QTimeZone::utc()).addYears(10).toSecsSinceEpoch();
    const QJsonObject claims {
        {QStringLiteral("iss"), QStringLiteral("basalt")},
        {QStringLiteral("role"), role},
        {QStringLiteral("iat"), issuedAt},
        {QStringLiteral("exp"), expiresAt},
    };
    return signJwt(claims, secret);
}
} // namespace

QByteArray anonKey(const QByteArray &secret, qint64 issuedAt)
{
    return roleKey(secret, issuedAt, QStringLiteral("anon"));
}

QByteArray serviceRoleKey(const QByteArray &secret, qint64 issuedAt)
{
    return roleKey(secret, issuedAt, QStringLiteral("service_role"));
}

} // namespace Runtime
