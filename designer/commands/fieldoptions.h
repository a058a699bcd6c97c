// SPDX-License-Identifier: GPL-3.0-or-later
// Pure functions for the options of one field: which fit which type, and changing a field's type.
#pragma once

#include "model/table.h"

namespace Designer::FieldOptions {

// Which validation options fit which type, as the runtime's field validator checks them
// (docs/file-format.md): the field editor only offers those.

/** Returns whether a field of \a type takes minLength and maxLength. */
bool takesLengths(Runtime::FieldType type);
/** Returns whether a field of \a type takes a pattern. */
bool takesPattern(Runtime::FieldType type);
/** Returns whether a field of \a type takes the default "now". */
bool takesNow(Runtime::FieldType type);

/** Returns \a field with type \a type, without the options that no longer fit it (validation, enum
    values, automatic timestamp, default). */
Runtime::Field withType(Runtime::Field field, Runtime::FieldType type);

} // namespace Designer::FieldOptions
