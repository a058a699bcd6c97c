// SPDX-License-Identifier: GPL-3.0-or-later
// Semantic validation of a field's literal default: a value of the field's type that passes its validation.
#include "jsonobjectreader.h"
#include "jsonwriter.h"
#include "projectvalidator_p.h"
#include "storage/arrayvalues.h"

#include <QCoreApplication>
#include <QDate>
#include <QRegularExpression>
#include <QTime>
#include <QUrl>

namespace Runtime {

namespace {
// How a message shows the default: numbers as written, anything else by its JSON type.
QString describeLiteral(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::fromLatin1(JsonWriter::formatNumber(value.toDouble()));
    return JsonObjectReader::describeType(value);
}

bool isIsoDate(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    return shape.match(text).hasMatch() && QDate::fromString(text, Qt::ISODate).isValid();
}

bool isIsoDateTimeWithZone(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral(
        "^(\\d{4}-\\d{2}-\\d{2})T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?(?:Z|[+-](\\d{2}):(\\d{2}))$"));
    const QRegularExpressionMatch m = shape.match(text);
    if (!m.hasMatch() || !isIsoDate(m.captured(1)))
        return false;
    const QTime time(m.captured(2).toInt(), m.captured(3).toInt(), m.captured(4).toInt());
    const bool zoneValid
        = m.captured(5).isEmpty() || (m.captured(5).toInt() <= 14 && m.captured(6).toInt() < 60);
    return time.isValid() && zoneValid;
}

// Returns why the string \a text is not a value of \a f's type, or an empty string.
QString stringFormatProblem(const Field &f, const QString &text)
{
    static const QRegularExpression uuid(
        QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    static const QRegularExpression email(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    switch (f.type) {
    case FieldType::Enum:
        if (f.enumValues.contains(text))
            return {};
        return QCoreApplication::translate("ProjectValidator",
                                           "the default \"%1\" is not one of the values of "
                                           "\"%2\" (%3)")
            .arg(text, f.name, f.enumValues.join(QLatin1String(", ")));
    case FieldType::Date:
        if (isIsoDate(text))
            return {};
        return QCoreApplication::translate("ProjectValidator",
                                           "the default \"%1\" of \"%2\" is not a date; write "
                                           "it as YYYY-MM-DD, e.g. 2026-11-21")
            .arg(text, f.name);
    case FieldType::DateTime:
        if (isIsoDateTimeWithZone(text))
            return {};
        return QCoreApplication::translate(
                   "ProjectValidator",
                   "the default \"%1\" of \"%2\" is not a date and time with a time zone; "
                   "write it in ISO 8601, e.g. 2026-11-21T10:00:00Z")
            .arg(text, f.name);
    case FieldType::Uuid:
        if (uuid.match(text).hasMatch())
            return {};
        return QCoreApplication::translate("ProjectValidator",
                                           "the default \"%1\" of \"%2\" is not a UUID; write "
                                           "it as hexadecimal digits grouped 8-4-4-4-12")
            .arg(text, f.name);
    case FieldType::Email:
        if (email.match(text).hasMatch())
            return {};
        return QCoreApplication::translate("ProjectValidator",
                                           "the default \"%1\" of \"%2\" does not look like "
                                           "an email address (name@example.com)")
            .arg(text, f.name);
    case FieldType::Url: {
        const QUrl url(text, QUrl::StrictMode);
        if (url.isValid() && !url.scheme().isEmpty() && !url.host().isEmpty())
            return {};
        return QCoreApplication::translate("ProjectValidator",
                                           "the default \"%1\" of \"%2\" does not look like a "
                                           "URL; include the scheme, e.g. https://example.com")
            .arg(text, f.name);
    }
    default:
        return {};
    }
}

// Returns why \a value is not a literal of \a f's type, or an empty string.
QString typeProblem(const Field &f, const QJsonValue &value)
{
    switch (f.type) {
    case FieldType::Json:
        return {};
    case FieldType::TextArray:
    case FieldType::IntegerArray: {
        if (!value.isArray())
            return QCoreApplication::translate("ProjectValidator",
                                               "the default of \"%1\" must be a list such as [] or [\"a\", "
                                               "\"b\"], because it is an array field; found %2")
                .arg(f.name, describeLiteral(value));
        const Result<QVariant> checked = ArrayValues::fromJson(f, value);
        return checked ? QString() : checked.error().message;
    }
    case FieldType::Integer:
        if (JsonObjectReader::toInteger(value))
            return {};
        return QCoreApplication::translate("ProjectValidator",
                                           "the default of \"%1\" must be a whole number, "
                                           "because it is an integer field; found %2")
            .arg(f.name, describeLiteral(value));
    case FieldType::Number:
        if (value.isDouble())
            return {};
        return QCoreApplication::translate("ProjectValidator",
                                           "the default of \"%1\" must be a number, because "
                                           "it is a number field; found %2")
            .arg(f.name, describeLiteral(value));
    case FieldType::Boolean:
        if (value.isBool())
            return {};
        return QCoreApplication::translate("ProjectValidator", "the default of \"%1\" must be true or false, "
                                                               "because it is a boolean field; found %2")
            .arg(f.name, describeLiteral(value));
    default:
        if (!value.isString()) {
            return QCoreApplication::translate("ProjectValidator", "the default of \"%1\" must be a string, "
                                                                   "because it is a %2 field; found %3")
                .arg(f.name, fieldTypeName(f.type), describeLiteral(value));
        }
        return stringFormatProblem(f, value.toString());
    }
}

QString numericValidationProblem(const Validation &v, double value)
{
    const auto text = [](double d) { return QString::fromLatin1(JsonWriter::formatNumber(d)); };
    if (v.min && value < *v.min) {
        return QCoreApplication::translate("ProjectValidator", "the default %1 is less than min (%2)")
            .arg(text(value), text(*v.min));
    }
    if (v.max && value > *v.max) {
        return QCoreApplication::translate("ProjectValidator", "the default %1 is greater than max (%2)")
            .arg(text(value), text(*v.max));
    }
    return {};
}

QString textValidationProblem(const Validation &v, const QString &value)
{
    const qint64 length = value.toUcs4().size();
    if (v.minLength && length < *v.minLength) {
        return QCoreApplication::translate("ProjectValidator",
                                           "the default \"%1\" is shorter than minLength (%2)")
            .arg(value)
            .arg(*v.minLength);
    }
    if (v.maxLength && length > *v.maxLength) {
        return QCoreApplication::translate("ProjectValidator",
                                           "the default \"%1\" is longer than maxLength (%2)")
            .arg(value)
            .arg(*v.maxLength);
    }
    const QRegularExpression pattern(QRegularExpression::anchoredPattern(v.pattern));
    if (!v.pattern.isEmpty() && pattern.isValid() && !pattern.match(value).hasMatch()) {
        return QCoreApplication::translate("ProjectValidator",
                                           "the default \"%1\" does not match the pattern %2")
            .arg(value, v.pattern);
    }
    return {};
}
} // namespace

QString defaultLiteralProblem(const Field &field)
{
    const QJsonValue &value = field.defaultValue.literal;
    if (const QString problem = typeProblem(field, value); !problem.isEmpty())
        return problem;
    if (isNumeric(field.type))
        return numericValidationProblem(field.validation, value.toDouble());
    if (field.type != FieldType::Json && value.isString())
        return textValidationProblem(field.validation, value.toString());
    return {};
}

} // namespace Runtime
