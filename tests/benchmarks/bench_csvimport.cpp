// SPDX-License-Identifier: GPL-3.0-or-later
// bench_csvimport: CSV import of generated product rows into SQLite: parse only, and end to end.
#include "testsupport.h"

#include "csv/csvimporter.h"
#include "csv/csvreader.h"
#include "io/projectreader.h"
#include "storage/database.h"
#include "storage/databasesetup.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace Runtime;

namespace {
constexpr double s_targetRowsPerSecond = 150000;

void print(const QString &text)
{
    std::printf("%s\n", qPrintable(text));
    std::fflush(stdout);
}

// Writes \a rows products (name, slug, price, stock, active, category_id) to \a path; returns its size.
// Padded slugs arrive in the order of their unique index (as keys exported in order do); unpadded ones
// ("p-10" before "p-9") land all over it.
qint64 writeCsv(const QString &path, int rows, bool paddedKeys)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return -1;
    QByteArray chunk = "name,slug,price,stock,active,category_id\r\n";
    for (int i = 0; i < rows; ++i) {
        chunk += "Product number " + QByteArray::number(i) + ",p-" + (paddedKeys ? QByteArray::number(i).rightJustified(7, '0') : QByteArray::number(i)) + ','
            + QByteArray::number(1 + (i % 10000) / 100.0) + ',' + QByteArray::number(i % 500) + ','
            + (i % 3 ? "true" : "false") + ',' + QByteArray::number(i % 5 + 1) + "\r\n";
        if (chunk.size() > (1 << 20)) {
            file.write(chunk);
            chunk.clear();
        }
    }
    file.write(chunk);
    return file.size();
}

// Gets a freshly migrated database ready: 5 categories, \a dropped indexes dropped, \a existing products.
bool prepare(Database &db, const QStringList &dropped, qint64 existing)
{
    QSqlQuery query(db.connection());
    for (const QString &index : dropped) {
        if (!query.exec(QStringLiteral("DROP INDEX \"%1\"").arg(index))) {
            print(QStringLiteral("could not drop index %1").arg(index));
            return false;
        }
    }
    for (int i = 1; i <= 5; ++i)
        query.exec(QStringLiteral("INSERT INTO categories (name, slug, created_at) VALUES ('c%1', 'c-%1', '2026-01-01')").arg(i));
    if (existing > 0
        && !query.exec(QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                                      "INSERT INTO products (name, slug, price, stock, active, category_id, created_at) "
                                      "SELECT 'Existing ' || i, 'e-' || i, (i % 5000) / 50.0, i % 100, i % 2, i % 5 + 1, "
                                      "'2026-01-01' FROM n").arg(existing))) {
        print(QStringLiteral("could not add %1 products: %2").arg(existing).arg(query.lastError().text()));
        return false;
    }
    return true;
}

QString rate(qint64 rows, double seconds)
{
    return QStringLiteral("%1 rows/s").arg(qint64(rows / seconds));
}

// Times reading the file alone, then reading and converting it for \a table; returns its format.
std::optional<CsvFormat> timeParsing(const QString &csvPath, qint64 bytes, const Table &table, const QStringList &columnFields)
{
    // Parse only: every record read and split into fields.
    QFile file(csvPath);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QElapsedTimer timer;
    timer.start();
    const CsvFormat format = CsvReader::detect(file.peek(64 * 1024), false);
    CsvReader reader(&file, format);
    QStringList fields;
    qint64 records = 0;
    while (reader.readRecord(fields))
        ++records;
    const double parseSeconds = timer.nsecsElapsed() / 1e9;
    print(QStringLiteral("parse only:  %1 records in %2 s = %3 (%4 MB/s)")
              .arg(records)
              .arg(parseSeconds, 0, 'f', 2)
              .arg(rate(records, parseSeconds))
              .arg(bytes / 1e6 / parseSeconds, 0, 'f', 0));

    // Parse and convert: the above plus the API's conversions and field checks, without the database.
    file.seek(0);
    timer.restart();
    CsvReader converting(&file, format);
    CsvRowConverter converter(table, columnFields);
    QVariantList values;
    qint64 valid = 0;
    converting.readRecord(fields);
    while (converting.readRecord(fields))
        valid += converter.convert(fields, values).isEmpty() ? 1 : 0;
    const double convertSeconds = timer.nsecsElapsed() / 1e9;
    print(QStringLiteral("+ convert:   %1 valid rows in %2 s = %3")
              .arg(valid)
              .arg(convertSeconds, 0, 'f', 2)
              .arg(rate(valid, convertSeconds)));
    return format;
}

struct ImportPlan
{
    QStringList dropped; ///< indexes dropped before each import
    qint64 existing = 0; ///< products added before each import
    int runs = 3;
    qint64 rows = 0;     ///< rows each import must import
};

