// SPDX-License-Identifier: GPL-3.0-or-later
// Parses a /rest/v1 request's query string and headers (PostgREST's URL dialect) into an ApiQuery.
#pragma once

#include "core/result.h"
#include "query/apiquery.h"

#include <QByteArray>
#include <QString>

namespace Runtime {

/** The request headers the parser reads; absent headers are empty. */
struct ApiQueryHeaders
{
    QByteArray prefer;     ///< `Prefer: return=representation, count=exact, resolution=merge-duplicates`
    QByteArray range;      ///< `Range: 0-19`
    QByteArray rangeUnit;  ///< `Range-Unit: items`
};

/** Limits on what one query may ask for, so that no request can exhaust the databases' parsers (SQLite:
    2,000 columns, expression depth 1,000) or tie a request thread up planning it. Over one: 400
    (PGRST100) naming the limit. */
struct ApiQueryLimits
{
    static constexpr int maxSelectItems = 1000; ///< columns and embedded resources in select=, all levels
    static constexpr int maxEmbedDepth = 16;    ///< embedded resources within embedded resources
    static constexpr int maxConditionDepth = 16; ///< and()/or() within one another
    static constexpr int maxConditions = 500;   ///< conditions in one or=/and= parameter, all levels
    static constexpr int maxListValues = 10000; ///< values of one in.(...) list
    static constexpr int maxFilters = 500;      ///< query parameters (filters and the others) of one request
    static constexpr int maxPatternLength = 1000; ///< characters of a match/imatch regular expression
};

/** Parses the query string \a rawQuery (still percent-encoded, without '?') of a request to
    /rest/v1/\a table. Only syntax is checked here; names are checked against the model by RecordStore.
    Returns BadQuery (PGRST100) naming the parameter and the position where parsing failed and what was
    expected, or InvalidRange. */
Result<ApiQuery> parseApiQuery(const QString &table, const QByteArray &rawQuery, const ApiQueryHeaders &headers);

} // namespace Runtime
