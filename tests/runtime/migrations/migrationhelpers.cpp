// SPDX-License-Identifier: GPL-3.0-or-later
// Test helpers for migrations: test databases, dumps, row snapshots by stable id, plan reports and golden
// files.
#include "migrationhelpers.h"

#include "storage/schemamigrator.h"
#include "storage/sqldialect.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Runtime;

namespace {
QString valueText(const QVariant &v)
{
    if (v.isNull())
        return QStringLiteral("NULL");
    if (v.typeId() == QMetaType::QDateTime)
        return v.toDateTime().toUTC().toString(Qt::ISODateWithMs);
    if (v.typeId() == QMetaType::QDate)
        return v.toDate().toString(Qt::ISODate);
    return v.toString();
}

// Returns every row of \a sql as its values joined by " | ".
QStringList rows(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql))
        return {QStringLiteral("error: ") + q.lastError().text() + QStringLiteral(" in ") + sql};
    QStringList out;
    while (q.next()) {
        QStringList values;
        for (int i = 0; i < q.record().count(); ++i)
            values << valueText(q.value(i));
        out << values.join(QStringLiteral(" | "));
    }
    return out;
}

QString quote(const QString &name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QLatin1String("\"\""))
        + QLatin1Char('"');
}

QStringList schemaLines(Database &db)
{
    if (db.engine() == DatabaseEngine::SQLite)
        return rows(
            db, QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"));
    QStringList out = rows(db,
        QStringLiteral("SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity "
                       "FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY "
                       "table_name, ordinal_position"));
    out << rows(db,
        QStringLiteral(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE connamespace = current_schema()::regnamespace ORDER BY 1, 2"));
    out << rows(db,
        QStringLiteral("SELECT tablename, indexname, indexdef FROM pg_indexes "
                       "WHERE schemaname = current_schema() ORDER BY 1, 2"));
    return out;
}

bool sameValue(const QString &before, const QString &after)
{
    if (before == after)
        return true;
    if (before == QLatin1String("NULL") || after == QLatin1String("NULL"))
        return false;
    auto number = [](const QString &text, bool *ok) {
        if (text == QLatin1String("true") || text == QLatin1String("false")) {
            *ok = true;
            return text == QLatin1String("true") ? 1.0 : 0.0;
        }
        return text.trimmed().toDouble(ok);
    };
    bool okBefore = false;
    bool okAfter = false;
    const double b = number(before, &okBefore);
    const double a = number(after, &okAfter);
    if (okBefore && okAfter)
        return a == b;
    // The same instant written differently ("...Z" and "...+00:00"), or a date that became a datetime.
    const QDateTime b1 = QDateTime::fromString(before, Qt::ISODateWithMs);
    const QDateTime a1 = QDateTime::fromString(after, Qt::ISODateWithMs);
    if (b1.isValid() && a1.isValid() && b1.timeSpec() != Qt::LocalTime && a1.timeSpec() != Qt::LocalTime)
        return b1 == a1;
    return after.startsWith(before + QStringLiteral("T00:00:00"));
}
} // namespace

TestDatabase::TestDatabase(DatabaseEngine engine)
{
    QString url;
    if (engine == DatabaseEngine::SQLite) {
        url = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("test.db"));
    } else {
        m_server = std::make_unique<TestSupport::PostgresDatabase>(QStringLiteral("basalt_migr"));
        if (!m_server->isValid()) {
            m_postgresMissing = true;
            m_why = QStringLiteral("no PostgreSQL test server: ") + m_server->error();
            return;
        }
        url = m_server->url();
    }
    Result<std::unique_ptr<Database>> opened = Database::open(url);
    if (!opened) {
        m_why = opened.error().message + QLatin1Char(' ') + opened.error().detail;
        return;
    }
    m_database = std::move(opened).value();
}

QString fullDump(Database &db)
{
    QStringList out = schemaLines(db);
    const QStringList tables = rows(db, db.dialect().tableNamesQuery());
    for (const QString &table : tables) {
        QStringList content = rows(db, QStringLiteral("SELECT * FROM ") + quote(table));
        content.sort();
        out << QStringLiteral("rows of ") + table << content;
    }
    if (db.engine() == DatabaseEngine::SQLite && !tables.contains(QLatin1String("sqlite_sequence"))) {
        QStringList sequence = rows(db, QStringLiteral("SELECT name, seq FROM sqlite_sequence"));
        sequence.sort();
        out << QStringLiteral("sqlite_sequence") << sequence;
    }
    return out.join(QLatin1Char('\n'));
}

RowSnapshot snapshotRows(Database &db, const Project &project)
{
    RowSnapshot snapshot;
    for (const Table &table : project.tables) {
        const Field *key = table.primaryKey();
        QStringList columns;
        for (const Field &f : table.fields)
            columns << quote(f.name);
        QSqlQuery q(db.connection());
        if (!key
            || !q.exec(QStringLiteral("SELECT ") + columns.join(QStringLiteral(", "))
                + QStringLiteral(" FROM ") + quote(table.name))) {
            snapshot[table.id][QStringLiteral("error")][QString()] = q.lastError().text();
            continue;
        }
        while (q.next()) {
            QMap<QString, QString> row;
            for (int i = 0; i < int(table.fields.size()); ++i)
                row[table.fields[size_t(i)].id] = valueText(q.value(i));
            snapshot[table.id][row.value(key->id)] = row;
        }
    }
    return snapshot;
}

QString rowsText(Database &db, const Project &project)
{
    QStringList out;
    for (const Table &table : project.tables) {
        const Field *key = table.primaryKey();
        out << QStringLiteral("table ") + table.name;
        QSqlQuery q(db.connection());
        const QString order = key ? QStringLiteral(" ORDER BY ") + quote(key->name) : QString();
        if (!q.exec(QStringLiteral("SELECT * FROM ") + quote(table.name) + order)) {
            out << QStringLiteral("  error: ") + q.lastError().text();
            continue;
        }
        int count = 0;
        while (q.next()) {
            if (++count > 10)
                continue; // enough to read; the count below covers the rest
            QStringList values;
            for (int i = 0; i < q.record().count(); ++i) {
                // Values the database generates (current time, random uuids) differ on every run.
                const Field *field = table.fieldByName(q.record().fieldName(i));
                const bool generated = field && !q.isNull(i)
                    && (field->defaultValue.kind == DefaultValue::Kind::Now
                        || field->defaultValue.kind == DefaultValue::Kind::RandomUuid);
                values << q.record().fieldName(i) + QLatin1Char('=')
                        + (generated ? QStringLiteral("<generated>") : valueText(q.value(i)));
            }
            out << QStringLiteral("  ") + values.join(QStringLiteral(", "));
        }
        if (count > 10)
            out << QStringLiteral("  ... %1 rows in all").arg(count);
    }
    return out.join(QLatin1Char('\n'));
}

QString compareKeptRows(
    const RowSnapshot &before, const RowSnapshot &after, const Project &oldProject, const Project &newProject)
{
    for (const Table &table : newProject.tables) {
        const Table *old = oldProject.table(table.id);
        if (!old)
            continue;
        const auto &rowsBefore = before.value(table.id);
        const auto &rowsAfter = after.value(table.id);
        if (rowsBefore.size() != rowsAfter.size())
            return QStringLiteral("%1: %2 rows before, %3 after")
                .arg(table.name)
                .arg(rowsBefore.size())
                .arg(rowsAfter.size());
        for (auto row = rowsBefore.begin(); row != rowsBefore.end(); ++row) {
            if (!rowsAfter.contains(row.key()))
                return QStringLiteral("%1: row %2 is gone").arg(table.name, row.key());
            for (const Field &field : table.fields) {
                if (!old->field(field.id))
                    continue;
                const QString b = row.value().value(field.id);
                const QString a = rowsAfter.value(row.key()).value(field.id);
                if (!sameValue(b, a))
                    return QStringLiteral("%1.%2 of row %3: \"%4\" before, \"%5\" after")
                        .arg(table.name, field.name, row.key(), b, a);
            }
        }
    }
    return {};
}

QString runScript(Database &db, const QString &script)
{
    const bool sqlite = db.engine() == DatabaseEngine::SQLite;
    QString text = script;
    text.replace(QLatin1String("{true}"), sqlite ? QStringLiteral("1") : QStringLiteral("TRUE"));
    text.replace(QLatin1String("{false}"), sqlite ? QStringLiteral("0") : QStringLiteral("FALSE"));
    for (const QString &statement :
        text.split(QRegularExpression(QStringLiteral(";\\s*\\n")), Qt::SkipEmptyParts)) {
        if (statement.trimmed().isEmpty())
            continue;
        QSqlQuery q(db.connection());
        if (!q.exec(statement))
            return statement + QStringLiteral(": ") + q.lastError().text();
    }
    return {};
}

namespace {
QStringList sqliteTableSchema(Database &db, const QString &table)
{
    const QString literal = QLatin1Char('\'') + table + QLatin1Char('\'');
    QStringList lines = rows(db,
        QStringLiteral("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(") + literal
            + QLatin1Char(')'));
    lines << rows(db,
        QStringLiteral("SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(")
            + literal + QLatin1Char(')'));
    lines << rows(db,
        QStringLiteral("SELECT il.name, il.\"unique\", group_concat(ii.name) FROM pragma_index_list(")
            + literal
            + QStringLiteral(") il, pragma_index_info(il.name) ii WHERE il.origin = 'c' GROUP BY il.name"));
    // CHECK and UNIQUE constraints are only visible in the table's SQL: one per line, as Basalt writes them.
    const QString sql = queryValue(
        db, QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ") + literal);
    for (QString line : sql.split(QLatin1Char('\n'))) {
        line = line.trimmed();
        if (line.startsWith(QLatin1String("CONSTRAINT ")))
            lines << (line.endsWith(QLatin1Char(',')) ? line.chopped(1) : line);
    }
    lines.sort();
    return lines;
}
} // namespace

QString logicalSchema(Database &db)
{
    QStringList out;
    if (db.engine() == DatabaseEngine::PostgreSQL) {
        out = schemaLines(db);
        out.erase(std::remove_if(out.begin(), out.end(),
                      [](const QString &l) { return l.contains(QLatin1String("_basalt_migrations")); }),
            out.end());
        out.sort();
        return out.join(QLatin1Char('\n'));
    }
    for (const QString &table : rows(db, db.dialect().tableNamesQuery())) {
        if (table == QLatin1String("_basalt_migrations"))
            continue;
        out << QStringLiteral("table ") + table << sqliteTableSchema(db, table);
    }
    return out.join(QLatin1Char('\n'));
}

QString queryValue(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql))
        return QStringLiteral("error: ") + q.lastError().text();
    if (!q.next())
        return QStringLiteral("no rows");
    return valueText(q.value(0));
}
