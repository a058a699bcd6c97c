// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of CsvReader (quoting, line breaks, encodings, delimiters, malformed input) and CsvImporter.
#include "productcsv.h"
#include "testsupport.h"

#include "csv/csvimporter.h"
#include "csv/csvreader.h"
#include "io/projectreader.h"
#include "storage/database.h"
#include "storage/databasesetup.h"
#include "storage/schemamigrator.h"
#include "storage/valuecodec.h"

#include <QBuffer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace Runtime;
using namespace Qt::StringLiterals;

namespace {
struct ReadResult
{
    QList<QStringList> records;
    QList<qint64> lines;
    QString error;
};

ReadResult readAll(const QByteArray &bytes, const CsvFormat &format)
{
    QByteArray data = bytes;
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer, format);
    ReadResult result;
    QStringList fields;
    while (reader.readRecord(fields)) {
        result.records << fields;
        result.lines << reader.recordLine();
    }
    if (reader.hasError())
        result.error = reader.error().message;
    return result;
}

QList<QStringList> parseFile(const QString &path, QString *error = nullptr)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    CsvReader reader(&file, {});
    QList<QStringList> records;
    QStringList fields;
    while (reader.readRecord(fields))
        records << fields;
    if (error)
        *error = reader.error().message;
    return records;
}

/** A migrated copy of the ecommerce template's database in a temporary directory, with 5 categories. */
struct Shop
{
    QTemporaryDir dir;
    std::shared_ptr<Project> project;
    QString url;
    std::unique_ptr<Database> db;

    bool setUp(const QString &databaseUrl = {})
    {
        Result<std::unique_ptr<Project>> read = readProjectFile(TestSupport::templatePath(QStringLiteral("ecommerce")));
        if (!read)
            return false;
        project = std::move(read).value();
        url = databaseUrl.isEmpty() ? QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("shop.sqlite")) : databaseUrl;
        Result<DatabaseUrl> parsed = DatabaseUrl::parse(url);
        if (!parsed || !setUpDatabase(*parsed, *project, false))
            return false;
        Result<std::unique_ptr<Database>> opened = Database::open(url);
        if (!opened)
            return false;
        db = std::move(opened).value();
        for (int i = 1; i <= 5; ++i)
            exec(QStringLiteral("INSERT INTO categories (name, slug, created_at) VALUES ('Category %1', 'c-%1', "
                                "'2026-01-01T00:00:00.000Z')").arg(i));
        return true;
    }
    void exec(const QString &sql)
    {
        QSqlQuery q(db->connection());
        if (!q.exec(sql))
            qWarning() << sql << q.lastError().text();
    }
    qint64 count(const QString &table)
    {
        QSqlQuery q(db->connection());
        q.exec(QStringLiteral("SELECT count(*) FROM ") + table);
        return q.next() ? q.value(0).toLongLong() : -1;
    }
    /** Returns "name: CREATE INDEX ..." for each index of the products table, by name. */
    QStringList productIndexes()
    {
        QStringList indexes;
        QSqlQuery q(db->connection());
        q.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'products' "
                              "ORDER BY name"));
        while (q.next())
            indexes << q.value(0).toString() + QStringLiteral(": ") + q.value(1).toString();
        return indexes;
    }
    /** Returns SQLite's integrity check ("ok"), which compares every index with its table. */
    QString integrity()
    {
        QSqlQuery q(db->connection());
        return q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next() ? q.value(0).toString() : q.lastError().text();
    }
    QString write(const QByteArray &bytes, const QString &name = QStringLiteral("import.csv"))
    {
        QFile f(dir.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(bytes);
        return f.fileName();
    }
    CsvImportOptions productOptions()
    {
        CsvImportOptions o;
        o.tableName = QStringLiteral("products");
        o.columnFields = ProductCsv::productFields();
        o.rejectedRowsPath = dir.filePath(QStringLiteral("rejected.csv"));
        o.notImportedRowsPath = dir.filePath(QStringLiteral("not-imported.csv"));
        return o;
    }
    /** Returns the products in id order as CSV-like values (name .. description). */
    QList<QStringList> products()
    {
        QList<QStringList> rows;
        QSqlQuery q(db->connection());
        q.exec(QStringLiteral("SELECT name, slug, price, stock, sku, active, category_id, description, created_at "
                              "FROM products ORDER BY id"));
        while (q.next()) {
            rows << QStringList {q.value(0).toString(), q.value(1).toString(), QString::number(q.value(2).toDouble()),
                q.value(3).toString(), q.value(4).toString(),
                q.value(5).toInt() ? QStringLiteral("true") : QStringLiteral("false"),
                q.value(6).isNull() ? QString() : q.value(6).toString(), q.value(7).toString()};
            if (q.value(8).isNull())
                rows.last() << QStringLiteral("created_at not stamped");
        }
        return rows;
    }
};

