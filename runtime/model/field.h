// SPDX-License-Identifier: GPL-3.0-or-later
// Field: one column of a table, with its options and validation.
#pragma once

#include "fieldtype.h"
#include "ids.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace Runtime {

enum class PrimaryKeyKind { None, AutoIncrement, Uuid };
enum class AutoTimestamp { None, CreatedAt, UpdatedAt };

/** What a field gets when an insert gives no value. */
struct DefaultValue
{
    enum class Kind { None, Literal, Now, RandomUuid };

    Kind kind = Kind::None;
    QJsonValue literal; ///< set when kind is Literal: a string, number or bool of the field's type

    bool isNone() const { return kind == Kind::None; }
    bool operator==(const DefaultValue &) const = default;
};

/** Value checks. Numeric bounds apply to integer and number; lengths and pattern to text-like types. */
struct Validation
{
    std::optional<double> min;
    std::optional<double> max;
    std::optional<qint64> minLength;
    std::optional<qint64> maxLength;
    QString pattern; ///< a regular expression (QRegularExpression syntax) the whole value must match; empty: none

    bool isEmpty() const { return !min && !max && !minLength && !maxLength && pattern.isEmpty(); }
    bool operator==(const Validation &) const = default;
};

/** A column. Owned by value by its Table. */
struct Field
{
    ObjectId id;
    QString name;
    FieldType type = FieldType::Text;
    QString description;
    bool required = false;
    bool unique = false;
    bool hidden = false;   ///< never returned by the API
    bool readOnly = false; ///< only the service role may set it
    PrimaryKeyKind primaryKey = PrimaryKeyKind::None;
    AutoTimestamp autoTimestamp = AutoTimestamp::None;
    DefaultValue defaultValue;
    Validation validation;
    QStringList enumValues; ///< the allowed values of an enum field, in display order

    bool isPrimaryKey() const { return primaryKey != PrimaryKeyKind::None; }
    /** Returns true if the database or runtime fills this field (primary key, timestamps). */
    bool isAutoManaged() const { return isPrimaryKey() || autoTimestamp != AutoTimestamp::None; }
    bool operator==(const Field &) const = default;
};

} // namespace Runtime
