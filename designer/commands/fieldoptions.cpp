// SPDX-License-Identifier: GPL-3.0-or-later
// Pure functions for the options of one field: which fit which type, and changing a field's type.
#include "fieldoptions.h"

namespace Designer::FieldOptions {

bool takesLengths(Runtime::FieldType type)
{
    using T = Runtime::FieldType;
    return type == T::Text || type == T::Email || type == T::Url || type == T::Enum || type == T::File;
}

bool takesPattern(Runtime::FieldType type)
{
    using T = Runtime::FieldType;
    return type == T::Text || type == T::Email || type == T::Url;
}

bool takesNow(Runtime::FieldType type)
{
    return type == Runtime::FieldType::Date || type == Runtime::FieldType::DateTime;
}

Runtime::Field withType(Runtime::Field field, Runtime::FieldType type)
{
    if (field.type == type)
        return field;
    field.type = type;
    Runtime::Validation &v = field.validation;
    if (!Runtime::isNumeric(type))
        v.min = v.max = std::nullopt;
    if (!takesLengths(type))
        v.minLength = v.maxLength = std::nullopt;
    if (!takesPattern(type))
        v.pattern.clear();
    if (type != Runtime::FieldType::Enum)
        field.enumValues.clear();
    else if (field.enumValues.isEmpty())
        field.enumValues = {QStringLiteral("option_1")}; // a value, not a label: never translated
    if (type != Runtime::FieldType::DateTime)
        field.autoTimestamp = Runtime::AutoTimestamp::None;
    const auto kind = field.defaultValue.kind;
    if (kind == Runtime::DefaultValue::Kind::Literal
        || (kind == Runtime::DefaultValue::Kind::Now && !takesNow(type))
        || (kind == Runtime::DefaultValue::Kind::RandomUuid && type != Runtime::FieldType::Uuid))
        field.defaultValue = {};
    return field;
}

} // namespace Designer::FieldOptions
