// SPDX-License-Identifier: GPL-3.0-or-later
// CronExpression: a parsed five-field cron expression, its next run time in a time zone and its description.
#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QString>
#include <QTimeZone>

#include <bitset>

namespace Runtime {

/**
    A cron expression as Vixie cron (and cronie) read it: five fields `minute hour day-of-month month
    day-of-week` with `*`, lists `1,15`, ranges `1-5`, steps `*\/15` and `8-18/2`, month names JAN..DEC,
    day names SUN..SAT and day-of-week 0-7 (0 and 7 are Sunday), or one of `@hourly @daily @midnight
    @weekly @monthly @yearly @annually`. When both day fields are restricted (neither starts with `*`), a
    day matches if either matches, as in Vixie cron.

    A value type: parse() makes one, next() computes run times, describe() says it in words. Schedules
    (runtime/scheduling/scheduler.h) and the designer's schedule editor use it; the project validator
    reports parse() errors.
*/
class CronExpression
{
public:
    /** Returns the expression \a text means, or an error naming the field, the bad part and an example. */
    static Result<CronExpression> parse(const QString &text);

    /**
        Returns the first run time strictly after \a after, for the wall clock of \a zone, as a date-time in
        \a zone; an invalid QDateTime if it never runs again (within 28 years).

        Daylight saving: a run time that falls into a spring-forward gap (02:30 when clocks jump from
        02:00 to 03:00) runs once, at the moment of the jump, as cronie does; several such times run once.
        A run time that occurs twice when clocks fall back runs once, at its first occurrence, unless the
        hour field is `*` (an interval such as `*\/15 * * * *` keeps its interval in both passes).
    */
    QDateTime next(const QDateTime &after, const QTimeZone &zone) const;

    /** Returns the expression in words ("every day at 03:00", "every 15 minutes", "at 09:00 on Monday to
        Friday"), translated in the "Cron" context. */
    QString describe() const;

    /** Returns the text it was parsed from, trimmed. */
    QString text() const { return m_text; }

    bool operator==(const CronExpression &other) const { return m_text == other.m_text; }

private:
    bool matchesDay(const QDate &date) const;
    QDateTime nextLocal(QDateTime local) const;
    QList<qint64> instants(const QDateTime &local, const QTimeZone &zone) const;
    QString describeTime(bool &atTimes) const;
    QString describeDays() const;

    QString m_text;
    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<32> m_daysOfMonth; ///< bits 1..31
    std::bitset<13> m_months;      ///< bits 1..12
    std::bitset<7> m_daysOfWeek;   ///< 0 = Sunday
    bool m_dayOfMonthStar = true;  ///< the field starts with `*` (Vixie's DOM_STAR)
    bool m_dayOfWeekStar = true;
    int m_minuteStep = 0; ///< N for `*\/N` in the minute field, else 0
    int m_hourStep = 0;   ///< N for `*\/N` in the hour field, else 0
};

} // namespace Runtime
