// SPDX-License-Identifier: GPL-3.0-or-later
// MigrationPlanner: the views of a migration, dropped before the tables change and created after.
#include "migrationplanner.h"

#include "sqldialect.h"
#include "viewsql.h"

namespace Runtime {

// A view holds no data: it is dropped and created again whenever its SQL changes, and around any change
// of the tables (on SQLite a rebuilt table, on PostgreSQL a dropped or altered column, would break it).
Result<void> MigrationPlanner::planViews()
{
    const bool tablesChange = !m_plan.steps.isEmpty();
    QHash<ObjectId, QString> oldSql;
    for (const View &view : m_old.views) {
        // An old view whose SQL cannot be built any more is simply dropped.
        Result<QString> sql = createViewStatement(m_old, view, m_dialect);
        oldSql.insert(view.id, sql ? *sql : QString());
    }
    QList<MigrationStep> tableSteps = std::exchange(m_plan.steps, {});
    QHash<ObjectId, QString> newSql;
    for (const View &view : m_new.views) {
        Result<QString> sql = createViewStatement(m_new, view, m_dialect);
        if (!sql)
            return sql.error();
        newSql.insert(view.id, *sql);
    }
    for (const View &view : m_old.views) {
        if (tablesChange || newSql.value(view.id) != oldSql.value(view.id))
            addStep(MigrationStep::Kind::DropView, tr("drop view %1").arg(view.name),
                {m_dialect.dropView(view.name)});
    }
    m_plan.steps << tableSteps;
    for (const View &view : m_new.views) {
        if (tablesChange || newSql.value(view.id) != oldSql.value(view.id))
            addStep(MigrationStep::Kind::CreateView, tr("create view %1").arg(view.name),
                {newSql.value(view.id)});
    }
    return {};
}

} // namespace Runtime
