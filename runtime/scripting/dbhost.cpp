// SPDX-License-Identifier: GPL-3.0-or-later
// DbHost: the C++ side of a function's `db` global, a postgrest-js-like builder over the data API.
#include "dbhost.h"

#include "http/dataapicall.h"
#include "http/httpresponse.h"

#include <QJSEngine>
#include <QJSValueIterator>
#include <QUrl>

namespace Runtime {

namespace {

// Evaluated once per engine; `this` is the global object. Builds the query string, headers and body exactly
// as postgrest-js 2.x does (its PostgrestQueryBuilder, PostgrestFilterBuilder and PostgrestTransformBuilder),
// so code moves between a Supabase app and a Basalt function unchanged but for `await`.
const char prelude[] = R"JS((function (host) {
    'use strict';
    const global = this;
    const pending = []; // builders built but not run, in the order they were built

    const reserved = /[,()]/;
    const listValue = (values) => Array.from(values, (v) =>
        typeof v === 'string' && reserved.test(v) ? '"' + v + '"' : String(v)).join(',');
    const collection = (value) => Array.isArray(value) ? '{' + value.join(',') + '}'
        : value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);

    class Query {
        constructor(table, service) {
            this._table = table;
            this._service = service;
            this._method = 'GET';
            this._params = [];
            this._headers = {};
            this._body = undefined;
            this._result = undefined;
            this._maybeSingle = false;
            this._throw = false;
            pending.push(this);
        }
        _changing() {
            if (this._result !== undefined)
                throw new Error('db: this query on "' + this._table + '" already ran when its result was read; '
                                + 'chain every filter and modifier before reading data, error or count');
            return this;
        }
        _get(key) {
            const found = this._params.find((p) => p[0] === key);
            return found === undefined ? undefined : found[1];
        }
        _set(key, value) {
            this._changing();
            this._params = this._params.filter((p) => p[0] !== key);
            this._params.push([key, String(value)]);
            return this;
        }
        _append(key, value) { this._changing(); this._params.push([key, String(value)]); return this; }
        _prefer(preference) {
            this._headers['Prefer'] = this._headers['Prefer'] ? this._headers['Prefer'] + ',' + preference : preference;
        }
        _run() {
            if (this._result !== undefined)
                return this._result;
            const at = pending.indexOf(this);
            if (at >= 0)
                pending.splice(at, 1);
            const params = [];
            for (const pair of this._params)
                params.push(pair[0], pair[1]);
            let result = host.request(this._service, this._method, this._table, params, this._headers, this._body);
            if (result.dataJson !== undefined)
                result = {data: JSON.parse(result.dataJson), error: null, count: result.count, status: result.status,
                          statusText: result.statusText};
            if (this._maybeSingle && result.error === null && Array.isArray(result.data)) {
                const rows = result.data;
                if (rows.length > 1)
                    result = {data: null, count: null, status: 406, statusText: 'Not Acceptable', error: {
                        code: 'PGRST116', message: 'JSON object requested, multiple (or no) rows returned',
                        details: 'Results contain ' + rows.length + ' rows, application/vnd.pgrst.object+json requires 1 row',
                        hint: null}};
                else
                    result = Object.assign({}, result, {data: rows.length === 1 ? rows[0] : null});
            }
            this._result = Object.freeze(result);
            if (this._throw && result.error !== null) {
                const error = new Error(result.error.message);
                error.name = 'PostgrestError';
                Object.assign(error, {code: result.error.code, details: result.error.details, hint: result.error.hint});
                throw error;
            }
            return this._result;
        }
        get data() { return this._run().data; }
        get error() { return this._run().error; }
        get count() { return this._run().count; }
        get status() { return this._run().status; }
        get statusText() { return this._run().statusText; }
        then(onFulfilled, onRejected) {
            let result;
            try { result = this._run(); } catch (error) { if (onRejected) return onRejected(error); throw error; }
            return onFulfilled ? onFulfilled(result) : result;
        }
        throwOnError() { this._changing(); this._throw = true; return this; }

