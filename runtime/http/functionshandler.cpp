// SPDX-License-Identifier: GPL-3.0-or-later
// The routes that call the project's functions: /functions/v1/<name>, /rest/v1/rpc/<name> and /api/ endpoints.
#include "functionshandler.h"

#include "apierror.h"
#include "query/postgrestparser.h"
#include "rowsetquery.h"
#include "scripting/functionrunner.h"
#include "storage/recordstore.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>
#include <QUuid>

#include <cmath>

namespace Runtime {

namespace {

QString decoded(const QByteArray &part)
{
    QByteArray text = part;
    text.replace('+', ' '); // application/x-www-form-urlencoded, as URLSearchParams writes spaces
    return QUrl::fromPercentEncoding(text);
}

// The query string as [name, value] pairs, decoded, in order.
QList<QPair<QString, QString>> queryItems(const QByteArray &rawQuery)
{
    QList<QPair<QString, QString>> items;
    for (const QByteArray &pair : rawQuery.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        items.append({decoded(equals < 0 ? pair : pair.left(equals)), equals < 0 ? QString() : decoded(pair.mid(equals + 1))});
    }
    return items;
}

QJsonObject queryObject(const QList<QPair<QString, QString>> &items)
{
    QJsonObject query;
    for (const auto &[name, value] : items)
        query.insert(name, value);
    return query;
}

QByteArray mediaType(const HttpRequest &request)
{
    return request.header("Content-Type").split(';').first().trimmed().toLower();
}

QJsonValue userOf(const Caller &caller)
{
    if (caller.kind != Caller::Kind::Authenticated)
        return QJsonValue();
    return QJsonObject {{QStringLiteral("id"), caller.userId}, {QStringLiteral("email"), caller.email},
        {QStringLiteral("role"), caller.role}, {QStringLiteral("session_id"), caller.sessionId},
        {QStringLiteral("app_metadata"), caller.claims}};
}

// req as a function sees it, without the body.
FunctionRequest requestOf(const RequestContext &context)
{
    const HttpRequest &request = context.request;
    FunctionRequest r;
    r.method = QString::fromLatin1(request.method);
    r.path = QUrl::fromPercentEncoding(request.path.toUtf8());
    r.query = queryObject(queryItems(request.rawQuery));
    QJsonObject headers;
    for (const auto &[name, value] : request.headers)
        headers.insert(QString::fromLatin1(name).toLower(), QString::fromUtf8(value));
    r.headers = headers;
    for (auto it = context.pathParameters.begin(); it != context.pathParameters.end(); ++it)
        r.params.insert(it.key(), it.value());
    r.user = userOf(context.caller);
    r.role = context.caller.role;
    return r;
}

// The body by its Content-Type, as supabase-js sends it: JSON, text (and forms) as a string, else binary.
Result<void> readBody(const HttpRequest &request, FunctionRequest &r)
{
    if (request.body.isEmpty())
        return {};
    const QByteArray type = mediaType(request);
    if (type == "application/json" || type.endsWith("+json")) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
        if (error.error != QJsonParseError::NoError)
            return Error(ErrorCode::InvalidJson,
                QStringLiteral("The body is not valid JSON: %1 at byte %2").arg(error.errorString()).arg(error.offset));
        r.body = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    } else if (type.startsWith("text/") || type == "application/x-www-form-urlencoded") {
        r.body = QString::fromUtf8(request.body);
    } else {
        r.binaryBody = request.body;
    }
    return {};
}

Result<void> checkCallers(const CallPermission &callers, const Caller &caller, const QString &what)
{
    if (callers.allows(caller.role, caller.kind == Caller::Kind::Authenticated))
        return {};
    if (caller.isAnon() && callers.access != CallAccess::Service)
        return Error(ErrorCode::NotAuthenticated, QStringLiteral("%1 may be called by signed-in users only.").arg(what));
    if (callers.access == CallAccess::Service)
        return Error(ErrorCode::PermissionDenied,
            QStringLiteral("%1 may be called with the service key only; set who may call it in the designer.").arg(what));
    return Error(ErrorCode::PermissionDenied,
        QStringLiteral("%1 may not be called by the role %2 (it may by: %3).")
            .arg(what, caller.role, callers.roles.join(QLatin1String(", "))));
}

FunctionResult run(const RequestContext &context, const ScriptFunction &function, const FunctionRequest &request)
{
    if (!context.functionRunner) {
        FunctionResult result;
        result.status = 503;
        result.errorCode = QStringLiteral("function_unavailable");
        result.body = QJsonDocument(QJsonObject {{QStringLiteral("code"), result.errorCode},
            {QStringLiteral("message"), QStringLiteral("Functions cannot run on this thread.")}})
                          .toJson(QJsonDocument::Compact);
        return result;
    }
    const FunctionCallContext call {&context.config, context.recordStore, context.caller, function.readOnly};
    return context.functionRunner->call(function, request, call);
}

HttpResponse responseOf(FunctionResult &&result)
{
    HttpResponse response;
    response.status = result.status;
    response.headers = std::move(result.headers);
    if (response.header("Content-Type").isEmpty() && !result.body.isEmpty())
        response.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    response.body = std::move(result.body);
    response.console = std::move(result.console);
    return response;
}

const ScriptFunction *functionNamed(const RequestContext &context)
{
    return context.project().functionByName(context.pathParameter(QStringLiteral("name")));
}

Error noSuchFunction(const RequestContext &context)
{
    return Error(ErrorCode::NotFound,
        QStringLiteral("There is no function named \"%1\"; the project's functions are listed in the designer.")
            .arg(context.pathParameter(QStringLiteral("name"))));
}

// The function the route's `:name` names, if the caller may call it over HTTP (its CallPermission).
Result<const ScriptFunction *> callableFunction(const RequestContext &context)
{
    const ScriptFunction *function = functionNamed(context);
    if (!function)
        return noSuchFunction(context);
    if (Result<void> allowed = checkCallers(function->callers, context.caller,
            QStringLiteral("The function \"%1\"").arg(function->name));
        !allowed)
        return allowed.error();
    return function;
}

// --- rpc ---

// postgrest-js's rpc(name, args, {get: true}) puts the arguments in the query, next to filters: a parameter
// whose value reads as a filter (`eq.5`, `not.in.(1,2)`) or whose name the data API reserves is not one.
bool isQueryParameter(const QString &name, const QString &value)
{
    static const QStringList reserved {QStringLiteral("select"), QStringLiteral("order"), QStringLiteral("limit"),
        QStringLiteral("offset"), QStringLiteral("or"), QStringLiteral("and"), QStringLiteral("not.or"),
        QStringLiteral("not.and"), QStringLiteral("columns"), QStringLiteral("on_conflict")};
    static const QRegularExpression filter(QStringLiteral(
        "^(not\\.)?(eq|neq|gt|gte|lt|lte|like|ilike|in|is|isdistinct|match|imatch|cs|cd|ov|fts|plfts|phfts|wfts|sl|sr|nxl|nxr|adj)(\\(\\w+\\))?\\."));
    return reserved.contains(name) || filter.match(value).hasMatch();
}

QByteArray encodedQuery(const QList<QPair<QString, QString>> &items)
{
    QByteArray query;
    for (const auto &[name, value] : items) {
        if (!query.isEmpty())
            query += '&';
        query += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return query;
}

// A function's error body {code, message, function, line} in PostgREST's shape {code, message, details, hint}.
QByteArray postgrestError(const FunctionResult &result)
{
    const QJsonObject body = QJsonDocument::fromJson(result.body).object();
    QJsonValue details;
    if (const QJsonValue line = body.value(QStringLiteral("line")); line.isDouble())
        details = QStringLiteral("in the function %1, line %2").arg(body.value(QStringLiteral("function")).toString()).arg(line.toInt());
    QJsonObject error {{QStringLiteral("code"), body.value(QStringLiteral("code"))},
        {QStringLiteral("message"), body.value(QStringLiteral("message"))}, {QStringLiteral("details"), details},
        {QStringLiteral("hint"), QJsonValue()}};
    if (body.contains(QStringLiteral("data")))
        error.insert(QStringLiteral("data"), body.value(QStringLiteral("data")));
    return QJsonDocument(error).toJson(QJsonDocument::Compact);
}

// Applies the query's filters, order, paging and select to a returned array of rows.
Result<HttpResponse> rowSetResponse(const RequestContext &context, const QJsonArray &rows, const QByteArray &rawQuery)
{
    const HttpRequest &request = context.request;
    const ApiQueryHeaders headers {request.header("Prefer"), request.header("Range"), request.header("Range-Unit")};
    Result<ApiQuery> query = parseApiQuery(context.pathParameter(QStringLiteral("name")), rawQuery, headers);
    if (!query)
        return query.error();
    qsizetype total = 0;
    Result<QJsonArray> kept = applyRowSetQuery(rows, *query, &total);
    if (!kept)
        return kept.error();
    const qint64 offset = query->root().offset.value_or(0);
    HttpResponse response;
    if (request.header("Accept").contains("application/vnd.pgrst.object")) {
        if (kept->size() != 1)
            return Error(ErrorCode::NotSingleObject,
                QStringLiteral("JSON object requested, multiple (or no) rows returned: the function returned %1 rows")
                    .arg(kept->size()));
        response = HttpResponse::json(QJsonDocument(kept->at(0).toObject()));
    } else {
        response = HttpResponse::json(QJsonDocument(*kept));
    }
    const QByteArray counted = query->prefer.count != Preferences::Count::None ? QByteArray::number(total) : "*";
    const QByteArray range = kept->isEmpty()
        ? QByteArray("*")
        : QByteArray::number(offset) + '-' + QByteArray::number(offset + kept->size() - 1);
    response.setHeader(QByteArrayLiteral("Content-Range"), range + '/' + counted);
    return response;
}

// --- endpoints ---

QString typeLabel(ParameterType type)
{
    switch (type) {
    case ParameterType::Text: return QStringLiteral("text");
    case ParameterType::Integer: return QStringLiteral("an integer, e.g. 42");
    case ParameterType::Number: return QStringLiteral("a number, e.g. 4.5");
    case ParameterType::Boolean: return QStringLiteral("true or false");
    case ParameterType::Uuid: return QStringLiteral("a UUID, e.g. 123e4567-e89b-12d3-a456-426614174000");
    case ParameterType::Json: return QStringLiteral("JSON");
    }
    return {};
}

// Converts a parameter's value (text from the path or query, any JSON from the body) to its declared type.
std::optional<QJsonValue> converted(const QJsonValue &value, ParameterType type)
{
    const bool text = value.isString();
    const QString s = value.toString();
    switch (type) {
    case ParameterType::Text:
        if (text)
            return value;
        if (value.isDouble() || value.isBool())
            return QJsonValue(value.isBool() ? (value.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                                             : QString::number(value.toDouble(), 'g', 17));
        return std::nullopt;
    case ParameterType::Integer: {
        if (value.isDouble() && value.toDouble() == double(qint64(value.toDouble())))
            return value;
        bool ok = false;
        const qint64 n = s.trimmed().toLongLong(&ok);
        return text && ok ? std::optional<QJsonValue>(double(n)) : std::nullopt;
    }
    case ParameterType::Number: {
        if (value.isDouble())
            return value;
        bool ok = false;
        const double n = s.trimmed().toDouble(&ok);
        return text && ok && std::isfinite(n) ? std::optional<QJsonValue>(n) : std::nullopt;
    }
    case ParameterType::Boolean:
        if (value.isBool())
            return value;
        if (text && (s == QLatin1String("true") || s == QLatin1String("1")))
            return QJsonValue(true);
        if (text && (s == QLatin1String("false") || s == QLatin1String("0")))
            return QJsonValue(false);
        return std::nullopt;
    case ParameterType::Uuid:
        return text && !QUuid::fromString(s).isNull() ? std::optional<QJsonValue>(value) : std::nullopt;
    case ParameterType::Json: {
        if (!text || value.isUndefined())
            return value;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson("[" + s.toUtf8() + "]", &error);
        return error.error == QJsonParseError::NoError ? std::optional<QJsonValue>(document.array().at(0)) : std::nullopt;
    }
    }
    return std::nullopt;
}

QString locationLabel(ParameterLocation location)
{
    switch (location) {
    case ParameterLocation::Path: return QStringLiteral("path parameter");
    case ParameterLocation::Query: return QStringLiteral("query parameter");
    case ParameterLocation::Body: return QStringLiteral("body field");
    }
    return {};
}

// Checks and converts the declared parameters in place: req.params, req.query and req.body hold typed values.
Result<void> applyParameters(const Endpoint &endpoint, FunctionRequest &r)
{
    QStringList messages;
    QJsonArray fields; // sent as the error's details: [{field, message}]
    const auto problem = [&](const QString &field, const QString &message) {
        messages << message;
        fields.append(QJsonObject {{QStringLiteral("field"), field}, {QStringLiteral("message"), message}});
    };
    for (const EndpointParameter &parameter : endpoint.parameters) {
        QJsonObject holder = parameter.location == ParameterLocation::Path ? r.params
            : parameter.location == ParameterLocation::Query               ? r.query
                                                                           : r.body.toObject();
        if (parameter.location == ParameterLocation::Body && !r.body.isObject() && !r.body.isUndefined() && !r.body.isNull()) {
            return Error(ErrorCode::InvalidBody,
                QStringLiteral("The body must be a JSON object with the field \"%1\".").arg(parameter.name));
        }
        const QJsonValue value = holder.value(parameter.name);
        const QString label = locationLabel(parameter.location);
        if (value.isUndefined() || value.isNull()) {
            if (parameter.required || parameter.location == ParameterLocation::Path)
                problem(parameter.name, QStringLiteral("the %1 \"%2\" is missing; send %3")
                                            .arg(label, parameter.name, typeLabel(parameter.type)));
            continue;
        }
        const std::optional<QJsonValue> typed = converted(value, parameter.type);
        if (!typed) {
            problem(parameter.name, QStringLiteral("the %1 \"%2\" must be %3")
                                        .arg(label, parameter.name, typeLabel(parameter.type)));
            continue;
        }
        holder.insert(parameter.name, *typed);
        if (parameter.location == ParameterLocation::Path)
            r.params = holder;
        else if (parameter.location == ParameterLocation::Query)
            r.query = holder;
        else
            r.body = holder;
    }
    if (messages.isEmpty())
        return {};
    Error error(ErrorCode::InvalidArgument, messages.join(QLatin1String("; ")));
    error.details = fields;
    return error;
}

QJsonValue consoleJson(const QList<ConsoleLine> &lines)
{
    QJsonArray out;
    for (const ConsoleLine &line : lines)
        out.append(QJsonObject {{QStringLiteral("level"), consoleLevelName(line.level)},
            {QStringLiteral("text"), line.text}});
    return out;
}

} // namespace

Result<HttpResponse> handleRunFunction(const RequestContext &context)
{
    if (!context.caller.isService() && !context.caller.explain)
        return Error(ErrorCode::PermissionDenied, QStringLiteral("Running a function from the designer needs the service key."));
    const ScriptFunction *function = functionNamed(context);
    if (!function)
        return noSuchFunction(context);
    QJsonObject input;
    if (!context.request.body.trimmed().isEmpty()) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(context.request.body, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            return Error(ErrorCode::InvalidBody,
                QStringLiteral("The sample input is not a JSON object; write e.g. {\"body\": {\"id\": 1}}."));
        input = document.object();
    }
    FunctionRequest request;
    request.method = input.value(QStringLiteral("method")).toString(QStringLiteral("POST")).toUpper();
    request.path = input.value(QStringLiteral("path")).toString(QStringLiteral("/functions/v1/") + function->name);
    request.params = input.value(QStringLiteral("params")).toObject();
    request.query = input.value(QStringLiteral("query")).toObject();
    request.headers = input.value(QStringLiteral("headers")).toObject();
    request.body = input.value(QStringLiteral("body"));
    request.user = userOf(context.caller);
    request.role = context.caller.role;

    QStringList statements;
    if (context.recordStore)
        context.recordStore->setStatementLog(&statements);
    QElapsedTimer timer;
    timer.start();
    FunctionResult result = run(context, *function, request);
    const double durationMs = double(timer.nsecsElapsed()) / 1e6;
    if (context.recordStore)
        context.recordStore->setStatementLog(nullptr);

    QJsonObject headers;
    QByteArray type;
    for (const auto &[name, value] : result.headers) {
        headers.insert(QString::fromLatin1(name), QString::fromUtf8(value));
        if (name.compare("content-type", Qt::CaseInsensitive) == 0)
            type = value.split(';').first().trimmed().toLower();
    }
    QJsonValue body;
    QString encoding = QStringLiteral("text");
    if (type == "application/json" || type.isEmpty()) {
        const QJsonDocument document = QJsonDocument::fromJson("[" + result.body + "]");
        body = document.isArray() && !result.body.isEmpty() ? document.array().at(0) : QJsonValue(QString::fromUtf8(result.body));
        encoding = QStringLiteral("json");
    } else if (type.startsWith("text/")) {
        body = QString::fromUtf8(result.body);
    } else {
        body = QString::fromLatin1(result.body.toBase64());
        encoding = QStringLiteral("base64");
    }
    const QJsonObject answer {{QStringLiteral("status"), result.status}, {QStringLiteral("headers"), headers},
        {QStringLiteral("body"), body}, {QStringLiteral("bodyEncoding"), encoding},
        {QStringLiteral("console"), consoleJson(result.console)}, {QStringLiteral("durationMs"), durationMs},
        {QStringLiteral("statements"), QJsonArray::fromStringList(statements)}};
    HttpResponse response = HttpResponse::json(QJsonDocument(answer));
    response.console = std::move(result.console);
    return response;
}

Result<HttpResponse> handleInvokeFunction(const RequestContext &context)
{
    Result<const ScriptFunction *> callable = callableFunction(context);
    if (!callable)
        return callable.error();
    const ScriptFunction *function = *callable;
    FunctionRequest request = requestOf(context);
    request.params = {};
    if (Result<void> body = readBody(context.request, request); !body)
        return body.error();
    return responseOf(run(context, *function, request));
}

Result<HttpResponse> handleRpc(const RequestContext &context)
{
    Result<const ScriptFunction *> callable = callableFunction(context);
    if (!callable)
        return callable.error();
    const ScriptFunction *function = *callable;
    const HttpRequest &http = context.request;
    const bool get = http.method == "GET" || http.method == "HEAD";
    if (get && !function->readOnly)
        return Error(ErrorCode::MethodNotAllowed,
            QStringLiteral("The function \"%1\" may write, so it is called with POST; mark it read-only to call it with GET.")
                .arg(function->name));
    FunctionRequest request = requestOf(context);
    request.params = {};
    QList<QPair<QString, QString>> filters;
    QJsonObject arguments;
    if (get) {
        for (const auto &[name, value] : queryItems(http.rawQuery)) {
            if (isQueryParameter(name, value))
                filters.append({name, value});
            else
                arguments.insert(name, value);
        }
    } else {
        filters = queryItems(http.rawQuery);
        if (!http.body.trimmed().isEmpty()) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(http.body, &error);
            if (error.error != QJsonParseError::NoError || !document.isObject())
                return Error(ErrorCode::InvalidBody,
                    QStringLiteral("The arguments of /rpc/%1 are a JSON object of named arguments, e.g. {\"limit\": 10}.")
                        .arg(function->name));
            arguments = document.object();
        }
    }
    request.body = arguments;
    FunctionResult result = run(context, *function, request);
    if (result.status >= 400 && !result.errorCode.isEmpty()) {
        result.body = postgrestError(result);
        return responseOf(std::move(result));
    }
    const QJsonDocument returned = QJsonDocument::fromJson(result.body);
    const bool rows = result.status < 300 && returned.isArray()
        && std::all_of(returned.array().begin(), returned.array().end(), [](const QJsonValue &v) { return v.isObject(); });
    if (!rows)
        return responseOf(std::move(result));
    Result<HttpResponse> response = rowSetResponse(context, returned.array(), encodedQuery(filters));
    if (response)
        response->console = std::move(result.console);
    return response;
}

Result<HttpResponse> handleEndpoint(const RequestContext &context, const ObjectId &endpointId)
{
    const Endpoint *endpoint = nullptr;
    for (const Endpoint &e : context.project().endpoints) {
        if (e.id == endpointId)
            endpoint = &e;
    }
    const ScriptFunction *function = endpoint ? context.project().function(endpoint->functionId) : nullptr;
    if (!function)
        return Error(ErrorCode::NotFound, QStringLiteral("Nothing is served at %1.").arg(context.request.path));
    if (Result<void> allowed = checkCallers(endpoint->callers, context.caller,
            QStringLiteral("%1 /api/%2").arg(endpoint->method, endpoint->path));
        !allowed)
        return allowed.error();
    FunctionRequest request = requestOf(context);
    if (Result<void> body = readBody(context.request, request); !body)
        return body.error();
    if (Result<void> parameters = applyParameters(*endpoint, request); !parameters)
        return parameters.error();
    return responseOf(run(context, *function, request));
}

} // namespace Runtime
