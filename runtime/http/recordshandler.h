// SPDX-License-Identifier: GPL-3.0-or-later
// /rest/v1/<table>: the data API's reads and writes, in PostgREST's dialect, on top of RecordStore.
#pragma once

#include "core/result.h"
#include "httpresponse.h"
#include "requestcontext.h"

namespace Runtime {

/** GET (and HEAD) /rest/v1/: the OpenAPI document of the data API (see openApiDocument()), its server
    URL taken from the request's Host header. */
Result<HttpResponse> handleApiDocument(const RequestContext &context);

/** GET (and HEAD) /rest/v1/:table. Returns 200 with the rows, or 206 when a range or limit left rows out
    and the total is known (`Prefer: count=exact`); `Content-Range: first-last/total`, where the total is `*`
   when unknown and the range is `*` when no row matched. `Accept` picks the format: JSON (default),
    `application/vnd.pgrst.object+json` (one object) or `text/csv`; anything else is answered 406. */
Result<HttpResponse> handleReadRecords(const RequestContext &context);

/** POST /rest/v1/:table: inserts (or upserts) the body's object or array of objects. Returns 201, with
    the inserted rows as body only for `Prefer: return=representation`. */
Result<HttpResponse> handleInsertRecords(const RequestContext &context);

/** PATCH /rest/v1/:table: updates the rows matching the filters. Returns 204, or 200 with the updated
    rows for `Prefer: return=representation`. Without a filter: UnfilteredWrite, unless the server
    allows unfiltered writes. */
Result<HttpResponse> handleUpdateRecords(const RequestContext &context);

/** DELETE /rest/v1/:table: deletes the rows matching the filters; responses as handleUpdateRecords(). */
Result<HttpResponse> handleDeleteRecords(const RequestContext &context);

} // namespace Runtime