QList<QStringList> goodRows(const ProductCsv::File &file, qsizetype limit = -1)
{
    QList<QStringList> rows;
    for (const ProductCsv::Row &r : file.rows) {
        if (limit >= 0 && rows.size() + 0 >= limit)
            break;
        if (!r.bad)
            rows << r.values;
    }
    return rows;
}
} // namespace

class tst_Csv : public QObject
{
    Q_OBJECT

private slots:
    void readRecords_data();
    void readRecords();
    void chunkBoundaries();
    void encodings_data();
    void encodings();
    void detectDelimiter_data();
    void detectDelimiter();
    void malformed_data();
    void malformed();
    void numbers_data();
    void numbers();
    void importWithBadRows();
    void rejectReasons_data();
    void rejectReasons();
    void ignoredColumn();
    void withoutHeaderRow();
    void cancelMidway();
    void databaseFailure();
    void droppedTable();
    void badMapping_data();
    void badMapping();
    void whileAnotherConnectionWrites();
    void bulkImport();
    void bulkCancel();
    void bulkCommitFails();
    void postgres();
};

void tst_Csv::readRecords_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("delimiter");
    QTest::addColumn<QList<QStringList>>("records");
    QTest::addColumn<QList<qint64>>("lines");

    const QList<QStringList> ab {{u"a"_s, u"b"_s}, {u"c"_s, u"d"_s}};
    QTest::newRow("LF") << QByteArray("a,b\nc,d\n") << "," << ab << QList<qint64> {1, 2};
    QTest::newRow("CRLF") << QByteArray("a,b\r\nc,d\r\n") << "," << ab << QList<qint64> {1, 2};
    QTest::newRow("CR") << QByteArray("a,b\rc,d\r") << "," << ab << QList<qint64> {1, 2};
    QTest::newRow("no final newline") << QByteArray("a,b\nc,d") << "," << ab << QList<qint64> {1, 2};
    QTest::newRow("empty lines skipped") << QByteArray("\na,b\n\n\r\nc,d\n\n") << "," << ab << QList<qint64> {2, 5};
    QTest::newRow("quoted delimiter") << QByteArray("\"a,1\",b\n") << u","_s << QList<QStringList> {{u"a,1"_s, u"b"_s}}
                                      << QList<qint64> {1};
    QTest::newRow("doubled quotes") << QByteArray("\"say \"\"hi\"\"\",\"\"\"\"\n") << ","
                                    << QList<QStringList> {{u"say \"hi\""_s, u"\""_s}} << QList<qint64> {1};
    QTest::newRow("newlines in quotes") << QByteArray("\"1\n2\r\n3\r4\",x\nnext,y\n") << ","
                                        << QList<QStringList> {{u"1\n2\r\n3\r4"_s, u"x"_s}, {u"next"_s, u"y"_s}}
                                        << QList<qint64> {1, 5};
    QTest::newRow("empty fields") << QByteArray(",\n\"\",x,\n") << ","
                                  << QList<QStringList> {{u""_s, u""_s}, {u""_s, u"x"_s, u""_s}} << QList<qint64> {1, 2};
    QTest::newRow("UTF-8 BOM") << QByteArray("\xEF\xBB\xBFname,b\n") << u","_s << QList<QStringList> {{u"name"_s, u"b"_s}}
                               << QList<qint64> {1};
    QTest::newRow("semicolon") << QByteArray("a;\"b;c\"\n1,5;2\n") << ";"
                               << QList<QStringList> {{u"a"_s, u"b;c"_s}, {u"1,5"_s, u"2"_s}} << QList<qint64> {1, 2};
    QTest::newRow("tab") << QByteArray("a\tb c\n") << u"\t"_s << QList<QStringList> {{u"a"_s, u"b c"_s}} << QList<qint64> {1};
    QTest::newRow("quoted field last, no newline") << QByteArray("a,\"b\"") << ","
                                                   << QList<QStringList> {{u"a"_s, u"b"_s}} << QList<qint64> {1};
    QTest::newRow("spaces kept") << QByteArray(" a , b \n") << u","_s << QList<QStringList> {{u" a "_s, u" b "_s}}
                                 << QList<qint64> {1};
}

void tst_Csv::readRecords()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, delimiter);
    QFETCH(QList<QStringList>, records);
    QFETCH(QList<qint64>, lines);
    const ReadResult result = readAll(input, {CsvEncoding::Utf8, delimiter.at(0)});
    QCOMPARE(result.error, QString());
    QCOMPARE(result.records, records);
    QCOMPARE(result.lines, lines);
}

