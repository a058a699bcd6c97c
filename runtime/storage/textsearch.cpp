// SPDX-License-Identifier: GPL-3.0-or-later
// PostgreSQL's full-text search for SQLite: the four query forms and tsvector @@ tsquery matching.
#include "textsearch.h"

#include <algorithm>

namespace Runtime {

namespace {
using Query = TextSearchQuery;
using Node = std::optional<Query>; // nothing: only stop words

Query binary(Query::Kind kind, Query left, Query right, int distance = 1)
{
    Query q;
    q.kind = kind;
    q.distance = distance;
    q.children.push_back(std::move(left));
    q.children.push_back(std::move(right));
    return q;
}

// Joins two operands; an operand of stop words only drops out (PostgreSQL's clean_stopwords).
Node combine(Query::Kind kind, Node left, Node right, int distance = 1)
{
    if (!left)
        return right;
    if (!right)
        return left;
    return binary(kind, std::move(*left), std::move(*right), distance);
}

// The lexemes of a word or phrase: one lexeme, or a phrase of them at their distances.
Node phraseOf(const TextSearchLexemes &lexemes, bool prefix)
{
    Node node;
    int previous = 0;
    for (const TextSearchLexeme &l : lexemes) {
        Query term;
        term.lexeme = l.text;
        term.prefix = prefix;
        node = node ? binary(Query::Kind::Phrase, std::move(*node), std::move(term), l.position - previous)
                    : Node(std::move(term));
        previous = l.position;
    }
    return node;
}

Node conjunctionOf(const TextSearchLexemes &lexemes)
{
    Node node;
    for (const TextSearchLexeme &l : lexemes) {
        Query term;
        term.lexeme = l.text;
        node = combine(Query::Kind::And, std::move(node), Node(std::move(term)));
    }
    return node;
}

int countNodes(const Query &q)
{
    int n = 1;
    for (const Query &c : q.children)
        n += countNodes(c);
    return n;
}

/** to_tsquery's grammar: `|` binds loosest, then `&`, then `<->` / `<N>`, then `!`. */
class TsqueryParser
{
public:
    TsqueryParser(QStringView text, const TextSearchLexer &lexer) : m_text(text), m_lexer(lexer) {}

