// SPDX-License-Identifier: GPL-3.0-or-later
// ChannelPolicy: compiles channel name patterns to regular expressions and channel rules to RowRules over
// the names' parts.
#include "channelpolicy.h"

#include "ruleparser_p.h"
#include "storage/database.h"

namespace Runtime {

namespace {

/** A pattern as a regular expression and the names of its `{name}` parts, or its problem. */
struct ParsedPattern
{
    QString expression;
    QStringList names;
    std::optional<RuleDiagnostic> error;
};

bool isNameCharacter(QChar c, bool first)
{
    return c == u'_' || (c >= u'a' && c <= u'z') || (!first && c >= u'0' && c <= u'9');
}

ParsedPattern parsePattern(const QString &pattern)
{
    ParsedPattern parsed;
    const auto fail = [&parsed](qsizetype at, qsizetype length, const QString &message) {
        parsed.error = RuleSyntax::diagnostic(int(at) + 1, int(length), message);
        return parsed;
    };
    if (pattern.isEmpty())
        return fail(0, 1,
            QStringLiteral("the pattern is empty; write a channel name such as room:lobby, or room:* for "
                           "every name starting with room:"));
    bool lastWasWildcard = false;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == u'}')
            return fail(i, 1, QStringLiteral("\"}\" closes no \"{\"; write a part as {name}"));
        if (c != u'*' && c != u'{') {
            parsed.expression += QRegularExpression::escape(QString(c));
            lastWasWildcard = false;
            continue;
        }
        if (lastWasWildcard)
            return fail(i, 1,
                QStringLiteral("two wildcards side by side (\"*\" or \"{name}\"); put a character such as "
                               "\":\" between them"));
        lastWasWildcard = true;
        if (c == u'*') {
            parsed.expression += QStringLiteral(".*");
            continue;
        }
        const qsizetype close = pattern.indexOf(u'}', i);
        if (close < 0)
            return fail(i, pattern.size() - i, QStringLiteral("\"{\" is not closed; write a part as {name}"));
        const QString name = pattern.mid(i + 1, close - i - 1);
        const bool valid = !name.isEmpty() && isNameCharacter(name.front(), true)
            && std::all_of(name.begin(), name.end(), [](QChar n) { return isNameCharacter(n, false); });
        if (!valid)
            return fail(i, close - i + 1,
                QStringLiteral("\"{%1}\" is not a valid part; name it with lowercase letters, digits and "
                               "\"_\", e.g. {organization_id}")
                    .arg(name));
        if (parsed.names.contains(name))
            return fail(i, close - i + 1,
                QStringLiteral("{%1} is already a part of this pattern; give each part its own name")
                    .arg(name));
        parsed.names << name;
        parsed.expression += QStringLiteral("([^:]+)");
        i = close;
    }
    return parsed;
}

/** The row a channel rule sees: a table of the pattern's parts, all text (not a project table). */
Table partsTable(const QStringList &names)
{
    Table table;
    table.id = QStringLiteral("_channel");
    table.name = QStringLiteral("channel");
    for (const QString &name : names) {
        Field field;
        field.id = QStringLiteral("_channel_") + name;
        field.name = name;
        field.type = FieldType::Text;
        table.fields.push_back(field);
    }
    return table;
}

// Returns the first name of \a node that is neither auth.* nor one of \a names, as a diagnostic.
std::optional<RuleDiagnostic> checkNames(const RuleSyntax::Node &node, const QStringList &names)
{
    for (const RuleSyntax::Operand &operand : node.operands) {
        if (operand.kind != RuleSyntax::Operand::Kind::Path || operand.segments.front() == QLatin1String("auth"))
            continue;
        const QString list = names.isEmpty() ? QStringLiteral("the pattern has none; write {name} in it")
                                             : names.join(QLatin1String(", "));
        if (operand.segments.size() > 1)
            return RuleSyntax::diagnostic(operand.column, operand.length,
                QStringLiteral("%1: a channel rule has no table to follow; compare auth values with the "
                               "pattern's parts (%2)")
                    .arg(operand.segments.join(u'.'), list));
        if (!names.contains(operand.segments.front()))
            return RuleSyntax::diagnostic(operand.column, operand.length,
                QStringLiteral("unknown name \"%1\"; a channel rule compares auth values with the pattern's "
                               "parts (%2)")
                    .arg(operand.segments.front(), list));
    }
    for (const std::unique_ptr<RuleSyntax::Node> &child : node.children) {
        if (std::optional<RuleDiagnostic> problem = checkNames(*child, names))
            return problem;
    }
    return std::nullopt;
}

