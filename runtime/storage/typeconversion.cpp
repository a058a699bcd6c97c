// SPDX-License-Identifier: GPL-3.0-or-later
// Which field type changes keep the data, and whether a stored value survives one.
#include "typeconversion.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace Runtime {

namespace {
bool matches(const QString &text, const char *pattern)
{
    const QRegularExpression re(QLatin1String("\\A(?:") + QLatin1String(pattern) + QLatin1String(")\\z"));
    return re.match(text).hasMatch();
}

bool isJsonText(const QString &text)
{
    // QJsonDocument parses only objects and arrays: wrap the text so scalars count as well.
    QJsonParseError error;
    const QJsonDocument doc
        = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + QByteArray("]"), &error);
    return error.error == QJsonParseError::NoError && doc.array().size() == 1;
}

bool textConverts(FieldType to, const QString &text)
{
    switch (to) {
    case FieldType::Integer: {
        bool ok = false;
        text.toLongLong(&ok);
        return ok && matches(text, "[-+]?[0-9]+");
    }
    case FieldType::Number:
        return matches(text, "[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    case FieldType::Boolean: {
        const QString lower = text.toLower();
        return lower == QLatin1String("true") || lower == QLatin1String("false")
            || lower == QLatin1String("1") || lower == QLatin1String("0");
    }
    case FieldType::Date:
        return matches(text, "[0-9]{4}-[0-9]{2}-[0-9]{2}") && QDate::fromString(text, Qt::ISODate).isValid();
    case FieldType::DateTime: {
        const QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
        return dt.isValid() && dt.timeSpec() != Qt::LocalTime
            && matches(text, "[0-9]{4}-[0-9]{2}-[0-9]{2}T.*");
    }
    case FieldType::Json:
        return isJsonText(text);
    case FieldType::Uuid:
        return matches(text, "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    default:
        return true;
    }
}
} // namespace

bool isPlainText(FieldType type)
{
    return isTextLike(type) && type != FieldType::Uuid;
}

TypeConversion typeConversion(FieldType from, FieldType to)
{
    // Arrays are stored in another form on each engine (JSON text, native arrays): no conversion keeps it.
    if (from != to && (isArray(from) || isArray(to)))
        return TypeConversion::Impossible;
    if (from == to || (isPlainText(from) && isPlainText(to)))
        return TypeConversion::None;
    if (isPlainText(to))
        return TypeConversion::Safe;
    if (isPlainText(from))
        return TypeConversion::Checked;
    if (from == FieldType::Integer && to == FieldType::Number)
        return TypeConversion::Safe;
    if (from == FieldType::Number && to == FieldType::Integer)
        return TypeConversion::Checked;
    if (isNumeric(from) && to == FieldType::Boolean)
        return TypeConversion::Checked;
    if (from == FieldType::Boolean && isNumeric(to))
        return TypeConversion::Safe;
    if (from == FieldType::Date && to == FieldType::DateTime)
        return TypeConversion::Safe;
    return TypeConversion::Impossible;
}

bool valueConverts(FieldType from, FieldType to, const QVariant &value)
{
    if (value.isNull())
        return true;
    switch (typeConversion(from, to)) {
    case TypeConversion::None:
    case TypeConversion::Safe:
        return true;
    case TypeConversion::Impossible:
        return false;
    case TypeConversion::Checked:
        break;
    }
    const QString text = value.toString().trimmed();
    if (isPlainText(from))
        return textConverts(to, text);
    if (from == FieldType::Number && to == FieldType::Integer) {
        bool ok = false;
        const double d = text.toDouble(&ok);
        return ok && matches(text, "[-+]?[0-9]+(\\.0*)?") && d >= -9.2e18 && d <= 9.2e18;
    }
    bool ok = false;
    const double d = text.toDouble(&ok); // integer or number to boolean
    return ok && (d == 0 || d == 1);
}

} // namespace Runtime
