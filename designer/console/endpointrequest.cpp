// SPDX-License-Identifier: GPL-3.0-or-later
// endpointRequest(): the console request that tries a custom endpoint ("Try it" of the endpoint editor).
#include "endpointrequest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>

namespace Designer {

namespace {
QString asText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    default:
        return value.toString();
    }
}

ConsoleAuth authFor(const Runtime::CallPermission &callers)
{
    switch (callers.access) {
    case Runtime::CallAccess::Anyone:
        return ConsoleAuth::Anon;
    case Runtime::CallAccess::Service:
        return ConsoleAuth::Service;
    case Runtime::CallAccess::SignedIn:
        return ConsoleAuth::User;
    case Runtime::CallAccess::Roles:
        return callers.roles.contains(QLatin1String("anon")) ? ConsoleAuth::Anon : ConsoleAuth::User;
    }
    return ConsoleAuth::Anon;
}
} // namespace

QJsonValue sampleParameterValue(Runtime::ParameterType type)
{
    switch (type) {
    case Runtime::ParameterType::Text:
        return QStringLiteral("text");
    case Runtime::ParameterType::Integer:
        return 1;
    case Runtime::ParameterType::Number:
        return 1.5;
    case Runtime::ParameterType::Boolean:
        return true;
    case Runtime::ParameterType::Uuid:
        return QStringLiteral("00000000-0000-4000-8000-000000000001");
    case Runtime::ParameterType::Json:
        return QJsonObject();
    }
    return {};
}

ConsoleRequest endpointRequest(const Runtime::Endpoint &endpoint)
{
    ConsoleRequest request;
    request.name = endpoint.name;
    request.method = endpoint.method;
    request.auth = authFor(endpoint.callers);
    QStringList segments = endpoint.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QUrlQuery query;
    QJsonObject body;
    for (const Runtime::EndpointParameter &parameter : endpoint.parameters) {
        const QJsonValue value = sampleParameterValue(parameter.type);
        switch (parameter.location) {
        case Runtime::ParameterLocation::Path:
            for (QString &segment : segments) {
                if (segment == QLatin1Char(':') + parameter.name)
                    segment = QString::fromUtf8(QUrl::toPercentEncoding(asText(value)));
            }
            break;
        case Runtime::ParameterLocation::Query:
            query.addQueryItem(parameter.name, asText(value));
            break;
        case Runtime::ParameterLocation::Body:
            body.insert(parameter.name, value);
            break;
        }
    }
    // A path segment with no declared parameter still gets a value, so that the request can be sent.
    for (QString &segment : segments) {
        if (segment.startsWith(QLatin1Char(':')))
            segment = QStringLiteral("1");
    }
    request.url = QStringLiteral("/api/") + segments.join(QLatin1Char('/'));
    if (!query.isEmpty())
        request.url += QLatin1Char('?') + query.toString(QUrl::FullyEncoded);
    const bool hasBody
        = endpoint.method != QLatin1String("GET") && endpoint.method != QLatin1String("DELETE");
    if (hasBody) {
        request.body = QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Indented));
        request.headers.append({QStringLiteral("Content-Type"), QStringLiteral("application/json")});
    }
    return request;
}

} // namespace Designer
