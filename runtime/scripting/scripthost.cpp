// SPDX-License-Identifier: GPL-3.0-or-later
// The host API of functions (console, env, crypto, base64, http): the C++ side behind the JavaScript globals.
#include "scripthost.h"

#include "httpfetch.h"

#include <QCryptographicHash>
#include <QJSEngine>
#include <QLoggingCategory>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QUuid>

Q_LOGGING_CATEGORY(lcFunctionConsole, "basalt.functions.console")

namespace Runtime {

namespace {

// The longest string repeat(), padStart() and padEnd() may build (32 Mi characters, 64 MB): such a call
// runs in C++, where the time limit cannot stop it, so 'x'.repeat(1e9) fails at once instead.
constexpr int maxBuiltString = 32 * 1024 * 1024;

// Evaluated once per engine; `this` is the global object. Returns invoke(fn, req, row, old).
const char prelude[] = R"JS((function (host, maxLength) {
    'use strict';
    const global = this;
    const define = (name, value) => Object.defineProperty(global, name, {value, enumerable: false});
    function format(value) {
        if (typeof value === 'string') return value;
        if (value instanceof Error || value === null || typeof value !== 'object') return String(value);
        try { return JSON.stringify(value); } catch (error) { return String(value); }
    }
    const print = (level) => function (...args) { host.log(level, args.map(format).join(' ')); };
    define('console', Object.freeze({log: print(0), debug: print(0), info: print(1), warn: print(2), error: print(3)}));

    class HttpError extends Error {
        constructor(status, message, data) {
            super(message === undefined ? '' : String(message));
            this.name = 'HttpError';
            this.status = status;
            this.data = data;
        }
    }
    define('HttpError', HttpError);
    define('env', Object.freeze({get: (name) => host.env(String(name))}));
    define('crypto', Object.freeze({
        randomUUID: () => host.randomUUID(),
        hmacSha256: (key, message) => host.hmacSha256(String(key), String(message)),
        sha256: (message) => host.sha256(String(message)),
    }));
    define('btoa', (text) => host.btoa(String(text)));
    define('atob', (text) => host.atob(String(text)));

    function fetch(url, options) {
        const o = options || {};
        const headers = {};
        for (const name of Object.keys(o.headers || {})) headers[name] = String(o.headers[name]);
        let body = o.body;
        if (body !== undefined && body !== null && typeof body !== 'string') {
            body = JSON.stringify(body);
            if (!Object.keys(headers).some((n) => n.toLowerCase() === 'content-type'))
                headers['Content-Type'] = 'application/json';
        }
        const r = host.fetch(String(url), String(o.method || 'GET'), headers, body == null ? '' : body,
                             o.timeout === undefined ? -1 : Number(o.timeout));
        if (r.error !== undefined) throw new Error('http.fetch ' + url + ': ' + r.error);
        const text = r.body;
        return Object.freeze({status: r.status, ok: r.status >= 200 && r.status < 300, headers: r.headers,
                              text: () => text, json: () => JSON.parse(text)});
    }
    define('http', Object.freeze({fetch}));

    const guard = (name, resultLength) => {
        const original = String.prototype[name];
        Object.defineProperty(String.prototype, name, {writable: true, configurable: true, value: function (...args) {
            if (resultLength(String(this), ...args) > maxLength)
                throw new RangeError('Invalid string length: more than ' + maxLength + ' characters');
            return original.apply(this, args);
        }});
    };
    guard('repeat', (s, count) => s.length * Number(count));
    guard('padStart', (s, length) => Number(length));
    guard('padEnd', (s, length) => Number(length));

    // An array, read by index: no property name to allocate per call.
    const invoke = function (fn, req, row, old) {
        try { return [true, fn(req, row, old)]; } catch (error) { return [false, error]; }
    };

    // req: method, path and role as given; params, query, headers, body and user are asked for as JSON text
    // when first read (most functions read one or two, many none), then kept as the object's own values.
    const parts = ['params', 'query', 'headers', 'body', 'user'];
    const serialOf = Symbol('call');
    class Request {
        constructor(method, path, role, serial) {
            this.method = method;
            this.path = path;
            this.role = role;
            this[serialOf] = serial;
        }
        toJSON() {
            const out = {method: this.method, path: this.path};
            for (const name of parts)
                out[name] = this[name];
            out.role = this.role;
            return out;
        }
    }
    const own = (object, name, value) =>
        Object.defineProperty(object, name, {value, writable: true, enumerable: true, configurable: true});
    parts.forEach((name, at) => Object.defineProperty(Request.prototype, name, {
        get() { const value = JSON.parse(host.requestPart(this[serialOf], at)); own(this, name, value); return value; },
        set(value) { own(this, name, value); },
        enumerable: true, configurable: true}));
    // Arguments named, not spread: V4 spreads through an iterator, several allocations per call.
    Object.defineProperty(invoke, 'request', {value: (method, path, role, serial) => new Request(method, path, role, serial)});
    return invoke;
}))JS";

} // namespace

ScriptHost::ScriptHost(FunctionEnvironment environment)
    : m_environment(std::move(environment))
{ }

