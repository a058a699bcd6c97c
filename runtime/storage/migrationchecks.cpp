// SPDX-License-Identifier: GPL-3.0-or-later
// MigrationPlanner's checks of the live data: refusals that explain themselves, and what drops would lose.
#include "migrationplanner.h"

#include "database.h"
#include "schemaintrospection.h"
#include "sqldialect.h"
#include "typeconversion.h"

namespace Runtime {

namespace {
QString qualified(const Table &table, const Field &field)
{
    return table.name + QLatin1Char('.') + field.name;
}

const FieldPair *keptPair(const TableDiff &t, const ObjectId &fieldId)
{
    for (const FieldPair &pair : t.keptFields) {
        if (pair.newField->id == fieldId)
            return &pair;
    }
    return nullptr;
}
} // namespace

Result<void> MigrationPlanner::checkTableNames()
{
    Result<QStringList> live = liveTableNames(m_database);
    if (!live)
        return live.error();
    QStringList managed;
    for (const Table &t : m_old.tables)
        managed << t.name;
    for (const Table &t : m_new.tables) {
        if (t.name.startsWith(QLatin1String("_basalt_"))) {
            refuse(tr("the table name %1 is reserved: names starting with _basalt_ belong to Basalt. Choose "
                      "another "
                      "name.")
                       .arg(t.name));
            continue;
        }
        const Table *old = m_old.table(t.id);
        if ((old && old->name == t.name) || !live->contains(t.name) || managed.contains(t.name))
            continue;
        refuse(tr(
            "the database already has a table named %1 that Basalt does not manage. Rename or remove it in "
            "the database, or give the new table another name.")
                   .arg(t.name));
    }
    return {};
}

Result<void> MigrationPlanner::checkTable(const TableDiff &t)
{
    if (t.changesPrimaryKey()) {
        refuse(tr("change the primary key of %1: Basalt cannot move or change the primary key of an existing "
                  "table. Create a new table with the key you want and copy the rows instead.")
                   .arg(t.newTable->name));
    }
    Result<qint64> rows = m_probe.rowCount(t.oldTable->name);
    if (!rows)
        return rows.error();
    if (*rows == 0)
        return {}; // nothing in an empty table can violate a rule or fail to convert
    for (const FieldPair &pair : t.keptFields) {
        if (Result<void> r = checkConversion(t, pair); !r)
            return r;
    }
    for (const FieldPair &pair : t.keptFields) {
        if (Result<void> r = checkRequired(t, pair); !r)
            return r;
    }
    for (const ConstraintSchema &c : t.addedConstraints()) {
        if (Result<void> r = checkConstraint(t, c); !r)
            return r;
    }
    for (const IndexSchema &index : t.addedIndexes()) {
        if (Result<void> r = checkUniqueIndex(t, index); !r)
            return r;
    }
    for (const Field *field : t.addedFields) {
        if (Result<void> r = checkAddedField(t, *field, *rows); !r)
            return r;
    }
    return {};
}

Result<void> MigrationPlanner::checkConversion(const TableDiff &t, const FieldPair &pair)
{
    const FieldType from = pair.oldField->type;
    const FieldType to = pair.newField->type;
    const TypeConversion kind = typeConversion(from, to);
    if (kind == TypeConversion::None || kind == TypeConversion::Safe)
        return {};
    Result<Violations> failures = m_probe.conversionFailures(t.oldTable->name, pair.oldField->name, from, to);
    if (!failures)
        return failures.error();
    if (failures->count == 0)
        return {};
    m_unconvertible.insert(pair.newField->id);
    const QString column = qualified(*t.newTable, *pair.newField);
    if (kind == TypeConversion::Checked) {
        refuse(
            tr("change %1 from %2 to %3: %4 cannot be converted (e.g. \"%5\"). Correct or clear those values "
               "first, or add a new %3 field and copy what you need.")
                .arg(column, fieldTypeName(from), fieldTypeName(to), valuesText(failures->count),
                    failures->example));
    } else {
        refuse(tr(
            "change %1 from %2 to %3: there is no conversion from %2 to %3, and the column holds %4. Add a "
            "new %3 field, copy the values you need, then remove this one.")
                   .arg(column, fieldTypeName(from), fieldTypeName(to), valuesText(failures->count)));
    }
    return {};
}

Result<void> MigrationPlanner::checkRequired(const TableDiff &t, const FieldPair &pair)
{
    const ColumnSchema &before = *t.oldSchema.column(pair.newField->id);
    const ColumnSchema &after = *t.newSchema.column(pair.newField->id);
    if (!after.notNull || before.notNull || m_unconvertible.contains(pair.newField->id))
        return {};
    Result<Violations> nulls = m_probe.nulls(
        t.oldTable->name, convertedValue(pair, m_dialect.quoteIdentifier(pair.oldField->name)));
    if (!nulls)
        return nulls.error();
    if (nulls->count > 0) {
        const QString column = qualified(*t.newTable, *pair.newField);
        refuse(nulls->count == 1
                ? tr("make %1 required: 1 row has no value. Fill it in first, or keep the field optional.")
                      .arg(column)
                : tr("make %1 required: %2 rows have no value. Fill them in first, or keep the field "
                     "optional.")
                      .arg(column, formatCount(nulls->count)));
    }
    return {};
}

Result<void> MigrationPlanner::checkConstraint(const TableDiff &t, const ConstraintSchema &c)
{
    const FieldPair *pair = keptPair(t, c.fieldId);
    if (!pair || m_unconvertible.contains(c.fieldId))
        return {}; // a new column is checked by checkAddedField()
    const QString column = qualified(*t.newTable, *pair->newField);
    if (c.kind == ConstraintSchema::Kind::Unique) {
        Result<Violations> v = m_probe.duplicates(
            t.oldTable->name, {convertedValue(*pair, m_dialect.quoteIdentifier(pair->oldField->name))});
        if (v && v->count > 0) {
            refuse(v->count == 1
                    ? tr("make %1 unique: the value \"%2\" occurs more than once. Remove the duplicates "
                         "first.")
                          .arg(column, v->example)
                    : tr("make %1 unique: %2 values occur more than once (e.g. \"%3\"). Remove the "
                         "duplicates first.")
                          .arg(column, formatCount(v->count), v->example));
        }
        return v ? Result<void>() : Result<void>(v.error());
    }
    if (c.kind == ConstraintSchema::Kind::Check) {
        const QString value = convertedValue(*pair, m_dialect.quoteIdentifier(pair->oldField->name));
        Result<Violations> v
            = m_probe.failedChecks(t.oldTable->name, m_dialect.checkCondition(*pair->newField, value), value);
        if (v && v->count > 0) {
            const QString rule
                = m_dialect.checkCondition(*pair->newField, m_dialect.quoteIdentifier(pair->newField->name));
            refuse(tr("add the check on %1 (%2): %3 of the existing values fail it (e.g. \"%4\"). Correct "
                      "those rows "
                      "first, or relax the validation.")
                       .arg(column, rule, formatCount(v->count), v->example));
        }
        return v ? Result<void>() : Result<void>(v.error());
    }
    const Table *parent = m_old.table(c.referencedTableId);
    const Field *parentKey = parent ? parent->primaryKey() : nullptr;
    const Table *target = m_new.table(c.referencedTableId);
    Result<Violations> v = m_probe.orphans(t.oldTable->name,
        convertedValue(*pair, columnRef(QStringLiteral("c"), pair->oldField->name)),
        parentKey ? parent->name : QString(),
        parentKey ? columnRef(QStringLiteral("p"), parentKey->name) : QString());
    if (v && v->count > 0) {
        refuse(tr(
            "link %1 to %2: %3 of its values point at rows of %2 that do not exist (e.g. \"%4\"). Correct or "
            "clear those values first.")
                   .arg(column, target ? target->name : c.referencedTableId, formatCount(v->count),
                       v->example));
    }
    return v ? Result<void>() : Result<void>(v.error());
}

Result<void> MigrationPlanner::checkUniqueIndex(const TableDiff &t, const IndexSchema &index)
{
    if (!index.unique)
        return {};
    QStringList values;
    for (const ObjectId &fieldId : index.fieldIds) {
        const FieldPair *pair = keptPair(t, fieldId);
        if (!pair || m_unconvertible.contains(fieldId))
            return {}; // a new column holds only nulls (or its default, checked with the field)
        values << convertedValue(*pair, m_dialect.quoteIdentifier(pair->oldField->name));
    }
    Result<Violations> v = m_probe.duplicates(t.oldTable->name, values);
    if (!v)
        return v.error();
    if (v->count > 0) {
        refuse(tr("create the unique index %1 on %2 (%3): %4 of the combinations occur more than once (e.g. "
                  "\"%5\"). Remove the duplicates first.")
                   .arg(index.name, t.newTable->name, index.columns.join(QStringLiteral(", ")),
                       formatCount(v->count), v->example));
    }
    return {};
}

Result<void> MigrationPlanner::checkAddedField(const TableDiff &t, const Field &field, qint64 rows)
{
    const ColumnSchema &column = *t.newSchema.column(field.id);
    const QString name = qualified(*t.newTable, field);
    if (column.notNull && column.defaultSql.isEmpty()) {
        refuse(tr("add the required field %1: %2 already has %3. Give it a default or make it optional.")
                   .arg(name, t.newTable->name, rowsText(rows)));
    }
    const bool unique = std::any_of(
        t.newSchema.constraints.begin(), t.newSchema.constraints.end(), [&](const ConstraintSchema &c) {
            return c.kind == ConstraintSchema::Kind::Unique && c.fieldId == field.id;
        });
    if (unique && field.defaultValue.kind == DefaultValue::Kind::Literal && rows > 1) {
        refuse(tr(
            "add the unique field %1 with the fixed default %2: the %3 of %4 would all get the same value. "
            "Remove the default or make the field optional without one.")
                   .arg(name, column.defaultSql, rowsText(rows), t.newTable->name));
    }
    return {};
}

Result<QString> MigrationPlanner::tableLoss(const Table &table)
{
    Result<qint64> rows = m_probe.rowCount(table.name);
    if (!rows)
        return rows.error();
    return rowsText(*rows);
}

Result<QString> MigrationPlanner::columnLoss(const Table &table, const Field &field)
{
    Result<qint64> values = m_probe.valueCount(table.name, field.name, field.type);
    if (!values)
        return values.error();
    return *values == 1 ? tr("1 non-empty value") : tr("%1 non-empty values").arg(formatCount(*values));
}

} // namespace Runtime
