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
    const char *hint; ///< English, sent to clients; nullptr for none
};

// A switch without default, so a new ErrorCode makes the compiler ask how it is sent.
Mapping mappingFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::InvalidJson:
        return {400, nullptr};
    case ErrorCode::NotFound:
        return {404, nullptr};
    case ErrorCode::MethodNotAllowed:
        return {405, "See the Allow header for the methods this path accepts."};
    case ErrorCode::DatabaseOpenFailed:
        return {503, "The database is unavailable; try again later."};
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
        return {500, nullptr};
    }
    return {500, nullptr};
}

QJsonValue detailsOf(const QList<Problem> &problems)
{
    if (problems.isEmpty())
        return QJsonValue::Null;
    QJsonObject details;
    for (const Problem &problem : problems) {
        const QString previous = details.value(problem.path).toString();
        details.insert(problem.path,
            previous.isEmpty() ? problem.message : previous + QStringLiteral("; ") + problem.message);
    }
    return details;
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
    api.status = mapping.status;
    api.code = errorCodeName(error.code);
    api.hint = mapping.hint ? QString::fromLatin1(mapping.hint) : QString();
    const QString catalogueMessage = QString::fromLatin1(errorCodeMessage(error.code));
    if (api.status >= 500) {
        qCWarning(lcHttp).noquote() << api.code << error.message << error.detail;
        api.message = catalogueMessage;
        api.details = QJsonValue::Null;
    } else {
        api.message = error.message.isEmpty() ? catalogueMessage : error.message;
        api.details = detailsOf(error.problems);
    }
    return api;
}

HttpResponse errorResponse(const Error &error)
{
    const ApiError api = toApiError(error);
    return HttpResponse::json(api.toJson(), api.status);
}

} // namespace Runtime
