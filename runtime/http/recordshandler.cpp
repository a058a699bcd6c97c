// SPDX-License-Identifier: GPL-3.0-or-later
// /rest/v1/<table>: the data API's reads and writes, in PostgREST's dialect, on top of RecordStore.
#include "recordshandler.h"

#include "apierror.h"
#include "openapi.h"
#include "query/postgrestparser.h"
#include "storage/recordstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace Runtime {

namespace {
struct MediaType
{
    ResultFormat format = ResultFormat::JsonArray;
    QByteArray contentType;
    bool stripNulls = false; ///< `;nulls=stripped`: object fields whose value is null are left out
};

// Removes the null-valued fields of every object in \a value, at every depth (PostgreSQL's json_strip_nulls).
QJsonValue withoutNulls(const QJsonValue &value)
{
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &element : value.toArray())
            out.append(withoutNulls(element));
        return out;
    }
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!it->isNull())
                out.insert(it.key(), withoutNulls(*it));
        }
        return out;
    }
    return value;
}

QByteArray strippedOfNulls(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (document.isArray())
        return QJsonDocument(withoutNulls(document.array()).toArray()).toJson(QJsonDocument::Compact);
    if (document.isObject())
        return QJsonDocument(withoutNulls(document.object()).toObject()).toJson(QJsonDocument::Compact);
    return json;
}

const QByteArray s_json = QByteArrayLiteral("application/json; charset=utf-8");

// Returns the format for one `Accept` entry (parameters such as q= or nulls= ignored), or nothing.
std::optional<MediaType> mediaTypeOf(const QByteArray &entry)
{
    const qsizetype parameters = entry.indexOf(';');
    const QByteArray type = (parameters < 0 ? entry : entry.left(parameters)).trimmed().toLower();
    bool stripped = false;
    if (parameters >= 0) {
        for (const QByteArray &parameter : entry.mid(parameters + 1).split(';'))
            stripped = stripped || parameter.trimmed().toLower() == "nulls=stripped";
    }
    if (type.isEmpty() || type == "application/json" || type == "application/*" || type == "*/*")
        return MediaType {ResultFormat::JsonArray, s_json};
    // PostgREST's vendor types; nulls=stripped (postgrest-js's stripNulls()) leaves null fields out.
    if (type == "application/vnd.pgrst.array+json" || type == "application/vnd.pgrst.array") {
        return stripped ? MediaType {ResultFormat::JsonArray,
                   QByteArrayLiteral("application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8"), true}
                        : MediaType {ResultFormat::JsonArray, s_json};
    }
    if (type == "application/vnd.pgrst.object+json" || type == "application/vnd.pgrst.object")
        return MediaType {ResultFormat::SingleObject,
            stripped ? QByteArrayLiteral("application/vnd.pgrst.object+json;nulls=stripped; charset=utf-8")
                     : QByteArrayLiteral("application/vnd.pgrst.object+json; charset=utf-8"),
            stripped};
    if (type == "text/csv" || type == "text/*")
        return MediaType {ResultFormat::Csv, QByteArrayLiteral("text/csv; charset=utf-8")};
    return std::nullopt;
}

// Returns the first type in \a accept that Basalt can write, in the client's order.
Result<MediaType> negotiate(const QByteArray &accept)
{
    if (accept.trimmed().isEmpty())
        return MediaType {ResultFormat::JsonArray, s_json};
    for (const QByteArray &entry : accept.split(',')) {
        if (const std::optional<MediaType> type = mediaTypeOf(entry))
            return *type;
    }
    return Error(ErrorCode::NotAcceptable,
        QStringLiteral("None of these media types are available: %1").arg(QString::fromUtf8(accept)));
}

Result<ApiQuery> parseQuery(const RequestContext &context)
{
    if (!context.recordStore)
        return Error(ErrorCode::ServiceUnavailable, QStringLiteral("No database is open on this thread."));
    const HttpRequest &request = context.request;
    const ApiQueryHeaders headers {
        request.header("Prefer"), request.header("Range"), request.header("Range-Unit")};
    return parseApiQuery(context.pathParameter(QStringLiteral("table")), request.rawQuery, headers);
}

QByteArray contentRange(const RecordResult &result)
{
    const QByteArray total
        = result.totalCount ? QByteArray::number(*result.totalCount) : QByteArrayLiteral("*");
    if (result.rowCount <= 0)
        return "*/" + total;
    return QByteArray::number(result.offset) + '-' + QByteArray::number(result.offset + result.rowCount - 1)
        + '/' + total;
}

