// SPDX-License-Identifier: GPL-3.0-or-later
// ValueCodec: converts API values (filter text, body JSON) to bound parameters and rows to JSON text.
#include "valuecodec.h"

#include "arrayvalues.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUuid>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace Runtime::ValueCodec {

namespace {
Error invalidValue(const Field &field, const QString &value)
{
    return Error(ErrorCode::InvalidValue,
        QStringLiteral("invalid input syntax for type %1 of column \"%2\": \"%3\"")
            .arg(fieldTypeName(field.type), field.name, value.left(200)));
}

QString jsonText(const QJsonValue &value)
{
    QByteArray out;
    appendCanonicalJson(out, value);
    return QString::fromUtf8(out);
}

// Returns \a text (trimmed) as a double like QString::toDouble(), or nothing. Plain ASCII numbers go
// through std::from_chars (QString::toDouble also tries "nan", "inf" and the like on every call: a
// tenth of converting a CSV row); anything else, and anything from_chars does not take whole, through Qt.
std::optional<double> numberFromText(QStringView text)
{
    char ascii[64];
    qsizetype size = 0;
    bool plain = text.size() < qsizetype(sizeof ascii);
    for (qsizetype i = 0; plain && i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        plain = (c >= u'0' && c <= u'9') || c == u'.' || c == u'-' || c == u'e' || c == u'E'
            || (c == u'+' && i > 0); // from_chars takes no leading '+'
        ascii[size++] = char(c);
    }
    if (plain && size > 0) {
        double value = 0;
        const std::from_chars_result parsed = std::from_chars(ascii, ascii + size, value);
        if (parsed.ec == std::errc() && parsed.ptr == ascii + size)
            return value;
    }
    bool ok = false;
    const double value = text.toString().toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

std::optional<bool> booleanFromText(const QString &text)
{
    // Compared in place: a CSV import converts a million of these.
    const QStringView t = QStringView(text).trimmed();
    const auto is = [t](const char *word) { return t.compare(QLatin1String(word), Qt::CaseInsensitive) == 0; };
    if (is("true") || is("t") || is("1") || is("yes") || is("on"))
        return true;
    if (is("false") || is("f") || is("0") || is("no") || is("off"))
        return false;
    return std::nullopt;
}

void appendNumber(QByteArray &out, double value)
{
    // 2^53: below it an integral double prints as an integer, as PostgreSQL and SQLite print it.
    if (std::trunc(value) == value && std::fabs(value) < 9007199254740992.0)
        out += QByteArray::number(qint64(value));
    else
        out += QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

// jsonb orders object keys by length first, then bytewise.
bool jsonbKeyLess(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return a.size() < b.size();
    return a < b;
}
} // namespace

QString normalizeDateTime(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?)?"
        "\\s*(?:([Zz])|([+-])(\\d{2})(?::?(\\d{2}))?)?$"));
    const QRegularExpressionMatch m = pattern.match(text.trimmed());
    if (!m.hasMatch())
        return {};
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const QString fraction = QString(m.captured(7) + QStringLiteral("000")).left(3);
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(), fraction.toInt());
    if (!date.isValid() || !time.isValid())
        return {};
    int offsetSeconds = 0;
    if (!m.captured(9).isEmpty()) {
        offsetSeconds = m.captured(10).toInt() * 3600 + m.captured(11).toInt() * 60;
        if (m.captured(9) == QLatin1String("-"))
            offsetSeconds = -offsetSeconds;
    }
    const QDateTime local(date, time, Qt::OffsetFromUTC, offsetSeconds);
    return local.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

Result<void> checkStorable(const Field &field, QStringView text)
{
    // PostgreSQL's text cannot hold a NUL (its driver cuts the statement there); SQLite's could.
    if (text.contains(QChar(u'\0')))
        return Error(ErrorCode::InvalidValue,
            QStringLiteral("the value for column \"%1\" contains the NUL character (U+0000), which text cannot "
                           "hold; leave it out").arg(field.name));
    // SQLite reads a U+FEFF that begins UTF-16 text (Qt's SQLite driver binds UTF-16) as a byte order
    // mark and drops it; PostgreSQL would keep it. Refused on both, rather than altered on one.
    if (text.startsWith(QChar(0xFEFF)))
        return Error(ErrorCode::InvalidValue,
            QStringLiteral("the value for column \"%1\" begins with U+FEFF (a byte order mark), which not every database "
                           "keeps; leave it out").arg(field.name));
    return {};
}

