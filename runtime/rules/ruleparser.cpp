// SPDX-License-Identifier: GPL-3.0-or-later
// The permission rule recursive-descent parser (grammar in rulecompiler.h) over ruletokenizer.cpp's tokens.
#include "ruleparser_p.h"

namespace Runtime::RuleSyntax {

namespace {

QString describe(const Token &t)
{
    switch (t.kind) {
    case Token::Kind::End:
        return QStringLiteral("the end of the rule");
    case Token::Kind::String:
        return QStringLiteral("'%1'").arg(t.text);
    case Token::Kind::Open:
        return QStringLiteral("\"(\"");
    case Token::Kind::Close:
        return QStringLiteral("\")\"");
    case Token::Kind::Comma:
        return QStringLiteral("\",\"");
    default:
        return QStringLiteral("\"%1\"").arg(t.text);
    }
}

class Parser
{
public:
    explicit Parser(QList<Token> tokens)
        : m_tokens(std::move(tokens))
    { }

    ParseResult run()
    {
        ParseResult result;
        result.root = expression();
        if (!m_error && peek().kind != Token::Kind::End) {
            const Token &t = peek();
            fail(t,
                t.kind == Token::Kind::Close
                    ? QStringLiteral("\")\" has no matching \"(\"; remove it or add \"(\" before")
                    : QStringLiteral(
                        "unexpected %1 after a complete condition; join conditions with and / or")
                          .arg(describe(t)));
        }
        if (m_error)
            result.root.reset();
        result.error = m_error;
        return result;
    }

private:
    const Token &peek(int ahead = 0) const { return m_tokens.at(qMin(m_index + ahead, m_tokens.size() - 1)); }
    const Token &take() { return m_tokens.at(qMin(m_index++, m_tokens.size() - 1)); }
    bool isKeyword(const Token &t, const char *word) const
    {
        return t.kind == Token::Kind::Keyword && t.text == QLatin1String(word);
    }
    std::unique_ptr<Node> fail(const Token &t, const QString &message)
    {
        if (!m_error)
            m_error = diagnostic(t.column, t.length, message);
        return nullptr;
    }

    std::unique_ptr<Node> binary(
        Node::Kind kind, const char *word, std::unique_ptr<Node> (Parser::*operand)())
    {
        std::unique_ptr<Node> first = (this->*operand)();
        if (!first || !isKeyword(peek(), word))
            return first;
        auto node = std::make_unique<Node>();
        node->kind = kind;
        node->column = first->column;
        node->children.push_back(std::move(first));
        while (isKeyword(peek(), word)) {
            const Token &op = take();
            if (peek().kind == Token::Kind::End || peek().kind == Token::Kind::Close)
                return fail(peek(), QStringLiteral("expected a condition after \"%1\"").arg(op.text));
            std::unique_ptr<Node> next = (this->*operand)();
            if (!next)
                return nullptr;
            node->children.push_back(std::move(next));
        }
        return node;
    }

    std::unique_ptr<Node> expression() { return binary(Node::Kind::Or, "or", &Parser::conjunction); }
    std::unique_ptr<Node> conjunction() { return binary(Node::Kind::And, "and", &Parser::negation); }

    std::unique_ptr<Node> negation()
    {
        if (!isKeyword(peek(), "not"))
            return predicate();
        const Token &op = take();
        if (peek().kind == Token::Kind::End)
            return fail(peek(), QStringLiteral("expected a condition after \"not\""));
        std::unique_ptr<Node> inner = negation();
        if (!inner)
            return nullptr;
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::Not;
        node->column = op.column;
        node->length = op.length;
        node->children.push_back(std::move(inner));
        return node;
    }

    bool startsComparison(const Token &t) const
    {
        return t.kind == Token::Kind::Operator || isKeyword(t, "is") || isKeyword(t, "in")
            || isKeyword(t, "not");
    }

    std::unique_ptr<Node> predicate()
    {
        const Token &first = peek();
        if (first.kind == Token::Kind::Open) {
            take();
            if (peek().kind == Token::Kind::Close)
                return fail(first,
                    QStringLiteral("empty parentheses; write a condition inside them or remove "
                                   "them"));
            std::unique_ptr<Node> inner = expression();
            if (!inner)
                return nullptr;
            if (peek().kind != Token::Kind::Close)
                return fail(peek(),
                    QStringLiteral("expected \")\" to close the \"(\" at column %1, found %2")
                        .arg(first.column)
                        .arg(describe(peek())));
            take();
            return inner;
        }
        if ((isKeyword(first, "true") || isKeyword(first, "false")) && !startsComparison(peek(1))) {
            take();
            auto node = std::make_unique<Node>();
            node->kind = Node::Kind::Constant;
            node->constant = first.text == QLatin1String("true");
            node->column = first.column;
            node->length = first.length;
            return node;
        }
        std::optional<Operand> left = operand(nullptr);
        if (!left)
            return nullptr;
        return comparison(std::move(*left));
    }

