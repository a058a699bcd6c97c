// SPDX-License-Identifier: GPL-3.0-or-later
// bench_restapi: requests per second and p50/p99 latency of basalt-server's data API, measured with wrk.
#include "serverprocess.h"
#include "testsupport.h"
#include "wrkrun.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <optional>

namespace {
QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

// A table with an indexed column; anon may read and insert, so the figures hold once permissions apply.
const char s_project[] = R"({
  "formatVersion": 1,
  "name": "Benchmark",
  "tables": [
    {
      "id": "tbl_items",
      "name": "items",
      "fields": [
        {"id": "fld_items_id", "name": "id", "type": "integer", "primaryKey": "autoIncrement"},
        {"id": "fld_items_name", "name": "name", "type": "text", "required": true},
        {"id": "fld_items_category", "name": "category", "type": "integer", "required": true},
        {"id": "fld_items_price", "name": "price", "type": "number"},
        {"id": "fld_items_created_at", "name": "created_at", "type": "datetime", "autoTimestamp": "createdAt"}
      ],
      "indexes": [{"id": "idx_items_category", "fields": ["fld_items_category"]}],
      "permissions": [
        {"id": "perm_items_select_anon", "role": "anon", "operation": "select"},
        {"id": "perm_items_insert_anon", "role": "anon", "operation": "insert"}
      ]
    },
    {
      "id": "tbl_entries",
      "name": "entries",
      "fields": [
        {"id": "fld_entries_id", "name": "id", "type": "integer", "primaryKey": "autoIncrement"},
        {"id": "fld_entries_name", "name": "name", "type": "text", "required": true},
        {"id": "fld_entries_category", "name": "category", "type": "integer", "required": true},
        {"id": "fld_entries_price", "name": "price", "type": "number"},
        {"id": "fld_entries_created_at", "name": "created_at", "type": "datetime", "autoTimestamp": "createdAt"}
      ],
      "permissions": [
        {"id": "perm_entries_insert_anon", "role": "anon", "operation": "insert"}
      ]
    },
    {
      "id": "tbl_members",
      "name": "members",
      "fields": [
        {"id": "fld_members_id", "name": "id", "type": "uuid", "primaryKey": "uuid"},
        {"id": "fld_members_organization_id", "name": "organization_id", "type": "integer", "required": true}
      ]
    },
    {
      "id": "tbl_notes",
      "name": "notes",
      "tenantScoped": true,
      "fields": [
        {"id": "fld_notes_id", "name": "id", "type": "integer", "primaryKey": "autoIncrement"},
        {"id": "fld_notes_organization_id", "name": "organization_id", "type": "integer", "required": true},
        {"id": "fld_notes_title", "name": "title", "type": "text", "required": true}
      ],
      "indexes": [{"id": "idx_notes_organization", "fields": ["fld_notes_organization_id"]}],
      "permissions": [
        {"id": "perm_notes_select_authenticated", "role": "authenticated", "operation": "select"}
      ]
    },
    {
      "id": "tbl_open_notes",
      "name": "open_notes",
      "fields": [
        {"id": "fld_open_notes_id", "name": "id", "type": "integer", "primaryKey": "autoIncrement"},
        {"id": "fld_open_notes_organization_id", "name": "organization_id", "type": "integer", "required": true},
        {"id": "fld_open_notes_title", "name": "title", "type": "text", "required": true}
      ],
      "permissions": [
        {"id": "perm_open_notes_select_authenticated", "role": "authenticated", "operation": "select"}
      ]
    }
  ],
  "functions": [
    {"id": "fn_noop", "name": "noop", "code": ["return {};"], "access": "anyone"},
    {"id": "fn_round", "name": "round_price", "code": ["row.price = Math.round(row.price * 100) / 100;", "return {};"]},
    {"id": "fn_top", "name": "top_items", "code": ["return db.from('items').select('*').limit(20).data;"],
     "access": "anyone", "readOnly": true}
  ],
  "triggers": [
    {"id": "trg_round", "name": "Round the price", "table": "tbl_entries", "timing": "before", "event": "insert",
     "function": "fn_round"}
  ],
  "endpoints": [
    {"id": "ep_top", "name": "Top items", "method": "GET", "path": "items/top", "function": "fn_top",
     "access": "anyone"}
  ],
  "settings": {"usersTable": "tbl_members", "jwtClaimFields": ["organization_id"]}
}
)";

