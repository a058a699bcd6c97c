// SPDX-License-Identifier: GPL-3.0-or-later
// SqlDialect: the one place that knows how an engine spells types, literals, constraints and DDL.
#pragma once

#include "model/project.h"
#include "query/apiquery.h"
#include "storage/tableschema.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace Runtime {

enum class DatabaseEngine;

/** The SQL spelling of one database engine. Every statement Basalt generates for a schema goes through
    a dialect: the shared grammar lives here, engine differences in the overrides (SqliteDialect,
    PostgresDialect). Identifiers are always quoted, literals always escaped. Stateless; a Database owns
    the dialect of its engine, and tests create them directly. */
class SqlDialect
{
public:
    virtual ~SqlDialect();

    virtual DatabaseEngine engine() const = 0;
    /** Returns the engine's name for messages ("SQLite", "PostgreSQL"). */
    virtual QString engineName() const = 0;

    /** Returns \a name in double quotes, with embedded double quotes doubled. */
    QString quoteIdentifier(const QString &name) const;
    /** Returns \a text as a single-quoted string literal, with embedded quotes doubled. */
    QString quoteString(const QString &text) const;
    /** Returns \a value as an SQL number: integral values without a fraction, others exactly. */
    QString numberLiteral(double value) const;
    virtual QString booleanLiteral(bool value) const = 0;
    /** Returns \a value as a literal of a column of \a type (string, number, boolean or JSON text). */
    QString literal(FieldType type, const QJsonValue &value) const;

    /** Returns the column type of \a type ("TEXT", "bigint", ...). */
    virtual QString columnType(FieldType type) const = 0;
    /** Returns the DEFAULT expression of \a field (literal, current time, random uuid), or "". */
    QString defaultExpression(const Field &field) const;
    /** Returns the inline primary key clause of \a field, named \a constraintName; "" if not a key. */
    virtual QString primaryKeyClause(const Field &field, const QString &constraintName) const = 0;
    /** Returns the condition that the CHECK of \a field tests, over the SQL expression \a column
        (enum values, numeric bounds, lengths, and the dialect's storage checks), or "" if none. */
    QString checkCondition(const Field &field, const QString &column) const;

    /** Returns an expression converting \a column from \a from to \a to (see typeconversion.h for which
        conversions exist); the column itself when the stored form does not change. */
    virtual QString conversionExpression(FieldType from, FieldType to, const QString &column) const = 0;

    /** Returns true if foreign keys are written inside CREATE TABLE (SQLite), false if they are added
        afterwards with ALTER TABLE (PostgreSQL, which also alters columns and constraints in place). */
    virtual bool inlinesForeignKeys() const = 0;

    QString columnDefinition(const ColumnSchema &column) const;
    /** Returns CREATE TABLE for \a table; \a name overrides its name (used by SQLite table rebuilds). */
    QString createTable(const TableSchema &table, const QString &name = {}) const;
    QString createIndex(const QString &tableName, const IndexSchema &index) const;
    QString dropIndex(const QString &indexName) const;
    QString dropTable(const QString &tableName) const;
    QString renameTable(const QString &from, const QString &to) const;
    /** Returns CREATE VIEW \a name (\a columns) AS \a select. */
    QString createView(const QString &name, const QStringList &columns, const QString &select) const;
    /** Returns DROP VIEW IF EXISTS \a name (a view holds no data; one already gone is no error). */
    QString dropView(const QString &name) const;
    QString renameColumn(const QString &tableName, const QString &from, const QString &to) const;
    QString addColumn(const QString &tableName, const ColumnSchema &column) const;
    /** Returns INSERT INTO \a to (\a columns) SELECT \a values FROM \a from: copies rows between tables. */
    QString copyRows(
        const QString &to, const QStringList &columns, const QStringList &values, const QString &from) const;
    /** The statements below alter a table in place: PostgreSQL only (inlinesForeignKeys() is false). */
    QString dropColumn(const QString &tableName, const QString &columnName) const;
    QString addConstraint(const QString &tableName, const ConstraintSchema &constraint) const;
    QString dropConstraint(const QString &tableName, const QString &constraintName) const;
    QString alterColumnType(
        const QString &tableName, const ColumnSchema &column, const QString &usingExpression) const;
    QString alterColumnNotNull(const QString &tableName, const QString &columnName, bool notNull) const;
    QString alterColumnDefault(
        const QString &tableName, const QString &columnName, const QString &defaultSql) const;

    /** Returns every statement that creates the schema of \a project in an empty database, in order:
        tables, indexes, (where not inline) foreign keys, then views. */
    QStringList createSchema(const Project &project) const;
    /** Returns createSchema() as one script: statements ending in ";", separated by blank lines. */
    QString createSchemaScript(const Project &project) const;

    /** Returns a query listing the names of the base tables of the database. */
    virtual QString tableNamesQuery() const = 0;
    /** Returns a query listing the column names of the table bound as its one parameter, in order. */
    virtual QString columnNamesQuery() const = 0;
    /** Returns CREATE TABLE IF NOT EXISTS for `_basalt_migrations` (version, applied_at, summary, project).
     */
    virtual QString createMigrationsTable() const = 0;