        // PostgrestQueryBuilder
        select(columns, options) {
            const o = options || {};
            const text = String(columns === undefined ? '*' : columns);
            let cleaned = text;
            if (/[\s"]/.test(text)) { // postgrest-js drops whitespace outside quotes, one character at a time
                let quoted = false;
                cleaned = text.split('').map((c) => {
                    if (/\s/.test(c) && !quoted) return '';
                    if (c === '"') quoted = !quoted;
                    return c;
                }).join('');
            }
            this._set('select', cleaned);
            if (this._method === 'GET') {
                if (o.head) this._method = 'HEAD';
                if (o.count) this._prefer('count=' + o.count);
            } else {
                this._prefer('return=representation');
            }
            return this;
        }
        _write(method, values, options, preferences) {
            this._changing();
            const o = options || {};
            this._method = method;
            const prefer = preferences.slice();
            if (o.count) prefer.push('count=' + o.count);
            if (o.defaultToNull === false) prefer.push('missing=default');
            if (prefer.length > 0) this._headers['Prefer'] = prefer.join(',');
            if (values !== undefined) {
                this._body = JSON.stringify(values);
                if (Array.isArray(values) && method === 'POST') {
                    const columns = values.reduce((all, row) => all.concat(Object.keys(row)), []);
                    if (columns.length > 0)
                        this._set('columns', [...new Set(columns)].map((c) => '"' + c + '"').join(','));
                }
            }
            return this;
        }
        insert(values, options) { return this._write('POST', values, options, []); }
        upsert(values, options) {
            const o = options || {};
            this._write('POST', values, o, ['resolution=' + (o.ignoreDuplicates ? 'ignore' : 'merge') + '-duplicates']);
            if (o.onConflict !== undefined) this._set('on_conflict', o.onConflict);
            return this;
        }
        update(values, options) { return this._write('PATCH', values, options, []); }
        delete(options) { return this._write('DELETE', undefined, options, []); }

        // PostgrestFilterBuilder
        eq(column, value) { return this._append(column, 'eq.' + value); }
        neq(column, value) { return this._append(column, 'neq.' + value); }
        gt(column, value) { return this._append(column, 'gt.' + value); }
        gte(column, value) { return this._append(column, 'gte.' + value); }
        lt(column, value) { return this._append(column, 'lt.' + value); }
        lte(column, value) { return this._append(column, 'lte.' + value); }
        like(column, pattern) { return this._append(column, 'like.' + pattern); }
        likeAllOf(column, patterns) { return this._append(column, 'like(all).{' + patterns.join(',') + '}'); }
        likeAnyOf(column, patterns) { return this._append(column, 'like(any).{' + patterns.join(',') + '}'); }
        ilike(column, pattern) { return this._append(column, 'ilike.' + pattern); }
        ilikeAllOf(column, patterns) { return this._append(column, 'ilike(all).{' + patterns.join(',') + '}'); }
        ilikeAnyOf(column, patterns) { return this._append(column, 'ilike(any).{' + patterns.join(',') + '}'); }
        is(column, value) { return this._append(column, 'is.' + value); }
        in(column, values) { return this._append(column, 'in.(' + listValue(values) + ')'); }
        contains(column, value) { return this._append(column, 'cs.' + collection(value)); }
        containedBy(column, value) { return this._append(column, 'cd.' + collection(value)); }
        overlaps(column, value) { return this._append(column, 'ov.' + collection(value)); }
        textSearch(column, query, options) {
            const o = options || {};
            const type = {plain: 'pl', phrase: 'ph', websearch: 'w'}[o.type] || '';
            const config = o.config === undefined ? '' : '(' + o.config + ')';
            return this._append(column, type + 'fts' + config + '.' + query);
        }
        match(query) {
            for (const column of Object.keys(query)) this.eq(column, query[column]);
            return this;
        }
        not(column, operator, value) { return this._append(column, 'not.' + operator + '.' + value); }
        or(filters, options) {
            const o = options || {};
            const table = o.referencedTable || o.foreignTable;
            return this._append(table ? table + '.or' : 'or', '(' + filters + ')');
        }
        filter(column, operator, value) { return this._append(column, operator + '.' + value); }

        // PostgrestTransformBuilder
        order(column, options) {
            const o = options || {};
            const table = o.referencedTable || o.foreignTable;
            const key = table ? table + '.order' : 'order';
            const nulls = o.nullsFirst === undefined ? '' : o.nullsFirst ? '.nullsfirst' : '.nullslast';
            const term = column + '.' + (o.ascending === false ? 'desc' : 'asc') + nulls;
            const existing = this._get(key);
            return this._set(key, existing === undefined ? term : existing + ',' + term);
        }
        limit(count, options) {
            const o = options || {};
            const table = o.referencedTable || o.foreignTable;
            return this._set(table ? table + '.limit' : 'limit', count);
        }
        range(from, to, options) {
            const o = options || {};
            const table = o.referencedTable || o.foreignTable;
            this._set(table ? table + '.offset' : 'offset', from);
            return this._set(table ? table + '.limit' : 'limit', to - from + 1);
        }
        single() { this._changing(); this._headers['Accept'] = 'application/vnd.pgrst.object+json'; return this; }
        maybeSingle() { this._changing(); this._maybeSingle = true; return this; }
        csv() { this._changing(); this._headers['Accept'] = 'text/csv'; return this; }
        returns() { return this; }
        abortSignal() { return this; }
    }

