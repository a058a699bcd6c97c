// SPDX-License-Identifier: GPL-3.0-or-later
// CORS: the headers that let browsers (supabase-js in a web page) call the API from another origin.
#include "cors.h"

#include "http/apierror.h"

namespace Runtime::Cors {

namespace {
// What supabase-js (postgrest-js, auth-js) sends, lower case as browsers list them in preflights.
const QByteArray s_allowedHeaders = QByteArrayLiteral(
    "apikey, authorization, content-type, prefer, range, range-unit, x-client-info, accept-profile, "
    "content-profile, accept, x-region, x-retry-count, traceparent, tracestate, baggage");
// What clients may read: supabase-js reads Content-Range for counts.
const QByteArray s_exposedHeaders = QByteArrayLiteral(
    "Content-Range, Content-Location, Content-Type, Location, Range-Unit, Preference-Applied");
constexpr int s_preflightMaxAgeSeconds = 86400;

// Returns the value for Access-Control-Allow-Origin, or an empty array when the origin is not allowed.
QByteArray allowedOrigin(const HttpRequest &request, const Settings &settings)
{
    if (settings.corsOrigins.isEmpty() || settings.corsOrigins.contains(QStringLiteral("*")))
        return QByteArrayLiteral("*");
    const QByteArray origin = request.header("Origin");
    if (!origin.isEmpty() && settings.corsOrigins.contains(QString::fromUtf8(origin)))
        return origin;
    return {};
}
} // namespace

HttpResponse preflight(
    const HttpRequest &request, const QByteArrayList &allowedMethods, const Settings &settings)
{
    if (allowedMethods.isEmpty()) {
        HttpResponse response = errorResponse(
            Error(ErrorCode::NotFound, QStringLiteral("Nothing is served at %1.").arg(request.path)));
        addHeaders(response, request, settings);
        return response;
    }
    HttpResponse response;
    response.status = 204;
    QByteArrayList methods = allowedMethods;
    methods.append(QByteArrayLiteral("OPTIONS"));
    response.setHeader(QByteArrayLiteral("Allow"), methods.join(", "));
    addHeaders(response, request, settings);
    if (response.header("Access-Control-Allow-Origin").isEmpty())
        return response;
    response.setHeader(QByteArrayLiteral("Access-Control-Allow-Methods"), methods.join(", "));
    response.setHeader(QByteArrayLiteral("Access-Control-Allow-Headers"), s_allowedHeaders);
    response.setHeader(
        QByteArrayLiteral("Access-Control-Max-Age"), QByteArray::number(s_preflightMaxAgeSeconds));
    return response;
}

void addHeaders(HttpResponse &response, const HttpRequest &request, const Settings &settings)
{
    const QByteArray origin = allowedOrigin(request, settings);
    if (!settings.corsOrigins.isEmpty())
        response.setHeader(QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin"));
    if (origin.isEmpty())
        return;
    response.setHeader(QByteArrayLiteral("Access-Control-Allow-Origin"), origin);
    response.setHeader(QByteArrayLiteral("Access-Control-Expose-Headers"), s_exposedHeaders);
}

} // namespace Runtime::Cors
