// SPDX-License-Identifier: GPL-3.0-or-later
// Schedules on an injected clock: when they fire, in their time zone, and once across two servers.
#include "tst_triggers.h"

#include "model/project.h"
#include "scheduling/scheduler.h"
#include "scripting/functionrunner.h"
#include "storage/database.h"
#include "storage/databasesetup.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QtTest>

using namespace Runtime;

namespace {
// The trigger project plus schedules calling `tick` (reports req.params to HOOK_URL/tick/<name>) and `broken`.
std::shared_ptr<Project> scheduleProject()
{
    std::shared_ptr<const Project> base = readTriggerProject();
    auto project = std::make_shared<Project>(*base);
    ScriptFunction tick;
    tick.id = QStringLiteral("fn_tick");
    tick.name = QStringLiteral("tick");
    tick.code = QStringLiteral("http.fetch(env.get('HOOK_URL') + '/tick/' + req.path, {method: 'POST', "
                               "body: JSON.stringify({method: req.method, params: req.params})});\nreturn {};");
    ScriptFunction broken;
    broken.id = QStringLiteral("fn_broken");
    broken.name = QStringLiteral("broken");
    broken.code = QStringLiteral("throw new Error('the nightly job broke');");
    project->functions.push_back(tick);
    project->functions.push_back(broken);
    project->schedules = {
        Schedule {QStringLiteral("sch_5"), QStringLiteral("five"), QStringLiteral("*/5 * * * *"), QStringLiteral("UTC"),
            QStringLiteral("fn_tick"), true, {}},
        Schedule {QStringLiteral("sch_berlin"), QStringLiteral("berlin"), QStringLiteral("0 9 * * *"),
            QStringLiteral("Europe/Berlin"), QStringLiteral("fn_tick"), true, {}},
        Schedule {QStringLiteral("sch_off"), QStringLiteral("off"), QStringLiteral("* * * * *"), QStringLiteral("UTC"),
            QStringLiteral("fn_tick"), false, {}},
        Schedule {QStringLiteral("sch_broken"), QStringLiteral("broken"), QStringLiteral("0 * * * *"), QStringLiteral("UTC"),
            QStringLiteral("fn_broken"), true, {}},
    };
    return project;
}

QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
}

QStringList paths(const HookServer &hook)
{
    QStringList list;
    for (const HookServer::Hit &hit : hook.hits())
        list << QString::fromLatin1(hit.path);
    return list;
}
} // namespace

void tst_Triggers::scheduleFires()
{
    QTemporaryDir dir;
    const std::shared_ptr<Project> project = scheduleProject();
    Result<std::unique_ptr<Database>> database = Database::open(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("s.sqlite")));
    QVERIFY(database);
    QVERIFY(setUpDatabase(**database, *project, false));
    HookServer hook;
    FunctionRunner runner({{QStringLiteral("HOOK_URL"), hook.url(QString()).toString()}});
    QDateTime now = utc("2026-01-15T07:58:30Z");
    Scheduler scheduler(**database, runner, [&now] { return now; });

    // The first tick plans; nothing is due yet (runs before the scheduler started are not caught up).
    QCOMPARE(scheduler.tick(*project).value(), 0);
    QCOMPARE(scheduler.nextDue(), utc("2026-01-15T08:00:00Z"));
    now = utc("2026-01-15T08:00:00Z"); // 09:00 in Berlin (CET), and a whole hour, and a fifth minute
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^schedule broken \\(function broken\\) failed after \\d+ ms: the nightly job broke$")));
    QCOMPARE(scheduler.tick(*project).value(), 3);
    QCOMPARE(paths(hook), (QStringList {QStringLiteral("/tick/five"), QStringLiteral("/tick/berlin")}));
    const QJsonObject five = QJsonDocument::fromJson(hook.hits().at(0).body).object();
    QCOMPARE(five[u"method"].toString(), QStringLiteral("SCHEDULE"));
    QCOMPARE(five[u"params"][u"scheduledAt"].toString(), QStringLiteral("2026-01-15T08:00:00.000Z"));
    QCOMPARE(scheduler.tick(*project).value(), 0); // each time runs once
    now = utc("2026-01-15T08:04:59Z");
    QCOMPARE(scheduler.tick(*project).value(), 0);
    now = utc("2026-01-15T08:05:10Z");
    QCOMPARE(scheduler.tick(*project).value(), 1);
    QCOMPARE(paths(hook).size(), 3);

    // The run table keeps each run, a failure with its error.
    QSqlQuery query((*database)->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT \"schedule_id\", \"error\" FROM \"_basalt_schedule_runs\" WHERE \"error\" IS NOT NULL")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("sch_broken"));
    QCOMPARE(query.value(1).toString(), QStringLiteral("the nightly job broke"));
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM \"_basalt_schedule_runs\"")) && query.next());
    QCOMPARE(query.value(0).toInt(), 4);

    // A changed schedule is planned anew; a disabled one never runs.
    project->schedules[0].cron = QStringLiteral("30 8 * * *");
    QCOMPARE(scheduler.tick(*project).value(), 0);
    now = utc("2026-01-15T08:30:00Z");
    QCOMPARE(scheduler.tick(*project).value(), 1);
    QVERIFY(!paths(hook).contains(QStringLiteral("/tick/off")));
}

void tst_Triggers::scheduleOnceAcrossServers()
{
    TestSupport::PostgresDatabase postgres(QStringLiteral("basalt_schedules"));
    BASALT_REQUIRE_POSTGRES(postgres);
    const std::shared_ptr<Project> project = scheduleProject();
    project->schedules.resize(1); // every five minutes
    HookServer hook;
    QDateTime now = utc("2026-01-15T07:58:30Z");
    std::vector<std::unique_ptr<Database>> databases;
    std::vector<std::unique_ptr<FunctionRunner>> runners;
    std::vector<std::unique_ptr<Scheduler>> schedulers;
    for (int i = 0; i < 2; ++i) {
        Result<std::unique_ptr<Database>> database = Database::open(postgres.url());
        QVERIFY(database);
        QVERIFY(setUpDatabase(**database, *project, false));
        databases.push_back(std::move(database).value());
        runners.push_back(std::make_unique<FunctionRunner>(
            FunctionEnvironment {{QStringLiteral("HOOK_URL"), hook.url(QString()).toString()}}));
        schedulers.push_back(std::make_unique<Scheduler>(*databases.back(), *runners.back(), [&now] { return now; }));
    }
    for (const auto &scheduler : schedulers)
        QCOMPARE(scheduler->tick(*project).value(), 0);
    for (const char *at : {"2026-01-15T08:00:00Z", "2026-01-15T08:05:01Z", "2026-01-15T08:10:30Z"}) {
        now = utc(at);
        // Both servers see the time come; one of them runs it.
        const int ran = schedulers[0]->tick(*project).value() + schedulers[1]->tick(*project).value();
        QCOMPARE(ran, 1);
    }
    QCOMPARE(hook.hits().size(), 3);
    QSqlQuery query(databases.front()->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM \"_basalt_schedule_runs\"")) && query.next());
    QCOMPARE(query.value(0).toInt(), 3);
}
