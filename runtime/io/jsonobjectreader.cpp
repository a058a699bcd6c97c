// SPDX-License-Identifier: GPL-3.0-or-later
// JsonObjectReader: typed, path-aware access to one JSON object of a .basalt file.
#include "jsonobjectreader.h"

#include "jsonwriter.h"

#include <QMetaType>
#include <QVariant>

#include <cmath>

namespace Runtime {

QString elementPath(const QString &path, qsizetype index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

JsonObjectReader::JsonObjectReader(const QJsonValue &value, const QString &path, QList<Problem> &problems)
    : m_object(value.toObject())
    , m_path(path)
    , m_problems(problems)
    , m_isObject(value.isObject())
{
    if (!m_isObject)
        report(m_path, tr("expected an object, found %1").arg(describeType(value)));
}

QString JsonObjectReader::pathOf(const char *key) const
{
    const QString name = QString::fromLatin1(key);
    return m_path.isEmpty() ? name : m_path + QLatin1Char('.') + name;
}

bool JsonObjectReader::has(const char *key) const
{
    return m_object.contains(QLatin1String(key));
}

QString JsonObjectReader::string(const char *key, Presence presence)
{
    const QJsonValue v = take(key, presence);
    if (v.isUndefined() || v.isString())
        return v.toString();
    reportWrongType(key, tr("expected a string, found %1"));
    return {};
}

bool JsonObjectReader::boolean(const char *key)
{
    const QJsonValue v = take(key, Presence::Optional);
    if (v.isUndefined() || v.isBool())
        return v.toBool();
    reportWrongType(key, tr("expected a boolean, found %1"));
    return false;
}

std::optional<qint64> JsonObjectReader::integer(const char *key, Presence presence)
{
    const QJsonValue v = take(key, presence);
    if (v.isUndefined())
        return std::nullopt;
    if (const std::optional<qint64> result = toInteger(v))
        return result;
    if (v.isDouble())
        report(pathOf(key), tr("expected an integer, found %1")
                                .arg(QString::fromLatin1(JsonWriter::formatNumber(v.toDouble()))));
    else
        reportWrongType(key, tr("expected an integer, found %1"));
    return std::nullopt;
}

std::optional<double> JsonObjectReader::number(const char *key, Presence presence)
{
    const QJsonValue v = take(key, presence);
    if (v.isDouble())
        return v.toDouble();
    if (!v.isUndefined())
        reportWrongType(key, tr("expected a number, found %1"));
    return std::nullopt;
}

QStringList JsonObjectReader::stringList(const char *key, Presence presence)
{
    const QJsonValue v = take(key, presence);
    if (v.isUndefined())
        return {};
    if (!v.isArray()) {
        reportWrongType(key, tr("expected an array of strings, found %1"));
        return {};
    }
    QStringList out;
    const QJsonArray items = v.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (items.at(i).isString())
            out << items.at(i).toString();
        else
            report(elementPath(pathOf(key), i),
                   tr("expected a string, found %1").arg(describeType(items.at(i))));
    }
    return out;
}

QString JsonObjectReader::lines(const char *key)
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    if (v.isArray())
        return stringList(key).join(QLatin1Char('\n'));
    if (v.isUndefined() || v.isString())
        return string(key);
    take(key, Presence::Optional);
    reportWrongType(key, tr("expected a string or an array of lines, found %1"));
    return {};
}

QJsonArray JsonObjectReader::array(const char *key, Presence presence)
{
    const QJsonValue v = take(key, presence);
    if (!v.isUndefined() && !v.isArray())
        reportWrongType(key, tr("expected an array, found %1"));
    return v.toArray();
}

QJsonValue JsonObjectReader::value(const char *key)
{
    return take(key, Presence::Optional);
}

void JsonObjectReader::report(const QString &path, const QString &message)
{
    m_problems.append({Problem::Severity::Error, path, message, m_objectId});
}

void JsonObjectReader::finish()
{
    // QJsonObject iterates its keys sorted, so unknown keys are reported in a stable order.
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        if (!m_read.contains(it.key()))
            report(m_path, tr("unknown key \"%1\"").arg(it.key()));
    }
}

QString JsonObjectReader::describeType(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return tr("null");
    case QJsonValue::Bool:
        return tr("a boolean");
    case QJsonValue::Double:
        return tr("a number");
    case QJsonValue::String:
        return tr("a string");
    case QJsonValue::Array:
        return tr("an array");
    case QJsonValue::Object:
        return tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return tr("nothing");
}

std::optional<qint64> JsonObjectReader::toInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const QVariant variant = value.toVariant();
    if (variant.typeId() == QMetaType::LongLong)
        return variant.toLongLong();
    const double d = value.toDouble();
    constexpr double limit = 9223372036854775808.0; // 2^63
    if (d != std::trunc(d) || d >= limit || d < -limit)
        return std::nullopt;
    return static_cast<qint64>(d);
}

QJsonValue JsonObjectReader::take(const char *key, Presence presence)
{
    const QString name = QString::fromLatin1(key);
    m_read.insert(name);
    const QJsonValue v = m_object.value(name);
    if (v.isUndefined() && presence == Presence::Required && m_isObject)
        report(m_path, tr("the required key \"%1\" is missing").arg(name));
    return v;
}

void JsonObjectReader::reportWrongType(const char *key, const QString &message)
{
    report(pathOf(key), message.arg(describeType(m_object.value(QLatin1String(key)))));
}

void JsonObjectReader::reportUnknownName(const char *key, const QString &text, const QStringList &names)
{
    report(pathOf(key), tr("unknown %1 \"%2\" (expected one of: %3)")
                            .arg(QString::fromLatin1(key), text, names.join(QLatin1String(", "))));
}

} // namespace Runtime
