// SPDX-License-Identifier: GPL-3.0-or-later
// The watchdog that stops JavaScript calls that run past their time limit.
#include "callwatchdog.h"

#include <QJSEngine>

namespace Runtime {

CallWatchdog::CallWatchdog()
    : m_thread([this] { run(); })
{ }

CallWatchdog::~CallWatchdog()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

CallWatchdog &CallWatchdog::shared()
{
    static CallWatchdog watchdog;
    return watchdog;
}

quint64 CallWatchdog::arm(QJSEngine *engine, Clock::time_point deadline)
{
    quint64 token = 0;
    bool sooner = false;
    {
        std::lock_guard lock(m_mutex);
        token = m_nextToken++;
        m_watches.emplace(token, Watch {engine, deadline, false});
        sooner = deadline < m_wakeAt;
        if (sooner)
            m_wakeAt = deadline;
    }
    if (sooner)
        m_changed.notify_all();
    return token;
}

bool CallWatchdog::disarm(quint64 token)
{
    // Under the mutex, so that once this returns the watchdog no longer touches the engine.
    std::lock_guard lock(m_mutex);
    const auto it = m_watches.find(token);
    if (it == m_watches.end())
        return false;
    const bool fired = it->second.fired;
    m_watches.erase(it);
    return fired;
}

void CallWatchdog::run()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        const Clock::time_point now = Clock::now();
        Clock::time_point next = Clock::time_point::max();
        for (auto &[token, watch] : m_watches) {
            if (watch.fired)
                continue;
            if (watch.deadline <= now) {
                watch.engine->setInterrupted(true);
                watch.fired = true;
            } else {
                next = std::min(next, watch.deadline);
            }
        }
        m_wakeAt = next;
        if (next == Clock::time_point::max())
            m_changed.wait(lock);
        else
            m_changed.wait_until(lock, next);
    }
}

} // namespace Runtime
