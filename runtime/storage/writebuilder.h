// SPDX-License-Identifier: GPL-3.0-or-later
// WriteBuilder: checks a write's JSON body against the model and builds its INSERT, UPDATE or DELETE.
#pragma once

#include "core/result.h"
#include "model/project.h"
#include "query/apiquery.h"
#include "storage/selectbuilder.h"

#include <QHash>
#include <QJsonObject>
#include <QVariant>

#include <utility>
#include <vector>

namespace Runtime {

class FieldChecks;
class SqlDialect;
struct TableSchema;

/** One row of a write: the fields it sets (model order) and their converted values. */
struct WriteRow
{
    std::vector<std::pair<const Field *, QVariant>> values;

    /** Returns the values by field name, for error details. */
    QHash<QString, QVariant> byName() const;
};

/** Builds the statements of POST, PATCH and DELETE on one table. Every column comes from the model,
    every value is a parameter; statements return the primary keys of the rows they touched. */
class WriteBuilder
{
public:
    WriteBuilder(const SqlDialect &dialect, const Table &table, FieldChecks &checks)
        : m_dialect(dialect), m_table(table), m_checks(checks) {}

    /** What parseBody() accepts. */
    struct BodyRules
    {
        bool allowArray = true;      ///< POST: an object or an array of objects; PATCH: one object
        bool allowPrimaryKey = false; ///< upserts name the row they update by its key
        QStringList columns;         ///< `columns=`: only these keys are taken (empty: all)
        /** With columns: a named key a row leaves out gets the field's default (`missing=default`);
            else it is null, as PostgREST inserts it. */
        bool missingDefault = false;
    };

    /** Returns the rows of the JSON \a body: InvalidBody (with line and column) for malformed JSON,
        UnknownBodyColumn, AutoManagedField, InvalidValue, or CheckViolation naming each failing field. */
    Result<std::vector<WriteRow>> parseBody(const QByteArray &body, const BodyRules &rules);
    /** As parseBody(); \a objects receives each row as a JSON object holding what it writes (with
        `columns=`, only the named keys, a missing one null unless missing=default): a before trigger's
        `row`. */
    Result<std::vector<WriteRow>> parseBody(
        const QByteArray &body, const BodyRules &rules, std::vector<QJsonObject> &objects);

    /** Returns the row \a object writes, checked as parseBody() checks each row. */
    Result<WriteRow> parseRow(const QJsonObject &object, const BodyRules &rules);

    /** Returns UnknownColumn for a \a conflict column the table lacks, or BadQuery unless the columns
        (empty: the primary key) are exactly those of the key, a unique field or a unique index of \a schema. */
    Result<void> checkConflictTarget(const TableSchema &schema, const QStringList &conflict) const;

    /** Returns the INSERT of \a row (plus its auto timestamps at \a now), upserting on \a conflict
        (field names; empty: the primary key) when \a resolution asks for it. A merge updates only the
        existing rows meeting \a updateCondition (over the table's name; empty: all); the others are
        left alone and return no key. */
    Result<SqlStatement> insert(WriteRow row, const QStringList &conflict, Preferences::Resolution resolution,
        const QString &now, const SqlStatement &updateCondition = {}) const;

    /** Returns a SELECT giving the key of the row the table already holds with \a row's values in the
        \a conflict columns (empty: the primary key), read as the insert's RETURNING reads keys; nothing when
        \a row lacks one of them (it is new). */
    std::optional<SqlStatement> existing(const WriteRow &row, const QStringList &conflict) const;

    /** Returns the UPDATE setting \a row (and updatedAt fields to \a now) where \a condition holds. */
    SqlStatement update(WriteRow row, const QString &condition, const QVariantList &params, const QString &now) const;

    /** Returns the DELETE of the rows where \a condition holds. */
    SqlStatement remove(const QString &condition, const QVariantList &params) const;

private:
    QJsonObject writtenObject(const QJsonObject &object, const BodyRules &rules) const;
    Result<QVariant> parseValue(const Field &field, const QJsonValue &value, const BodyRules &rules);
    QStringList conflictColumns(const QStringList &conflict) const;
    void stamp(WriteRow &row, bool inserting, const QString &now) const;
    QString returning() const;

    const SqlDialect &m_dialect;
    const Table &m_table;
    FieldChecks &m_checks;
};

} // namespace Runtime
