// SPDX-License-Identifier: GPL-3.0-or-later
// HttpRequest and RequestContext: what a route handler is given.
#pragma once

#include "auth/caller.h"
#include "serverconfig.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace Runtime {

class FunctionRunner;
class RecordStore;

/** A parsed request as plain data, independent of the HTTP library that received it. */
struct HttpRequest
{
    QByteArray method; ///< upper case: "GET", "POST", ...
    QString path; ///< percent-encoded, as sent: "/rest/v1/orders"
    QUrlQuery query;
    QByteArray rawQuery; ///< the query string as sent, still percent-encoded, without '?'
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString remoteAddress; ///< the client's IP address, for sign-in rate limits

    /** Returns the value of the header \a name (case-insensitive), or an empty array. */
    QByteArray header(const QByteArray &name) const;
};

/** Everything a handler may use: the request, the decoded values of its route's `:name` segments, the
    server's configuration and the RecordStore of the thread running the handler (nullptr where no
    database is open). Lives for the duration of one handler call. */
struct RequestContext
{
    const HttpRequest &request;
    const ServerConfig &config;
    QHash<QString, QString> pathParameters;
    RecordStore *recordStore = nullptr;
    /** Who makes the request, resolved from apikey/Authorization by the router before the handler runs
        (see resolveCaller()); anon on routes that need no key (/health). */
    Caller caller = Caller::anon();
    /** The thread's function runner (its own QJSEngine), or nullptr where functions cannot run. */
    FunctionRunner *functionRunner = nullptr;

    const Project &project() const { return *config.project; }
    /** Returns the decoded value of the path segment `:name`, or an empty string. */
    QString pathParameter(const QString &name) const { return pathParameters.value(name); }
};

} // namespace Runtime
