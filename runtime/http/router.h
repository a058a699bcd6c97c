// SPDX-License-Identifier: GPL-3.0-or-later
// Router: maps method + path to a handler; registerRoutes() wires every route of the server.
#pragma once

#include "core/result.h"
#include "httpresponse.h"
#include "requestcontext.h"

#include <QByteArrayList>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace Runtime {

/** How a route is served, declared with it in the route table (registerRoutes()): the router, the
    transport and the connection read it instead of testing path prefixes. */
struct RoutePolicy
{
    enum class Errors {
        PostgRest, ///< `{code, message, details, hint}` as PostgREST
        GoTrue ///< `{code, error_code, msg}` as GoTrue (supabase-js's auth client reads these)
    };
    bool keyRequired = true; ///< the caller is resolved from its apikey / bearer token; refused without one
    Errors errors = Errors::PostgRest;
    /** Its writes (POST, PATCH, DELETE) run on the single writer thread where the engine has one (SQLite).
        Off for the auth API: Argon2id hashing takes 50-100 ms and would stall every queued write; its few
        statements use the request thread's connection (SQLite's busy timeout covers lock waits). */
    bool writesOnWriter = true;
    qint64 maxBodyBytes = 0; ///< 0: the project's settings.maxRequestBodyBytes
};

/** Finds the handler for a request and runs it. Patterns are paths whose segments may be `:name`
    placeholders, matching one non-empty segment (`/rest/v1/:table`). A path that matches a pattern
    under another method is answered 405 with an Allow header, any other path 404; HEAD is answered
    by the GET route, OPTIONS by the CORS middleware. Filled once by registerRoutes() and read-only
    afterwards, so one Router may be shared by every request thread. One per project: a live update
    publishes a new one with the project (ProjectUpdates), so endpoints appear and disappear. */
class Router
{
public:
    /** A handler gets the request's context and returns a response or an Error, which the router
        turns into the JSON error response (see toApiError()). */
    using Handler = std::function<Result<HttpResponse>(const RequestContext &)>;

    /** Adds the route \a method \a pattern (e.g. "GET", "/health") served as \a policy says; routes are tried
        in order. */
    void addRoute(const QByteArray &method, const QString &pattern, RoutePolicy policy, Handler handler);

    /** Returns the policy of the route that answers \a method on \a path (HEAD as GET), or nullptr when none
        does (404, 405, an OPTIONS preflight). */
    const RoutePolicy *policyFor(const QByteArray &method, const QString &path) const;

    /** Returns the response to \a request, served with \a config and \a recordStore (the calling thread's
        store, see RequestContext). Never fails: errors become error responses. Answers CORS preflights
        (`OPTIONS`) for every path and adds the CORS headers to every response (see Cors). When \a config
        has a request observer, the response carries the resolved caller (HttpResponse::callerRole...). */
    HttpResponse dispatch(const HttpRequest &request, const ServerConfig &config, RecordStore *recordStore = nullptr,
        FunctionRunner *functionRunner = nullptr) const;

    /** Returns the methods accepted on \a path (percent-encoded), HEAD included wherever GET is. */
    QByteArrayList allowedMethods(const QString &path) const;

private:
    struct Route
    {
        QByteArray method;
        QStringList segments;
        RoutePolicy policy;
        Handler handler;
    };
    const Route *find(const QByteArray &method, const QStringList &segments) const;

    HttpResponse route(const HttpRequest &request, const ServerConfig &config, RecordStore *recordStore,
        FunctionRunner *functionRunner) const;
    static std::optional<QHash<QString, QString>> match(const Route &route, const QStringList &segments);
    /** Returns the caller of \a request (see ApiKey::resolveCaller()), or the user named by its
        X-Basalt-Explain header when the service key asks to run as them. */
    static Result<Caller> resolveCaller(
        const HttpRequest &request, const ServerConfig &config, RecordStore *recordStore);

    std::vector<Route> m_routes;
};

/** Wires every route the server answers for \a project, its endpoints under /api/ included: the one place
    where all of them are listed. */
void registerRoutes(Router &router, const Project &project);

/** Returns a router with the routes of \a project (registerRoutes()). */
std::shared_ptr<const Router> makeRouter(const Project &project);

} // namespace Runtime