// Imports \a csvPath plan.runs times, each into a new database beside it; prints each and the median.
int timeImports(const std::shared_ptr<const Project> &shared, const QString &csvPath, const CsvImportOptions &options,
    const ImportPlan &plan)
{
    const QDir dir = QFileInfo(csvPath).dir();
    QList<double> rates;
    for (int run = 1; run <= plan.runs; ++run) {
        const QString path = dir.filePath(QStringLiteral("shop%1.sqlite").arg(run));
        const QString url = QStringLiteral("sqlite:") + path;
        Result<DatabaseSetup> setup = setUpDatabase(*DatabaseUrl::parse(url), *shared, false);
        Result<std::unique_ptr<Database>> db = Database::open(url);
        if (!setup || !db || !prepare(**db, plan.dropped, plan.existing))
            return 1;
        QElapsedTimer timer;
        timer.start();
        const std::clock_t cpuStart = std::clock();
        Result<CsvImportReport> report = CsvImporter::importFile(shared, url, csvPath, options);
        const double seconds = timer.nsecsElapsed() / 1e9;
        const double cpuSeconds = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
        if (!report || report->error || report->imported != plan.rows) {
            print(QStringLiteral("import failed: %1").arg(!report ? report.error().message
                    : report->error                               ? report->error->message
                                                                  : QStringLiteral("%1 rows imported").arg(report->imported)));
            return 1;
        }
        rates << report->imported / seconds;
        // On a shared machine the wall clock includes waiting for a core; CPU time does not.
        print(QStringLiteral("run %1:       %2 rows in %3 s = %4 (%5 s of CPU time)%6")
                  .arg(run)
                  .arg(report->imported)
                  .arg(seconds, 0, 'f', 2)
                  .arg(rate(report->imported, seconds))
                  .arg(cpuSeconds, 0, 'f', 2)
                  .arg(report->bulk ? QStringLiteral(", bulk: plain indexes built again at the end") : QString()));
        (*db).reset();
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
    }
    std::sort(rates.begin(), rates.end());
    const double median = rates.at(rates.size() / 2);
    print(QStringLiteral("end to end:  median of %1 runs %2 rows/s, slowest %3, fastest %4 (target > %5) %6")
              .arg(plan.runs)
              .arg(qint64(median))
              .arg(qint64(rates.front()))
              .arg(qint64(rates.back()))
              .arg(qint64(s_targetRowsPerSecond))
              .arg(median > s_targetRowsPerSecond ? QStringLiteral("PASS") : QStringLiteral("BELOW")));
    return 0;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("Rows to import (default 1000000)."),
        QStringLiteral("N"), QStringLiteral("1000000"));
    parser.addOption(rowsOption);
    QCommandLineOption unpaddedOption(QStringLiteral("unpadded-keys"),
        QStringLiteral("Write slugs as p-1, p-2, ... (not in the order of their index) instead of p-0000001."));
    parser.addOption(unpaddedOption);
    QCommandLineOption batchOption(QStringLiteral("batch"),
        QStringLiteral("Rows per transaction (default: CsvImportOptions' default)."), QStringLiteral("N"));
    parser.addOption(batchOption);
    QCommandLineOption dropIndexOption(QStringLiteral("drop-index"),
        QStringLiteral("Drop this index of products before importing (repeatable), e.g. products_active_price_idx."),
        QStringLiteral("name"));
    parser.addOption(dropIndexOption);
    QCommandLineOption runsOption(QStringLiteral("runs"),
        QStringLiteral("Imports to time, each into a new database (default 3); the median is compared with the target."),
        QStringLiteral("N"), QStringLiteral("3"));
    parser.addOption(runsOption);
    QCommandLineOption existingOption(QStringLiteral("existing"),
        QStringLiteral("Products in the table before the import (default 0)."), QStringLiteral("N"), QStringLiteral("0"));
    parser.addOption(existingOption);
    parser.process(app);
    const int rows = parser.value(rowsOption).toInt();

    const QStringList dropped = parser.values(dropIndexOption);
    print(QStringLiteral("bench_csvimport (%1 build): %2 rows of 6 columns into ecommerce products (SQLite)%3%4")
              .arg(QStringLiteral(BASALT_BENCH_BUILD_TYPE))
              .arg(rows)
              .arg(dropped.isEmpty() ? QString() : QStringLiteral(" without ") + dropped.join(QStringLiteral(", ")))
              .arg(parser.value(existingOption).toLongLong() > 0
                      ? QStringLiteral(" holding %1 rows").arg(parser.value(existingOption))
                      : QString()));
    QTemporaryDir dir;
    const QString csvPath = dir.filePath(QStringLiteral("products.csv"));
    QElapsedTimer timer;
    timer.start();
    const qint64 bytes = writeCsv(csvPath, rows, !parser.isSet(unpaddedOption));
    print(QStringLiteral("generated %1 MB in %2 s").arg(bytes / 1e6, 0, 'f', 1).arg(timer.elapsed() / 1000.0, 0, 'f', 2));

    Result<std::unique_ptr<Project>> project = readProjectFile(TestSupport::templatePath(QStringLiteral("ecommerce")));
    if (!project)
        return 1;
    std::shared_ptr<const Project> shared = std::move(project).value();
    const QStringList columnFields {QStringLiteral("name"), QStringLiteral("slug"), QStringLiteral("price"),
        QStringLiteral("stock"), QStringLiteral("active"), QStringLiteral("category_id")};
    const std::optional<CsvFormat> format = timeParsing(csvPath, bytes, *shared->tableByName(QStringLiteral("products")), columnFields);
    if (!format)
        return 1;
    CsvImportOptions options;
    options.tableName = QStringLiteral("products");
    options.format = *format;
    options.columnFields = columnFields;
    if (parser.isSet(batchOption))
        options.batchSize = parser.value(batchOption).toInt();
    return timeImports(shared, csvPath, options, {parser.values(dropIndexOption),
        parser.value(existingOption).toLongLong(), std::max(1, parser.value(runsOption).toInt()), rows});
}
