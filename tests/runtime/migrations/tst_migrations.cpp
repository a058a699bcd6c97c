// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of schema migrations on real SQLite files and PostgreSQL databases: plans, data kept, refusals,
// destructive confirmation, drift, rollback and the migration history.
#include "io/projectreader.h"
#include "io/projectwriter.h"
#include "migrationhelpers.h"
#include "planreport.h"
#include "storage/migrationplanner.h"
#include "storage/schemamigrator.h"
#include "storage/sqldialect.h"

#include <QDir>
#include <QSqlQuery>
#include <QtTest>

using namespace Runtime;

class tst_Migrations : public QObject
{
    Q_OBJECT

private slots:
    void cases_data();
    void cases();
    void failureRollsBack_data() { addEngineRows(); }
    void failureRollsBack();
    void drift_data();
    void drift();
    void unmanagedTable_data() { addEngineRows(); }
    void unmanagedTable();
    void versions_data() { addEngineRows(); }
    void versions();
    void stalePlan_data() { addEngineRows(); }
    void stalePlan();
    void formatCount_data();
    void formatCount();
    void invalidProject();
    void lossCounts_data();
    void lossCounts();

private:
    void verifyPlanAndApply(
        Database &db, const QDir &dir, const Project &before, const Project &after, QString *report);
    void checkSameAsFreshSchema(Database &db, const Project &project);
};

void tst_Migrations::cases_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<int>("engine");
    const QDir cases(QFINDTESTDATA("data/cases"));
    for (const QString &name : cases.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        for (DatabaseEngine engine : {DatabaseEngine::SQLite, DatabaseEngine::PostgreSQL})
            QTest::addRow("%s/%s", qPrintable(name), qPrintable(engineKey(engine)))
                << cases.filePath(name) << int(engine);
    }
}

// Each case: migrate to before.basalt, run seed.sql, then plan after.basalt. The plan (and, once applied,
// the rows) must match expected.<engine>.txt; applying must keep every row's values, refuse or ask for
// confirmation without touching anything, and leave the schema a fresh database would get.
void tst_Migrations::cases()
{
    QFETCH(QString, folder);
    QFETCH(int, engine);
    OPEN_TEST_DATABASE(test, DatabaseEngine(engine));
    Database &db = test.db();
    SchemaMigrator migrator(db);
    const QDir dir(folder);
    std::unique_ptr<Project> before = dir.exists(QStringLiteral("before.basalt"))
        ? load(dir.filePath(QStringLiteral("before.basalt")))
        : std::make_unique<Project>();
    const std::unique_ptr<Project> after = load(dir.filePath(QStringLiteral("after.basalt")));
    QVERIFY(before && after);
    if (!before->tables.empty())
        QCOMPARE(migrate(migrator, *before), 1);
    QFile seed(dir.filePath(QStringLiteral("seed.sql")));
    if (seed.open(QIODevice::ReadOnly)) {
        const QString error = runScript(db, QString::fromUtf8(seed.readAll()));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    QString report;
    verifyPlanAndApply(db, dir, *before, *after, &report);
    if (QTest::currentTestFailed())
        return;
    const QString golden = compareGolden(dir.filePath(QStringLiteral("expected.")
                                             + engineKey(DatabaseEngine(engine)) + QStringLiteral(".txt")),
        report);
    QVERIFY2(golden.isEmpty(), qPrintable(golden));
}

// Plans \a after over the seeded database: a refused plan must change nothing, a destructive one must wait
// for confirmation; an applied one must keep every row's values and leave the schema a fresh database gets.
void tst_Migrations::verifyPlanAndApply(
    Database &db, const QDir &dir, const Project &before, const Project &after, QString *report)
{
    SchemaMigrator migrator(db);
    const RowSnapshot rowsBefore = snapshotRows(db, before);
    const QString dumpBefore = fullDump(db);
    const int versionBefore = *migrator.schemaVersion();

    Result<MigrationPlan> plan = migrator.plan(after);
    QVERIFY2(plan,
        qPrintable(plan ? QString() : plan.error().toString() + QLatin1Char('\n') + plan.error().detail));
    QVERIFY(!plan->isEmpty() || !plan->isApplicable());
    *report = renderPlan(*plan);
    if (!plan->isApplicable()) {
        const Result<int> refused = migrator.apply(*plan, true);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::MigrationRefused);
        QCOMPARE(fullDump(db), dumpBefore);
        *report += QStringLiteral("\n-- refused, the database is unchanged\n");
    } else {
        if (plan->hasDestructiveSteps()) {
            const Result<int> unconfirmed = migrator.apply(*plan, false);
            QVERIFY(!unconfirmed);
            QCOMPARE(unconfirmed.error().code, ErrorCode::DestructiveChangesNotConfirmed);
            QCOMPARE(fullDump(db), dumpBefore);
        }
        const Result<int> version = migrator.apply(*plan, true);
        QVERIFY2(version,
            qPrintable(
                version ? QString() : version.error().message + QLatin1Char('\n') + version.error().detail));
        QCOMPARE(*version, versionBefore + 1);
        QCOMPARE(*migrator.schemaVersion(), versionBefore + 1);
        const QString kept = compareKeptRows(rowsBefore, snapshotRows(db, after), before, after);
        QVERIFY2(kept.isEmpty(), qPrintable(kept));
        Result<MigrationPlan> again = migrator.plan(after);
        QVERIFY(again);
        QVERIFY2(again->isEmpty() && again->isApplicable(), qPrintable(again->summary()));
        checkSameAsFreshSchema(db, after);
        QFile checks(dir.filePath(QStringLiteral("check.sql")));
        if (checks.open(QIODevice::ReadOnly))
            *report += QStringLiteral("\n") + runChecks(db, QString::fromUtf8(checks.readAll()));
        else
            *report += QLatin1Char('\n');
        *report += QStringLiteral("-- applied as version %1\n").arg(*version) + rowsText(db, after)
            + QLatin1Char('\n');
    }
}

