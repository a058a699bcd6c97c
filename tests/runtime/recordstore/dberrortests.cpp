// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore tests of database error translation: both engines' errors give the same API error.
#include "tst_recordstore.h"

#include "storage/dberrors.h"
#include "storage/postgresdialect.h"
#include "storage/sqlitedialect.h"

#include <QSqlError>
#include <QtTest>

using namespace Runtime;
using namespace Qt::StringLiterals;

void tst_RecordStore::databaseErrors_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<QString>("nativeCode");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("expected");
    const auto sqlite = int(DatabaseEngine::SQLite);
    const auto postgres = int(DatabaseEngine::PostgreSQL);
    const QString check = u"new row violates the check constraint of \"price\"\nprice: fails its check"_s;
    QTest::newRow("sqlite check") << sqlite << u"275"_s << u"CHECK constraint failed: ck_fld_products_price"_s
                                  << int(WriteKind::Insert) << int(ErrorCode::CheckViolation) << check;
    QTest::newRow("postgresql check") << postgres << u"23514"_s
        << u"ERROR:  new row for relation \"products\" violates check constraint \"ck_fld_products_price\""_s
        << int(WriteKind::Insert) << int(ErrorCode::CheckViolation) << check;
    const QString unique = u"duplicate key value violates unique constraint on (slug)\nKey (slug)=(dune) already exists."_s;
    QTest::newRow("sqlite unique") << sqlite << u"2067"_s << u"UNIQUE constraint failed: products.slug"_s
                                   << int(WriteKind::Update) << int(ErrorCode::UniqueViolation) << unique;
    QTest::newRow("postgresql unique") << postgres << u"23505"_s
        << u"ERROR:  duplicate key value violates unique constraint \"uq_fld_products_slug\"\nDETAIL: ..."_s
        << int(WriteKind::Update) << int(ErrorCode::UniqueViolation) << unique;
    const QString notNull = u"null value in column \"name\" violates not-null constraint\nname: is required"_s;
    QTest::newRow("sqlite not null") << sqlite << u"1299"_s << u"NOT NULL constraint failed: products.name"_s
                                     << int(WriteKind::Insert) << int(ErrorCode::NotNullViolation) << notNull;
    QTest::newRow("postgresql not null") << postgres << u"23502"_s
        << u"ERROR:  null value in column \"name\" of relation \"products\" violates not-null constraint"_s
        << int(WriteKind::Insert) << int(ErrorCode::NotNullViolation) << notNull;
    const QString referenced = u"delete violates a foreign key constraint: the row is still referenced"_s;
    QTest::newRow("sqlite foreign key") << sqlite << u"787"_s << u"FOREIGN KEY constraint failed"_s
                                        << int(WriteKind::Delete) << int(ErrorCode::ForeignKeyViolation) << referenced;
    QTest::newRow("postgresql foreign key") << postgres << u"23503"_s
        << u"ERROR:  update or delete on table \"products\" violates foreign key constraint \"fk_rel_x\""_s
        << int(WriteKind::Delete) << int(ErrorCode::ForeignKeyViolation) << referenced;
    const QString busy = u"The database is busy with another write"_s;
    QTest::newRow("sqlite busy") << sqlite << u"5"_s << u"database is locked"_s << int(WriteKind::Insert)
                                 << int(ErrorCode::DatabaseBusy) << busy;
    QTest::newRow("sqlite busy snapshot") << sqlite << u"517"_s << u"database is locked"_s << int(WriteKind::Update)
                                          << int(ErrorCode::DatabaseBusy) << busy;
    QTest::newRow("postgresql lock not available") << postgres << u"55P03"_s
        << u"ERROR:  canceling statement due to lock timeout"_s << int(WriteKind::Update)
        << int(ErrorCode::DatabaseBusy) << busy;
    const QString full = u"The database's disk is full: nothing was written"_s;
    QTest::newRow("sqlite full") << sqlite << u"13"_s << u"database or disk is full"_s << int(WriteKind::Insert)
                                 << int(ErrorCode::DiskFull) << full;
    QTest::newRow("postgresql disk full") << postgres << u"53100"_s
        << u"ERROR:  could not extend file \"base/16384/16385\": No space left on device"_s << int(WriteKind::Insert)
        << int(ErrorCode::DiskFull) << full;
    QTest::newRow("other") << postgres << u"42601"_s << u"ERROR:  syntax error at or near \"SELEC\""_s
                           << int(WriteKind::Read) << int(ErrorCode::DatabaseQueryFailed)
                           << u"A database query failed"_s;
}

void tst_RecordStore::databaseErrors()
{
    QFETCH(int, engine);
    QFETCH(QString, nativeCode);
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(int, code);
    QFETCH(QString, expected);
    QString why;
    const std::shared_ptr<const Project> project = RecordTest::testProject(&why);
    QVERIFY2(project, qPrintable(why));
    const Table *products = project->tableByName(u"products"_s);
    SqliteDialect sqlite;
    PostgresDialect postgres;
    const SqlDialect &dialect = DatabaseEngine(engine) == DatabaseEngine::SQLite
        ? static_cast<const SqlDialect &>(sqlite) : postgres;
    const QString sql = u"SELEC * FROM \"products\""_s;
    const Error e = translateDatabaseError(QSqlError(u"driver"_s, text, QSqlError::StatementError, nativeCode), sql,
        *project, *products, dialect, WriteKind(kind), {{u"slug"_s, QVariant(u"dune"_s)}});
    QCOMPARE(int(e.code), code);
    QCOMPARE(e.toString(), expected);
    QVERIFY(e.detail.contains(sql)); // for the log only
}
