// SPDX-License-Identifier: GPL-3.0-or-later
// ApiError: the one mapping from a Runtime::Error to the HTTP status and JSON error body clients see.
#include "apierror.h"

#include <QJsonDocument>
#include <QJsonObject>

Q_LOGGING_CATEGORY(lcHttp, "basalt.http")

namespace Runtime {

namespace {
struct Mapping
{
    int status;
    const char *code; ///< sent as "code": PostgREST's code (PGRSTxxx) or the SQLSTATE it would send
    const char *hint; ///< English, sent to clients; nullptr for none
};

// A switch without default, so a new ErrorCode makes the compiler ask how it is sent.
Mapping mappingFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::InvalidJson:
        return {400, "PGRST100", nullptr};
    case ErrorCode::BadQuery:
        return {400, "PGRST100", nullptr};
    case ErrorCode::InvalidBody:
        return {400, "PGRST102", nullptr};
    case ErrorCode::InvalidRange:
        return {416, "PGRST103", "Ranges are written first-last, counted from 0, e.g. Range: 0-19."};
    case ErrorCode::NotFound:
        return {404, "PGRST125", nullptr};
    case ErrorCode::MethodNotAllowed:
        return {405, "PGRST117", "See the Allow header for the methods this path accepts."};
    case ErrorCode::UnknownTable:
        return {404, "PGRST205", nullptr};
    case ErrorCode::UnknownColumn:
        return {400, "42703", nullptr};
    case ErrorCode::UnknownBodyColumn:
        return {400, "PGRST204", nullptr};
    case ErrorCode::UnknownRelationship:
        return {400, "PGRST200", nullptr};
    case ErrorCode::AmbiguousRelationship:
        return {300, "PGRST201", "Name the relationship or foreign key with '!', e.g. author:users!author_id(name)."};
    case ErrorCode::EmbedNotSelected:
        return {400, "PGRST108", "Add the embedded resource to select=, e.g. select=*,reviews(*)."};
    case ErrorCode::SpreadNotPossible:
        return {400, "PGRST119", "Embed it without \"...\" to get its rows as an array."};
    case ErrorCode::InvalidAggregate:
        return {400, "PGRST100", nullptr};
    case ErrorCode::InvalidConflictTarget:
        return {400, "42P10", "on_conflict must name the primary key, a unique field or the fields of a unique index."};
    case ErrorCode::NotAcceptable:
        return {406, "PGRST107", "Accept application/json, application/vnd.pgrst.object+json or text/csv."};
    case ErrorCode::TooManyAffected:
        return {400, "PGRST124", "Narrow the filters, or raise max-affected in the Prefer header."};
    case ErrorCode::NotSingleObject:
        return {406, "PGRST116", nullptr};
    case ErrorCode::InvalidValue:
        return {400, "22P02", nullptr};
    case ErrorCode::NotNullViolation:
        return {400, "23502", nullptr};
    case ErrorCode::CheckViolation:
        return {400, "23514", nullptr};
    case ErrorCode::UniqueViolation:
        return {409, "23505", nullptr};
    case ErrorCode::ForeignKeyViolation:
        return {409, "23503", nullptr};
    case ErrorCode::AutoManagedField:
        return {400, "428C9", nullptr};
    case ErrorCode::UnfilteredWrite:
        return {400, "21000", "Add a filter (e.g. ?id=eq.1), or send the request with the service key."};
    case ErrorCode::PayloadTooLarge:
        return {413, "PGRST413", nullptr};
    case ErrorCode::HeadersTooLarge:
        return {431, "PGRST431", nullptr};
    case ErrorCode::RequestTimeout:
        return {408, "PGRST408", nullptr};
    case ErrorCode::MalformedRequest:
        return {400, "PGRST400", "Send an HTTP/1.1 request: a request line, headers, a blank line, then the body."};
    case ErrorCode::ServiceUnavailable:
        return {503, "PGRST503", nullptr};
    case ErrorCode::DatabaseBusy:
        return {503, "PGRST503", "Another connection (a CSV import, a migration) held the database's write lock too long; "
                                 "try again in a moment."};
    case ErrorCode::DatabaseOpenFailed:
        return {503, "PGRST000", "The database is unavailable; try again later."};
    case ErrorCode::DiskFull:
        return {507, "53100", "Nothing was written. Free disk space where the database lives; reads still work."};
    case ErrorCode::InvalidToken:
    case ErrorCode::InvalidApiKey:
        return {401, "PGRST301", nullptr};
    case ErrorCode::SessionEnded:
        return {401, "PGRST301", "Sign in again: the session of this access token was signed out or revoked."};
    case ErrorCode::MissingApiKey:
        return {401, "PGRST302", "Send the project's anon key in the apikey header (basalt-server keys prints it)."};
    case ErrorCode::NotAuthenticated:
        return {401, "42501", "Sign in and send the access token as Authorization: Bearer <token>."};
    case ErrorCode::PermissionDenied:
        return {403, "42501", "A permission rule of the project refused this; X-Basalt-Explain shows which."};
    case ErrorCode::ReadOnlyField:
        return {400, "42501", "Leave the field out of the body; only the service role may set it."};
    case ErrorCode::InvalidCredentials:
    case ErrorCode::InvalidEmail:
    case ErrorCode::InvalidRefreshToken:
    case ErrorCode::RefreshTokenReused:
    case ErrorCode::CurrentPasswordMismatch:
    case ErrorCode::ReauthenticationNeeded:
        return {400, "PGRST100", nullptr};
    case ErrorCode::WeakPassword:
    case ErrorCode::UserAlreadyExists:
        return {422, "PGRST100", nullptr};
    case ErrorCode::UserNotFound:
        return {404, "PGRST125", nullptr};
    case ErrorCode::RateLimited:
        return {429, "PGRST429", nullptr};
    case ErrorCode::TriggerRefused:
        return {400, "P0001", nullptr};
    case ErrorCode::TriggerFailed:
        return {500, "P0001", nullptr};
    case ErrorCode::Internal:
    case ErrorCode::FileNotFound:
    case ErrorCode::FileReadFailed:
    case ErrorCode::FileWriteFailed:
    case ErrorCode::InvalidProject:
    case ErrorCode::UnsupportedFormatVersion:
    case ErrorCode::DatabaseQueryFailed:
    case ErrorCode::DatabaseDrift:
    case ErrorCode::MigrationRefused:
    case ErrorCode::DestructiveChangesNotConfirmed:
    case ErrorCode::MigrationFailed:
    case ErrorCode::ServerListenFailed:
    case ErrorCode::InvalidRule:
        return {500, "XX000", nullptr};
    }
    return {500, "XX000", nullptr};
}