    std::unique_ptr<Node> comparison(Operand left)
    {
        auto node = std::make_unique<Node>();
        const Token &op = peek();
        node->column = op.column;
        node->length = op.length;
        if (op.kind == Token::Kind::Operator) {
            take();
            node->kind = Node::Kind::Compare;
            node->op = op.text == QLatin1String("!=") ? QStringLiteral("<>") : op.text;
            std::optional<Operand> right = operand(&op);
            if (!right)
                return nullptr;
            node->operands = {std::move(left), std::move(*right)};
            return node;
        }
        if (isKeyword(op, "is")) {
            take();
            node->kind = Node::Kind::IsNull;
            if (isKeyword(peek(), "not")) {
                take();
                node->negated = true;
            }
            if (!isKeyword(peek(), "null"))
                return fail(peek(),
                    QStringLiteral("expected \"null\" after \"is%1\", found %2")
                        .arg(node->negated ? QStringLiteral(" not") : QString(), describe(peek())));
            take();
            node->operands.push_back(std::move(left));
            return node;
        }
        if (isKeyword(op, "not") || isKeyword(op, "in"))
            return list(std::move(node), std::move(left));
        if (op.kind == Token::Kind::End)
            return fail(op,
                QStringLiteral("%1 alone is not a condition; compare it, e.g. %1 = true or %1 is not null")
                    .arg(left.text));
        return fail(op,
            QStringLiteral("expected a comparison (=, !=, <, <=, >, >=, is null, in) after %1, found %2")
                .arg(left.text, describe(op)));
    }

    std::unique_ptr<Node> list(std::unique_ptr<Node> node, Operand left)
    {
        node->kind = Node::Kind::In;
        if (isKeyword(peek(), "not")) {
            take();
            node->negated = true;
            if (!isKeyword(peek(), "in"))
                return fail(
                    peek(), QStringLiteral("expected \"in\" after \"not\", found %1").arg(describe(peek())));
        }
        const Token &in = take();
        if (peek().kind != Token::Kind::Open)
            return fail(
                peek(), QStringLiteral("expected \"(\" after \"in\"; write a list such as in ('a', 'b')"));
        const Token &open = take();
        if (peek().kind == Token::Kind::Close)
            return fail(open, QStringLiteral("the list after \"in\" is empty; list at least one value"));
        node->operands.push_back(std::move(left));
        while (true) {
            std::optional<Operand> value = operand(&in);
            if (!value)
                return nullptr;
            node->operands.push_back(std::move(*value));
            if (peek().kind == Token::Kind::Comma) {
                take();
                continue;
            }
            if (peek().kind == Token::Kind::Close) {
                take();
                return node;
            }
            return fail(peek(),
                QStringLiteral("expected \",\" or \")\" in the list after \"in\", found %1")
                    .arg(describe(peek())));
        }
    }

    // \a after is the operator before the operand, for messages; null at the start of a predicate.
    std::optional<Operand> operand(const Token *after)
    {
        const Token &t = peek();
        Operand o;
        o.column = t.column;
        o.length = t.length;
        o.text = t.kind == Token::Kind::String ? QStringLiteral("'%1'").arg(t.text) : t.text;
        switch (t.kind) {
        case Token::Kind::String:
            o.kind = Operand::Kind::String;
            o.text = t.text;
            break;
        case Token::Kind::Number:
            o.kind = Operand::Kind::Number;
            break;
        case Token::Kind::Name:
            o.kind = Operand::Kind::Path;
            o.segments = t.segments;
            o.segmentColumns = t.segmentColumns;
            break;
        case Token::Kind::Keyword:
            if (t.text == QLatin1String("true") || t.text == QLatin1String("false")) {
                o.kind = Operand::Kind::Boolean;
                o.boolean = t.text == QLatin1String("true");
                break;
            }
            if (t.text == QLatin1String("null")) {
                o.kind = Operand::Kind::Null;
                break;
            }
            [[fallthrough]];
        default:
            if (after)
                fail(t,
                    QStringLiteral("expected a value after \"%1\", found %2").arg(after->text, describe(t)));
            else
                fail(t,
                    QStringLiteral("expected a condition, found %1; e.g. owner_id = auth.uid")
                        .arg(describe(t)));
            return std::nullopt;
        }
        take();
        return o;
    }

    QList<Token> m_tokens;
    qsizetype m_index = 0;
    std::optional<RuleDiagnostic> m_error;
};

} // namespace

ParseResult parse(const QString &text)
{
    QList<Token> tokens;
    if (std::optional<RuleDiagnostic> error = tokenize(text, tokens))
        return ParseResult {nullptr, error};
    if (tokens.size() == 1)
        return {};
    return Parser(std::move(tokens)).run();
}

} // namespace Runtime::RuleSyntax
