// SPDX-License-Identifier: GPL-3.0-or-later
// The catalogue of error codes and their default messages.
#pragma once

#include <QString>

namespace Runtime {

enum class ErrorCode {
    Internal,
    InvalidArgument,
    FileNotFound,
    FileReadFailed,
    FileWriteFailed,
    InvalidJson,
    InvalidProject,
    UnsupportedFormatVersion,
    DatabaseOpenFailed,
    DatabaseQueryFailed,
    DatabaseDrift,
    MigrationRefused,
    DestructiveChangesNotConfirmed,
    MigrationFailed,
    ServerListenFailed,
    NotFound,
    MethodNotAllowed,
    // The data API (/rest/v1). Each is sent with PostgREST's code, see runtime/http/apierror.cpp.
    BadQuery,
    InvalidBody,
    InvalidRange,
    UnknownTable,
    UnknownColumn,
    UnknownBodyColumn,
    UnknownRelationship,
    AmbiguousRelationship,
    NotSingleObject,
    InvalidValue,
    NotNullViolation,
    CheckViolation,
    UniqueViolation,
    ForeignKeyViolation,
    AutoManagedField,
    UnfilteredWrite,
    TooManyAffected, ///< Prefer: handling=strict, max-affected=N and the write touched more rows: 400
    PayloadTooLarge,
    HeadersTooLarge,
    RequestTimeout,
    MalformedRequest, ///< not valid HTTP/1.1: 400
    ServiceUnavailable,
    DatabaseBusy,
    DiskFull, ///< the database's disk (or its size limit) is full: nothing was written; 507
    EmbedNotSelected,
    SpreadNotPossible, ///< `...rel(cols)` on a to-many relationship: 400 PGRST119 (PostgREST 12)
    InvalidAggregate,  ///< an aggregate Basalt cannot compute as asked (sum of text, with embeds): 400
    InvalidConflictTarget,
    NotAcceptable,
    InvalidToken,
    // Rules and roles (issue #4). Sent as PostgREST sends a denied row-level-security check: 42501.
    PermissionDenied,   ///< a signed-in caller (or anon with a key) may not do this: 403
    NotAuthenticated,   ///< an anonymous caller may not do this; signing in might help: 401
    ReadOnlyField,      ///< a non-service caller set a read-only or hidden field: 400
    InvalidRule,        ///< a permission rule does not compile (reported by the validator)
    MissingApiKey,      ///< no apikey header or parameter: 401
    InvalidApiKey,      ///< an apikey that is not one of the project's keys: 401
    // The auth API (/auth/v1). Sent in GoTrue's shape, see authErrorResponse() in runtime/http/apierror.cpp.
    InvalidCredentials, ///< wrong password or unknown email: the same answer for both
    WeakPassword,
    InvalidEmail,
    UserAlreadyExists,
    UserNotFound,
    RateLimited,        ///< too many sign-in attempts; the error's detail holds Retry-After seconds
    InvalidRefreshToken,
    RefreshTokenReused, ///< a refresh token used twice: its session is revoked
    SessionEnded,       ///< an access token whose session was signed out or revoked: 401 (auth API: 403)
    ReauthenticationNeeded, ///< a password or email change without current_password in an old session: 400
    CurrentPasswordMismatch, ///< current_password sent but wrong: 400
    // Triggers (issue #15). Sent as PostgREST sends an exception raised in a trigger: P0001.
    TriggerRefused, ///< a before trigger threw: 400, or the status of the HttpError it threw (Error::status)
    TriggerFailed,  ///< a before trigger's function timed out or does not compile: 500
};

/** Returns the stable, untranslated name of \a code (e.g. "invalid-project"), for logs and APIs. */
QString errorCodeName(ErrorCode code);

/** Returns the default English message of \a code; translate it with QCoreApplication::translate("ErrorCode", ...). */
const char *errorCodeMessage(ErrorCode code);

} // namespace Runtime
