// SPDX-License-Identifier: GPL-3.0-or-later
// AuthTokens: access-token claims, the GoTrue user object and new sessions (refresh token + signed JWT).
#include "authtokens.h"

#include "authstore.h"
#include "jwt.h"
#include "sodium_p.h"
#include "storage/database.h"
#include "storage/sqldialect.h"
#include "storage/valuecodec.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <vector>

namespace Runtime {

namespace {
const QString s_authenticated = QStringLiteral("authenticated");

QJsonValue timestampOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

/** Returns a new refresh token: 32 random bytes, base64url without padding. */
Result<QByteArray> newRefreshToken()
{
    if (!AuthPrivate::sodiumReady())
        return Error(ErrorCode::Internal, QStringLiteral("No random source"), QStringLiteral("sodium_init failed"));
    QByteArray bytes(32, Qt::Uninitialized);
    randombytes_buf(bytes.data(), size_t(bytes.size()));
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}
} // namespace

const Table *AuthTokens::profileTable() const
{
    return m_settings.usersTable.isEmpty() ? nullptr : m_project.table(m_settings.usersTable);
}

Result<Identity> AuthTokens::identity(const QString &userId) const
{
    Identity identity;
    identity.appMetadata = {{QStringLiteral("provider"), QStringLiteral("email")},
        {QStringLiteral("providers"), QJsonArray {QStringLiteral("email")}}};
    const Table *table = profileTable();
    const Field *key = table ? table->primaryKey() : nullptr;
    QStringList names = m_settings.jwtClaimFields;
    if (!m_settings.roleField.isEmpty() && !names.contains(m_settings.roleField))
        names << m_settings.roleField;
    std::vector<const Field *> fields;
    for (const QString &name : std::as_const(names)) {
        if (const Field *field = table ? table->fieldByName(name) : nullptr)
            fields.push_back(field);
    }
    if (!key || fields.empty())
        return identity;

    const SqlDialect &dialect = m_database.dialect();
    QStringList columns;
    for (const Field *field : fields)
        columns << dialect.readExpression(field->type, dialect.quoteIdentifier(field->name));
    const QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE %3 = ?")
                            .arg(columns.join(QStringLiteral(", ")), dialect.quoteIdentifier(table->name),
                                dialect.quoteIdentifier(key->name));
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    bool ran = query.prepare(sql);
    if (ran) {
        query.addBindValue(userId);
        ran = query.exec();
    }
    if (!ran)
        return Error(ErrorCode::DatabaseQueryFailed, QStringLiteral("A database query failed"),
            sql + QStringLiteral(": ") + query.lastError().text());
    if (!query.next())
        return identity; // no profile row: a plain authenticated user
    for (size_t i = 0; i < fields.size(); ++i) {
        QByteArray json("[");
        ValueCodec::appendJsonValue(json, fields[i]->type, query.value(int(i)), false);
        json += ']';
        const QJsonValue value = QJsonDocument::fromJson(json).array().at(0);
        if (m_settings.jwtClaimFields.contains(fields[i]->name))
            identity.appMetadata.insert(fields[i]->name, value);
        if (fields[i]->name == m_settings.roleField && value.isString()) {
            if (m_project.roleByName(value.toString()))
                identity.role = value.toString();
        }
    }
    return identity;
}

QJsonObject AuthTokens::claims(
    const AuthUser &user, const Identity &identity, const QString &sessionId, qint64 iat) const
{
    return QJsonObject {
        {QStringLiteral("aud"), s_authenticated},
        {QStringLiteral("exp"), iat + m_settings.accessTokenLifetimeSeconds},
        {QStringLiteral("iat"), iat},
        {QStringLiteral("iss"), QStringLiteral("basalt")},
        {QStringLiteral("sub"), user.id},
        {QStringLiteral("email"), user.email},
        {QStringLiteral("phone"), QString()},
        {QStringLiteral("role"), identity.role},
        {QStringLiteral("session_id"), sessionId},
        {QStringLiteral("aal"), QStringLiteral("aal1")},
        {QStringLiteral("amr"),
            QJsonArray {QJsonObject {{QStringLiteral("method"), QStringLiteral("password")},
                {QStringLiteral("timestamp"), iat}}}},
        {QStringLiteral("is_anonymous"), false},
        {QStringLiteral("app_metadata"), identity.appMetadata},
        {QStringLiteral("user_metadata"), user.userMetadata},
    };
}

QJsonObject AuthTokens::userJson(const AuthUser &user, const Identity &identity) const
{
    return QJsonObject {
        {QStringLiteral("id"), user.id},
        {QStringLiteral("aud"), s_authenticated},
        {QStringLiteral("role"), identity.role},
        {QStringLiteral("email"), user.email},
        {QStringLiteral("email_confirmed_at"), timestampOrNull(user.emailConfirmedAt)},
        {QStringLiteral("phone"), QString()},
        {QStringLiteral("confirmed_at"), timestampOrNull(user.emailConfirmedAt)},
        {QStringLiteral("last_sign_in_at"), timestampOrNull(user.lastSignInAt)},
        {QStringLiteral("app_metadata"), identity.appMetadata},
        {QStringLiteral("user_metadata"), user.userMetadata},
        {QStringLiteral("identities"), QJsonArray()},
        {QStringLiteral("created_at"), user.createdAt},
        {QStringLiteral("updated_at"), user.updatedAt},
        {QStringLiteral("is_anonymous"), false},
    };
}

Result<QJsonObject> AuthTokens::session(
    const AuthUser &user, const QString &sessionId, const QString &parent) const
{
    Result<Identity> who = this->identity(user.id);
    if (!who)
        return who.error();
    const Identity &identity = *who;
    Result<QByteArray> refreshToken = newRefreshToken();
    if (!refreshToken)
        return refreshToken.error();
    if (Result<void> stored = m_auth.insertRefreshToken(AuthStore::tokenHash(*refreshToken), user.id, sessionId, parent);
        !stored)
        return stored.error();
    const qint64 iat = QDateTime::currentSecsSinceEpoch();
    const int lifetime = m_settings.accessTokenLifetimeSeconds;
    return QJsonObject {
        {QStringLiteral("access_token"), QString::fromLatin1(signJwt(claims(user, identity, sessionId, iat), m_secret))},
        {QStringLiteral("token_type"), QStringLiteral("bearer")},
        {QStringLiteral("expires_in"), lifetime},
        {QStringLiteral("expires_at"), iat + lifetime},
        {QStringLiteral("refresh_token"), QString::fromLatin1(*refreshToken)},
        {QStringLiteral("user"), userJson(user, identity)},
    };
}

} // namespace Runtime
