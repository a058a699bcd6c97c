// SPDX-License-Identifier: GPL-3.0-or-later
// The watchdog that stops JavaScript calls that run past their time limit.
#pragma once

#include <QtGlobal>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

class QJSEngine;

namespace Runtime {

/** Interrupts QJSEngine calls that run past their deadline, from a thread of its own (the engine's thread
    is busy running the call). QJSEngine::setInterrupted() is thread-safe and sticky: the caller resets it
    before its next call. Thread-safe; one shared() instance serves every FunctionRunner. */
class CallWatchdog
{
public:
    using Clock = std::chrono::steady_clock;

    CallWatchdog();
    ~CallWatchdog();
    CallWatchdog(const CallWatchdog &) = delete;
    CallWatchdog &operator=(const CallWatchdog &) = delete;

    /** Returns the process-wide watchdog. */
    static CallWatchdog &shared();

    /** Interrupts \a engine at \a deadline unless disarm() is called first. Returns the token for disarm().
        \a engine must stay alive until disarm(). */
    quint64 arm(QJSEngine *engine, Clock::time_point deadline);
    /** Stops watching the call \a token. Returns true if the watchdog interrupted it. */
    bool disarm(quint64 token);

private:
    struct Watch
    {
        QJSEngine *engine = nullptr;
        Clock::time_point deadline;
        bool fired = false;
    };
    void run();

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::map<quint64, Watch> m_watches;
    quint64 m_nextToken = 1;
    bool m_stopping = false;
    /** When the watchdog thread wakes up next (max: when a call is armed). arm() wakes it only for an
        earlier deadline: under load calls come and go without a thread switch each. */
    Clock::time_point m_wakeAt = Clock::time_point::max();
    std::thread m_thread;
};

} // namespace Runtime
