// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteDialect: SQLite's types, defaults, checks and conversions.
#include "sqlitedialect.h"

#include "database.h"
#include "typeconversion.h"

namespace Runtime {

DatabaseEngine SqliteDialect::engine() const
{
    return DatabaseEngine::SQLite;
}

QString SqliteDialect::engineName() const
{
    return QStringLiteral("SQLite");
}

QString SqliteDialect::booleanLiteral(bool value) const
{
    return value ? QStringLiteral("1") : QStringLiteral("0");
}

QString SqliteDialect::columnType(FieldType type) const
{
    switch (type) {
    case FieldType::Integer:
    case FieldType::Boolean:
        return QStringLiteral("INTEGER");
    case FieldType::Number:
        return QStringLiteral("NUMERIC");
    default:
        return QStringLiteral("TEXT");
    }
}

QString SqliteDialect::primaryKeyClause(const Field &field, const QString &constraintName) const
{
    switch (field.primaryKey) {
    case PrimaryKeyKind::None:
        return {};
    case PrimaryKeyKind::AutoIncrement:
        // Exactly "INTEGER PRIMARY KEY" makes the column the rowid; AUTOINCREMENT never reuses ids.
        return QStringLiteral("CONSTRAINT ") + quoteIdentifier(constraintName)
            + QStringLiteral(" PRIMARY KEY AUTOINCREMENT");
    case PrimaryKeyKind::Uuid:
    case PrimaryKeyKind::Supplied:
        break;
    }
    return QStringLiteral("CONSTRAINT ") + quoteIdentifier(constraintName) + QStringLiteral(" PRIMARY KEY");
}

QString SqliteDialect::functionDefault(const Field &field) const
{
    if (field.defaultValue.kind == DefaultValue::Kind::RandomUuid) {
        // A version 4 uuid in its canonical lowercase text form.
        return QStringLiteral(
            "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
            "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "
            "substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))");
    }
    if (field.type == FieldType::Date)
        return QStringLiteral("(strftime('%Y-%m-%d', 'now'))");
    return QStringLiteral("(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
}

QString SqliteDialect::lengthFunction() const
{
    return QStringLiteral("length");
}

QStringList SqliteDialect::storageConditions(const Field &field, const QString &column) const
{
    if (field.type == FieldType::Boolean)
        return {column + QStringLiteral(" IN (0, 1)")};
    if (field.type == FieldType::Json)
        return {QLatin1Char('(') + column + QStringLiteral(" IS NULL OR json_valid(") + column
            + QStringLiteral("))")};
    // Arrays are JSON arrays; their elements are checked on write (ArrayValues).
    if (isArray(field.type))
        return {QStringLiteral("(%1 IS NULL OR CASE WHEN json_valid(%1) THEN json_type(%1) = 'array' ELSE 0 END)")
                    .arg(column)};
    return {};
}

QString SqliteDialect::conversionExpression(FieldType from, FieldType to, const QString &column) const
{
    switch (typeConversion(from, to)) {
    case TypeConversion::None:
        return column;
    case TypeConversion::Impossible:
        return QStringLiteral("NULL"); // only used while the column holds no values
    default:
        break;
    }
    if (isPlainText(to)) {
        if (isNumeric(from))
            return QStringLiteral("CAST(") + column + QStringLiteral(" AS TEXT)");
        if (from == FieldType::Boolean)
            return QStringLiteral("CASE ") + column
                + QStringLiteral(" WHEN 1 THEN 'true' WHEN 0 THEN 'false' END");
        return column; // dates, datetimes, JSON and uuids are text already
    }
    const QString trimmed = QStringLiteral("trim(") + column + QLatin1Char(')');
    if (isPlainText(from)) {
        switch (to) {
        case FieldType::Integer:
            return QStringLiteral("CAST(") + trimmed + QStringLiteral(" AS INTEGER)");
        case FieldType::Number:
            return QStringLiteral("CAST(") + trimmed + QStringLiteral(" AS NUMERIC)");
        case FieldType::Boolean:
            return QStringLiteral("CASE lower(") + trimmed
                + QStringLiteral(
                    ") WHEN 'true' THEN 1 WHEN '1' THEN 1 WHEN 'false' THEN 0 WHEN '0' THEN 0 END");
        case FieldType::Uuid:
            return QStringLiteral("lower(") + trimmed + QLatin1Char(')');
        case FieldType::Json:
            return column;
        default:
            return trimmed;
        }
    }
    if (from == FieldType::Number && to == FieldType::Integer)
        return QStringLiteral("CAST(") + column + QStringLiteral(" AS INTEGER)");
    if (to == FieldType::Boolean)
        return QStringLiteral("CASE WHEN ") + column + QStringLiteral(" IS NULL THEN NULL WHEN ") + column
            + QStringLiteral(" <> 0 THEN 1 ELSE 0 END");
    if (from == FieldType::Date)
        return column + QStringLiteral(" || 'T00:00:00.000Z'");
    return column; // integer → number, boolean → integer or number
}

QString SqliteDialect::tableNamesQuery() const
{
    return QStringLiteral(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
        "ORDER BY name");
}

QString SqliteDialect::columnNamesQuery() const
{
    return QStringLiteral("SELECT name FROM pragma_table_info(?) ORDER BY cid");
}

QString SqliteDialect::createMigrationsTable() const
{
    return QStringLiteral(
        "CREATE TABLE IF NOT EXISTS \"_basalt_migrations\" (\n"
        "    \"version\" INTEGER NOT NULL PRIMARY KEY,\n"
        "    \"applied_at\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),\n"
        "    \"summary\" TEXT NOT NULL,\n"
        "    \"project\" TEXT NOT NULL\n"
        ")");
}

QStringList SqliteDialect::copyAutoIncrementCounter(const QString &from, const QString &to) const
{
    return {QStringLiteral("DELETE FROM \"sqlite_sequence\" WHERE \"name\" = ") + quoteString(to),
        QStringLiteral("INSERT INTO \"sqlite_sequence\" (\"name\", \"seq\") SELECT ") + quoteString(to)
            + QStringLiteral(", \"seq\" FROM \"sqlite_sequence\" WHERE \"name\" = ") + quoteString(from)};
}

QString SqliteDialect::jsonValueExpression(FieldType type, const QString &column) const
{
    // Booleans are stored as 0/1 and JSON as text: json() gives both their JSON form inside json_object.
    if (type == FieldType::Boolean)
        return QStringLiteral("CASE WHEN ") + column + QStringLiteral(" IS NULL THEN NULL WHEN ") + column
            + QStringLiteral(" THEN json('true') ELSE json('false') END");
    if (type == FieldType::Json || isArray(type))
        return QStringLiteral("json(") + column + QLatin1Char(')');
    return column;
}

QString SqliteDialect::jsonObjectFunction() const
{
    return QStringLiteral("json_object");
}

QString SqliteDialect::jsonArrayAggregate(const QString &column) const
{
    // A JSON value loses its JSON subtype when it leaves a subquery, so json() restores it.
    return QStringLiteral("COALESCE(json_group_array(json(") + column + QStringLiteral(")), '[]')");
}

QString SqliteDialect::nestedJson(const QString &expression) const
{
    return QStringLiteral("json(") + expression + QLatin1Char(')');
}

QString SqliteDialect::jsonPathExpression(const QString &column, const JsonPath &path) const
{
    // SQLite's ->> gives SQL values (1 for true, numbers as numbers); PostgreSQL's gives text. The JSON of
    // the value (->) is turned into PostgreSQL's text instead: strings unquoted, null as NULL, the rest as
    // written.
    QString json = column;
    for (const JsonPathStep &step : path) {
        json += QStringLiteral(" -> ");
        json += step.isIndex ? QString::number(step.index) : quoteString(step.key);
    }
    json = QLatin1Char('(') + json + QLatin1Char(')');
    if (path.empty() || !path.back().asText)
        return json;
    return QStringLiteral("(CASE json_type(%1) WHEN 'null' THEN NULL WHEN 'text' THEN %1 ->> '$' ELSE %1 END)").arg(json);
}

QString SqliteDialect::jsonComparable(const QString &expression) const
{
    // JSON text compares as text ('8' > '12'); its SQL value compares numbers as numbers.
    return QLatin1Char('(') + expression + QStringLiteral(" ->> '$')");
}

QString SqliteDialect::distinctCondition(const QString &column, const QString &value) const
{
    return column + QStringLiteral(" IS NOT ") + value;
}

QString SqliteDialect::regexCondition(const QString &column, bool caseInsensitive) const
{
    // basalt_regexp: sqlitefunctions.cpp (QRegularExpression, bounded in time).
    return QStringLiteral("basalt_regexp(?, '%1', %2)").arg(caseInsensitive ? QStringLiteral("i") : QString(), column);
}

QString SqliteDialect::jsonContainsCondition(const QString &column, bool containedBy) const
{
    return containedBy ? QStringLiteral("basalt_json_contains(?, %1)").arg(column)
                       : QStringLiteral("basalt_json_contains(%1, ?)").arg(column);
}

QString SqliteDialect::jsonOverlapsCondition(const QString &column) const
{
    return QStringLiteral("basalt_json_overlaps(%1, ?)").arg(column);
}

QString SqliteDialect::jsonText(const QString &expression) const
{
    return QStringLiteral("json_quote(") + expression + QLatin1Char(')');
}

QString SqliteDialect::textSearchCondition(const QString &column, const QString &form, const QString &language) const
{
    // basalt_text_search: sqlitefunctions.cpp (english and simple, on FTS5's tokenizers).
    return QStringLiteral("basalt_text_search('%1', '%2', ?, %3)").arg(form, language, column);
}

QString SqliteDialect::likeCondition(const QString &column, bool) const
{
    // SQLite's LIKE ignores ASCII case only; GLOB is exact, and likePattern() spells out both cases.
    return column + QStringLiteral(" GLOB ?");
}

QString SqliteDialect::likePattern(const QString &pattern, bool caseInsensitive) const
{
    QString glob;
    glob.reserve(pattern.size() * 2 + 8);
    for (const QChar c : pattern) {
        switch (c.unicode()) {
        case '%': glob += QLatin1Char('*'); break;
        case '_': glob += QLatin1Char('?'); break;
        case '*': glob += QStringLiteral("[*]"); break;
        case '?': glob += QStringLiteral("[?]"); break;
        case '[': glob += QStringLiteral("[[]"); break;
        default:
            // ILIKE: each letter matches either case, Unicode included ("ä" matches "Ä").
            if (caseInsensitive && c.toLower() != c.toUpper())
                glob += QLatin1Char('[') + c.toLower() + c.toUpper() + QLatin1Char(']');
            else
                glob += c;
        }
    }
    return glob;
}

QString SqliteDialect::limitClause(bool hasLimit, bool hasOffset) const
{
    if (hasOffset && !hasLimit) // SQLite needs a LIMIT before OFFSET; -1 means none
        return QStringLiteral(" LIMIT -1 OFFSET ?");
    return SqlDialect::limitClause(hasLimit, hasOffset);
}

} // namespace Runtime
