// SPDX-License-Identifier: GPL-3.0-or-later
// Router: maps method + path to a handler; registerRoutes() wires every route of the server.
#pragma once

#include "core/result.h"
#include "httpresponse.h"
#include "requestcontext.h"

#include <QByteArrayList>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace Runtime {

/** Finds the handler for a request and runs it. Patterns are paths whose segments may be `:name`
    placeholders, matching one non-empty segment (`/rest/v1/:table`). A path that matches a pattern
    under another method is answered 405 with an Allow header, any other path 404; HEAD is answered
    by the GET route, OPTIONS by the CORS middleware. Filled once by registerRoutes() and read-only
   afterwards, so one Router may be shared by every request thread. Owned by the Server. */
class Router
{
public:
    /** A handler gets the request's context and returns a response or an Error, which the router
        turns into the JSON error response (see toApiError()). */
    using Handler = std::function<Result<HttpResponse>(const RequestContext &)>;

    /** Adds the route \a method \a pattern (e.g. "GET", "/health"); routes are tried in order. */
    void addRoute(const QByteArray &method, const QString &pattern, Handler handler);

    /** Returns the response to \a request, served with \a config and \a recordStore (the calling thread's
        store, see RequestContext). Never fails: errors become error responses. Answers CORS preflights
        (`OPTIONS`) for every path and adds the CORS headers to every response (see Cors). When \a config
        has a request observer, the response carries the resolved caller (HttpResponse::callerRole...). */
    HttpResponse dispatch(
        const HttpRequest &request, const ServerConfig &config, RecordStore *recordStore = nullptr) const;

    /** Returns the methods accepted on \a path (percent-encoded), HEAD included wherever GET is. */
    QByteArrayList allowedMethods(const QString &path) const;

private:
    struct Route
    {
        QByteArray method;
        QStringList segments;
        Handler handler;
    };

    HttpResponse route(
        const HttpRequest &request, const ServerConfig &config, RecordStore *recordStore) const;
    static std::optional<QHash<QString, QString>> match(const Route &route, const QStringList &segments);
    /** Returns the caller of \a request (see ApiKey::resolveCaller()), or the user named by its
        X-Basalt-Explain header when the service key asks to run as them. */
    static Result<Caller> resolveCaller(
        const HttpRequest &request, const ServerConfig &config, RecordStore *recordStore);

    std::vector<Route> m_routes;
};

/** Wires every route the server answers: the one place where all of them are listed. */
void registerRoutes(Router &router);

} // namespace Runtime
