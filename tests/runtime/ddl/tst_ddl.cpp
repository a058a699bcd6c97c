// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the SQL schema generated per dialect: golden files, execution on real engines, enforcement.
#include "enforcementrows.h"
#include "io/projectreader.h"
#include "storage/database.h"
#include "storage/postgresdialect.h"
#include "storage/sqlitedialect.h"
#include "testsupport.h"

#include <QDir>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Runtime;

namespace {
const QStringList s_templates
    = {QStringLiteral("ecommerce"), QStringLiteral("saas"), QStringLiteral("social"), QStringLiteral("chat")};

QString engineKey(DatabaseEngine engine)
{
    return engine == DatabaseEngine::SQLite ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
}

std::unique_ptr<SqlDialect> makeDialect(DatabaseEngine engine)
{
    if (engine == DatabaseEngine::SQLite)
        return std::make_unique<SqliteDialect>();
    return std::make_unique<PostgresDialect>();
}

// Returns every golden case as (name, folder, input file): the focused projects in data/ and the templates.
QList<std::tuple<QString, QString, QString>> goldenCases()
{
    QList<std::tuple<QString, QString, QString>> cases;
    const QDir data(QFINDTESTDATA("data"));
    for (const QString &name : data.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (name.startsWith(QLatin1String("template-")))
            continue;
        cases.append({name, data.filePath(name), data.filePath(name + QStringLiteral("/input.basalt"))});
    }
    for (const QString &name : s_templates) {
        const QString folder = data.filePath(QStringLiteral("template-") + name);
        cases.append({QStringLiteral("template-") + name, folder, TestSupport::templatePath(name)});
    }
    return cases;
}

std::unique_ptr<Project> loadProject(const QString &path, QString *error)
{
    Result<std::unique_ptr<Project>> project = readProjectFile(path);
    if (!project) {
        *error = project.error().toString() + QLatin1Char('\n') + project.error().detail;
        return nullptr;
    }
    return std::move(project).value();
}

// Returns "" if \a actual equals \a expected, else the first line that differs.
QString firstDifference(const QString &actual, const QString &expected)
{
    const QStringList a = actual.split(QLatin1Char('\n'));
    const QStringList e = expected.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < std::max(a.size(), e.size()); ++i) {
        const QString al = a.value(i, QStringLiteral("<end>"));
        const QString el = e.value(i, QStringLiteral("<end>"));
        if (al != el)
            return QStringLiteral("line %1:\n  actual:   %2\n  expected: %3").arg(i + 1).arg(al, el);
    }
    return {};
}

QString execAll(Database &db, const Statements &statements)
{
    for (const Statement &s : statements) {
        QSqlQuery q(db.connection());
        if (s.values.isEmpty()) { // PostgreSQL cannot PREPARE DDL
            if (!q.exec(s.sql))
                return s.sql + QStringLiteral(": ") + q.lastError().text();
            continue;
        }
        if (!q.prepare(s.sql))
            return s.sql + QStringLiteral(": ") + q.lastError().text();
        for (const QVariant &v : s.values)
            q.addBindValue(v);
        if (!q.exec())
            return s.sql + QStringLiteral(": ") + q.lastError().text();
    }
    return {};
}

QStringList column(Database &db, const QString &sql)
{
    QStringList out;
    QSqlQuery q(db.connection());
    if (!q.exec(sql))
        return {QStringLiteral("error: ") + q.lastError().text()};
    while (q.next())
        out << (q.isNull(0) ? QStringLiteral("NULL") : q.value(0).toString());
    return out;
}
} // namespace

class tst_Ddl : public QObject
{
    Q_OBJECT

private slots:
    void golden_data();
    void golden();
    void executesOnSqlite_data();
    void executesOnSqlite();
    void executesOnPostgres_data();
    void executesOnPostgres();
    void enforcedOnSqlite_data();
    void enforcedOnSqlite();
    void enforcedOnPostgres_data();
    void enforcedOnPostgres();
    void objectNames_data();
    void objectNames();
    void literals_data();
    void literals();

private:
    void executeCase(Database &db);
    void enforce(Database &db);
};

void tst_Ddl::golden_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("engine");
    for (const auto &[name, folder, input] : goldenCases()) {
        for (DatabaseEngine engine : {DatabaseEngine::SQLite, DatabaseEngine::PostgreSQL})
            QTest::addRow("%s/%s", qPrintable(name), qPrintable(engineKey(engine)))
                << folder << input << int(engine);
    }
}

