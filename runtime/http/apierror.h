// SPDX-License-Identifier: GPL-3.0-or-later
// ApiError: the one mapping from a Runtime::Error to the HTTP status and JSON error body clients see.
#pragma once

#include "core/error.h"
#include "httpresponse.h"

#include <QJsonValue>
#include <QLoggingCategory>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace Runtime {

/** An error as API clients see it, in PostgREST's shape: `{"code", "message", "details", "hint"}`.
    Built only by toApiError(), so every handler reports errors the same way. */
struct ApiError
{
    int status = 500;
    QString code; ///< PostgREST's code or the SQLSTATE it would send, e.g. "PGRST116", "23505"
    QString message; ///< English, for people
    QJsonValue details; ///< null, or a string naming each problem as "field: message", joined by "; "
    QString hint; ///< how to fix it; empty is sent as null

    /** Returns the JSON body: the four keys, always present. */
    QByteArray toJson() const;
};

/** Returns how \a error is reported over HTTP. Client errors (4xx) carry the error's message and its
    problems as details; server errors (5xx) carry only the catalogue message, because their messages
    may name files, and their detail (SQL text, paths) is logged to lcHttp instead, never sent. */
ApiError toApiError(const Error &error);

/** Returns the JSON error response for \a error (toApiError() written as a response). */
HttpResponse errorResponse(const Error &error);

/** Returns the error response of the auth API (/auth/v1) in GoTrue's shape, as supabase-js reads it:
    `{"code": <status>, "error_code": "invalid_credentials", "msg": "Invalid login credentials"}`.
    RateLimited adds `Retry-After` (the error's detail holds the seconds). 5xx errors are logged and
    sent with the catalogue message only, as in errorResponse(). */
HttpResponse authErrorResponse(const Error &error);

} // namespace Runtime
