// SPDX-License-Identifier: GPL-3.0-or-later
// renameViewFilterColumn(): a view's filter with one column renamed, at the positions the parser reports.
#include "viewsql.h"

#include "query/postgrestparser.h"
#include "query/postgrestparser_p.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Runtime {

namespace {
/** A piece of a parameter's decoded text to replace: [start, end). */
struct Span
{
    qsizetype start;
    qsizetype end;
};

// As the parser decodes a parameter (application/x-www-form-urlencoded).
QString decoded(const QString &raw)
{
    QByteArray text = raw.toUtf8();
    text.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(text));
}

// Encodes what the decoding above would change, so a re-encoded parameter decodes to \a text again.
QString encoded(const QString &text, bool key)
{
    QString out;
    for (const QChar c : text) {
        if (c == u'%')
            out += u"%25"_s;
        else if (c == u'&')
            out += u"%26"_s;
        else if (c == u'+')
            out += u"%2B"_s;
        else if (c == u' ')
            out += u'+';
        else if (key && c == u'=')
            out += u"%3D"_s;
        else
            out += c;
    }
    return out;
}

// \a name as the parser reads a column name: bare when it is an identifier, else double-quoted.
QString columnText(const QString &name)
{
    if (!name.isEmpty() && std::all_of(name.begin(), name.end(), isIdentifierChar))
        return name;
    QString escaped = name;
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"\""_s, u"\\\""_s);
    return u'"' + escaped + u'"';
}

void collect(const Condition &condition, const QString &from, QList<Span> &spans)
{
    if (condition.kind == Condition::Kind::Filter) {
        if (condition.filter.column == from && condition.filter.columnStart >= 0)
            spans.append({condition.filter.columnStart, condition.filter.columnEnd});
        return;
    }
    for (const Condition &child : condition.children)
        collect(child, from, spans);
}

// Returns \a raw (whose decoded text is \a text) with \a spans of the decoded text replaced by \a to.
// Text without escapes is edited in place; otherwise the edited text is encoded again.
QString replaced(const QString &raw, QString text, QList<Span> spans, const QString &to, bool key)
{
    if (spans.isEmpty())
        return raw;
    std::sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) { return a.start > b.start; });
    const bool plain = !raw.contains(u'%') && !raw.contains(u'+');
    QString out = plain ? raw : text;
    for (const Span &span : std::as_const(spans))
        out.replace(span.start, span.end - span.start, columnText(to));
    return plain ? out : encoded(out, key);
}
} // namespace

Result<QString> renameViewFilterColumn(const QString &filter, const QString &from, const QString &to)
{
    if (Result<ApiQuery> parsed = parseApiQuery(QString(), filter.toUtf8(), {}); !parsed)
        return parsed.error();
    QStringList parts = filter.split(u'&');
    for (QString &part : parts) {
        const qsizetype equals = part.indexOf(u'=');
        if (equals < 0)
            continue;
        const QString rawKey = part.left(equals);
        const QString rawValue = part.mid(equals + 1);
        const QString key = decoded(rawKey);
        const QString value = decoded(rawValue);
        QList<Span> keySpans;
        QList<Span> valueSpans;
        if (key == u"or" || key == u"and" || key == u"not.or" || key == u"not.and") {
            QueryScanner s(key, value);
            Condition group;
            group.kind = key.endsWith(u"or") ? Condition::Kind::Or : Condition::Kind::And;
            if (parseLogicValue(s, group))
                collect(group, from, valueSpans);
        } else {
            QueryScanner s(key, key);
            if (s.name() == from && !s.hasFailed() && (s.atEnd() || s.lookingAt(u"->")))
                keySpans.append({0, s.position()});
        }
        if (keySpans.isEmpty() && valueSpans.isEmpty())
            continue;
        part = replaced(rawKey, key, keySpans, to, true) + u'='
            + replaced(rawValue, value, valueSpans, to, false);
    }
    return parts.join(u'&');
}

} // namespace Runtime