void tst_Ddl::golden()
{
    QFETCH(QString, folder);
    QFETCH(QString, input);
    QFETCH(int, engine);
    QString error;
    const std::unique_ptr<Project> project = loadProject(input, &error);
    QVERIFY2(project, qPrintable(error));
    const QString script = makeDialect(DatabaseEngine(engine))->createSchemaScript(*project);
    const QString expectedPath
        = folder + QStringLiteral("/expected.") + engineKey(DatabaseEngine(engine)) + QStringLiteral(".sql");
    if (qEnvironmentVariableIntValue("BASALT_UPDATE_GOLDEN") == 1) {
        QDir().mkpath(folder);
        QFile out(expectedPath);
        QVERIFY2(out.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(out.errorString()));
        out.write(script.toUtf8());
        qInfo("rewrote %s", qPrintable(expectedPath));
        return;
    }
    QFile expectedFile(expectedPath);
    QVERIFY2(expectedFile.open(QIODevice::ReadOnly),
        qPrintable(
            expectedPath + QStringLiteral(" is missing; run with BASALT_UPDATE_GOLDEN=1 to write it")));
    const QString expected = QString::fromUtf8(expectedFile.readAll());
    const QString difference = firstDifference(script, expected);
    QVERIFY2(difference.isEmpty(), qPrintable(expectedPath + QStringLiteral(" differs at ") + difference));
}

void tst_Ddl::executesOnSqlite_data()
{
    QTest::addColumn<QString>("input");
    for (const auto &[name, folder, input] : goldenCases())
        QTest::newRow(qPrintable(name)) << input;
}

void tst_Ddl::executesOnSqlite()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Result<std::unique_ptr<Database>> db
        = Database::open(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("t.db")));
    QVERIFY2(db, qPrintable(db ? QString() : db.error().detail));
    executeCase(**db);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(column(**db, QStringLiteral("PRAGMA foreign_key_check")), QStringList());
    QCOMPARE(column(**db, QStringLiteral("PRAGMA integrity_check")), QStringList {QStringLiteral("ok")});
}

void tst_Ddl::executesOnPostgres_data()
{
    executesOnSqlite_data();
}

void tst_Ddl::executesOnPostgres()
{
    TestSupport::PostgresDatabase server;
    BASALT_REQUIRE_POSTGRES(server);
    Result<std::unique_ptr<Database>> db = Database::open(server.url());
    QVERIFY2(db, qPrintable(db ? QString() : db.error().detail));
    executeCase(**db);
}

// Runs the schema of the row's project on \a db and checks that exactly its tables exist afterwards.
void tst_Ddl::executeCase(Database &db)
{
    QFETCH(QString, input);
    QString error;
    const std::unique_ptr<Project> project = loadProject(input, &error);
    QVERIFY2(project, qPrintable(error));
    Statements statements;
    for (const QString &sql : db.dialect().createSchema(*project))
        statements << Statement {sql, {}};
    QVERIFY(db.connection().transaction());
    error = execAll(db, statements);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(db.connection().commit());
    QStringList expectedTables;
    for (const Table &t : project->tables)
        expectedTables << t.name;
    expectedTables.sort();
    QCOMPARE(column(db, db.dialect().tableNamesQuery()), expectedTables);
}

void tst_Ddl::enforcedOnSqlite_data()
{
    addEnforcementRows();
}

void tst_Ddl::enforcedOnSqlite()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Result<std::unique_ptr<Database>> db
        = Database::open(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("t.db")));
    QVERIFY2(db, qPrintable(db ? QString() : db.error().detail));
    enforce(**db);
}

void tst_Ddl::enforcedOnPostgres_data()
{
    enforcedOnSqlite_data();
}

void tst_Ddl::enforcedOnPostgres()
{
    TestSupport::PostgresDatabase server;
    BASALT_REQUIRE_POSTGRES(server);
    Result<std::unique_ptr<Database>> db = Database::open(server.url());
    QVERIFY2(db, qPrintable(db ? QString() : db.error().detail));
    enforce(**db);
}

