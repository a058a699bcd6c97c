// SPDX-License-Identifier: GPL-3.0-or-later
// Parsing a cron expression and computing its next run time in a time zone.
#include "cronexpression.h"

#include <QCoreApplication>
#include <QList>
#include <QRegularExpression>

#include <algorithm>
#include <optional>

namespace Runtime {

namespace {

struct FieldSpec
{
    const char *name; // for messages: translated in the "Cron" context
    int min;
    int max;
    const char *example;
    QStringList names; // names for min, min+1, ... (months, days), else empty
};

const FieldSpec &fieldSpec(int index)
{
    static const QList<FieldSpec> specs = {
        {QT_TRANSLATE_NOOP("Cron", "minute"), 0, 59, "*/15", {}},
        {QT_TRANSLATE_NOOP("Cron", "hour"), 0, 23, "9-17", {}},
        {QT_TRANSLATE_NOOP("Cron", "day-of-month"), 1, 31, "1,15", {}},
        {QT_TRANSLATE_NOOP("Cron", "month"), 1, 12, "JAN-MAR",
         {QStringLiteral("JAN"), QStringLiteral("FEB"), QStringLiteral("MAR"), QStringLiteral("APR"),
          QStringLiteral("MAY"), QStringLiteral("JUN"), QStringLiteral("JUL"), QStringLiteral("AUG"),
          QStringLiteral("SEP"), QStringLiteral("OCT"), QStringLiteral("NOV"), QStringLiteral("DEC")}},
        {QT_TRANSLATE_NOOP("Cron", "day-of-week"), 0, 7, "MON-FRI",
         {QStringLiteral("SUN"), QStringLiteral("MON"), QStringLiteral("TUE"), QStringLiteral("WED"),
          QStringLiteral("THU"), QStringLiteral("FRI"), QStringLiteral("SAT"), QStringLiteral("SUN")}},
    };
    return specs.at(index);
}

Error fieldError(int index, const QString &part, const QString &why)
{
    const FieldSpec &spec = fieldSpec(index);
    return Error(ErrorCode::InvalidArgument,
                 QCoreApplication::translate("Cron", "the %1 field: \"%2\" %3; write e.g. \"%4\"")
                     .arg(QCoreApplication::translate("Cron", spec.name), part, why,
                          QString::fromLatin1(spec.example)));
}

std::optional<int> fieldValue(const FieldSpec &spec, const QString &text)
{
    const int named = spec.names.indexOf(text.toUpper());
    if (named >= 0)
        return spec.min + named;
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || text.startsWith(u'+') || text.startsWith(u'-'))
        return std::nullopt;
    return value;
}

// Parses one field into the values it allows; \a step receives N for `*/N`, else 0.
Result<QList<int>> parseField(int index, const QString &text, int &step)
{
    const FieldSpec &spec = fieldSpec(index);
    const QString outOfRange = QCoreApplication::translate("Cron", "is out of range %1-%2")
                                   .arg(spec.min)
                                   .arg(spec.max);
    QList<int> values;
    step = 0;
    for (const QString &item : text.split(u',')) {
        const QStringList stepParts = item.split(u'/');
        if (item.isEmpty() || stepParts.size() > 2)
            return fieldError(index, item, QCoreApplication::translate("Cron", "is not a value, range or step"));
        int itemStep = 1;
        if (stepParts.size() == 2) {
            bool ok = false;
            itemStep = stepParts.at(1).toInt(&ok);
            if (!ok || itemStep < 1 || itemStep > spec.max)
                return fieldError(index, item, QCoreApplication::translate("Cron", "has a bad step"));
        }
        const QString range = stepParts.at(0);
        int first = spec.min;
        int last = spec.max == 7 ? 6 : spec.max;
        if (range == u'*') {
            if (stepParts.size() == 2 && text.split(u',').size() == 1)
                step = itemStep;
        } else {
            const QStringList bounds = range.split(u'-');
            const std::optional<int> low = bounds.size() <= 2 ? fieldValue(spec, bounds.at(0)) : std::nullopt;
            const std::optional<int> high = bounds.size() == 2 ? fieldValue(spec, bounds.at(1)) : low;
            if (!low || !high)
                return fieldError(index, item, QCoreApplication::translate("Cron", "is not a value, range or step"));
            if (*low < spec.min || *low > spec.max || *high < spec.min || *high > spec.max)
                return fieldError(index, item, outOfRange);
            if (*low > *high)
                return fieldError(index, item, QCoreApplication::translate("Cron", "is a range that runs backwards"));
            first = *low;
            // `5/10` means 5 to the end, every 10 (Vixie).
            last = bounds.size() == 1 && stepParts.size() == 2 ? spec.max : *high;
        }
        for (int v = first; v <= last; v += itemStep)
            values << (spec.max == 7 && v == 7 ? 0 : v);
    }
    return values;
}

QString expandMacro(const QString &text)
{
    static const QList<QPair<QString, QString>> macros = {
        {QStringLiteral("@hourly"), QStringLiteral("0 * * * *")},
        {QStringLiteral("@daily"), QStringLiteral("0 0 * * *")},
        {QStringLiteral("@midnight"), QStringLiteral("0 0 * * *")},
        {QStringLiteral("@weekly"), QStringLiteral("0 0 * * 0")},
        {QStringLiteral("@monthly"), QStringLiteral("0 0 1 * *")},
        {QStringLiteral("@yearly"), QStringLiteral("0 0 1 1 *")},
        {QStringLiteral("@annually"), QStringLiteral("0 0 1 1 *")},
    };
    for (const auto &[name, fields] : macros) {
        if (text.compare(name, Qt::CaseInsensitive) == 0)
            return fields;
    }
    return {};
}

constexpr int maxDaysScanned = 28 * 366;
constexpr qint64 secondsPerDay = 24 * 3600;

} // namespace

