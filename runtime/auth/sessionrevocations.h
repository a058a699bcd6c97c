// SPDX-License-Identifier: GPL-3.0-or-later
// SessionRevocations: which sign-in sessions have ended, so their access tokens are refused at once.
#pragma once

#include "core/result.h"

#include <QHash>
#include <QMutex>
#include <QReadWriteLock>
#include <QString>

#include <atomic>

namespace Runtime {

class Database;

/** The sessions ended (signed out, their password changed, a refresh token reused, the user deleted)
    while access tokens of theirs may still be valid. Access tokens are verified without the database, so
    without this list a token would work until it expires (an hour by default) after its session ended.
    The list lives in the database (`_basalt_auth_revoked_sessions`, written by AuthStore in the same
    transaction as the revocation), so every basalt-server process sharing one PostgreSQL sees it; each
    process keeps a copy in memory, read again at most once a second (only the rows added since), by
    whichever request thread first finds it older than that, on its own connection: no database read per
    request. A revocation in this process marks the copy stale: the next requests wait for it to be read
    again, so this server refuses the token at once.
    Thread-safe; shared by every request thread of a server through its ServerConfig. */
class SessionRevocations
{
public:
    /** How long the copy is used before it is read again, at most. */
    static constexpr qint64 s_refreshIntervalMs = 1000;
    /** The longest access-token lifetime a project may set (settings.accessTokenLifetimeSeconds). */
    static constexpr int s_longestTokenLifetimeSeconds = 7 * 24 * 3600;

    /** \a tokenLifetimeSeconds: the longest an access token lives; sessions revoked longer ago than that
        (with a margin for clocks) are forgotten, since no token of theirs can still be valid. */
    explicit SessionRevocations(int tokenLifetimeSeconds = s_longestTokenLifetimeSeconds);

    /** Returns true if the session \a sessionId has ended, first reading the list again through
        \a database (the calling thread's connection) when the copy is stale. Returns the database's error
        if it had to be read and could not be. */
    Result<bool> isRevoked(const QString &sessionId, Database &database);
    /** Makes the next isRevoked() read the list again (after a revocation was committed here). */
    void markStale();

private:
    Result<void> refresh(Database &database, qint64 nowMs);

    const qint64 m_keepMs;
    QReadWriteLock m_lock;
    QHash<QString, qint64> m_revoked; ///< session id → revoked_at (ms since the epoch); guarded by m_lock
    qint64 m_lastReadAt = 0; ///< when the list was last read (ms), 0: never; guarded by m_lock
    QMutex m_refreshing; ///< held by the one thread reading the list
    std::atomic<qint64> m_refreshedAt {0}; ///< when the copy was read (ms); 0: stale
    std::atomic<quint64> m_staleCount {0}; ///< markStale() calls: a read that began before one is stale
};

} // namespace Runtime