void tst_Csv::chunkBoundaries()
{
    // CRLF and quoted fields split at every position around the reader's 64 KiB chunks.
    for (int shift = 0; shift < 4; ++shift) {
        QByteArray input(65536 - 2 - shift, 'x');
        input += ",\"q\"\"\r\nz\"\r\nb,c\r\nd,e";
        const ReadResult r = readAll(input, {});
        QCOMPARE(r.error, QString());
        QCOMPARE(r.records.size(), 3);
        QCOMPARE(r.records.at(0).at(1), QStringLiteral("q\"\r\nz"));
        QCOMPARE(r.records.at(1), (QStringList {u"b"_s, u"c"_s}));
        QCOMPARE(r.lines, (QList<qint64> {1, 3, 4}));
    }
}

void tst_Csv::encodings_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("encoding");
    const QString text = QStringLiteral("name,city\nJürgen,Köln €\n");
    QTest::newRow("UTF-8") << text.toUtf8() << int(CsvEncoding::Utf8);
    QTest::newRow("UTF-8 BOM") << QByteArray("\xEF\xBB\xBF") + text.toUtf8() << int(CsvEncoding::Utf8);
    QStringEncoder le(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom);
    QTest::newRow("UTF-16LE BOM") << QByteArray(le.encode(text)) << int(CsvEncoding::Utf16LE);
    QStringEncoder be(QStringConverter::Utf16BE, QStringConverter::Flag::WriteBom);
    QTest::newRow("UTF-16BE BOM") << QByteArray(be.encode(text)) << int(CsvEncoding::Utf16BE);
    QTest::newRow("Windows-1252") << QByteArray("name,city\nJ\xFCrgen,K\xF6ln \x80\n") << int(CsvEncoding::Windows1252);
}

void tst_Csv::encodings()
{
    QFETCH(QByteArray, input);
    QFETCH(int, encoding);
    const CsvFormat format = CsvReader::detect(input, true);
    QCOMPARE(int(format.encoding), encoding);
    QCOMPARE(format.delimiter, QLatin1Char(','));
    const ReadResult r = readAll(input, format);
    QCOMPARE(r.error, QString());
    QCOMPARE(r.records, (QList<QStringList> {{u"name"_s, u"city"_s}, {QStringLiteral("Jürgen"), QStringLiteral("Köln €")}}));
}

void tst_Csv::detectDelimiter_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("complete");
    QTest::addColumn<QString>("delimiter");
    QTest::newRow("comma") << QByteArray("a,b,c\n1,2,3\n") << true << ",";
    QTest::newRow("semicolon, decimal commas") << QByteArray("name;price\nA;1,5\nB;2,25\n") << true << ";";
    QTest::newRow("tab") << QByteArray("a\tb\n1, 2\t3\n") << true << "\t";
    QTest::newRow("pipe") << QByteArray("a|b|c\n1|2|3\n") << true << "|";
    QTest::newRow("comma inside quotes of a semicolon file")
        << QByteArray("\"a,b\";c\n\"d,e\";f\n") << true << ";";
    QTest::newRow("one column: comma") << QByteArray("name\nx\n") << true << ",";
    QTest::newRow("cut sample") << QByteArray("a;b;c\n1;2;3\n4;5") << false << ";";
}

void tst_Csv::detectDelimiter()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, complete);
    QFETCH(QString, delimiter);
    QCOMPARE(CsvReader::detect(input, complete).delimiter, delimiter.at(0));
}

void tst_Csv::malformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("recordsBefore");
    QTest::addColumn<QString>("where");
    QTest::newRow("unclosed quote at end") << QByteArray("a,b\nc,\"open\nstill open\n") << 1 << "Line 2:";
    QTest::newRow("stray quote") << QByteArray("a,b\nc,d\ne,f\"g\n") << 2 << "Line 3, column 2:";
    QTest::newRow("text after closing quote") << QByteArray("a,b\n\"x\"y,z\n") << 1 << "Line 2, column 1:";
    QTest::newRow("invalid UTF-8") << QByteArray("a,b\nc,\xFF\n") << 0 << "Line 1:";
}

void tst_Csv::malformed()
{
    QFETCH(QByteArray, input);
    QFETCH(int, recordsBefore);
    QFETCH(QString, where);
    const ReadResult r = readAll(input, {});
    QCOMPARE(r.records.size(), recordsBefore);
    QVERIFY2(r.error.startsWith(where), qPrintable(r.error));
}

void tst_Csv::numbers_data()
{
    QTest::addColumn<QString>("text");
    for (const char *text : {"0", "12", "-3", "0012", "3.25", "-0.5", ".5", "5.", "-.5", "1e5", "1E5", "1e+5", "1e-5",
             "1.5e3", "+5", "+.5", "++5", " 7 ", "1e", "e5", ".", "-", "+", "1-2", "1e5.5", "--1", "1.2.3", "1e400",
             "-1e400", "1e-400", "4.9e-324", "2.2250738585072014e-308", "1.7976931348623157e308", "0.1", "123456789012345678901234567890",
             "nan", "NaN", "inf", "-inf", "infinity", "1,5", "1 000", "0x10", "١٢", "12abc", "", "   "})
        QTest::newRow(text) << QString::fromUtf8(text);
}

