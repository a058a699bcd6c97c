// SPDX-License-Identifier: GPL-3.0-or-later
// RuleCompiler: checks a parsed permission rule against the model and writes it as parameterised SQL.
#include "rulecompiler.h"

#include "ruleparser_p.h"
#include "rulepaths_p.h"
#include "ruleresolution_p.h"
#include "storage/sqldialect.h"
#include "storage/valuecodec.h"

namespace Runtime {

using RuleSyntax::Node;
using RuleSyntax::Operand;
using RulePaths::QualifierMark;

namespace {

QString literalSource(const Operand &o)
{
    return o.kind == Operand::Kind::String ? QStringLiteral("'%1'").arg(o.text) : o.text;
}

/** A resolved operand: an SQL expression with the EXISTS openings its path needs, or a parameter. */
struct Value
{
    enum class Kind { Column, Parameter };
    Kind kind = Kind::Parameter;
    const Operand *source = nullptr;
    const Field *field = nullptr; ///< Column
    QString sql; ///< Column: the qualified column
    QString openings; ///< Column through a path: the EXISTS ( ... AND prefixes
    int depth = 0; ///< how many EXISTS to close
    RuleParameter parameter; ///< Parameter
    bool isLiteral() const
    {
        return kind == Kind::Parameter && parameter.source == RuleParameter::Source::Literal;
    }
};

class Compiler
{
public:
    Compiler(const Project &project, const Table &table, const SqlDialect *dialect)
        : m_project(project)
        , m_table(table)
        , m_dialect(dialect)
        , m_paths(project, dialect)
    { }

    std::optional<RuleDiagnostic> run(const Node &root, QString &sql, std::vector<RuleParameter> &parameters)
    {
        const bool grouped = root.kind == Node::Kind::And || root.kind == Node::Kind::Or;
        if (!grouped)
            m_sql += u'(';
        node(root);
        if (!grouped)
            m_sql += u')';
        sql = m_sql;
        parameters = std::move(m_parameters);
        return m_error;
    }

private:
    bool fail(int column, int length, const QString &message)
    {
        if (!m_error)
            m_error = RuleDiagnostic {column, qMax(1, length), message};
        return false;
    }
    bool fail(const Operand &o, const QString &message) { return fail(o.column, o.length, message); }
    bool fail(const RuleDiagnostic &d) { return fail(d.column, d.length, d.message); }

    QString quote(const QString &name) const { return RulePaths::quoteName(m_dialect, name); }

    bool node(const Node &n)
    {
        switch (n.kind) {
        case Node::Kind::Or:
        case Node::Kind::And: {
            m_sql += u'(';
            for (size_t i = 0; i < n.children.size(); ++i) {
                if (i > 0)
                    m_sql += n.kind == Node::Kind::And ? QLatin1String(" AND ") : QLatin1String(" OR ");
                if (!node(*n.children[i]))
                    return false;
            }
            m_sql += u')';
            return true;
        }
        case Node::Kind::Not: {
            m_sql += QLatin1String("NOT (");
            const bool ok = node(*n.children.front());
            m_sql += u')';
            return ok;
        }
        case Node::Kind::Constant:
            m_sql += m_dialect ? m_dialect->booleanLiteral(n.constant)
                               : QString::fromLatin1(n.constant ? "TRUE" : "FALSE");
            return true;
        case Node::Kind::Compare:
            return compare(n);
        case Node::Kind::IsNull:
            return isNull(n);
        case Node::Kind::In:
            return in(n);
        }
        return false;
    }

