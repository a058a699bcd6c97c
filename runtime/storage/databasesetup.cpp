// SPDX-License-Identifier: GPL-3.0-or-later
// setUpDatabase: brings a database to a project's schema and adds the auth API's tables, before serving.
#include "databasesetup.h"

#include "auth/authstore.h"
#include "scheduling/scheduler.h"
#include "triggers/triggerqueue.h"

#include <QCoreApplication>

namespace Runtime {

namespace {
class Setup
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseSetup)

public:
    static Error refused(const MigrationPlan &plan)
    {
        Error error(ErrorCode::MigrationRefused,
            tr("The database cannot be brought to this project's schema. Nothing was changed."));
        for (const QString &refusal : plan.refusals)
            error.problems.append(Problem {.message = refusal});
        return error;
    }
};

Result<DatabaseSetup> finish(Database &database, DatabaseSetup setup)
{
    // The auth API's own tables, outside the project's schema: created once, kept across migrations.
    if (Result<void> auth = ensureAuthTables(database); !auth)
        return auth.error();
    // Likewise the after-trigger queue and the record of schedule runs.
    if (Result<void> queue = TriggerQueue::ensureTable(database); !queue)
        return queue.error();
    if (Result<void> runs = Scheduler::ensureTable(database); !runs)
        return runs.error();
    return setup;
}
} // namespace

Result<DatabaseSetup> setUpDatabase(Database &database, const Project &project, bool allowDestructive)
{
    SchemaMigrator migrator(database);
    Result<MigrationPlan> plan = migrator.plan(project);
    if (!plan)
        return plan.error();
    if (!plan->isApplicable())
        return Setup::refused(*plan);
    DatabaseSetup setup;
    setup.plan = std::move(plan).value();
    if (setup.plan.hasDestructiveSteps() && !allowDestructive) {
        setup.destructiveRefused = true;
        setup.schemaVersion = setup.plan.baseVersion;
        return setup;
    }
    Result<int> version = migrator.apply(setup.plan, allowDestructive);
    if (!version)
        return version.error();
    setup.schemaVersion = *version;
    return finish(database, std::move(setup));
}

Result<DatabaseSetup> setUpDatabase(const DatabaseUrl &url, const Project &project, bool allowDestructive)
{
    Result<std::unique_ptr<Database>> database = Database::open(url);
    if (!database)
        return database.error();
    return setUpDatabase(**database, project, allowDestructive);
}

Result<DatabaseSetup> applyMigrationPlan(Database &database, const MigrationPlan &plan)
{
    if (!plan.isApplicable())
        return Setup::refused(plan);
    SchemaMigrator migrator(database);
    Result<int> version = migrator.apply(plan, true);
    if (!version)
        return version.error();
    DatabaseSetup setup;
    setup.plan = plan;
    setup.schemaVersion = *version;
    return finish(database, std::move(setup));
}

} // namespace Runtime
