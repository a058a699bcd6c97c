// SPDX-License-Identifier: GPL-3.0-or-later
// The OpenAPI 3.0.3 description of a project's data API (/rest/v1), served at GET /rest/v1/.
#include "openapi.h"

#include "openapi_p.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Runtime {

namespace {
const QString s_json = u"application/json"_s;

QJsonObject parameter(
    const QString &name, const QString &in, const QJsonObject &schema, const QString &description)
{
    return {{u"name"_s, name}, {u"in"_s, in}, {u"required"_s, false}, {u"schema"_s, schema},
        {u"description"_s, description}};
}

QJsonObject stringSchema(const QString &example = {})
{
    QJsonObject schema {{u"type"_s, u"string"_s}};
    if (!example.isEmpty())
        schema.insert(u"example"_s, example);
    return schema;
}

QString filterDescription(const Field &field)
{
    QString text
        = u"Filter on %1: eq, neq, gt, gte, lt, lte, like, ilike (with * as wildcard), match, imatch (regular "
          u"expressions), isdistinct, in.(a,b,\"c,d\"), is.null|true|false|unknown, cs, cd and ov (JSON fields), "
          u"e.g. eq.42; not.eq.42 negates; like(any).{a*,b*} and eq(all).{1,2} test a list."_s.arg(field.name);
    if (!field.description.isEmpty())
        text = field.description + u"\n\n"_s + text;
    return text;
}

QJsonObject commonParameters()
{
    const QJsonObject count {{u"type"_s, u"integer"_s}, {u"minimum"_s, 0}};
    QJsonObject rangeUnit = stringSchema();
    rangeUnit.insert(u"default"_s, u"items"_s);
    return {
        {u"select"_s,
            parameter(u"select"_s, u"query"_s, stringSchema(u"id,name,author:users(name)"_s),
                u"Columns and embedded resources to return, e.g. id,name,reviews(rating)."_s)},
        {u"order"_s,
            parameter(u"order"_s, u"query"_s, stringSchema(u"name.desc.nullslast,id"_s),
                u"Ordering: column[.asc|.desc][.nullsfirst|.nullslast], comma-separated."_s)},
        {u"limit"_s, parameter(u"limit"_s, u"query"_s, count, u"At most this many rows."_s)},
        {u"offset"_s, parameter(u"offset"_s, u"query"_s, count, u"Skip this many rows."_s)},
        {u"on_conflict"_s,
            parameter(u"on_conflict"_s, u"query"_s, stringSchema(u"sku"_s),
                u"Unique columns that decide an upsert's conflict, comma-separated."_s)},
        {u"columns"_s,
            parameter(u"columns"_s, u"query"_s, stringSchema(u"name,price"_s),
                u"The body keys to insert, comma-separated; others are ignored."_s)},
        {u"range"_s,
            parameter(u"Range"_s, u"header"_s, stringSchema(u"0-19"_s),
                u"Rows first-last, counted from 0 (e.g. 0-19), or first- for all from first."_s)},
        {u"rangeUnit"_s, parameter(u"Range-Unit"_s, u"header"_s, rangeUnit, u"Always items."_s)},
        {u"preferCount"_s,
            parameter(u"Prefer"_s, u"header"_s, stringSchema(u"count=exact"_s),
                u"count=exact|planned|estimated: send the total in Content-Range."_s)},
        {u"preferReturn"_s,
            parameter(u"Prefer"_s, u"header"_s, stringSchema(u"return=representation"_s),
                u"return=minimal|representation|headers-only: what the response holds."_s)},
        {u"preferPost"_s,
            parameter(u"Prefer"_s, u"header"_s,
                stringSchema(u"return=representation, resolution=merge-duplicates"_s),
                u"Comma-separated: return=minimal|representation|headers-only, "
                u"resolution=merge-duplicates|ignore-duplicates (upsert), missing=default, count=exact."_s)},
    };
}

QJsonObject rowsContent(const Table &table)
{
    const QJsonObject array {{u"type"_s, u"array"_s}, {u"items"_s, openApiRef(u"schemas"_s, table.name)}};
    return {{s_json, QJsonObject {{u"schema"_s, array}}}};
}

QJsonObject contentRange()
{
    return {{u"Content-Range"_s, QJsonObject {{u"$ref"_s, u"#/components/headers/ContentRange"_s}}}};
}

QJsonObject withErrors(QJsonObject responses)
{
    responses.insert(u"4XX"_s, openApiRef(u"responses"_s, u"Error"_s));
    responses.insert(u"5XX"_s, openApiRef(u"responses"_s, u"Error"_s));
    return responses;
}

QJsonObject rowsResponse(const Table &table, const QString &description, bool withBody)
{
    QJsonObject response {{u"description"_s, description}, {u"headers"_s, contentRange()}};
    if (withBody)
        response.insert(u"content"_s, rowsContent(table));
    return response;
}

QJsonArray parameterRefs(const Table &table, bool filters, const QStringList &names)
{
    QJsonArray out;
    if (filters) {
        for (const Field &field : table.fields) {
            if (!field.hidden)
                out.append(openApiRef(u"parameters"_s, u"rowFilter.%1.%2"_s.arg(table.name, field.name)));
        }
    }
    for (const QString &name : names)
        out.append(openApiRef(u"parameters"_s, name));
    return out;
}

QJsonObject operation(const Table &table, const QString &verb, const QString &summary,
    const QJsonArray &parameters, const QJsonObject &responses)
{
    return {{u"tags"_s, QJsonArray {table.name}}, {u"summary"_s, summary},
        {u"operationId"_s, u"%1_%2"_s.arg(verb, table.name)}, {u"parameters"_s, parameters},
        {u"responses"_s, withErrors(responses)}};
}

QJsonObject requestBody(const QJsonObject &schema, const QString &description)
{
    return {{u"required"_s, true}, {u"description"_s, description},
        {u"content"_s, QJsonObject {{s_json, QJsonObject {{u"schema"_s, schema}}}}}};
}

QJsonObject pathItem(const Table &table, bool readOnly)
{
    const QStringList readParams {
        u"select"_s, u"order"_s, u"limit"_s, u"offset"_s, u"range"_s, u"rangeUnit"_s, u"preferCount"_s};
    const QJsonObject readResponses {{u"200"_s, rowsResponse(table, u"The rows"_s, true)},
        {u"206"_s, rowsResponse(table, u"Part of the rows"_s, true)}};
    const QJsonObject headResponses {{u"200"_s, rowsResponse(table, u"The rows' headers"_s, false)},
        {u"206"_s, rowsResponse(table, u"Part of the rows' headers"_s, false)}};
    const QJsonObject writeResponses {{u"200"_s, rowsResponse(table, u"The changed rows"_s, true)},
        {u"204"_s, QJsonObject {{u"description"_s, u"No Content"_s}}}};
    QJsonObject reads {
        {u"get"_s,
            operation(table, u"get"_s, u"Read rows of %1"_s.arg(table.name),
                parameterRefs(table, true, readParams), readResponses)},
        {u"head"_s,
            operation(table, u"head"_s, u"Count rows of %1"_s.arg(table.name),
                parameterRefs(table, true, readParams), headResponses)},
    };
    if (readOnly)
        return reads;
    const QJsonObject row = openApiRef(u"schemas"_s, table.name);
    const QJsonObject oneOrMany {
        {u"oneOf"_s, QJsonArray {row, QJsonObject {{u"type"_s, u"array"_s}, {u"items"_s, row}}}}};

    QJsonObject post = operation(table, u"post"_s, u"Insert or upsert rows into %1"_s.arg(table.name),
        parameterRefs(table, false, {u"select"_s, u"columns"_s, u"on_conflict"_s, u"preferPost"_s}),
        {{u"201"_s, rowsResponse(table, u"Created"_s, true)}});
    post.insert(u"requestBody"_s, requestBody(oneOrMany, u"One row or an array of rows"_s));
    QJsonObject patch
        = operation(table, u"patch"_s, u"Update the rows of %1 that match the filters"_s.arg(table.name),
            parameterRefs(table, true, {u"select"_s, u"preferReturn"_s}), writeResponses);
    patch.insert(u"requestBody"_s,
        requestBody(openApiRef(u"schemas"_s, table.name + u".update"_s), u"The columns to change"_s));
    reads.insert(u"post"_s, post);
    reads.insert(u"patch"_s, patch);
    reads.insert(u"delete"_s,
        operation(table, u"delete"_s, u"Delete the rows of %1 that match the filters"_s.arg(table.name),
            parameterRefs(table, true, {u"select"_s, u"preferReturn"_s}), writeResponses));
    return reads;
}

// The tables of \a project, then its views as the read-only tables they present.
std::vector<std::pair<Table, bool>> servedTables(const Project &project)
{
    std::vector<std::pair<Table, bool>> out;
    for (const Table &table : project.tables)
        out.emplace_back(table, false);
    for (const View &view : project.views)
        out.emplace_back(view.asTable(project), true);
    return out;
}

QJsonObject components(const Project &project)
{
    QJsonObject schemas {{u"Error"_s, openApiErrorSchema()}};
    QJsonObject parameters = commonParameters();
    for (const auto &[table, readOnly] : servedTables(project)) {
        schemas.insert(table.name, openApiRowSchema(project, table));
        if (!readOnly)
            schemas.insert(table.name + u".update"_s, openApiUpdateSchema(project, table));
        for (const Field &field : table.fields) {
            if (field.hidden)
                continue;
            parameters.insert(u"rowFilter.%1.%2"_s.arg(table.name, field.name),
                parameter(field.name, u"query"_s, stringSchema(), filterDescription(field)));
        }
    }
    const QJsonObject errorResponse {{u"description"_s, u"An error: {code, message, details, hint}"_s},
        {u"content"_s,
            QJsonObject {{s_json, QJsonObject {{u"schema"_s, openApiRef(u"schemas"_s, u"Error"_s)}}}}}};
    const QJsonObject contentRangeHeader {
        {u"description"_s, u"first-last/total of the rows sent, e.g. 0-19/42 (total * unless counted)"_s},
        {u"schema"_s, stringSchema(u"0-19/42"_s)}};
    const QJsonObject securitySchemes {
        {u"apikey"_s,
            QJsonObject {{u"type"_s, u"apiKey"_s}, {u"in"_s, u"header"_s}, {u"name"_s, u"apikey"_s}}},
        {u"bearer"_s,
            QJsonObject {{u"type"_s, u"http"_s}, {u"scheme"_s, u"bearer"_s}, {u"bearerFormat"_s, u"JWT"_s}}},
    };
    return {{u"schemas"_s, schemas}, {u"parameters"_s, parameters},
        {u"responses"_s, QJsonObject {{u"Error"_s, errorResponse}}},
        {u"headers"_s, QJsonObject {{u"ContentRange"_s, contentRangeHeader}}},
        {u"securitySchemes"_s, securitySchemes}};
}
} // namespace

