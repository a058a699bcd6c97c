// SPDX-License-Identifier: GPL-3.0-or-later
// applyRowSetQuery: PostgREST's filters, select, order and paging applied to rows a function returned.
#pragma once

#include "core/result.h"
#include "query/apiquery.h"

#include <QJsonArray>

namespace Runtime {

/** Applies the root level of \a query to \a rows (JSON objects a function returned through
    /rest/v1/rpc/), as PostgREST applies them to a set-returning function's result: the filters (eq, neq,
    gt, gte, lt, lte, like, ilike, in, is, isdistinct, with not. and and()/or() groups), order, offset and
    limit, then the select's plain columns (`*`, `name`, `alias:name`). Values compare as numbers when both
    are numbers, else as text. Returns BadQuery for what a returned row set cannot do (embedding, JSON paths,
    aggregates, full-text search, pattern matches), naming it. \a total, if given, is set to the number of rows
    that passed the filters, before offset and limit (for Content-Range). */
Result<QJsonArray> applyRowSetQuery(const QJsonArray &rows, const ApiQuery &query, qsizetype *total = nullptr);

} // namespace Runtime
