// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of CronExpression: parsing and its errors, next run times (also over daylight-saving changes), words.
#include "scheduling/cronexpression.h"

#include <QTest>

using namespace Runtime;
using namespace Qt::StringLiterals;

class TestCron : public QObject
{
    Q_OBJECT

private slots:
    void parseErrors_data();
    void parseErrors();
    void next_data();
    void next();
    void nextOverDaylightSaving_data();
    void nextOverDaylightSaving();
    void runsOnceInSpringGap();
    void neverAgain();
    void describe_data();
    void describe();
};

void TestCron::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << u""_s << u"has 0"_s;
    QTest::newRow("four fields") << u"0 3 * *"_s << u"has 4; write e.g. \"0 3 * * *\""_s;
    QTest::newRow("six fields") << u"0 0 3 * * *"_s << u"has 6"_s;
    QTest::newRow("minute range") << u"60 * * * *"_s
                                  << u"the minute field: \"60\" is out of range 0-59; write e.g. \"*/15\""_s;
    QTest::newRow("hour range") << u"0 24 * * *"_s << u"the hour field: \"24\" is out of range 0-23"_s;
    QTest::newRow("day zero") << u"0 0 0 * *"_s << u"the day-of-month field: \"0\" is out of range 1-31"_s;
    QTest::newRow("month name") << u"0 0 1 FOO *"_s
                                << u"the month field: \"FOO\" is not a value, range or step; write e.g. \"JAN-MAR\""_s;
    QTest::newRow("weekday 8") << u"0 0 * * 8"_s << u"the day-of-week field: \"8\" is out of range 0-7"_s;
    QTest::newRow("backwards") << u"0 17-9 * * *"_s << u"the hour field: \"17-9\" is a range that runs backwards"_s;
    QTest::newRow("step zero") << u"*/0 * * * *"_s << u"the minute field: \"*/0\" has a bad step"_s;
    QTest::newRow("step word") << u"*/x * * * *"_s << u"the minute field: \"*/x\" has a bad step"_s;
    QTest::newRow("empty item") << u"1,,2 * * * *"_s << u"the minute field: \"\" is not a value"_s;
    QTest::newRow("negative") << u"-1 * * * *"_s << u"the minute field: \"-1\" is not a value"_s;
    QTest::newRow("two slashes") << u"*/2/3 * * * *"_s << u"the minute field: \"*/2/3\" is not a value"_s;
    QTest::newRow("february 30") << u"0 0 30 2 *"_s
                                 << u"the day-of-month field: \"30\" never occurs in the months given"_s;
    QTest::newRow("april 31") << u"0 0 31 4,6 *"_s << u"never occurs in the months given"_s;
    QTest::newRow("unknown macro") << u"@often"_s << u"unknown shortcut \"@often\"; use @hourly"_s;
}

void TestCron::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const Result<CronExpression> cron = CronExpression::parse(text);
    QVERIFY(!cron);
    QCOMPARE(cron.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(cron.error().message.contains(message), qPrintable(cron.error().message));
}

