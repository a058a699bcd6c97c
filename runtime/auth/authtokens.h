// SPDX-License-Identifier: GPL-3.0-or-later
// AuthTokens: mints access-token claims, GoTrue user objects and sessions for AuthService (internal).
#pragma once

#include "core/result.h"
#include "model/project.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace Runtime {

class AuthStore;
class Database;
struct AuthUser;

/** The role and app_metadata a user's tokens carry, read from their profile row. */
struct Identity
{
    QString role = QStringLiteral("authenticated");
    QJsonObject appMetadata;
};

/** Builds what AuthService hands out for a user: the role and app_metadata its tokens carry (from the
    profile row), the access token's claims (one function for minting, refreshing and callerForUser()), the
    GoTrue user object, and new sessions with their refresh tokens. Holds references to its AuthService's
    project, database, secret and store, so it lives no longer than they. */
class AuthTokens
{
public:
    AuthTokens(const Project &project, Database &database, const QByteArray &secret, AuthStore &auth)
        : m_project(project)
        , m_settings(project.settings)
        , m_database(database)
        , m_secret(secret)
        , m_auth(auth)
    { }

    /** Returns settings.usersTable, or nullptr when the project has no profile table. */
    const Table *profileTable() const;

    /** Returns the role (settings.roleField, if it names one of the project's roles) and app_metadata
        (the provider and settings.jwtClaimFields) of user \a userId, read from their profile row; the
        defaults when there is no row. */
    Result<Identity> identity(const QString &userId) const;

    /** Returns the access-token claims of \a user in session \a sessionId, issued at \a iat (seconds). */
    QJsonObject claims(
        const AuthUser &user, const Identity &identity, const QString &sessionId, qint64 iat) const;

    /** Returns GoTrue's user object for \a user. */
    QJsonObject userJson(const AuthUser &user, const Identity &identity) const;

    /** Stores a new refresh token of \a sessionId (replacing \a parent, if any) and returns the session:
        `{access_token, token_type, expires_in, expires_at, refresh_token, user}` with fresh claims. */
    Result<QJsonObject> session(const AuthUser &user, const QString &sessionId, const QString &parent) const;

private:
    const Project &m_project;
    const Settings &m_settings;
    Database &m_database;
    const QByteArray &m_secret;
    AuthStore &m_auth;
};

} // namespace Runtime
