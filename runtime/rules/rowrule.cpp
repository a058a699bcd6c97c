// SPDX-License-Identifier: GPL-3.0-or-later
// RowRule: compiles a resolved rule tree into steps and evaluates them over a row in SQL's three-valued
// logic.
#include "rowrule.h"

#include "rowvalues_p.h"
#include "ruleresolution_p.h"
#include "storage/database.h"

#include <QJsonValue>

#include <optional>
#include <variant>
#include <vector>

namespace Runtime {

using RuleSyntax::Node;
using RuleSyntax::Operand;
using RuleSyntax::ResolvedOperand;

using namespace RowValues;

namespace {

/** A column of the rule's table, a literal, or a caller value. */
struct Term
{
    enum class Kind { Column, Constant, Caller };
    Kind kind = Kind::Constant;
    QString column;
    FieldType type = FieldType::Text;
    Value constant;
    RuleParameter parameter;
};

std::optional<FieldType> typeOf(const Term &t)
{
    return t.kind == Term::Kind::Column ? std::optional<FieldType>(t.type) : std::nullopt;
}

} // namespace

/** A node of a compiled RowRule. */
struct RowRule::Step
{
    enum class Kind { Or, And, Not, Constant, Compare, IsNull, In, Query };
    Kind kind = Kind::Constant;
    std::vector<Step> children; ///< Or, And, Not
    std::vector<Term> terms; ///< Compare: left, right; IsNull: one; In: left, then the items
    std::vector<Domain> domains; ///< Compare: one; In: one per item
    Op op = Op::Eq;
    bool negated = false; ///< IsNull: is not null; In: not in
    bool constant = false;
};

namespace {

class Builder
{
public:
    explicit Builder(const std::unordered_map<const Operand *, ResolvedOperand> &operands)
        : m_operands(operands)
    { }

    bool followsPaths = false;

    RowRule::Step step(const Node &n)
    {
        RowRule::Step s;
        switch (n.kind) {
        case Node::Kind::Or:
        case Node::Kind::And:
        case Node::Kind::Not:
            s.kind = n.kind == Node::Kind::Or ? RowRule::Step::Kind::Or
                : n.kind == Node::Kind::And   ? RowRule::Step::Kind::And
                                              : RowRule::Step::Kind::Not;
            for (const std::unique_ptr<Node> &child : n.children)
                s.children.push_back(step(*child));
            return s;
        case Node::Kind::Constant:
            s.kind = RowRule::Step::Kind::Constant;
            s.constant = n.constant;
            return s;
        case Node::Kind::Compare:
            s.kind = RowRule::Step::Kind::Compare;
            s.op = opFromSql(n.op);
            break;
        case Node::Kind::IsNull:
            s.kind = RowRule::Step::Kind::IsNull;
            break;
        case Node::Kind::In:
            s.kind = RowRule::Step::Kind::In;
            break;
        }
        s.negated = n.negated;
        for (const Operand &o : n.operands) {
            const auto found = m_operands.find(&o);
            Q_ASSERT(found != m_operands.end()); // the compiler resolves every operand it accepts
            if (found == m_operands.end() || found->second.kind == ResolvedOperand::Kind::Path) {
                followsPaths = true;
                RowRule::Step query;
                query.kind = RowRule::Step::Kind::Query;
                return query;
            }
            s.terms.push_back(term(found->second));
        }
        for (size_t i = 1; i < s.terms.size(); ++i) {
            // `auth.uid in (owner_id, ...)`: the SQL leaves the caller's value unconverted, and each engine
            // compares it with the column its own way.
            const bool untypedLeft
                = s.kind == RowRule::Step::Kind::In && !typeOf(s.terms.front()) && typeOf(s.terms[i]);
            s.domains.push_back(
                untypedLeft ? Domain::Query : domainOf(typeOf(s.terms.front()), typeOf(s.terms[i])));
        }
        return s;
    }

private:
    static Term term(const ResolvedOperand &r)
    {
        Term t;
        if (r.kind == ResolvedOperand::Kind::Column) {
            t.kind = Term::Kind::Column;
            t.column = r.field->name;
            t.type = r.field->type;
        } else if (r.parameter.source == RuleParameter::Source::Literal) {
            t.kind = Term::Kind::Constant;
            t.constant = fromVariant(r.parameter.literal);
        } else {
            t.kind = Term::Kind::Caller;
            t.parameter = r.parameter;
        }
        return t;
    }

    const std::unordered_map<const Operand *, ResolvedOperand> &m_operands;
};

/** Evaluates steps for one row and caller. */
class Evaluator
{
public:
    Evaluator(const QJsonObject &row, const Caller &caller, const Target &target)
        : m_row(row)
        , m_caller(caller)
        , m_target(target)
    { }