Result<CronExpression> CronExpression::parse(const QString &text)
{
    CronExpression cron;
    cron.m_text = text.trimmed();
    QString fieldsText = cron.m_text;
    if (fieldsText.startsWith(u'@')) {
        fieldsText = expandMacro(fieldsText);
        if (fieldsText.isEmpty())
            return Error(ErrorCode::InvalidArgument,
                         QCoreApplication::translate("Cron", "unknown shortcut \"%1\"; use @hourly, @daily, "
                                                             "@weekly, @monthly or @yearly")
                             .arg(cron.m_text));
    }
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    const QStringList fields = fieldsText.split(spaces, Qt::SkipEmptyParts);
    if (fields.size() != 5)
        return Error(ErrorCode::InvalidArgument,
                     QCoreApplication::translate("Cron", "a cron expression has 5 fields (minute hour "
                                                         "day-of-month month day-of-week), \"%1\" has %n; "
                                                         "write e.g. \"0 3 * * *\" (every day at 03:00)",
                                                 nullptr, int(fields.size()))
                         .arg(cron.m_text));
    int steps[5] = {};
    QList<int> values[5];
    for (int i = 0; i < 5; ++i) {
        Result<QList<int>> parsed = parseField(i, fields.at(i), steps[i]);
        if (!parsed)
            return parsed.error();
        values[i] = std::move(parsed.value());
    }
    for (int v : values[0])
        cron.m_minutes.set(v);
    for (int v : values[1])
        cron.m_hours.set(v);
    for (int v : values[2])
        cron.m_daysOfMonth.set(v);
    for (int v : values[3])
        cron.m_months.set(v);
    for (int v : values[4])
        cron.m_daysOfWeek.set(v);
    cron.m_minuteStep = steps[0];
    cron.m_hourStep = steps[1];
    cron.m_dayOfMonthStar = fields.at(2).startsWith(u'*');
    cron.m_dayOfWeekStar = fields.at(4).startsWith(u'*');
    if (cron.m_dayOfWeekStar) {
        // "0 0 30 2 *" parses in Vixie cron and never runs; say so instead.
        static const int longest[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        const int firstDay = values[2].isEmpty() ? 1 : *std::min_element(values[2].begin(), values[2].end());
        bool runs = false;
        for (int m : values[3])
            runs = runs || firstDay <= longest[m];
        if (!runs)
            return fieldError(2, fields.at(2),
                              QCoreApplication::translate("Cron", "never occurs in the months given"));
    }
    return cron;
}

bool CronExpression::matchesDay(const QDate &date) const
{
    if (!m_months.test(date.month()))
        return false;
    const bool dom = m_daysOfMonth.test(date.day());
    const bool dow = m_daysOfWeek.test(date.dayOfWeek() % 7);
    return m_dayOfMonthStar || m_dayOfWeekStar ? dom && dow : dom || dow;
}

// Returns the first matching wall-clock minute at or after \a local (a UTC-spec date-time standing for the
// zone's wall clock), or an invalid date-time if there is none within maxDaysScanned.
QDateTime CronExpression::nextLocal(QDateTime local) const
{
    const QDate limit = local.date().addDays(maxDaysScanned);
    while (local.date() <= limit) {
        const QDate date = local.date();
        if (!matchesDay(date)) {
            local = QDateTime(date.addDays(1), QTime(0, 0), Qt::UTC);
            continue;
        }
        int hour = local.time().hour();
        int minute = local.time().minute();
        while (hour < 24 && !m_hours.test(hour)) {
            ++hour;
            minute = 0;
        }
        while (hour < 24) {
            while (minute < 60 && !m_minutes.test(minute))
                ++minute;
            if (minute < 60)
                return QDateTime(date, QTime(hour, minute), Qt::UTC);
            do {
                ++hour;
            } while (hour < 24 && !m_hours.test(hour));
            minute = 0;
        }
        local = QDateTime(date.addDays(1), QTime(0, 0), Qt::UTC);
    }
    return {};
}

// Returns the instants (seconds since the epoch) at which the zone's wall clock shows \a local: one, two
// (clocks fall back; only the first unless the hour field is `*`), or, in a spring-forward gap, the moment
// of the jump.
QList<qint64> CronExpression::instants(const QDateTime &local, const QTimeZone &zone) const
{
    const qint64 wall = local.toSecsSinceEpoch();
    QList<int> offsets;
    for (qint64 probe : {wall - secondsPerDay, wall, wall + secondsPerDay}) {
        const int offset = zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(probe, Qt::UTC));
        if (!offsets.contains(offset))
            offsets << offset;
    }
    QList<qint64> found;
    for (int offset : offsets) {
        const qint64 instant = wall - offset;
        if (zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(instant, Qt::UTC)) == offset && !found.contains(instant))
            found << instant;
    }
    std::sort(found.begin(), found.end());
    if (found.isEmpty()) {
        const int largest = *std::max_element(offsets.begin(), offsets.end());
        const QTimeZone::OffsetData jump =
            zone.nextTransition(QDateTime::fromSecsSinceEpoch(wall - largest, Qt::UTC));
        found << (jump.atUtc.isValid() ? jump.atUtc.toSecsSinceEpoch() : wall - largest);
    } else if (found.size() > 1 && m_hours.count() != 24) {
        found.resize(1);
    }
    return found;
}