void tst_Migrations::checkSameAsFreshSchema(Database &db, const Project &project)
{
    TestDatabase fresh(db.engine());
    QVERIFY2(fresh.isValid(), qPrintable(fresh.why()));
    QString script;
    for (const QString &sql : fresh.db().dialect().createSchema(project))
        script += sql + QStringLiteral(";\n");
    const QString error = runScript(fresh.db(), script);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(logicalSchema(db), logicalSchema(fresh.db()));
    if (db.engine() == DatabaseEngine::SQLite) {
        QCOMPARE(queryValue(db, QStringLiteral("PRAGMA foreign_keys")), QStringLiteral("1"));
        QCOMPARE(queryValue(db, QStringLiteral("PRAGMA foreign_key_check")), QStringLiteral("no rows"));
        QCOMPARE(queryValue(db, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
    }
}

// A unique constraint planned over clean data meets duplicates inserted before apply(): the migration fails
// after earlier steps (a column rename, a new table) ran, and everything is rolled back.
void tst_Migrations::failureRollsBack()
{
    QFETCH(int, engine);
    OPEN_TEST_DATABASE(test, DatabaseEngine(engine));
    SchemaMigrator migrator(test.db());
    const std::unique_ptr<Project> v1 = fixture(QStringLiteral("shop-v1"));
    const std::unique_ptr<Project> v2 = fixture(QStringLiteral("shop-v2"));
    QVERIFY(v1 && v2);
    QCOMPARE(migrate(migrator, *v1), 1);
    QCOMPARE(runScript(test.db(),
                 QStringLiteral(
                     "INSERT INTO \"categories\" (\"id\", \"name\") VALUES (1, 'Tools');\n"
                     "INSERT INTO \"products\" (\"id\", \"title\", \"sku\", \"price\", \"category_id\") "
                     "VALUES (1, 'Hammer', 'H-1', 12.5, 1), (2, 'Saw', 'S-1', 20, 1);\n")),
        QString());
    Result<MigrationPlan> plan = migrator.plan(*v2);
    QVERIFY(plan && plan->isApplicable());
    QCOMPARE(runScript(test.db(),
                 QStringLiteral("INSERT INTO \"products\" (\"id\", \"title\", \"sku\", \"price\") "
                                "VALUES (3, 'Saw', 'S-1', 21);\n")),
        QString());
    const QString dump = fullDump(test.db());
    const Result<int> failed = migrator.apply(*plan, true);
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, ErrorCode::MigrationFailed);
    QVERIFY2(
        failed.error().message.contains(QLatin1String("rolled back")), qPrintable(failed.error().message));
    QCOMPARE(fullDump(test.db()), dump);
    QCOMPARE(*migrator.schemaVersion(), 1);
    // The step that failed is not the first one that changes something: earlier statements ran and were
    // undone.
    qsizetype failedStep = -1;
    qsizetype firstWithSql = -1;
    for (qsizetype i = 0; i < plan->steps.size(); ++i) {
        if (firstWithSql < 0 && !plan->steps[i].sql.isEmpty())
            firstWithSql = i;
        if (failed.error().message.contains(QLatin1Char('"') + plan->steps[i].description + QLatin1Char('"')))
            failedStep = i;
    }
    QVERIFY2(failedStep > firstWithSql && firstWithSql >= 0, qPrintable(failed.error().message));
    if (DatabaseEngine(engine) == DatabaseEngine::SQLite)
        QCOMPARE(queryValue(test.db(), QStringLiteral("PRAGMA foreign_keys")), QStringLiteral("1"));
    // Planned again, the duplicates are found and explained instead.
    Result<MigrationPlan> again = migrator.plan(*v2);
    QVERIFY(again);
    QVERIFY(!again->isApplicable());
    QVERIFY2(again->refusals.join(QLatin1Char('\n'))
                 .contains(QLatin1String("make products.sku unique: the value \"S-1\" occurs")),
        qPrintable(again->refusals.join(QLatin1Char('\n'))));
}

void tst_Migrations::drift_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("expected");
    for (DatabaseEngine engine : {DatabaseEngine::SQLite, DatabaseEngine::PostgreSQL}) {
        const QByteArray key = engineKey(engine).toLatin1();
        QTest::addRow("%s missing table", key.constData())
            << int(engine) << QStringLiteral("DROP TABLE \"products\"")
            << QStringLiteral("table products is missing");
        QTest::addRow("%s missing column", key.constData())
            << int(engine) << QStringLiteral("ALTER TABLE \"products\" DROP COLUMN \"price\"")
            << QStringLiteral("column products.price is missing");
        QTest::addRow("%s renamed column", key.constData())
            << int(engine) << QStringLiteral("ALTER TABLE \"products\" RENAME COLUMN \"sku\" TO \"code\"")
            << QStringLiteral(
                   "column products.sku is missing; column products.code was not created by Basalt");
        QTest::addRow("%s extra column", key.constData())
            << int(engine) << QStringLiteral("ALTER TABLE \"categories\" ADD COLUMN \"x\" TEXT")
            << QStringLiteral("column categories.x was not created by Basalt");
    }
}

