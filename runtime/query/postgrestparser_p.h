// SPDX-License-Identifier: GPL-3.0-or-later
// The pieces of the PostgREST URL-dialect parser: one function per parameter kind, shared by
// postgrestparser.cpp.
#pragma once

#include "query/apiquery.h"
#include "query/postgrestparser.h"
#include "queryscanner_p.h"

#include <vector>

namespace Runtime {

/** Parses a JSON path (`->a->0->>b`) at the scanner's position into \a path, if there is one. Keys are
    quoted names or run up to one of `(-:.,>)`; only the last step may be `->>`. */
bool parseJsonPath(QueryScanner &s, JsonPath &path);

/** Parses the whole of \a s as `select=` items into \a items (empty text: `*`). Returns false on failure,
    with the reason in \a s. */
bool parseSelect(QueryScanner &s, std::vector<SelectItem> &items);

/** Parses the whole of \a s as a filter value `[not.]op.value` for \a column into \a filter. */
bool parseFilter(QueryScanner &s, const QString &column, Filter &filter);

/** Parses the whole of \a s as the value of an `or=` / `and=` parameter, `(condition,...)`, into the
    children of \a group. */
bool parseLogicValue(QueryScanner &s, Condition &group);

/** Parses the whole of \a s as `order=` terms into \a order. */
bool parseOrder(QueryScanner &s, std::vector<OrderTerm> &order);

/** Parses the whole of \a s as a comma-separated list of names (`on_conflict=`, `columns=`). */
bool parseNameList(QueryScanner &s, QStringList &names);

/** Parses the whole of \a s as a non-negative integer (`limit=`, `offset=`). */
bool parseCount(QueryScanner &s, qint64 &count);

/** Applies the Range and Range-Unit headers to \a root, intersecting them with its limit and offset
    as PostgREST does. Returns InvalidRange for a malformed or inverted range. */
Result<void> applyRange(const ApiQueryHeaders &headers, QueryLevel &root);

/** Parses the Prefer header into \a prefer; unknown preferences are ignored unless `handling=strict`. */
Result<void> parsePreferences(const QByteArray &header, Preferences &prefer);

} // namespace Runtime
