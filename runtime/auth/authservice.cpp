// SPDX-License-Identifier: GPL-3.0-or-later
// AuthService: the auth API's work on one database connection (users, sessions, tokens).
#include "authservice.h"

#include "authstore.h"
#include "authtokens.h"
#include "passwordhasher.h"
#include "sessionrevocations.h"
#include "signinlimiter.h"
#include "triggers/aftertriggers.h"
#include "storage/database.h"
#include "query/postgrestparser.h"
#include "storage/recordstore.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>
#include <QUuid>

#include <functional>

namespace Runtime {

namespace {
QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// The user as an auth trigger's `row` gets it: never the password hash.
QJsonObject triggerRow(const AuthUser &user)
{
    return {{QStringLiteral("id"), user.id}, {QStringLiteral("email"), user.email},
        {QStringLiteral("created_at"), user.createdAt}, {QStringLiteral("user_metadata"), user.userMetadata}};
}

Error weakPassword(int minimum)
{
    return Error(ErrorCode::WeakPassword,
        QStringLiteral("Password should be at least %1 characters.").arg(minimum));
}
} // namespace

struct AuthService::Private
{
    std::shared_ptr<const Project> project;
    RecordStore &store;
    QByteArray secret;
    SignInLimiter *limiter;
    SessionRevocations *revocations;
    AuthStore auth;
    AuthTokens tokens; ///< over *project, the store's database, secret and auth

    Private(std::shared_ptr<const Project> p, RecordStore &s, const QByteArray &key, SignInLimiter *l,
        SessionRevocations *r)
        : project(std::move(p)), store(s), secret(key), limiter(l), revocations(r), auth(s.database()),
          tokens(*project, s.database(), secret, auth)
    { }

    const Settings &settings() const { return project->settings; }
    const Table *profileTable() const { return tokens.profileTable(); }

