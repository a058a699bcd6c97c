// SPDX-License-Identifier: GPL-3.0-or-later
// ApiQuery: a data-API request in PostgREST's URL dialect, parsed but not yet checked against the model.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace Runtime {

enum class FilterOperator {
    Eq, Neq, Gt, Gte, Lt, Lte, Like, Ilike, In, Is,
    IsDistinct,  ///< `isdistinct`: IS DISTINCT FROM
    Match,       ///< `match`: a regular expression
    Imatch,      ///< `imatch`: a regular expression, ignoring case
    Contains,    ///< `cs`: the JSON value contains the given one
    ContainedBy, ///< `cd`: the JSON value is contained in the given one
    Overlaps,    ///< `ov`: the JSON array shares an element with the given one
    Fts,         ///< `fts`: full-text search, to_tsquery syntax
    PlainFts,    ///< `plfts`: full-text search for every word (plainto_tsquery)
    PhraseFts,   ///< `phfts`: full-text search for the words in order (phraseto_tsquery)
    WebFts,      ///< `wfts`: full-text search, search-engine syntax (websearch_to_tsquery)
};

/** One step of a JSON path after a column: `->key`, `->0` (array index), `->>key` (the value as text). */
struct JsonPathStep
{
    QString key;        ///< empty for an index
    int index = 0;      ///< for an index step
    bool isIndex = false;
    bool asText = false; ///< `->>`: only the last step
};
using JsonPath = std::vector<JsonPathStep>;

/** Returns the name PostgREST gives a JSON path's value: its last key, else \a column. */
QString jsonPathName(const QString &column, const JsonPath &path);

/** `op(any)` / `op(all)`: the filter holds for any / all of a `{a,b}` list. */
enum class Quantifier { None, Any, All };

/** One `column=op.value` filter (`not.` sets negated). For `is`, value is "null", "true", "false" or
    "unknown"; for `in` and quantified filters (`like(any).{a,b}`), values holds the list and value is
    empty. Values are raw text: the storage layer converts them to the column's type and binds them as
    parameters. */
struct Filter
{
    QString column;
    JsonPath jsonPath; ///< `attrs->>colour=eq.red`: the filter applies to the value at the path
    FilterOperator op = FilterOperator::Eq;
    Quantifier quantifier = Quantifier::None;
    bool negated = false;
    QString value;
    QStringList values;
    QString language; ///< the text search configuration of `fts(english).cat` (empty: Basalt's default)
    /// Where the column's name (quotes included) starts and ends in the decoded value of an `or=`/`and=`
    /// parameter; -1 for a filter whose column is the parameter's name. Lets an editor rename a column.
    qsizetype columnStart = -1;
    qsizetype columnEnd = -1;
};

/** A filter or a nested `and(...)` / `or(...)` group (`not.or(...)` sets negated). */
struct Condition
{
    enum class Kind { Filter, And, Or };

    Kind kind = Kind::Filter;
    bool negated = false;
    Filter filter;                   ///< when kind is Filter
    std::vector<Condition> children; ///< when kind is And or Or
};

struct OrderTerm
{
    enum class Nulls { Default, First, Last };

    QString column;
    JsonPath jsonPath; ///< `order=attrs->>size.desc`
    bool descending = false;
    Nulls nulls = Nulls::Default;
};

/** An aggregate over the rows of a select (`count()`, `amount.sum()`), as PostgREST's. */
enum class Aggregate { None, Count, Sum, Avg, Min, Max };

/** Returns the name of \a aggregate in URLs and SQL, lower case ("sum"); empty for None. */
QString aggregateName(Aggregate aggregate);

/** One item of `select=`: a column (`alias:column`), `*`, an aggregate (`count()`, `amount.sum()`), or an
    embedded resource (`alias:relation!hint!inner(items)`, `...relation(items)` to spread its columns into
    the parent) whose name is a related table or a relationship's name. */
struct SelectItem
{
    enum class Kind { Column, Star, Embed };

    Kind kind = Kind::Column;
    QString name;  ///< the column, or the embedded table / relationship name
    QString alias; ///< empty: the name
    QString hint;  ///< `!hint`: a foreign-key column or relationship name to pick among several
    JsonPath jsonPath; ///< for Column: `attrs->colour`, `attrs->>size`
    QString cast;      ///< for Column: `::text`, the type to convert the value to (empty: none)
    bool inner = false; ///< `!inner`: parent rows without a match are left out
    bool spread = false; ///< for Embed: `...relation(items)`, the items become the parent's keys
    Aggregate aggregate = Aggregate::None; ///< for Column: `col.sum()`; name is empty for `count()`
    QString aggregateCast; ///< for Column: `col.sum()::int`, the type of the aggregate's value
    std::vector<SelectItem> children; ///< for Embed: what to select of the embedded rows (empty: *)

    QString outputName() const;
};

/** The filters, order and paging of one level of the request: the root table, or an embedded resource
    (addressed in the URL by its output name: `reviews.rating=gte.4`, `reviews.order=rating.desc`). */
struct QueryLevel
{
    QStringList embedPath;  ///< empty for the root; ["reviews"] or ["orders", "order_items"] for embeds
    Condition where;        ///< kind And with the top-level filters as children (empty: no filter)
    std::vector<OrderTerm> order;
    std::optional<qint64> limit;
    std::optional<qint64> offset;
};

/** What `Prefer:` asked for. */
struct Preferences
{
    enum class Return { Default, Minimal, Representation, HeadersOnly };
    enum class Count { None, Exact, Planned, Estimated };
    enum class Resolution { None, MergeDuplicates, IgnoreDuplicates };

    Return returnPreference = Return::Default;
    Count count = Count::None;
    enum class Transaction { Default, Commit, Rollback };

    Resolution resolution = Resolution::None;
    bool missingDefault = false; ///< `missing=default`
    bool strict = false;         ///< `handling=strict`
    Transaction transaction = Transaction::Default; ///< `tx=commit|rollback`
    std::optional<qint64> maxAffected; ///< `max-affected=N` (enforced with handling=strict)
    /** The preferences honoured, as `Preference-Applied` lists them (`return=representation`, ...), in
        the order they were given. */
    QStringList applied;
};

/** The whole query of a request to /rest/v1/<table>. */
struct ApiQuery
{
    QString table;
    std::vector<SelectItem> select; ///< empty: `*`
    std::vector<QueryLevel> levels; ///< levels[0] is the root; one entry per embed that has conditions
    QStringList onConflict;         ///< `on_conflict=a,b`
    QStringList columns;            ///< `columns=a,b` (which body keys to insert)
    Preferences prefer;

    QueryLevel &root();
    const QueryLevel &root() const;
    /** Returns the level for \a embedPath, or nullptr. */
    const QueryLevel *level(const QStringList &embedPath) const;
};

} // namespace Runtime