QJSValue ScriptHost::install(QJSEngine &engine)
{
    QJSEngine::setObjectOwnership(this, QJSEngine::CppOwnership);
    const QJSValue setup = engine.evaluate(QString::fromUtf8(prelude), preludeFileName());
    Q_ASSERT(setup.isCallable());
    const QJSValue invoke
        = setup.callWithInstance(engine.globalObject(), {engine.newQObject(this), maxBuiltString});
    Q_ASSERT(invoke.isCallable());
    return invoke;
}

ScriptHost::Call ScriptHost::beginCall(
    const QString &name, CallWatchdog::Clock::time_point deadline, std::function<QString(int part)> requestPart)
{
    return std::exchange(m_call, Call {name, deadline, {}, 0, m_nextSerial++, std::move(requestPart)});
}

QString ScriptHost::requestPart(double serial, int part) const
{
    if (quint64(serial) != m_call.serial || !m_call.requestPart)
        return QStringLiteral("null");
    return m_call.requestPart(part);
}

QList<ConsoleLine> ScriptHost::endCall(Call outer)
{
    if (m_call.droppedLines > 0) {
        m_call.console.append({ConsoleLine::Level::Warn,
            QStringLiteral("(%1 more console lines were not kept)").arg(m_call.droppedLines)});
    }
    const Call ended = std::exchange(m_call, std::move(outer));
    if (!m_call.function.isEmpty()) {
        for (const ConsoleLine &line : ended.console) {
            if (m_call.console.size() < maxConsoleLines)
                m_call.console.append({line.level, QStringLiteral("[%1] %2").arg(ended.function, line.text)});
            else
                ++m_call.droppedLines;
        }
    }
    return ended.console;
}

void ScriptHost::log(int level, const QString &text)
{
    const auto kind = ConsoleLine::Level(std::clamp(level, 0, 3));
    if (kind == ConsoleLine::Level::Warn || kind == ConsoleLine::Level::Error)
        qCWarning(lcFunctionConsole).noquote() << m_call.function << text.left(maxConsoleLineLength);
    else
        qCInfo(lcFunctionConsole).noquote() << m_call.function << text.left(maxConsoleLineLength);
    if (m_call.console.size() >= maxConsoleLines)
        ++m_call.droppedLines;
    else
        m_call.console.append({kind, text.left(maxConsoleLineLength)});
}

QJSValue ScriptHost::env(const QString &name) const
{
    const auto it = m_environment.constFind(name);
    return it == m_environment.constEnd() ? QJSValue(QJSValue::UndefinedValue) : QJSValue(*it);
}

QString ScriptHost::randomUUID() const
{
    // Version 4 from the system's cryptographic generator (RFC 9562, section 5.4).
    quint8 bytes[16];
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes), 4);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    return QUuid::fromRfc4122(QByteArrayView(bytes, 16)).toString(QUuid::WithoutBraces);
}

QString ScriptHost::hmacSha256(const QString &key, const QString &message) const
{
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(message.toUtf8(), key.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString ScriptHost::sha256(const QString &message) const
{
    return QString::fromLatin1(
        QCryptographicHash::hash(message.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QJSValue ScriptHost::btoa(const QString &binary)
{
    // As in browsers: each character is one byte; a character above U+00FF cannot be encoded.
    for (const QChar c : binary) {
        if (c.unicode() > 0xff) {
            qjsEngine(this)->throwError(QJSValue::RangeError,
                QStringLiteral("btoa: the text has a character above U+00FF; "
                               "encode it to bytes first"));
            return {};
        }
    }
    return QString::fromLatin1(binary.toLatin1().toBase64());
}

QJSValue ScriptHost::atob(const QString &base64)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        base64.trimmed().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        qjsEngine(this)->throwError(
            QJSValue::SyntaxError, QStringLiteral("atob: the text is not valid base64"));
        return {};
    }
    return QString::fromLatin1(*decoded);
}

QVariantMap ScriptHost::fetch(const QString &url, const QString &method, const QVariantMap &headers,
    const QString &body, double timeoutMs)
{
    using namespace std::chrono;
    FetchRequest request;
    request.url = url;
    request.method = method.toUpper().toLatin1();
    for (auto it = headers.constBegin(); it != headers.constEnd(); ++it)
        request.headers.append({it.key().toLatin1(), it.value().toString().toUtf8()});
    request.body = body.toUtf8();
    if (timeoutMs >= 0)
        request.timeout = milliseconds(qint64(timeoutMs));
    // Time spent here is not interrupted by the watchdog: the call's own deadline bounds the request.
    const auto remaining = ceil<milliseconds>(m_call.deadline - CallWatchdog::Clock::now());
    request.timeout = std::max(milliseconds(0), std::min(request.timeout, remaining));

    const FetchResponse response = fetchSynchronously(request);
    if (!response.error.isEmpty())
        return {{QStringLiteral("error"), response.error}};
    QVariantMap responseHeaders;
    for (const auto &[name, value] : response.headers) {
        const QString key = QString::fromLatin1(name);
        const QString text = QString::fromUtf8(value);
        responseHeaders.insert(key,
            responseHeaders.contains(key)
                ? responseHeaders.value(key).toString() + QStringLiteral(", ") + text
                : text);
    }
    return {{QStringLiteral("status"), response.status}, {QStringLiteral("headers"), responseHeaders},
        {QStringLiteral("body"), QString::fromUtf8(response.body)}};
}

} // namespace Runtime
