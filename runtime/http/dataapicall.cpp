// SPDX-License-Identifier: GPL-3.0-or-later
// callDataApi: a data-API request made in-process (a function's db builder), answered as postgrest-js answers.
#include "dataapicall.h"

#include "apierror.h"
#include "recordshandler.h"
#include "requestcontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

namespace Runtime {

namespace {
// postgrest-js: `count` is set only when Prefer asked for one and Content-Range carries a total.
QJsonValue countOf(const HttpRequest &request, const HttpResponse &response)
{
    static const QRegularExpression asked(QStringLiteral("count=(exact|planned|estimated)"));
    const bool wanted = asked.match(QString::fromLatin1(request.header("Prefer"))).hasMatch();
    const QList<QByteArray> range = response.header("Content-Range").split('/');
    bool number = false;
    const qint64 total = range.size() > 1 ? range.at(1).toLongLong(&number) : 0;
    return wanted && number ? QJsonValue(double(total)) : QJsonValue();
}

QJsonValue parsedBody(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return QString::fromUtf8(body);
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}
} // namespace

QJsonObject callDataApi(const DataApiCall &call, const ServerConfig &config, RecordStore &store, const Caller &caller)
{
    HttpRequest request;
    request.method = call.method.toUpper();
    request.path = QStringLiteral("/rest/v1/") + QString::fromLatin1(QUrl::toPercentEncoding(call.table));
    request.rawQuery = call.query;
    request.query.setQuery(QString::fromLatin1(call.query));
    request.headers = call.headers;
    request.body = call.body;
    RequestContext context {request, config, {{QStringLiteral("table"), call.table}}, &store, caller};
    Result<HttpResponse> answered = [&]() -> Result<HttpResponse> {
        if (request.method == "GET" || request.method == "HEAD")
            return handleReadRecords(context);
        if (request.method == "POST")
            return handleInsertRecords(context);
        if (request.method == "PATCH")
            return handleUpdateRecords(context);
        if (request.method == "DELETE")
            return handleDeleteRecords(context);
        return Error(ErrorCode::MethodNotAllowed,
            QStringLiteral("The data API has no method %1").arg(QString::fromLatin1(request.method)));
    }();
    const HttpResponse response = answered ? std::move(answered).value() : errorResponse(answered.error());
    const bool ok = response.status >= 200 && response.status < 300;
    QJsonObject result;
    const bool csv = response.header("Content-Type").startsWith("text/csv");
    const bool empty = response.body.isEmpty() || request.method == "HEAD";
    const bool json = response.header("Content-Type").contains("json");
    if (ok && json && !empty) {
        result.insert(QStringLiteral("dataJson"), QString::fromUtf8(response.body));
        result.insert(QStringLiteral("error"), QJsonValue());
    } else {
        QJsonValue body = empty ? QJsonValue() : csv ? QJsonValue(QString::fromUtf8(response.body)) : parsedBody(response.body);
        result.insert(QStringLiteral("data"), ok ? body : QJsonValue());
        result.insert(QStringLiteral("error"), ok ? QJsonValue() : body.isString() ? QJsonObject {{QStringLiteral("message"), body}} : body);
    }
    result.insert(QStringLiteral("count"), countOf(request, response));
    result.insert(QStringLiteral("status"), response.status);
    result.insert(QStringLiteral("statusText"), QString::fromLatin1(reasonPhrase(response.status)));
    return result;
}

} // namespace Runtime
