// SPDX-License-Identifier: GPL-3.0-or-later
// Pure functions for the options of one field: which fit which type, and changing a field's type.
#pragma once

#include "model/table.h"

#include <QJsonValue>

namespace Designer::FieldOptions {

// Which validation options fit which type, as the runtime's field validator checks them
// (docs/file-format.md): the field editor only offers those.

/** Returns whether a field of \a type takes minLength and maxLength. */
bool takesLengths(Runtime::FieldType type);
/** Returns whether a field of \a type takes a pattern. */
bool takesPattern(Runtime::FieldType type);
/** Returns whether a field of \a type takes the default "now". */
bool takesNow(Runtime::FieldType type);

/** Returns the literal default a builder typed as \a text for \a field: a number for numeric fields when
    it reads as one, a list for array fields when it reads as one (`{a,b}`, `["a","b"]`, `[]`, as the
    runtime's ArrayValues reads it), else the text itself (the validator then says what is wrong). */
QJsonValue literalDefault(const Runtime::Field &field, const QString &text);
/** Returns how the designer shows the literal default \a value (numbers as written, lists as JSON). */
QString literalText(const QJsonValue &value);

/** Returns \a field with type \a type, without the options that no longer fit it (validation, enum
    values, automatic timestamp, default). */
Runtime::Field withType(Runtime::Field field, Runtime::FieldType type);

} // namespace Designer::FieldOptions