    bool compare(const Node &n)
    {
        std::optional<Value> left = resolve(n.operands[0]);
        std::optional<Value> right = left ? resolve(n.operands[1]) : std::nullopt;
        if (!left || !right)
            return false;
        if (left->isLiteral() && right->isLiteral())
            return fail(n.column, n.length,
                QStringLiteral("%1 compares two fixed values; compare a column or an auth value with a value")
                    .arg(n.op));
        if (n.operands[0].kind == Operand::Kind::Null || n.operands[1].kind == Operand::Kind::Null)
            return fail(n.operands[n.operands[0].kind == Operand::Kind::Null ? 0 : 1],
                QStringLiteral("a comparison with null is never true; write \"is null\" or \"is not null\""));
        if (!convert(*left, *right) || !convert(*right, *left))
            return false;
        record(*left);
        record(*right);
        m_sql += left->openings + right->openings;
        write(*left);
        m_sql += u' ' + n.op + u' ';
        write(*right);
        close(left->depth + right->depth);
        return true;
    }

    bool isNull(const Node &n)
    {
        std::optional<Value> v = resolve(n.operands[0]);
        if (!v)
            return false;
        if (v->isLiteral())
            return fail(n.operands[0],
                QStringLiteral("\"is null\" tests a column or an auth value, not a fixed value"));
        record(*v);
        m_sql += v->openings;
        if (v->kind == Value::Kind::Parameter) {
            // PostgreSQL cannot type a parameter that only "is null" sees.
            m_sql += QLatin1String("CAST(");
            write(*v);
            m_sql += QLatin1String(" AS TEXT)");
        } else {
            write(*v);
        }
        m_sql += n.negated ? QLatin1String(" IS NOT NULL") : QLatin1String(" IS NULL");
        close(v->depth);
        return true;
    }

    bool in(const Node &n)
    {
        std::optional<Value> left = resolve(n.operands[0]);
        if (!left)
            return false;
        if (left->isLiteral())
            return fail(
                n.operands[0], QStringLiteral("the left side of \"in\" must be a column or an auth value"));
        std::vector<Value> items;
        for (size_t i = 1; i < n.operands.size(); ++i) {
            const Operand &o = n.operands[i];
            if (o.kind == Operand::Kind::Null)
                return fail(o, QStringLiteral("null in a list never matches; write \"is null\" instead"));
            std::optional<Value> item = resolve(o);
            if (!item)
                return false;
            if (item->depth > 0)
                return fail(
                    o, QStringLiteral("a path through a relationship may only stand on the left of \"in\""));
            if (!convert(*item, *left))
                return false;
            record(*item);
            items.push_back(std::move(*item));
        }
        record(*left);
        m_sql += left->openings;
        write(*left);
        m_sql += n.negated ? QLatin1String(" NOT IN (") : QLatin1String(" IN (");
        for (size_t i = 0; i < items.size(); ++i) {
            if (i > 0)
                m_sql += QLatin1String(", ");
            write(items[i]);
        }
        m_sql += u')';
        close(left->depth);
        return true;
    }

    void write(const Value &v)
    {
        if (v.kind == Value::Kind::Column) {
            m_sql += v.sql;
            return;
        }
        m_sql += u'?';
        m_parameters.push_back(v.parameter);
    }

    void close(int depth) { m_sql += QString(depth, u')'); }

    // Notes what \a v stands for, when the caller asked (setResolved()).
    void record(const Value &v)
    {
        if (!m_resolved)
            return;
        RuleSyntax::ResolvedOperand &r = (*m_resolved)[v.source];
        if (v.kind == Value::Kind::Parameter) {
            r.kind = RuleSyntax::ResolvedOperand::Kind::Value;
            r.parameter = v.parameter;
            return;
        }
        r.kind = v.depth > 0 ? RuleSyntax::ResolvedOperand::Kind::Path
                             : RuleSyntax::ResolvedOperand::Kind::Column;
        r.field = v.field;
    }

