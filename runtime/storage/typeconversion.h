// SPDX-License-Identifier: GPL-3.0-or-later
// Which field type changes keep the data, and whether a stored value survives one.
#pragma once

#include "model/fieldtype.h"

#include <QVariant>

namespace Runtime {

/** How a column's values get from one field type to another. */
enum class TypeConversion {
    None, ///< same stored form (e.g. text → email): nothing to convert
    Safe, ///< every value converts (integer → number, anything → text)
    Checked, ///< converts only if every existing value does (text → integer, number → integer)
    Impossible ///< no conversion; allowed only while the column holds no values
};

/** Returns true for the types stored as plain strings: text, email, url, enum and file. */
bool isPlainText(FieldType type);

/** Returns how values of type \a from become values of type \a to. The SQL of each conversion is
    SqlDialect::conversionExpression(); this function and valueConverts() decide when it may run. */
TypeConversion typeConversion(FieldType from, FieldType to);

/** Returns true if the stored value \a value of a \a from column converts to \a to without loss
    (null always does). Used to check every existing value before a Checked conversion. */
bool valueConverts(FieldType from, FieldType to, const QVariant &value);

} // namespace Runtime
