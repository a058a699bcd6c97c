// SPDX-License-Identifier: GPL-3.0-or-later
// The rows of tst_access: one request each, as one persona, with the status and body it must get.
#pragma once

#include <vector>

/** One request of the access tests. Paths, headers, bodies and expected bodies may name the fixture's ids
    as {org1}, {alice}, {task1}, ... (see Saas in saasserver.h). */
struct AccessRow
{
    const char *name;
    /** Who sends it: anon, alice, adam, bob, service, or an attack on the keys and tokens (nokey, badkey,
        userkey, tampered, unsigned, expired, hs512, rs256, wrongaud, othersecret, nosub, evilclaim). */
    const char *as = "alice";
    const char *method = "GET";
    const char *path = ""; ///< below /rest/v1/
    const char *headers = ""; ///< extra "Name: value" lines
    const char *expectHeaders = ""; ///< "Name: value" lines the response must have
    const char *body = "";
    const char *status = "200"; ///< alternatives as "200|204"
    const char *expected = "<any>"; ///< JSON with placeholders, "" for no body, "<any>"
    const char *code = ""; ///< PostgREST error code, when the request must fail
    const char *fragment = ""; ///< text the error's message or details must contain
    bool unchanged = false; ///< the database must be exactly as before the request
};

/** Rule branches (absent, empty, expression, wrong user, other tenant, service role) for each operation, on
    the saas template. */
const std::vector<AccessRow> &ruleRows();
/** Tampered, unsigned, expired and wrong-algorithm tokens; injection; hidden and read-only fields; another
    tenant's rows through filters, embedding and upsert. */
const std::vector<AccessRow> &attackRows();
/** Hidden fields, expression rules and embedding on the ecommerce template (ShopServer, with the hidden
    products.internal_note): "ann" and "bob" are its two customers, "staff" has the custom role admin. */
const std::vector<AccessRow> &shopRows();
