// SPDX-License-Identifier: GPL-3.0-or-later
// Router: maps method + path to a handler; registerRoutes() wires every route of the server.
#include "router.h"

#include "apierror.h"
#include "auth/authservice.h"
#include "auth/sessionrevocations.h"
#include "authhandler.h"
#include "functionshandler.h"
#include "healthhandler.h"
#include "middleware/apikey.h"
#include "middleware/cors.h"
#include "realtimehandler.h"
#include "recordshandler.h"
#include "storage/recordstore.h"

#include <QUrl>

namespace Runtime {

namespace {
const QByteArray s_get = QByteArrayLiteral("GET");
const QByteArray s_head = QByteArrayLiteral("HEAD");

QStringList splitPath(const QString &path)
{
    return path.split(QLatin1Char('/'));
}
} // namespace

void registerRoutes(Router &router, const Project &project)
{
    RoutePolicy open;
    open.keyRequired = false;
    router.addRoute(s_get, QStringLiteral("/health"), open, &handleHealth);

    // The data API, in PostgREST's dialect (supabase-js talks to it unchanged).
    const RoutePolicy data;
    router.addRoute(s_get, QStringLiteral("/rest/v1/"), data, &handleApiDocument);
    const QString table = QStringLiteral("/rest/v1/:table");
    router.addRoute(s_get, table, data, &handleReadRecords);
    router.addRoute(QByteArrayLiteral("POST"), table, data, &handleInsertRecords);
    router.addRoute(QByteArrayLiteral("PATCH"), table, data, &handleUpdateRecords);
    router.addRoute(QByteArrayLiteral("DELETE"), table, data, &handleDeleteRecords);

    // The auth API, a GoTrue subset (supabase-js's auth client talks to it).
    RoutePolicy auth;
    auth.errors = RoutePolicy::Errors::GoTrue;
    auth.writesOnWriter = false;
    const QByteArray post = QByteArrayLiteral("POST");
    router.addRoute(post, QStringLiteral("/auth/v1/signup"), auth, &handleSignUp);
    router.addRoute(post, QStringLiteral("/auth/v1/token"), auth, &handleToken);
    router.addRoute(s_get, QStringLiteral("/auth/v1/user"), auth, &handleGetUser);
    router.addRoute(QByteArrayLiteral("PUT"), QStringLiteral("/auth/v1/user"), auth, &handleUpdateUser);
    router.addRoute(post, QStringLiteral("/auth/v1/logout"), auth, &handleLogout);

    // Functions: as Supabase Edge Functions, as PostgREST's rpc, and the project's endpoints. They run on the
    // request thread, never on the writer: a function may take seconds, and its db writes are short.
    RoutePolicy functions;
    functions.writesOnWriter = false;
    const QString invoke = QStringLiteral("/functions/v1/:name");
    for (const char *method : {"GET", "POST", "PUT", "PATCH", "DELETE"})
        router.addRoute(QByteArray(method), invoke, functions, &handleInvokeFunction);
    const QString rpc = QStringLiteral("/rest/v1/rpc/:name");
    router.addRoute(s_get, rpc, functions, &handleRpc);
    router.addRoute(post, rpc, functions, &handleRpc);
    router.addRoute(post, QStringLiteral("/basalt/v1/run/:name"), functions, &handleRunFunction);
    // Realtime (Supabase Realtime's protocol): the WebSocket upgrades in the transport before routing, so
    // its route answers only what does not upgrade (401 for a bad key, 400 for a plain GET); its key is
    // read from the URL, as realtime-js sends it. The REST broadcast API writes no rows.
    RoutePolicy realtimeSocket;
    realtimeSocket.keyRequired = false;
    router.addRoute(s_get, QStringLiteral("/realtime/v1/websocket"), realtimeSocket, &handleRealtimeWebSocket);
    RoutePolicy realtime;
    realtime.writesOnWriter = false;
    router.addRoute(post, QStringLiteral("/realtime/v1/api/broadcast"), realtime, &handleRealtimeBroadcast);
    router.addRoute(post, QStringLiteral("/realtime/v1/api/broadcast/:topic/events/:event"), realtime,
        &handleRealtimeBroadcastEvent);

    for (const Endpoint &endpoint : project.endpoints) {
        const ObjectId id = endpoint.id;
        router.addRoute(endpoint.method.toLatin1(), QStringLiteral("/api/") + endpoint.path, functions,
            [id](const RequestContext &context) { return handleEndpoint(context, id); });
    }
}

std::shared_ptr<const Router> makeRouter(const Project &project)
{
    auto router = std::make_shared<Router>();
    registerRoutes(*router, project);
    return router;
}

Result<Caller> Router::resolveCaller(
    const HttpRequest &request, const ServerConfig &config, RecordStore *recordStore)
{
    Result<Caller> caller = ApiKey::resolveCaller(request, config);
    if (!caller)
        return caller;
    // A verified token whose session has ended (signed out, password changed) is refused on every route.
    if (caller->kind == Caller::Kind::Authenticated && config.sessionRevocations && recordStore) {
        const Result<bool> ended = config.sessionRevocations->isRevoked(caller->sessionId, recordStore->database());
        if (!ended)
            return ended.error();
        if (*ended)
            return Error(ErrorCode::SessionEnded,
                QStringLiteral("The session of this access token has ended (signed out, or its password was "
                               "changed); sign in again."));
    }
    const std::optional<QString> target = ApiKey::explainTarget(request);
    if (!target)
        return caller;
    if (!caller->isService())
        return Error(ErrorCode::PermissionDenied,
            QStringLiteral("X-Basalt-Explain runs a request as another user, so it needs the service key"));
    if (target->isEmpty())
        return Error(ErrorCode::BadQuery,
            QStringLiteral("X-Basalt-Explain must be \"as-user=<user id>\" or \"as-user=anon\""));
    if (*target == QLatin1String("anon")) {
        Caller anon = Caller::anon();
        anon.explain = true;
        return anon;
    }
    if (!recordStore)
        return Error(ErrorCode::ServiceUnavailable, QStringLiteral("No database is open on this thread."));
    return AuthService(config.project, *recordStore, config.jwtSecret, config.signInLimiter.get(),
        config.sessionRevocations.get())
        .callerForUser(*target);
}

void Router::addRoute(const QByteArray &method, const QString &pattern, RoutePolicy policy, Handler handler)
{
    m_routes.push_back({method, splitPath(pattern), policy, std::move(handler)});
}

const Router::Route *Router::find(const QByteArray &method, const QStringList &segments) const
{
    const QByteArray &asked = method == s_head ? s_get : method;
    for (const Route &route : m_routes) {
        if (route.method == asked && match(route, segments))
            return &route;
    }
    return nullptr;
}

const RoutePolicy *Router::policyFor(const QByteArray &method, const QString &path) const
{
    const Route *route = find(method, splitPath(path));
    return route ? &route->policy : nullptr;
}

std::optional<QHash<QString, QString>> Router::match(const Route &route, const QStringList &segments)
{
    if (route.segments.size() != segments.size())
        return std::nullopt;
    QHash<QString, QString> parameters;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &expected = route.segments.at(i);
        if (expected.startsWith(QLatin1Char(':'))) {
            if (segments.at(i).isEmpty())
                return std::nullopt;
            parameters.insert(expected.mid(1), QUrl::fromPercentEncoding(segments.at(i).toUtf8()));
        } else if (expected != segments.at(i)) {
            return std::nullopt;
        }
    }
    return parameters;
}

