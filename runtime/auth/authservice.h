// SPDX-License-Identifier: GPL-3.0-or-later
// AuthService: the auth API's work on one database connection (users, sessions, tokens).
#pragma once

#include "auth/caller.h"
#include "core/result.h"
#include "model/project.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>

namespace Runtime {

class RecordStore;
class SessionRevocations;
class SignInLimiter;

/** The GoTrue-style auth API's operations: sign-up, password sign-in, refresh-token rotation, the user
    object, and logout. Made per request on the request's thread, over that thread's RecordStore (whose
    database() it writes its own tables through, and whose insert() it uses, as the service role, for the
    profile row in settings.usersTable). Password hashing runs on the calling thread.

    Sessions and users are returned as GoTrue's JSON: a session is `{access_token, token_type,
    expires_in, expires_at, refresh_token, user}`, a user `{id, aud, role, email, ...}`. Access tokens
    carry the claims described in caller.h, built by one function for minting, refreshing and
    callerForUser(). */
class AuthService
{
public:
    /** How recent a sign-in must be to change the password or email without the current password. */
    static constexpr int s_recentSignInSeconds = 600;

    /** Which refresh tokens a logout revokes. */
    enum class LogoutScope { Global, Local, Others };

    /** \a limiter may be nullptr (no sign-in limits); \a revocations too (then sessions ended here are
        seen by the server's other threads only once they read the list again, within a second). */
    AuthService(std::shared_ptr<const Project> project, RecordStore &store, const QByteArray &secret,
        SignInLimiter *limiter, SessionRevocations *revocations = nullptr);
    ~AuthService();

    /** Creates a user from \a body {email, password, data} and, if the project has a users table, its
        profile row (id = the user's id, the email field, and the keys of data that are profile fields)
        in one transaction, and returns its first session. Only the service role may set read-only or
        hidden profile fields through data. Fails with InvalidEmail, WeakPassword, UserAlreadyExists,
        InvalidBody, or the profile insert's error; with RateLimited (detail: seconds to wait) when \a address
        signed up too often (see SignInLimiter; never for the service role). */
    Result<QJsonObject> signUp(const QJsonObject &body, const Caller &caller, const QString &address);

    /** Signs \a email in with \a password, as requested from \a address. Fails with RateLimited (detail:
        seconds to wait) or InvalidCredentials (the same for an unknown email and a wrong password). */
    Result<QJsonObject> signInWithPassword(const QString &email, const QString &password, const QString &address);

    /** Exchanges \a refreshToken for a new session (same session id, fresh claims). A token used or
        revoked before fails with RefreshTokenReused and revokes its whole session; an unknown one with
        InvalidRefreshToken. */
    Result<QJsonObject> refresh(const QString &refreshToken);

    /** Returns the user object of \a caller (signed in); NotAuthenticated or UserNotFound. */
    Result<QJsonObject> user(const Caller &caller);

    /** Applies \a body {email, password, data} to \a caller's user and returns the user object. A new
        password ends every other session of the user. A new password or email needs body.current_password
        (CurrentPasswordMismatch if wrong) unless the caller's session signed in within the last
        s_recentSignInSeconds (else ReauthenticationNeeded), so a stolen access token cannot take the
        account over. A wrong current_password counts against \a address as a failed sign-in. */
    Result<QJsonObject> updateUser(const QJsonObject &body, const Caller &caller, const QString &address);

    /** Revokes \a caller's refresh tokens of \a scope. */
    Result<void> logout(const Caller &caller, LogoutScope scope);

    /** Returns the Caller that user \a userId's access token would give (role from settings.roleField,
        claims from settings.jwtClaimFields of the profile row), with explain set; UserNotFound if there
        is no such user. Used for X-Basalt-Explain: as-user=<id>. */
    Result<Caller> callerForUser(const QString &userId);

    /** Returns \a email trimmed and in lower case, or InvalidEmail if it is not an address. */
    static Result<QString> normalizeEmail(const QString &email);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Runtime
