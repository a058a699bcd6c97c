// SPDX-License-Identifier: GPL-3.0-or-later
// SignInLimiter: counts sign-in attempts per client address and per email, to stop password guessing.
#include "signinlimiter.h"

#include <QMutexLocker>

namespace Runtime {

namespace {
/** Drops the entries of \a times older than the window; returns true if none is left. */
bool prune(std::deque<qint64> &times, qint64 windowStart)
{
    while (!times.empty() && times.front() <= windowStart)
        times.pop_front();
    return times.empty();
}

/** Returns the whole seconds (at least 1) until the oldest of \a times leaves the window. */
int secondsUntilFree(const std::deque<qint64> &times, qint64 windowMs, qint64 nowMs)
{
    const qint64 waitMs = times.front() + windowMs - nowMs;
    return int(std::max<qint64>(1, (waitMs + 999) / 1000));
}

/** Returns the entry of \a key in \a map, pruned; removes the entry if it became empty (so the maps hold
    only keys seen within the window). */
std::deque<qint64> *pruned(QHash<QString, std::deque<qint64>> &map, const QString &key, qint64 windowStart)
{
    const auto it = map.find(key);
    if (it == map.end())
        return nullptr;
    if (prune(*it, windowStart)) {
        map.erase(it);
        return nullptr;
    }
    return &*it;
}
} // namespace

int SignInLimiter::admit(const QString &address, const QString &email, qint64 nowMs)
{
    const qint64 windowMs = qint64(m_limits.windowSeconds) * 1000;
    const qint64 windowStart = nowMs - windowMs;
    QMutexLocker locker(&m_mutex);
    if (++m_admitted % 1024 == 0)
        sweep(windowStart);
    int wait = 0;
    if (const std::deque<qint64> *byAddress = pruned(m_byAddress, address, windowStart);
        byAddress && qsizetype(byAddress->size()) >= m_limits.perAddress)
        wait = secondsUntilFree(*byAddress, windowMs, nowMs);
    if (const std::deque<qint64> *byEmail = pruned(m_byEmail, email, windowStart);
        byEmail && qsizetype(byEmail->size()) >= m_limits.perEmail)
        wait = std::max(wait, secondsUntilFree(*byEmail, windowMs, nowMs));
    if (wait > 0)
        return wait;
    m_byAddress[address].push_back(nowMs);
    return 0;
}

void SignInLimiter::sweep(qint64 windowStart)
{
    for (QHash<QString, std::deque<qint64>> *map : {&m_byAddress, &m_byEmail}) {
        for (auto it = map->begin(); it != map->end();)
            it = prune(*it, windowStart) ? map->erase(it) : std::next(it);
    }
}

void SignInLimiter::recordFailure(const QString &email, qint64 nowMs)
{
    QMutexLocker locker(&m_mutex);
    std::deque<qint64> &times = m_byEmail[email];
    prune(times, nowMs - qint64(m_limits.windowSeconds) * 1000);
    times.push_back(nowMs);
}

} // namespace Runtime