// PostgREST answers 416 when a counted result has no row at the requested offset.
HttpResponse rangeNotSatisfiable(const RecordResult &result)
{
    const qint64 total = *result.totalCount;
    HttpResponse response = errorResponse(Error(ErrorCode::InvalidRange,
        QStringLiteral("Requested range not satisfiable: an offset of %1 was requested, but there %2.")
            .arg(QString::number(result.offset),
                total == 1 ? QStringLiteral("is only 1 row")
                           : QStringLiteral("are only %1 rows").arg(total))));
    response.setHeader(QByteArrayLiteral("Content-Range"), "*/" + QByteArray::number(*result.totalCount));
    return response;
}

// The response to a write: \a status with the rows as body when they were asked for, else \a emptyStatus.
HttpResponse writeResponse(const RecordResult &result, const WriteOptions &options, const MediaType &type,
    int status, int emptyStatus)
{
    HttpResponse response;
    response.status = options.returnRows ? status : emptyStatus;
    response.setHeader(QByteArrayLiteral("Content-Range"),
        "*/"
            + (result.totalCount ? QByteArray::number(*result.totalCount)
                                 : QByteArray::number(result.rowCount)));
    if (options.returnRows) {
        response.setHeader(QByteArrayLiteral("Content-Type"), type.contentType);
        response.body = type.stripNulls ? strippedOfNulls(result.body) : result.body;
    }
    return response;
}

// HTTP header values are ASCII: characters beyond it are written as JSON \u escapes (only strings have them).
QByteArray asciiJson(const QByteArray &json)
{
    QByteArray ascii;
    ascii.reserve(json.size());
    for (const QChar c : QString::fromUtf8(json)) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            ascii += "\\u" + QByteArray::number(c.unicode(), 16).rightJustified(4, '0');
        else
            ascii += char(c.unicode());
    }
    return ascii;
}

// With `X-Basalt-Explain` (the service key running as a user), adds the store's explanation of the request,
// allowed or refused, as the response's `X-Basalt-Explain` header.
Result<HttpResponse> explained(const RequestContext &context, Result<HttpResponse> response)
{
    if (!context.caller.explain)
        return response;
    HttpResponse shown = response ? std::move(response).value() : errorResponse(response.error());
    const QByteArray explanation = context.recordStore->lastExplain();
    if (!explanation.isEmpty())
        shown.setHeader(QByteArrayLiteral("X-Basalt-Explain"), asciiJson(explanation));
    return shown;
}

enum class RequestKind { Read, Insert, Update, Delete };

// PostgREST's `Preference-Applied`: the preferences honoured, in its fixed order, those that apply to the kind
// of request (resolution and missing to inserts, max-affected with handling=strict to updates and deletes).
QByteArray preferenceApplied(const Preferences &prefer, RequestKind kind)
{
    const auto applies = [kind, &prefer](QStringView key) {
        if (key == u"resolution")
            return kind == RequestKind::Insert;
        if (key == u"missing")
            return kind == RequestKind::Insert || kind == RequestKind::Update;
        if (key == u"return")
            return kind != RequestKind::Read;
        if (key == u"max-affected")
            return prefer.strict && (kind == RequestKind::Update || kind == RequestKind::Delete);
        return true;
    };
    QStringList out;
    for (const char16_t *name : {u"resolution", u"missing", u"return", u"count", u"tx", u"handling", u"max-affected"}) {
        const QStringView key(name);
        if (!applies(key))
            continue;
        for (const QString &given : prefer.applied) {
            if (given.size() > key.size() && given.startsWith(key) && given.at(key.size()) == u'=')
                out << given;
        }
    }
    return out.join(QStringLiteral(", ")).toLatin1();
}

void setPreferenceApplied(HttpResponse &response, const Preferences &prefer, RequestKind kind)
{
    if (const QByteArray applied = preferenceApplied(prefer, kind); !applied.isEmpty())
        response.setHeader(QByteArrayLiteral("Preference-Applied"), applied);
}

using WriteCall = Result<RecordResult> (*)(
    RecordStore &, const ApiQuery &, const QByteArray &, const WriteOptions &, ResultFormat, const Caller &);