void tst_Csv::numbers()
{
    // A number field takes what QString::toDouble takes (trimmed), finite values only.
    QFETCH(QString, text);
    Field price;
    price.name = QStringLiteral("price");
    price.type = FieldType::Number;
    bool ok = false;
    const double expected = text.trimmed().toDouble(&ok);
    const Result<QVariant> got = ValueCodec::fromText(price, text);
    QCOMPARE(bool(got), ok && std::isfinite(expected));
    if (got) {
        QCOMPARE(got->toDouble(), expected);
        QCOMPARE(std::signbit(got->toDouble()), std::signbit(expected));
    }
}

void tst_Csv::importWithBadRows()
{
    Shop shop;
    QVERIFY(shop.setUp());
    const ProductCsv::File file = ProductCsv::generate(50000, true);
    QCOMPARE(file.badCount(), 10);
    const QString path = shop.write(file.bytes);
    CsvImportOptions options = shop.productOptions();
    qint64 lastDone = 0;
    Result<CsvImportReport> report = CsvImporter::importFile(shop.project, shop.url, path, options, nullptr,
        [&](qint64 done, qint64 read, qint64 total, CsvImportStage) {
            QVERIFY(done >= lastDone && read <= total);
            lastDone = done;
        });
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QVERIFY2(!report->error, qPrintable(report->error ? report->error->detail : QString()));
    QCOMPARE(report->imported, 49990);
    QCOMPARE(report->rejected, 10);
    QCOMPARE(lastDone, 50000);
    QCOMPARE(report->header, file.header);
    QCOMPARE(report->notImportedFromLine, 0);

    QList<ProductCsv::Row> bad;
    for (const ProductCsv::Row &r : file.rows) {
        if (r.bad)
            bad << r;
    }
    QCOMPARE(report->rejectedRows.size(), 10);
    for (int i = 0; i < 10; ++i) {
        const CsvRejectedRow &got = report->rejectedRows.at(i);
        QCOMPARE(got.line, bad.at(i).line);
        QCOMPARE(got.values, bad.at(i).values);
        QCOMPARE(got.problems.size(), 1);
        QCOMPARE(got.problems.front().field, bad.at(i).badField);
        QCOMPARE(errorCodeName(got.problems.front().code), bad.at(i).badCode);
    }
    qint64 counted = 0;
    for (qint64 n : report->rejectedByReason)
        counted += n;
    QCOMPARE(counted, 10);
    QCOMPARE(report->rejectedByReason.value(QStringLiteral("slug: A value that must be unique already exists")), 1);

    // The rejected rows re-parse to exactly the ten bad rows plus their reasons.
    QCOMPARE(report->rejectedRowsPath, options.rejectedRowsPath);
    QString error;
    const QList<QStringList> rejected = parseFile(options.rejectedRowsPath, &error);
    QCOMPARE(error, QString());
    QCOMPARE(rejected.size(), 11);
    QCOMPARE(rejected.front(), QStringList(file.header) << QStringLiteral("basalt_error"));
    for (int i = 0; i < 10; ++i) {
        QStringList expected = bad.at(i).values;
        while (expected.size() < file.header.size())
            expected << QString();
        QCOMPARE(rejected.at(i + 1).mid(0, file.header.size()), expected);
        QCOMPARE(rejected.at(i + 1).last(), report->rejectedRows.at(i).reason());
        QVERIFY(!rejected.at(i + 1).last().isEmpty());
    }
    QVERIFY(!QFile::exists(options.notImportedRowsPath));
    QCOMPARE(shop.products(), goodRows(file));
}