void tst_Migrations::drift()
{
    QFETCH(int, engine);
    QFETCH(QString, change);
    QFETCH(QString, expected);
    OPEN_TEST_DATABASE(test, DatabaseEngine(engine));
    SchemaMigrator migrator(test.db());
    const std::unique_ptr<Project> v1 = fixture(QStringLiteral("shop-v1"));
    const std::unique_ptr<Project> v2 = fixture(QStringLiteral("shop-v2"));
    QVERIFY(v1 && v2);
    QCOMPARE(migrate(migrator, *v1), 1);
    QCOMPARE(runScript(test.db(), change + QStringLiteral(";\n")), QString());
    const Result<MigrationPlan> plan = migrator.plan(*v2);
    QVERIFY(!plan);
    QCOMPARE(plan.error().code, ErrorCode::DatabaseDrift);
    QVERIFY2(plan.error().message.contains(expected), qPrintable(plan.error().message));
    QVERIFY(!plan.error().problems.isEmpty());
}

void tst_Migrations::unmanagedTable()
{
    QFETCH(int, engine);
    OPEN_TEST_DATABASE(test, DatabaseEngine(engine));
    SchemaMigrator migrator(test.db());
    const std::unique_ptr<Project> v2 = fixture(QStringLiteral("shop-v2"));
    QVERIFY(v2);
    QCOMPARE(runScript(test.db(),
                 QStringLiteral("CREATE TABLE \"reviews\" (\"id\" INTEGER PRIMARY KEY, \"body\" TEXT);\n"
                                "INSERT INTO \"reviews\" VALUES (1, 'mine');\n")),
        QString());
    const QString dump = fullDump(test.db());
    Result<MigrationPlan> plan = migrator.plan(*v2);
    QVERIFY(plan);
    QVERIFY(!plan->isApplicable());
    QCOMPARE(plan->refusals.size(), 1);
    QVERIFY2(plan->refusals.first().contains(
                 QLatin1String("already has a table named reviews that Basalt does not manage")),
        qPrintable(plan->refusals.first()));
    QVERIFY(plan->summary().contains(plan->refusals.first()));
    const Result<int> refused = migrator.apply(*plan, true);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::MigrationRefused);
    QCOMPARE(fullDump(test.db()), dump);
    QCOMPARE(*migrator.schemaVersion(), 0);
}