// Parses the request, runs \a call on the thread's store and shapes the response (see the handlers).
Result<HttpResponse> runWriteUnexplained(
    const RequestContext &context, RequestKind kind, WriteCall call, int status, int emptyStatus)
{
    Result<ApiQuery> query = parseQuery(context);
    if (!query)
        return query.error();
    const Preferences &prefer = query->prefer;
    WriteOptions options;
    options.returnRows = prefer.returnPreference == Preferences::Return::Representation;
    options.rollback = prefer.transaction == Preferences::Transaction::Rollback;
    if (prefer.strict && (kind == RequestKind::Update || kind == RequestKind::Delete))
        options.maxAffected = prefer.maxAffected;
    MediaType type {ResultFormat::JsonArray, s_json};
    if (options.returnRows) {
        Result<MediaType> negotiated = negotiate(context.request.header("Accept"));
        if (!negotiated)
            return negotiated.error();
        type = *negotiated;
    }
    const Result<RecordResult> result
        = call(*context.recordStore, *query, context.request.body, options, type.format, context.caller);
    if (!result)
        return result.error();
    // An upsert that only updated existing rows is 200, as in PostgREST.
    if (result->insertedCount == 0)
        status = emptyStatus = 200;
    HttpResponse response = writeResponse(*result, options, type, status, emptyStatus);
    // return=headers-only: the new row's address, as PostgREST (one row inserted, the table has a key).
    if (kind == RequestKind::Insert && prefer.returnPreference == Preferences::Return::HeadersOnly
        && !result->location.isEmpty()) {
        response.setHeader(QByteArrayLiteral("Location"),
            QByteArrayLiteral("/") + QUrl::toPercentEncoding(query->table) + '?' + result->location.toUtf8());
    }
    setPreferenceApplied(response, prefer, kind);
    return response;
}

Result<HttpResponse> runWrite(
    const RequestContext &context, RequestKind kind, WriteCall call, int status, int emptyStatus)
{
    Result<HttpResponse> response = explained(context, runWriteUnexplained(context, kind, call, status, emptyStatus));
    // A view is read-only: PostgREST's 405 (PGRST117), with the methods it does accept.
    if (!response && response.error().code == ErrorCode::MethodNotAllowed) {
        HttpResponse refused = errorResponse(response.error());
        refused.setHeader(QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, HEAD"));
        return refused;
    }
    return response;
}

Result<HttpResponse> readRecords(const RequestContext &context);
} // namespace

Result<HttpResponse> handleApiDocument(const RequestContext &context)
{
    const QByteArray host = context.request.header("Host");
    const QString serverUrl
        = host.isEmpty() ? QString() : QStringLiteral("http://") + QString::fromUtf8(host);
    HttpResponse response;
    response.setHeader(
        QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/openapi+json; charset=utf-8"));
    response.body = openApiDocument(context.project(), serverUrl);
    return response;
}

Result<HttpResponse> handleReadRecords(const RequestContext &context)
{
    return explained(context, readRecords(context));
}

namespace {
Result<HttpResponse> readRecords(const RequestContext &context)
{
    const Result<MediaType> type = negotiate(context.request.header("Accept"));
    if (!type)
        return type.error();
    const Result<ApiQuery> query = parseQuery(context);
    if (!query)
        return query.error();
    Result<RecordResult> result = context.recordStore->read(*query, type->format, context.caller);
    if (!result)
        return result.error();

    if (result->totalCount && result->rowCount == 0 && result->offset > 0
        && result->offset >= *result->totalCount)
        return rangeNotSatisfiable(*result);

    HttpResponse response;
    const bool partial = result->totalCount
        && (result->offset > 0 || result->offset + result->rowCount < *result->totalCount);
    response.status = partial ? 206 : 200;
    response.setHeader(QByteArrayLiteral("Content-Type"), type->contentType);
    response.setHeader(QByteArrayLiteral("Content-Range"), contentRange(*result));
    setPreferenceApplied(response, query->prefer, RequestKind::Read);
    response.body = type->stripNulls ? strippedOfNulls(result->body) : std::move(result->body);
    return response;
}

} // namespace

Result<HttpResponse> handleInsertRecords(const RequestContext &context)
{
    return runWrite(
        context, RequestKind::Insert,
        [](RecordStore &store, const ApiQuery &query, const QByteArray &body, const WriteOptions &options,
            ResultFormat format, const Caller &caller) { return store.insert(query, body, options, format, caller); },
        201, 201);
}

Result<HttpResponse> handleUpdateRecords(const RequestContext &context)
{
    return runWrite(
        context, RequestKind::Update,
        [](RecordStore &store, const ApiQuery &query, const QByteArray &body, const WriteOptions &options,
            ResultFormat format, const Caller &caller) { return store.update(query, body, options, format, caller); },
        200, 204);
}

Result<HttpResponse> handleDeleteRecords(const RequestContext &context)
{
    return runWrite(
        context, RequestKind::Delete,
        [](RecordStore &store, const ApiQuery &query, const QByteArray &, const WriteOptions &options,
            ResultFormat format, const Caller &caller) { return store.remove(query, options, format, caller); },
        200, 204);
}

} // namespace Runtime