// PostgREST's clients expect details to be a string (or null): "price: must be at least 0; name: ...".
QJsonValue detailsOf(const QList<Problem> &problems)
{
    if (problems.isEmpty())
        return QJsonValue::Null;
    QStringList parts;
    for (const Problem &problem : problems)
        parts << problem.toString();
    return parts.join(QStringLiteral("; "));
}
} // namespace

QByteArray ApiError::toJson() const
{
    const QJsonObject object {
        {QStringLiteral("code"), code},
        {QStringLiteral("message"), message},
        {QStringLiteral("details"), details},
        {QStringLiteral("hint"), hint.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(hint)},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

ApiError toApiError(const Error &error)
{
    const Mapping mapping = mappingFor(error.code);
    ApiError api;
    api.status = error.status > 0 ? error.status : mapping.status;
    api.code = QString::fromLatin1(mapping.code);
    api.hint = mapping.hint ? QString::fromLatin1(mapping.hint) : QString();
    const QString catalogueMessage = QString::fromLatin1(errorCodeMessage(error.code));
    // A 5xx hides what failed inside (the database's words) but for a trigger's function: its messages
    // (a timeout, code that does not compile, calls nested too deep) are Basalt's own and say what to fix.
    if (api.status >= 500 && error.code != ErrorCode::TriggerFailed) {
        qCWarning(lcHttp).noquote() << api.code << error.message << error.detail;
        api.message = catalogueMessage;
        api.details = QJsonValue::Null;
    } else {
        api.message = error.message.isEmpty() ? catalogueMessage : error.message;
        api.details = error.details.isNull() || error.details.isUndefined() ? detailsOf(error.problems) : error.details;
        if (!error.hint.isEmpty())
            api.hint = error.hint;
    }
    return api;
}

HttpResponse errorResponse(const Error &error)
{
    const ApiError api = toApiError(error);
    return HttpResponse::json(api.toJson(), api.status);
}

namespace {
struct AuthMapping
{
    int status;
    const char *errorCode; ///< GoTrue's error_code
};

AuthMapping authMappingFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidCredentials: return {400, "invalid_credentials"};
    case ErrorCode::WeakPassword: return {422, "weak_password"};
    case ErrorCode::InvalidEmail: return {400, "email_address_invalid"};
    case ErrorCode::UserAlreadyExists: return {422, "user_already_exists"};
    case ErrorCode::UserNotFound: return {404, "user_not_found"};
    case ErrorCode::RateLimited: return {429, "over_request_rate_limit"};
    case ErrorCode::InvalidRefreshToken: return {400, "refresh_token_not_found"};
    case ErrorCode::RefreshTokenReused: return {400, "refresh_token_already_used"};
    case ErrorCode::SessionEnded: return {403, "session_not_found"};
    case ErrorCode::ReauthenticationNeeded: return {400, "reauthentication_needed"};
    case ErrorCode::CurrentPasswordMismatch: return {400, "current_password_mismatch"};
    case ErrorCode::InvalidToken:
    case ErrorCode::InvalidApiKey: return {401, "bad_jwt"};
    case ErrorCode::MissingApiKey:
    case ErrorCode::NotAuthenticated: return {401, "no_authorization"};
    case ErrorCode::PermissionDenied:
    case ErrorCode::ReadOnlyField: return {403, "not_admin"};
    case ErrorCode::InvalidArgument:
    case ErrorCode::InvalidJson:
    case ErrorCode::InvalidBody:
    case ErrorCode::InvalidValue:
    case ErrorCode::UnknownBodyColumn:
    case ErrorCode::CheckViolation:
    case ErrorCode::NotNullViolation:
    case ErrorCode::BadQuery: return {400, "validation_failed"};
    case ErrorCode::UniqueViolation:
    case ErrorCode::ForeignKeyViolation: return {422, "conflict"};
    case ErrorCode::PayloadTooLarge: return {413, "request_too_large"};
    case ErrorCode::NotFound: return {404, "not_found"};
    case ErrorCode::MethodNotAllowed: return {405, "method_not_allowed"};
    case ErrorCode::ServiceUnavailable:
    case ErrorCode::DatabaseBusy:
    case ErrorCode::DatabaseOpenFailed: return {503, "unexpected_failure"};
    case ErrorCode::DiskFull: return {507, "unexpected_failure"};
    default: return {500, "unexpected_failure"};
    }
}
} // namespace

HttpResponse authErrorResponse(const Error &error)
{
    const AuthMapping mapping = authMappingFor(error.code);
    QString message = error.message.isEmpty() ? QString::fromLatin1(errorCodeMessage(error.code)) : error.message;
    if (mapping.status >= 500) {
        qCWarning(lcHttp).noquote() << mapping.errorCode << error.message << error.detail;
        message = QString::fromLatin1(errorCodeMessage(error.code));
    } else if (!error.problems.isEmpty()) {
        message += QStringLiteral(" (") + detailsOf(error.problems).toString() + QLatin1Char(')');
    }
    const QJsonObject object {
        {QStringLiteral("code"), mapping.status},
        {QStringLiteral("error_code"), QString::fromLatin1(mapping.errorCode)},
        {QStringLiteral("msg"), message},
    };
    HttpResponse response = HttpResponse::json(QJsonDocument(object).toJson(QJsonDocument::Compact), mapping.status);
    if (error.code == ErrorCode::RateLimited)
        response.setHeader(QByteArrayLiteral("Retry-After"), error.detail.toLatin1());
    return response;
}

} // namespace Runtime