void TestCron::next_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("after");    // ISO, in the zone
    QTest::addColumn<QStringList>("runs"); // ISO, in the zone
    QTest::newRow("every minute") << u"* * * * *"_s << u"UTC"_s << u"2026-03-01T10:00:30"_s
                                  << QStringList {u"2026-03-01T10:01:00"_s, u"2026-03-01T10:02:00"_s};
    QTest::newRow("every 15 minutes") << u"*/15 * * * *"_s << u"UTC"_s << u"2026-03-01T10:00:00"_s
                                      << QStringList {u"2026-03-01T10:15:00"_s, u"2026-03-01T10:30:00"_s,
                                                      u"2026-03-01T10:45:00"_s, u"2026-03-01T11:00:00"_s};
    QTest::newRow("daily across a month") << u"0 3 * * *"_s << u"Europe/Berlin"_s << u"2026-01-31T03:00:00"_s
                                          << QStringList {u"2026-02-01T03:00:00"_s, u"2026-02-02T03:00:00"_s};
    QTest::newRow("weekdays") << u"0 9 * * MON-FRI"_s << u"UTC"_s << u"2026-12-04T09:00:00"_s // a Friday
                              << QStringList {u"2026-12-07T09:00:00"_s, u"2026-12-08T09:00:00"_s};
    QTest::newRow("sunday as 7") << u"30 8 * * 7"_s << u"UTC"_s << u"2026-12-07T00:00:00"_s
                                 << QStringList {u"2026-12-13T08:30:00"_s, u"2026-12-20T08:30:00"_s};
    QTest::newRow("day or weekday") << u"0 0 13 * FRI"_s << u"UTC"_s << u"2026-11-01T00:00:00"_s
                                    << QStringList {u"2026-11-06T00:00:00"_s, u"2026-11-13T00:00:00"_s,
                                                    u"2026-11-20T00:00:00"_s, u"2026-11-27T00:00:00"_s,
                                                    u"2026-12-04T00:00:00"_s};
    QTest::newRow("starred day and weekday") << u"0 0 */10 * FRI"_s << u"UTC"_s << u"2026-01-01T00:00:00"_s
                                             << QStringList {u"2026-05-01T00:00:00"_s, u"2026-07-31T00:00:00"_s};
    QTest::newRow("leap day") << u"0 12 29 FEB *"_s << u"UTC"_s << u"2026-03-01T00:00:00"_s
                              << QStringList {u"2028-02-29T12:00:00"_s, u"2032-02-29T12:00:00"_s};
    QTest::newRow("start plus step") << u"5/20 * * * *"_s << u"UTC"_s << u"2026-01-01T00:00:00"_s
                                     << QStringList {u"2026-01-01T00:05:00"_s, u"2026-01-01T00:25:00"_s,
                                                     u"2026-01-01T00:45:00"_s, u"2026-01-01T01:05:00"_s};
    QTest::newRow("range step list") << u"0 8-12/2,20 * * *"_s << u"UTC"_s << u"2026-01-01T09:00:00"_s
                                     << QStringList {u"2026-01-01T10:00:00"_s, u"2026-01-01T12:00:00"_s,
                                                     u"2026-01-01T20:00:00"_s, u"2026-01-02T08:00:00"_s};
    QTest::newRow("monthly macro") << u"@monthly"_s << u"Asia/Tokyo"_s << u"2026-12-15T00:00:00"_s
                                   << QStringList {u"2027-01-01T00:00:00"_s, u"2027-02-01T00:00:00"_s};
    QTest::newRow("weekly macro") << u"@WEEKLY"_s << u"UTC"_s << u"2026-12-07T00:00:00"_s
                                  << QStringList {u"2026-12-13T00:00:00"_s};
}

void TestCron::next()
{
    QFETCH(QString, text);
    QFETCH(QString, zone);
    QFETCH(QString, after);
    QFETCH(QStringList, runs);
    const QTimeZone tz(zone.toUtf8());
    const Result<CronExpression> cron = CronExpression::parse(text);
    QVERIFY2(cron, qPrintable(cron ? QString() : cron.error().message));
    QDateTime at = QDateTime(QDateTime::fromString(after, Qt::ISODate).date(),
                             QDateTime::fromString(after, Qt::ISODate).time(), tz);
    for (const QString &run : runs) {
        at = cron->next(at, tz);
        QVERIFY(at.isValid());
        QCOMPARE(at.timeZone(), tz);
        QCOMPARE(at.toString(Qt::ISODate).left(19), run);
    }
}

void TestCron::nextOverDaylightSaving_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("afterUtc");
    QTest::addColumn<QStringList>("runsUtc");
    // Europe/Berlin: 2026-03-29 02:00 CET jumps to 03:00 CEST (01:00 UTC); 2026-10-25 03:00 CEST falls back
    // to 02:00 CET (01:00 UTC), so 02:00-02:59 happens twice.
    QTest::newRow("spring gap runs at the jump")
        << u"30 2 * * *"_s << u"2026-03-28T00:00:00"_s
        << QStringList {u"2026-03-28T01:30:00"_s, u"2026-03-29T01:00:00"_s, u"2026-03-30T00:30:00"_s};
    QTest::newRow("daily around the gap keeps its wall time")
        << u"0 4 * * *"_s << u"2026-03-28T00:00:00"_s
        << QStringList {u"2026-03-28T03:00:00"_s, u"2026-03-29T02:00:00"_s};
    QTest::newRow("fall back runs a fixed time once")
        << u"30 2 * * *"_s << u"2026-10-24T12:00:00"_s
        << QStringList {u"2026-10-25T00:30:00"_s, u"2026-10-26T01:30:00"_s};
    QTest::newRow("fall back keeps an interval")
        << u"*/30 * * * *"_s << u"2026-10-24T23:45:00"_s
        << QStringList {u"2026-10-25T00:00:00"_s, u"2026-10-25T00:30:00"_s, u"2026-10-25T01:00:00"_s,
                        u"2026-10-25T01:30:00"_s, u"2026-10-25T02:00:00"_s};
    QTest::newRow("interval over the gap")
        << u"*/30 * * * *"_s << u"2026-03-29T00:15:00"_s
        << QStringList {u"2026-03-29T00:30:00"_s, u"2026-03-29T01:00:00"_s, u"2026-03-29T01:30:00"_s};
}

