// SPDX-License-Identifier: GPL-3.0-or-later
// The routes that call the project's functions: /functions/v1/<name>, /rest/v1/rpc/<name> and /api/ endpoints.
#pragma once

#include "core/result.h"
#include "httpresponse.h"
#include "model/ids.h"
#include "requestcontext.h"

namespace Runtime {

/** `/functions/v1/:name`, as Supabase Edge Functions answer supabase-js's functions.invoke(): the request's
    JSON, text or binary body becomes req.body; the function's response is sent as it returned it. */
Result<HttpResponse> handleInvokeFunction(const RequestContext &context);

/** `/rest/v1/rpc/:name`, as PostgREST answers postgrest-js's rpc(): POST with the named arguments as a JSON
    object (GET, for read-only functions, with them in the query), given to the function as req.body. A
    returned array of rows can be filtered, ordered, paged and selected with the data API's query syntax;
    `Accept: application/vnd.pgrst.object+json` asks for one object. Errors in PostgREST's shape. */
Result<HttpResponse> handleRpc(const RequestContext &context);

/** `POST /basalt/v1/run/:name`, the designer's Run button: the service key only (X-Basalt-Explain may make it
    run as a user). The body is the request to give the function, `{method, path, query, headers, body}`
    (all optional); whoever may call the function otherwise, it runs. Answers 200 with
    `{status, headers, body, bodyEncoding, console: [{level, text}], durationMs, statements}`: what the
    function answered (a binary body in base64), what it printed, how long it took and the SQL it ran. */
Result<HttpResponse> handleRunFunction(const RequestContext &context);

/** A custom endpoint under /api/ (Project::endpoints, the one with \a endpointId): checks who may call it
    and its declared parameters (400 naming a missing or mistyped one) before its function runs. */
Result<HttpResponse> handleEndpoint(const RequestContext &context, const ObjectId &endpointId);

} // namespace Runtime