    Result<Node> parse()
    {
        Result<Node> node = parseOr(0);
        if (!node)
            return node;
        skipSpaces();
        if (m_at < m_text.size())
            return syntaxError();
        return node;
    }

private:
    Error syntaxError() const
    {
        return Error(ErrorCode::BadQuery, QStringLiteral("syntax error in tsquery: \"%1\"").arg(m_text));
    }
    void skipSpaces()
    {
        while (m_at < m_text.size() && m_text[m_at].isSpace())
            ++m_at;
    }
    bool accept(QStringView token)
    {
        skipSpaces();
        if (!m_text.mid(m_at).startsWith(token))
            return false;
        m_at += token.size();
        return true;
    }
    // `<->` is `<1>`, `<N>` is N; returns 0 when no phrase operator follows, -1 for `<0>`.
    int acceptPhraseOperator()
    {
        if (accept(u"<->"))
            return 1;
        if (m_at >= m_text.size() || m_text[m_at] != u'<')
            return 0;
        qsizetype end = m_at + 1;
        while (end < m_text.size() && m_text[end].isDigit())
            ++end;
        if (end == m_at + 1 || end >= m_text.size() || m_text[end] != u'>')
            return 0;
        const int distance = std::min(m_text.mid(m_at + 1, end - m_at - 1).left(6).toInt(), 16384);
        m_at = end + 1;
        return distance == 0 ? -1 : distance;
    }
    // `operand (op operand)*`, left-associative: `|` over parseAnd, `&` over parsePhrase.
    template<Result<Node> (TsqueryParser::*Operand)(int)>
    Result<Node> parseBinary(int depth, QStringView op, Query::Kind kind)
    {
        Result<Node> left = (this->*Operand)(depth);
        while (left && accept(op)) {
            Result<Node> right = (this->*Operand)(depth);
            if (!right)
                return right;
            left = combine(kind, std::move(*left), std::move(*right));
        }
        return left;
    }
    Result<Node> parseOr(int depth) { return parseBinary<&TsqueryParser::parseAnd>(depth, u"|", Query::Kind::Or); }
    Result<Node> parseAnd(int depth) { return parseBinary<&TsqueryParser::parsePhrase>(depth, u"&", Query::Kind::And); }
    Result<Node> parsePhrase(int depth)
    {
        Result<Node> left = parseNot(depth);
        while (left) {
            const int distance = acceptPhraseOperator();
            if (distance == 0)
                break;
            Result<Node> right = parseNot(depth);
            if (!right)
                return right;
            // `<0>`: both at the same position, which single-word lexemes never are but the same word is.
            left = combine(Query::Kind::Phrase, std::move(*left), std::move(*right), std::max(distance, 0));
        }
        return left;
    }
    Result<Node> parseNot(int depth)
    {
        if (depth > 32)
            return syntaxError();
        if (accept(u"!")) {
            Result<Node> child = parseNot(depth + 1);
            if (!child || !*child)
                return child;
            Query q;
            q.kind = Query::Kind::Not;
            q.children.push_back(std::move(**child));
            return Node(std::move(q));
        }
        if (accept(u"(")) {
            Result<Node> inner = parseOr(depth + 1);
            if (inner && !accept(u")"))
                return syntaxError();
            return inner;
        }
        return parseOperand();
    }
    // A word, or a '...' quoted text (backslash escapes), then `:*` and weights.
    Result<Node> parseOperand()
    {
        skipSpaces();
        if (m_at >= m_text.size())
            return Error(ErrorCode::BadQuery, QStringLiteral("no operand in tsquery: \"%1\"").arg(m_text));
        QString word;
        if (m_text[m_at] == u'\'') {
            ++m_at;
            while (m_at < m_text.size() && m_text[m_at] != u'\'') {
                if (m_text[m_at] == u'\\' && m_at + 1 < m_text.size())
                    ++m_at;
                word += m_text[m_at++];
            }
            if (m_at >= m_text.size())
                return syntaxError();
            ++m_at;
        } else {
            static const QString operators = QStringLiteral("!&|()<:'");
            while (m_at < m_text.size() && !m_text[m_at].isSpace() && !operators.contains(m_text[m_at]))
                word += m_text[m_at++];
        }
        if (word.isEmpty())
            return syntaxError();
        bool prefix = false;
        if (m_at < m_text.size() && m_text[m_at] == u':') {
            ++m_at;
            while (m_at < m_text.size() && QStringView(u"*ABCDabcd").contains(m_text[m_at]))
                prefix = m_text[m_at++] == u'*' || prefix;
        }
        return phraseOf(m_lexer.lexemes(word), prefix);
    }

