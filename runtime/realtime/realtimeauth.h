// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeAuth: who a realtime socket or channel acts as, from the apikey of its URL or a join's
// access_token.
#pragma once

#include "auth/caller.h"
#include "core/result.h"

#include <QByteArray>

namespace Runtime {

struct HttpRequest;
struct ServerConfig;

/** A verified realtime token: the caller it names and when it expires (seconds since the epoch; 0: never,
    as the project's keys). */
struct RealtimeIdentity
{
    Caller caller;
    qint64 expiresAt = 0;
};

namespace RealtimeAuth {

/** Returns the caller \a token names, as Supabase Realtime reads its `apikey` and `access_token`: one of the
    project's keys (anon, service_role) or a user's access token (aud "authenticated", a sub). Fails with
    MissingApiKey for an empty token, InvalidToken saying why (expired, bad signature, ...) otherwise. */
Result<RealtimeIdentity> identify(const QByteArray &token, const ServerConfig &config);

/** Returns the token of the WebSocket request \a request: its `apikey` query parameter, else its `apikey`
    or `x-api-key` header. */
QByteArray requestToken(const HttpRequest &request);

} // namespace RealtimeAuth

} // namespace Runtime
