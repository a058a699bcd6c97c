// SPDX-License-Identifier: GPL-3.0-or-later
// The steps before serving: read and validate the project, then migrate its database.
#include "serverstartup.h"

#include "console.h"
#include "auth/authstore.h"
#include "io/projectreader.h"
#include "storage/schemamigrator.h"

#include <QCoreApplication>

namespace BasaltServer {

namespace {
class Startup
{
    Q_DECLARE_TR_FUNCTIONS(ServerStartup)

public:
    static Runtime::Error refused(const Runtime::MigrationPlan &plan)
    {
        Runtime::Error error(Runtime::ErrorCode::MigrationRefused,
            tr("The database cannot be brought to this project's schema. Nothing was changed."));
        for (const QString &refusal : plan.refusals)
            error.problems.append(Runtime::Problem {.message = refusal});
        return error;
    }

    // Returns the plan's summary with every line indented, to set it apart from the messages around it.
    static QString indentedSummary(const Runtime::MigrationPlan &plan)
    {
        QStringList lines = plan.summary().trimmed().split(QLatin1Char('\n'));
        for (QString &line : lines)
            line.prepend(QStringLiteral("  "));
        return lines.join(QLatin1Char('\n'));
    }

    static Runtime::Error notConfirmed(const Runtime::MigrationPlan &plan)
    {
        return Runtime::Error(Runtime::ErrorCode::DestructiveChangesNotConfirmed,
            tr("These schema changes would lose data:\n%1\nNothing was changed. To apply them "
               "and lose that data, run again with --allow-destructive.")
                .arg(indentedSummary(plan)));
    }

    static void reportApplied(const Runtime::MigrationPlan &plan, int version)
    {
        printMessage(tr("Applied these schema changes; the schema version is now %1:").arg(version));
        printMessage(indentedSummary(plan));
    }
};
} // namespace

Runtime::Result<std::shared_ptr<const Runtime::Project>> loadProject(const QString &fileName)
{
    Runtime::Result<std::unique_ptr<Runtime::Project>> project = Runtime::readProjectFile(fileName);
    if (!project)
        return project.error();
    return std::shared_ptr<const Runtime::Project>(std::move(project).value());
}

Runtime::Result<int> migrateDatabase(
    const Runtime::Project &project, const Runtime::DatabaseUrl &url, bool allowDestructive)
{
    Runtime::Result<std::unique_ptr<Runtime::Database>> database = Runtime::Database::open(url);
    if (!database)
        return database.error();
    Runtime::SchemaMigrator migrator(**database);
    Runtime::Result<Runtime::MigrationPlan> plan = migrator.plan(project);
    if (!plan)
        return plan.error();
    if (!plan->isApplicable())
        return Startup::refused(*plan);
    if (plan->hasDestructiveSteps() && !allowDestructive)
        return Startup::notConfirmed(*plan);
    Runtime::Result<int> version = migrator.apply(*plan, allowDestructive);
    if (!version)
        return version;
    if (!plan->isEmpty())
        Startup::reportApplied(*plan, *version);
    // The auth API's own tables, outside the project's schema: created once, kept across migrations.
    if (Runtime::Result<void> auth = Runtime::ensureAuthTables(**database); !auth)
        return auth.error();
    return version;
}

} // namespace BasaltServer