const char s_getById[] = R"(
init = function(args) math.randomseed(os.time() + math.floor(os.clock() * 1000000)) end
request = function() return wrk.format("GET", "/rest/v1/items?id=eq." .. math.random(1, %1)) end
)";

const char s_filtered[] = R"(
init = function(args) math.randomseed(os.time() + math.floor(os.clock() * 1000000)) end
request = function()
  return wrk.format("GET", "/rest/v1/items?category=eq." .. math.random(0, 99) .. "&limit=20")
end
)";

const char s_emptyFunction[] = R"(
request = function()
  local headers = {["Content-Type"] = "application/json"}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  return wrk.format("POST", "/functions/v1/noop", headers, "{}")
end
)";
const char s_create[] = R"(
local n = 0
local tag = "0"
init = function(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  tag = tostring(math.random(1, 1000000000))
end
request = function()
  n = n + 1
  local body = '{"name":"bench ' .. tag .. '-' .. n .. '","category":' .. (n % 100) .. ',"price":' .. (n % 1000) / 10 .. '}'
  -- A headers table replaces wrk.headers (the -H lines with the apikey), so copy them in.
  local headers = {["Content-Type"] = "application/json"}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  return wrk.format("POST", "/rest/v1/items", headers, body)
end
)";

class Bench
{
public:
    QString wrk = QStringLiteral("wrk");
    int threads = 2;
    int connections = 64;
    int seconds = 10;
    int warmupSeconds = 2;
    int rows = 100000;
    QString only; ///< measure only the scenarios whose name contains it (and their bases); empty: all
    QTemporaryDir dir;

    Figures run(const QUrl &base, const Scenario &scenario, int duration) const
    {
        return runWrk(WrkRun {wrk, threads, connections, duration, dir.path(), rows}, base, scenario);
    }

