// SPDX-License-Identifier: GPL-3.0-or-later
// SignInLimiter: counts sign-in attempts per client address and per email, to stop password guessing.
#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

#include <deque>

namespace Runtime {

/** Sliding-window limits on sign-in attempts, shared by every request thread of one server (thread-safe).
    Per client address every attempt counts; per email only failed ones, so a user who types the right
    password is not locked out by someone else guessing from elsewhere until they fail too. In-memory:
    several basalt-server processes each keep their own counts; memory is bounded by the keys seen within
    one window (older ones are swept). Owned by the server's ServerConfig. */
class SignInLimiter
{
public:
    struct Limits
    {
        int perAddress = 30;  ///< attempts from one address per window
        int perEmail = 10;    ///< failed attempts for one email per window
        int windowSeconds = 300;
    };

    SignInLimiter() : m_limits(Limits()) { }
    explicit SignInLimiter(Limits limits) : m_limits(limits) { }

    /** Returns 0 if an attempt from \a address for \a email (normalised) may go ahead now, and records it
        against the address; else the seconds until it may (for Retry-After), recording nothing. */
    int admit(const QString &address, const QString &email, qint64 nowMs);
    /** Records a failed attempt for \a email at \a nowMs. */
    void recordFailure(const QString &email, qint64 nowMs);

private:
    /** Drops every entry older than \a windowStart, so addresses and emails not seen again are forgotten. */
    void sweep(qint64 windowStart);

    Limits m_limits;
    QMutex m_mutex;
    quint32 m_admitted = 0; ///< admit() calls; every 1024th sweeps the maps. Guarded by m_mutex
    QHash<QString, std::deque<qint64>> m_byAddress; ///< guarded by m_mutex
    QHash<QString, std::deque<qint64>> m_byEmail;   ///< guarded by m_mutex
};

} // namespace Runtime