QByteArray openApiDocument(const Project &project, const QString &serverUrl)
{
    QString description = project.description;
    if (!description.isEmpty())
        description += u"\n\n"_s;
    description += u"The data API of this project, served by Basalt in PostgREST's URL dialect, with its "
                   "functions (rpc, Edge Functions) and custom endpoints."_s;
    QJsonObject paths;
    QJsonArray tags;
    for (const auto &[table, readOnly] : servedTables(project)) {
        paths.insert(u"/rest/v1/"_s + table.name, pathItem(table, readOnly));
        QJsonObject tag {{u"name"_s, table.name}};
        if (!table.description.isEmpty())
            tag.insert(u"description"_s, table.description);
        tags.append(tag);
    }
    addOpenApiFunctionPaths(project, paths, tags);
    const QJsonObject document {
        {u"openapi"_s, u"3.0.3"_s},
        {u"info"_s,
            QJsonObject {
                {u"title"_s, project.name}, {u"description"_s, description}, {u"version"_s, u"1"_s}}},
        {u"servers"_s, QJsonArray {QJsonObject {{u"url"_s, serverUrl}}}},
        {u"tags"_s, tags},
        {u"paths"_s, paths},
        {u"components"_s, components(project)},
    };
    return QJsonDocument(document).toJson(QJsonDocument::Compact);
}

} // namespace Runtime