    /** Runs \a work, which ends sessions, in one transaction; then has the server read them again. */
    Result<void> endSessions(const std::function<Result<void>()> &work);
    /** Returns ReauthenticationNeeded or CurrentPasswordMismatch unless \a body's current_password is
        \a user's password or \a caller's session signed in within s_recentSignInSeconds; a wrong
        current_password from \a address counts as a failed sign-in (RateLimited past the limits). */
    Result<void> checkReauthentication(
        const AuthUser &user, const QJsonObject &body, const Caller &caller, const QString &address);
    Result<void> checkProfileData(const QJsonObject &data, const Caller &caller) const;
    Result<void> insertProfile(const AuthUser &user, const QJsonObject &data);
    /** Copies \a user's email into their profile row (a write through the store, so it is announced). */
    Result<void> updateProfileEmail(const Table &table, const Field &key, const Field &email, const AuthUser &user);
    Result<AuthUser> signedInUser(const Caller &caller);
};

Result<void> AuthService::Private::checkProfileData(const QJsonObject &data, const Caller &caller) const
{
    const Table *table = profileTable();
    if (!table || caller.isService())
        return {};
    for (auto it = data.begin(); it != data.end(); ++it) {
        const Field *field = table->fieldByName(it.key());
        if (field && !field->isAutoManaged() && (field->readOnly || field->hidden)) {
            Error error(ErrorCode::InvalidBody,
                QStringLiteral("The field %1 of %2 can be set only with the service key").arg(field->name, table->name));
            error.problems << Problem {Problem::Severity::Error, field->name, QStringLiteral("is read-only")};
            return error;
        }
    }
    return {};
}

Result<void> AuthService::Private::insertProfile(const AuthUser &user, const QJsonObject &data)
{
    const Table *table = profileTable();
    const Field *key = table ? table->primaryKey() : nullptr;
    if (!key)
        return {};
    const Field *email = table->fieldByName(QStringLiteral("email"));
    QJsonObject row;
    for (auto it = data.begin(); it != data.end(); ++it) {
        const Field *field = table->fieldByName(it.key());
        if (field && !field->isAutoManaged() && field != email)
            row.insert(field->name, *it);
    }
    row.insert(key->name, user.id);
    if (email && !email->isAutoManaged())
        row.insert(email->name, user.email);
    ApiQuery query;
    query.table = table->name;
    // The key is set explicitly (it is the user's id): only upserts may name it.
    query.prefer.resolution = Preferences::Resolution::IgnoreDuplicates;
    query.onConflict = {key->name};
    Result<RecordResult> inserted = store.insert(
        query, QJsonDocument(row).toJson(QJsonDocument::Compact), {}, ResultFormat::JsonArray, Caller::service());
    if (!inserted)
        return inserted.error();
    return {};
}

Result<void> AuthService::Private::updateProfileEmail(
    const Table &table, const Field &key, const Field &email, const AuthUser &user)
{
    const QByteArray filter = QUrl::toPercentEncoding(key.name) + "=eq." + QUrl::toPercentEncoding(user.id);
    Result<ApiQuery> query = parseApiQuery(table.name, filter, {});
    if (!query)
        return query.error();
    const QJsonObject body {{email.name, user.email}};
    Result<RecordResult> updated = store.update(
        *query, QJsonDocument(body).toJson(QJsonDocument::Compact), {}, ResultFormat::JsonArray, Caller::service());
    if (!updated)
        return updated.error().code == ErrorCode::UniqueViolation ? Error(ErrorCode::UserAlreadyExists, {}) : updated.error();
    return {};
}

Result<AuthUser> AuthService::Private::signedInUser(const Caller &caller)
{
    if (caller.kind != Caller::Kind::Authenticated)
        return Error(ErrorCode::NotAuthenticated, QStringLiteral("This endpoint requires a valid Bearer token"));
    Result<std::optional<AuthUser>> user = auth.userById(caller.userId);
    if (!user)
        return user.error();
    if (!*user)
        return Error(ErrorCode::UserNotFound, {});
    return **user;
}

Result<void> AuthService::Private::endSessions(const std::function<Result<void>()> &work)
{
    Result<void> done = store.transaction(work);
    if (done && revocations)
        revocations->markStale();
    return done;
}

Result<void> AuthService::Private::checkReauthentication(
    const AuthUser &user, const QJsonObject &body, const Caller &caller, const QString &address)
{
    // GoTrue's name; auth-js's attribute name (updateUser({password, currentPassword})) is accepted too.
    QJsonValue current = body.value(QStringLiteral("current_password"));
    if (!current.isString())
        current = body.value(QStringLiteral("currentPassword"));
    if (current.isString()) {
        // Guessing it with a stolen token counts as guessing a sign-in's password.
        const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
        if (limiter) {
            if (const int wait = limiter->admit(address, user.email, nowMs); wait > 0)
                return Error(ErrorCode::RateLimited, {}, QString::number(wait));
        }
        if (!verifyPassword(current.toString(), user.passwordHash)) {
            if (limiter)
                limiter->recordFailure(address, user.email, nowMs);
            return Error(ErrorCode::CurrentPasswordMismatch, QStringLiteral("The current password is wrong."));
        }
        return {};
    }
    Result<QDateTime> signedIn = auth.sessionStartedAt(caller.sessionId);
    if (!signedIn)
        return signedIn.error();
    if (signedIn->isValid() && signedIn->secsTo(QDateTime::currentDateTimeUtc()) <= s_recentSignInSeconds)
        return {};
    return Error(ErrorCode::ReauthenticationNeeded,
        QStringLiteral("Password or email update requires reauthentication: send current_password, or sign in "
                       "again (a sign-in within the last %1 minutes needs none).")
            .arg(s_recentSignInSeconds / 60));
}

AuthService::AuthService(std::shared_ptr<const Project> project, RecordStore &store, const QByteArray &secret,
    SignInLimiter *limiter, SessionRevocations *revocations)
    : d(std::make_unique<Private>(std::move(project), store, secret, limiter, revocations))
{ }

AuthService::~AuthService() = default;

Result<QString> AuthService::normalizeEmail(const QString &email)
{
    static const QRegularExpression pattern(QStringLiteral("^[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+$"));
    const QString normalized = email.trimmed().toLower();
    const bool control = std::any_of(normalized.cbegin(), normalized.cend(), [](QChar c) { return c.unicode() < 0x20; });
    if (normalized.size() > 254 || control || !pattern.match(normalized).hasMatch())
        return Error(ErrorCode::InvalidEmail, QStringLiteral("Unable to validate email address: invalid format"));
    return normalized;
}

Result<QJsonObject> AuthService::signUp(const QJsonObject &body, const Caller &caller, const QString &address)
{
    // Each sign-up hashes a password (Argon2id, 50-100 ms of a request thread): limited per address,
    // except for the service role (an admin creating users).
    if (d->limiter && !caller.isService()) {
        if (const int wait = d->limiter->admitSignUp(address, QDateTime::currentMSecsSinceEpoch()); wait > 0)
            return Error(ErrorCode::RateLimited, {}, QString::number(wait));
    }
    Result<QString> email = normalizeEmail(body.value(QStringLiteral("email")).toString());
    if (!email)
        return email.error();
    const QString password = body.value(QStringLiteral("password")).toString();
    if (password.size() < d->settings().minimumPasswordLength)
        return weakPassword(d->settings().minimumPasswordLength);
    const QJsonValue dataValue = body.value(QStringLiteral("data"));
    if (!dataValue.isUndefined() && !dataValue.isNull() && !dataValue.isObject())
        return Error(ErrorCode::InvalidBody, QStringLiteral("data must be an object"));
    const QJsonObject data = dataValue.toObject();
    if (Result<void> allowed = d->checkProfileData(data, caller); !allowed)
        return allowed.error();
    Result<std::optional<AuthUser>> existing = d->auth.userByEmail(*email);
    if (!existing)
        return existing.error();
    if (*existing)
        return Error(ErrorCode::UserAlreadyExists, {});
    Result<QByteArray> hash = hashPassword(password);
    if (!hash)
        return hash.error();

    AuthUser user;
    user.id = newUuid();
    user.email = *email;
    user.passwordHash = *hash;
    user.userMetadata = data;
    user.createdAt = user.updatedAt = user.lastSignInAt = user.emailConfirmedAt = AuthStore::now();
    QJsonObject session;
    Result<void> done = d->store.transaction([&]() -> Result<void> {
        if (Result<void> inserted = d->auth.insertUser(user); !inserted)
            return inserted;
        if (Result<void> profile = d->insertProfile(user, data); !profile)
            return profile;
        // Queued in the sign-up's transaction: durable with it.
        if (Result<void> queued = AfterTriggers::recordAuthEvent(
                *d->project, d->store.database(), TriggerEvent::SignUp, triggerRow(user));
            !queued)
            return queued;
        Result<QJsonObject> made = d->tokens.session(user, newUuid(), {});
        if (!made)
            return made.error();
        session = *made;
        return {};
    });
    if (!done)
        return done.error();
    return session;
}

Result<QJsonObject> AuthService::signInWithPassword(
    const QString &emailText, const QString &password, const QString &address)
{
    const QString email = emailText.trimmed().toLower();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    if (d->limiter) {
        if (const int wait = d->limiter->admit(address, email, nowMs); wait > 0)
            return Error(ErrorCode::RateLimited, {}, QString::number(wait));
    }
    Result<std::optional<AuthUser>> found = d->auth.userByEmail(email);
    if (!found)
        return found.error();
    if (!*found) {
        verifyAgainstDummy(password);
        // Counted like a wrong password, so the limit does not tell which emails have accounts.
        if (d->limiter)
            d->limiter->recordFailure(address, email, nowMs);
        return Error(ErrorCode::InvalidCredentials, {});
    }
    AuthUser user = **found;
    if (!verifyPassword(password, user.passwordHash)) {
        if (d->limiter)
            d->limiter->recordFailure(address, email, nowMs);
        return Error(ErrorCode::InvalidCredentials, {});
    }
    if (passwordNeedsRehash(user.passwordHash)) {
        if (Result<QByteArray> rehashed = hashPassword(password))
            user.passwordHash = *rehashed;
    }
    user.lastSignInAt = AuthStore::now();
    QJsonObject session;
    Result<void> done = d->store.transaction([&]() -> Result<void> {
        if (Result<void> updated = d->auth.updateUser(user); !updated)
            return updated;
        if (Result<void> queued = AfterTriggers::recordAuthEvent(
                *d->project, d->store.database(), TriggerEvent::SignIn, triggerRow(user));
            !queued)
            return queued;
        Result<QJsonObject> made = d->tokens.session(user, newUuid(), {});
        if (!made)
            return made.error();
        session = *made;
        return {};
    });
    if (!done)
        return done.error();
    return session;
}

Result<QJsonObject> AuthService::refresh(const QString &refreshToken)
{
    const Error notFound(ErrorCode::InvalidRefreshToken, {});
    if (refreshToken.isEmpty())
        return notFound;
    Result<std::optional<RefreshTokenRecord>> found = d->auth.refreshToken(AuthStore::tokenHash(refreshToken.toUtf8()));
    if (!found)
        return found.error();
    if (!*found)
        return notFound;
    const RefreshTokenRecord token = **found;
    const Error reused(ErrorCode::RefreshTokenReused, {});
    if (token.revoked || !token.usedAt.isEmpty()) {
        // Someone holds a copy of a rotated token: end the whole session, the thief's copy with it.
        if (Result<void> revoked = d->endSessions([&] { return d->auth.revokeSession(token.sessionId); }); !revoked)
            return revoked.error();
        return reused;
    }
    Result<std::optional<AuthUser>> user = d->auth.userById(token.userId);
    if (!user)
        return user.error();
    if (!*user)
        return notFound;
    QJsonObject session;
    Result<void> done = d->store.transaction([&]() -> Result<void> {
        Result<bool> marked = d->auth.markUsed(token.id);
        if (!marked)
            return marked.error();
        if (!*marked)
            return reused; // a concurrent refresh used it first
        Result<QJsonObject> made = d->tokens.session(**user, token.sessionId, token.id);
        if (!made)
            return made.error();
        session = *made;
        return {};
    });
    if (!done) {
        if (done.error().code == ErrorCode::RefreshTokenReused)
            (void)d->endSessions([&] { return d->auth.revokeSession(token.sessionId); });
        return done.error();
    }
    return session;
}

Result<QJsonObject> AuthService::user(const Caller &caller)
{
    Result<AuthUser> user = d->signedInUser(caller);
    if (!user)
        return user.error();
    Result<Identity> who = d->tokens.identity(user->id);
    if (!who)
        return who.error();
    return d->tokens.userJson(*user, *who);
}

Result<QJsonObject> AuthService::updateUser(const QJsonObject &body, const Caller &caller, const QString &address)
{
    Result<AuthUser> found = d->signedInUser(caller);
    if (!found)
        return found.error();
    AuthUser user = *found;
    bool emailChanged = false;
    if (const QJsonValue email = body.value(QStringLiteral("email")); email.isString()) {
        Result<QString> normalized = normalizeEmail(email.toString());
        if (!normalized)
            return normalized.error();
        emailChanged = *normalized != user.email;
        user.email = *normalized;
    }
    const QJsonValue password = body.value(QStringLiteral("password"));
    if (password.isString() || emailChanged) {
        if (Result<void> allowed = d->checkReauthentication(*found, body, caller, address); !allowed)
            return allowed.error();
    }
    if (password.isString()) {
        if (password.toString().size() < d->settings().minimumPasswordLength)
            return weakPassword(d->settings().minimumPasswordLength);
        Result<QByteArray> hash = hashPassword(password.toString());
        if (!hash)
            return hash.error();
        user.passwordHash = *hash;
    }
    if (const QJsonValue data = body.value(QStringLiteral("data")); data.isObject()) {
        const QJsonObject changes = data.toObject();
        for (auto it = changes.begin(); it != changes.end(); ++it)
            user.userMetadata.insert(it.key(), *it);
    }
    user.updatedAt = AuthStore::now();
    Result<void> done = d->endSessions([&]() -> Result<void> {
        if (Result<void> updated = d->auth.updateUser(user); !updated)
            return updated;
        const Table *table = d->profileTable();
        const Field *key = table ? table->primaryKey() : nullptr;
        const Field *email = table ? table->fieldByName(QStringLiteral("email")) : nullptr;
        if (emailChanged && key && email) {
            if (Result<void> synced = d->updateProfileEmail(*table, *key, *email, user); !synced)
                return synced;
        }
        // A new password signs out every other device; this one keeps its session.
        if (password.isString())
            return d->auth.revokeUserTokens(user.id, caller.sessionId);
        return {};
    });
    if (!done)
        return done.error();
    Result<Identity> who = d->tokens.identity(user.id);
    if (!who)
        return who.error();
    return d->tokens.userJson(user, *who);
}

Result<void> AuthService::logout(const Caller &caller, LogoutScope scope)
{
    if (caller.kind != Caller::Kind::Authenticated)
        return Error(ErrorCode::NotAuthenticated, QStringLiteral("This endpoint requires a valid Bearer token"));
    return d->endSessions([&] {
        switch (scope) {
        case LogoutScope::Local:
            return d->auth.revokeSession(caller.sessionId);
        case LogoutScope::Others:
            return d->auth.revokeUserTokens(caller.userId, caller.sessionId);
        case LogoutScope::Global:
            break;
        }
        return d->auth.revokeUserTokens(caller.userId);
    });
}

Result<Caller> AuthService::callerForUser(const QString &userId)
{
    Result<std::optional<AuthUser>> user = d->auth.userById(userId);
    if (!user)
        return user.error();
    if (!*user)
        return Error(ErrorCode::UserNotFound, {});
    Result<Identity> who = d->tokens.identity(userId);
    if (!who)
        return who.error();
    const QJsonObject claims = d->tokens.claims(**user, *who, {}, QDateTime::currentSecsSinceEpoch());
    QJsonObject projectClaims = claims.value(QStringLiteral("app_metadata")).toObject();
    projectClaims.remove(QStringLiteral("provider"));
    projectClaims.remove(QStringLiteral("providers"));
    Caller caller;
    caller.kind = Caller::Kind::Authenticated;
    caller.userId = userId;
    caller.email = (*user)->email;
    caller.role = claims.value(QStringLiteral("role")).toString();
    caller.claims = projectClaims;
    caller.explain = true;
    return caller;
}

} // namespace Runtime
