// SPDX-License-Identifier: GPL-3.0-or-later
// HookServer: a loopback HTTP server in its own thread that records what trigger functions send it.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QThread>
#include <QUrl>

class QTcpServer;

/** Records each request (path and body) that functions send with http.fetch(), so a test sees that a
    trigger or schedule ran and with what. Answers 200 `{}`, except the first request to a /hold/... path,
    which it records and never answers (a function that is still running). Lives in a thread of its own: the thread under test may
    block in http.fetch(). */
class HookServer
{
public:
    struct Hit
    {
        QByteArray path;
        QByteArray body;
    };

    HookServer();
    ~HookServer();
    QUrl url(const QString &path) const;
    /** Returns the requests received so far. */
    QList<Hit> hits() const;
    /** Waits (at most \a timeoutMs, spinning the event loop) until at least \a count requests came. */
    bool waitForHits(int count, int timeoutMs = 30000) const;

private:
    QThread m_thread;
    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
    mutable QMutex m_mutex;
    QList<Hit> m_hits;
    QList<QByteArray> m_held; ///< /hold/ paths seen (used on the server's thread only)
};
