// SPDX-License-Identifier: GPL-3.0-or-later
// JSON Web Tokens signed with HS256 (HMAC-SHA256), as GoTrue and PostgREST use them.
#include "jwt.h"

#include "sodium_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

#include <cmath>
#include <optional>

namespace Runtime {

namespace {
constexpr auto s_base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
constexpr qsizetype s_signatureBytes = 32; // SHA-256

// Messages go to API clients as they are: English, and never a hint at the expected signature.
Error invalid(const QString &reason, const QString &detail = {})
{
    return Error(ErrorCode::InvalidToken, reason, detail);
}

QByteArray hmacSha256(const QByteArray &data, const QByteArray &secret)
{
    return QMessageAuthenticationCode::hash(data, secret, QCryptographicHash::Sha256);
}

// Returns the bytes \a part encodes, or nothing unless it is canonical base64url without padding: the
// re-encoding must give the same text, which rules out padding, other alphabets and stray low bits.
std::optional<QByteArray> decodeBase64Url(const QByteArray &part)
{
    const QByteArray::FromBase64Result decoded
        = QByteArray::fromBase64Encoding(part, s_base64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.toBase64(s_base64Url) != part)
        return std::nullopt;
    return decoded.decoded;
}

// Returns the JSON object \a part encodes, or nothing.
std::optional<QJsonObject> decodeObject(const QByteArray &part)
{
    const std::optional<QByteArray> json = decodeBase64Url(part);
    if (!json)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

Result<void> checkHeader(const QJsonObject &header)
{
    // Only HS256 is ever accepted, whatever the token asks for: this is what stops "alg":"none" and
    // RS256 tokens "signed" with the HMAC secret as if it were a public key.
    const QJsonValue alg = header.value(QLatin1String("alg"));
    if (!alg.isString() || alg.toString() != QLatin1String("HS256"))
        return invalid(QStringLiteral("JWT algorithm is not HS256"));
    const QJsonValue typ = header.value(QLatin1String("typ"));
    if (!typ.isUndefined() && typ.toString().compare(QLatin1String("JWT"), Qt::CaseInsensitive) != 0)
        return invalid(QStringLiteral("JWT type is not JWT"));
    // RFC 7515 4.1.11: extensions marked critical must be understood, and we understand none.
    if (header.contains(QLatin1String("crit")))
        return invalid(QStringLiteral("JWT has critical header parameters"));
    return {};
}


// NumericDate (RFC 7519 2): a JSON number of seconds, possibly fractional.
std::optional<double> numericDate(const QJsonObject &claims, QLatin1String name)
{
    const QJsonValue value = claims.value(name);
    if (!value.isDouble() || !std::isfinite(value.toDouble()))
        return std::nullopt;
    return value.toDouble();
}

Result<void> checkClaims(const QJsonObject &claims, const JwtCheck &check)
{
    const double now = double(check.now);
    if (!claims.contains(QLatin1String("exp")))
        return invalid(QStringLiteral("JWT has no expiry (exp)"));
    const std::optional<double> exp = numericDate(claims, QLatin1String("exp"));
    if (!exp)
        return invalid(QStringLiteral("JWT expiry (exp) is not a number"));
    if (now >= *exp + check.leewaySeconds)
        return invalid(QStringLiteral("JWT expired"));
    if (claims.contains(QLatin1String("nbf"))) {
        const std::optional<double> nbf = numericDate(claims, QLatin1String("nbf"));
        if (!nbf)
            return invalid(QStringLiteral("JWT not-before (nbf) is not a number"));
        if (now + check.leewaySeconds < *nbf)
            return invalid(QStringLiteral("JWT not yet valid"));
    }
    if (!check.audience.isEmpty() && !jwtAudienceMatches(claims.value(QLatin1String("aud")), check.audience))
        return invalid(QStringLiteral("JWT audience is not %1").arg(check.audience));
    return {};
}
} // namespace

bool jwtAudienceMatches(const QJsonValue &aud, const QString &expected)
{
    if (aud.isString())
        return aud.toString() == expected;
    if (!aud.isArray())
        return false;
    const QJsonArray audiences = aud.toArray();
    for (const QJsonValue &value : audiences) {
        if (value.isString() && value.toString() == expected)
            return true;
    }
    return false;
}

QByteArray signJwt(const QJsonObject &claims, const QByteArray &secret)
{
    const QByteArray header = QByteArrayLiteral(R"({"alg":"HS256","typ":"JWT"})").toBase64(s_base64Url);
    const QByteArray payload = QJsonDocument(claims).toJson(QJsonDocument::Compact).toBase64(s_base64Url);
    const QByteArray signingInput = header + '.' + payload;
    return signingInput + '.' + hmacSha256(signingInput, secret).toBase64(s_base64Url);
}

Result<QJsonObject> verifyJwt(const QByteArray &token, const QByteArray &secret, const JwtCheck &check)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return invalid(QStringLiteral("JWT must have 3 parts"), QStringLiteral("%1 parts").arg(parts.size()));
    const std::optional<QJsonObject> header = decodeObject(parts.at(0));
    if (!header)
        return invalid(QStringLiteral("JWT header is not base64url-encoded JSON"));
    if (Result<void> headerOk = checkHeader(*header); !headerOk)
        return headerOk.error();

    // The signature is checked before the payload is even decoded: nothing unauthenticated is parsed.
    const std::optional<QByteArray> signature = decodeBase64Url(parts.at(2));
    if (!signature || signature->size() != s_signatureBytes || !AuthPrivate::sodiumReady())
        return invalid(QStringLiteral("JWT signature is invalid"));
    const QByteArray expected = hmacSha256(token.left(parts.at(0).size() + 1 + parts.at(1).size()), secret);
    if (sodium_memcmp(expected.constData(), signature->constData(), size_t(s_signatureBytes)) != 0)
        return invalid(QStringLiteral("JWT signature is invalid"));

    const std::optional<QJsonObject> claims = decodeObject(parts.at(1));
    if (!claims)
        return invalid(QStringLiteral("JWT payload is not base64url-encoded JSON"));
    if (Result<void> claimsOk = checkClaims(*claims, check); !claimsOk)
        return claimsOk.error();
    return *claims;
}

} // namespace Runtime
