// SPDX-License-Identifier: GPL-3.0-or-later
// The permission rule tokenizer and parser: rule text → syntax tree with source positions (private).
#pragma once

#include "rules/rulecompiler.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace Runtime::RuleSyntax {

/** A value in a rule: a literal, or a dotted name (a column, a path through relationships, or auth.*). */
struct Operand
{
    enum class Kind { String, Number, Boolean, Null, Path };
    Kind kind = Kind::Null;
    QString text; ///< the value of a string, the digits of a number, the source of the rest
    bool boolean = false; ///< Kind::Boolean
    QStringList segments; ///< Kind::Path: the names between the dots
    QList<int> segmentColumns; ///< Kind::Path: 1-based column of each segment
    int column = 0; ///< 1-based
    int length = 1;
};

/** A node of the condition tree. */
struct Node
{
    enum class Kind { Or, And, Not, Constant, Compare, IsNull, In };
    Kind kind = Kind::Constant;
    std::vector<std::unique_ptr<Node>> children; ///< Or, And (two or more), Not (one)
    std::vector<Operand> operands; ///< Compare: left, right; IsNull: one; In: left, then the list
    QString op; ///< Compare: the SQL operator (=, <>, <, <=, >, >=), as written otherwise
    bool negated = false; ///< IsNull: "is not null"; In: "not in"
    bool constant = false; ///< Constant: true or false
    int column = 0; ///< of the operator (Compare, IsNull, In) or the first token
    int length = 1;
};

/** A token of rule text; Name carries its dotted segments. */
struct Token
{
    enum class Kind { Name, Keyword, String, Number, Operator, Open, Close, Comma, End };
    Kind kind = Kind::End;
    QString text; ///< keyword: lowercase; string: the unescaped value
    QStringList segments; ///< Name
    QList<int> segmentColumns;
    int column = 0;
    int length = 1;
};

/** Returns a diagnostic at \a column, underlining at least one character. */
inline RuleDiagnostic diagnostic(int column, int length, const QString &message)
{
    return RuleDiagnostic {column, qMax(1, length), message};
}

/** Splits \a text into \a tokens, ending with one End token; returns the first lexical error instead. */
std::optional<RuleDiagnostic> tokenize(const QString &text, QList<Token> &tokens);

/** The result of parsing: a tree, or the first problem. An empty rule gives neither. */
struct ParseResult
{
    std::unique_ptr<Node> root;
    std::optional<RuleDiagnostic> error;
};

/** Returns the syntax tree of \a text, or the first syntax error with its position. */
ParseResult parse(const QString &text);

} // namespace Runtime::RuleSyntax
