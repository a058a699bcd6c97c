// SPDX-License-Identifier: GPL-3.0-or-later
// WriteBuilder: checks a write's JSON body against the model and builds its INSERT, UPDATE or DELETE.
#include "writebuilder.h"

#include "core/jsontext.h"
#include "fieldchecks.h"
#include "sqldialect.h"
#include "tableschema.h"
#include "valuecodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace Runtime {

namespace {
Error invalidJson(const QByteArray &body, const QJsonParseError &error)
{
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < error.offset && i < body.size(); ++i) {
        if (body.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return Error(ErrorCode::InvalidBody,
        QStringLiteral("Invalid JSON body: %1 at line %2, column %3").arg(error.errorString()).arg(line).arg(column));
}
} // namespace

QHash<QString, QVariant> WriteRow::byName() const
{
    QHash<QString, QVariant> out;
    for (const auto &[field, value] : values)
        out.insert(field->name, value);
    return out;
}

Result<std::vector<WriteRow>> WriteBuilder::parseBody(const QByteArray &body, const BodyRules &rules)
{
    std::vector<QJsonObject> objects;
    return parseBody(body, rules, objects);
}

QJsonObject WriteBuilder::writtenObject(const QJsonObject &object, const BodyRules &rules) const
{
    if (rules.columns.isEmpty())
        return object;
    QJsonObject written;
    for (const Field &field : m_table.fields) {
        if (!rules.columns.contains(field.name))
            continue;
        if (object.contains(field.name))
            written.insert(field.name, object.value(field.name));
        else if (!rules.missingDefault && !field.isAutoManaged())
            written.insert(field.name, QJsonValue::Null);
    }
    return written;
}

Result<std::vector<WriteRow>> WriteBuilder::parseBody(
    const QByteArray &body, const BodyRules &rules, std::vector<QJsonObject> &objects)
{
    const Result<QByteArray> text = jsonTextForParser(body);
    if (!text)
        return text.error();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(*text, &error);
    if (error.error != QJsonParseError::NoError)
        return invalidJson(*text, error);
    objects.clear();
    if (doc.isObject()) {
        objects.push_back(doc.object());
    } else if (doc.isArray() && rules.allowArray) {
        for (const QJsonValue &v : doc.array()) {
            if (!v.isObject())
                return Error(ErrorCode::InvalidBody, QStringLiteral("Every element of the body array must be an object"));
            objects.push_back(v.toObject());
        }
    } else {
        return Error(ErrorCode::InvalidBody, rules.allowArray
                ? QStringLiteral("The body must be a JSON object or an array of objects")
                : QStringLiteral("The body must be a JSON object"));
    }
    // Without `columns=` the rows of an array must have the same keys, or PostgREST could not tell which
    // columns it writes (it answers PGRST102 then; supabase-js always names the columns).
    if (rules.columns.isEmpty() && objects.size() > 1) {
        const QStringList keys = objects.front().keys();
        for (size_t i = 1; i < objects.size(); ++i) {
            if (objects[i].keys() == keys)
                continue;
            Error e(ErrorCode::InvalidBody, QStringLiteral("All object keys must match"));
            e.hint = QStringLiteral("Object %1 has other keys than object 1. Give every object the same keys, or name "
                                    "the columns with ?columns=a,b (a key an object leaves out is then null, or its "
                                    "default with Prefer: missing=default).")
                         .arg(i + 1);
            return e;
        }
    }
    for (const QString &name : rules.columns) {
        if (!m_table.fieldByName(name))
            return Error(ErrorCode::UnknownBodyColumn,
                QStringLiteral("Could not find the '%1' column of '%2' in the schema cache").arg(name, m_table.name));
    }
    std::vector<WriteRow> rows;
    rows.reserve(objects.size());
    for (const QJsonObject &object : objects) {
        Result<WriteRow> row = parseRow(object, rules);
        if (!row)
            return row.error();
        rows.push_back(std::move(row).value());
    }
    for (QJsonObject &object : objects)
        object = writtenObject(object, rules);
    return rows;
}

Result<WriteRow> WriteBuilder::parseRow(const QJsonObject &object, const BodyRules &rules)
{
    // With `columns=`, only the named keys are read and any others are ignored.
    for (auto it = object.begin(); it != object.end() && rules.columns.isEmpty(); ++it) {
        if (!m_table.fieldByName(it.key()))
            return Error(ErrorCode::UnknownBodyColumn,
                QStringLiteral("Could not find the '%1' column of '%2' in the schema cache").arg(it.key(), m_table.name));
    }
    WriteRow row;
    Error checkError(ErrorCode::CheckViolation, {});
    const bool missingIsNull = !rules.columns.isEmpty() && !rules.missingDefault;
    for (const Field &field : m_table.fields) {
        const auto it = object.constFind(field.name);
        const bool named = rules.columns.isEmpty() || rules.columns.contains(field.name);
        // A key `columns=` names and this row leaves out is null, as PostgREST writes it (its
        // json_populate_recordset), unless missing=default asks for the default; fields the server sets
        // itself stay its own.
        const bool nullForMissing = it == object.constEnd() && named && missingIsNull && !field.isAutoManaged();
        if (!named || (it == object.constEnd() && !nullForMissing))
            continue;
        Result<QVariant> value = parseValue(field, nullForMissing ? QJsonValue(QJsonValue::Null) : *it, rules);
        if (!value)
            return value.error();
        const QString problem = m_checks.check(field, *value);
        if (!problem.isEmpty()) {
            if (checkError.message.isEmpty())
                checkError.message = QStringLiteral("new row violates the validation of \"%1\"").arg(field.name);
            checkError.problems << Problem {Problem::Severity::Error, field.name, problem};
        }
        row.values.emplace_back(&field, std::move(value).value());
    }
    if (!checkError.problems.isEmpty())
        return checkError;
    return row;
}

Result<QVariant> WriteBuilder::parseValue(const Field &field, const QJsonValue &value, const BodyRules &rules)
{
    const bool keyAllowed = field.isPrimaryKey() && rules.allowPrimaryKey;
    if (field.isAutoManaged() && !keyAllowed) {
        Error e(ErrorCode::AutoManagedField,
            QStringLiteral("column \"%1\" is set automatically and cannot be written").arg(field.name));
        e.problems << Problem {Problem::Severity::Error, field.name, QStringLiteral("is set automatically")};
        return e;
    }
    return ValueCodec::fromJson(field, value);
}

void WriteBuilder::stamp(WriteRow &row, bool inserting, const QString &now) const
{
    for (const Field &field : m_table.fields) {
        const bool stamped = field.autoTimestamp == AutoTimestamp::UpdatedAt
            || (inserting && field.autoTimestamp == AutoTimestamp::CreatedAt);
        if (!stamped)
            continue;
        // Keep model order: stamps go where their field is.
        auto pos = row.values.begin();
        while (pos != row.values.end() && m_table.fieldIndex(pos->first->id) < m_table.fieldIndex(field.id))
            ++pos;
        row.values.insert(pos, {&field, QVariant(now)});
    }
}

QString WriteBuilder::returning() const
{
    const Field *pk = m_table.primaryKey();
    if (!pk)
        return {};
    return QStringLiteral(" RETURNING ") + m_dialect.readExpression(pk->type, m_dialect.quoteIdentifier(pk->name));
}

QStringList WriteBuilder::conflictColumns(const QStringList &conflict) const
{
    if (conflict.isEmpty() && m_table.primaryKey())
        return {m_table.primaryKey()->name};
    return conflict;
}

Result<void> WriteBuilder::checkConflictTarget(const TableSchema &schema, const QStringList &conflict) const
{
    QStringList columns = conflictColumns(conflict);
    for (const QString &name : columns) {
        if (!m_table.fieldByName(name))
            return Error(ErrorCode::UnknownColumn, QStringLiteral("column %1.%2 does not exist").arg(m_table.name, name));
    }
    columns.sort();
    QList<QStringList> unique;
    if (const Field *pk = m_table.primaryKey())
        unique << QStringList {pk->name};
    for (const ConstraintSchema &c : schema.constraints) {
        if (const Field *f = m_table.field(c.fieldId); f && c.kind == ConstraintSchema::Kind::Unique)
            unique << QStringList {f->name};
    }
    for (const IndexSchema &index : schema.indexes) {
        QStringList indexed = index.columns;
        indexed.sort();
        if (index.unique)
            unique << indexed;
    }
    if (!unique.contains(columns))
        return Error(ErrorCode::InvalidConflictTarget,
            QStringLiteral("there is no unique or exclusion constraint matching the ON CONFLICT specification (%1)")
                .arg(columns.join(QStringLiteral(", "))));
    return {};
}

Result<SqlStatement> WriteBuilder::insert(WriteRow row, const QStringList &conflict,
    Preferences::Resolution resolution, const QString &now, const SqlStatement &updateCondition) const
{
    // A supplied key has no generator; on SQLite an INTEGER key would get a rowid instead of the NOT NULL error.
    if (const Field *pk = m_table.primaryKey(); pk && pk->isSuppliedKey()) {
        const auto given = std::find_if(row.values.begin(), row.values.end(), [pk](const auto &value) { return value.first == pk; });
        if (given == row.values.end() || given->second.isNull()) {
            Error e(ErrorCode::NotNullViolation,
                QStringLiteral("null value in column \"%1\" violates not-null constraint").arg(pk->name));
            e.problems << Problem {Problem::Severity::Error, pk->name, QStringLiteral("is required")};
            return e;
        }
    }
    stamp(row, true, now);
    SqlStatement s;
    QStringList columns;
    QStringList marks;
    for (const auto &[field, value] : row.values) {
        columns << m_dialect.quoteIdentifier(field->name);
        marks << QStringLiteral("?");
        s.params << m_dialect.boundValue(field->type, value);
    }
    s.sql = QStringLiteral("INSERT INTO ") + m_dialect.quoteIdentifier(m_table.name)
        + (columns.isEmpty() ? QStringLiteral(" DEFAULT VALUES")
                             : QStringLiteral(" (") + columns.join(QStringLiteral(", ")) + QStringLiteral(") VALUES (")
                    + marks.join(QStringLiteral(", ")) + QLatin1Char(')'));
    if (resolution != Preferences::Resolution::None) {
        QStringList target;
        for (const QString &name : conflictColumns(conflict))
            target << m_dialect.quoteIdentifier(name);
        QStringList set;
        for (const auto &[field, value] : row.values) {
            const QString column = m_dialect.quoteIdentifier(field->name);
            if (!target.contains(column) && field->autoTimestamp != AutoTimestamp::CreatedAt)
                set << column + QStringLiteral(" = excluded.") + column;
        }
        s.sql += QStringLiteral(" ON CONFLICT (") + target.join(QStringLiteral(", ")) + QLatin1Char(')');
        // A merge with nothing but the conflict columns still returns the row it met.
        if (set.isEmpty() && !target.isEmpty())
            set << target.front() + QStringLiteral(" = excluded.") + target.front();
        if (resolution == Preferences::Resolution::IgnoreDuplicates)
            s.sql += QStringLiteral(" DO NOTHING");
        else
            s.sql += QStringLiteral(" DO UPDATE SET ") + set.join(QStringLiteral(", "));
        if (resolution == Preferences::Resolution::MergeDuplicates && !updateCondition.sql.isEmpty()) {
            s.sql += QStringLiteral(" WHERE ") + updateCondition.sql;
            s.params << updateCondition.params;
        }
    }
    s.sql += returning();
    return s;
}

std::optional<SqlStatement> WriteBuilder::existing(const WriteRow &row, const QStringList &conflict) const
{
    SqlStatement s;
    QStringList conditions;
    for (const QString &name : conflictColumns(conflict)) {
        const auto found = std::find_if(row.values.begin(), row.values.end(),
            [&name](const auto &value) { return value.first->name == name; });
        if (found == row.values.end() || found->second.isNull())
            return std::nullopt;
        conditions << m_dialect.quoteIdentifier(name) + QStringLiteral(" = ?");
        s.params << m_dialect.boundValue(found->first->type, found->second);
    }
    if (conditions.isEmpty())
        return std::nullopt;
    // The key of the row found, read as the insert's RETURNING reads it: the caller reads that row as it was.
    const Field *pk = m_table.primaryKey();
    s.sql = QStringLiteral("SELECT ")
        + (pk ? m_dialect.readExpression(pk->type, m_dialect.quoteIdentifier(pk->name)) : QStringLiteral("1"))
        + QStringLiteral(" FROM ") + m_dialect.quoteIdentifier(m_table.name) + QStringLiteral(" WHERE ")
        + conditions.join(QStringLiteral(" AND "));
    return s;
}

SqlStatement WriteBuilder::update(WriteRow row, const QString &condition, const QVariantList &params,
    const QString &now) const
{
    stamp(row, false, now);
    SqlStatement s;
    QStringList set;
    for (const auto &[field, value] : row.values) {
        set << m_dialect.quoteIdentifier(field->name) + QStringLiteral(" = ?");
        s.params << m_dialect.boundValue(field->type, value);
    }
    s.params << params;
    s.sql = QStringLiteral("UPDATE ") + m_dialect.quoteIdentifier(m_table.name) + QStringLiteral(" SET ")
        + set.join(QStringLiteral(", "));
    if (!condition.isEmpty())
        s.sql += QStringLiteral(" WHERE ") + condition;
    s.sql += returning();
    return s;
}

SqlStatement WriteBuilder::remove(const QString &condition, const QVariantList &params) const
{
    SqlStatement s;
    s.sql = QStringLiteral("DELETE FROM ") + m_dialect.quoteIdentifier(m_table.name);
    if (!condition.isEmpty())
        s.sql += QStringLiteral(" WHERE ") + condition;
    s.sql += returning();
    s.params = params;
    return s;
}

} // namespace Runtime
