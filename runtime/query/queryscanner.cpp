// SPDX-License-Identifier: GPL-3.0-or-later
// QueryScanner: reads one decoded query parameter character by character and reports where parsing failed.
#include "queryscanner_p.h"

using namespace Qt::StringLiterals;

namespace Runtime {

bool isIdentifierChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_';
}

QChar QueryScanner::peek(qsizetype ahead) const
{
    const qsizetype at = m_pos + ahead;
    return at < m_text.size() ? m_text.at(at) : QChar();
}

bool QueryScanner::lookingAt(QStringView word) const
{
    return QStringView(m_text).mid(m_pos).startsWith(word);
}

bool QueryScanner::accept(QChar c)
{
    if (atEnd() || m_text.at(m_pos) != c)
        return false;
    ++m_pos;
    return true;
}

bool QueryScanner::accept(QStringView word)
{
    if (!lookingAt(word))
        return false;
    m_pos += word.size();
    return true;
}

void QueryScanner::skipSpaces()
{
    while (!atEnd() && m_text.at(m_pos).isSpace())
        ++m_pos;
}

QString QueryScanner::identifier()
{
    const qsizetype start = m_pos;
    while (!atEnd() && isIdentifierChar(m_text.at(m_pos)))
        ++m_pos;
    return m_text.mid(start, m_pos - start);
}

QString QueryScanner::name()
{
    if (peek() != u'"')
        return identifier();
    const qsizetype open = m_pos++;
    QString out;
    while (!atEnd() && m_text.at(m_pos) != u'"') {
        if (m_text.at(m_pos) == u'\\' && m_pos + 1 < m_text.size())
            ++m_pos;
        out += m_text.at(m_pos++);
    }
    if (!accept(u'"')) {
        unexpected(u"the closing '\"' of the name opened at position %1"_s.arg(open + 1));
        return {};
    }
    if (out.isEmpty())
        fail(u"an empty quoted name \"\" at position %1"_s.arg(open + 1));
    return out;
}

QString QueryScanner::rest()
{
    const QString out = m_text.mid(m_pos);
    m_pos = m_text.size();
    return out;
}

// The offending token: a whole word when it starts with an identifier character, else one character.
QString QueryScanner::tokenAt(qsizetype pos) const
{
    if (pos >= m_text.size())
        return u"end of value"_s;
    qsizetype end = pos + 1;
    if (isIdentifierChar(m_text.at(pos))) {
        while (end < m_text.size() && isIdentifierChar(m_text.at(end)))
            ++end;
    }
    return u'"' + m_text.mid(pos, end - pos) + u'"';
}

bool QueryScanner::unexpected(const QString &expected)
{
    return unexpectedAt(m_pos, expected);
}

bool QueryScanner::unexpectedAt(qsizetype pos, const QString &expected)
{
    return fail(u"unexpected %1 at position %2 (expected %3)"_s.arg(
        tokenAt(pos), QString::number(pos + 1), expected));
}

bool QueryScanner::unsupportedAt(qsizetype pos, const QString &what, const QString &why)
{
    QString problem = u"%1 at position %2 is not supported"_s.arg(what, QString::number(pos + 1));
    if (!why.isEmpty())
        problem += u" ("_s + why + u')';
    return fail(problem);
}

bool QueryScanner::fail(const QString &problem)
{
    if (!m_error)
        m_error = problem;
    return false;
}

Error QueryScanner::error() const
{
    const QString problem = m_error.value_or(QString());
    Error out(ErrorCode::BadQuery, u"\"%1\": %2"_s.arg(m_parameter, problem));
    out.problems.append(Problem {Problem::Severity::Error, m_parameter, problem, {}});
    return out;
}

} // namespace Runtime
