// SPDX-License-Identifier: GPL-3.0-or-later
// JSON Web Tokens signed with HS256 (HMAC-SHA256), as GoTrue and PostgREST use them.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace Runtime {

/** What verifyJwt() checks besides the signature. */
struct JwtCheck
{
    qint64 now = QDateTime::currentSecsSinceEpoch(); ///< seconds since the epoch; tests set it
    QString audience; ///< the "aud" the token must name (GoTrue: "authenticated"); empty: not checked
    int leewaySeconds = 0; ///< clock skew tolerated on "exp" and "nbf"
};

/** Returns true if a token's "aud" claim \a aud (a string, or an array of strings) names \a expected. */
bool jwtAudienceMatches(const QJsonValue &aud, const QString &expected);

/** Returns a compact JWT: the header {"alg":"HS256","typ":"JWT"}, \a claims as compact JSON, and the
    HMAC-SHA256 of both under \a secret, each part base64url-encoded without padding. The same claims and
    secret always give the same token (QJsonObject orders its keys). */
QByteArray signJwt(const QJsonObject &claims, const QByteArray &secret);

/** Verifies \a token against \a secret and returns its claims. Fails with InvalidToken, whose message says
    why, if the token is not three canonical base64url parts of JSON objects, if its header's "alg" is not
    exactly HS256 or it has a "crit" header, if the signature is wrong (compared in constant time), if "exp"
    is missing or past, if "nbf" is still ahead, or if \a check names an audience the token's "aud" (a string
    or an array of strings) does not contain. Accepts any order of keys, so tokens of other libraries verify.
 */
Result<QJsonObject> verifyJwt(const QByteArray &token, const QByteArray &secret, const JwtCheck &check = {});

} // namespace Runtime
