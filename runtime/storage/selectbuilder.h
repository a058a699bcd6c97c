// SPDX-License-Identifier: GPL-3.0-or-later
// SelectBuilder: turns an ApiQuery into one SELECT (embeds as JSON built by the database) and its COUNT.
#pragma once

#include "core/result.h"
#include "model/project.h"
#include "query/apiquery.h"
#include "storage/embedresolver.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QVariantList>

#include <functional>
#include <vector>

namespace Runtime {

class SqlDialect;

/** One SQL statement and its positional parameters, in the order of their placeholders. */
struct SqlStatement
{
    QString sql;
    QVariantList params;
};

/** One key of an output row. */
struct OutputColumn
{
    QString name;     ///< the key (alias or column name)
    QByteArray key;   ///< `"name":`, escaped once per request
    FieldType type = FieldType::Text;
    bool embed = false; ///< JSON text built by the database, spliced as is
};

/** A read: the row query, the count query (when asked) and the keys of each row in order. */
struct SelectPlan
{
    SqlStatement rows;
    SqlStatement count; ///< sql empty unless a count was asked for
    SqlStatement counted; ///< with count: the rows (or groups) it counts, one `1` each, without paging
    std::vector<OutputColumn> columns;
    int keyColumn = -1; ///< with keys: the result column after the output ones holding the primary key
};

/** The root column lists of `select=*` already built, per table id. A RecordStore keeps one: its
    project never changes, and `*` is what most requests ask for. */
struct StarColumns
{
    QString sql;
    std::vector<OutputColumn> columns;
};
using StarCache = QHash<ObjectId, StarColumns>;

/** The rows of a table a read may see: given the table and its alias in the statement, returns a
    condition over the alias with its parameters (sql empty: every row), or the error that refuses the
    table outright. Used for permission rules; a read without one sees every row. */
using AccessFilter = std::function<Result<SqlStatement>(const Table &table, const QString &alias)>;

/** Builds the SQL of a read from an ApiQuery, checking every name against the model: columns must be
    visible fields, embeds must follow a relationship. Every value is a parameter, converted to its
    column's type first. One builder per request; not reusable across queries. */
class SelectBuilder
{
public:
    /** \a starCache, when given, keeps the root column lists of `*` across requests. */
    SelectBuilder(const Project &project, const SqlDialect &dialect, const ApiQuery &query,
        StarCache *starCache = nullptr);

    /** Returns the read of \a root. \a withCount adds the COUNT statement. When \a keys is given, only
        the rows whose primary key is one of \a keys are read, without paging (a write's representation). */
    Result<SelectPlan> build(const Table &root, bool withCount, const QVariantList *keys = nullptr);

    /** Makes the relationships of the project's views embeddable (EmbedResolver::setViewRelationships()). */
    void setViewRelationships(const std::vector<Relationship> *relationships)
    {
        m_resolver.setViewRelationships(relationships);
    }

    /** Makes every table of the read (root, embeds, junctions, inner-embed tests) also meet \a filter. */
    void setAccessFilter(AccessFilter filter) { m_access = std::move(filter); }

    /** Returns the root filters of the query as a condition over \a qualifier (a quoted table name),
        appending the parameters to \a params; "" when there are none. For UPDATE and DELETE. */
    Result<QString> rootCondition(const Table &root, const QString &qualifier, QVariantList &params);

    /** Returns the visible field \a name of \a table, or UnknownColumn naming it. */
    static Result<const Field *> visibleField(const Table &table, const QString &name);
    /** The SQL of a column's value as a request names it: \a column of \a table under \a qualifier, at
        \a path if any (JSON fields only), converted to \a cast if any; with the type of the value. */
    struct Value
    {
        QString sql;
        Field field; ///< the column's field, with the value's type
    };
    Result<Value> valueOf(const Table &table, const QString &qualifier, const QString &column, const JsonPath &path,
        const QString &cast = {}) const;
    /** Returns the field type \a cast (a PostgreSQL type name: text, int, numeric, ...) converts a \a from
        value of \a column to, or BadQuery for an unknown type or an impossible conversion. */
    static Result<FieldType> castType(const QString &column, FieldType from, const QString &cast);

private:
    /** One key of a row being built: its SQL, with the parameters of that SQL in order. */
    struct Piece
    {
        QString name;
        FieldType type = FieldType::Text;
        QString sql;
        bool embed = false;      ///< JSON built by the database, spliced as is
        bool aggregated = false; ///< an aggregate: the level is grouped by the other pieces' groupKey
        QString groupKey;        ///< what to group by for this piece (its column, or the join column of an embed)
        QVariantList params;
    };
    /** The select list of a level, and the GROUP BY expressions its aggregates need (empty: no grouping). */
    struct ColumnList
    {
        QString sql;
        QStringList groupBy;
        bool aggregated = false;
    };

    static QString groupByClause(const ColumnList &columns);
    Result<ColumnList> rootColumns(const Table &root, const QString &alias, SelectPlan &plan);
    Result<ColumnList> columnList(const Table &table, const QString &alias, const std::vector<SelectItem> &items,
        const QStringList &path, std::vector<OutputColumn> *columns);
    Result<void> addPieces(const Table &table, const QString &alias, const std::vector<SelectItem> &items,
        const QStringList &path, std::vector<Piece> &out);
    Result<Piece> aggregatePiece(const Table &table, const QString &alias, const SelectItem &item);
    Result<void> addSpreadPieces(const Table &parent, const QString &parentAlias, const SelectItem &item,
        const QStringList &path, std::vector<Piece> &out);
    /** The SQL of an embed; \a parentColumn, when given, is set to the parent's column of its join. */
    Result<QString> embedExpression(const Table &parent, const QString &parentAlias, const SelectItem &item,
        const QStringList &path, const Field **parentColumn = nullptr);
    Result<QString> embedCondition(const EmbedJoin &join, const SelectItem &item, const QString &parentAlias,
        const QString &alias, const QStringList &path);
    Result<QString> innerConditions(
        const Table &table, const QString &alias, const std::vector<SelectItem> &items, const QStringList &path);
    Result<QString> levelCondition(const Table &table, const QString &alias, const QStringList &path);
    Result<QString> condition(const Table &table, const QString &qualifier, const Condition &c);
    Result<QString> filter(const Table &table, const QString &qualifier, const Filter &f);
    Result<QString> orderBy(const Table &table, const QString &alias, const QStringList &path,
        const ColumnList *grouping = nullptr);
    QString limit(const QStringList &path);
    Result<QString> rootWhere(const Table &root, const QVariantList *keys);
    Result<QString> accessCondition(const Table &table, const QString &alias);
    Result<void> checkLevels() const;
    const QueryLevel *level(const QStringList &path) const;
    QString nextAlias();

    const Project &m_project;
    const SqlDialect &m_dialect;
    const ApiQuery &m_query;
    EmbedResolver m_resolver;
    StarCache *m_starCache;
    AccessFilter m_access;
    QVariantList m_params;
    QList<QStringList> m_embedPaths; ///< the output paths of the embeds built so far
    int m_aliasCount = 0;
};

} // namespace Runtime
