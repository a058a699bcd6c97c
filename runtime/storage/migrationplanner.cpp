// SPDX-License-Identifier: GPL-3.0-or-later
// MigrationPlanner: turns a SchemaDiff into the ordered, checked steps of a MigrationPlan.
#include "migrationplanner.h"

#include "database.h"
#include "sqldialect.h"

#include <QLocale>

namespace Runtime {

MigrationPlanner::MigrationPlanner(Database &database, const Project &oldProject, const Project &newProject)
    : m_database(database)
    , m_dialect(database.dialect())
    , m_old(oldProject)
    , m_new(newProject)
    , m_diff(diffSchemas(oldProject, newProject, database.dialect()))
    , m_probe(database)
{ }

Result<MigrationPlan> MigrationPlanner::plan()
{
    if (Result<void> checked = checkTableNames(); !checked)
        return checked.error();
    for (const TableDiff &table : std::as_const(m_diff.tables)) {
        if (Result<void> checked = checkTable(table); !checked)
            return checked.error();
    }
    Result<void> laidOut = m_dialect.inlinesForeignKeys() ? planSqlite() : planPostgres();
    if (!laidOut)
        return laidOut.error();
    if (Result<void> views = planViews(); !views)
        return views.error();
    return m_plan;
}

QString MigrationPlanner::formatCount(qint64 count)
{
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::DefaultNumberOptions); // QLocale::c() omits group separators by default
    return c.toString(count);
}

QString MigrationPlanner::rowsText(qint64 count)
{
    return count == 1 ? tr("1 row") : tr("%1 rows").arg(formatCount(count));
}

QString MigrationPlanner::valuesText(qint64 count)
{
    return count == 1 ? tr("1 value") : tr("%1 values").arg(formatCount(count));
}

void MigrationPlanner::refuse(const QString &reason)
{
    m_plan.refusals << reason;
}

void MigrationPlanner::addStep(
    MigrationStep::Kind kind, const QString &description, const QStringList &sql, const QString &dataLoss)
{
    MigrationStep step;
    step.kind = kind;
    step.description = description;
    step.destructive = kind == MigrationStep::Kind::DropTable || kind == MigrationStep::Kind::DropColumn;
    step.dataLoss = dataLoss;
    step.sql = sql;
    m_plan.steps << step;
}

Result<void> MigrationPlanner::planDroppedTables()
{
    for (const Table *table : std::as_const(m_diff.droppedTables)) {
        Result<QString> loss = tableLoss(*table);
        if (!loss)
            return loss.error();
        addStep(MigrationStep::Kind::DropTable, tr("drop table %1").arg(table->name),
            {m_dialect.dropTable(table->name)}, *loss);
    }
    return {};
}

QList<MigrationPlanner::Rename> MigrationPlanner::orderedRenames(
    const QList<Rename> &moves, const QStringList &occupied)
{
    QStringList sources;
    for (const Rename &m : moves)
        sources << m.first;
    const bool collides = std::any_of(moves.begin(), moves.end(),
        [&](const Rename &m) { return sources.contains(m.second) || occupied.contains(m.second); });
    if (!collides)
        return moves;
    // Swaps and chains (a → b while b → a) go through temporary names: first all away, then all home.
    QList<Rename> out;
    for (qsizetype i = 0; i < moves.size(); ++i)
        out << Rename {moves[i].first, QStringLiteral("_basalt_tmp_%1").arg(i)};
    for (qsizetype i = 0; i < moves.size(); ++i)
        out << Rename {QStringLiteral("_basalt_tmp_%1").arg(i), moves[i].second};
    return out;
}

void MigrationPlanner::planTableRenames()
{
    QList<Rename> moves;
    QStringList occupied;
    QStringList descriptions;
    for (const TableDiff &t : std::as_const(m_diff.tables)) {
        if (t.isRenamed()) {
            moves << Rename {t.oldTable->name, t.newTable->name};
            descriptions << tr("rename table %1 to %2").arg(t.oldTable->name, t.newTable->name);
        } else {
            occupied << t.newTable->name;
        }
    }
    const QList<Rename> ordered = orderedRenames(moves, occupied);
    if (ordered == moves) {
        for (qsizetype i = 0; i < moves.size(); ++i)
            addStep(MigrationStep::Kind::RenameTable, descriptions[i],
                {m_dialect.renameTable(moves[i].first, moves[i].second)});
        return;
    }
    QStringList sql;
    for (const Rename &r : ordered)
        sql << m_dialect.renameTable(r.first, r.second);
    addStep(MigrationStep::Kind::RenameTable, descriptions.join(QStringLiteral("; ")), sql);
}

