// SPDX-License-Identifier: GPL-3.0-or-later
// ProjectUpdates: the newest project a running server serves, handed to its threads between requests.
#pragma once

#include "model/project.h"

#include <QMutex>
#include <QMutexLocker>

#include <atomic>
#include <memory>

namespace Runtime {

class Router;

/** Where the Server publishes a new project (a live update) and where each request thread and the writer
    pick it up, between two requests, on their own thread: publishing never waits for a busy thread, and
    a request that starts after publish() returned is served with the new project. Shared by the Server,
    its workers and its writer (one std::shared_ptr in the ServerConfig). */
class ProjectUpdates
{
public:
    struct Snapshot
    {
        std::shared_ptr<const Project> project;
        std::shared_ptr<const Router> router; ///< the project's routes (its endpoints)
        int schemaVersion = 0;
        quint64 generation = 0;
    };

    /** Makes \a project at \a schemaVersion, with its \a router, the one to serve from the next request on. */
    void publish(std::shared_ptr<const Project> project, int schemaVersion, std::shared_ptr<const Router> router)
    {
        QMutexLocker locker(&m_mutex);
        m_current.project = std::move(project);
        m_current.router = std::move(router);
        m_current.schemaVersion = schemaVersion;
        m_current.generation = m_generation.load(std::memory_order_relaxed) + 1;
        m_generation.store(m_current.generation, std::memory_order_release);
    }

    /** Returns how many projects were published: a thread compares it with the one it serves, lock-free. */
    quint64 generation() const { return m_generation.load(std::memory_order_acquire); }

    /** Returns the newest project, its schema version and generation. */
    Snapshot current() const
    {
        QMutexLocker locker(&m_mutex);
        return m_current;
    }

private:
    mutable QMutex m_mutex;
    Snapshot m_current;
    std::atomic<quint64> m_generation {0};
};

} // namespace Runtime
