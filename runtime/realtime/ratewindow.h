// SPDX-License-Identifier: GPL-3.0-or-later
// RateWindow: counts events in fixed time windows, for the realtime rate limits.
#pragma once

#include <QtGlobal>

namespace Runtime {

/** Counts events in fixed windows, as Supabase Realtime's client presence limit does: a window opens at the
    first event after the last one ended and admits so many events; the rest are refused until it ends.
    Times come from the caller (RealtimeLimits::clock), so a test decides what falls in one window. A plain
    value, owned by the connection or channel it limits. */
class RateWindow
{
public:
    /** Returns true and counts the event at \a now (ms) if fewer than \a max were admitted in the window
        of \a windowMs that holds \a now; false otherwise (not counted). */
    bool admit(qint64 now, int max, qint64 windowMs)
    {
        if (m_count == 0 || now - m_start >= windowMs) {
            m_start = now;
            m_count = 0;
        }
        if (m_count >= max)
            return false;
        ++m_count;
        return true;
    }

private:
    qint64 m_start = 0;
    int m_count = 0;
};

} // namespace Runtime
