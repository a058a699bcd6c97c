// SPDX-License-Identifier: GPL-3.0-or-later
// The permission rule tokenizer: rule text → tokens with source positions (names, literals, operators).
#include "ruleparser_p.h"

namespace Runtime::RuleSyntax {

namespace {

bool isNameStart(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
}
bool isNameChar(QChar c)
{
    return isNameStart(c) || (c >= u'0' && c <= u'9');
}
bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

const QStringList &keywords()
{
    static const QStringList words {QStringLiteral("and"), QStringLiteral("or"), QStringLiteral("not"),
        QStringLiteral("in"), QStringLiteral("is"), QStringLiteral("null"), QStringLiteral("true"),
        QStringLiteral("false")};
    return words;
}

class Tokenizer
{
public:
    explicit Tokenizer(const QString &text)
        : m_text(text)
    { }

    std::optional<RuleDiagnostic> run(QList<Token> &tokens)
    {
        while (true) {
            while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
                ++m_pos;
            if (m_pos >= m_text.size()) {
                tokens.append(Token {Token::Kind::End, {}, {}, {}, int(m_text.size()) + 1, 1});
                return std::nullopt;
            }
            Token token;
            token.column = int(m_pos) + 1;
            if (std::optional<RuleDiagnostic> error = next(token))
                return error;
            token.length = qMax(1, int(m_pos) + 1 - token.column);
            tokens.append(token);
        }
    }

private:
    std::optional<RuleDiagnostic> next(Token &token)
    {
        const QChar c = m_text.at(m_pos);
        const QChar n = m_pos + 1 < m_text.size() ? m_text.at(m_pos + 1) : QChar();
        if (isNameStart(c))
            return name(token);
        if (isDigit(c) || (c == u'-' && isDigit(n)))
            return number(token);
        if (c == u'\'')
            return string(token);
        static const QString twoChar[]
            = {QStringLiteral("!="), QStringLiteral("<>"), QStringLiteral("<="), QStringLiteral(">=")};
        for (const QString &op : twoChar) {
            if (QStringView(m_text).mid(m_pos, 2) == op) {
                token.kind = Token::Kind::Operator;
                token.text = op;
                m_pos += 2;
                return std::nullopt;
            }
        }
        ++m_pos;
        switch (c.unicode()) {
        case u'=':
        case u'<':
        case u'>':
            token.kind = Token::Kind::Operator;
            token.text = c;
            return std::nullopt;
        case u'(':
            token.kind = Token::Kind::Open;
            return std::nullopt;
        case u')':
            token.kind = Token::Kind::Close;
            return std::nullopt;
        case u',':
            token.kind = Token::Kind::Comma;
            return std::nullopt;
        default:
            break;
        }
        QString hint = QStringLiteral("write conditions like status = 'open' joined with and, or, not");
        if (c == u'"')
            hint = QStringLiteral("quote text with single quotes, e.g. 'open'");
        else if (c == u'&' || c == u'|' || c == u'!')
            hint = QStringLiteral("use the words and, or, not");
        return diagnostic(token.column, 1, QStringLiteral("unexpected character '%1'; %2").arg(c, hint));
    }

    std::optional<RuleDiagnostic> name(Token &token)
    {
        while (true) {
            const qsizetype start = m_pos;
            while (m_pos < m_text.size() && isNameChar(m_text.at(m_pos)))
                ++m_pos;
            token.segments << m_text.mid(start, m_pos - start);
            token.segmentColumns << int(start) + 1;
            if (m_pos >= m_text.size() || m_text.at(m_pos) != u'.')
                break;
            ++m_pos;
            if (m_pos >= m_text.size() || !isNameStart(m_text.at(m_pos)))
                return diagnostic(int(m_pos) + 1, 1,
                    QStringLiteral("expected a name after \"%1.\"").arg(token.segments.join(u'.')));
        }
        token.text = token.segments.join(u'.');
        const QString lower = token.text.toLower();
        if (token.segments.size() == 1 && keywords().contains(lower)) {
            token.kind = Token::Kind::Keyword;
            token.text = lower;
        } else {
            token.kind = Token::Kind::Name;
        }
        return std::nullopt;
    }

    std::optional<RuleDiagnostic> number(Token &token)
    {
        const qsizetype start = m_pos;
        if (m_text.at(m_pos) == u'-')
            ++m_pos;
        while (m_pos < m_text.size() && isDigit(m_text.at(m_pos)))
            ++m_pos;
        if (m_pos + 1 < m_text.size() && m_text.at(m_pos) == u'.' && isDigit(m_text.at(m_pos + 1))) {
            ++m_pos;
            while (m_pos < m_text.size() && isDigit(m_text.at(m_pos)))
                ++m_pos;
        }
        if (m_pos < m_text.size() && isNameChar(m_text.at(m_pos)))
            return diagnostic(token.column, int(m_pos - start) + 1,
                QStringLiteral("a name cannot start with a digit; write numbers as 42 or 4.5"));
        token.kind = Token::Kind::Number;
        token.text = m_text.mid(start, m_pos - start);
        return std::nullopt;
    }

    std::optional<RuleDiagnostic> string(Token &token)
    {
        ++m_pos;
        token.text = QStringLiteral(""); // '' is empty text: a null QString would bind as NULL
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos++);
            if (c != u'\'') {
                token.text += c;
            } else if (m_pos < m_text.size() && m_text.at(m_pos) == u'\'') {
                token.text += c;
                ++m_pos;
            } else {
                token.kind = Token::Kind::String;
                return std::nullopt;
            }
        }
        return diagnostic(token.column, int(m_text.size()) + 1 - token.column,
            QStringLiteral("the text starting here has no closing quote; end it with ' (write '' for a quote "
                           "inside)"));
    }

    const QString &m_text;
    qsizetype m_pos = 0;
};

} // namespace

std::optional<RuleDiagnostic> tokenize(const QString &text, QList<Token> &tokens)
{
    return Tokenizer(text).run(tokens);
}

} // namespace Runtime::RuleSyntax
