// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeAuth: who a realtime socket or channel acts as, from the apikey of its URL or a join's
// access_token.
#include "realtimeauth.h"

#include "auth/jwt.h"
#include "http/middleware/apikey.h"
#include "http/requestcontext.h"

namespace Runtime::RealtimeAuth {

Result<RealtimeIdentity> identify(const QByteArray &token, const ServerConfig &config)
{
    if (token.isEmpty())
        return Error(ErrorCode::MissingApiKey,
            QStringLiteral(
                "No API key found in request: connect to /realtime/v1/websocket?apikey=<key>&vsn=2.0.0"));
    const Result<QJsonObject> claims = verifyJwt(token, config.jwtSecret);
    if (!claims)
        return Error(ErrorCode::InvalidToken, claims.error().message);
    RealtimeIdentity identity;
    identity.expiresAt = qint64(claims->value(QLatin1String("exp")).toDouble());
    const QString role = claims->value(QLatin1String("role")).toString();
    if (role == QLatin1String("anon") || role == QLatin1String("service_role")) {
        identity.caller = role == QLatin1String("anon") ? Caller::anon() : Caller::service();
        return identity;
    }
    if (!jwtAudienceMatches(claims->value(QLatin1String("aud")), QStringLiteral("authenticated")))
        return Error(ErrorCode::InvalidToken,
            QStringLiteral("JWT has an unexpected audience: expected \"authenticated\""));
    if (claims->value(QLatin1String("sub")).toString().isEmpty())
        return Error(
            ErrorCode::InvalidToken, QStringLiteral("JWT names no user: the \"sub\" claim is missing"));
    identity.caller = ApiKey::callerFromClaims(*claims, *config.project);
    return identity;
}

QByteArray requestToken(const HttpRequest &request)
{
    QByteArray token = request.query.queryItemValue(QStringLiteral("apikey"), QUrl::FullyDecoded).toUtf8();
    if (token.isEmpty())
        token = request.header("apikey");
    if (token.isEmpty())
        token = request.header("x-api-key");
    return token;
}

} // namespace Runtime::RealtimeAuth
