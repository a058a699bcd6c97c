// SPDX-License-Identifier: GPL-3.0-or-later
// SqlDialect: the grammar shared by the engines; the overrides hold what differs.
#include "sqldialect.h"

#include "arrayvalues.h"
#include "viewsql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <cmath>

namespace Runtime {

SqlDialect::~SqlDialect() = default;

QString SqlDialect::quoteIdentifier(const QString &name) const
{
    QString escaped = name;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString SqlDialect::quoteString(const QString &text) const
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QString SqlDialect::numberLiteral(double value) const
{
    // 2^53: beyond it a double no longer holds every integer, so print it as a double.
    if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 9007199254740992.0)
        return QString::number(qint64(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString SqlDialect::literal(FieldType type, const QJsonValue &value) const
{
    switch (type) {
    case FieldType::Integer:
    case FieldType::Number:
        if (value.isDouble())
            return numberLiteral(value.toDouble());
        if (value.isBool())
            return value.toBool() ? QStringLiteral("1") : QStringLiteral("0");
        return quoteString(value.toVariant().toString());
    case FieldType::Boolean:
        if (value.isString())
            return booleanLiteral(value.toString() == QLatin1String("true"));
        return booleanLiteral(value.toBool() || value.toDouble() != 0);
    case FieldType::TextArray:
    case FieldType::IntegerArray: {
        // A list ([] or ["a","b"]), in the form the engine binds an array in (SQLite: JSON; PostgreSQL: {a,b}).
        const Result<QVariant> json = ArrayValues::fromJson(Field {.type = type}, value);
        return json ? quoteString(boundValue(type, *json).toString()) : QStringLiteral("NULL");
    }
    case FieldType::Json:
        // A JSON default is given as its JSON text ("{}", "[]") or as a scalar.
        if (value.isString())
            return quoteString(value.toString());
        return quoteString(QString::fromUtf8(
            QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact).mid(1).chopped(1)));
    default:
        if (value.isDouble())
            return quoteString(numberLiteral(value.toDouble()));
        if (value.isBool())
            return quoteString(value.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
        return quoteString(value.toString());
    }
}

QString SqlDialect::defaultExpression(const Field &field) const
{
    switch (field.defaultValue.kind) {
    case DefaultValue::Kind::Literal:
        return literal(field.type, field.defaultValue.literal);
    case DefaultValue::Kind::Now:
    case DefaultValue::Kind::RandomUuid:
        return functionDefault(field);
    case DefaultValue::Kind::None:
        break;
    }
    // A uuid key always gets a database-side value, so rows inserted outside the runtime get one too.
    if (field.primaryKey == PrimaryKeyKind::Uuid)
        return functionDefault(
            Field {.type = FieldType::Uuid, .defaultValue = {.kind = DefaultValue::Kind::RandomUuid}});
    return {};
}

QString SqlDialect::checkCondition(const Field &field, const QString &column) const
{
    QStringList conditions;
    if (field.type == FieldType::Enum && !field.enumValues.isEmpty()) {
        QStringList values;
        for (const QString &v : field.enumValues)
            values << quoteString(v);
        conditions << column + QStringLiteral(" IN (") + values.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    const Validation &v = field.validation;
    if (isNumeric(field.type)) {
        if (v.min)
            conditions << column + QStringLiteral(" >= ") + numberLiteral(*v.min);
        if (v.max)
            conditions << column + QStringLiteral(" <= ") + numberLiteral(*v.max);
    }
    if (isTextLike(field.type) && field.type != FieldType::Uuid) {
        if (v.minLength)
            conditions << lengthFunction() + QLatin1Char('(') + column + QStringLiteral(") >= ")
                    + QString::number(*v.minLength);
        if (v.maxLength)
            conditions << lengthFunction() + QLatin1Char('(') + column + QStringLiteral(") <= ")
                    + QString::number(*v.maxLength);
    }
    conditions << storageConditions(field, column);
    return conditions.join(QStringLiteral(" AND "));
}

QStringList SqlDialect::storageConditions(const Field &, const QString &) const
{
    return {};
}

QString SqlDialect::columnDefinition(const ColumnSchema &column) const
{
    QString sql = quoteIdentifier(column.name) + QLatin1Char(' ') + column.sqlType;
    if (column.notNull)
        sql += QStringLiteral(" NOT NULL");
    if (!column.defaultSql.isEmpty())
        sql += QStringLiteral(" DEFAULT ") + column.defaultSql;
    if (!column.primaryKeySql.isEmpty())
        sql += QLatin1Char(' ') + column.primaryKeySql;
    return sql;
}

QString SqlDialect::createTable(const TableSchema &table, const QString &name) const
{
    QStringList lines;
    for (const ColumnSchema &c : table.columns)
        lines << columnDefinition(c);
    for (const ConstraintSchema &c : table.constraints) {
        if (c.kind != ConstraintSchema::Kind::ForeignKey || inlinesForeignKeys())
            lines << QStringLiteral("CONSTRAINT ") + quoteIdentifier(c.name) + QLatin1Char(' ') + c.body;
    }
    return QStringLiteral("CREATE TABLE ") + quoteIdentifier(name.isEmpty() ? table.name : name)
        + QStringLiteral(" (\n    ") + lines.join(QStringLiteral(",\n    ")) + QStringLiteral("\n)");
}

QString SqlDialect::createIndex(const QString &tableName, const IndexSchema &index) const
{
    QStringList columns;
    for (const QString &c : index.columns)
        columns << quoteIdentifier(c);
    return (index.unique ? QStringLiteral("CREATE UNIQUE INDEX ") : QStringLiteral("CREATE INDEX "))
        + quoteIdentifier(index.name) + QStringLiteral(" ON ") + quoteIdentifier(tableName)
        + QStringLiteral(" (") + columns.join(QStringLiteral(", ")) + QLatin1Char(')');
}

QString SqlDialect::dropIndex(const QString &indexName) const
{
    return QStringLiteral("DROP INDEX ") + quoteIdentifier(indexName);
}

QString SqlDialect::dropTable(const QString &tableName) const
{
    return QStringLiteral("DROP TABLE ") + quoteIdentifier(tableName);
}

QString SqlDialect::createView(const QString &name, const QStringList &columns, const QString &select) const
{
    QStringList quoted;
    for (const QString &column : columns)
        quoted << quoteIdentifier(column);
    return QStringLiteral("CREATE VIEW ") + quoteIdentifier(name) + QStringLiteral(" (")
        + quoted.join(QStringLiteral(", ")) + QStringLiteral(") AS ") + select;
}

QString SqlDialect::dropView(const QString &name) const
{
    return QStringLiteral("DROP VIEW IF EXISTS ") + quoteIdentifier(name);
}

QString SqlDialect::renameTable(const QString &from, const QString &to) const
{
    return QStringLiteral("ALTER TABLE ") + quoteIdentifier(from) + QStringLiteral(" RENAME TO ")
        + quoteIdentifier(to);
}

QString SqlDialect::renameColumn(const QString &tableName, const QString &from, const QString &to) const
{
    return QStringLiteral("ALTER TABLE ") + quoteIdentifier(tableName) + QStringLiteral(" RENAME COLUMN ")
        + quoteIdentifier(from) + QStringLiteral(" TO ") + quoteIdentifier(to);
}

QString SqlDialect::addColumn(const QString &tableName, const ColumnSchema &column) const
{
    return QStringLiteral("ALTER TABLE ") + quoteIdentifier(tableName) + QStringLiteral(" ADD COLUMN ")
        + columnDefinition(column);
}

QString SqlDialect::copyRows(
    const QString &to, const QStringList &columns, const QStringList &values, const QString &from) const
{
    QStringList quoted;
    for (const QString &c : columns)
        quoted << quoteIdentifier(c);
    return QStringLiteral("INSERT INTO ") + quoteIdentifier(to) + QStringLiteral(" (")
        + quoted.join(QStringLiteral(", ")) + QStringLiteral(")\n    SELECT ")
        + values.join(QStringLiteral(", ")) + QStringLiteral(" FROM ") + quoteIdentifier(from);
}

QString SqlDialect::dropColumn(const QString &tableName, const QString &columnName) const
{
    return QStringLiteral("ALTER TABLE ") + quoteIdentifier(tableName) + QStringLiteral(" DROP COLUMN ")
        + quoteIdentifier(columnName);
}

QString SqlDialect::addConstraint(const QString &tableName, const ConstraintSchema &constraint) const
{
    return QStringLiteral("ALTER TABLE ") + quoteIdentifier(tableName) + QStringLiteral(" ADD CONSTRAINT ")
        + quoteIdentifier(constraint.name) + QLatin1Char(' ') + constraint.body;
}

QString SqlDialect::dropConstraint(const QString &tableName, const QString &constraintName) const
{
    return QStringLiteral("ALTER TABLE ") + quoteIdentifier(tableName) + QStringLiteral(" DROP CONSTRAINT ")
        + quoteIdentifier(constraintName);
}

QString SqlDialect::alterColumnType(
    const QString &tableName, const ColumnSchema &column, const QString &usingExpression) const
{
    return QStringLiteral("ALTER TABLE ") + quoteIdentifier(tableName) + QStringLiteral(" ALTER COLUMN ")
        + quoteIdentifier(column.name) + QStringLiteral(" TYPE ") + column.sqlType + QStringLiteral(" USING ")
        + usingExpression;
}

QString SqlDialect::alterColumnNotNull(
    const QString &tableName, const QString &columnName, bool notNull) const
{
    return QStringLiteral("ALTER TABLE ") + quoteIdentifier(tableName) + QStringLiteral(" ALTER COLUMN ")
        + quoteIdentifier(columnName)
        + (notNull ? QStringLiteral(" SET NOT NULL") : QStringLiteral(" DROP NOT NULL"));
}

QString SqlDialect::alterColumnDefault(
    const QString &tableName, const QString &columnName, const QString &defaultSql) const
{
    return QStringLiteral("ALTER TABLE ") + quoteIdentifier(tableName) + QStringLiteral(" ALTER COLUMN ")
        + quoteIdentifier(columnName)
        + (defaultSql.isEmpty() ? QStringLiteral(" DROP DEFAULT")
                                : QStringLiteral(" SET DEFAULT ") + defaultSql);
}

QStringList SqlDialect::createSchema(const Project &project) const
{
    QStringList statements;
    QList<TableSchema> schemas;
    for (const Table &table : project.tables)
        schemas << buildTableSchema(project, table, *this);
    for (const TableSchema &schema : schemas) {
        statements << createTable(schema);
        for (const IndexSchema &index : schema.indexes)
            statements << createIndex(schema.name, index);
    }
    if (!inlinesForeignKeys()) {
        for (const TableSchema &schema : schemas) {
            for (const ConstraintSchema &c : schema.constraints) {
                if (c.kind == ConstraintSchema::Kind::ForeignKey)
                    statements << addConstraint(schema.name, c);
            }
        }
    }
    for (const View &view : project.views) {
        // A valid project's views always build (the validator checks them); an invalid one's are left out.
        if (Result<QString> sql = createViewStatement(project, view, *this))
            statements << *sql;
    }
    return statements;
}

QString SqlDialect::createSchemaScript(const Project &project) const
{
    QString script;
    for (const QString &statement : createSchema(project)) {
        if (!script.isEmpty())
            script += QLatin1Char('\n');
        script += statement + QStringLiteral(";\n");
    }
    return script;
}

QString SqlDialect::readExpression(FieldType, const QString &column) const
{
    return column;
}

QString SqlDialect::jsonValueExpression(FieldType, const QString &column) const
{
    return column;
}

QString SqlDialect::jsonPathExpression(const QString &column, const JsonPath &path) const
{
    QString sql = column;
    for (const JsonPathStep &step : path) {
        sql += step.asText ? QStringLiteral(" ->> ") : QStringLiteral(" -> ");
        sql += step.isIndex ? QString::number(step.index) : quoteString(step.key);
    }
    return QLatin1Char('(') + sql + QLatin1Char(')');
}

QString SqlDialect::jsonComparable(const QString &expression) const
{
    return expression;
}

QString SqlDialect::arrayJson(const QString &column) const
{
    return column; // SQLite stores arrays as JSON text
}

QVariant SqlDialect::boundValue(FieldType, const QVariant &value) const
{
    return value;
}

QString SqlDialect::nestedJson(const QString &expression) const
{
    return expression;
}

QString SqlDialect::likePattern(const QString &pattern, bool) const
{
    return pattern;
}

QString SqlDialect::syncKeyGenerator(const QString &, const QString &) const
{
    return {}; // SQLite's AUTOINCREMENT counter follows explicit keys by itself
}

QString SqlDialect::limitClause(bool hasLimit, bool hasOffset) const
{
    QString sql;
    if (hasLimit)
        sql += QStringLiteral(" LIMIT ?");
    if (hasOffset)
        sql += QStringLiteral(" OFFSET ?");
    return sql;
}

} // namespace Runtime