    const database = (service) => Object.freeze({
        from: (table) => new Query(String(table), service),
        asService: () => database(true),
    });
    Object.defineProperty(global, 'db', {value: database(false), enumerable: false});

    // flush(mark) runs the builders built after the first `mark` ones: a call nested in another (a before
    // trigger run by the outer function's write) runs its own and leaves the outer call's pending.
    const flush = function (mark) {
        while (pending.length > mark)
            pending[mark]._run();
    };
    flush.pendingCount = () => pending.length;
    return flush;
}))JS";

QByteArray percentEncoded(const QString &text)
{
    return QUrl::toPercentEncoding(text);
}

QJsonObject failure(int status, const QString &code, const QString &message, const QString &hint)
{
    const QJsonObject error {{QStringLiteral("code"), code}, {QStringLiteral("message"), message},
        {QStringLiteral("details"), QJsonValue()}, {QStringLiteral("hint"), hint.isEmpty() ? QJsonValue() : hint}};
    return {{QStringLiteral("data"), QJsonValue()}, {QStringLiteral("error"), error},
        {QStringLiteral("count"), QJsonValue()}, {QStringLiteral("status"), status},
        {QStringLiteral("statusText"), QString::fromLatin1(reasonPhrase(status))}};
}

} // namespace

QJSValue DbHost::install(QJSEngine &engine)
{
    QJSEngine::setObjectOwnership(this, QJSEngine::CppOwnership);
    const QJSValue setup = engine.evaluate(QString::fromUtf8(prelude), QStringLiteral("basalt:db"));
    Q_ASSERT(setup.isCallable());
    const QJSValue flush = setup.callWithInstance(engine.globalObject(), {engine.newQObject(this)});
    Q_ASSERT(flush.isCallable());
    return flush;
}

QJsonObject DbHost::request(bool service, const QString &method, const QString &table, const QJSValue &params,
    const QJSValue &headers, const QJSValue &body)
{
    if (!m_context || !m_context->config || !m_context->store) {
        return failure(503, QStringLiteral("db_unavailable"),
            QStringLiteral("db is not available here: the function runs without a database"), {});
    }
    if (m_context->readOnly && method != QLatin1String("GET") && method != QLatin1String("HEAD")) {
        return failure(405, QStringLiteral("25006"),
            QStringLiteral("cannot %1 in a read-only function").arg(method == QLatin1String("POST") ? QStringLiteral("insert")
                    : method == QLatin1String("PATCH") ? QStringLiteral("update") : QStringLiteral("delete")),
            QStringLiteral("Clear \"read-only\" on the function to let it write."));
    }
    DataApiCall call;
    call.method = method.toLatin1();
    call.table = table;
    const int length = params.property(QStringLiteral("length")).toInt();
    for (int i = 0; i + 1 < length; i += 2) {
        if (!call.query.isEmpty())
            call.query += '&';
        call.query += percentEncoded(params.property(quint32(i)).toString()) + '='
            + percentEncoded(params.property(quint32(i + 1)).toString());
    }
    QJSValueIterator header(headers);
    while (header.hasNext()) {
        header.next();
        call.headers.append({header.name().toLatin1(), header.value().toString().toUtf8()});
    }
    if (body.isString())
        call.body = body.toString().toUtf8();
    return callDataApi(call, *m_context->config, *m_context->store, service ? Caller::service() : m_context->caller);
}

} // namespace Runtime
