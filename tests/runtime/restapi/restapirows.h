// SPDX-License-Identifier: GPL-3.0-or-later
// The rows of tst_restapi: PostgREST-dialect requests on the seeded ecommerce shop and what they must answer.
#pragma once

#include <vector>

/** One HTTP exchange. Every field is UTF-8 text so the tables read like the requests they describe. */
struct ApiRow
{
    const char *name;
    const char *method = "GET";
    const char *path = ""; ///< after /rest/v1/, percent-encoded as sent
    const char *headers = ""; ///< "Name: value" lines separated by '\n'
    const char *body = ""; ///< "<large>": a valid JSON body just over 1 MiB
    const char *status = "200"; ///< "200", or alternatives "200|201"
    const char *expectHeaders = ""; ///< "Name: value" lines; Content-Type is compared up to ';'
    /** JSON with placeholders (see jsonMismatch()), "" for an empty body, "<any>" to skip, or exact text
        (CSV). Ignored when code is set. */
    const char *expected = "";
    const char *code = ""; ///< error rows: the JSON error's "code", or alternatives "PGRST100|42703"
    const char *fragment = ""; ///< error rows: text in message or details (case-insensitive); "re:" a regex
    const char *server = "main"; ///< "main", or "unfiltered" (another server: its rows change every row)
};

/** Requests that change nothing, on the seeded data. */
const std::vector<ApiRow> &readRows();

/** Writes and the reads that check them, in order (each row may depend on the ones before). */
const std::vector<ApiRow> &writeRows();

/** Text keys, keys that are foreign keys and array fields (the model tables of ShopServer), in order. */
const std::vector<ApiRow> &modelRows();
