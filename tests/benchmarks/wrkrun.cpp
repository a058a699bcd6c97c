// SPDX-License-Identifier: GPL-3.0-or-later
// Runs wrk for one request kind of bench_restapi and reads its figures from wrk's output.
#include "wrkrun.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStringList>

namespace {
Figures failed(const QString &problem)
{
    Figures figures;
    figures.problem = problem;
    return figures;
}

double toMilliseconds(const QString &value, const QString &unit)
{
    const double v = value.toDouble();
    if (unit == QLatin1String("us"))
        return v / 1000.0;
    if (unit == QLatin1String("s"))
        return v * 1000.0;
    if (unit == QLatin1String("m"))
        return v * 60000.0;
    return v;
}

} // namespace

Figures parseWrk(const QString &output)
{
    Figures figures;
    static const QRegularExpression rps(QStringLiteral("Requests/sec:\\s+([0-9.]+)"));
    static const QRegularExpression percentile(
        QStringLiteral("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s|m)\\s*$"),
        QRegularExpression::MultilineOption);
    static const QRegularExpression non2xx(QStringLiteral("Non-2xx or 3xx responses:\\s+(\\d+)"));
    static const QRegularExpression socketErrors(
        QStringLiteral("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)"));
    const QRegularExpressionMatch r = rps.match(output);
    if (!r.hasMatch()) {
        figures.problem = QStringLiteral("no Requests/sec in wrk's output");
        return figures;
    }
    figures.requestsPerSecond = r.captured(1).toDouble();
    for (auto it = percentile.globalMatch(output); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        (m.captured(1) == QLatin1String("50") ? figures.p50Ms : figures.p99Ms)
            = toMilliseconds(m.captured(2), m.captured(3));
    }
    QStringList failures;
    if (const QRegularExpressionMatch m = non2xx.match(output); m.hasMatch()) {
        figures.failures += m.captured(1).toLongLong();
        failures << QStringLiteral("non-2xx %1").arg(m.captured(1));
    }
    if (const QRegularExpressionMatch m = socketErrors.match(output); m.hasMatch()) {
        // Read errors are counted when the server closes idle keep-alive connections at the end; the
        // rest mean lost requests.
        const qint64 lost
            = m.captured(1).toLongLong() + m.captured(3).toLongLong() + m.captured(4).toLongLong();
        figures.failures += lost;
        if (lost > 0)
            failures << QStringLiteral("connect %1, write %2, timeout %3")
                            .arg(m.captured(1), m.captured(3), m.captured(4));
    }
    figures.failureText = failures.join(QStringLiteral("; "));
    figures.ok = true;
    return figures;
}

Figures runWrk(const WrkRun &run, const QUrl &base, const Scenario &scenario)
{
    QStringList arguments {QStringLiteral("-t%1").arg(run.threads),
        QStringLiteral("-c%1").arg(run.connections), QStringLiteral("-d%1s").arg(run.seconds),
        QStringLiteral("--latency")};
    for (const QString &header : scenario.headers)
        arguments << QStringLiteral("-H") << header;
    if (!scenario.script.isEmpty()) {
        const QString scriptFile
            = QDir(run.scriptDir)
                  .filePath(scenario.name.simplified().replace(QLatin1Char(' '), QLatin1Char('-'))
                      + QStringLiteral(".lua"));
        QFile file(scriptFile);
        if (!file.open(QIODevice::WriteOnly)
            || file.write(
                   QString(scenario.script).replace(QStringLiteral("%1"), QString::number(run.rows)).toUtf8())
                < 0)
            return failed(QStringLiteral("cannot write %1").arg(scriptFile));
        file.close();
        arguments << QStringLiteral("-s") << scriptFile;
    }
    arguments << base.resolved(
                         QUrl(scenario.path.isEmpty() ? QStringLiteral("/rest/v1/items") : scenario.path))
                     .toString();
    QProcess process;
    process.start(run.executable, arguments);
    if (!process.waitForFinished((run.seconds + 60) * 1000) || process.exitCode() != 0) {
        process.kill();
        process.waitForFinished();
        return failed(QStringLiteral("wrk failed: ") + process.errorString() + QLatin1Char(' ')
            + QString::fromUtf8(process.readAllStandardError()));
    }
    return parseWrk(QString::fromUtf8(process.readAllStandardOutput()));
}
