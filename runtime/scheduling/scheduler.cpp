// SPDX-License-Identifier: GPL-3.0-or-later
// Scheduler: runs the project's schedules at their cron times, once per time across servers.
#include "scheduler.h"

#include "scripting/functionrunner.h"
#include "storage/database.h"

#include <QElapsedTimer>
#include <QHostInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

#include <unistd.h>

Q_LOGGING_CATEGORY(lcSchedules, "basalt.schedules")

namespace Runtime {

namespace {
Error failed(const QSqlQuery &query)
{
    return Error(ErrorCode::DatabaseQueryFailed, QStringLiteral("A database query failed"), query.lastError().text());
}

QString processName()
{
    return QStringLiteral("%1:%2").arg(QHostInfo::localHostName()).arg(::getpid());
}
} // namespace

Scheduler::Scheduler(Database &database, FunctionRunner &runner, Clock clock)
    : m_database(database)
    , m_runner(runner)
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); }))
{ }

Result<void> Scheduler::ensureTable(Database &database)
{
    QSqlQuery query(database.connection());
    if (!query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS \"_basalt_schedule_runs\" (\n"
                                   "  \"schedule_id\" TEXT NOT NULL,\n"
                                   "  \"fire_time\" BIGINT NOT NULL,\n"
                                   "  \"process\" TEXT NOT NULL,\n"
                                   "  \"started_at\" BIGINT NOT NULL,\n"
                                   "  \"finished_at\" BIGINT,\n"
                                   "  \"error\" TEXT,\n"
                                   "  PRIMARY KEY (\"schedule_id\", \"fire_time\")\n"
                                   ")")))
        return failed(query);
    return {};
}

Result<int> Scheduler::tick(const Project &project, const FunctionCallContext &context)
{
    const QDateTime now = m_clock();
    QHash<QString, Planned> planned;
    int ran = 0;
    for (const Schedule &schedule : project.schedules) {
        const ScriptFunction *function = project.function(schedule.functionId);
        const Result<CronExpression> cron = CronExpression::parse(schedule.cron);
        const QTimeZone zone(schedule.timeZone.toUtf8());
        if (!schedule.enabled || !function || !cron || !zone.isValid())
            continue;
        const QString key = schedule.cron + QLatin1Char('\n') + schedule.timeZone;
        Planned plan = m_planned.value(schedule.id);
        if (plan.key != key || !plan.next.isValid())
            plan = Planned {key, *cron, zone, cron->next(now, zone)};
        if (plan.next.isValid() && plan.next <= now) {
            Result<bool> mine = claim(schedule, plan.next);
            if (!mine)
                return mine.error();
            if (*mine) {
                FunctionCallContext asService = context;
                asService.caller = Caller::service();
                run(schedule, *function, plan.next, asService);
                ++ran;
            }
            // Times that passed during the run are skipped, not caught up.
            plan.next = cron->next(std::max(now, m_clock()), zone);
        }
        planned.insert(schedule.id, plan);
    }
    m_planned.swap(planned);
    return ran;
}

QDateTime Scheduler::nextDue() const
{
    QDateTime next;
    for (const Planned &plan : m_planned) {
        if (plan.next.isValid() && (!next.isValid() || plan.next < next))
            next = plan.next;
    }
    return next;
}

Result<bool> Scheduler::claim(const Schedule &schedule, const QDateTime &at)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("INSERT INTO \"_basalt_schedule_runs\" (\"schedule_id\", \"fire_time\", \"process\", "
                                 "\"started_at\") VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"));
    query.addBindValue(schedule.id);
    query.addBindValue(at.toMSecsSinceEpoch());
    query.addBindValue(processName());
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec())
        return failed(query);
    return query.numRowsAffected() == 1;
}

void Scheduler::run(
    const Schedule &schedule, const ScriptFunction &function, const QDateTime &at, const FunctionCallContext &context)
{
    FunctionRequest request;
    request.method = QStringLiteral("SCHEDULE");
    request.path = schedule.name;
    request.params = QJsonObject {{QStringLiteral("schedule"), schedule.name},
        {QStringLiteral("scheduledAt"), at.toUTC().toString(Qt::ISODateWithMs)}};
    request.body = QJsonValue::Null;
    request.role = QStringLiteral("service_role");
    qCInfo(lcSchedules).noquote() << QStringLiteral("schedule %1 (function %2) started for %3")
                                         .arg(schedule.name, function.name, at.toString(Qt::ISODate));
    QElapsedTimer timer;
    timer.start();
    const FunctionResult result = m_runner.call(function, request, context);
    const qint64 duration = timer.elapsed();
    for (const ConsoleLine &line : result.console)
        qCInfo(lcSchedules).noquote() << QStringLiteral("schedule %1 (function %2): %3").arg(schedule.name, function.name, line.text);
    QString error;
    if (!result.errorCode.isEmpty()) {
        error = result.thrownMessage.isEmpty() ? QString::fromUtf8(result.body) : result.thrownMessage;
        qCWarning(lcSchedules).noquote() << QStringLiteral("schedule %1 (function %2) failed after %3 ms: %4")
                                                .arg(schedule.name, function.name)
                                                .arg(duration)
                                                .arg(error);
    } else {
        qCInfo(lcSchedules).noquote() << QStringLiteral("schedule %1 (function %2) finished in %3 ms")
                                             .arg(schedule.name, function.name)
                                             .arg(duration);
    }
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("UPDATE \"_basalt_schedule_runs\" SET \"finished_at\" = ?, \"error\" = ? "
                                 "WHERE \"schedule_id\" = ? AND \"fire_time\" = ?"));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(error.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(error));
    query.addBindValue(schedule.id);
    query.addBindValue(at.toMSecsSinceEpoch());
    if (!query.exec())
        qCWarning(lcSchedules).noquote() << "cannot record the run of schedule" << schedule.name << query.lastError().text();
}

} // namespace Runtime