    // The data API (RecordStore): how rows are read, filtered and embedded as JSON in this engine.

    /** Returns the expression that reads \a column of \a type into a result row in Basalt's canonical
        form (datetimes as `YYYY-MM-DDTHH:MM:SS.sssZ`, numbers as doubles, uuids and JSON as text). */
    virtual QString readExpression(FieldType type, const QString &column) const;
    /** Returns the expression giving \a column of \a type as a value inside a JSON object built in SQL
        (booleans as JSON true/false, JSON columns as JSON, datetimes in canonical text). */
    virtual QString jsonValueExpression(FieldType type, const QString &column) const;
    /** Returns the SQL function building a JSON object from key/value arguments. */
    virtual QString jsonObjectFunction() const = 0;
    /** Returns the aggregate of the JSON objects in \a column into an array, '[]' when there are none. */
    virtual QString jsonArrayAggregate(const QString &column) const = 0;
    /** Returns \a expression (JSON text from a subquery) as a JSON value that a JSON object nests
        as JSON, not as a string. */
    virtual QString nestedJson(const QString &expression) const;
    /** Returns \a expression (a jsonValueExpression()) as JSON text that keeps its meaning when it leaves a
        subquery: a string quoted, a number, true/false, an object; NULL stays NULL. */
    virtual QString jsonText(const QString &expression) const = 0;
    /** Returns a condition testing \a column against one bound LIKE pattern (see likePattern()),
        case-sensitively or not. */
    virtual QString likeCondition(const QString &column, bool caseInsensitive) const = 0;
    /** Returns the value of the JSON \a column at \a path: JSON for `->` steps, text as PostgreSQL's `->>`
        gives it when the last step is `->>` (a string's characters, a number's digits, true/false, NULL for
        null). */
    virtual QString jsonPathExpression(const QString &column, const JsonPath &path) const;
    /** Returns JSON \a expression (a column's value at a `->` path, or a bound JSON text) as a value that
        compares and sorts as jsonb does for values of one type (numbers by value). */
    virtual QString jsonComparable(const QString &expression) const;
    /** Returns a condition true when \a column differs from \a value (a placeholder or an expression
        over one), NULL counting as a value. */
    virtual QString distinctCondition(const QString &column, const QString &value) const = 0;
    /** Returns a condition testing \a column against one bound regular expression. */
    virtual QString regexCondition(const QString &column, bool caseInsensitive) const = 0;
    /** Returns a condition testing the JSON \a column against one bound JSON text: contains it, or (with
        \a containedBy) is contained in it, as jsonb's `@>` / `<@`. */
    virtual QString jsonContainsCondition(const QString &column, bool containedBy) const = 0;
    /** Returns a condition true when the JSON array \a column shares an element with one bound JSON array. */
    virtual QString jsonOverlapsCondition(const QString &column) const = 0;
    /** Returns a condition true when the text \a column matches one bound full-text query, as PostgreSQL's
        `to_tsvector(language, column) @@ to_tsquery(language, ?)`: \a form is fts, plfts, phfts or wfts
        (to_tsquery, plainto_, phraseto_, websearch_to_tsquery); \a language holds letters, digits and _. */
    virtual QString textSearchCondition(const QString &column, const QString &form, const QString &language) const = 0;
    /** Returns \a column (an array field's column) as JSON, for jsonContainsCondition() and
        jsonOverlapsCondition(). */
    virtual QString arrayJson(const QString &column) const;
    /** Returns the value to bind for \a value (ValueCodec's form) in a column of \a type: the value itself,
        except where the engine stores the type in another form (PostgreSQL's arrays). */
    virtual QVariant boundValue(FieldType type, const QVariant &value) const;
    /** Returns the bound pattern for likeCondition() from a SQL LIKE pattern (`%`, `_`). */
    virtual QString likePattern(const QString &pattern, bool caseInsensitive) const;
    /** Returns the LIMIT / OFFSET clause with a placeholder for each part that is present, or "". */
    virtual QString limitClause(bool hasLimit, bool hasOffset) const;
    /** Returns the statement that moves the key generator of \a table past its largest \a column value
        after rows were written with explicit keys, or "" when the engine does that itself. */
    virtual QString syncKeyGenerator(const QString &table, const QString &column) const;
    /** Returns true if JSON built by the engine is compact already (no spaces between tokens). */
    virtual bool producesCompactJson() const = 0;

protected:
    /** Returns the function default (Now, RandomUuid) of \a field in this engine. */
    virtual QString functionDefault(const Field &field) const = 0;
    /** Returns the name of the function counting characters of a string. */
    virtual QString lengthFunction() const = 0;
    /** Returns the checks the column type itself needs in this engine (SQLite: 0/1, valid JSON). */
    virtual QStringList storageConditions(const Field &field, const QString &column) const;
};

} // namespace Runtime
