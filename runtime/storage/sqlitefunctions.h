// SPDX-License-Identifier: GPL-3.0-or-later
// SQL functions Basalt adds to its SQLite connections, for the filters SQLite has no operator for.
#pragma once

#include "core/result.h"

#include <QSqlDatabase>

namespace Runtime {

/** The prefix of the errors the functions below raise for bad input (the rest is a message for clients). */
inline constexpr char s_sqliteFunctionErrorPrefix[] = "basalt: ";

/** Registers on the open SQLite connection \a db:
    - basalt_regexp(pattern, flags, value): 1 if \a value matches the regular expression (PCRE syntax,
      flags "i" ignores case), NULL for a NULL value. A pattern that does not compile, or matching that
      has taken more than a bounded time within one statement, fails the statement with an error
      starting with s_sqliteFunctionErrorPrefix.
    - basalt_json_contains(a, b) / basalt_json_overlaps(a, b): jsonb's `@>` and array overlap on JSON text
      (see jsonfilters.h); NULL when either is NULL.
    - basalt_text_search(form, language, query, document): PostgreSQL's `to_tsvector(language, document)
      @@ <form>(language, query)` (form: fts, plfts, phfts, wfts; language: english or simple), see
      textsearch.h; NULL for a NULL document. */
Result<void> registerSqliteFunctions(QSqlDatabase &db);

} // namespace Runtime