std::optional<RuleDiagnostic> checkRuleOn(
    const Project &project, const QStringList &names, const QString &expression)
{
    const RuleSyntax::ParseResult parsed = RuleSyntax::parse(expression);
    if (parsed.error)
        return parsed.error;
    if (parsed.root) {
        if (std::optional<RuleDiagnostic> problem = checkNames(*parsed.root, names))
            return problem;
    }
    return RuleCompiler::check(project, partsTable(names), expression);
}

} // namespace

std::optional<RuleDiagnostic> ChannelPolicy::checkPattern(const QString &pattern)
{
    return parsePattern(pattern).error;
}

std::optional<RuleDiagnostic> ChannelPolicy::checkRule(
    const Project &project, const QString &pattern, const QString &expression)
{
    return checkRuleOn(project, parsePattern(pattern).names, expression);
}

Result<std::shared_ptr<const ChannelPolicy>> ChannelPolicy::compile(const Project &project)
{
    auto policy = std::make_shared<ChannelPolicy>();
    for (const ChannelRule &rule : project.channelRules) {
        const ParsedPattern pattern = parsePattern(rule.pattern);
        if (pattern.error)
            return Error(ErrorCode::InvalidRule,
                QStringLiteral("channel pattern %1: %2").arg(rule.pattern, pattern.error->toString()));
        Entry entry;
        entry.expression = QRegularExpression(QRegularExpression::anchoredPattern(pattern.expression),
            QRegularExpression::DotMatchesEverythingOption);
        entry.names = pattern.names;
        const Table parts = partsTable(pattern.names);
        for (const ChannelAction action : {ChannelAction::Join, ChannelAction::Broadcast, ChannelAction::Track}) {
            const std::optional<QString> &expression = rule.rule(action);
            if (!expression)
                continue;
            if (std::optional<RuleDiagnostic> problem = checkRuleOn(project, pattern.names, *expression))
                return Error(ErrorCode::InvalidRule,
                    QStringLiteral("channel pattern %1, %2 rule: %3")
                        .arg(rule.pattern, channelActionName(action), problem->toString()));
            Result<RowRule> compiled = RowRule::compile(
                project, parts, *expression, DatabaseEngine::SQLite, RowRule::TextOrder::CodePoint);
            if (!compiled)
                return compiled.error();
            entry.rules[size_t(action)] = std::move(compiled).value();
        }
        policy->m_entries.push_back(std::move(entry));
    }
    return std::shared_ptr<const ChannelPolicy>(std::move(policy));
}

bool ChannelPolicy::allows(ChannelAction action, const QString &name, const Caller &caller) const
{
    if (caller.isService())
        return true;
    for (const Entry &entry : m_entries) {
        const std::optional<RowRule> &rule = entry.rules[size_t(action)];
        if (!rule)
            continue;
        const QRegularExpressionMatch match = entry.expression.match(name);
        if (!match.hasMatch())
            continue;
        QJsonObject parts;
        for (qsizetype i = 0; i < entry.names.size(); ++i)
            parts.insert(entry.names.at(i), match.captured(int(i) + 1));
        // Without a table there is nothing to query: a rule the parts cannot settle does not allow.
        if (rule->evaluate(parts, caller) == RowRule::Verdict::Match)
            return true;
    }
    return false;
}

} // namespace Runtime
