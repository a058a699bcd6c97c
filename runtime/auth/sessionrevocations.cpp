// SPDX-License-Identifier: GPL-3.0-or-later
// SessionRevocations: which sign-in sessions have ended, so their access tokens are refused at once.
#include "sessionrevocations.h"

#include "storage/database.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Runtime {

namespace {
/** Each read starts this long before the previous one: another server's clock may be behind, or a
    transaction may commit a revocation stamped a moment before the previous read. */
constexpr qint64 s_overlapMs = 10000;
} // namespace

SessionRevocations::SessionRevocations(int tokenLifetimeSeconds)
    : m_keepMs(qint64(tokenLifetimeSeconds) * 1000 + s_overlapMs)
{ }

Result<bool> SessionRevocations::isRevoked(const QString &sessionId, Database &database)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 refreshedAt = m_refreshedAt.load(std::memory_order_acquire);
    if (now - refreshedAt >= s_refreshIntervalMs) {
        // Never read, or a revocation here made the copy stale: wait for the one read, so the token is
        // refused at once. Merely a second old: one thread reads, the others go on with the copy.
        const bool mustWait = refreshedAt == 0;
        if (mustWait || m_refreshing.tryLock()) {
            if (mustWait)
                m_refreshing.lock();
            Result<void> refreshed;
            if (m_refreshedAt.load(std::memory_order_acquire) == refreshedAt) // nobody read it meanwhile
                refreshed = refresh(database, now);
            m_refreshing.unlock();
            if (!refreshed)
                return refreshed.error();
        }
    }
    QReadLocker locker(&m_lock);
    return m_revoked.contains(sessionId);
}

void SessionRevocations::markStale()
{
    m_staleCount.fetch_add(1, std::memory_order_acq_rel);
    m_refreshedAt.store(0, std::memory_order_release);
}

Result<void> SessionRevocations::refresh(Database &database, qint64 nowMs)
{
    const quint64 staleCount = m_staleCount.load(std::memory_order_acquire);
    qint64 since = 0;
    {
        QReadLocker locker(&m_lock);
        since = m_lastReadAt > 0 ? m_lastReadAt - s_overlapMs : nowMs - m_keepMs;
    }
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    const QString sql = QStringLiteral(
        "SELECT \"session_id\", \"revoked_at\" FROM \"_basalt_auth_revoked_sessions\" WHERE \"revoked_at\" >= ?");
    if (!query.prepare(sql) || (query.addBindValue(since), !query.exec()))
        return Error(ErrorCode::DatabaseQueryFailed, QStringLiteral("Could not read the ended sessions."),
            query.lastError().text());
    QList<QPair<QString, qint64>> rows;
    while (query.next())
        rows.append({query.value(0).toString(), query.value(1).toLongLong()});

    QWriteLocker locker(&m_lock);
    for (const auto &[session, revokedAt] : rows)
        m_revoked.insert(session, revokedAt);
    m_lastReadAt = nowMs;
    const qint64 forgetBefore = nowMs - m_keepMs;
    m_revoked.removeIf([forgetBefore](const auto &entry) { return entry.value() < forgetBefore; });
    // A revocation committed while this read ran may be missing from it: then the copy stays stale.
    if (m_staleCount.load(std::memory_order_acquire) == staleCount)
        m_refreshedAt.store(nowMs, std::memory_order_release);
    return {};
}

} // namespace Runtime
