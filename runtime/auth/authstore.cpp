// SPDX-License-Identifier: GPL-3.0-or-later
// AuthStore: the runtime-owned auth tables (_basalt_auth_users, _basalt_auth_refresh_tokens) and their queries.
#include "authstore.h"

#include "storage/database.h"
#include "storage/sqldialect.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>


namespace Runtime {

namespace {
const QString s_userColumns = QStringLiteral(
    "\"id\", \"email\", \"password_hash\", \"user_metadata\", \"created_at\", \"updated_at\", "
    "\"last_sign_in_at\", \"email_confirmed_at\"");
const QString s_tokenColumns
    = QStringLiteral("\"id\", \"user_id\", \"session_id\", \"parent\", \"revoked\", \"used_at\"");

Error queryFailed(const QSqlQuery &query, const QString &sql)
{
    return Error(ErrorCode::DatabaseQueryFailed, QStringLiteral("A database query failed"),
        sql + QStringLiteral(": ") + query.lastError().text());
}

bool isUniqueViolation(const QSqlError &error)
{
    return error.nativeErrorCode() == QLatin1String("23505")
        || error.text().contains(QLatin1String("UNIQUE constraint failed"), Qt::CaseInsensitive);
}

/** Prepares and runs \a sql with \a values bound in order; \a query holds the result. */
Result<void> run(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return queryFailed(query, sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return queryFailed(query, sql);
    return {};
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

AuthUser userFrom(const QSqlQuery &query)
{
    AuthUser user;
    user.id = query.value(0).toString();
    user.email = query.value(1).toString();
    user.passwordHash = query.value(2).toString().toLatin1();
    user.userMetadata = QJsonDocument::fromJson(query.value(3).toString().toUtf8()).object();
    user.createdAt = query.value(4).toString();
    user.updatedAt = query.value(5).toString();
    user.lastSignInAt = query.value(6).toString();
    user.emailConfirmedAt = query.value(7).toString();
    return user;
}

QString metadataText(const AuthUser &user)
{
    return QString::fromUtf8(QJsonDocument(user.userMetadata).toJson(QJsonDocument::Compact));
}
} // namespace

Result<void> ensureAuthTables(Database &database)
{
    // Plain types that both engines accept, so one statement list serves SQLite and PostgreSQL.
    static const char *const statements[] = {
        "CREATE TABLE IF NOT EXISTS \"_basalt_auth_users\" (\n"
        "  \"id\" TEXT PRIMARY KEY,\n"
        "  \"email\" TEXT NOT NULL UNIQUE,\n"
        "  \"password_hash\" TEXT NOT NULL,\n"
        "  \"user_metadata\" TEXT NOT NULL DEFAULT '{}',\n"
        "  \"created_at\" TEXT NOT NULL,\n"
        "  \"updated_at\" TEXT NOT NULL,\n"
        "  \"last_sign_in_at\" TEXT,\n"
        "  \"email_confirmed_at\" TEXT\n"
        ")",
        "CREATE TABLE IF NOT EXISTS \"_basalt_auth_refresh_tokens\" (\n"
        "  \"id\" TEXT PRIMARY KEY,\n"
        "  \"token_hash\" TEXT NOT NULL UNIQUE,\n"
        "  \"user_id\" TEXT NOT NULL REFERENCES \"_basalt_auth_users\" (\"id\") ON DELETE CASCADE,\n"
        "  \"session_id\" TEXT NOT NULL,\n"
        "  \"parent\" TEXT,\n"
        "  \"revoked\" INTEGER NOT NULL DEFAULT 0,\n"
        "  \"used_at\" TEXT,\n"
        "  \"created_at\" TEXT NOT NULL\n"
        ")",
        "CREATE INDEX IF NOT EXISTS \"_basalt_auth_refresh_tokens_user\" "
        "ON \"_basalt_auth_refresh_tokens\" (\"user_id\")",
        "CREATE INDEX IF NOT EXISTS \"_basalt_auth_refresh_tokens_session\" "
        "ON \"_basalt_auth_refresh_tokens\" (\"session_id\")",
        // Sessions ended while their access tokens may still be valid (see SessionRevocations);
        // revoked_at in milliseconds since the epoch.
        "CREATE TABLE IF NOT EXISTS \"_basalt_auth_revoked_sessions\" (\n"
        "  \"session_id\" TEXT PRIMARY KEY,\n"
        "  \"user_id\" TEXT NOT NULL,\n"
        "  \"revoked_at\" BIGINT NOT NULL\n"
        ")",
        "CREATE INDEX IF NOT EXISTS \"_basalt_auth_revoked_sessions_time\" "
        "ON \"_basalt_auth_revoked_sessions\" (\"revoked_at\")",
    };
    for (const char *statement : statements) {
        QSqlQuery query(database.connection());
        const QString sql = QString::fromLatin1(statement);
        if (!query.exec(sql))
            return queryFailed(query, sql);
    }
    return {};
}

QString AuthStore::now()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

QString AuthStore::tokenHash(const QByteArray &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex());
}

Result<std::optional<AuthUser>> AuthStore::userByEmail(const QString &email)
{
    QSqlQuery query(m_database.connection());
    const QString sql = QStringLiteral("SELECT %1 FROM \"_basalt_auth_users\" WHERE \"email\" = ?").arg(s_userColumns);
    if (Result<void> ran = run(query, sql, {email}); !ran)
        return ran.error();
    if (!query.next())
        return std::optional<AuthUser>();
    return std::optional<AuthUser>(userFrom(query));
}

Result<std::optional<AuthUser>> AuthStore::userById(const QString &id)
{
    QSqlQuery query(m_database.connection());
    const QString sql = QStringLiteral("SELECT %1 FROM \"_basalt_auth_users\" WHERE \"id\" = ?").arg(s_userColumns);
    if (Result<void> ran = run(query, sql, {id}); !ran)
        return ran.error();
    if (!query.next())
        return std::optional<AuthUser>();
    return std::optional<AuthUser>(userFrom(query));
}

Result<void> AuthStore::insertUser(const AuthUser &user)
{
    QSqlQuery query(m_database.connection());
    const QString sql = QStringLiteral("INSERT INTO \"_basalt_auth_users\" (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                            .arg(s_userColumns);
    Result<void> ran = run(query, sql,
        {user.id, user.email, QString::fromLatin1(user.passwordHash), metadataText(user), user.createdAt,
            user.updatedAt, textOrNull(user.lastSignInAt), textOrNull(user.emailConfirmedAt)});
    if (!ran && isUniqueViolation(query.lastError()))
        return Error(ErrorCode::UserAlreadyExists, {});
    return ran;
}

Result<void> AuthStore::updateUser(const AuthUser &user)
{
    QSqlQuery query(m_database.connection());
    const QString sql = QStringLiteral(
        "UPDATE \"_basalt_auth_users\" SET \"email\" = ?, \"password_hash\" = ?, \"user_metadata\" = ?, "
        "\"updated_at\" = ?, \"last_sign_in_at\" = ? WHERE \"id\" = ?");
    Result<void> ran = run(query, sql,
        {user.email, QString::fromLatin1(user.passwordHash), metadataText(user), user.updatedAt,
            textOrNull(user.lastSignInAt), user.id});
    if (!ran && isUniqueViolation(query.lastError()))
        return Error(ErrorCode::UserAlreadyExists, {});
    return ran;
}

Result<void> AuthStore::deleteUser(const QString &id)
{
    QSqlQuery query(m_database.connection());
    return run(query, QStringLiteral("DELETE FROM \"_basalt_auth_users\" WHERE \"id\" = ?"), {id});
}

Result<void> AuthStore::insertRefreshToken(
    const QString &hash, const QString &userId, const QString &sessionId, const QString &parent)
{
    QSqlQuery query(m_database.connection());
    const QString sql = QStringLiteral(
        "INSERT INTO \"_basalt_auth_refresh_tokens\" (\"id\", \"token_hash\", \"user_id\", \"session_id\", "
        "\"parent\", \"revoked\", \"created_at\") VALUES (?, ?, ?, ?, ?, 0, ?)");
    return run(query, sql,
        {QUuid::createUuid().toString(QUuid::WithoutBraces), hash, userId, sessionId, textOrNull(parent), now()});
}

Result<std::optional<RefreshTokenRecord>> AuthStore::refreshToken(const QString &hash)
{
    QSqlQuery query(m_database.connection());
    const QString sql = QStringLiteral("SELECT %1 FROM \"_basalt_auth_refresh_tokens\" WHERE \"token_hash\" = ?")
                            .arg(s_tokenColumns);
    if (Result<void> ran = run(query, sql, {hash}); !ran)
        return ran.error();
    if (!query.next())
        return std::optional<RefreshTokenRecord>();
    RefreshTokenRecord token;
    token.id = query.value(0).toString();
    token.userId = query.value(1).toString();
    token.sessionId = query.value(2).toString();
    token.parent = query.value(3).toString();
    token.revoked = query.value(4).toInt() != 0;
    token.usedAt = query.value(5).toString();
    return std::optional<RefreshTokenRecord>(token);
}

Result<bool> AuthStore::markUsed(const QString &id)
{
    QSqlQuery query(m_database.connection());
    const QString sql = QStringLiteral("UPDATE \"_basalt_auth_refresh_tokens\" SET \"used_at\" = ? "
                                       "WHERE \"id\" = ? AND \"used_at\" IS NULL AND \"revoked\" = 0");
    if (Result<void> ran = run(query, sql, {now(), id}); !ran)
        return ran.error();
    return query.numRowsAffected() == 1;
}

Result<QDateTime> AuthStore::sessionStartedAt(const QString &sessionId)
{
    QSqlQuery query(m_database.connection());
    if (Result<void> ran = run(query,
            QStringLiteral("SELECT MIN(\"created_at\") FROM \"_basalt_auth_refresh_tokens\" WHERE \"session_id\" = ?"),
            {sessionId});
        !ran)
        return ran.error();
    if (!query.next() || query.value(0).isNull())
        return QDateTime();
    return QDateTime::fromString(query.value(0).toString(), Qt::ISODateWithMs);
}

Result<void> AuthStore::revokeSession(const QString &sessionId)
{
    if (Result<void> recorded = recordRevokedSessions(QStringLiteral("\"session_id\" = ?"), {sessionId}); !recorded)
        return recorded;
    QSqlQuery query(m_database.connection());
    return run(query,
        QStringLiteral("UPDATE \"_basalt_auth_refresh_tokens\" SET \"revoked\" = 1 WHERE \"session_id\" = ?"),
        {sessionId});
}

Result<void> AuthStore::revokeUserTokens(const QString &userId, const QString &keepSession)
{
    const QString where = keepSession.isEmpty() ? QStringLiteral("\"user_id\" = ?")
                                                : QStringLiteral("\"user_id\" = ? AND \"session_id\" <> ?");
    const QVariantList values = keepSession.isEmpty() ? QVariantList {userId} : QVariantList {userId, keepSession};
    if (Result<void> recorded = recordRevokedSessions(where, values); !recorded)
        return recorded;
    QSqlQuery query(m_database.connection());
    return run(query, QStringLiteral("UPDATE \"_basalt_auth_refresh_tokens\" SET \"revoked\" = 1 WHERE ") + where,
        values);
}

Result<void> AuthStore::recordRevokedSessions(const QString &where, const QVariantList &values)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // No access token outlives 7 days (accessTokenLifetimeSeconds' limit): older rows are of no more use.
    constexpr qint64 keepMs = 8LL * 24 * 3600 * 1000;
    QSqlQuery cleanup(m_database.connection());
    if (Result<void> ran = run(cleanup,
            QStringLiteral("DELETE FROM \"_basalt_auth_revoked_sessions\" WHERE \"revoked_at\" < ?"),
            {now - keepMs});
        !ran)
        return ran;
    // WHERE is required before ON CONFLICT in SQLite's INSERT ... SELECT (and present here); the cast
    // types the parameter, which PostgreSQL would otherwise take as text in a select list.
    const QString sql = QStringLiteral(
        "INSERT INTO \"_basalt_auth_revoked_sessions\" (\"session_id\", \"user_id\", \"revoked_at\") "
        "SELECT DISTINCT \"session_id\", \"user_id\", CAST(? AS BIGINT) FROM \"_basalt_auth_refresh_tokens\" "
        "WHERE %1 "
        "ON CONFLICT (\"session_id\") DO NOTHING").arg(where);
    QSqlQuery query(m_database.connection());
    return run(query, sql, QVariantList {now} + values);
}

} // namespace Runtime
