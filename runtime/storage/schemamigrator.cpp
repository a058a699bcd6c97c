// SPDX-License-Identifier: GPL-3.0-or-later
// SchemaMigrator: plans and applies the changes that bring a live database to a project's schema.
#include "schemamigrator.h"

#include "database.h"
#include "io/projectvalidator.h"
#include "io/projectwriter.h"
#include "migrationexecutor.h"
#include "migrationhistory.h"
#include "migrationplanner.h"
#include "schemaintrospection.h"

#include <QCoreApplication>

namespace Runtime {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(SchemaMigrator)
};

QList<Problem> asProblems(const QStringList &lines)
{
    QList<Problem> problems;
    for (const QString &line : lines)
        problems << Problem {.message = line};
    return problems;
}
} // namespace

bool MigrationPlan::hasDestructiveSteps() const
{
    return std::any_of(steps.begin(), steps.end(), [](const MigrationStep &s) { return s.destructive; });
}

QString MigrationPlan::summary() const
{
    QStringList lines;
    QStringList destructive;
    for (const MigrationStep &step : steps) {
        if (step.destructive)
            destructive << QStringLiteral("  ") + step.description + QStringLiteral(": ") + step.dataLoss;
        else
            lines << step.description;
    }
    if (steps.isEmpty())
        lines << Text::tr("No changes.");
    if (!destructive.isEmpty())
        lines << Text::tr("Destructive, applied only when confirmed:") << destructive;
    if (!refusals.isEmpty()) {
        lines << Text::tr("Cannot be applied:");
        for (const QString &refusal : refusals)
            lines << QStringLiteral("  ") + refusal;
    }
    return lines.join(QLatin1Char('\n'));
}

SchemaMigrator::SchemaMigrator(Database &database)
    : m_database(database)
{ }

Result<MigrationPlan> SchemaMigrator::plan(const Project &project)
{
    // SQL generated from an invalid project (a dangling reference, a duplicate name) would fail halfway.
    QList<Problem> problems = validateProject(project);
    problems.removeIf([](const Problem &p) { return p.severity != Problem::Severity::Error; });
    if (!problems.isEmpty()) {
        Error error(ErrorCode::InvalidProject,
            Text::tr("The project has errors; fix them before migrating the "
                     "database."));
        error.problems = problems;
        return error;
    }
    MigrationHistory history(m_database);
    Result<int> version = history.latestVersion();
    if (!version)
        return version.error();
    Result<std::unique_ptr<Project>> applied = history.latestProject();
    if (!applied)
        return applied.error();
    Result<QStringList> drift = schemaDrift(m_database, **applied);
    if (!drift)
        return drift.error();
    if (!drift->isEmpty()) {
        Error error(ErrorCode::DatabaseDrift,
            Text::tr("The database no longer matches the schema Basalt applied last (version %1): %2. "
                     "Undo the manual changes, or restore the database from a backup.")
                .arg(QString::number(*version), drift->join(QStringLiteral("; "))));
        error.problems = asProblems(*drift);
        return error;
    }
    Result<MigrationPlan> plan = MigrationPlanner(m_database, **applied, project).plan();
    if (!plan)
        return plan;
    plan->targetProjectJson = writeProject(project);
    plan->baseVersion = *version;
    return plan;
}

Result<int> SchemaMigrator::apply(const MigrationPlan &plan, bool allowDestructive)
{
    if (!plan.isApplicable()) {
        Error error(ErrorCode::MigrationRefused,
            Text::tr("The schema change cannot be applied: %1").arg(plan.refusals.join(QStringLiteral(" "))));
        error.problems = asProblems(plan.refusals);
        return error;
    }
    if (plan.hasDestructiveSteps() && !allowDestructive) {
        QStringList losses;
        for (const MigrationStep &step : plan.steps) {
            if (step.destructive)
                losses << step.description + QStringLiteral(": ") + step.dataLoss;
        }
        Error error(ErrorCode::DestructiveChangesNotConfirmed,
            Text::tr("The schema change would lose data (%1); confirm it to apply it.")
                .arg(losses.join(QStringLiteral("; "))));
        error.problems = asProblems(losses);
        return error;
    }
    Result<int> version = schemaVersion();
    if (!version)
        return version;
    if (*version != plan.baseVersion) {
        return Error(ErrorCode::MigrationRefused,
            Text::tr("The database was migrated after this plan was made (it is at version %1, the plan "
                     "starts from version %2). Plan the change again.")
                .arg(*version)
                .arg(plan.baseVersion));
    }
    if (plan.isEmpty())
        return *version;
    Result<void> ran = MigrationExecutor(m_database).run(plan, *version + 1);
    if (!ran)
        return ran.error();
    return *version + 1;
}

Result<int> SchemaMigrator::schemaVersion()
{
    return MigrationHistory(m_database).latestVersion();
}

} // namespace Runtime
