// SPDX-License-Identifier: GPL-3.0-or-later
// /auth/v1/*: the GoTrue-style auth API (sign-up, sign-in, refresh, user, logout) over AuthService.
#pragma once

#include "core/result.h"
#include "httpresponse.h"
#include "requestcontext.h"

namespace Runtime {

/** POST /auth/v1/signup {email, password, data}: creates the user (and its profile row in
    settings.usersTable from data) and returns the session as GoTrue does. */
Result<HttpResponse> handleSignUp(const RequestContext &context);

/** POST /auth/v1/token?grant_type=password {email, password} or ?grant_type=refresh_token {refresh_token}:
    returns a session `{access_token, token_type, expires_in, expires_at, refresh_token, user}`. */
Result<HttpResponse> handleToken(const RequestContext &context);

/** GET /auth/v1/user: the signed-in caller's user object. */
Result<HttpResponse> handleGetUser(const RequestContext &context);

/** PUT /auth/v1/user {email, password, data}: changes the signed-in caller's email, password or metadata. */
Result<HttpResponse> handleUpdateUser(const RequestContext &context);

/** POST /auth/v1/logout[?scope=global|local|others]: revokes refresh tokens; 204. */
Result<HttpResponse> handleLogout(const RequestContext &context);

} // namespace Runtime
