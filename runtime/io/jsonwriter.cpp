// SPDX-License-Identifier: GPL-3.0-or-later
// JsonWriter: writes JSON with keys in the order given, a 2-space indent and stable number formatting.
#include "jsonwriter.h"

#include <QJsonArray>
#include <QMetaType>
#include <QVariant>

#include <charconv>
#include <cmath>

namespace Runtime {

void JsonWriter::beginObject()
{
    open('{', false);
}
void JsonWriter::endObject()
{
    close('}');
}
void JsonWriter::beginArray()
{
    open('[', true);
}
void JsonWriter::endArray()
{
    close(']');
}

void JsonWriter::key(const char *key)
{
    Q_ASSERT(!m_levels.empty() && !m_levels.back().isArray && !m_afterKey);
    Level &level = m_levels.back();
    if (level.count++ > 0)
        m_out += ',';
    newline();
    m_out += quoted(QString::fromLatin1(key));
    m_out += ": ";
    m_afterKey = true;
}

void JsonWriter::value(const QString &text)
{
    beforeValue();
    m_out += quoted(text);
}

void JsonWriter::value(bool flag)
{
    beforeValue();
    m_out += flag ? "true" : "false";
}

void JsonWriter::value(qint64 number)
{
    beforeValue();
    m_out += QByteArray::number(number);
}

void JsonWriter::value(double number)
{
    beforeValue();
    m_out += formatNumber(number);
}

void JsonWriter::value(const QJsonValue &scalar)
{
    switch (scalar.type()) {
    case QJsonValue::String:
        value(scalar.toString());
        break;
    case QJsonValue::Bool:
        value(scalar.toBool());
        break;
    case QJsonValue::Double: {
        // QJsonValue keeps integers read from a file as qint64: write them exactly, even above 2^53.
        const QVariant variant = scalar.toVariant();
        if (variant.typeId() == QMetaType::LongLong)
            value(variant.toLongLong());
        else
            value(scalar.toDouble());
        break;
    }
    case QJsonValue::Array: {
        // A list of scalars (an array field's default) on one line, as value(QStringList) writes names.
        beforeValue();
        m_out += '[';
        const QJsonArray array = scalar.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                m_out += ", ";
            const QJsonValue element = array.at(i);
            const QVariant variant = element.toVariant();
            if (element.isString())
                m_out += quoted(element.toString());
            else if (element.isBool())
                m_out += element.toBool() ? "true" : "false";
            else if (variant.typeId() == QMetaType::LongLong)
                m_out += QByteArray::number(variant.toLongLong());
            else if (element.isDouble())
                m_out += formatNumber(element.toDouble());
            else
                m_out += "null";
        }
        m_out += ']';
        break;
    }
    default:
        beforeValue();
        m_out += "null";
        break;
    }
}

void JsonWriter::value(const QStringList &strings)
{
    beforeValue();
    m_out += '[';
    for (qsizetype i = 0; i < strings.size(); ++i) {
        if (i > 0)
            m_out += ", ";
        m_out += quoted(strings.at(i));
    }
    m_out += ']';
}

QByteArray JsonWriter::data() const
{
    return m_levels.empty() && !m_out.isEmpty() ? m_out + '\n' : m_out;
}

QByteArray JsonWriter::quoted(const QString &text)
{
    static constexpr char hex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (byte < 0x20) {
                out += "\\u00";
                out += hex[byte >> 4];
                out += hex[byte & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

QByteArray JsonWriter::formatNumber(double number)
{
    if (!std::isfinite(number))
        return QByteArrayLiteral("0");
    constexpr double exactIntegerLimit = 9007199254740992.0; // 2^53
    if (number == std::trunc(number) && std::fabs(number) < exactIntegerLimit)
        return QByteArray::number(static_cast<qint64>(number));
    char buffer[32];
    const std::to_chars_result result = std::to_chars(buffer, buffer + sizeof(buffer), number);
    return QByteArray(buffer, result.ptr - buffer);
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_levels.empty())
        return;
    Q_ASSERT(m_levels.back().isArray);
    if (m_levels.back().count++ > 0)
        m_out += ',';
    newline();
}

void JsonWriter::open(char bracket, bool isArray)
{
    beforeValue();
    m_out += bracket;
    m_levels.push_back({isArray, 0});
}

void JsonWriter::close(char bracket)
{
    Q_ASSERT(!m_levels.empty() && !m_afterKey);
    const bool empty = m_levels.back().count == 0;
    m_levels.pop_back();
    if (!empty)
        newline();
    m_out += bracket;
}

void JsonWriter::newline()
{
    m_out += '\n';
    m_out += QByteArray(qsizetype(m_levels.size()) * 2, ' ');
}

} // namespace Runtime
