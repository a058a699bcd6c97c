// SPDX-License-Identifier: GPL-3.0-or-later
// Test helpers for migrations: test databases, dumps, row snapshots by stable id, plan reports and golden
// files.
#pragma once

#include "model/project.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QMap>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

/** A real, empty database of one engine for one test: a temporary SQLite file or a fresh PostgreSQL
    database. isValid() is false (and why() says why) when it cannot be had. */
class TestDatabase
{
public:
    explicit TestDatabase(Runtime::DatabaseEngine engine);

    bool isValid() const { return m_database != nullptr; }
    bool isPostgresMissing() const { return m_postgresMissing; }
    QString why() const { return m_why; }
    Runtime::Database &db() { return *m_database; }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestSupport::PostgresDatabase> m_server;
    std::unique_ptr<Runtime::Database> m_database;
    bool m_postgresMissing = false;
    QString m_why;
};

/** Opens the row's engine into \a var, skipping (or failing under CI) when PostgreSQL is not available. */
#define OPEN_TEST_DATABASE(var, engine)                                                                      \
    TestDatabase var {engine};                                                                               \
    do {                                                                                                     \
        if (var.isPostgresMissing() && !TestSupport::postgresRequired())                                     \
            QSKIP(qPrintable(var.why()));                                                                    \
        QVERIFY2(var.isValid(), qPrintable(var.why()));                                                      \
    } while (false)

/** Returns the whole database as text: every table, column, constraint, index and row (rows sorted), so
    that two dumps are equal exactly when nothing changed. */
QString fullDump(Runtime::Database &db);

/** Row values by stable ids: table id → primary key value → field id → value as text ("NULL" for null). */
using RowSnapshot = QMap<QString, QMap<QString, QMap<QString, QString>>>;

/** Returns the rows of every table of \a project, read through its current names. */
RowSnapshot snapshotRows(Runtime::Database &db, const Runtime::Project &project);

/** Returns the rows of \a project's tables as readable text, for golden files. */
QString rowsText(Runtime::Database &db, const Runtime::Project &project);

/** Returns "" if every row of every table in both projects kept the values of every field in both (by id,
    converted values compared loosely: numbers by value, booleans as 0/1, a date as the date of a datetime),
    else the first difference. */
QString compareKeptRows(const RowSnapshot &before, const RowSnapshot &after,
    const Runtime::Project &oldProject, const Runtime::Project &newProject);

/** Runs \a script's statements (separated by ";" at line ends) on \a db; {true} and {false} become the
    engine's boolean literals. Returns "" or the first error. */
QString runScript(Runtime::Database &db, const QString &script);

/** Returns the value of the first column of the first row of \a sql, or "error: ...". */
QString queryValue(Runtime::Database &db, const QString &sql);

/** Returns the schema of \a db in a form that does not depend on how it was reached (fresh DDL or a
    sequence of migrations): per table its columns, constraints and indexes, sorted. Basalt's own
    `_basalt_migrations` table is left out. */
QString logicalSchema(Runtime::Database &db);