Result<QVariant> fromText(const Field &field, const QString &text)
{
    if (Result<void> storable = checkStorable(field, text); !storable)
        return storable.error();
    if (isArray(field.type))
        return ArrayValues::fromText(field, text);
    bool ok = false;
    switch (field.type) {
    case FieldType::Integer: {
        const qint64 v = text.trimmed().toLongLong(&ok);
        return ok ? Result<QVariant>(QVariant(v)) : invalidValue(field, text);
    }
    case FieldType::Number: {
        const std::optional<double> v = numberFromText(QStringView(text).trimmed());
        return v && std::isfinite(*v) ? Result<QVariant>(QVariant(*v)) : invalidValue(field, text);
    }
    case FieldType::Boolean: {
        const std::optional<bool> v = booleanFromText(text);
        return v ? Result<QVariant>(QVariant(*v)) : invalidValue(field, text);
    }
    case FieldType::Date: {
        const QDate d = QDate::fromString(text.trimmed(), Qt::ISODate);
        return d.isValid() && text.trimmed().size() == 10
            ? Result<QVariant>(QVariant(d.toString(Qt::ISODate))) : invalidValue(field, text);
    }
    case FieldType::DateTime: {
        const QString v = normalizeDateTime(text);
        return v.isEmpty() ? invalidValue(field, text) : Result<QVariant>(QVariant(v));
    }
    case FieldType::Uuid: {
        const QString t = text.trimmed();
        const QUuid u = QUuid::fromString(t);
        if ((u.isNull() && t != QLatin1String("00000000-0000-0000-0000-000000000000")) || t.size() != 36)
            return invalidValue(field, text);
        return QVariant(u.toString(QUuid::WithoutBraces));
    }
    case FieldType::Json: {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + "]", &error);
        if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
            return invalidValue(field, text);
        return QVariant(jsonText(doc.array().at(0)));
    }
    default:
        return QVariant(text);
    }
}

Result<QVariant> fromJson(const Field &field, const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return QVariant();
    if (isArray(field.type))
        return ArrayValues::fromJson(field, value);
    if (field.type == FieldType::Json)
        return QVariant(jsonText(value));
    if (value.isArray() || value.isObject())
        return invalidValue(field, QString::fromUtf8(QJsonDocument(value.isArray()
            ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject())).toJson(QJsonDocument::Compact)));
    if (value.isString())
        return fromText(field, value.toString());
    QByteArray text;
    if (value.isBool())
        text = value.toBool() ? "true" : "false";
    else
        appendNumber(text, value.toDouble());
    switch (field.type) {
    case FieldType::Integer:
    case FieldType::Number:
        if (value.isBool())
            return invalidValue(field, QString::fromLatin1(text));
        // 2^63: beyond it a JSON number does not fit a bigint.
        if (field.type == FieldType::Integer
            && (std::trunc(value.toDouble()) != value.toDouble() || std::fabs(value.toDouble()) >= 9.2e18))
            return invalidValue(field, QString::fromLatin1(text));
        return field.type == FieldType::Integer ? QVariant(qint64(value.toDouble())) : QVariant(value.toDouble());
    case FieldType::Boolean:
        return value.isBool() ? Result<QVariant>(QVariant(value.toBool())) : invalidValue(field, QString::fromLatin1(text));
    case FieldType::Date:
    case FieldType::DateTime:
    case FieldType::Uuid:
        return invalidValue(field, QString::fromLatin1(text));
    default:
        return QVariant(QString::fromLatin1(text));
    }
}