void tst_Csv::rejectReasons_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("invalid email") << "customers" << QByteArray("email,full_name\nnot-an-email,Ann\n") << "email"
                                   << "check-violation" << "must be an email address";
    QTest::newRow("duplicate email in the file")
        << "customers" << QByteArray("email,full_name\na@b.io,Ann\na@b.io,Bob\n") << "email" << "unique-violation"
        << "Key (email)=(a@b.io) already exists.";
    QTest::newRow("pattern") << "customers" << QByteArray("email,full_name,phone\na@b.io,Ann,call me\n") << "phone"
                             << "check-violation" << "must match the pattern ^\\+?[0-9 ()-]{6,}$";
    QTest::newRow("max length") << "customers" << QByteArray("email,full_name\na@b.io,") + QByteArray(121, 'x') + "\n"
                                << "full_name" << "check-violation" << "must be at most 120 characters long";
    QTest::newRow("boolean") << "customers" << QByteArray("email,full_name,newsletter\na@b.io,Ann,sometimes\n")
                             << "newsletter" << "invalid-value"
                             << "invalid input syntax for type boolean of column \"newsletter\": \"sometimes\"";
    QTest::newRow("unknown customer") << "orders"
                                      << QByteArray("customer_id,shipping_address\n"
                                                    "0b6c7a40-3b8e-4b55-9a51-0d4e9f1c2a11,Main St 1\n")
                                      << "customer_id" << "foreign-key-violation"
                                      << "Key (customer_id)=(0b6c7a40-3b8e-4b55-9a51-0d4e9f1c2a11) is not present in "
                                         "table \"customers\".";
    QTest::newRow("enum") << "orders"
                          << QByteArray("customer_id,shipping_address,status\n"
                                        "0b6c7a40-3b8e-4b55-9a51-0d4e9f1c2a11,Main St 1,lost\n")
                          << "status" << "check-violation"
                          << "must be one of: pending, paid, shipped, delivered, cancelled";
    QTest::newRow("uuid") << "orders" << QByteArray("customer_id,shipping_address\n12345,Main St 1\n")
                          << "customer_id" << "invalid-value"
                          << "invalid input syntax for type uuid of column \"customer_id\": \"12345\"";
}

void tst_Csv::rejectReasons()
{
    QFETCH(QString, table);
    QFETCH(QByteArray, csv);
    QFETCH(QString, field);
    QFETCH(QString, code);
    QFETCH(QString, message);
    Shop shop;
    QVERIFY(shop.setUp());
    QByteArray data = csv;
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    CsvImportOptions options;
    options.tableName = table;
    QStringList header = QString::fromUtf8(csv.left(csv.indexOf('\n'))).split(QLatin1Char(','));
    options.columnFields = header;
    CsvImporter importer(shop.project, *shop.db);
    Result<CsvImportReport> report = importer.run(&buffer, options);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->rejected, 1);
    const qint64 lines = csv.count('\n');
    QCOMPARE(report->imported, lines - 2);
    const CsvRowProblem &problem = report->rejectedRows.front().problems.front();
    QCOMPARE(report->rejectedRows.front().line, lines);
    QCOMPARE(problem.field, field);
    QCOMPARE(errorCodeName(problem.code), code);
    QCOMPARE(problem.message, message);
    QCOMPARE(problem.column, header.indexOf(field));
}

void tst_Csv::ignoredColumn()
{
    // An ignored column between mapped ones: values still reach their fields, problems name the right column.
    Shop shop;
    QVERIFY(shop.setUp());
    const QString path = shop.write("name,junk,slug,price,category_id\nLamp,x,lamp,12.5,2\nDesk,y,desk,80,999\n");
    CsvImportOptions options;
    options.tableName = QStringLiteral("products");
    options.columnFields = {QStringLiteral("name"), QString(), QStringLiteral("slug"), QStringLiteral("price"),
        QStringLiteral("category_id")};
    Result<CsvImportReport> report = CsvImporter::importFile(shop.project, shop.url, path, options);
    QVERIFY(report);
    QVERIFY(!report->error);
    QCOMPARE(report->imported, 1);
    QCOMPARE(report->rejected, 1);
    const CsvRowProblem &problem = report->rejectedRows.front().problems.front();
    QCOMPARE(problem.field, QStringLiteral("category_id"));
    QCOMPARE(problem.column, 4);
    QCOMPARE(problem.message, QStringLiteral("Key (category_id)=(999) is not present in table \"categories\"."));
    QSqlQuery q(shop.db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT name, slug, price, category_id, stock, active FROM products")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("Lamp"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("lamp"));
    QCOMPARE(q.value(2).toDouble(), 12.5);
    QCOMPARE(q.value(3).toInt(), 2);
    QCOMPARE(q.value(4).toInt(), 0); // defaults of the fields no column maps to
    QCOMPARE(q.value(5).toInt(), 1);
    QVERIFY(!q.next());
}

void tst_Csv::withoutHeaderRow()
{
    // Windows-1252, semicolons, no header: every record is a row; the rejected file has no header either.
    Shop shop;
    QVERIFY(shop.setUp());
    const QByteArray bytes("Caf\xE9 \x80;cafe;3,5\r\nTh\xE9;tea;2\r\n");
    const QString path = shop.write(bytes);
    CsvImportOptions options;
    options.tableName = QStringLiteral("products");
    options.format = CsvReader::detect(bytes, true);
    QCOMPARE(int(options.format.encoding), int(CsvEncoding::Windows1252));
    QCOMPARE(options.format.delimiter, QLatin1Char(';'));
    options.headerRow = false;
    options.columnFields = {QStringLiteral("name"), QStringLiteral("slug"), QStringLiteral("price")};
    options.rejectedRowsPath = shop.dir.filePath(QStringLiteral("rejected.csv"));
    Result<CsvImportReport> report = CsvImporter::importFile(shop.project, shop.url, path, options);
    QVERIFY(report);
    QCOMPARE(report->header, (QStringList {u"column 1"_s, u"column 2"_s, u"column 3"_s}));
    QCOMPARE(report->imported, 1);
    QCOMPARE(report->rejected, 1);
    QCOMPARE(report->rejectedRows.front().line, 1);
    QCOMPARE(report->rejectedRows.front().problems.front().field, QStringLiteral("price"));
    QCOMPARE(shop.products().size(), 1);
    QCOMPARE(shop.products().front().mid(0, 3), (QStringList {u"Th\u00e9"_s, u"tea"_s, u"2"_s}));
    const QList<QStringList> rejected = parseFile(options.rejectedRowsPath);
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.front().mid(0, 3), (QStringList {u"Caf\u00e9 \u20ac"_s, u"cafe"_s, u"3,5"_s}));
}