void tst_Migrations::versions()
{
    QFETCH(int, engine);
    OPEN_TEST_DATABASE(test, DatabaseEngine(engine));
    SchemaMigrator migrator(test.db());
    QCOMPARE(*migrator.schemaVersion(), 0);
    const std::unique_ptr<Project> v1 = fixture(QStringLiteral("shop-v1"));
    const std::unique_ptr<Project> v2 = fixture(QStringLiteral("shop-v2"));
    QVERIFY(v1 && v2);
    QCOMPARE(migrate(migrator, *v1), 1);
    QCOMPARE(migrate(migrator, *v1), 1); // the same project again: an empty plan, no new version
    QCOMPARE(migrate(migrator, *v2), 2);
    QCOMPARE(migrate(migrator, *v1), 3); // back again: drops reviews, renames name to title
    QCOMPARE(*migrator.schemaVersion(), 3);
    QSqlQuery q(test.db().connection());
    QVERIFY(q.exec(QStringLiteral(
        "SELECT \"version\", \"applied_at\", \"summary\", \"project\" FROM \"_basalt_migrations\" "
        "ORDER BY \"version\"")));
    QList<int> versions;
    QByteArray lastProject;
    while (q.next()) {
        versions << q.value(0).toInt();
        QVERIFY(!q.value(1).isNull());
        QVERIFY(!q.value(2).toString().isEmpty());
        lastProject = q.value(3).toString().toUtf8();
    }
    QCOMPARE(versions, (QList<int> {1, 2, 3}));
    QCOMPARE(lastProject, writeProject(*v1));
    Result<std::unique_ptr<Project>> readBack = readProject(lastProject);
    QVERIFY(readBack);
    QVERIFY(**readBack == *v1);
}

void tst_Migrations::stalePlan()
{
    QFETCH(int, engine);
    OPEN_TEST_DATABASE(test, DatabaseEngine(engine));
    SchemaMigrator migrator(test.db());
    const std::unique_ptr<Project> v1 = fixture(QStringLiteral("shop-v1"));
    QVERIFY(v1);
    Result<MigrationPlan> first = migrator.plan(*v1);
    Result<MigrationPlan> second = migrator.plan(*v1);
    QVERIFY(first && second);
    QCOMPARE(*migrator.apply(*first, false), 1);
    const QString dump = fullDump(test.db());
    const Result<int> stale = migrator.apply(*second, false);
    QVERIFY(!stale);
    QCOMPARE(stale.error().code, ErrorCode::MigrationRefused);
    QVERIFY2(stale.error().message.contains(QLatin1String("Plan the change again")),
        qPrintable(stale.error().message));
    QCOMPARE(fullDump(test.db()), dump);
}