    QStringView m_text;
    const TextSearchLexer &m_lexer;
    qsizetype m_at = 0;
};

// websearch_to_tsquery: words are ANDed, "quoted text" is a phrase, `or` between two operands is OR,
// `-` before an operand negates it. Never an error.
Node parseWebSearch(QStringView text, const TextSearchLexer &lexer)
{
    std::vector<Node> alternatives(1);
    bool negate = false;
    bool orPending = false;
    qsizetype at = 0;
    while (at < text.size()) {
        const QChar c = text[at];
        if (c.isSpace()) {
            ++at;
            continue;
        }
        if (c == u'-') {
            negate = true;
            ++at;
            continue;
        }
        Node operand;
        if (c == u'"') {
            const qsizetype close = text.indexOf(u'"', at + 1);
            const qsizetype end = close < 0 ? text.size() : close;
            operand = phraseOf(lexer.lexemes(text.mid(at + 1, end - at - 1)), false);
            at = end + 1;
        } else {
            qsizetype end = at;
            while (end < text.size() && !text[end].isSpace() && text[end] != u'"')
                ++end;
            const QStringView word = text.mid(at, end - at);
            at = end;
            if (word.compare(u"or", Qt::CaseInsensitive) == 0 && alternatives.back()) {
                orPending = true;
                negate = false;
                continue;
            }
            operand = phraseOf(lexer.lexemes(word), false);
        }
        if (!operand)
            continue;
        if (negate) {
            Query q;
            q.kind = Query::Kind::Not;
            q.children.push_back(std::move(*operand));
            operand = std::move(q);
            negate = false;
        }
        if (orPending && alternatives.back())
            alternatives.emplace_back();
        orPending = false;
        alternatives.back() = combine(Query::Kind::And, std::move(alternatives.back()), std::move(operand));
    }
    Node node;
    for (Node &alternative : alternatives)
        node = combine(Query::Kind::Or, std::move(node), std::move(alternative));
    return node;
}

bool lexemeMatches(const Query &term, const QString &lexeme)
{
    return term.prefix ? lexeme.startsWith(term.lexeme) : lexeme == term.lexeme;
}

// The positions at which \a q ends in \a document, for phrase matching.
std::vector<int> positions(const Query &q, const TextSearchLexemes &document)
{
    std::vector<int> out;
    switch (q.kind) {
    case Query::Kind::Lexeme:
        for (const TextSearchLexeme &l : document) {
            if (lexemeMatches(q, l.text))
                out.push_back(l.position);
        }
        break;
    case Query::Kind::Phrase: {
        const std::vector<int> left = positions(q.children[0], document);
        for (const int p : positions(q.children[1], document)) {
            if (std::binary_search(left.begin(), left.end(), p - q.distance))
                out.push_back(p);
        }
        break;
    }
    case Query::Kind::Not: {
        // Every position (0 included: before the first word) where the operand is not.
        const std::vector<int> excluded = positions(q.children[0], document);
        const int last = document.empty() ? 0 : document.back().position + 1;
        for (int p = 0; p <= last; ++p) {
            if (!std::binary_search(excluded.begin(), excluded.end(), p))
                out.push_back(p);
        }
        break;
    }
    case Query::Kind::And:
    case Query::Kind::Or: {
        const std::vector<int> a = positions(q.children[0], document);
        const std::vector<int> b = positions(q.children[1], document);
        if (q.kind == Query::Kind::And && (a.empty() || b.empty()))
            break;
        std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
        return out;
    }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}
} // namespace

Result<std::optional<TextSearchQuery>> parseTextSearchQuery(TextSearchForm form, QStringView text,
    const TextSearchLexer &lexer)
{
    Node node;
    switch (form) {
    case TextSearchForm::Tsquery: {
        Result<Node> parsed = TsqueryParser(text, lexer).parse();
        if (!parsed)
            return parsed.error();
        node = std::move(*parsed);
        break;
    }
    case TextSearchForm::Plain:
        node = conjunctionOf(lexer.lexemes(text));
        break;
    case TextSearchForm::Phrase:
        node = phraseOf(lexer.lexemes(text), false);
        break;
    case TextSearchForm::WebSearch:
        node = parseWebSearch(text, lexer);
        break;
    }
    if (node && countNodes(*node) > s_maxTextSearchNodes)
        return Error(ErrorCode::BadQuery, QStringLiteral("the text search query has more than %1 words and operators; "
                                                         "search for fewer words").arg(s_maxTextSearchNodes));
    return node;
}

bool textSearchMatches(const TextSearchQuery &query, const TextSearchLexemes &document)
{
    switch (query.kind) {
    case Query::Kind::Lexeme:
        return std::any_of(document.begin(), document.end(),
            [&query](const TextSearchLexeme &l) { return lexemeMatches(query, l.text); });
    case Query::Kind::And:
        return textSearchMatches(query.children[0], document) && textSearchMatches(query.children[1], document);
    case Query::Kind::Or:
        return textSearchMatches(query.children[0], document) || textSearchMatches(query.children[1], document);
    case Query::Kind::Not:
        return !textSearchMatches(query.children[0], document);
    case Query::Kind::Phrase:
        return !positions(query, document).empty();
    }
    return false;
}

std::optional<TextSearchForm> textSearchFormFromName(QStringView name)
{
    if (name == u"fts")
        return TextSearchForm::Tsquery;
    if (name == u"plfts")
        return TextSearchForm::Plain;
    if (name == u"phfts")
        return TextSearchForm::Phrase;
    if (name == u"wfts")
        return TextSearchForm::WebSearch;
    return std::nullopt;
}

} // namespace Runtime