void tst_Csv::cancelMidway()
{
    Shop shop;
    QVERIFY(shop.setUp());
    const ProductCsv::File file = ProductCsv::generate(35000, false);
    const QString path = shop.write(file.bytes);
    CsvImportOptions options = shop.productOptions();
    std::atomic_bool cancel = false;
    Result<CsvImportReport> report = CsvImporter::importFile(shop.project, shop.url, path, options, &cancel,
        [&](qint64 done, qint64, qint64, CsvImportStage) {
            if (done >= 25000)
                cancel = true;
        });
    QVERIFY(report);
    QVERIFY(report->cancelled);
    QVERIFY(!report->error);
    QCOMPARE(report->imported, 20000);
    QCOMPARE(shop.count(QStringLiteral("products")), 20000);
    QCOMPARE(shop.products(), goodRows(file, 20000));
    QCOMPARE(report->notImportedFromLine, file.rows.at(20000).line);
    QCOMPARE(report->notImportedRows, 15000);
    const QList<QStringList> rest = parseFile(report->notImportedRowsPath);
    QCOMPARE(rest.size(), 15001);
    QCOMPARE(rest.front(), file.header);
    QCOMPARE(rest.at(1), file.rows.at(20000).values);
    QCOMPARE(rest.last(), file.rows.last().values);
}

void tst_Csv::databaseFailure()
{
    // A failure that is not about one row stops the import: the batch it happened in is rolled back.
    Shop shop;
    QVERIFY(shop.setUp());
    shop.exec(QStringLiteral("CREATE TRIGGER boom BEFORE INSERT ON products WHEN NEW.slug = 'p-15000' "
                             "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"));
    const ProductCsv::File file = ProductCsv::generate(30000, false);
    const QString path = shop.write(file.bytes);
    CsvImportOptions options = shop.productOptions();
    Result<CsvImportReport> report = CsvImporter::importFile(shop.project, shop.url, path, options);
    QVERIFY(report);
    QVERIFY(report->error);
    QVERIFY2(report->error->message.contains(QLatin1String("disk on fire")), qPrintable(report->error->message));
    QCOMPARE(report->imported, 10000);
    QCOMPARE(shop.count(QStringLiteral("products")), 10000);
    QCOMPARE(report->notImportedFromLine, file.rows.at(10000).line);
    QCOMPARE(report->notImportedRows, 20000);
    QVERIFY(!report->cancelled);
}

void tst_Csv::droppedTable()
{
    Shop shop;
    QVERIFY(shop.setUp());
    shop.exec(QStringLiteral("DROP TABLE products_tags"));
    shop.exec(QStringLiteral("DROP TABLE tags"));
    const QString path = shop.write("name\nred\ngreen\n");
    CsvImportOptions options;
    options.tableName = QStringLiteral("tags");
    options.columnFields = {QStringLiteral("name")};
    Result<CsvImportReport> report = CsvImporter::importFile(shop.project, shop.url, path, options);
    QVERIFY(report);
    QVERIFY(report->error);
    QVERIFY2(report->error->message.contains(QLatin1String("no such table")), qPrintable(report->error->message));
    QCOMPARE(report->imported, 0);
    QCOMPARE(report->notImportedFromLine, 2);
}

void tst_Csv::badMapping_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown table") << u"nope"_s << QStringList {u"name"_s} << u"unknown-table"_s;
    QTest::newRow("unknown field") << u"tags"_s << QStringList {u"name"_s, u"colour"_s} << u"unknown-column"_s;
    QTest::newRow("automatic field") << u"tags"_s << QStringList {u"id"_s, u"name"_s} << u"auto-managed-field"_s;
    QTest::newRow("mapped twice") << u"tags"_s << QStringList {u"name"_s, u"name"_s} << u"invalid-argument"_s;
    QTest::newRow("required not mapped") << "tags" << QStringList {QString()} << "not-null-violation";
}

