// SPDX-License-Identifier: GPL-3.0-or-later
// Pure functions for the options of one field: which fit which type, and changing a field's type.
#include "fieldoptions.h"

#include "storage/arrayvalues.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Designer::FieldOptions {

QJsonValue literalDefault(const Runtime::Field &field, const QString &text)
{
    if (Runtime::isNumeric(field.type)) {
        bool ok = false;
        const double value = text.trimmed().toDouble(&ok);
        if (ok)
            return value; // 1.5 for an integer field is a number the validator refuses, not text
    } else if (field.type == Runtime::FieldType::Boolean) {
        if (text == QLatin1String("true") || text == QLatin1String("false"))
            return text == QLatin1String("true");
    } else if (Runtime::isArray(field.type)) {
        if (const Runtime::Result<QVariant> json = Runtime::ArrayValues::fromText(field, text.trimmed()))
            return QJsonDocument::fromJson(json->toString().toUtf8()).array();
    }
    return text;
}

QString literalText(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return value.toString();
}

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
