// SPDX-License-Identifier: GPL-3.0-or-later
// The realtime routes over HTTP: the WebSocket endpoint's refusals and the REST broadcast API.
#pragma once

#include "core/result.h"
#include "httpresponse.h"
#include "requestcontext.h"

namespace Runtime {

/** GET /realtime/v1/websocket when it did not upgrade (the transport upgrades a valid WebSocket request
    before routing): 401 `{error}` for a missing or invalid key or token, else 400 saying to connect with a
    WebSocket client. */
Result<HttpResponse> handleRealtimeWebSocket(const RequestContext &context);

/** POST /realtime/v1/api/broadcast `{messages: [{topic, event, payload, private}]}`: what realtime-js sends
    before a channel is joined. Each message goes to the channels on `realtime:<topic>` (its private ones
    for `private: true`, when the channel rules let the caller broadcast there; otherwise 403 and no message
    is sent); answers 202. */
Result<HttpResponse> handleRealtimeBroadcast(const RequestContext &context);

/** POST /realtime/v1/api/broadcast/:topic/events/:event (realtime-js httpSend()): the body (JSON, else
    bytes) is the payload, for the private channels with `?private=true` (checked as above); answers 202. */
Result<HttpResponse> handleRealtimeBroadcastEvent(const RequestContext &context);

} // namespace Runtime
