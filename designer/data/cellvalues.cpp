// SPDX-License-Identifier: GPL-3.0-or-later
// CellValues: how the data browser shows cell values, and the JSON value that edited text means.
#include "cellvalues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace Designer {

QString CellValues::displayText(const Runtime::Field &field, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("NULL");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        if (field.type == Runtime::FieldType::Integer)
            return QString::number(value.toInteger());
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

QJsonValue CellValues::fromText(const Runtime::Field &field, const QString &text, QString *error)
{
    if (text.isEmpty())
        return QJsonValue::Null;
    if (text == QLatin1String("\"\""))
        return QString();
    switch (field.type) {
    case Runtime::FieldType::Integer: {
        bool ok = false;
        const qint64 number = text.trimmed().toLongLong(&ok);
        return ok ? QJsonValue(number) : QJsonValue(text); // the runtime explains what is wrong
    }
    case Runtime::FieldType::Number: {
        bool ok = false;
        const double number = text.trimmed().toDouble(&ok);
        return ok ? QJsonValue(number) : QJsonValue(text);
    }
    case Runtime::FieldType::Boolean: {
        const QString t = text.trimmed().toLower();
        if (t == QLatin1String("true") || t == QLatin1String("false"))
            return t == QLatin1String("true");
        return text;
    }
    case Runtime::FieldType::Json: {
        QJsonParseError parse;
        const QJsonDocument document = QJsonDocument::fromJson('[' + text.toUtf8() + ']', &parse);
        if (parse.error != QJsonParseError::NoError) {
            *error = tr("Not valid JSON: %1. Write e.g. {\"key\": 1}, [1, 2] or \"text\".")
                         .arg(parse.errorString());
            return {};
        }
        return document.array().at(0);
    }
    case Runtime::FieldType::TextArray:
    case Runtime::FieldType::IntegerArray: {
        // An array cell is edited as its JSON text, as it is shown and exported.
        const QJsonDocument document = QJsonDocument::fromJson(text.trimmed().toUtf8());
        if (!document.isArray()) {
            *error = tr("Write a JSON array, e.g. [\"a\", \"b\"] or [1, 2].");
            return {};
        }
        return document.array();
    }
    default:
        return text;
    }
}

} // namespace Designer
