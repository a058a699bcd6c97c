// SPDX-License-Identifier: GPL-3.0-or-later
// callDataApi: a data-API request made in-process (a function's db builder), answered as postgrest-js answers.
#pragma once

#include "auth/caller.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace Runtime {

class RecordStore;
struct ServerConfig;

/** A request to /rest/v1/<table> as postgrest-js would send it, without the HTTP: what a function's
    `db.from(table)...` builder produces. */
struct DataApiCall
{
    QByteArray method = QByteArrayLiteral("GET"); ///< GET, HEAD, POST, PATCH or DELETE
    QString table;
    QByteArray query; ///< PostgREST's URL dialect, percent-encoded: `select=id,total&status=eq.pending`
    QList<QPair<QByteArray, QByteArray>> headers; ///< Prefer, Accept (single object, CSV), Range
    QByteArray body; ///< JSON text for POST and PATCH
};

/** Runs \a call as \a caller on \a store, through the data API's own handlers (the same parsing,
    validation, rules and errors as over HTTP), and returns what postgrest-js resolves a request to:
    `{data, error, count, status, statusText}`. data: the parsed JSON body (the CSV text for
    `Accept: text/csv`), null when empty or on error; error: the error body `{code, message, details,
    hint}` or null; count: the total from Content-Range when `Prefer: count=...` asked for it, else null.
    A JSON body that succeeded comes as its text in `dataJson` instead of `data`, for the engine's own
    JSON.parse: much cheaper than converting parsed objects into it. */
QJsonObject callDataApi(const DataApiCall &call, const ServerConfig &config, RecordStore &store, const Caller &caller);

} // namespace Runtime
