// SPDX-License-Identifier: GPL-3.0-or-later
// Rule resolution: a parsed rule with each operand resolved as RuleCompiler resolves it (private).
#pragma once

#include "rules/rulecompiler.h"
#include "rules/ruleparser_p.h"

#include <memory>
#include <optional>
#include <unordered_map>

namespace Runtime::RuleSyntax {

/** What one operand of a rule stands for, exactly as the SQL compiler bound or wrote it. */
struct ResolvedOperand
{
    enum class Kind {
        Column, ///< a field of the rule's own table
        Path, ///< a field reached through a relationship (an EXISTS in SQL)
        Value ///< a literal or a caller value: parameter says which, converted as the SQL binds it
    };
    Kind kind = Kind::Value;
    const Field *field = nullptr; ///< Column, Path: the field (of the table reached, for Path)
    RuleParameter parameter; ///< Value
};

/** A rule's syntax tree and the resolution of each of its operands (keyed by the Operand in root). */
struct ResolvedRule
{
    std::unique_ptr<Node> root; ///< null for an empty rule (always true)
    std::unordered_map<const Operand *, ResolvedOperand> operands;
    std::optional<RuleDiagnostic> error; ///< set when the rule does not compile (root is then null)
};

/** Returns \a expression (a rule of \a table) parsed once and checked by the same code as
    RuleCompiler::check(), with every operand resolved; or its diagnostic. */
ResolvedRule resolve(const Project &project, const Table &table, const QString &expression);

} // namespace Runtime::RuleSyntax
