// SPDX-License-Identifier: GPL-3.0-or-later
// RequestLogEntry: what the server reports about each request it answered, for request logs.
#pragma once

#include "scripting/consoleline.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

#include <functional>

namespace Runtime {

/** One answered request, as the server reports it to ServerConfig::requestObserver: enough to list it in
    a request log and to send it again from the designer's request console. */
struct RequestLogEntry
{
    QDateTime time; ///< when the request's first byte arrived, UTC
    QByteArray method;
    QString target; ///< path and query as sent, percent-encoded ("/rest/v1/orders?select=*")
    QList<QPair<QByteArray, QByteArray>> requestHeaders; ///< as sent
    QByteArray requestBody; ///< at most s_loggedBodyBytes; longer bodies are cut there (requestBodyTruncated)
    bool requestBodyTruncated = false;
    int status = 0;
    qint64 responseBytes = 0; ///< the response body's size
    double durationMs = 0; ///< from the first byte of the request to the response handed to the socket
    QString role; ///< the caller's role: "anon", "authenticated", "service_role" or a custom role; empty when no key was accepted
    QString userId; ///< the signed-in user's id, empty for anon and the service role
    QString userEmail; ///< the signed-in user's email when the token carries one
    QList<ConsoleLine> console; ///< what a function printed while answering
};

/** Bodies longer than this are logged cut short. */
inline constexpr qsizetype s_loggedBodyBytes = 64 * 1024;

/** Called once for every answered request, on the request thread that answered it (several at once):
    must be thread-safe and quick (post the entry to another thread; do no I/O). */
using RequestObserver = std::function<void(const RequestLogEntry &)>;

} // namespace Runtime

// Lets entries travel through queued connections (request threads → GUI thread). Declared here, next to
// the type, so it precedes every use, whichever header a translation unit includes first.
Q_DECLARE_METATYPE(Runtime::RequestLogEntry)
