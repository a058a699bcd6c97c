// SPDX-License-Identifier: GPL-3.0-or-later
// CronExpression::describe(): a cron expression in words, translated in the "Cron" context.
#include "cronexpression.h"

#include <QCoreApplication>

#include <functional>

namespace Runtime {

namespace {

// The names below are marked with QT_TRANSLATE_NOOP; every other text is a literal translate() call, so
// that lupdate files it under "Cron".
QString translated(const char *text)
{
    return QCoreApplication::translate("Cron", text);
}

QString clock(int hour, int minute)
{
    return QStringLiteral("%1:%2").arg(hour, 2, 10, QChar(u'0')).arg(minute, 2, 10, QChar(u'0'));
}

template<size_t N>
QList<int> setBits(const std::bitset<N> &bits, int from = 0)
{
    QList<int> values;
    for (size_t i = size_t(from); i < N; ++i) {
        if (bits.test(i))
            values << int(i);
    }
    return values;
}

// "1, 15" or "Monday to Friday": runs of three or more consecutive values are written as ranges.
QString listOf(const QList<int> &values, const std::function<QString(int)> &name)
{
    QStringList parts;
    for (qsizetype i = 0; i < values.size();) {
        qsizetype j = i;
        while (j + 1 < values.size() && values.at(j + 1) == values.at(j) + 1)
            ++j;
        if (j - i >= 2) {
            parts << QCoreApplication::translate("Cron", "%1 to %2").arg(name(values.at(i)), name(values.at(j)));
        } else {
            for (qsizetype k = i; k <= j; ++k)
                parts << name(values.at(k));
        }
        i = j + 1;
    }
    return parts.join(QCoreApplication::translate("Cron", ", "));
}

QString dayName(int day)
{
    static const char *const names[] = {QT_TRANSLATE_NOOP("Cron", "Sunday"),   QT_TRANSLATE_NOOP("Cron", "Monday"),
                                        QT_TRANSLATE_NOOP("Cron", "Tuesday"),  QT_TRANSLATE_NOOP("Cron", "Wednesday"),
                                        QT_TRANSLATE_NOOP("Cron", "Thursday"), QT_TRANSLATE_NOOP("Cron", "Friday"),
                                        QT_TRANSLATE_NOOP("Cron", "Saturday")};
    return translated(names[day]);
}

QString monthName(int month)
{
    static const char *const names[] = {
        QT_TRANSLATE_NOOP("Cron", "January"), QT_TRANSLATE_NOOP("Cron", "February"),
        QT_TRANSLATE_NOOP("Cron", "March"),   QT_TRANSLATE_NOOP("Cron", "April"),
        QT_TRANSLATE_NOOP("Cron", "May"),     QT_TRANSLATE_NOOP("Cron", "June"),
        QT_TRANSLATE_NOOP("Cron", "July"),    QT_TRANSLATE_NOOP("Cron", "August"),
        QT_TRANSLATE_NOOP("Cron", "September"), QT_TRANSLATE_NOOP("Cron", "October"),
        QT_TRANSLATE_NOOP("Cron", "November"),  QT_TRANSLATE_NOOP("Cron", "December")};
    return translated(names[month - 1]);
}

QString number(int n)
{
    return QString::number(n);
}

} // namespace

QString CronExpression::describeTime(bool &atTimes) const
{
    atTimes = false;
    const QList<int> minutes = setBits(m_minutes);
    const QList<int> hours = setBits(m_hours);
    const bool everyHour = hours.size() == 24;
    if (everyHour && minutes.size() == 60)
        return QCoreApplication::translate("Cron", "every minute");
    if (everyHour && m_minuteStep > 1 && minutes.first() == 0)
        return QCoreApplication::translate("Cron", "every %n minutes", nullptr, m_minuteStep);
    if (minutes.size() == 1) {
        const int minute = minutes.first();
        if (everyHour)
            return minute == 0 ? QCoreApplication::translate("Cron", "every hour") : QCoreApplication::translate("Cron", "every hour at minute %1").arg(minute);
        if (m_hourStep > 1 && hours.first() == 0)
            return minute == 0 ? QCoreApplication::translate("Cron", "every %n hours", nullptr, m_hourStep)
                               : QCoreApplication::translate("Cron", "every %n hours at minute %1", nullptr, m_hourStep).arg(minute);
        QStringList times;
        for (int hour : hours)
            times << clock(hour, minute);
        atTimes = true;
        return QCoreApplication::translate("Cron", "at %1").arg(times.join(QCoreApplication::translate("Cron", ", ")));
    }
    if (hours.size() == 1 && minutes.size() <= 4) {
        QStringList times;
        for (int minute : minutes)
            times << clock(hours.first(), minute);
        atTimes = true;
        return QCoreApplication::translate("Cron", "at %1").arg(times.join(QCoreApplication::translate("Cron", ", ")));
    }
    const QString minutePart = m_minuteStep > 1 && minutes.first() == 0 ? QCoreApplication::translate("Cron", "every %n minutes", nullptr, m_minuteStep)
                               : minutes.size() == 60                 ? QCoreApplication::translate("Cron", "every minute")
                                                                      : QCoreApplication::translate("Cron", "at minute %1").arg(listOf(minutes, number));
    if (everyHour)
        return minutePart;
    return QCoreApplication::translate("Cron", "%1 in the hours %2", "minutes, then the hours they run in").arg(minutePart, listOf(hours, number));
}

QString CronExpression::describeDays() const
{
    const QList<int> days = setBits(m_daysOfMonth, 1);
    const QList<int> weekdays = setBits(m_daysOfWeek);
    const QList<int> months = setBits(m_months, 1);
    const bool allDays = days.size() == 31;
    const bool allWeekdays = weekdays.size() == 7;
    // Sunday last, as people read a week: "Monday to Sunday" rather than "Sunday, Monday to Saturday".
    QList<int> week = weekdays;
    if (!week.isEmpty() && week.first() == 0) {
        week.removeFirst();
        week << 7;
    }
    const auto weekdayName = [](int day) { return dayName(day % 7); };
    QString dayPart;
    if (!allDays && !allWeekdays && !m_dayOfMonthStar && !m_dayOfWeekStar)
        dayPart = QCoreApplication::translate("Cron", "on day %1 of the month or on %2").arg(listOf(days, number), listOf(week, weekdayName));
    else if (!allDays)
        dayPart = QCoreApplication::translate("Cron", "on day %1 of the month").arg(listOf(days, number));
    else if (!allWeekdays)
        dayPart = QCoreApplication::translate("Cron", "on %1").arg(listOf(week, weekdayName));
    if (months.size() == 12)
        return dayPart;
    const QString monthPart = QCoreApplication::translate("Cron", "in %1").arg(listOf(months, monthName));
    return dayPart.isEmpty() ? monthPart : QCoreApplication::translate("Cron", "%1 %2", "days, then months").arg(dayPart, monthPart);
}

QString CronExpression::describe() const
{
    bool atTimes = false;
    const QString time = describeTime(atTimes);
    const QString days = describeDays();
    if (days.isEmpty())
        return atTimes ? QCoreApplication::translate("Cron", "every day %1", "a time such as \"at 03:00\"").arg(time) : time;
    return QCoreApplication::translate("Cron", "%1 %2", "a time, then the days").arg(time, days);
}

} // namespace Runtime
