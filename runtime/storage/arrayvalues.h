// SPDX-License-Identifier: GPL-3.0-or-later
// ArrayValues: the values of array fields (text[], integer[]): checked JSON arrays, and their SQL forms.
#pragma once

#include "core/result.h"
#include "model/field.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QVariant>

namespace Runtime {

/** The conversions of array field values, used by ValueCodec and the dialects. An array value's canonical
    form is its compact JSON text (`["a","b"]`, `[1,2]`): what SQLite stores and the API reads and writes.
    PostgreSQL binds the same value as an array literal (`{"a","b"}`). Arrays hold no nulls. Stateless. */
namespace ArrayValues {

/** Returns the canonical JSON text of the body value \a value for the array field \a field: a JSON array
    whose elements all have the field's element type, or InvalidValue saying which element is wrong. */
Result<QVariant> fromJson(const Field &field, const QJsonValue &value);

/** Returns the canonical JSON text of \a text for the array field \a field: a JSON array (`["a","b"]`) or
    an array literal (`{a,"b,c"}`, as PostgreSQL prints arrays and PostgREST filters take them). */
Result<QVariant> fromText(const Field &field, const QString &text);

/** Returns the JSON text a cs/cd/ov filter value stands for on the array field \a field: fromText(), and
    for cs/cd a single element too (`cs.a`). */
Result<QByteArray> filterValue(const Field &field, const QString &text);

/** Returns the PostgreSQL array literal of the canonical JSON text \a json (`[1,2]` → `{1,2}`,
    `["a b"]` → `{"a b"}`), or a null string for a null value. */
QString postgresLiteral(const QVariant &json);

} // namespace ArrayValues

} // namespace Runtime
