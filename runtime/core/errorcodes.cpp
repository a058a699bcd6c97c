// SPDX-License-Identifier: GPL-3.0-or-later
// The catalogue of error codes and their default messages.
#include "errorcodes.h"

#include <QtGlobal>

namespace Runtime {

namespace {
struct Entry
{
    ErrorCode code;
    const char *name;
    const char *message;
};

constexpr Entry s_entries[] = {
    {ErrorCode::Internal, "internal", QT_TRANSLATE_NOOP("ErrorCode", "Internal error")},
    {ErrorCode::InvalidArgument, "invalid-argument", QT_TRANSLATE_NOOP("ErrorCode", "Invalid argument")},
    {ErrorCode::FileNotFound, "file-not-found", QT_TRANSLATE_NOOP("ErrorCode", "File not found")},
    {ErrorCode::FileReadFailed, "file-read-failed", QT_TRANSLATE_NOOP("ErrorCode", "The file could not be read")},
    {ErrorCode::FileWriteFailed, "file-write-failed", QT_TRANSLATE_NOOP("ErrorCode", "The file could not be written")},
    {ErrorCode::InvalidJson, "invalid-json", QT_TRANSLATE_NOOP("ErrorCode", "The file is not valid JSON")},
    {ErrorCode::InvalidProject, "invalid-project", QT_TRANSLATE_NOOP("ErrorCode", "The project is not valid")},
    {ErrorCode::UnsupportedFormatVersion, "unsupported-format-version",
     QT_TRANSLATE_NOOP("ErrorCode", "The project was saved by a newer version of Basalt")},
    {ErrorCode::DatabaseOpenFailed, "database-open-failed", QT_TRANSLATE_NOOP("ErrorCode", "The database could not be opened")},
    {ErrorCode::DatabaseQueryFailed, "database-query-failed", QT_TRANSLATE_NOOP("ErrorCode", "A database query failed")},
    {ErrorCode::DatabaseDrift, "database-drift",
     QT_TRANSLATE_NOOP("ErrorCode", "The database no longer matches the schema Basalt last applied")},
    {ErrorCode::MigrationRefused, "migration-refused", QT_TRANSLATE_NOOP("ErrorCode", "The schema change cannot be applied")},
    {ErrorCode::DestructiveChangesNotConfirmed, "destructive-changes-not-confirmed",
     QT_TRANSLATE_NOOP("ErrorCode", "The schema change would lose data and was not confirmed")},
    {ErrorCode::MigrationFailed, "migration-failed",
     QT_TRANSLATE_NOOP("ErrorCode", "The migration failed and was rolled back")},
    {ErrorCode::ServerListenFailed, "server-listen-failed", QT_TRANSLATE_NOOP("ErrorCode", "The server could not listen")},
    {ErrorCode::NotFound, "not-found", QT_TRANSLATE_NOOP("ErrorCode", "Not found")},
    {ErrorCode::MethodNotAllowed, "method-not-allowed", QT_TRANSLATE_NOOP("ErrorCode", "Method not allowed")},
    {ErrorCode::BadQuery, "bad-query", QT_TRANSLATE_NOOP("ErrorCode", "The request's query string could not be parsed")},
    {ErrorCode::InvalidBody, "invalid-body", QT_TRANSLATE_NOOP("ErrorCode", "The request body is not valid")},
    {ErrorCode::InvalidRange, "invalid-range", QT_TRANSLATE_NOOP("ErrorCode", "The requested range is not satisfiable")},
    {ErrorCode::UnknownTable, "unknown-table", QT_TRANSLATE_NOOP("ErrorCode", "No such table")},
    {ErrorCode::UnknownColumn, "unknown-column", QT_TRANSLATE_NOOP("ErrorCode", "No such column")},
    {ErrorCode::UnknownBodyColumn, "unknown-body-column", QT_TRANSLATE_NOOP("ErrorCode", "The body names a column the table does not have")},
    {ErrorCode::UnknownRelationship, "unknown-relationship", QT_TRANSLATE_NOOP("ErrorCode", "No relationship between these tables")},
    {ErrorCode::AmbiguousRelationship, "ambiguous-relationship", QT_TRANSLATE_NOOP("ErrorCode", "More than one relationship between these tables")},
    {ErrorCode::NotSingleObject, "not-single-object", QT_TRANSLATE_NOOP("ErrorCode", "The result is not exactly one row")},
    {ErrorCode::InvalidValue, "invalid-value", QT_TRANSLATE_NOOP("ErrorCode", "A value does not fit its column's type")},
    {ErrorCode::NotNullViolation, "not-null-violation", QT_TRANSLATE_NOOP("ErrorCode", "A required field has no value")},
    {ErrorCode::CheckViolation, "check-violation", QT_TRANSLATE_NOOP("ErrorCode", "A value fails its field's validation")},
    {ErrorCode::UniqueViolation, "unique-violation", QT_TRANSLATE_NOOP("ErrorCode", "A value that must be unique already exists")},
    {ErrorCode::ForeignKeyViolation, "foreign-key-violation", QT_TRANSLATE_NOOP("ErrorCode", "A reference points at a row that does not exist, or a row is still referenced")},
    {ErrorCode::AutoManagedField, "auto-managed-field", QT_TRANSLATE_NOOP("ErrorCode", "This field is set automatically and cannot be written")},
    {ErrorCode::UnfilteredWrite, "unfiltered-write", QT_TRANSLATE_NOOP("ErrorCode", "An update or delete without a filter is refused")},
    {ErrorCode::TooManyAffected, "too-many-affected", QT_TRANSLATE_NOOP("ErrorCode", "The write would affect more rows than Prefer: max-affected allows")},
    {ErrorCode::PayloadTooLarge, "payload-too-large", QT_TRANSLATE_NOOP("ErrorCode", "The request body is too large")},
    {ErrorCode::HeadersTooLarge, "headers-too-large", QT_TRANSLATE_NOOP("ErrorCode", "The request headers are too large")},
    {ErrorCode::RequestTimeout, "request-timeout", QT_TRANSLATE_NOOP("ErrorCode", "The request took too long")},
    {ErrorCode::MalformedRequest, "malformed-request", QT_TRANSLATE_NOOP("ErrorCode", "The request is not valid HTTP/1.1")},
    {ErrorCode::ServiceUnavailable, "service-unavailable", QT_TRANSLATE_NOOP("ErrorCode", "The service is unavailable")},
    {ErrorCode::DatabaseBusy, "database-busy", QT_TRANSLATE_NOOP("ErrorCode", "The database is busy with another write")},
    {ErrorCode::DiskFull, "disk-full", QT_TRANSLATE_NOOP("ErrorCode", "The database's disk is full")},
    {ErrorCode::EmbedNotSelected, "embed-not-selected", QT_TRANSLATE_NOOP("ErrorCode", "The request filters or orders an embedded resource it does not select")},
    {ErrorCode::SpreadNotPossible, "spread-not-possible", QT_TRANSLATE_NOOP("ErrorCode", "Only a to-one embedded resource can be spread")},
    {ErrorCode::InvalidAggregate, "invalid-aggregate", QT_TRANSLATE_NOOP("ErrorCode", "The aggregate cannot be computed as asked")},
    {ErrorCode::NotAcceptable, "not-acceptable", QT_TRANSLATE_NOOP("ErrorCode", "None of the accepted media types can be produced")},
    {ErrorCode::InvalidConflictTarget, "invalid-conflict-target", QT_TRANSLATE_NOOP("ErrorCode", "on_conflict must name a unique key")},
    {ErrorCode::InvalidToken, "invalid-token", QT_TRANSLATE_NOOP("ErrorCode", "The token is not valid")},
    {ErrorCode::PermissionDenied, "permission-denied", QT_TRANSLATE_NOOP("ErrorCode", "Permission denied")},
    {ErrorCode::NotAuthenticated, "not-authenticated", QT_TRANSLATE_NOOP("ErrorCode", "Sign in to do this")},
    {ErrorCode::ReadOnlyField, "read-only-field", QT_TRANSLATE_NOOP("ErrorCode", "The field is read-only")},
    {ErrorCode::InvalidRule, "invalid-rule", QT_TRANSLATE_NOOP("ErrorCode", "The permission rule is not valid")},
    {ErrorCode::MissingApiKey, "missing-api-key", QT_TRANSLATE_NOOP("ErrorCode", "No API key found in request")},
    {ErrorCode::InvalidApiKey, "invalid-api-key", QT_TRANSLATE_NOOP("ErrorCode", "Invalid API key")},
    {ErrorCode::InvalidCredentials, "invalid-credentials", QT_TRANSLATE_NOOP("ErrorCode", "Invalid login credentials")},
    {ErrorCode::WeakPassword, "weak-password", QT_TRANSLATE_NOOP("ErrorCode", "The password is too weak")},
    {ErrorCode::InvalidEmail, "invalid-email", QT_TRANSLATE_NOOP("ErrorCode", "The email address is not valid")},
    {ErrorCode::UserAlreadyExists, "user-already-exists", QT_TRANSLATE_NOOP("ErrorCode", "User already registered")},
    {ErrorCode::UserNotFound, "user-not-found", QT_TRANSLATE_NOOP("ErrorCode", "User not found")},
    {ErrorCode::RateLimited, "rate-limited", QT_TRANSLATE_NOOP("ErrorCode", "Too many requests; try again later")},
    {ErrorCode::InvalidRefreshToken, "invalid-refresh-token", QT_TRANSLATE_NOOP("ErrorCode", "Invalid Refresh Token: Refresh Token Not Found")},
    {ErrorCode::RefreshTokenReused, "refresh-token-reused", QT_TRANSLATE_NOOP("ErrorCode", "Invalid Refresh Token: Already Used")},
    {ErrorCode::SessionEnded, "session-ended", QT_TRANSLATE_NOOP("ErrorCode", "The session has ended: sign in again")},
    {ErrorCode::ReauthenticationNeeded, "reauthentication-needed",
     QT_TRANSLATE_NOOP("ErrorCode", "Changing the password or email needs the current password")},
    {ErrorCode::CurrentPasswordMismatch, "current-password-mismatch",
     QT_TRANSLATE_NOOP("ErrorCode", "The current password is wrong")},
    {ErrorCode::TriggerRefused, "trigger-refused", QT_TRANSLATE_NOOP("ErrorCode", "A trigger refused the write")},
    {ErrorCode::TriggerFailed, "trigger-failed",
     QT_TRANSLATE_NOOP("ErrorCode", "A trigger's function failed; nothing was written")},
};

const Entry &entry(ErrorCode code)
{
    for (const Entry &e : s_entries) {
        if (e.code == code)
            return e;
    }
    return s_entries[0];
}
} // namespace

QString errorCodeName(ErrorCode code)
{
    return QString::fromLatin1(entry(code).name);
}

const char *errorCodeMessage(ErrorCode code)
{
    return entry(code).message;
}

} // namespace Runtime