void tst_Csv::badMapping()
{
    QFETCH(QString, table);
    QFETCH(QStringList, fields);
    QFETCH(QString, code);
    Shop shop;
    QVERIFY(shop.setUp());
    const QString path = shop.write("a,b\nx,y\n");
    CsvImportOptions options;
    options.tableName = table;
    options.columnFields = fields;
    Result<CsvImportReport> report = CsvImporter::importFile(shop.project, shop.url, path, options);
    QVERIFY(!report);
    QCOMPARE(errorCodeName(report.error().code), code);
    QVERIFY(!report.error().message.isEmpty());
    QCOMPARE(shop.count(QStringLiteral("tags")), 0);
}

void tst_Csv::whileAnotherConnectionWrites()
{
    // The import runs on its own thread and connection while another connection keeps writing.
    Shop shop;
    QVERIFY(shop.setUp());
    const ProductCsv::File file = ProductCsv::generate(40000, false);
    const QString path = shop.write(file.bytes);
    CsvImportOptions options = shop.productOptions();
    Result<CsvImportReport> report = Error();
    std::atomic_bool finished = false;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        report = CsvImporter::importFile(shop.project, shop.url, path, options);
        finished = true;
    }));
    thread->start();
    int written = 0;
    while (!finished) {
        QSqlQuery q(shop.db->connection());
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO tags (name) VALUES ('tag %1')").arg(written)),
            qPrintable(q.lastError().text()));
        ++written;
        QThread::msleep(2);
    }
    thread->wait();
    QVERIFY(report);
    QVERIFY(!report->error);
    QCOMPARE(report->imported, 40000);
    QVERIFY(written > 0);
    QCOMPARE(shop.count(QStringLiteral("tags")), written);
    QCOMPARE(shop.count(QStringLiteral("products")), 40000);
}

void tst_Csv::bulkImport()
{
    // 60,000 rows into an empty table: one transaction that sets the plain indexes aside and builds them
    // again; other connections see the old table, indexes included, until it commits.
    Shop shop;
    QVERIFY(shop.setUp());
    const QStringList indexes = shop.productIndexes();
    QVERIFY(indexes.join(QLatin1Char('\n')).contains(QLatin1String("products_active_price_idx: CREATE INDEX")));
    const ProductCsv::File file = ProductCsv::generate(60000, true);
    const QString path = shop.write(file.bytes);
    CsvImportOptions options = shop.productOptions();
    QList<CsvImportStage> stages;
    qint64 seenByOthers = -1;
    QStringList indexesSeenByOthers;
    Result<CsvImportReport> report = CsvImporter::importFile(shop.project, shop.url, path, options, nullptr,
        [&](qint64 done, qint64, qint64, CsvImportStage stage) {
            if (stages.isEmpty() || stages.last() != stage)
                stages << stage;
            if (done >= 30000 && seenByOthers < 0) {
                seenByOthers = shop.count(QStringLiteral("products"));
                indexesSeenByOthers = shop.productIndexes();
            }
        });
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QVERIFY2(!report->error, qPrintable(report->error ? report->error->message : QString()));
    QVERIFY(report->bulk);
    QCOMPARE(stages, (QList<CsvImportStage> {CsvImportStage::Importing, CsvImportStage::BuildingIndexes,
                         CsvImportStage::Importing}));
    QCOMPARE(seenByOthers, 0);
    QCOMPARE(indexesSeenByOthers, indexes);
    QCOMPARE(report->imported, 59990);
    QCOMPARE(report->rejected, 10);
    QCOMPARE(shop.products(), goodRows(file));
    QCOMPARE(shop.productIndexes(), indexes);
    QCOMPARE(shop.integrity(), QStringLiteral("ok"));
    // The schema Basalt applied still matches: no drift, nothing to migrate.
    Result<MigrationPlan> plan = SchemaMigrator(*shop.db).plan(*shop.project);
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().message));
    QVERIFY(plan->isEmpty());

    // A small import does not set indexes aside.
    report = CsvImporter::importFile(shop.project, shop.url, shop.write("Name,slug,PRICE\nOne more,one-more,3\n"),
        shop.productOptions());
    QVERIFY(report && !report->error && !report->bulk);
    QCOMPARE(report->imported, 1);
}