// Creates the row's schema on \a db, runs its setup, then checks that its action succeeds or fails as it
// should.
void tst_Ddl::enforce(Database &db)
{
    QFETCH(QString, input);
    QFETCH(Statements, setup);
    QFETCH(Statement, action);
    QFETCH(bool, succeeds);
    QFETCH(QString, query);
    QFETCH(QString, result);
    QString error;
    const std::unique_ptr<Project> project = loadProject(input, &error);
    QVERIFY2(project, qPrintable(error));
    Statements schema;
    for (const QString &sql : db.dialect().createSchema(*project))
        schema << Statement {sql, {}};
    error = execAll(db, schema + setup);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = execAll(db, {action});
    QVERIFY2(error.isEmpty() == succeeds,
        qPrintable(succeeds ? error : QStringLiteral("the statement succeeded")));
    if (!query.isEmpty()) {
        const QString rows = column(db, query).join(QLatin1Char('|'));
        QVERIFY2(QRegularExpression(QStringLiteral("\\A(?:") + result + QStringLiteral(")\\z"))
                     .match(rows)
                     .hasMatch(),
            qPrintable(rows));
    }
}

void tst_Ddl::objectNames_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QString>("expected");
    QTest::newRow("short") << QStringLiteral("fk") << QStringLiteral("rel_1") << QString()
                           << QStringLiteral("fk_rel_1");
    QTest::newRow("suffix") << QStringLiteral("fk") << QStringLiteral("rel_1") << QStringLiteral("to")
                            << QStringLiteral("fk_rel_1_to");
    QTest::newRow("exactly 63") << QStringLiteral("ix") << QString(60, u'a') << QString()
                                << QStringLiteral("ix_") + QString(60, u'a');
    QTest::newRow("64 hashed") << QStringLiteral("ix") << QString(61, u'a') << QString()
                               << QStringLiteral("ix_") + QString(51, u'a') + QStringLiteral("_")
            + QStringLiteral("HASH");
}

void tst_Ddl::objectNames()
{
    QFETCH(QString, prefix);
    QFETCH(QString, id);
    QFETCH(QString, suffix);
    QFETCH(QString, expected);
    const QString name = generatedObjectName(prefix, id, suffix);
    QVERIFY(name.size() <= 63);
    if (expected.endsWith(QLatin1String("HASH"))) {
        QCOMPARE(name.left(55), expected.left(55));
        QVERIFY(QRegularExpression(QStringLiteral("\\A[0-9a-f]{8}\\z")).match(name.mid(55)).hasMatch());
        QVERIFY(name != generatedObjectName(prefix, id + QLatin1Char('b'), suffix)); // stays distinct
        QCOMPARE(generatedObjectName(prefix, id, suffix), name); // and deterministic
    } else {
        QCOMPARE(name, expected);
    }
}

void tst_Ddl::literals_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<int>("type");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("expected");
    const int sqlite = int(DatabaseEngine::SQLite);
    const int pg = int(DatabaseEngine::PostgreSQL);
    QTest::newRow("text quote") << sqlite << int(FieldType::Text) << QJsonValue(QStringLiteral("it's"))
                                << QStringLiteral("'it''s'");
    QTest::newRow("text backslash pg")
        << pg << int(FieldType::Text) << QJsonValue(QStringLiteral("a\\b")) << QStringLiteral("'a\\b'");
    QTest::newRow("integer") << pg << int(FieldType::Integer) << QJsonValue(42) << QStringLiteral("42");
    QTest::newRow("negative number") << sqlite << int(FieldType::Number) << QJsonValue(-2.5)
                                     << QStringLiteral("-2.5");
    QTest::newRow("large number") << pg << int(FieldType::Number) << QJsonValue(1e20)
                                  << QStringLiteral("1e+20");
    QTest::newRow("bool sqlite") << sqlite << int(FieldType::Boolean) << QJsonValue(true)
                                 << QStringLiteral("1");
    QTest::newRow("bool pg") << pg << int(FieldType::Boolean) << QJsonValue(false) << QStringLiteral("FALSE");
    QTest::newRow("json text") << pg << int(FieldType::Json) << QJsonValue(QStringLiteral("{\"a\": 1}"))
                               << QStringLiteral("'{\"a\": 1}'");
    QTest::newRow("json number") << sqlite << int(FieldType::Json) << QJsonValue(3) << QStringLiteral("'3'");
}

void tst_Ddl::literals()
{
    QFETCH(int, engine);
    QFETCH(int, type);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);
    QCOMPARE(makeDialect(DatabaseEngine(engine))->literal(FieldType(type), value), expected);
}

QTEST_GUILESS_MAIN(tst_Ddl)
#include "tst_ddl.moc"
