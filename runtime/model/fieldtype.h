// SPDX-License-Identifier: GPL-3.0-or-later
// The field types a table column can have, and what each one allows.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace Runtime {

enum class FieldType { Text, Integer, Number, Boolean, Date, DateTime, Json, Uuid, Email, Url, Enum, File };

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

} // namespace Runtime
