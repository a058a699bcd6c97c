// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteDialect: SQLite's types, defaults, checks and conversions.
#pragma once

#include "sqldialect.h"

namespace Runtime {

/** The SQLite dialect. Values keep their JSON-friendly forms: booleans 0/1 (checked), dates and datetimes
    as ISO 8601 text, JSON as text checked with json_valid(), uuids as text. Foreign keys are written
    inside CREATE TABLE, so SQLite tables are rebuilt to change them (see SchemaMigrator). */
class SqliteDialect final : public SqlDialect
{
public:
    DatabaseEngine engine() const override;
    QString engineName() const override;
    QString booleanLiteral(bool value) const override;
    QString columnType(FieldType type) const override;
    QString primaryKeyClause(const Field &field, const QString &constraintName) const override;
    QString conversionExpression(FieldType from, FieldType to, const QString &column) const override;
    bool inlinesForeignKeys() const override { return true; }
    QString tableNamesQuery() const override;
    QString columnNamesQuery() const override;
    QString createMigrationsTable() const override;
    QString jsonValueExpression(FieldType type, const QString &column) const override;
    QString jsonObjectFunction() const override;
    QString jsonArrayAggregate(const QString &column) const override;
    QString nestedJson(const QString &expression) const override;
    QString jsonPathExpression(const QString &column, const JsonPath &path) const override;
    QString jsonComparable(const QString &expression) const override;
    QString distinctCondition(const QString &column, const QString &value) const override;
    QString regexCondition(const QString &column, bool caseInsensitive) const override;
    QString jsonContainsCondition(const QString &column, bool containedBy) const override;
    QString jsonOverlapsCondition(const QString &column) const override;
    QString jsonText(const QString &expression) const override;
    QString textSearchCondition(const QString &column, const QString &form, const QString &language) const override;
    QString likeCondition(const QString &column, bool caseInsensitive) const override;
    QString likePattern(const QString &pattern, bool caseInsensitive) const override;
    QString limitClause(bool hasLimit, bool hasOffset) const override;
    bool producesCompactJson() const override { return true; }

    /** Returns the statements that give table \a to the AUTOINCREMENT counter of table \a from, so that a
        rebuilt table never hands out an id that was used and deleted before. */
    QStringList copyAutoIncrementCounter(const QString &from, const QString &to) const;

protected:
    QString functionDefault(const Field &field) const override;
    QString lengthFunction() const override;
    QStringList storageConditions(const Field &field, const QString &column) const override;
};

} // namespace Runtime
