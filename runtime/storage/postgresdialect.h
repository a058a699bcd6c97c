// SPDX-License-Identifier: GPL-3.0-or-later
// PostgresDialect: PostgreSQL's types, defaults, checks and conversions.
#pragma once

#include "sqldialect.h"

namespace Runtime {

/** The PostgreSQL dialect: native types (bigint, numeric, boolean, date, timestamptz, jsonb, uuid),
    identity keys, gen_random_uuid() and transactional ALTER TABLE for migrations in place. */
class PostgresDialect final : public SqlDialect
{
public:
    DatabaseEngine engine() const override;
    QString engineName() const override;
    QString booleanLiteral(bool value) const override;
    QString columnType(FieldType type) const override;
    QString primaryKeyClause(const Field &field, const QString &constraintName) const override;
    QString conversionExpression(FieldType from, FieldType to, const QString &column) const override;
    bool inlinesForeignKeys() const override { return false; }
    QString tableNamesQuery() const override;
    QString columnNamesQuery() const override;
    QString createMigrationsTable() const override;

    QString readExpression(FieldType type, const QString &column) const override;
    QString jsonValueExpression(FieldType type, const QString &column) const override;
    QString jsonObjectFunction() const override;
    QString jsonArrayAggregate(const QString &column) const override;
    QString distinctCondition(const QString &column, const QString &value) const override;
    QString regexCondition(const QString &column, bool caseInsensitive) const override;
    QString jsonContainsCondition(const QString &column, bool containedBy) const override;
    QString jsonOverlapsCondition(const QString &column) const override;
    QString jsonText(const QString &expression) const override;
    QString textSearchCondition(const QString &column, const QString &form, const QString &language) const override;
    QString likeCondition(const QString &column, bool caseInsensitive) const override;
    QString likePattern(const QString &pattern, bool caseInsensitive) const override;
    QString arrayJson(const QString &column) const override;
    QVariant boundValue(FieldType type, const QVariant &value) const override;
    QString syncKeyGenerator(const QString &table, const QString &column) const override;
    bool producesCompactJson() const override { return false; }
protected:
    QString functionDefault(const Field &field) const override;
    QString lengthFunction() const override;
};

} // namespace Runtime
