// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the project's JavaScript functions in a QJSEngine of the calling thread.
#pragma once

#include "callwatchdog.h"
#include "dbhost.h"
#include "functioncontext.h"
#include "functionenvironment.h"
#include "model/projectparts.h"
#include "scripthost.h"

#include <QByteArray>
#include <QHash>
#include <QJSValue>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>

#include <memory>
#include <optional>

class QJSEngine;

namespace Runtime {

/** The stack size of threads that run functions. JavaScript recursion is bounded by QV4's call-depth
    counter (QV4_MAX_CALL_DEPTH, 1234 on Linux), which assumes a main-thread-sized C stack; with this much
    stack the deepest recursion allowed ends in a RangeError, never in a crash. */
inline constexpr uint functionThreadStackSize = 8 * 1024 * 1024;

/** What a function receives as `req`. */
struct FunctionRequest
{
    QString method = QStringLiteral("POST");
    QString path;
    QJsonObject params; ///< path parameters
    QJsonObject query; ///< query parameters
    QJsonObject headers; ///< names in lowercase
    QJsonValue body; ///< the parsed JSON body, or the text of a non-JSON body
    /** A binary body (neither JSON nor text): given to the function as an ArrayBuffer instead of body. */
    std::optional<QByteArray> binaryBody;
    QJsonValue user; ///< the signed-in user's claims, or null
    QString role = QStringLiteral("anon");
};

/** The outcome of one call, ready to be sent as an HTTP response. */
struct FunctionResult
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QList<ConsoleLine> console;
    /** Empty when the function returned; otherwise the `code` of the error body: "function_error"
        (it threw), "function_timeout", "http_error" (it threw an HttpError), "function_invalid" (its code
        does not compile), "function_not_found", "response_too_large", "function_nesting" (calls nested too deep, see maxNesting). */
    QString errorCode;
    /** When it threw: the message it threw (an Error's or HttpError's message, a thrown string), without
        the "Error: " prefix of the body's message. */
    QString thrownMessage;
};

/** Runs functions in a QJSEngine it owns, made on the thread of its first call (a runner may be created
    elsewhere and moved with its owner to the thread that uses it): one runner per thread, never shared. Each function is compiled once per engine and called many times; a function is recompiled when
    its code changes (the cache is keyed by name and code). Every call has a time limit, enforced by a
    CallWatchdog that interrupts the engine from another thread; the same engine serves the next call. */
class FunctionRunner
{
public:
    /** The largest response body a function may return. */
    static constexpr qint64 maxResponseBytes = 10 * 1024 * 1024;
    /** How deep calls may nest: a function's `db` write runs a before trigger, whose `db` write runs
        another... A deeper call answers the error "function_nesting" instead of running. */
    static constexpr int maxNesting = 16;

    explicit FunctionRunner(
        FunctionEnvironment environment = {}, CallWatchdog &watchdog = CallWatchdog::shared());
    ~FunctionRunner();
    FunctionRunner(const FunctionRunner &) = delete;
    FunctionRunner &operator=(const FunctionRunner &) = delete;

    /** Makes \a object the global \a name of this runner's engine, for host APIs beyond the built-in
        ones. The caller keeps ownership; \a object must outlive the runner and live on its thread. */
    void addHostObject(const QString &name, QObject *object);

    /** Calls \a function with \a request (row and old are undefined) and returns its response. Its `db` runs
        in \a context; builders it never read run before this returns. */
    FunctionResult call(
        const ScriptFunction &function, const FunctionRequest &request, const FunctionCallContext &context = {});
    /** As call(), for the function of \a functions named \a name; 404 if there is none. */
    FunctionResult call(const std::vector<ScriptFunction> &functions, const QString &name,
        const FunctionRequest &request, const FunctionCallContext &context = {});

    /** Calls \a function as a trigger: `row` is \a row (null if \a row is nullptr) and `old` is \a old
        (null if empty). When the call returns, \a row is set to `row` as the function left it (JSON
        semantics: functions and undefined dropped, dates as ISO text); a `row` it replaced by something that
        is not an object is an error. */
    FunctionResult callTrigger(const ScriptFunction &function, const FunctionRequest &request,
        const FunctionCallContext &context, QJsonObject *row, const QJsonObject &old);

    /** Returns how many times functions were compiled by this runner (each function once per code). */
    int compileCount() const { return m_compileCount; }

private:
    struct Compiled
    {
        QString code;
        QJSValue function;
        QString error; ///< why it does not compile; empty if it does
        int errorLine = 0;
    };
    /** Creates the engine and its host API on first use: on the thread of the first call. */
    QJSEngine &engine();
    const Compiled &compiled(const ScriptFunction &function);
    FunctionResult run(const ScriptFunction &function, const FunctionRequest &request,
        const FunctionCallContext &context, QJsonObject *row, const QJsonObject &old, bool trigger);
    FunctionResult resultOf(const ScriptFunction &function, const QJSValue &outcome);
    FunctionResult thrownResult(const ScriptFunction &function, const QJSValue &error);
    FunctionResult rowAfter(const ScriptFunction &function, const QJSValue &rowValue, QJsonObject &row,
        FunctionResult result);

    std::unique_ptr<QJSEngine> m_engine;
    std::unique_ptr<ScriptHost> m_host;
    std::unique_ptr<DbHost> m_db;
    CallWatchdog &m_watchdog;
    QJSValue m_invoke;
    QJSValue m_makeRequest; ///< m_invoke.request: makes a `req` from JSON text
    QJSValue m_flush; ///< runs the db builders still pending
    QJSValue m_pendingCount; ///< m_flush.pendingCount: how many builders are pending
    QJSValue m_stringify;
    QHash<QString, Compiled> m_compiled; ///< by function name
    int m_depth = 0; ///< calls in progress: more than one while a nested call runs
    CallWatchdog::Clock::time_point m_outerDeadline; ///< the innermost running call's deadline
    int m_compileCount = 0;
};

} // namespace Runtime