    Truth step(const RowRule::Step &s) const
    {
        switch (s.kind) {
        case RowRule::Step::Kind::Or:
        case RowRule::Step::Kind::And:
            return junction(s);
        case RowRule::Step::Kind::Not:
            return notOf(step(s.children.front()));
        case RowRule::Step::Kind::Constant:
            return s.constant ? Truth::True : Truth::False;
        case RowRule::Step::Kind::Compare:
            return compare(s);
        case RowRule::Step::Kind::IsNull:
            return isNull(s);
        case RowRule::Step::Kind::In:
            return in(s);
        case RowRule::Step::Kind::Query:
            break;
        }
        return Truth::Query;
    }

private:
    // And: any false decides; Or: any true decides; otherwise Query over Null over the neutral value.
    Truth junction(const RowRule::Step &s) const
    {
        const Truth decisive = s.kind == RowRule::Step::Kind::And ? Truth::False : Truth::True;
        const Truth neutral = s.kind == RowRule::Step::Kind::And ? Truth::True : Truth::False;
        bool query = false;
        bool null = false;
        for (const RowRule::Step &child : s.children) {
            const Truth t = step(child);
            if (t == decisive)
                return decisive;
            query = query || t == Truth::Query;
            null = null || t == Truth::Null;
        }
        return query ? Truth::Query : (null ? Truth::Null : neutral);
    }

    // The value of \a t, or nothing when the row lacks the column or holds what its type cannot.
    std::optional<Value> value(const Term &t) const
    {
        if (t.kind == Term::Kind::Constant)
            return t.constant;
        if (t.kind == Term::Kind::Caller)
            return fromVariant(t.parameter.value(m_caller));
        const auto it = m_row.constFind(t.column);
        if (it == m_row.constEnd())
            return std::nullopt;
        return fromJson(t.type, *it);
    }

    Truth compare(const RowRule::Step &s) const
    {
        if (s.domains.front() == Domain::Query)
            return Truth::Query;
        const std::optional<Value> left = value(s.terms[0]);
        const std::optional<Value> right = value(s.terms[1]);
        if (!left || !right)
            return Truth::Query;
        return RowValues::compare(s.domains.front(), s.op, *left, *right, m_target);
    }

    Truth isNull(const RowRule::Step &s) const
    {
        const Term &t = s.terms.front();
        bool null = false;
        if (t.kind == Term::Kind::Column) {
            const auto it = m_row.constFind(t.column);
            if (it == m_row.constEnd())
                return Truth::Query;
            null = it->isNull() || it->isUndefined();
        } else {
            const std::optional<Value> v = value(t);
            null = std::holds_alternative<std::monostate>(*v);
        }
        return null != s.negated ? Truth::True : Truth::False;
    }

    Truth in(const RowRule::Step &s) const
    {
        const std::optional<Value> left = value(s.terms.front());
        bool query = !left;
        bool null = false;
        for (size_t i = 1; left && i < s.terms.size(); ++i) {
            const std::optional<Value> item
                = s.domains[i - 1] == Domain::Query ? std::nullopt : value(s.terms[i]);
            const Truth t
                = item ? RowValues::compare(s.domains[i - 1], Op::Eq, *left, *item, m_target) : Truth::Query;
            if (t == Truth::True)
                return s.negated ? Truth::False : Truth::True;
            query = query || t == Truth::Query;
            null = null || t == Truth::Null;
        }
        const Truth any = query ? Truth::Query : (null ? Truth::Null : Truth::False);
        return s.negated ? notOf(any) : any;
    }

    const QJsonObject &m_row;
    const Caller &m_caller;
    Target m_target;
};

} // namespace

Result<RowRule> RowRule::compile(const Project &project, const Table &table, const QString &expression,
    DatabaseEngine engine, TextOrder order)
{
    RuleSyntax::ResolvedRule resolved = RuleSyntax::resolve(project, table, expression);
    if (resolved.error)
        return Error(ErrorCode::InvalidRule, resolved.error->toString());
    RowRule rule;
    rule.m_engine = engine;
    rule.m_collatedText = engine == DatabaseEngine::PostgreSQL && order == TextOrder::Collation;
    if (!resolved.root)
        return rule;
    Builder builder(resolved.operands);
    rule.m_root = std::make_shared<const Step>(builder.step(*resolved.root));
    rule.m_followsPaths = builder.followsPaths;
    return rule;
}

RowRule::Verdict RowRule::evaluate(const QJsonObject &row, const Caller &caller) const
{
    if (!m_root)
        return Verdict::Match;
    switch (Evaluator(row, caller, Target {m_engine, m_collatedText}).step(*m_root)) {
    case Truth::True:
        return Verdict::Match;
    case Truth::Query:
        return Verdict::NeedsQuery;
    default:
        return Verdict::NoMatch;
    }
}

RowRule::TextOrder RowRule::textOrderOf(const QString &collation)
{
    static const QStringList codePoint {QStringLiteral("C"), QStringLiteral("POSIX"),
        QStringLiteral("C.UTF-8"), QStringLiteral("C.utf8"), QStringLiteral("ucs_basic")};
    return codePoint.contains(collation) ? TextOrder::CodePoint : TextOrder::Collation;
}

} // namespace Runtime
