// SPDX-License-Identifier: GPL-3.0-or-later
// Test helpers for migrations: loading projects, applying them, and plan reports checked against golden
// files.
#include "planreport.h"

#include "io/projectreader.h"

#include <QSqlQuery>
#include <QtTest>

using namespace Runtime;

QString engineKey(DatabaseEngine engine)
{
    return engine == DatabaseEngine::SQLite ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
}

void addEngineRows()
{
    QTest::addColumn<int>("engine");
    for (DatabaseEngine engine : {DatabaseEngine::SQLite, DatabaseEngine::PostgreSQL})
        QTest::newRow(qPrintable(engineKey(engine))) << int(engine);
}

std::unique_ptr<Project> load(const QString &path)
{
    Result<std::unique_ptr<Project>> project = readProjectFile(path);
    if (!project) {
        qWarning("%s: %s", qPrintable(path), qPrintable(project.error().toString()));
        return nullptr;
    }
    return std::move(project).value();
}

std::unique_ptr<Project> fixture(const QString &name)
{
    return load(QFINDTESTDATA(QStringLiteral("data/fixtures/") + name + QStringLiteral(".basalt")));
}

static QString indented(const QString &text, const QString &indent)
{
    return indent + QString(text).replace(QLatin1Char('\n'), QLatin1Char('\n') + indent);
}

// The plan as readable text: its summary, then every step with its SQL.
QString renderPlan(const MigrationPlan &plan)
{
    QStringList out {QStringLiteral("-- summary"), plan.summary(), QStringLiteral("-- steps")};
    for (qsizetype i = 0; i < plan.steps.size(); ++i) {
        const MigrationStep &step = plan.steps[i];
        out << QStringLiteral("%1. %2").arg(i + 1).arg(step.description)
                + (step.destructive ? QStringLiteral("  [destructive: %1]").arg(step.dataLoss) : QString());
        for (const QString &sql : step.sql)
            out << indented(sql + QLatin1Char(';'), QStringLiteral("    "));
    }
    return out.join(QLatin1Char('\n'));
}

QString compareGolden(const QString &path, const QString &actual)
{
    if (qEnvironmentVariableIntValue("BASALT_UPDATE_GOLDEN") == 1) {
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return out.errorString();
        out.write(actual.toUtf8());
        return {};
    }
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return path + QStringLiteral(" is missing; run with BASALT_UPDATE_GOLDEN=1 to write it");
    const QStringList expected = QString::fromUtf8(in.readAll()).split(QLatin1Char('\n'));
    const QStringList lines = actual.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < std::max(lines.size(), expected.size()); ++i) {
        if (lines.value(i, QStringLiteral("<end>")) != expected.value(i, QStringLiteral("<end>"))) {
            return QStringLiteral("%1 differs at line %2:\n  actual:   %3\n  expected: %4")
                .arg(path)
                .arg(i + 1)
                .arg(lines.value(i, QStringLiteral("<end>")), expected.value(i, QStringLiteral("<end>")));
        }
    }
    return {};
}

// Runs the statements of \a script (one per line) after a migration: a SELECT adds its rows to the
// report, anything else whether it succeeded (driver messages differ between engines, so they are left out).
QString runChecks(Database &db, const QString &script)
{
    QStringList out {QStringLiteral("-- checks")};
    for (const QString &statement : script.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        QSqlQuery q(db.connection());
        const bool ok = q.exec(statement);
        out << statement;
        if (!ok) {
            out << QStringLiteral("  => failed");
            continue;
        }
        if (!q.isSelect()) {
            out << QStringLiteral("  => ok");
            continue;
        }
        while (q.next())
            out << QStringLiteral("  => ") + q.value(0).toString();
    }
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

// Plans and applies \a project, returning the new version or -1 (with a warning) on any error.
int migrate(SchemaMigrator &migrator, const Project &project)
{
    Result<MigrationPlan> plan = migrator.plan(project);
    if (!plan) {
        qWarning("plan: %s", qPrintable(plan.error().toString()));
        return -1;
    }
    Result<int> version = migrator.apply(*plan, true);
    if (!version) {
        qWarning("apply: %s\n%s", qPrintable(version.error().toString()), qPrintable(version.error().detail));
        return -1;
    }
    return *version;
}
