// SPDX-License-Identifier: GPL-3.0-or-later
// The host API of functions (console, env, crypto, base64, http): the C++ side behind the JavaScript globals.
#pragma once

#include "callwatchdog.h"
#include "consoleline.h"
#include "functionenvironment.h"

#include <QJSValue>
#include <QList>
#include <QObject>

#include <functional>
#include <QVariantMap>

class QJSEngine;

namespace Runtime {

/** The C++ half of the host API of one engine. install() evaluates a JavaScript prelude once per engine
    that defines the globals console, env, crypto, btoa, atob, http and HttpError on top of this object,
    which itself is not reachable from user code. Owned by its FunctionRunner (C++ ownership, so the
    engine's garbage collector never deletes it); lives and is called on the runner's thread. */
class ScriptHost : public QObject
{
    Q_OBJECT

public:
    /** The most lines one call keeps; more are counted, not kept. */
    static constexpr int maxConsoleLines = 1000;
    /** The longest console line kept, in characters. */
    static constexpr int maxConsoleLineLength = 10000;

    explicit ScriptHost(FunctionEnvironment environment);

    /** The file name of the prelude's code, as it appears in stack traces. */
    static QString preludeFileName() { return QStringLiteral("basalt:prelude"); }

    /** Defines the globals in \a engine. Returns the function the runner calls each function through:
        invoke(fn, req, row, old) → [true, value] or [false, error] (the thrown value). Its property
        `request(method, path, role, serial)` makes the `req` of the call \a serial (callSerial()), whose
        other parts come from requestPart() when the function first reads them. */
    QJSValue install(QJSEngine &engine);

    /** What the host keeps about the call in progress. */
    struct Call
    {
        QString function; ///< empty when no call is in progress
        CallWatchdog::Clock::time_point deadline;
        QList<ConsoleLine> console;
        int droppedLines = 0;
        quint64 serial = 0; ///< tells this call's `req` from one a function kept from an earlier call
        /** The JSON text of `req`'s part \a part (params, query, headers, body, user), asked for when the
            function first reads it. */
        std::function<QString(int part)> requestPart;
    };
    /** Starts a call of the function \a name that must end by \a deadline (bounds http.fetch). Returns
        the call it interrupts (a function whose write runs a before trigger), to give back to endCall(). */
    Call beginCall(const QString &name, CallWatchdog::Clock::time_point deadline,
        std::function<QString(int part)> requestPart = {});
    /** The serial of the call in progress (see Call::serial). */
    quint64 callSerial() const { return m_call.serial; }
    /** Ends the call and resumes \a outer; returns the console lines the call printed. They are also kept
        in \a outer's console, prefixed with the call's function name, when \a outer is a call. */
    QList<ConsoleLine> endCall(Call outer);

    Q_INVOKABLE void log(int level, const QString &text);
    /** The JSON text of part \a part of the `req` of call \a serial; "null" once that call has ended. */
    Q_INVOKABLE QString requestPart(double serial, int part) const;
    Q_INVOKABLE QJSValue env(const QString &name) const;
    Q_INVOKABLE QString randomUUID() const;
    Q_INVOKABLE QString hmacSha256(const QString &key, const QString &message) const;
    Q_INVOKABLE QString sha256(const QString &message) const;
    Q_INVOKABLE QJSValue btoa(const QString &binary);
    Q_INVOKABLE QJSValue atob(const QString &base64);
    Q_INVOKABLE QVariantMap fetch(const QString &url, const QString &method, const QVariantMap &headers,
        const QString &body, double timeoutMs);

private:
    FunctionEnvironment m_environment;
    Call m_call;
    quint64 m_nextSerial = 1;
};

} // namespace Runtime
