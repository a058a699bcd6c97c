// SPDX-License-Identifier: GPL-3.0-or-later
// AuthStore: the runtime-owned auth tables (_basalt_auth_users, _basalt_auth_refresh_tokens) and their queries.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QVariant>

#include <optional>

namespace Runtime {

class Database;

/** Creates the auth tables and their indexes if they do not exist yet, on SQLite and PostgreSQL alike
    (plain TEXT/INTEGER columns, timestamps as `YYYY-MM-DDTHH:MM:SS.sssZ` text). Idempotent; called by
    basalt-server after migrating. The `_basalt_` prefix keeps them out of the project's schema: the
    migrator refuses project tables with it and drift detection only looks at the project's tables. */
Result<void> ensureAuthTables(Database &database);

/** A row of _basalt_auth_users. */
struct AuthUser
{
    QString id;    ///< uuid text; also the primary key of the user's profile row
    QString email; ///< normalised (trimmed, lower case); unique
    QByteArray passwordHash;
    QJsonObject userMetadata;
    QString createdAt;
    QString updatedAt;
    QString lastSignInAt; ///< empty: never signed in
    QString emailConfirmedAt;
};

/** A row of _basalt_auth_refresh_tokens. The token itself is never stored, only its SHA-256. */
struct RefreshTokenRecord
{
    QString id;
    QString userId;
    QString sessionId;
    QString parent; ///< the id of the token this one replaced; empty for a session's first
    bool revoked = false;
    QString usedAt; ///< empty: not used yet
};

/** The queries of the auth API on one connection (the request thread's). Every value is bound. Used on
    the connection's thread only; the caller owns transactions. */
class AuthStore
{
public:
    explicit AuthStore(Database &database) : m_database(database) { }

    /** Returns the current time in the tables' text form. */
    static QString now();
    /** Returns the hex SHA-256 of \a token, the form refresh tokens are stored and looked up in. */
    static QString tokenHash(const QByteArray &token);

    Result<std::optional<AuthUser>> userByEmail(const QString &email);
    Result<std::optional<AuthUser>> userById(const QString &id);
    /** Inserts \a user; UserAlreadyExists if the email is taken. */
    Result<void> insertUser(const AuthUser &user);
    /** Writes email, password hash, metadata, updated_at and last_sign_in_at of \a user;
        UserAlreadyExists if the new email is taken. */
    Result<void> updateUser(const AuthUser &user);
    Result<void> deleteUser(const QString &id);
    Result<void> insertRefreshToken(const QString &hash, const QString &userId, const QString &sessionId,
        const QString &parent);
    Result<std::optional<RefreshTokenRecord>> refreshToken(const QString &hash);
    /** Marks the token \a id used if it is neither used nor revoked. Returns false if it already was
        (another request used it first), so two concurrent refreshes cannot both succeed. */
    Result<bool> markUsed(const QString &id);
    /** Returns when the session \a sessionId signed in (its first refresh token), or an invalid time if
        there is no such session. */
    Result<QDateTime> sessionStartedAt(const QString &sessionId);
    /** Revokes every token of the session \a sessionId and records the session as ended (see
        SessionRevocations), so its access tokens are refused too. */
    Result<void> revokeSession(const QString &sessionId);
    /** Revokes every token of user \a userId, except those of \a keepSession if it is not empty, and
        records those sessions as ended. */
    Result<void> revokeUserTokens(const QString &userId, const QString &keepSession = {});

private:
    /** Records the sessions of the refresh tokens matching \a where (with \a values bound) as ended now. */
    Result<void> recordRevokedSessions(const QString &where, const QVariantList &values);

    Database &m_database;
};

} // namespace Runtime