void TestCron::nextOverDaylightSaving()
{
    QFETCH(QString, text);
    QFETCH(QString, afterUtc);
    QFETCH(QStringList, runsUtc);
    const QTimeZone berlin("Europe/Berlin");
    const Result<CronExpression> cron = CronExpression::parse(text);
    QVERIFY(cron);
    QDateTime at = QDateTime::fromString(afterUtc + u'Z', Qt::ISODate);
    for (const QString &run : runsUtc) {
        at = cron->next(at, berlin);
        QCOMPARE(at.toUTC().toString(Qt::ISODate), run + u'Z');
    }
}

void TestCron::runsOnceInSpringGap()
{
    // Every 15 minutes from 02:00 to 02:45 falls into the gap: one run at the jump, then 03:15 CEST.
    const Result<CronExpression> cron = CronExpression::parse(u"*/15 2 * * *"_s);
    QVERIFY(cron);
    const QTimeZone berlin("Europe/Berlin");
    const QDateTime first = cron->next(QDateTime::fromString(u"2026-03-29T00:00:00Z"_s, Qt::ISODate), berlin);
    QCOMPARE(first.toUTC().toString(Qt::ISODate), u"2026-03-29T01:00:00Z"_s);
    QCOMPARE(cron->next(first, berlin).toUTC().toString(Qt::ISODate), u"2026-03-30T00:00:00Z"_s);
}

void TestCron::neverAgain()
{
    // A leap day that is also a Monday is years away but found; an invalid zone gives no time.
    const Result<CronExpression> cron = CronExpression::parse(u"0 0 29 2 *"_s);
    QVERIFY(cron);
    QVERIFY(!cron->next(QDateTime::currentDateTimeUtc(), QTimeZone()).isValid());
    QVERIFY(cron->next(QDateTime::currentDateTimeUtc(), QTimeZone("UTC")).isValid());
}

void TestCron::describe_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("words");
    QTest::newRow("every minute") << u"* * * * *"_s << u"every minute"_s;
    QTest::newRow("every 15 minutes") << u"*/15 * * * *"_s << u"every 15 minutes"_s;
    QTest::newRow("every minute step 1") << u"*/1 * * * *"_s << u"every minute"_s;
    QTest::newRow("hourly") << u"@hourly"_s << u"every hour"_s;
    QTest::newRow("hour at minute") << u"5 * * * *"_s << u"every hour at minute 5"_s;
    QTest::newRow("every 6 hours") << u"0 */6 * * *"_s << u"every 6 hours"_s;
    QTest::newRow("daily") << u"0 3 * * *"_s << u"every day at 03:00"_s;
    QTest::newRow("daily macro") << u"@daily"_s << u"every day at 00:00"_s;
    QTest::newRow("twice a day") << u"30 8,20 * * *"_s << u"every day at 08:30, 20:30"_s;
    QTest::newRow("weekdays") << u"0 9 * * 1-5"_s << u"at 09:00 on Monday to Friday"_s;
    QTest::newRow("weekend") << u"0 10 * * SAT,SUN"_s << u"at 10:00 on Saturday, Sunday"_s;
    QTest::newRow("weekly") << u"@weekly"_s << u"at 00:00 on Sunday"_s;
    QTest::newRow("monthly") << u"@monthly"_s << u"at 00:00 on day 1 of the month"_s;
    QTest::newRow("yearly") << u"@yearly"_s << u"at 00:00 on day 1 of the month in January"_s;
    QTest::newRow("day or weekday") << u"0 0 13 * 5"_s << u"at 00:00 on day 13 of the month or on Friday"_s;
    QTest::newRow("quarterly") << u"0 6 1 1,4,7,10 *"_s
                               << u"at 06:00 on day 1 of the month in January, April, July, October"_s;
    QTest::newRow("office hours") << u"*/5 9-17 * * MON-FRI"_s
                                  << u"every 5 minutes in the hours 9 to 17 on Monday to Friday"_s;
    QTest::newRow("summer") << u"* * * 6-8 *"_s << u"every minute in June to August"_s;
}

void TestCron::describe()
{
    QFETCH(QString, text);
    QFETCH(QString, words);
    const Result<CronExpression> cron = CronExpression::parse(text);
    QVERIFY(cron);
    QCOMPARE(cron->describe(), words);
}

QTEST_GUILESS_MAIN(TestCron)
#include "tst_cron.moc"
