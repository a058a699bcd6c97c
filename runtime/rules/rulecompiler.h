// SPDX-License-Identifier: GPL-3.0-or-later
// The permission rule language: checks a rule against the model and compiles it to parameterised SQL.
#pragma once

#include "auth/caller.h"
#include "core/result.h"
#include "model/project.h"

#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantList>

#include <optional>
#include <vector>

namespace Runtime {

class SqlDialect;

/** Where a problem in a rule's text is, for messages and for the designer's squiggly underline. */
struct RuleDiagnostic
{
    int column = 0; ///< 1-based character position in the expression
    int length = 1; ///< characters to underline (at least 1)
    QString message; ///< English, says what is wrong and how to fix it, without the column

    /** Returns "column N: message". */
    QString toString() const { return QStringLiteral("column %1: %2").arg(column).arg(message); }
};

/** One value a compiled rule binds: a literal from the rule, or a value of the caller. */
struct RuleParameter
{
    enum class Source { Literal, Uid, Role, Email, Claim };
    Source source = Source::Literal;
    QVariant literal; ///< Source::Literal: already converted to the compared column's type
    QString claim;    ///< Source::Claim: the claim's name
    /** A caller's value compared with a column is converted to the column's type when bound; a value that
        does not fit (a malformed uuid in a claim) binds as NULL, so it matches nothing on every engine. */
    std::optional<FieldType> columnType;

    /** Returns the value bound for \a caller: the literal, or the caller's value converted as columnType
        says; absent and unfitting caller values are a null QVariant (NULL). Used by CompiledRule and RowRule. */
    QVariant value(const Caller &caller) const;
};

/** A name in a rule's text that stands for a part of the model, and where it is written: what renaming or
    deleting that part must rewrite or report. */
struct RuleReference
{
    enum class Kind {
        Field, ///< the last segment of a path: a field of the table the path reaches
        ForeignKey, ///< a path segment naming a relationship by its foreign key (`customer_id`)
        ForeignKeyStem, ///< ... by its foreign key without `_id` (`customer`)
        Table, ///< ... by the table it reaches (`customers`)
        Relationship ///< ... by the relationship's name
    };
    Kind kind = Kind::Field;
    int column = 0; ///< 1-based character position in the expression
    int length = 0;
    ObjectId tableId; ///< Field, ForeignKey(Stem): the field's table; Table: the table named
    ObjectId fieldId; ///< Field, ForeignKey, ForeignKeyStem
    ObjectId relationshipId; ///< every kind but Field: the relationship the segment follows

    bool operator==(const RuleReference &) const = default;
};

/** A rule compiled for one table and one SQL dialect: a boolean SQL condition over a row of the table,
    written around a qualifier chosen at use (the table's alias in the statement that embeds it), with
    `?` placeholders for its parameters. Made once per project and dialect, used by every request. */
class CompiledRule
{
public:
    /** Returns true for an empty rule (everyone with the role): no condition at all. */
    bool isAlwaysTrue() const { return m_fragments.isEmpty(); }
    /** Returns the condition with every reference to the row qualified by \a qualifier (e.g. `"t0"`),
        in parentheses; "" when isAlwaysTrue(). */
    QString sql(const QString &qualifier) const;
    /** Returns the values of the placeholders for \a caller, in placeholder order. Caller values that are
        absent (auth.uid for anon, a claim the token lacks) are NULL, so comparisons with them are not true. */
    QVariantList parameters(const Caller &caller) const;

private:
    friend class RuleCompiler;
    QStringList m_fragments; ///< the SQL split at each place the qualifier goes
    std::vector<RuleParameter> m_parameters;
};

/** Checks and compiles rules. The grammar (documented in the README):
    \code
    expr       := or
    or         := and ("or" and)*
    and        := not ("and" not)*
    not        := "not" not | predicate
    predicate  := "(" expr ")" | "true" | "false"
                | operand ("=" | "!=" | "<>" | "<" | "<=" | ">" | ">=") operand
                | operand "is" ["not"] "null"
                | operand ["not"] "in" "(" operand ("," operand)* ")"
    operand    := 'string' | number | "true" | "false" | "null" | auth | path
    auth       := "auth.uid" | "auth.role" | "auth.email" | "auth.claims." name
    path       := name ("." name)*   // a column, or a relationship followed to a column
    \endcode
    Keywords are case-insensitive. A path `a.b.c` follows relationships from the rule's table: each
    segment but the last names a relationship by its foreign-key field (`project_id`), that field without
    its `_id` suffix (`project`), or the related table's name (`projects`, also for the many side of a
    one-to-many, meaning "any of them"); the last segment is a visible field of the table reached. Paths
    compile to EXISTS subqueries, so a row whose path leads nowhere does not match. auth.claims.<name>
    must be one of settings.jwtClaimFields. Literals compared with a column are checked against its type. */
class RuleCompiler
{
public:
    /** Returns the problem of \a expression as a rule of \a table, or nothing if it compiles. An empty
        expression is valid (everyone with the role). Used by the project validator and the designer. */
    static std::optional<RuleDiagnostic> check(const Project &project, const Table &table, const QString &expression);

    /** Returns the names of \a table's own fields that \a expression compares (not those reached through a
        path), in order of first use; empty when it does not parse. For index suggestions: a rule is a
        filter on every request. */
    static QStringList columnsUsed(const Project &project, const Table &table, const QString &expression);

    /** One way a rule's path can leave a table: the segment's name and the table it reaches. */
    struct PathSegment
    {
        QString name;
        ObjectId tableId;
        bool operator==(const PathSegment &) const = default;
    };
    /** Returns every segment a path may take from \a table (each accepted name of each relationship, no
        duplicates), exactly as check() and compile() follow them: for the designer's completion. */
    static std::vector<PathSegment> pathSegments(const Project &project, const Table &table);

    /** Returns every name in \a expression (a rule of \a table) that stands for a field, a table or a
        relationship, resolved as check() resolves it, in text order. A path that leads nowhere contributes
        the segments before the one that fails; a rule that does not parse gives nothing. */
    static std::vector<RuleReference> references(const Project &project, const Table &table, const QString &expression);

    /** Returns \a expression compiled for \a dialect, or InvalidRule whose message is the diagnostic's
        toString(). */
    static Result<CompiledRule> compile(
        const Project &project, const Table &table, const QString &expression, const SqlDialect &dialect);
};

} // namespace Runtime
