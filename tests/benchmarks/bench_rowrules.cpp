// SPDX-License-Identifier: GPL-3.0-or-later
// bench_rowrules: in-memory row verdicts per second (RowVisibility) for the common rules realtime meets.
#include "rowrulesproject.h"
#include "rules/rowvisibility.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>

#include <cstdio>

using namespace Runtime;
using namespace RowRulesTest;
using namespace Qt::StringLiterals;

namespace {
// Runs verdicts of every row for two callers for about \a ms milliseconds; returns verdicts per second.
double measure(
    const RowVisibility &v, const Table &table, const QList<QJsonObject> &rows, int ms, int &visible)
{
    const Caller callers[] = {caller(u"a"_s), caller(u"b"_s)};
    QElapsedTimer timer;
    timer.start();
    qint64 count = 0;
    visible = 0;
    while (timer.elapsed() < ms) {
        for (const Caller &c : callers) {
            for (const QJsonObject &row : rows) {
                visible += v.verdict(table, row, c) == RowVisibility::Verdict::Visible;
                ++count;
            }
        }
    }
    return double(count) * 1000.0 / double(qMax<qint64>(1, timer.elapsed()));
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::printf("bench_rowrules (%s build): RowVisibility::verdict, one thread, rows of a 15-column table\n",
        BASALT_BENCH_BUILD_TYPE);
    QList<QJsonObject> rows;
    int id = 0;
    for (const QJsonValue &r : thingRows()) {
        QJsonObject row = r.toObject();
        row.insert(u"id"_s, ++id);
        rows << row;
    }
    const struct
    {
        const char *name;
        QStringList rules;
        bool tenant;
    } cases[] = {
        {"everyone (empty rule)", {u"authenticated:"_s}, false},
        {"true", {u"authenticated: true"_s}, false},
        {"owner_id = auth.uid", {u"authenticated: owner_id = auth.uid"_s}, false},
        {"tenant scope, empty rule", {u"authenticated:"_s}, true},
        {"owner or flag, tenant scope", {u"authenticated: owner_id = auth.uid or flag = true"_s}, true},
        {"level in (...) and name < 'm'", {u"authenticated: level in (0, 1, 42) and name < 'm'"_s}, false},
    };
    const std::shared_ptr<Project> base = project();
    for (const auto &c : cases) {
        const std::shared_ptr<const Project> p = withRules(*base, c.rules, c.tenant);
        Result<std::shared_ptr<const RowVisibility>> v
            = RowVisibility::compile(p, DatabaseEngine::SQLite, RowRule::TextOrder::CodePoint);
        if (!v) {
            std::printf("%s: %s\n", c.name, qPrintable(v.error().toString()));
            return 1;
        }
        int visible = 0;
        measure(**v, *p->tableByName(u"things"_s), rows, 200, visible); // warm up
        const double rate = measure(**v, *p->tableByName(u"things"_s), rows, 2000, visible);
        std::printf("%-32s %12.0f verdicts/s\n", c.name, rate);
    }
    return 0;
}
