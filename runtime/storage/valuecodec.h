// SPDX-License-Identifier: GPL-3.0-or-later
// ValueCodec: converts API values (filter text, body JSON) to bound parameters and rows to JSON text.
#pragma once

#include "core/result.h"
#include "model/field.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QVariant>

namespace Runtime {

/** The conversions between the data API's values and the database's, identical on every engine.
    Canonical forms: datetimes `YYYY-MM-DDTHH:MM:SS.sssZ` (UTC), dates `YYYY-MM-DD`, lowercase uuids,
    JSON as compact text with object keys in PostgreSQL jsonb's order (shorter keys first), so that
    SQLite stores exactly what PostgreSQL prints. Stateless. */
namespace ValueCodec {

/** Returns InvalidValue naming \a field if \a text holds what the engines do not store alike: a NUL, or
    a U+FEFF at its start. */
Result<void> checkStorable(const Field &field, QStringView text);

/** Returns the parameter for the filter text \a text of \a field (a column of \a field's type),
    or InvalidValue naming the column and the value (or the NUL character it contains: no engine's text
    stores it alike). */
Result<QVariant> fromText(const Field &field, const QString &text);

/** Returns the parameter for the body value \a value of \a field (null gives a null QVariant),
    or InvalidValue naming the column and the value. */
Result<QVariant> fromJson(const Field &field, const QJsonValue &value);

/** Returns \a text (ISO 8601 with an optional offset, or a bare date) as a canonical UTC datetime,
    or an empty string if it is not one. */
QString normalizeDateTime(const QString &text);

/** Appends \a text to \a out as a JSON string, escaped as PostgreSQL and SQLite escape JSON. */
void appendJsonString(QByteArray &out, QStringView text);

/** Appends the JSON text \a json to \a out without the spaces between tokens. */
void appendCompactJson(QByteArray &out, QByteArrayView json);

/** Appends \a value as compact JSON with object keys in jsonb order. */
void appendCanonicalJson(QByteArray &out, const QJsonValue &value);

/** Appends \a value, read from a column of \a type (see SqlDialect::readExpression), as a JSON value.
    \a compact says whether JSON text from the database is compact already. */
void appendJsonValue(QByteArray &out, FieldType type, const QVariant &value, bool compact);

/** Returns \a value, read from a column of \a type, as CSV field text (unquoted), written as
    PostgreSQL's COPY writes it: booleans `t`/`f`, timestamps `2024-05-01 09:30:00.25+00`. */
QString csvText(FieldType type, const QVariant &value, bool compact);

/** Returns \a value as short text for messages (`Key (email)=(a@b.c)`). */
QString displayText(const QVariant &value);

} // namespace ValueCodec

} // namespace Runtime