void tst_Csv::bulkCancel()
{
    // Cancelled, a bulk import keeps the batches before the current one and builds the indexes again.
    Shop shop;
    QVERIFY(shop.setUp());
    const QStringList indexes = shop.productIndexes();
    const ProductCsv::File file = ProductCsv::generate(60000, false);
    const QString path = shop.write(file.bytes);
    std::atomic_bool cancel = false;
    Result<CsvImportReport> report = CsvImporter::importFile(shop.project, shop.url, path, shop.productOptions(),
        &cancel, [&](qint64 done, qint64, qint64, CsvImportStage) {
            if (done >= 45000)
                cancel = true;
        });
    QVERIFY(report);
    QVERIFY(report->bulk && report->cancelled && !report->error);
    QCOMPARE(report->imported, 40000);
    QCOMPARE(shop.products(), goodRows(file, 40000));
    QCOMPARE(shop.productIndexes(), indexes);
    QCOMPARE(shop.integrity(), QStringLiteral("ok"));
    QCOMPARE(report->notImportedFromLine, file.rows.at(40000).line);
    QCOMPARE(report->notImportedRows, 20000);
}

void tst_Csv::bulkCommitFails()
{
    // The database fills up while the indexes are built again: nothing of the import stays, the indexes
    // are there as before, and every row is in the rows-not-imported file.
    const ProductCsv::File file = ProductCsv::generate(60000, true);
    qint64 fullSize = 0;
    {
        Shop measure;
        QVERIFY(measure.setUp());
        Result<CsvImportReport> report = CsvImporter::importFile(measure.project, measure.url,
            measure.write(file.bytes), measure.productOptions());
        QVERIFY(report && report->bulk && !report->error);
        QSqlQuery q(measure.db->connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA page_count")) && q.next());
        fullSize = q.value(0).toLongLong();
    }
    Shop shop;
    QVERIFY(shop.setUp());
    const QStringList indexes = shop.productIndexes();
    Result<std::unique_ptr<Database>> db = Database::open(shop.url);
    QVERIFY(db);
    // About 300 pages short: the rows fit, the second index rebuilt does not.
    QSqlQuery limit((*db)->connection());
    QVERIFY(limit.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(fullSize - 100)));
    limit.finish();
    QFile input(shop.write(file.bytes));
    QVERIFY(input.open(QIODevice::ReadOnly));
    CsvImportOptions options = shop.productOptions();
    bool building = false;
    Result<CsvImportReport> report = CsvImporter(shop.project, **db).run(&input, options, nullptr,
        [&](qint64, qint64, qint64, CsvImportStage stage) { building = building || stage == CsvImportStage::BuildingIndexes; });
    QVERIFY(report);
    QVERIFY(report->bulk);
    QVERIFY(building);
    QVERIFY(report->error);
    QVERIFY2(report->error->message.contains(QLatin1String("full")), qPrintable(report->error->message));
    QCOMPARE(report->imported, 0);
    QCOMPARE(shop.count(QStringLiteral("products")), 0);
    QCOMPARE(shop.productIndexes(), indexes);
    QCOMPARE(shop.integrity(), QStringLiteral("ok"));
    QCOMPARE(report->notImportedFromLine, 2);
    QCOMPARE(report->notImportedRows, 60000);
    const QList<QStringList> rest = parseFile(report->notImportedRowsPath);
    QCOMPARE(rest.size(), 60001);
    QCOMPARE(rest.front(), file.header);
    QCOMPARE(rest.at(1), file.rows.front().values);
    QCOMPARE(rest.last(), file.rows.last().values);
}

void tst_Csv::postgres()
{
    TestSupport::PostgresDatabase pg;
    BASALT_REQUIRE_POSTGRES(pg);
    Shop shop;
    QVERIFY(shop.setUp(pg.url()));
    const ProductCsv::File file = ProductCsv::generate(3000, true);
    const QString path = shop.write(file.bytes);
    CsvImportOptions options = shop.productOptions();
    options.batchSize = 1000;
    Result<CsvImportReport> report = CsvImporter::importFile(shop.project, shop.url, path, options);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QVERIFY2(!report->error, qPrintable(report->error ? report->error->detail : QString()));
    QCOMPARE(report->imported, 2990);
    QCOMPARE(report->rejected, 10);
    QStringList fields;
    for (const CsvRejectedRow &r : report->rejectedRows)
        fields << r.problems.front().field;
    QStringList expected;
    for (const ProductCsv::Row &r : file.rows) {
        if (r.bad)
            expected << r.badField;
    }
    QCOMPARE(fields, expected);
    QCOMPARE(shop.products(), goodRows(file));

    std::atomic_bool cancel = false;
    shop.exec(QStringLiteral("DELETE FROM products"));
    report = CsvImporter::importFile(shop.project, shop.url, path, options, &cancel, [&](qint64 done, qint64, qint64, CsvImportStage) {
        if (done >= 2000)
            cancel = true;
    });
    QVERIFY(report && report->cancelled);
    QCOMPARE(shop.count(QStringLiteral("products")), report->imported);
    QVERIFY(report->imported > 0 && report->imported < 2000);
}

QTEST_GUILESS_MAIN(tst_Csv)
#include "tst_csv.moc"