QDateTime CronExpression::next(const QDateTime &after, const QTimeZone &zone) const
{
    if (!zone.isValid() || !after.isValid())
        return {};
    const qint64 afterSecs = after.toSecsSinceEpoch();
    // Near a clock change a wall-clock time before after's can still come later (the second pass of a
    // fall-back hour): start that much earlier and keep the earliest instant found.
    int lowest = zone.offsetFromUtc(after);
    int highest = lowest;
    for (qint64 probe : {afterSecs - secondsPerDay, afterSecs + secondsPerDay}) {
        const int offset = zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(probe, Qt::UTC));
        lowest = std::min(lowest, offset);
        highest = std::max(highest, offset);
    }
    const qint64 spread = highest - lowest;
    const qint64 afterWall = afterSecs + zone.offsetFromUtc(after);
    QDateTime local = QDateTime::fromSecsSinceEpoch((afterWall - spread) / 60 * 60, Qt::UTC);
    std::optional<qint64> best;
    std::optional<qint64> stopWall;
    while (true) {
        local = nextLocal(local);
        if (!local.isValid())
            break;
        const qint64 wall = local.toSecsSinceEpoch();
        if (stopWall && wall > *stopWall)
            break;
        for (qint64 instant : instants(local, zone)) {
            if (instant > afterSecs && (!best || instant < *best)) {
                best = instant;
                if (!stopWall)
                    stopWall = wall + spread;
            }
        }
        local = local.addSecs(60);
    }
    if (!best)
        return {};
    return QDateTime::fromSecsSinceEpoch(*best, zone);
}

} // namespace Runtime
