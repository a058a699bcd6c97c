// SPDX-License-Identifier: GPL-3.0-or-later
// The field types a table column can have, and what each one allows.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace Runtime {

/** A column's type. TextArray and IntegerArray ("text[]", "integer[]") hold lists of their element type:
    native arrays on PostgreSQL, JSON arrays on SQLite, JSON arrays in the API. */
enum class FieldType {
    Text,
    Integer,
    Number,
    Boolean,
    Date,
    DateTime,
    Json,
    Uuid,
    Email,
    Url,
    Enum,
    File,
    TextArray,
    IntegerArray
};

/** Returns the file-format name of \a type ("text", "integer", "datetime", ...). */
QString fieldTypeName(FieldType type);
/** Returns the type named \a name, or nothing if no type has that name. */
std::optional<FieldType> fieldTypeFromName(const QString &name);
/** Returns every type name, in declaration order, for messages and pickers. */
QStringList fieldTypeNames();

/** Returns true for types stored as strings and validated by length and pattern
    (text, email, url, enum, file, uuid). */
bool isTextLike(FieldType type);
/** Returns true for integer and number. */
bool isNumeric(FieldType type);
/** Returns true for the array types (text[], integer[]). */
bool isArray(FieldType type);
/** Returns the type of the elements of the array type \a type (Text, Integer); \a type itself otherwise. */
FieldType arrayElementType(FieldType type);

} // namespace Runtime
