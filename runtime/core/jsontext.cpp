// SPDX-License-Identifier: GPL-3.0-or-later
// jsonTextForParser: refuses JSON text whose strings the parser would alter or the databases cannot store.
#include "jsontext.h"

#include <optional>

namespace Runtime {

namespace {
Error refusal(qsizetype offset, const QString &what)
{
    return Error(ErrorCode::InvalidBody, QStringLiteral("byte %1 of the body: %2").arg(offset).arg(what));
}

/** Returns the value of the four hex digits at \a text[\a at], or nothing. */
std::optional<char16_t> hexUnit(const QByteArray &text, qsizetype at)
{
    if (at + 4 > text.size())
        return std::nullopt;
    bool ok = false;
    const uint value = text.mid(at, 4).toUInt(&ok, 16);
    return ok ? std::optional<char16_t>(char16_t(value)) : std::nullopt;
}

/** Returns the offset of the first byte of \a text that does not begin a well-formed UTF-8 character
    (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF), or -1 if there is none. */
qsizetype invalidUtf8Offset(const QByteArray &text)
{
    const auto *bytes = reinterpret_cast<const uchar *>(text.constData());
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size;) {
        const uchar lead = bytes[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        uint point = 0;
        uint smallest = 0;
        if ((lead & 0xE0) == 0xC0) {
            length = 2, point = lead & 0x1F, smallest = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3, point = lead & 0x0F, smallest = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4, point = lead & 0x07, smallest = 0x10000;
        } else {
            return i;
        }
        if (i + length > size)
            return i;
        for (int k = 1; k < length; ++k) {
            if ((bytes[i + k] & 0xC0) != 0x80)
                return i;
            point = (point << 6) | (bytes[i + k] & 0x3F);
        }
        if (point < smallest || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF))
            return i;
        i += length;
    }
    return -1;
}
} // namespace

Result<QByteArray> jsonTextForParser(const QByteArray &json)
{
    static const QByteArray s_bom = QByteArrayLiteral("\xef\xbb\xbf");
    QList<qsizetype> boms; // offsets of U+FEFF written as UTF-8 inside strings
    if (const qsizetype offset = invalidUtf8Offset(json); offset >= 0)
        return refusal(offset, QStringLiteral("not UTF-8 text; send the body encoded as UTF-8"));
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (!inString) {
            inString = c == '"';
            continue;
        }
        if (c == '"') {
            inString = false;
            continue;
        }
        if (uchar(c) < 0x20) {
            // RFC 8259 wants them escaped; Qt's parser takes them as they are, and PostgreSQL's text
            // cannot hold a NUL.
            if (c == 0)
                return refusal(i, QStringLiteral("a NUL byte inside a string cannot be stored in text; leave it out"));
            return refusal(i, QStringLiteral("the control character U+%1 inside a string; escape it (\\n, \\t, \\u00XX)")
                                  .arg(uint(uchar(c)), 4, 16, QLatin1Char('0')));
        }
        if (c == s_bom.at(0) && json.mid(i, 3) == s_bom) {
            boms << i;
            i += 2;
            continue;
        }
        if (c != '\\' || i + 1 >= json.size())
            continue;
        ++i; // the escaped character
        if (json.at(i) != 'u') {
            // Qt's parser would drop the backslash of any other escape ("\x41" becomes "x41").
            static const QByteArray s_escapes = QByteArrayLiteral("\"\\/bfnrt");
            if (!s_escapes.contains(json.at(i)))
                return refusal(i - 1, QStringLiteral("\\%1 is no JSON escape; write a backslash as \\\\")
                                          .arg(QChar::fromLatin1(json.at(i))));
            continue;
        }
        const std::optional<char16_t> unit = hexUnit(json, i + 1);
        if (!unit)
            continue; // malformed: the parser reports it
        const qsizetype start = i - 1;
        i += 4;
        if (*unit == 0)
            return refusal(start, QStringLiteral("\\u0000 (NUL) cannot be stored in text; leave it out"));
        if (QChar::isLowSurrogate(*unit))
            return refusal(start, QStringLiteral("a lone low surrogate \\u%1; escape characters beyond U+FFFF as a "
                                                 "surrogate pair, or send them as UTF-8").arg(uint(*unit), 4, 16, QLatin1Char('0')));
        if (QChar::isHighSurrogate(*unit)) {
            const std::optional<char16_t> next = i + 2 < json.size() && json.at(i + 1) == '\\' && json.at(i + 2) == 'u'
                ? hexUnit(json, i + 3) : std::nullopt;
            if (!next || !QChar::isLowSurrogate(*next))
                return refusal(start, QStringLiteral("a lone high surrogate \\u%1; escape characters beyond U+FFFF as a "
                                                     "surrogate pair, or send them as UTF-8").arg(uint(*unit), 4, 16, QLatin1Char('0')));
            i += 6;
        }
    }
    if (boms.isEmpty())
        return json;
    QByteArray rewritten;
    rewritten.reserve(json.size() + boms.size() * 3);
    qsizetype from = 0;
    for (const qsizetype at : boms) {
        rewritten += QByteArrayView(json).sliced(from, at - from);
        rewritten += "\\ufeff";
        from = at + 3;
    }
    rewritten += QByteArrayView(json).sliced(from);
    return rewritten;
}

} // namespace Runtime
