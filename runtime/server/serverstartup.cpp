// SPDX-License-Identifier: GPL-3.0-or-later
// The steps before serving: read and validate the project, then migrate its database.
#include "serverstartup.h"

#include "console.h"
#include "io/projectreader.h"
#include "storage/databasesetup.h"

#include <QCoreApplication>

namespace BasaltServer {

namespace {
class Startup
{
    Q_DECLARE_TR_FUNCTIONS(ServerStartup)

public:
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
    Runtime::Result<Runtime::DatabaseSetup> setup = Runtime::setUpDatabase(url, project, allowDestructive);
    if (!setup)
        return setup.error();
    if (setup->destructiveRefused)
        return Startup::notConfirmed(setup->plan);
    if (!setup->plan.isEmpty())
        Startup::reportApplied(setup->plan, setup->schemaVersion);
    return setup->schemaVersion;
}

} // namespace BasaltServer
