// SPDX-License-Identifier: GPL-3.0-or-later
// DbHost: the C++ side of a function's `db` global, a postgrest-js-like builder over the data API.
#pragma once

#include "functioncontext.h"

#include <QJSValue>
#include <QJsonObject>
#include <QObject>

class QJSEngine;

namespace Runtime {

/** Defines the globals `db` in an engine: `db.from(table)` returns a builder with postgrest-js's vocabulary
    (select, insert, upsert, update, delete; eq, neq, gt, gte, lt, lte, like, ilike, is, in, contains,
    containedBy, overlaps, textSearch, match, not, or, filter; order, limit, range, single, maybeSingle, csv,
    throwOnError). QJSEngine has no await, so a builder runs synchronously when its result is first read
    (data, error, count, status, statusText, then()) or, if it never is, when the function returns; those
    run in the order they were built. Each runs through callDataApi() with the call's context
    (FunctionCallContext): the caller's rules, or none after `db.asService()`. Owned by its FunctionRunner,
    lives and is called on the runner's thread. */
class DbHost : public QObject
{
    Q_OBJECT

public:
    /** Defines `db` in \a engine. Returns flush(mark), which the runner calls when a function returns: it
        runs the builders still pending after the first \a mark, in order; its property pendingCount()
        gives the mark at the start of a call. */
    QJSValue install(QJSEngine &engine);

    /** The context of the call about to run; nullptr between calls. Not owned. */
    void setContext(const FunctionCallContext *context) { m_context = context; }
    const FunctionCallContext *context() const { return m_context; }

    /** Runs one data-API request for a builder: \a params are the query's [name, value] pairs in order,
        \a headers an object of header values, \a body JSON text or undefined. Returns
        `{data, error, count, status, statusText}`. */
    Q_INVOKABLE QJsonObject request(bool service, const QString &method, const QString &table,
        const QJSValue &params, const QJSValue &headers, const QJSValue &body);

private:
    const FunctionCallContext *m_context = nullptr;
};

} // namespace Runtime
