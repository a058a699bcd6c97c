// SPDX-License-Identifier: GPL-3.0-or-later
// API keys and access tokens: resolves who makes a request from its apikey and Authorization headers.
#include "apikey.h"

#include "auth/jwt.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>

#include <cmath>

namespace Runtime::ApiKey {

namespace {
const QString s_anon = QStringLiteral("anon");
const QString s_service = QStringLiteral("service_role");
const QString s_authenticated = QStringLiteral("authenticated");

// Every request verifies the same one or two keys: remember the last good one per thread, so the common
// case costs a comparison instead of an HMAC. Keyed by the secret too, for servers with other projects.
struct KnownKey
{
    QByteArray secret;
    QByteArray key;
    QString role;
};
thread_local KnownKey t_lastKey;

// Verified user tokens, per thread: a signed token never changes, so its verification is kept and only its
// time limits are checked again. Keyed by the token's bytes, with the secret and project it was checked
// against. Bounded: cleared when full (a user keeps one token for its lifetime, usually an hour).
struct VerifiedToken
{
    QByteArray secret;
    const Project *project = nullptr;
    Caller caller;
    qint64 expiresAt = 0;
    qint64 notBefore = 0;
};
constexpr qsizetype s_maxVerifiedTokens = 1024;
thread_local QHash<QByteArray, VerifiedToken> t_verified;

Result<QString> keyRole(const QByteArray &key, const QByteArray &secret)
{
    if (t_lastKey.key == key && t_lastKey.secret == secret)
        return t_lastKey.role;
    const Result<QJsonObject> claims = verifyJwt(key, secret);
    if (!claims)
        return Error(ErrorCode::InvalidApiKey, QStringLiteral("Invalid API key"), claims.error().message);
    const QString role = claims->value(QLatin1String("role")).toString();
    if (role != s_anon && role != s_service)
        return Error(ErrorCode::InvalidApiKey,
            QStringLiteral("Invalid API key: the apikey must be the project's anon or service_role key"));
    t_lastKey = {secret, key, role};
    return role;
}

Caller keyCaller(const QString &role)
{
    return role == s_service ? Caller::service() : Caller::anon();
}

} // namespace

Caller callerFromClaims(const QJsonObject &claims, const Project &project)
{
    const QString role = claims.value(QLatin1String("role")).toString();
    if (role == s_service)
        return Caller::service();
    if (role == s_anon)
        return Caller::anon();
    Caller caller;
    caller.kind = Caller::Kind::Authenticated;
    caller.userId = claims.value(QLatin1String("sub")).toString();
    caller.email = claims.value(QLatin1String("email")).toString();
    caller.sessionId = claims.value(QLatin1String("session_id")).toString();
    caller.role = project.roleByName(role) ? role : s_authenticated;
    caller.claims = claims.value(QLatin1String("app_metadata")).toObject();
    caller.claims.remove(QLatin1String("provider"));
    caller.claims.remove(QLatin1String("providers"));
    return caller;
}

Result<Caller> resolveCaller(const HttpRequest &request, const ServerConfig &config)
{
    QByteArray key = request.header("apikey");
    if (key.isEmpty())
        key = request.query.queryItemValue(QStringLiteral("apikey"), QUrl::FullyDecoded).toUtf8();
    if (key.isEmpty())
        return Error(ErrorCode::MissingApiKey, QStringLiteral("No API key found in request"));
    const Result<QString> keyRoleName = keyRole(key, config.jwtSecret);
    if (!keyRoleName)
        return keyRoleName.error();

    const QByteArray authorization = request.header("Authorization");
    if (authorization.isEmpty())
        return keyCaller(*keyRoleName);
    if (!authorization.startsWith("Bearer ") && !authorization.startsWith("bearer "))
        return Error(ErrorCode::InvalidToken, QStringLiteral("The Authorization header must be \"Bearer <token>\""));
    const QByteArray token = authorization.mid(7).trimmed();
    if (token == key)
        return keyCaller(*keyRoleName);

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (const auto known = t_verified.constFind(token); known != t_verified.constEnd()
        && known->secret == config.jwtSecret && known->project == config.project.get() && now < known->expiresAt
        && now >= known->notBefore)
        return known->caller;
    const Result<QJsonObject> claims = verifyJwt(token, config.jwtSecret);
    if (!claims)
        return claims.error();
    const QString role = claims->value(QLatin1String("role")).toString();
    if (role == s_anon || role == s_service)
        return keyCaller(role);
    if (!jwtAudienceMatches(claims->value(QLatin1String("aud")), s_authenticated))
        return Error(ErrorCode::InvalidToken, QStringLiteral("JWT has an unexpected audience: expected \"authenticated\""));
    if (claims->value(QLatin1String("sub")).toString().isEmpty())
        return Error(ErrorCode::InvalidToken, QStringLiteral("JWT names no user: the \"sub\" claim is missing"));
    const Caller caller = callerFromClaims(*claims, *config.project);
    if (t_verified.size() >= s_maxVerifiedTokens)
        t_verified.clear();
    t_verified.insert(token,
        {config.jwtSecret, config.project.get(), caller,
            qint64(claims->value(QLatin1String("exp")).toDouble()),
            qint64(std::ceil(claims->value(QLatin1String("nbf")).toDouble()))});
    return caller;
}

std::optional<QString> explainTarget(const HttpRequest &request)
{
    const QByteArray value = request.header("X-Basalt-Explain").trimmed();
    if (value.isEmpty())
        return std::nullopt;
    static const QByteArray prefix = QByteArrayLiteral("as-user=");
    return QString::fromUtf8(value.startsWith(prefix) ? value.mid(prefix.size()) : QByteArray()).trimmed();
}

} // namespace Runtime::ApiKey
