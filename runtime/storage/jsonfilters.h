// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON side of the cs / cd / ov filters: PostgreSQL's jsonb containment, for engines without it.
#pragma once

#include "core/result.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QString>

namespace Runtime {

/** Returns true if \a container contains \a contained as PostgreSQL's jsonb `@>` decides: equal scalars;
    an object whose keys include each of the other's with a containing value; an array in which each of
    the other array's elements is contained by some element; at the top level, an array containing a
    scalar that is one of its elements. Numbers compare by value. */
bool jsonContains(const QJsonValue &container, const QJsonValue &contained, bool topLevel = true);

/** Returns true if the arrays \a a and \a b share an element (scalars: equal; others: containment both
    ways); false if either is not an array. */
bool jsonOverlaps(const QJsonValue &a, const QJsonValue &b);

/** Reads the array literal `{a,"b c",3}` that postgrest-js writes for contains(col, [...]) and PostgreSQL
    prints for arrays: each element a JSON scalar if it reads as one (number, true, false, null), else a
    string; with \a asText every element is a string, as in a text[] literal (unquoted ones trimmed, NULL
    a null). Returns nothing if \a text is not such a literal. */
std::optional<QJsonArray> arrayLiteral(const QString &text, bool asText = false);

/** Parses \a text (any JSON value, scalars included), or returns nothing. */
std::optional<QJsonValue> parseJsonValue(const QByteArray &text);

/** Returns the JSON text a cs/cd/ov filter value stands for: JSON as it is (`{"a":1}`, `[1,2]`), or an
    array literal as postgrest-js writes arrays (`{a,"b c",3}`: each element a JSON scalar if it reads as
    one (number, true, false, null), else a string). InvalidValue naming \a column when it is neither. */
Result<QByteArray> jsonFilterValue(const QString &column, const QString &value);

} // namespace Runtime
