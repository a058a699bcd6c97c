// SPDX-License-Identifier: GPL-3.0-or-later
// The OpenAPI paths of the project's functions (/rest/v1/rpc, /functions/v1) and endpoints (/api).
#include "openapi_p.h"

using namespace Qt::StringLiterals;

namespace Runtime {

namespace {

const QString s_json = u"application/json"_s;

QString accessText(const CallPermission &callers)
{
    switch (callers.access) {
    case CallAccess::Service: return u"Callable with the service key only."_s;
    case CallAccess::Anyone: return u"Callable by anyone with the anon key."_s;
    case CallAccess::SignedIn: return u"Callable by signed-in users."_s;
    case CallAccess::Roles: return u"Callable by the roles: %1."_s.arg(callers.roles.join(u", "_s));
    }
    return {};
}

QJsonObject schemaOf(ParameterType type)
{
    switch (type) {
    case ParameterType::Text: return {{u"type"_s, u"string"_s}};
    case ParameterType::Integer: return {{u"type"_s, u"integer"_s}};
    case ParameterType::Number: return {{u"type"_s, u"number"_s}};
    case ParameterType::Boolean: return {{u"type"_s, u"boolean"_s}};
    case ParameterType::Uuid: return {{u"type"_s, u"string"_s}, {u"format"_s, u"uuid"_s}};
    case ParameterType::Json: return {};
    }
    return {};
}

QJsonObject anyJson(const QString &description)
{
    return {{u"description"_s, description}, {u"content"_s, QJsonObject {{s_json, QJsonObject {{u"schema"_s, QJsonObject()}}}}}};
}

QJsonObject responses(const QString &description)
{
    return {{u"200"_s, anyJson(description)}, {u"4XX"_s, openApiRef(u"responses"_s, u"Error"_s)},
        {u"5XX"_s, openApiRef(u"responses"_s, u"Error"_s)}};
}

QJsonObject operation(const QString &tag, const QString &id, const QString &summary, const QString &description)
{
    return {{u"tags"_s, QJsonArray {tag}}, {u"operationId"_s, id}, {u"summary"_s, summary},
        {u"description"_s, description}, {u"responses"_s, responses(u"What the function returned"_s)}};
}

QJsonObject bodyOf(const QJsonObject &schema, const QString &description, bool required)
{
    return {{u"required"_s, required}, {u"description"_s, description},
        {u"content"_s, QJsonObject {{s_json, QJsonObject {{u"schema"_s, schema}}}}}};
}

void addFunction(const ScriptFunction &function, QJsonObject &paths)
{
    const QString about = function.description.isEmpty() ? accessText(function.callers)
                                                         : function.description + u" "_s + accessText(function.callers);
    QJsonObject rpc;
    QJsonObject post = operation(u"functions"_s, u"rpc_"_s + function.name, u"Call %1 (rpc)"_s.arg(function.name), about);
    post.insert(u"requestBody"_s,
        bodyOf(QJsonObject {{u"type"_s, u"object"_s}}, u"The named arguments, given to the function as req.body"_s, false));
    rpc.insert(u"post"_s, post);
    if (function.readOnly) {
        QJsonObject get = operation(u"functions"_s, u"rpc_get_"_s + function.name,
            u"Call %1 (rpc, read-only)"_s.arg(function.name), about + u" The arguments are query parameters."_s);
        rpc.insert(u"get"_s, get);
    }
    paths.insert(u"/rest/v1/rpc/"_s + function.name, rpc);
    QJsonObject invoke = operation(u"functions"_s, u"invoke_"_s + function.name,
        u"Invoke %1 (Edge Functions)"_s.arg(function.name), about);
    invoke.insert(u"requestBody"_s, anyJson(u"JSON, text or binary; given to the function as req.body"_s));
    paths.insert(u"/functions/v1/"_s + function.name, QJsonObject {{u"post"_s, invoke}});
}

void addEndpoint(const Endpoint &endpoint, const Project &project, QJsonObject &paths)
{
    QStringList segments = endpoint.path.split(u'/');
    for (QString &segment : segments) {
        if (segment.startsWith(u':'))
            segment = u"{"_s + segment.mid(1) + u"}"_s;
    }
    const QString path = u"/api/"_s + segments.join(u'/');
    const ScriptFunction *function = project.function(endpoint.functionId);
    QString about = endpoint.description.isEmpty() ? QString() : endpoint.description + u" "_s;
    about += accessText(endpoint.callers);
    if (function)
        about += u" Served by the function %1."_s.arg(function->name);
    QJsonObject op = operation(u"endpoints"_s, u"endpoint_"_s + endpoint.id, endpoint.name, about);
    QJsonArray parameters;
    QJsonObject bodyProperties;
    QJsonArray bodyRequired;
    QStringList declared;
    for (const EndpointParameter &parameter : endpoint.parameters) {
        declared << parameter.name;
        if (parameter.location == ParameterLocation::Body) {
            QJsonObject schema = schemaOf(parameter.type);
            if (!parameter.description.isEmpty())
                schema.insert(u"description"_s, parameter.description);
            bodyProperties.insert(parameter.name, schema);
            if (parameter.required)
                bodyRequired.append(parameter.name);
            continue;
        }
        QJsonObject p {{u"name"_s, parameter.name},
            {u"in"_s, parameter.location == ParameterLocation::Path ? u"path"_s : u"query"_s},
            {u"required"_s, parameter.required || parameter.location == ParameterLocation::Path},
            {u"schema"_s, schemaOf(parameter.type)}};
        if (!parameter.description.isEmpty())
            p.insert(u"description"_s, parameter.description);
        parameters.append(p);
    }
    for (const QString &segment : endpoint.path.split(u'/')) { // undeclared path parameters are text
        if (segment.startsWith(u':') && !declared.contains(segment.mid(1)))
            parameters.append(QJsonObject {{u"name"_s, segment.mid(1)}, {u"in"_s, u"path"_s}, {u"required"_s, true},
                {u"schema"_s, QJsonObject {{u"type"_s, u"string"_s}}}});
    }
    op.insert(u"parameters"_s, parameters);
    if (!bodyProperties.isEmpty()) {
        QJsonObject schema {{u"type"_s, u"object"_s}, {u"properties"_s, bodyProperties}};
        if (!bodyRequired.isEmpty())
            schema.insert(u"required"_s, bodyRequired);
        op.insert(u"requestBody"_s, bodyOf(schema, u"The declared body fields"_s, !bodyRequired.isEmpty()));
    }
    QJsonObject item = paths.value(path).toObject();
    item.insert(endpoint.method.toLower(), op);
    paths.insert(path, item);
}

} // namespace

void addOpenApiFunctionPaths(const Project &project, QJsonObject &paths, QJsonArray &tags)
{
    for (const ScriptFunction &function : project.functions)
        addFunction(function, paths);
    for (const Endpoint &endpoint : project.endpoints)
        addEndpoint(endpoint, project, paths);
    if (!project.functions.empty())
        tags.append(QJsonObject {{u"name"_s, u"functions"_s},
            {u"description"_s, u"The project's JavaScript functions, as rpc and as Edge Functions"_s}});
    if (!project.endpoints.empty())
        tags.append(QJsonObject {{u"name"_s, u"endpoints"_s}, {u"description"_s, u"The project's custom endpoints"_s}});
}

} // namespace Runtime