void tst_Migrations::formatCount_data()
{
    QTest::addColumn<qint64>("count");
    QTest::addColumn<QString>("rows");
    QTest::newRow("one") << qint64(1) << QStringLiteral("1 row");
    QTest::newRow("none") << qint64(0) << QStringLiteral("0 rows");
    QTest::newRow("thousands") << qint64(3400) << QStringLiteral("3,400 rows");
    QTest::newRow("millions") << qint64(1234567) << QStringLiteral("1,234,567 rows");
}

void tst_Migrations::formatCount()
{
    QFETCH(qint64, count);
    QFETCH(QString, rows);
    QCOMPARE(MigrationPlanner::rowsText(count), rows);
}

// A project the validator rejects is never planned: its SQL could fail halfway.
void tst_Migrations::invalidProject()
{
    OPEN_TEST_DATABASE(test, DatabaseEngine::SQLite);
    std::unique_ptr<Project> project = fixture(QStringLiteral("shop-v1"));
    QVERIFY(project);
    project->relationships.front().fromTableId = QStringLiteral("tbl_missing");
    SchemaMigrator migrator(test.db());
    const Result<MigrationPlan> plan = migrator.plan(*project);
    QVERIFY(!plan);
    QCOMPARE(plan.error().code, ErrorCode::InvalidProject);
    QVERIFY(!plan.error().problems.isEmpty());
    QCOMPARE(*migrator.schemaVersion(), 0);
}

void tst_Migrations::lossCounts_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("line");
    for (DatabaseEngine engine : {DatabaseEngine::SQLite, DatabaseEngine::PostgreSQL}) {
        const QByteArray key = engineKey(engine).toLatin1();
        QTest::addRow("%s table", key.constData()) << int(engine) << QStringLiteral("drop-and-create-table")
                                                   << QStringLiteral("drop table reviews: 3,400 rows");
        QTest::addRow("%s column", key.constData())
            << int(engine) << QStringLiteral("drop-columns")
            << QStringLiteral("drop column parts.sku: 1,204 non-empty values");
    }
}

// What a destructive step loses is counted from the live data and listed apart in the summary.
void tst_Migrations::lossCounts()
{
    QFETCH(int, engine);
    QFETCH(QString, folder);
    QFETCH(QString, line);
    OPEN_TEST_DATABASE(test, DatabaseEngine(engine));
    const QDir dir(QFINDTESTDATA(QStringLiteral("data/cases/") + folder));
    const std::unique_ptr<Project> before = load(dir.filePath(QStringLiteral("before.basalt")));
    const std::unique_ptr<Project> after = load(dir.filePath(QStringLiteral("after.basalt")));
    QVERIFY(before && after);
    SchemaMigrator migrator(test.db());
    QCOMPARE(migrate(migrator, *before), 1);
    QFile seed(dir.filePath(QStringLiteral("seed.sql")));
    QVERIFY(seed.open(QIODevice::ReadOnly));
    QCOMPARE(runScript(test.db(), QString::fromUtf8(seed.readAll())), QString());
    Result<MigrationPlan> plan = migrator.plan(*after);
    QVERIFY(plan && plan->hasDestructiveSteps());
    const QStringList summary = plan->summary().split(QLatin1Char('\n'));
    const qsizetype header = summary.indexOf(QStringLiteral("Destructive, applied only when confirmed:"));
    QVERIFY(header >= 0);
    QVERIFY2(summary.indexOf(QStringLiteral("  ") + line) > header, qPrintable(plan->summary()));
    QVERIFY(!summary.mid(0, header).contains(line.section(QLatin1Char(':'), 0, 0)));
}

QTEST_GUILESS_MAIN(tst_Migrations)
#include "tst_migrations.moc"
