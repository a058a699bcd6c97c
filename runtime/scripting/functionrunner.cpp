// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the project's JavaScript functions in a QJSEngine of the calling thread.
#include "functionrunner.h"

#include "functionsource.h"
#include "functionsource_p.h"

#include <QJSEngine>
#include <QJSValueIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcFunctions, "basalt.functions")

namespace Runtime {

namespace {

const QByteArray contentType = QByteArrayLiteral("content-type");
const QByteArray jsonType = QByteArrayLiteral("application/json");

// The error body of a failed call: {code, message, function, line}; line is null when unknown.
FunctionResult errorResult(
    int status, const QString &code, const QString &message, const QString &function, int line = 0)
{
    FunctionResult result;
    result.status = status;
    result.errorCode = code;
    const QJsonObject body {{QStringLiteral("code"), code}, {QStringLiteral("message"), message},
        {QStringLiteral("function"), function},
        {QStringLiteral("line"), line > 0 ? QJsonValue(line) : QJsonValue()}};
    result.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    result.headers = {{contentType, jsonType}};
    return result;
}

// A returned object is a response if it has a numeric status and nothing but status, headers and body.
/** Returns \a value as JSON text ("null" for undefined). */
QString jsonText(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("null");
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

bool isResponseShape(const QJSValue &value)
{
    if (!value.isObject() || value.isArray() || value.isCallable()
        || !value.property(QStringLiteral("status")).isNumber())
        return false;
    static const QStringList keys {
        QStringLiteral("status"), QStringLiteral("headers"), QStringLiteral("body")};
    QJSValueIterator it(value);
    while (it.hasNext()) {
        it.next();
        if (!keys.contains(it.name()))
            return false;
    }
    return true;
}

// The line of the function's own code where \a error was thrown: the first frame of its stack that is not in
// the host API's preludes (a RangeError from 'x'.repeat() is thrown there). 0 if unknown.
int functionLine(const QJSValue &error)
{
    const QString stack = error.property(QStringLiteral("stack")).toString();
    if (stack.isEmpty())
        return error.property(QStringLiteral("lineNumber")).toInt();
    for (const QString &frame : stack.split(QLatin1Char('\n'))) {
        const QString location = frame.mid(frame.indexOf(QLatin1Char('@')) + 1); // "file:name:3"
        const qsizetype colon = location.lastIndexOf(QLatin1Char(':'));
        // The host API's preludes are "basalt:prelude" and "basalt:db"; a function's file is its name.
        if (colon < 0 || location.left(colon).contains(QLatin1String("basalt:")))
            continue;
        bool ok = false;
        const int line = location.mid(colon + 1).toInt(&ok);
        if (ok)
            return line;
    }
    return 0;
}

bool hasHeader(const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &name)
{
    return std::any_of(headers.begin(), headers.end(), [&](const auto &h) { return h.first == name; });
}

} // namespace

FunctionRunner::FunctionRunner(FunctionEnvironment environment, CallWatchdog &watchdog)
    : m_host(std::make_unique<ScriptHost>(std::move(environment)))
    , m_db(std::make_unique<DbHost>())
    , m_watchdog(watchdog)
{ }

FunctionRunner::~FunctionRunner()
{
    if (!m_engine)
        return;
    m_compiled.clear();
    m_invoke = QJSValue();
    m_makeRequest = QJSValue();
    m_flush = QJSValue();
    m_pendingCount = QJSValue();
    m_stringify = QJSValue();
    // ~QJSEngine does not collect garbage (its documentation): free the heap first.
    m_engine->collectGarbage();
}

QJSEngine &FunctionRunner::engine()
{
    if (!m_engine) {
        m_engine = std::make_unique<QJSEngine>();
        m_invoke = m_host->install(*m_engine);
        m_makeRequest = m_invoke.property(QStringLiteral("request"));
        m_flush = m_db->install(*m_engine);
        m_pendingCount = m_flush.property(QStringLiteral("pendingCount"));
        m_stringify
            = m_engine->globalObject().property(QStringLiteral("JSON")).property(QStringLiteral("stringify"));
    }
    return *m_engine;
}

void FunctionRunner::addHostObject(const QString &name, QObject *object)
{
    QJSEngine::setObjectOwnership(object, QJSEngine::CppOwnership);
    engine().globalObject().setProperty(name, engine().newQObject(object));
}

const FunctionRunner::Compiled &FunctionRunner::compiled(const ScriptFunction &function)
{
    const auto found = m_compiled.constFind(function.name);
    if (found != m_compiled.constEnd() && found->code == function.code)
        return *found;
    Compiled c;
    c.code = function.code;
    // Only a body that checkFunctionSource() accepts stays inside its wrapper, so evaluating the wrapper
    // creates the function and runs none of it.
    if (const std::optional<ScriptDiagnostic> syntax = checkFunctionSource(function.code)) {
        c.error = QStringLiteral("line %1, column %2: %3")
                      .arg(syntax->line)
                      .arg(syntax->column)
                      .arg(syntax->message);
        c.errorLine = syntax->line;
    } else {
        const QJSValue value = engine().evaluate(wrapFunctionSource(function.code), function.name, 1);
        if (value.isCallable()) {
            c.function = value;
        } else {
            c.error = value.toString();
            c.errorLine = value.property(QStringLiteral("lineNumber")).toInt();
        }
    }
    ++m_compileCount;
    return *m_compiled.insert(function.name, c);
}

FunctionResult FunctionRunner::call(const std::vector<ScriptFunction> &functions, const QString &name,
    const FunctionRequest &request, const FunctionCallContext &context)
{
    for (const ScriptFunction &function : functions) {
        if (function.name == name)
            return call(function, request, context);
    }
    return errorResult(404, QStringLiteral("function_not_found"),
        QStringLiteral("There is no function named \"%1\"").arg(name), name);
}

FunctionResult FunctionRunner::call(
    const ScriptFunction &function, const FunctionRequest &request, const FunctionCallContext &context)
{
    return run(function, request, context, nullptr, {}, false);
}

FunctionResult FunctionRunner::callTrigger(const ScriptFunction &function, const FunctionRequest &request,
    const FunctionCallContext &context, QJsonObject *row, const QJsonObject &old)
{
    return run(function, request, context, row, old, true);
}

FunctionResult FunctionRunner::run(const ScriptFunction &function, const FunctionRequest &request,
    const FunctionCallContext &context, QJsonObject *row, const QJsonObject &old, bool trigger)
{
    if (m_depth >= maxNesting) {
        qCWarning(lcFunctions).noquote() << function.name << "was not run: calls nest" << m_depth << "deep";
        return errorResult(500, QStringLiteral("function_nesting"),
            QStringLiteral("Functions and triggers call each other more than %1 deep (does a before trigger "
                           "write to its own table?)").arg(maxNesting),
            function.name);
    }
    const Compiled &c = compiled(function);
    if (!c.error.isEmpty()) {
        qCWarning(lcFunctions).noquote() << function.name << "does not compile:" << c.error;
        return errorResult(500, QStringLiteral("function_invalid"),
            QStringLiteral("The function's code does not compile: %1").arg(c.error), function.name,
            c.errorLine);
    }

    // A call nested in another (the outer function's write runs a before trigger) must end by the outer
    // call's deadline too; it sets the outer call's console, db context and pending builders aside.
    const bool nested = m_depth > 0;
    const std::optional<CallWatchdog::Clock::time_point> outerDeadline
        = nested ? std::optional(m_outerDeadline) : std::nullopt;
    const CallWatchdog::Clock::time_point deadline = std::min(
        CallWatchdog::Clock::now() + std::chrono::milliseconds(function.timeoutMs),
        outerDeadline.value_or(CallWatchdog::Clock::time_point::max()));
    // req's parts are made (as JSON text, which the engine parses) only when the function reads them.
    ScriptHost::Call outerCall = m_host->beginCall(function.name, deadline, [&request](int part) {
        switch (part) {
        case 0: return jsonText(request.params);
        case 1: return jsonText(request.query);
        case 2: return jsonText(request.headers);
        case 3: return jsonText(request.body);
        default: return jsonText(request.user);
        }
    });
    QJSValue reqValue = m_makeRequest.call(
        {request.method, request.path, request.role, double(m_host->callSerial())});
    if (request.binaryBody)
        reqValue.setProperty(QStringLiteral("body"), m_engine->toScriptValue(*request.binaryBody));
    const FunctionCallContext *outerContext = m_db->context();
    const QJSValue mark = m_pendingCount.call();
    if (!nested)
        m_engine->setInterrupted(false); // sticky: a previous timeout left it set
    const quint64 token = m_watchdog.arm(m_engine.get(), deadline);
    ++m_depth;
    m_outerDeadline = deadline;
    // A trigger's missing row or old is null; outside triggers both are undefined.
    const QJSValue none = trigger ? QJSValue(QJSValue::NullValue) : QJSValue();
    const QJSValue rowValue = row ? m_engine->toScriptValue(*row) : none;
    const QJSValue oldValue = old.isEmpty() ? none : m_engine->toScriptValue(old);
    m_db->setContext(&context);
    QJSValue outcome = m_invoke.call({c.function, reqValue, rowValue, oldValue});
    // Builders the function never read run now, in order, within its time limit; one that fails to run
    // (its throwOnError(), the watchdog) fails the call as a throw would.
    if (!outcome.isError()) {
        const QJSValue flushed = m_invoke.call({m_flush, mark, QJSValue(), QJSValue()});
        if (flushed.isError() || (outcome.property(0).toBool() && !flushed.property(0).toBool()))
            outcome = flushed;
    }
    m_db->setContext(outerContext);
    --m_depth;
    if (outerDeadline)
        m_outerDeadline = *outerDeadline;
    // The trampoline catches whatever the function throws: an Error here is the watchdog's interruption.
    // Serialising the result counts towards the time limit.
    FunctionResult result = outcome.isError() ? FunctionResult() : resultOf(function, outcome);
    if (row && result.errorCode.isEmpty() && !outcome.isError())
        result = rowAfter(function, rowValue, *row, std::move(result));
    // A call that ends past its deadline timed out, even if it ended before the watchdog woke up (a
    // http.fetch() bounded by the remaining time ends right at the deadline).
    const bool timedOut = m_watchdog.disarm(token) || CallWatchdog::Clock::now() >= deadline;
    // The outer call resumes unless its own time is up: then it stops too.
    m_engine->setInterrupted(outerDeadline && CallWatchdog::Clock::now() >= *outerDeadline);
    if (timedOut || outcome.isError()) {
        qCWarning(lcFunctions).noquote()
            << function.name << "was stopped after" << function.timeoutMs << "ms";
        result = errorResult(500, QStringLiteral("function_timeout"),
            QStringLiteral("The function ran longer than its time limit of %1 ms").arg(function.timeoutMs),
            function.name);
    }
    result.console = m_host->endCall(std::move(outerCall));
    return result;
}

FunctionResult FunctionRunner::resultOf(const ScriptFunction &function, const QJSValue &outcome)
{
    if (!outcome.property(0).toBool())
        return thrownResult(function, outcome.property(1));
    const QJSValue value = outcome.property(1);

    FunctionResult result;
    QJSValue body = value;
    if (isResponseShape(value)) {
        result.status = value.property(QStringLiteral("status")).toInt();
        if (result.status < 100 || result.status > 599) {
            return errorResult(500, QStringLiteral("function_error"),
                QStringLiteral("The function returned the status %1, which is not an HTTP status")
                    .arg(value.property(QStringLiteral("status")).toString()),
                function.name);
        }
        QJSValueIterator header(value.property(QStringLiteral("headers")));
        while (header.hasNext()) {
            header.next();
            result.headers.append({header.name().toLatin1().toLower(), header.value().toString().toUtf8()});
        }
        body = value.property(QStringLiteral("body"));
        if (body.isUndefined())
            return result;
        if (body.isString()) {
            result.body = body.toString().toUtf8();
            if (!hasHeader(result.headers, contentType))
                result.headers.append({contentType, QByteArrayLiteral("text/plain; charset=utf-8")});
            return result;
        }
        if (const QVariant bytes = body.toVariant(); bytes.metaType() == QMetaType::fromType<QByteArray>()) {
            result.body = bytes.toByteArray(); // an ArrayBuffer
            if (!hasHeader(result.headers, contentType))
                result.headers.append({contentType, QByteArrayLiteral("application/octet-stream")});
            return result;
        }
    }
    const QJSValue json = m_stringify.call({body});
    if (json.isError())
        return thrownResult(function, json);
    result.body = json.isUndefined() ? QByteArrayLiteral("null") : json.toString().toUtf8();
    if (!hasHeader(result.headers, contentType))
        result.headers.append({contentType, jsonType});
    if (result.body.size() > maxResponseBytes) {
        return errorResult(500, QStringLiteral("response_too_large"),
            QStringLiteral("The function's response is larger than %1 bytes").arg(maxResponseBytes),
            function.name);
    }
    return result;
}

FunctionResult FunctionRunner::thrownResult(const ScriptFunction &function, const QJSValue &error)
{
    const QString name = error.property(QStringLiteral("name")).toString();
    if (error.isObject() && name == QLatin1String("HttpError")) {
        const int status = error.property(QStringLiteral("status")).toInt();
        FunctionResult result
            = errorResult(status >= 400 && status <= 599 ? status : 500, QStringLiteral("http_error"),
                error.property(QStringLiteral("message")).toString(), function.name);
        result.thrownMessage = error.property(QStringLiteral("message")).toString();
        QJsonObject body {{QStringLiteral("code"), result.errorCode},
            {QStringLiteral("message"), error.property(QStringLiteral("message")).toString()}};
        if (const QJSValue data = error.property(QStringLiteral("data")); !data.isUndefined())
            body.insert(QStringLiteral("data"), QJsonValue::fromVariant(data.toVariant()));
        result.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        return result;
    }
    if (error.isError()) {
        const int line = functionLine(error);
        qCWarning(lcFunctions).noquote() << function.name << "threw" << error.toString() << "at line" << line
                                         << "stack:" << error.property(QStringLiteral("stack")).toString();
        FunctionResult result = errorResult(500, QStringLiteral("function_error"), error.toString(), function.name, line);
        result.thrownMessage = error.property(QStringLiteral("message")).toString();
        return result;
    }
    QString text = error.isString() ? error.toString() : m_stringify.call({error}).toString();
    if (text.isEmpty())
        text = error.toString();
    if (text.size() > 200)
        text = text.left(200) + QStringLiteral("…");
    qCWarning(lcFunctions).noquote() << function.name << "threw a value that is not an Error:" << text;
    FunctionResult result = errorResult(500, QStringLiteral("function_error"),
        QStringLiteral("The function threw a value that is not an Error: %1").arg(text), function.name);
    result.thrownMessage = text;
    return result;
}

FunctionResult FunctionRunner::rowAfter(
    const ScriptFunction &function, const QJSValue &rowValue, QJsonObject &row, FunctionResult result)
{
    const QJSValue json = m_stringify.call({rowValue});
    const QJsonDocument document = QJsonDocument::fromJson(json.toString().toUtf8());
    if (json.isError() || !document.isObject())
        return errorResult(500, QStringLiteral("function_error"),
            QStringLiteral("The trigger's row cannot be written as JSON (a cycle?)"), function.name);
    row = document.object();
    return result;
}

} // namespace Runtime
