// SPDX-License-Identifier: GPL-3.0-or-later
// SignInLimiter: limits password guessing and sign-up floods per client address and per email.
#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

#include <deque>

namespace Runtime {

/** Sliding-window limits that stop password guessing and sign-up floods without locking out the
    innocent. Shared by every request thread of one server (thread-safe). Only failed sign-ins count, so
    people who type their password right are never held back, however many share one address (an office
    behind NAT):
    - one address: at most perAddress failed sign-ins per window, whatever the emails;
    - one email from one address: at most perEmailFromAddress failures: that address is held back for that
      email only, so a guesser elsewhere cannot lock the owner out;
    - one email from everywhere: past perEmail failures (a guess spread over many addresses), every
      address that has failed for that email is held back for it; addresses that never failed for it (the
      owner's) still get in.
    - sign-ups (each hashes a password with Argon2id): at most signUpsPerAddress per window per address.
    Addresses are counted as they are for IPv4 and by their /64 network for IPv6 (one subscriber's).
    In-memory: several basalt-server processes each keep their own counts; memory is bounded by the keys
    seen within one window (older ones are swept). Owned by the server's ServerConfig. */
class SignInLimiter
{
public:
    struct Limits
    {
        int perAddress = 30;          ///< failed sign-ins from one address per window
        int perEmailFromAddress = 10; ///< failed sign-ins for one email from one address per window
        int perEmail = 50;            ///< failed sign-ins for one email from all addresses per window
        int signUpsPerAddress = 30;   ///< sign-up attempts from one address per window
        int windowSeconds = 300;
    };

    SignInLimiter() : m_limits(Limits()) { }
    explicit SignInLimiter(Limits limits) : m_limits(limits) { }

    /** Returns 0 if a sign-in from \a address for \a email (normalised) may go ahead at \a nowMs, else the
        seconds until it may (for Retry-After). Records nothing: only failures count (recordFailure()). */
    int admit(const QString &address, const QString &email, qint64 nowMs);
    /** Records a failed sign-in (wrong password or unknown email) from \a address for \a email at \a nowMs. */
    void recordFailure(const QString &address, const QString &email, qint64 nowMs);
    /** Returns 0 and records the attempt if a sign-up from \a address may go ahead at \a nowMs, else the
        seconds until it may. */
    int admitSignUp(const QString &address, qint64 nowMs);

private:
    using Times = std::deque<qint64>;
    /** Returns the seconds until \a key of \a map has fewer than \a limit entries in the window (0 if it
        has already). */
    int waitFor(QHash<QString, Times> &map, const QString &key, int limit, qint64 nowMs);
    /** Drops every entry older than the window, so keys not seen again are forgotten (every 1024th call). */
    void maybeSweep(qint64 nowMs);
    qint64 windowMs() const { return qint64(m_limits.windowSeconds) * 1000; }

    Limits m_limits;
    QMutex m_mutex;
    quint32 m_calls = 0; ///< guarded by m_mutex
    QHash<QString, Times> m_failuresByAddress; ///< guarded by m_mutex
    QHash<QString, Times> m_failuresByEmail;   ///< guarded by m_mutex
    QHash<QString, Times> m_failuresByPair;    ///< email '\n' address; guarded by m_mutex
    QHash<QString, Times> m_signUpsByAddress;  ///< guarded by m_mutex
};

} // namespace Runtime
