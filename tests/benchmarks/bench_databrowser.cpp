// SPDX-License-Identifier: GPL-3.0-or-later
// bench_databrowser: times the data browser's model on a 100,000-row table served in-process. Prints figures.
#include "data/rowsmodel.h"
#include "http/server.h"
#include "model/project.h"
#include "run/apiclient.h"
#include "testsupport.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

using namespace Designer;

namespace {
constexpr int s_rows = 100000;
constexpr int s_runs = 9;

std::shared_ptr<Runtime::Project> benchProject()
{
    auto project = std::make_shared<Runtime::Project>();
    project->name = QStringLiteral("bench");
    Runtime::Table items;
    items.id = QStringLiteral("tbl_items");
    items.name = QStringLiteral("items");
    const std::pair<const char *, Runtime::FieldType> fields[] = {{"id", Runtime::FieldType::Integer},
        {"name", Runtime::FieldType::Text}, {"category", Runtime::FieldType::Integer},
        {"price", Runtime::FieldType::Number}, {"active", Runtime::FieldType::Boolean},
        {"created_at", Runtime::FieldType::DateTime}, {"meta", Runtime::FieldType::Json}};
    for (const auto &[name, type] : fields) {
        Runtime::Field field;
        field.id = QStringLiteral("fld_") + QLatin1String(name);
        field.name = QLatin1String(name);
        field.type = type;
        items.fields.push_back(field);
    }
    items.fields.front().primaryKey = Runtime::PrimaryKeyKind::AutoIncrement;
    project->tables.push_back(items);
    return project;
}

bool seed(const QString &path, QTextStream &out)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("seed"));
    db.setDatabaseName(path);
    bool ok = db.open() && db.transaction();
    QSqlQuery insert(db);
    ok = ok && insert.prepare(QStringLiteral("INSERT INTO items (id, name, category, price, active, created_at, meta) "
                                             "VALUES (?, ?, ?, ?, ?, '2026-01-01T10:00:00.000Z', ?)"));
    for (int i = 1; ok && i <= s_rows; ++i) {
        insert.bindValue(0, i);
        insert.bindValue(1, QStringLiteral("item number %1").arg(i));
        insert.bindValue(2, i % 50);
        insert.bindValue(3, (i * 7919 % 100000) / 100.0);
        insert.bindValue(4, i % 2);
        insert.bindValue(5, QStringLiteral("{\"n\":%1}").arg(i % 13));
        ok = insert.exec();
    }
    ok = ok && db.commit();
    if (!ok)
        out << "seeding failed: " << insert.lastError().text() << db.lastError().text() << '\n';
    db.close();
    return ok;
}

// Runs \a start, then the event loop until \a model has loaded \a page; returns the milliseconds taken.
double timePage(RowsModel &model, int page, const std::function<void()> &start)
{
    QEventLoop loop;
    bool failed = false;
    const auto loaded = QObject::connect(&model, &RowsModel::pageLoaded, &loop, [&](int arrived) {
        if (arrived == page)
            loop.quit();
    });
    const auto error = QObject::connect(&model, &RowsModel::loadFailed, &loop, [&] {
        failed = true;
        loop.quit();
    });
    QTimer::singleShot(30000, &loop, [&] {
        failed = true;
        loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    start();
    if (!model.isRowLoaded(page * model.pageSize()))
        loop.exec();
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    QObject::disconnect(loaded);
    QObject::disconnect(error);
    return failed ? -1 : ms;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

QString figure(double ms)
{
    return ms < 0 ? QStringLiteral("FAILED") : QString::number(ms, 'f', 1) + QStringLiteral(" ms");
}
} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTextStream out(stdout);
    out << "bench_databrowser (" << BASALT_BENCH_BUILD_TYPE << " build, " << s_rows << " rows, SQLite)\n";

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.sqlite"));
    const std::shared_ptr<Runtime::Project> project = benchProject();
    QString error;
    std::unique_ptr<Runtime::Server> server = TestSupport::startInProcessServer(project, path, &error);
    if (!server) {
        out << "cannot start the runtime: " << error << '\n';
        return 1;
    }
    server.reset(); // seed with the runtime stopped, as the test does
    if (!seed(path, out))
        return 1;
    server = TestSupport::startInProcessServer(project, path, &error);
    if (!server) {
        out << "cannot start the runtime: " << error << '\n';
        return 1;
    }
    RunTarget target;
    target.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server->port()));
    target.serviceKey = TestSupport::serviceKey();
    target.anonKey = TestSupport::anonKey();
    target.project = project;
    ApiClient client;
    client.setTarget(target);
    RowsModel model(&client);

    const double cold = timePage(model, 0, [&] { model.setTable(QStringLiteral("items")); });
    std::vector<double> first, deep, sorted, filtered;
    QRandomGenerator random(42);
    for (int run = 0; run < s_runs; ++run) {
        first.push_back(timePage(model, 0, [&] { model.setTable(QStringLiteral("items")); }));
        const int row = s_rows / 2 + int(random.bounded(s_rows / 2));
        const int page = row / model.pageSize();
        deep.push_back(timePage(model, page, [&] { model.data(model.index(row, 1)); }));
    }
    for (int run = 0; run < s_runs; ++run) {
        model.setTable(QStringLiteral("items"));
        sorted.push_back(timePage(model, 0, [&] { model.sort(3, run % 2 ? Qt::AscendingOrder : Qt::DescendingOrder); }));
        model.setTable(QStringLiteral("items"));
        filtered.push_back(timePage(model, 0, [&] { model.setFilter(1, QStringLiteral("%1").arg(run + 1) + QStringLiteral("23")); }));
    }
    const double firstMedian = median(first);
    out << "first page after setTable(), first run (connects):  " << figure(cold) << '\n';
    out << "first page after setTable(), median of " << s_runs << ":          " << figure(firstMedian)
        << "  (target < 200 ms: " << (firstMedian >= 0 && firstMedian < 200 ? "PASS" : "BELOW") << ")\n";
    out << "a page at a random row 50,000-100,000, median:       " << figure(median(deep)) << '\n';
    out << "first page sorted by price (no index), median:       " << figure(median(sorted)) << '\n';
    out << "first page filtered by name (contains), median:      " << figure(median(filtered)) << '\n';
    return firstMedian >= 0 && firstMedian < 200 ? 0 : 1;
}
