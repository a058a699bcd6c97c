// SPDX-License-Identifier: GPL-3.0-or-later
// The synchronous HTTP client behind the functions' http.fetch().
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <chrono>

namespace Runtime {

/** One request of http.fetch(). */
struct FetchRequest
{
    QString url;
    QByteArray method = "GET";
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    std::chrono::milliseconds timeout {10000};
    qint64 maxResponseBytes = 5 * 1024 * 1024;
    int maxRedirects = 5;
};

/** The answer to a FetchRequest: a status, or an error message when there is no HTTP answer (timeout,
    connection refused, too many redirects, response too large). */
struct FetchResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers; ///< names in lowercase
    QByteArray body;
    QString error; ///< empty when an HTTP answer came
};

/** Runs \a request to its end and returns the answer. Blocks the calling thread: the request runs in a
    thread of its own with its own event loop, so the caller's thread (a server worker running a function)
    handles none of its other events meanwhile. Follows at most maxRedirects redirects (never from https to
    http), stops after timeout, and refuses a body longer than maxResponseBytes. */
FetchResponse fetchSynchronously(const FetchRequest &request);

} // namespace Runtime
