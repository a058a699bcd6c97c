// SPDX-License-Identifier: GPL-3.0-or-later
// Runs wrk for one request kind of bench_restapi and reads its figures from wrk's output.
#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

/** One kind of request to measure. */
struct Scenario
{
    QString name;
    QString path; ///< for GETs without a script
    QString script; ///< Lua, or empty
    /** The minimum share of the base's requests per second (the last scenario before it without a target);
        0: this scenario is a base; negative: shown against the base, without a target. */
    double target;
    QStringList headers; ///< "Name: value" lines sent with every request (wrk -H)
    QString base; ///< the name of the scenario this one is compared with; empty: the last base before it
};

/** What one wrk run measured. */
struct Figures
{
    bool ok = false;
    double requestsPerSecond = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    qint64 failures = 0; ///< non-2xx/3xx responses and socket errors
    QString failureText; ///< which failures, as wrk counted them
    QString problem;
};

/** How wrk is run: the executable, its threads and connections, seconds, where Lua scripts are written, and
    the row count substituted for "%1" in scripts. */
struct WrkRun
{
    QString executable;
    int threads = 2;
    int connections = 64;
    int seconds = 10;
    QString scriptDir;
    int rows = 100000;
};

/** Runs wrk with \a run's settings on \a scenario against \a base. Returns the figures, or ok false and a
 * problem. */
Figures runWrk(const WrkRun &run, const QUrl &base, const Scenario &scenario);

/** Returns the figures in wrk's \a output (run with --latency). */
Figures parseWrk(const QString &output);
