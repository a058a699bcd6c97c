// SPDX-License-Identifier: GPL-3.0-or-later
// HttpResponse: a response as plain data, so it can be built on any thread and written by the transport.
#pragma once

#include "scripting/consoleline.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

class QJsonDocument;

namespace Runtime {

/** Returns HTTP/1.1's reason phrase for \a status ("OK", "Partial Content"), or "Status" for a code it does not list. */
QByteArray reasonPhrase(int status);

/** A complete HTTP response: status, headers and body. A plain copyable value: handlers build it (later
    on worker threads) and the server's transport writes it to the socket. Content-Length is added by the
    transport, never stored here. */
struct HttpResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    /** The caller as the router resolved it (role, user id, email; empty where no key was checked or
        accepted). Filled only when the server has a request observer, for its RequestLogEntry; never sent. */
    QString callerRole;
    QString callerUserId;
    QString callerEmail;
    /** What a function printed while answering (for the request log; never sent). */
    QList<ConsoleLine> console;

    /** Returns a response with \a body as an `application/json` body and \a status. */
    static HttpResponse json(const QByteArray &body, int status = 200);
    static HttpResponse json(const QJsonDocument &document, int status = 200);

    /** Returns the value of the header \a name (case-insensitive), or an empty array. */
    QByteArray header(const QByteArray &name) const;
    /** Sets the header \a name to \a value, replacing any header of that name. */
    void setHeader(const QByteArray &name, const QByteArray &value);

    /** Returns the response as HTTP/1.1 bytes: status line, headers, Content-Length (with the body's
        size even when \a withBody is false, as HEAD needs; none for 204), `Connection: close` when
        \a closeConnection, then the body unless \a withBody is false. */
    QByteArray toHttp1(bool withBody, bool closeConnection) const;
};

} // namespace Runtime
