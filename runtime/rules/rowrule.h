// SPDX-License-Identifier: GPL-3.0-or-later
// RowRule: a permission rule decided in memory against one row and one caller, as its SQL would decide it.
#pragma once

#include "auth/caller.h"
#include "core/result.h"
#include "model/project.h"

#include <QJsonObject>
#include <QString>

#include <memory>

namespace Runtime {

enum class DatabaseEngine;

/** A permission rule of one table compiled for evaluation in memory: for a row (a QJsonObject of the data
    API's JSON values with every field, hidden ones included, as RecordChange carries it) and a Caller it
    answers what the rule's SQL (CompiledRule, on the given engine) would answer for that row, without a
    query. Compiled from the same syntax tree and operand resolution as RuleCompiler: literals and caller
    values are converted exactly as they are bound (RuleParameter::value()).

    Semantics are SQL's: three-valued logic (a comparison with NULL is unknown; `not` of unknown is
    unknown; `x in (...)` is true if an item equals x, unknown if none does and an item or x is NULL),
    and the verdict is Match only when the condition is true. Values compare by the column's type:
    integers and numbers exactly (bigint against numeric), booleans false < true, text and text-like
    types (email, url, enum, file, uuid in its lowercase form, dates as YYYY-MM-DD) by Unicode code
    point, which is SQLite's byte order and PostgreSQL's under the C or C.UTF-8 collation (under another
    collation, see TextOrder, `<` and `>` between text need a query), and datetimes by their canonical
    text `YYYY-MM-DDTHH:MM:SS.sssZ`.

    NeedsQuery is answered, so that the caller asks the database instead, when the rule follows a
    relationship path (and the rest of the rule does not already decide), and where the engines' SQL does
    not follow from the row alone: JSON and array comparisons, two columns of unlike types, PostgreSQL
    datetimes equal to the millisecond (the column may hold microseconds the row does not show), a boolean
    or fractional claim compared with an enum column, a caller value on the left of `in` with a column in
    the list, and on PostgreSQL a fractional caller value compared with another value that is no column
    (PostgreSQL compares two bound values as text, in the driver's spelling; SQLite by storage class, which
    is decided here). A row without the compared field also needs a query. Immutable and self-contained
    (nothing of the project is kept); copies share the compiled tree; evaluate() is thread-safe. */
class RowRule
{
public:
    enum class Verdict {
        Match, ///< the rule's SQL condition is true for the row
        NoMatch, ///< false or unknown (NULL): the row does not pass
        NeedsQuery ///< only the database can say (see the class comment)
    };

    /** How the database orders text (`<`, `>` between text values): by code point, as SQLite does and
        PostgreSQL under the C, POSIX and C.UTF-8 collations; or by a collation only the database knows
        (en_US.UTF-8, ICU, ...), when such comparisons need a query (equality never does). */
    enum class TextOrder { CodePoint, Collation };
    /** Returns the order of a PostgreSQL database whose default collation is \a collation, as
        `SELECT datcollate FROM pg_database WHERE datname = current_database()` gives it. */
    static TextOrder textOrderOf(const QString &collation);

    /** Returns \a expression, a rule of \a table in \a project, compiled for rows of \a engine's database
        ordering text as \a order says (SQLite: always by code point), or InvalidRule with the same message
        RuleCompiler::compile() gives. An empty expression always matches. */
    static Result<RowRule> compile(const Project &project, const Table &table, const QString &expression,
        DatabaseEngine engine, TextOrder order);

    /** Returns what the rule says of \a row for \a caller. */
    Verdict evaluate(const QJsonObject &row, const Caller &caller) const;

    /** Returns true for an empty rule: every row matches. */
    bool isAlwaysTrue() const { return !m_root; }
    /** Returns true if the rule follows a relationship path somewhere, so evaluate() may say NeedsQuery
        for it whatever the row. */
    bool followsPaths() const { return m_followsPaths; }

    struct Step; ///< a node of the compiled tree (rowrule.cpp)

private:
    std::shared_ptr<const Step> m_root; ///< null: always true
    bool m_followsPaths = false;
    DatabaseEngine m_engine {};
    bool m_collatedText = false;
};

} // namespace Runtime
