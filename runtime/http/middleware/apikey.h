// SPDX-License-Identifier: GPL-3.0-or-later
// API keys and access tokens: resolves who makes a request from its apikey and Authorization headers.
#pragma once

#include "auth/caller.h"
#include "core/result.h"
#include "http/requestcontext.h"

#include <optional>

namespace Runtime::ApiKey {


/** Returns who makes \a request, as supabase-js sends it: the `apikey` header (or `apikey` query
    parameter) must be one of the project's keys (a JWT signed with config.jwtSecret whose role is anon or
    service_role), else MissingApiKey or InvalidApiKey. `Authorization: Bearer <token>`, when present and
    not the key itself, decides the caller: a key (anon or service_role) or a user's access token (aud
    "authenticated", a sub); any other token is InvalidToken saying why (bad signature, expired, wrong
    algorithm, ...). Without it, the apikey's role decides. A role the project no longer has is treated as
    plain "authenticated". */
Result<Caller> resolveCaller(const HttpRequest &request, const ServerConfig &config);

/** Returns the user id of `X-Basalt-Explain: as-user=<id>` ("anon" for an anonymous caller), or nothing
    when the header is absent. */
std::optional<QString> explainTarget(const HttpRequest &request);

/** Returns the Caller that token claims \a claims describe (see Caller for the layout); \a project
    decides which custom roles exist. */
Caller callerFromClaims(const QJsonObject &claims, const Project &project);

} // namespace Runtime::ApiKey