// With \a includeDropped (SQLite), columns that are dropped only later by the table rebuild still hold
// their names: one that a rename needs is moved out of the way first.
void MigrationPlanner::planColumnRenames(const TableDiff &t, bool includeDropped)
{
    const QString table = t.newTable->name;
    QList<Rename> moves;
    QStringList occupied;
    QStringList descriptions;
    for (const FieldPair &pair : t.keptFields) {
        if (pair.isRenamed()) {
            moves << Rename {pair.oldField->name, pair.newField->name};
            descriptions
                << tr("rename column %1.%2 to %3").arg(table, pair.oldField->name, pair.newField->name);
        } else {
            occupied << pair.newField->name;
        }
    }
    if (moves.isEmpty())
        return;
    const qsizetype renames = moves.size();
    if (includeDropped) {
        for (const Field *f : t.droppedFields) {
            const bool blocks = std::any_of(
                moves.begin(), moves.end(), [&](const Rename &m) { return m.second == f->name; });
            if (blocks)
                moves << Rename {f->name, QStringLiteral("_basalt_dropped_%1").arg(moves.size())};
            else
                occupied << f->name;
        }
    }
    const QList<Rename> ordered = orderedRenames(moves, occupied);
    if (ordered == moves && moves.size() == renames) {
        for (qsizetype i = 0; i < moves.size(); ++i) {
            addStep(MigrationStep::Kind::RenameColumn, descriptions[i],
                {m_dialect.renameColumn(table, moves[i].first, moves[i].second)});
        }
        return;
    }
    QStringList sql;
    for (const Rename &r : ordered)
        sql << m_dialect.renameColumn(table, r.first, r.second);
    addStep(MigrationStep::Kind::RenameColumn, descriptions.join(QStringLiteral("; ")), sql);
}

void MigrationPlanner::planCreatedTables()
{
    for (const Table *table : std::as_const(m_diff.createdTables)) {
        const TableSchema schema = buildTableSchema(m_new, *table, m_dialect);
        QStringList sql {m_dialect.createTable(schema)};
        for (const IndexSchema &index : schema.indexes)
            sql << m_dialect.createIndex(schema.name, index);
        addStep(MigrationStep::Kind::CreateTable, tr("create table %1").arg(table->name), sql);
    }
}

void MigrationPlanner::planColumnChange(const TableDiff &t, const FieldPair &pair, bool withSql)
{
    const QString table = t.newTable->name;
    const QString name = pair.newField->name;
    const QString column = table + QLatin1Char('.') + name;
    const ColumnSchema &before = *t.oldSchema.column(pair.newField->id);
    const ColumnSchema &after = *t.newSchema.column(pair.newField->id);
    const bool retypes = before.sqlType != after.sqlType;
    if (pair.oldField->type != pair.newField->type) {
        QStringList sql;
        if (withSql && retypes) {
            // The old default may not convert: drop it, convert the values, then set the new one.
            if (!before.defaultSql.isEmpty())
                sql << m_dialect.alterColumnDefault(table, name, {});
            sql << m_dialect.alterColumnType(
                table, after, convertedValue(pair, m_dialect.quoteIdentifier(name)));
            if (!after.defaultSql.isEmpty())
                sql << m_dialect.alterColumnDefault(table, name, after.defaultSql);
        }
        addStep(MigrationStep::Kind::ChangeColumnType,
            tr("change column %1 from %2 to %3")
                .arg(column, fieldTypeName(pair.oldField->type), fieldTypeName(pair.newField->type)),
            sql);
    }
    if (before.notNull != after.notNull) {
        addStep(MigrationStep::Kind::ChangeColumnConstraints,
            after.notNull ? tr("make %1 required").arg(column) : tr("make %1 optional").arg(column),
            withSql ? QStringList {m_dialect.alterColumnNotNull(table, name, after.notNull)} : QStringList());
    }
    if (before.defaultSql != after.defaultSql && !(withSql && retypes)) {
        addStep(MigrationStep::Kind::ChangeColumnConstraints,
            after.defaultSql.isEmpty() ? tr("remove the default of %1").arg(column)
                                       : tr("set the default of %1 to %2").arg(column, after.defaultSql),
            withSql ? QStringList {m_dialect.alterColumnDefault(table, name, after.defaultSql)}
                    : QStringList());
    }
}

QString MigrationPlanner::constraintDescription(
    const TableSchema &schema, const ConstraintSchema &c, bool adding) const
{
    const ColumnSchema *col = schema.column(c.fieldId);
    const QString column = schema.name + QLatin1Char('.') + (col ? col->name : c.fieldId);
    switch (c.kind) {
    case ConstraintSchema::Kind::Unique:
        return adding ? tr("make %1 unique (%2)").arg(column, c.name)
                      : tr("drop the uniqueness of %1 (%2)").arg(column, c.name);
    case ConstraintSchema::Kind::Check:
        return adding ? tr("add check %1 on %2: %3").arg(c.name, column, c.body)
                      : tr("drop check %1 on %2").arg(c.name, column);
    case ConstraintSchema::Kind::ForeignKey:
        break;
    }
    const Table *referenced = m_new.table(c.referencedTableId);
    if (!referenced)
        referenced = m_old.table(c.referencedTableId);
    const QString target = referenced ? referenced->name : c.referencedTableId;
    return adding ? tr("add foreign key %1 from %2 to %3").arg(c.name, column, target)
                  : tr("drop foreign key %1 from %2 to %3").arg(c.name, column, target);
}

QString MigrationPlanner::indexDescription(const QString &table, const IndexSchema &index, bool adding) const
{
    const QString columns = index.columns.join(QStringLiteral(", "));
    if (adding) {
        return index.unique ? tr("create unique index %1 on %2 (%3)").arg(index.name, table, columns)
                            : tr("create index %1 on %2 (%3)").arg(index.name, table, columns);
    }
    return tr("drop index %1 on %2 (%3)").arg(index.name, table, columns);
}

QString MigrationPlanner::convertedValue(const FieldPair &pair, const QString &column) const
{
    return m_dialect.conversionExpression(pair.oldField->type, pair.newField->type, column);
}

QString MigrationPlanner::columnRef(const QString &alias, const QString &column) const
{
    return m_dialect.quoteIdentifier(alias) + QLatin1Char('.') + m_dialect.quoteIdentifier(column);
}

} // namespace Runtime