    // Converts the literal \a value to the type of \a other when that is a column.
    bool convert(Value &value, const Value &other)
    {
        if (value.kind == Value::Kind::Parameter && !value.isLiteral()) {
            if (other.kind == Value::Kind::Column && other.field->type != FieldType::Enum)
                value.parameter.columnType = other.field->type;
            return true;
        }
        if (!value.isLiteral())
            return true;
        const Operand &o = *value.source;
        if (other.kind != Value::Kind::Column) {
            if (o.kind == Operand::Kind::String)
                value.parameter.literal = o.text;
            else if (o.kind == Operand::Kind::Boolean)
                value.parameter.literal = o.boolean;
            else if (o.text.contains(u'.'))
                value.parameter.literal = o.text.toDouble();
            else
                value.parameter.literal = o.text.toLongLong();
            return true;
        }
        const Field &f = *other.field;
        const QString typeName = fieldTypeName(f.type);
        if ((o.kind == Operand::Kind::Boolean) != (f.type == FieldType::Boolean)
            && o.kind != Operand::Kind::String)
            return fail(
                o, QStringLiteral("%1 is not a valid %2 for %3").arg(literalSource(o), typeName, f.name));
        if (f.type == FieldType::Enum && !f.enumValues.contains(o.text))
            return fail(o,
                QStringLiteral("%1 is not a value of %2; use one of: %3")
                    .arg(literalSource(o), f.name, f.enumValues.join(QLatin1String(", "))));
        Result<QVariant> converted = ValueCodec::fromText(f, o.text);
        if (!converted)
            return fail(
                o, QStringLiteral("%1 is not a valid %2 for %3").arg(literalSource(o), typeName, f.name));
        value.parameter.literal = *converted;
        return true;
    }

    std::optional<Value> resolve(const Operand &o)
    {
        Value v;
        v.source = &o;
        if (o.kind != Operand::Kind::Path)
            return v; // a literal, converted once the other side is known
        if (o.segments.front() == QLatin1String("auth"))
            return authValue(o);
        RulePaths::Walk walk;
        if (std::optional<RuleDiagnostic> error = m_paths.walk(m_table, o, walk)) {
            fail(*error);
            return std::nullopt;
        }
        v.openings = walk.openings;
        v.depth = walk.depth;
        const QString &name = o.segments.back();
        v.field = walk.table->fieldByName(name);
        if (!v.field) {
            fail(o.segmentColumns.back(), int(name.size()),
                RulePaths::unknownColumnMessage(*walk.table, name));
            return std::nullopt;
        }
        v.kind = Value::Kind::Column;
        v.sql = walk.outer + u'.' + quote(v.field->name);
        return v;
    }

