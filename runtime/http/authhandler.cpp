// SPDX-License-Identifier: GPL-3.0-or-later
// /auth/v1/*: the GoTrue-style auth API (sign-up, sign-in, refresh, user, logout) over AuthService.
#include "authhandler.h"

#include "apierror.h"
#include "auth/authservice.h"
#include "auth/signinlimiter.h"
#include "core/jsontext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace Runtime {

namespace {
/** Returns the request body as an object: JSON (supabase-js), or form fields when the request says
    application/x-www-form-urlencoded (OAuth-style clients); an empty body is an empty object. */
Result<QJsonObject> bodyObject(const HttpRequest &request)
{
    if (request.body.trimmed().isEmpty())
        return QJsonObject();
    const QByteArray contentType = request.header(QByteArrayLiteral("Content-Type")).toLower();
    // curl -d labels JSON as a form: a body that starts like an object is read as JSON.
    if (contentType.startsWith("application/x-www-form-urlencoded") && !request.body.trimmed().startsWith('{')) {
        QJsonObject object;
        const QUrlQuery form(QString::fromUtf8(request.body).replace(QLatin1Char('+'), QLatin1Char(' ')));
        for (const auto &[key, value] : form.queryItems(QUrl::FullyDecoded))
            object.insert(key, value);
        return object;
    }
    const Result<QByteArray> text = jsonTextForParser(request.body);
    if (!text)
        return text.error();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*text, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return Error(ErrorCode::InvalidJson, QStringLiteral("The request body must be a JSON object"));
    return document.object();
}

HttpResponse respond(const Result<QJsonObject> &result)
{
    if (!result)
        return authErrorResponse(result.error());
    return HttpResponse::json(QJsonDocument(*result).toJson(QJsonDocument::Compact));
}

/** Runs \a work with an AuthService over the request thread's store and the request's body. */
HttpResponse withService(const RequestContext &context,
    const std::function<Result<QJsonObject>(AuthService &, const QJsonObject &)> &work)
{
    if (!context.recordStore)
        return authErrorResponse(Error(ErrorCode::ServiceUnavailable, QStringLiteral("No database is open")));
    Result<QJsonObject> body = bodyObject(context.request);
    if (!body)
        return authErrorResponse(body.error());
    AuthService service(context.config.project, *context.recordStore, context.config.jwtSecret,
        context.config.signInLimiter.get(), context.config.sessionRevocations.get());
    return respond(work(service, *body));
}
} // namespace

Result<HttpResponse> handleSignUp(const RequestContext &context)
{
    return withService(context, [&context](AuthService &service, const QJsonObject &body) {
        return service.signUp(body, context.caller, context.request.remoteAddress);
    });
}

Result<HttpResponse> handleToken(const RequestContext &context)
{
    return withService(context, [&context](AuthService &service, const QJsonObject &body) -> Result<QJsonObject> {
        const QString grantType = context.request.query.queryItemValue(QStringLiteral("grant_type"));
        if (grantType == QLatin1String("password")) {
            const QString address = context.request.remoteAddress.isEmpty() ? QStringLiteral("unknown")
                                                                             : context.request.remoteAddress;
            return service.signInWithPassword(body.value(QStringLiteral("email")).toString(),
                body.value(QStringLiteral("password")).toString(), address);
        }
        if (grantType == QLatin1String("refresh_token"))
            return service.refresh(body.value(QStringLiteral("refresh_token")).toString());
        Error error(ErrorCode::BadQuery,
            QStringLiteral("Unsupported grant_type \"%1\"; use password or refresh_token").arg(grantType));
        error.problems << Problem {Problem::Severity::Error, QStringLiteral("grant_type"), QStringLiteral("is not supported")};
        return error;
    });
}

Result<HttpResponse> handleGetUser(const RequestContext &context)
{
    return withService(context, [&context](AuthService &service, const QJsonObject &) {
        return service.user(context.caller);
    });
}

Result<HttpResponse> handleUpdateUser(const RequestContext &context)
{
    return withService(context, [&context](AuthService &service, const QJsonObject &body) {
        return service.updateUser(body, context.caller, context.request.remoteAddress);
    });
}

Result<HttpResponse> handleLogout(const RequestContext &context)
{
    const QString scopeText = context.request.query.queryItemValue(QStringLiteral("scope"));
    AuthService::LogoutScope scope = AuthService::LogoutScope::Global;
    if (scopeText == QLatin1String("local"))
        scope = AuthService::LogoutScope::Local;
    else if (scopeText == QLatin1String("others"))
        scope = AuthService::LogoutScope::Others;
    else if (!scopeText.isEmpty() && scopeText != QLatin1String("global"))
        return authErrorResponse(Error(ErrorCode::BadQuery,
            QStringLiteral("Unsupported scope \"%1\"; use global, local or others").arg(scopeText)));
    if (!context.recordStore)
        return authErrorResponse(Error(ErrorCode::ServiceUnavailable, QStringLiteral("No database is open")));
    AuthService service(context.config.project, *context.recordStore, context.config.jwtSecret,
        context.config.signInLimiter.get(), context.config.sessionRevocations.get());
    if (Result<void> done = service.logout(context.caller, scope); !done)
        return authErrorResponse(done.error());
    HttpResponse response;
    response.status = 204;
    return response;
}

} // namespace Runtime
