// SPDX-License-Identifier: GPL-3.0-or-later
// SignInLimiter: limits password guessing and sign-up floods per client address and per email.
#include "signinlimiter.h"

#include <QHostAddress>
#include <QMutexLocker>

#include <algorithm>

namespace Runtime {

namespace {
/** Drops the entries of \a times older than the window; returns true if none is left. */
bool prune(std::deque<qint64> &times, qint64 windowStart)
{
    while (!times.empty() && times.front() <= windowStart)
        times.pop_front();
    return times.empty();
}

QString pairKey(const QString &email, const QString &address)
{
    return email + QLatin1Char('\n') + address;
}

/** Returns the key \a address is counted under: an IPv4 address as it is; an IPv6 address by its /64
    network, since one subscriber usually holds a whole /64 and could try from each of its addresses. */
QString addressKey(const QString &address)
{
    const QHostAddress parsed(address);
    if (parsed.protocol() != QAbstractSocket::IPv6Protocol)
        return address;
    Q_IPV6ADDR bytes = parsed.toIPv6Address();
    std::fill(std::begin(bytes.c) + 8, std::end(bytes.c), quint8(0));
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}
} // namespace

int SignInLimiter::waitFor(QHash<QString, Times> &map, const QString &key, int limit, qint64 nowMs)
{
    const auto it = map.find(key);
    if (it == map.end())
        return 0;
    if (prune(*it, nowMs - windowMs())) {
        map.erase(it);
        return 0;
    }
    if (qsizetype(it->size()) < limit)
        return 0;
    // When the oldest entry that keeps the count at the limit leaves the window.
    const qint64 waitMs = it->at(it->size() - limit) + windowMs() - nowMs;
    return int(std::max<qint64>(1, (waitMs + 999) / 1000));
}

int SignInLimiter::admit(const QString &client, const QString &email, qint64 nowMs)
{
    const QString address = addressKey(client);
    QMutexLocker locker(&m_mutex);
    maybeSweep(nowMs);
    const QString pair = pairKey(email, address);
    int wait = std::max(waitFor(m_failuresByAddress, address, m_limits.perAddress, nowMs),
        waitFor(m_failuresByPair, pair, m_limits.perEmailFromAddress, nowMs));
    // A guess spread over many addresses holds back only the addresses taking part in it.
    if (m_failuresByPair.contains(pair))
        wait = std::max(wait, waitFor(m_failuresByEmail, email, m_limits.perEmail, nowMs));
    return wait;
}

void SignInLimiter::recordFailure(const QString &client, const QString &email, qint64 nowMs)
{
    const QString address = addressKey(client);
    QMutexLocker locker(&m_mutex);
    const qint64 windowStart = nowMs - windowMs();
    for (auto [map, key] : {std::pair {&m_failuresByAddress, address}, std::pair {&m_failuresByEmail, email},
             std::pair {&m_failuresByPair, pairKey(email, address)}}) {
        Times &times = (*map)[key];
        prune(times, windowStart);
        times.push_back(nowMs);
    }
}

int SignInLimiter::admitSignUp(const QString &client, qint64 nowMs)
{
    const QString address = addressKey(client);
    QMutexLocker locker(&m_mutex);
    maybeSweep(nowMs);
    if (const int wait = waitFor(m_signUpsByAddress, address, m_limits.signUpsPerAddress, nowMs); wait > 0)
        return wait;
    m_signUpsByAddress[address].push_back(nowMs);
    return 0;
}

void SignInLimiter::maybeSweep(qint64 nowMs)
{
    if (++m_calls % 1024 != 0)
        return;
    const qint64 windowStart = nowMs - windowMs();
    for (QHash<QString, Times> *map : {&m_failuresByAddress, &m_failuresByEmail, &m_failuresByPair, &m_signUpsByAddress}) {
        for (auto it = map->begin(); it != map->end();)
            it = prune(*it, windowStart) ? map->erase(it) : std::next(it);
    }
}

} // namespace Runtime