    std::optional<Value> authValue(const Operand &o)
    {
        Value v;
        v.source = &o;
        const QStringList &s = o.segments;
        const QString second = s.size() > 1 ? s.at(1) : QString();
        if (s.size() == 2 && second == QLatin1String("uid"))
            v.parameter.source = RuleParameter::Source::Uid;
        else if (s.size() == 2 && second == QLatin1String("role"))
            v.parameter.source = RuleParameter::Source::Role;
        else if (s.size() == 2 && second == QLatin1String("email"))
            v.parameter.source = RuleParameter::Source::Email;
        else if (second == QLatin1String("claims") && s.size() == 3) {
            const QStringList &claims = m_project.settings.jwtClaimFields;
            if (!claims.contains(s.at(2))) {
                const int column = o.segmentColumns.at(2);
                if (claims.isEmpty())
                    fail(column, int(s.at(2).size()),
                        QStringLiteral("auth.claims.%1 is not a claim; add \"%1\" to settings.jwtClaimFields "
                                       "(no claims are configured yet)")
                            .arg(s.at(2)));
                else
                    fail(column, int(s.at(2).size()),
                        QStringLiteral(
                            "auth.claims.%1 is not a claim; add \"%1\" to settings.jwtClaimFields or "
                            "use one of: %2")
                            .arg(s.at(2), claims.join(QLatin1String(", "))));
                return std::nullopt;
            }
            v.parameter.source = RuleParameter::Source::Claim;
            v.parameter.claim = s.at(2);
        } else {
            fail(o,
                QStringLiteral("unknown auth value %1; use auth.uid, auth.role, auth.email or "
                               "auth.claims.<name>")
                    .arg(s.join(u'.')));
            return std::nullopt;
        }
        return v;
    }

public:
    /** Records the resolution of every operand into \a resolved while compiling. */
    void setResolved(std::unordered_map<const Operand *, RuleSyntax::ResolvedOperand> *resolved)
    {
        m_resolved = resolved;
    }

private:
    const Project &m_project;
    const Table &m_table;
    const SqlDialect *m_dialect;
    std::unordered_map<const Operand *, RuleSyntax::ResolvedOperand> *m_resolved = nullptr;
    QString m_sql;
    std::vector<RuleParameter> m_parameters;
    std::optional<RuleDiagnostic> m_error;
    RulePaths::PathWalker m_paths; ///< numbers the EXISTS aliases across the whole rule
};

// Compiles \a expression; \a dialect null only checks (booleans are then spelled TRUE/FALSE).
std::optional<RuleDiagnostic> compileInto(const Project &project, const Table &table,
    const QString &expression, const SqlDialect *dialect, QStringList &fragments,
    std::vector<RuleParameter> &parameters)
{
    RuleSyntax::ParseResult parsed = RuleSyntax::parse(expression);
    if (parsed.error)
        return parsed.error;
    if (!parsed.root)
        return std::nullopt; // empty: always true
    QString sql;
    if (std::optional<RuleDiagnostic> error
        = Compiler(project, table, dialect).run(*parsed.root, sql, parameters))
        return error;
    fragments = sql.split(QChar(QualifierMark));
    return std::nullopt;
}

} // namespace

RuleSyntax::ResolvedRule RuleSyntax::resolve(
    const Project &project, const Table &table, const QString &expression)
{
    ResolvedRule resolved;
    ParseResult parsed = parse(expression);
    if (parsed.error || !parsed.root) {
        resolved.error = parsed.error;
        return resolved;
    }
    QString sql;
    std::vector<RuleParameter> parameters;
    Compiler compiler(project, table, nullptr);
    compiler.setResolved(&resolved.operands);
    if ((resolved.error = compiler.run(*parsed.root, sql, parameters))) {
        resolved.operands.clear();
        return resolved;
    }
    resolved.root = std::move(parsed.root);
    return resolved;
}

std::optional<RuleDiagnostic> RuleCompiler::check(
    const Project &project, const Table &table, const QString &expression)
{
    QStringList fragments;
    std::vector<RuleParameter> parameters;
    return compileInto(project, table, expression, nullptr, fragments, parameters);
}

Result<CompiledRule> RuleCompiler::compile(
    const Project &project, const Table &table, const QString &expression, const SqlDialect &dialect)
{
    CompiledRule rule;
    if (std::optional<RuleDiagnostic> error
        = compileInto(project, table, expression, &dialect, rule.m_fragments, rule.m_parameters))
        return Error(ErrorCode::InvalidRule, error->toString());
    return rule;
}

namespace {
void collectColumns(const RuleSyntax::Node &node, const Table &table, QStringList &columns)
{
    for (const RuleSyntax::Operand &operand : node.operands) {
        if (operand.kind == RuleSyntax::Operand::Kind::Path && operand.segments.size() == 1
            && table.fieldByName(operand.segments.front()) && !columns.contains(operand.segments.front()))
            columns << operand.segments.front();
    }
    for (const std::unique_ptr<RuleSyntax::Node> &child : node.children)
        collectColumns(*child, table, columns);
}
} // namespace

QStringList RuleCompiler::columnsUsed(const Project &, const Table &table, const QString &expression)
{
    QStringList columns;
    const RuleSyntax::ParseResult parsed = RuleSyntax::parse(expression);
    if (parsed.root)
        collectColumns(*parsed.root, table, columns);
    return columns;
}

} // namespace Runtime