void appendJsonString(QByteArray &out, QStringView text)
{
    static const char hex[] = "0123456789abcdef";
    // Encodes UTF-16 to UTF-8 straight into \a out, sized for the worst case (`\u00XX`, 6 bytes per unit).
    const qsizetype start = out.size();
    out.resize(start + text.size() * 6 + 2);
    char *p = out.data() + start;
    *p++ = '"';
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t c = text[i].unicode();
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            *p++ = char(c);
            continue;
        }
        if (c < 0x80) {
            *p++ = '\\';
            switch (c) {
            case '"': *p++ = '"'; break;
            case '\\': *p++ = '\\'; break;
            case '\b': *p++ = 'b'; break;
            case '\f': *p++ = 'f'; break;
            case '\n': *p++ = 'n'; break;
            case '\r': *p++ = 'r'; break;
            case '\t': *p++ = 't'; break;
            default: *p++ = 'u'; *p++ = '0'; *p++ = '0'; *p++ = hex[c >> 4]; *p++ = hex[c & 0xf];
            }
            continue;
        }
        if (c < 0x800) {
            *p++ = char(0xc0 | (c >> 6));
        } else {
            if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text[i + 1].isLowSurrogate())
                c = QChar::surrogateToUcs4(char16_t(c), text[++i].unicode());
            else if (QChar::isSurrogate(c))
                c = 0xfffd; // a lone surrogate is not text
            if (c < 0x10000) {
                *p++ = char(0xe0 | (c >> 12));
            } else {
                *p++ = char(0xf0 | (c >> 18));
                *p++ = char(0x80 | ((c >> 12) & 0x3f));
            }
            *p++ = char(0x80 | ((c >> 6) & 0x3f));
        }
        *p++ = char(0x80 | (c & 0x3f));
    }
    *p++ = '"';
    out.resize(p - out.constData());
}

void appendCompactJson(QByteArray &out, QByteArrayView json)
{
    bool inString = false;
    bool escaped = false;
    for (const char c : json) {
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
            continue;
        if (c == '"')
            inString = true;
        out += c;
    }
}

void appendCanonicalJson(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double:
        appendNumber(out, value.toDouble());
        break;
    case QJsonValue::String:
        appendJsonString(out, value.toString());
        break;
    case QJsonValue::Array: {
        out += '[';
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i)
                out += ',';
            appendCanonicalJson(out, array.at(i));
        }
        out += ']';
        break;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QList<QByteArray> keys;
        for (auto it = object.begin(); it != object.end(); ++it)
            keys << it.key().toUtf8();
        std::sort(keys.begin(), keys.end(), jsonbKeyLess);
        out += '{';
        for (qsizetype i = 0; i < keys.size(); ++i) {
            if (i)
                out += ',';
            appendJsonString(out, QString::fromUtf8(keys.at(i)));
            out += ':';
            appendCanonicalJson(out, object.value(QString::fromUtf8(keys.at(i))));
        }
        out += '}';
        break;
    }
    default:
        out += "null";
    }
}

void appendJsonValue(QByteArray &out, FieldType type, const QVariant &value, bool compact)
{
    if (value.isNull()) {
        out += "null";
        return;
    }
    switch (type) {
    case FieldType::Integer:
        out += QByteArray::number(value.toLongLong());
        return;
    case FieldType::Number:
        appendNumber(out, value.toDouble());
        return;
    case FieldType::Boolean:
        out += value.toBool() ? "true" : "false";
        return;
    case FieldType::Json:
    case FieldType::TextArray:
    case FieldType::IntegerArray:
        if (compact)
            out += value.toString().toUtf8();
        else
            appendCompactJson(out, value.toString().toUtf8());
        return;
    default:
        appendJsonString(out, value.toString());
    }
}

QString csvText(FieldType type, const QVariant &value, bool compact)
{
    if (value.isNull())
        return {};
    // PostgreSQL's text output, as COPY writes it: booleans t/f, timestamps with a space and "+00".
    if (type == FieldType::Boolean)
        return value.toBool() ? QStringLiteral("t") : QStringLiteral("f");
    if (type == FieldType::DateTime) {
        QString text = value.toString();
        if (text.size() == 24 && text.at(10) == u'T' && text.endsWith(u'Z')) {
            text[10] = u' ';
            text.chop(1);
            while (text.endsWith(u'0'))
                text.chop(1);
            if (text.endsWith(u'.'))
                text.chop(1);
            text += QStringLiteral("+00");
        }
        return text;
    }
    if (type == FieldType::Text || isTextLike(type) || type == FieldType::Date)
        return value.toString();
    QByteArray out;
    appendJsonValue(out, type, value, compact);
    return QString::fromUtf8(out);
}

QString displayText(const QVariant &value)
{
    if (value.isNull())
        return QStringLiteral("null");
    if (value.typeId() == QMetaType::Bool)
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.typeId() == QMetaType::Double) {
        QByteArray out;
        appendNumber(out, value.toDouble());
        return QString::fromLatin1(out);
    }
    return value.toString();
}

} // namespace Runtime::ValueCodec
