// SPDX-License-Identifier: GPL-3.0-or-later
// ArrayValues: the values of array fields (text[], integer[]): checked JSON arrays, and their SQL forms.
#include "arrayvalues.h"

#include "jsonfilters.h"
#include "valuecodec.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace Runtime::ArrayValues {

namespace {
QString kindOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    default: return QStringLiteral("missing");
    }
}

Error invalidArray(const Field &field, const QString &problem)
{
    const bool text = arrayElementType(field.type) == FieldType::Text;
    Error error(ErrorCode::InvalidValue,
        QStringLiteral("invalid value for column \"%1\" (%2): %3").arg(field.name, fieldTypeName(field.type), problem));
    error.problems.append(Problem {Problem::Severity::Error, field.name,
        text ? QStringLiteral("send a JSON array of strings, e.g. [\"a\",\"b\"]")
             : QStringLiteral("send a JSON array of whole numbers, e.g. [1,2]"), {}});
    return error;
}

// Returns \a array as canonical JSON text if every element has \a field's element type.
Result<QVariant> checked(const Field &field, const QJsonArray &array)
{
    const bool text = arrayElementType(field.type) == FieldType::Text;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue element = array.at(i);
        const QString which = QStringLiteral("element %1").arg(i + 1);
        if (element.isNull())
            return invalidArray(field, which + QStringLiteral(" is null, and arrays hold no nulls"));
        if (text && !element.isString())
            return invalidArray(field, which + QStringLiteral(" is %1, not a string").arg(kindOf(element)));
        if (text) {
            if (Result<void> storable = ValueCodec::checkStorable(field, element.toString()); !storable)
                return storable.error();
            continue;
        }
        const double number = element.toDouble();
        // 2^63: beyond it a number does not fit a bigint.
        if (!element.isDouble() || std::trunc(number) != number || std::fabs(number) >= 9.2e18)
            return invalidArray(field, which + QStringLiteral(" is %1, not a whole number").arg(
                element.isDouble() ? QString::number(number) : kindOf(element)));
    }
    QByteArray out;
    ValueCodec::appendCanonicalJson(out, array);
    return QVariant(QString::fromUtf8(out));
}

std::optional<QJsonArray> readArray(const Field &field, const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(QLatin1Char('['))) {
        const std::optional<QJsonValue> json = parseJsonValue(trimmed.toUtf8());
        return json && json->isArray() ? std::optional<QJsonArray>(json->toArray()) : std::nullopt;
    }
    return arrayLiteral(trimmed, arrayElementType(field.type) == FieldType::Text);
}
} // namespace

Result<QVariant> fromJson(const Field &field, const QJsonValue &value)
{
    if (!value.isArray())
        return invalidArray(field, QStringLiteral("%1 is not an array").arg(kindOf(value)));
    return checked(field, value.toArray());
}

Result<QVariant> fromText(const Field &field, const QString &text)
{
    const std::optional<QJsonArray> array = readArray(field, text);
    if (!array)
        return invalidArray(field, QStringLiteral("\"%1\" is not an array like {a,b} or [\"a\",\"b\"]").arg(text.left(200)));
    return checked(field, *array);
}

Result<QByteArray> filterValue(const Field &field, const QString &text)
{
    std::optional<QJsonArray> array = readArray(field, text);
    if (!array) {
        // A single element, as `cs.a` (PostgreSQL would refuse it; postgrest-js never sends it).
        array = arrayLiteral(QLatin1Char('{') + text + QLatin1Char('}'), arrayElementType(field.type) == FieldType::Text);
    }
    if (!array)
        return invalidArray(field, QStringLiteral("\"%1\" is not a list like {a,b}").arg(text.left(200)));
    Result<QVariant> value = checked(field, *array);
    if (!value)
        return value.error();
    return value->toString().toUtf8();
}

QString postgresLiteral(const QVariant &json)
{
    if (json.isNull())
        return {};
    const std::optional<QJsonValue> value = parseJsonValue(json.toString().toUtf8());
    QString out = QStringLiteral("{");
    const QJsonArray array = value ? value->toArray() : QJsonArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (i)
            out += QLatin1Char(',');
        const QJsonValue element = array.at(i);
        if (!element.isString()) {
            out += QString::number(qint64(element.toDouble()));
            continue;
        }
        QString escaped = element.toString();
        escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
        out += QLatin1Char('"') + escaped + QLatin1Char('"');
    }
    return out + QLatin1Char('}');
}

} // namespace Runtime::ArrayValues