    // Seeds \a rows rows in one statement, so in one transaction, straight into the migrated database.
    QString seed(const QString &databaseUrl) const
    {
        const bool sqlite = databaseUrl.startsWith(QLatin1String("sqlite:"));
        const QString sql = sqlite
            ? QStringLiteral("WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < %1) "
                             "INSERT INTO items (name, category, price, created_at) "
                             "SELECT 'item ' || g, g % 100, (g % 1000) / 10.0, "
                             "strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM s")
            : QStringLiteral(
                "INSERT INTO items (name, category, price, created_at) "
                "SELECT 'item ' || g, g % 100, (g % 1000) / 10.0, now() FROM generate_series(1, %1) AS g");
        // Notes of 100 organizations, interleaved, as rows arrive in a shared table.
        const QString notes = sqlite
            ? QStringLiteral("WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < %1) "
                             "INSERT INTO notes (organization_id, title) SELECT g % 100, 'note ' || g FROM s")
            : QStringLiteral("INSERT INTO notes (organization_id, title) "
                             "SELECT g % 100, 'note ' || g FROM generate_series(1, %1) AS g");
        const QString openNotes = QStringLiteral("INSERT INTO open_notes SELECT * FROM notes");
        QString error;
        {
            QSqlDatabase db = openDirectly(databaseUrl, QStringLiteral("bench_seed"));
            QSqlQuery query(db);
            if (!db.isOpen())
                error = db.lastError().text();
            else if (!query.exec(sql.arg(rows)) || !query.exec(notes.arg(rows)) || !query.exec(openNotes))
                error = query.lastError().text();
            else if (!query.exec(QStringLiteral("ANALYZE")))
                error = query.lastError().text();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bench_seed"));
        return error;
    }
};

QString fixed(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

/** What the command line asked for. */
struct Options
{
    QString databaseUrl; ///< empty: a temporary SQLite file
    QString problem; ///< why the command line is wrong; empty if it is fine
};

Options readOptions(QCoreApplication &app, Bench &bench)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Measures basalt-server's data API with wrk: /health "
                                                    "(the ceiling), get by id, list of 20, list of 20 "
                                                    "filtered on an indexed column, and create, on a table "
                                                    "of 100,000 rows. Prints figures; not a test."));
    parser.addHelpOption();
    const QCommandLineOption engine(QStringLiteral("engine"),
        QStringLiteral("sqlite (default) or postgresql."), QStringLiteral("ENGINE"),
        QStringLiteral("sqlite"));
    const QCommandLineOption db(QStringLiteral("db"),
        QStringLiteral(
            "The database URL (required for postgresql; an empty database: a table \"items\" is created)."),
        QStringLiteral("URL"));
    const QCommandLineOption duration(QStringLiteral("duration"),
        QStringLiteral("Seconds per measurement (default 10)."), QStringLiteral("SECONDS"),
        QStringLiteral("10"));
    const QCommandLineOption connections(QStringLiteral("connections"),
        QStringLiteral("Keep-alive connections (default 64)."), QStringLiteral("N"), QStringLiteral("64"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("wrk threads (default 2)."),
        QStringLiteral("N"), QStringLiteral("2"));
    const QCommandLineOption rows(QStringLiteral("rows"), QStringLiteral("Rows seeded (default 100000)."),
        QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption wrk(QStringLiteral("wrk"),
        QStringLiteral("The wrk executable (default: wrk on PATH)."), QStringLiteral("PATH"),
        QStringLiteral("wrk"));
    const QCommandLineOption only(QStringLiteral("only"),
        QStringLiteral("Measure only the requests whose name contains TEXT, and their bases (for profiling)."),
        QStringLiteral("TEXT"));
    parser.addOptions({engine, db, duration, connections, threads, rows, wrk, only});
    parser.process(app);

    bench.wrk = parser.value(wrk);
    bench.seconds = qMax(1, parser.value(duration).toInt());
    bench.connections = qMax(1, parser.value(connections).toInt());
    bench.threads = qBound(1, parser.value(threads).toInt(), bench.connections);
    bench.rows = qMax(1, parser.value(rows).toInt());
    bench.only = parser.value(only);
    Options options;
    if (QStandardPaths::findExecutable(bench.wrk).isEmpty() && !QFileInfo(bench.wrk).isExecutable())
        options.problem = bench.wrk
            + QStringLiteral(" not found; install wrk (Debian package wrk, see scripts/install-deps.sh)");
    else if (parser.value(engine) == QLatin1String("postgresql")
        && !parser.value(db).startsWith(QLatin1String("postgresql://")))
        options.problem = QStringLiteral("--engine postgresql needs --db postgresql://user@host:port/name");
    else if (parser.value(engine) != QLatin1String("postgresql")
        && parser.value(engine) != QLatin1String("sqlite"))
        options.problem = QStringLiteral("--engine is sqlite or postgresql");
    options.databaseUrl = parser.value(db);
    return options;
}

// Writes the project, lets basalt-server migrate the database once, then seeds it. Returns the arguments
// that serve it, or an empty list after printing why it failed.
QStringList prepare(const Bench &bench, const QString &databaseUrl)
{
    const QString projectFile = bench.dir.filePath(QStringLiteral("bench.basalt"));
    QFile project(projectFile);
    if (!project.open(QIODevice::WriteOnly) || project.write(s_project) < 0) {
        std::fprintf(stderr, "bench_restapi: cannot write %s\n", qPrintable(projectFile));
        return {};
    }
    project.close();
    const QStringList arguments {QStringLiteral("--project"), projectFile, QStringLiteral("--db"),
        databaseUrl, QStringLiteral("--port"), QStringLiteral("0")};
    ServerProcess migrate; // creates the table and its index
    if (!migrate.start(arguments)) {
        std::fprintf(
            stderr, "bench_restapi: basalt-server did not start:\n%s\n", qPrintable(migrate.standardError()));
        return {};
    }
    migrate.stop(SIGTERM);
    if (const QString error = bench.seed(databaseUrl); !error.isEmpty()) {
        std::fprintf(stderr, "bench_restapi: seeding failed: %s\n", qPrintable(error));
        return {};
    }
    return arguments;
}

QString tableLine(const QString &name, const QString &rps, const QString &p50, const QString &p99,
    const QString &ratio, const QString &target, const QString &result)
{
    return QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
        .arg(name, -20)
        .arg(rps, 9)
        .arg(p50, 8)
        .arg(p99, 8)
        .arg(ratio, 8)
        .arg(target, 7)
        .arg(result, -7);
}

// Measures every scenario against \a server and prints one table line each. Returns false if a
// measurement failed or any request failed.
bool measure(const Bench &bench, const QUrl &server)
{
    const QStringList userHeaders {QStringLiteral("apikey: ") + QString::fromLatin1(TestSupport::anonKey()),
        QStringLiteral("Authorization: Bearer ")
            + QString::fromLatin1(TestSupport::accessToken(QStringLiteral("7e7e7e7e-0000-4000-8000-000000000007"),
                QStringLiteral("authenticated"), QJsonObject {{QStringLiteral("organization_id"), 7}}))};
    std::vector<Scenario> scenarios {
        {QStringLiteral("/health (ceiling)"), QStringLiteral("/health"), {}, 0},
        {QStringLiteral("get by id"), {}, QString::fromUtf8(s_getById), 0.35},
        {QStringLiteral("list 20"), QStringLiteral("/rest/v1/items?limit=20"), {}, 0.12},
        {QStringLiteral("list 20, filtered"), {}, QString::fromUtf8(s_filtered), 0.12},
        {QStringLiteral("create"), {}, QString::fromUtf8(s_create), 0.20},
        // A signed-in user's list of 20: the base is the same user on a table whose rule lets everyone read
        // (no SQL condition), then the tenant rule, then the service key (no rules, no user token at all).
        {QStringLiteral("list 20, as user"), QStringLiteral("/rest/v1/open_notes?limit=20"), {}, 0, userHeaders},
        {QStringLiteral("list 20, tenant rule"), QStringLiteral("/rest/v1/notes?limit=20"), {}, 0.80, userHeaders},
        {QStringLiteral("list 20, service"), QStringLiteral("/rest/v1/notes?limit=20"), {}, -1,
            {QStringLiteral("apikey: ") + QString::fromLatin1(TestSupport::serviceKey())}},
        // Functions: an empty one through /functions/v1 against /health; an endpoint whose function lists 20
        // rows through db against the same list through the data API.
        {QStringLiteral("function, empty"), {}, QString::fromUtf8(s_emptyFunction), 0.50, {},
            QStringLiteral("/health (ceiling)")},
        {QStringLiteral("endpoint, 20 via db"), QStringLiteral("/api/items/top"), {}, 0.50, {},
            QStringLiteral("list 20")},
        // The same create into a table with a before-insert trigger, against the plain create.
        {QStringLiteral("create, before trig."), {}, QString::fromUtf8(s_create).replace(QStringLiteral("/rest/v1/items"),
            QStringLiteral("/rest/v1/entries")), 0.70, {}, QStringLiteral("create")},
    };
    // supabase-js sends the anon key with every request; so does the benchmark.
    const QString anonKey = QStringLiteral("apikey: ") + QString::fromLatin1(TestSupport::anonKey());
    for (Scenario &scenario : scenarios) {
        if (scenario.headers.isEmpty())
            scenario.headers << anonKey;
    }
    out() << tableLine(QStringLiteral("endpoint"), QStringLiteral("req/s"), QStringLiteral("p50 ms"),
        QStringLiteral("p99 ms"), QStringLiteral("of base"), QStringLiteral("target"),
        QStringLiteral("result"))
          << Qt::endl;
    bool allRan = true;
    double ceiling = 0;
    QHash<QString, double> measured; // requests per second by scenario name
    QStringList wanted; // with --only: the chosen scenarios and the bases of their ratios
    for (const Scenario &scenario : scenarios) {
        if (scenario.name.contains(bench.only))
            wanted << scenario.name << scenario.base;
    }
    for (const Scenario &scenario : scenarios) {
        if (!bench.only.isEmpty() && scenario.target != 0 && !wanted.contains(scenario.name))
            continue;
        if (bench.warmupSeconds > 0)
            bench.run(server, scenario, bench.warmupSeconds);
        const Figures figures = bench.run(server, scenario, bench.seconds);
        if (!figures.ok) {
            out() << QStringLiteral("%1 ").arg(scenario.name, -20) << "not measured: " << figures.problem
                  << Qt::endl;
            allRan = false;
            continue;
        }
        // A scenario without a target is the base of the ones after it: /health, then the list without rules.
        if (scenario.target == 0)
            ceiling = figures.requestsPerSecond;
        measured.insert(scenario.name, figures.requestsPerSecond);
        const double base = scenario.base.isEmpty() ? ceiling : measured.value(scenario.base);
        const double ratio = base > 0 ? figures.requestsPerSecond / base : 0;
        QString result = scenario.target <= 0 ? QStringLiteral("-")
            : ratio >= scenario.target        ? QStringLiteral("PASS")
                                              : QStringLiteral("BELOW");
        if (figures.failures > 0) {
            result = QStringLiteral("ERRORS (%1)").arg(figures.failureText);
            allRan = false;
        }
        out() << tableLine(scenario.name, fixed(figures.requestsPerSecond, 0), fixed(figures.p50Ms, 2),
            fixed(figures.p99Ms, 2), fixed(ratio * 100, 0) + QLatin1Char('%'),
            scenario.target <= 0 ? QStringLiteral("-")
                                 : QStringLiteral(">=") + fixed(scenario.target * 100, 0) + QLatin1Char('%'),
            result)
              << Qt::endl;
    }
    return allRan;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Bench bench;
    const Options options = readOptions(app, bench);
    if (!options.problem.isEmpty()) {
        std::fprintf(stderr, "bench_restapi: %s\n", qPrintable(options.problem));
        return 2;
    }
    if (!bench.dir.isValid()) {
        std::fprintf(stderr, "bench_restapi: no temporary directory\n");
        return 1;
    }
    const QString databaseUrl = options.databaseUrl.isEmpty()
        ? QStringLiteral("sqlite:") + bench.dir.filePath(QStringLiteral("bench.sqlite"))
        : options.databaseUrl;

    QElapsedTimer timer;
    timer.start();
    const QStringList arguments = prepare(bench, databaseUrl);
    if (arguments.isEmpty())
        return 1;
    const qint64 seedMs = timer.elapsed();
    ServerProcess server;
    if (!server.start(arguments)) {
        std::fprintf(
            stderr, "bench_restapi: basalt-server did not start:\n%s\n", qPrintable(server.standardError()));
        return 1;
    }
    const HttpReply probe
        = httpRequest("GET", server.url().resolved(QUrl(QStringLiteral("/rest/v1/items?id=eq.1"))));
    if (probe.status != 200 || !probe.body.contains("\"id\":1"))
        out() << "warning: GET /rest/v1/items?id=eq.1 answered " << probe.status << ' '
              << probe.body.left(200) << Qt::endl;

    out() << "basalt-server data API, " << QString(QStringLiteral(BASALT_BENCH_BUILD_TYPE)) << " build, "
          << (databaseUrl.startsWith(QLatin1String("sqlite:")) ? "SQLite" : "PostgreSQL") << ", "
          << bench.rows << " rows (migrated and seeded in " << seedMs << " ms), wrk -t" << bench.threads
          << " -c" << bench.connections << " -d" << bench.seconds << "s, keep-alive" << Qt::endl
          << Qt::endl;
    const bool allRan = measure(bench, server.url());
    server.stop(SIGTERM);
    return allRan ? 0 : 1;
}