QByteArrayList Router::allowedMethods(const QString &path) const
{
    const QStringList segments = splitPath(path);
    QByteArrayList methods;
    for (const Route &route : m_routes) {
        if (methods.contains(route.method) || !match(route, segments))
            continue;
        methods.append(route.method);
        if (route.method == s_get && !methods.contains(s_head))
            methods.append(s_head);
    }
    return methods;
}

HttpResponse Router::dispatch(const HttpRequest &request, const ServerConfig &config, RecordStore *recordStore,
    FunctionRunner *functionRunner) const
{
    const Settings &settings = config.project->settings;
    if (request.method == "OPTIONS")
        return Cors::preflight(request, allowedMethods(request.path), settings);
    HttpResponse response = route(request, config, recordStore, functionRunner);
    Cors::addHeaders(response, request, settings);
    return response;
}

HttpResponse Router::route(const HttpRequest &request, const ServerConfig &config, RecordStore *recordStore,
    FunctionRunner *functionRunner) const
{
    const QStringList segments = splitPath(request.path);
    const QByteArray method = request.method == s_head ? s_get : request.method;
    for (const Route &route : m_routes) {
        if (route.method != method)
            continue;
        std::optional<QHash<QString, QString>> parameters = match(route, segments);
        if (!parameters)
            continue;
        const bool goTrue = route.policy.errors == RoutePolicy::Errors::GoTrue;
        const auto failed = [goTrue](const Error &error) {
            return goTrue ? authErrorResponse(error) : errorResponse(error);
        };
        Caller caller = Caller::anon();
        const bool keyRequired = route.policy.keyRequired;
        if (keyRequired) {
            Result<Caller> resolved = resolveCaller(request, config, recordStore);
            if (!resolved)
                return failed(resolved.error());
            caller = std::move(resolved).value();
        }
        const RequestContext context {
            request, config, std::move(*parameters), recordStore, std::move(caller), functionRunner};
        Result<HttpResponse> result = route.handler(context);
        HttpResponse response = result ? std::move(result).value() : failed(result.error());
        if (keyRequired && config.requestObserver) { // for the request log only: copies nothing otherwise
            response.callerRole = context.caller.role;
            response.callerUserId = context.caller.userId;
            response.callerEmail = context.caller.email;
        }
        return response;
    }

    const QByteArrayList allowed = allowedMethods(request.path);
    if (allowed.isEmpty()) {
        return errorResponse(
            Error(ErrorCode::NotFound, QStringLiteral("Nothing is served at %1.").arg(request.path)));
    }
    const QString allowedText = QString::fromLatin1(allowed.join(", "));
    HttpResponse response = errorResponse(Error(ErrorCode::MethodNotAllowed,
        QStringLiteral("%1 is not allowed on %2; use %3.")
            .arg(QString::fromLatin1(request.method), request.path, allowedText)));
    response.setHeader(QByteArrayLiteral("Allow"), allowed.join(", "));
    return response;
}

} // namespace Runtime
