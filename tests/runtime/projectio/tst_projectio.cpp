// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the .basalt file format: templates round trip, invalid files, writer output, atomic saves.
#include "io/jsonwriter.h"
#include "io/projectreader.h"
#include "io/projectvalidator.h"
#include "io/projectwriter.h"
#include "projectiofixtures.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#endif

using namespace Runtime;
using namespace Qt::StringLiterals;

namespace {
QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// The text a golden row's `expected` file holds: the error code, then the error's message and problems.
QString errorText(const Error &error)
{
    return errorCodeName(error.code) + QLatin1Char('\n') + error.toString() + QLatin1Char('\n');
}

// The message for QVERIFY2 (which evaluates it even on success): the error, if there is one.
template<typename T>
QByteArray failure(const Result<T> &result)
{
    return result.hasValue() ? QByteArray() : result.error().toString().toUtf8();
}

QString invalidDataDirectory()
{
    return QFINDTESTDATA("data");
}
} // namespace

class tst_ProjectIo : public QObject
{
    Q_OBJECT

private slots:
    void templateRoundTrip_data();
    void templateRoundTrip();
    void modelRoundTrip();
    void invalidFilesArePresent();
    void invalidFiles_data();
    void invalidFiles();
    void problemsCarryObjectIds_data();
    void problemsCarryObjectIds();
    void warningsDoNotFailTheRead_data();
    void warningsDoNotFailTheRead();
    void writerStrings_data();
    void writerStrings();
    void writerNumbers_data();
    void writerNumbers();
    void functionCodeRoundTrip_data();
    void functionCodeRoundTrip();
    void functionCodeAsPlainString();
    void writerProjects_data();
    void writerProjects();
    void largeIntegerDefaultStaysExact();
    void readMissingFile();
    void saveReplacesExistingFileWhole();
    void saveFailureLeavesExistingFile_data();
    void saveFailureLeavesExistingFile();
};

void tst_ProjectIo::templateRoundTrip_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"ecommerce", "saas", "social", "chat"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void tst_ProjectIo::templateRoundTrip()
{
    QFETCH(QString, name);
    const QByteArray original = readAll(TestSupport::templatePath(name));
    QVERIFY2(!original.isEmpty(), qPrintable(TestSupport::templatePath(name)));
    auto project = readProject(original);
    QVERIFY2(project.hasValue(), failure(project).constData());
    QVERIFY((*project)->tables.size() >= 3);
    QCOMPARE(validateProject(**project), QList<Problem>()); // not even a warning in a bundled template

    const QByteArray written = writeProject(**project);
    QCOMPARE(QString::fromUtf8(written), QString::fromUtf8(original));
    auto again = readProject(written);
    QVERIFY2(again.hasValue(), failure(again).constData());
    QVERIFY(**again == **project);
}

void tst_ProjectIo::modelRoundTrip()
{
    const Project project = Fixtures::everyFeatureProject();
    QCOMPARE(validateProject(project), QList<Problem>());
    const QByteArray written = writeProject(project);
    auto read = readProject(written);
    QVERIFY2(read.hasValue(), failure(read).constData());
    QVERIFY(**read == project);
    QCOMPARE(writeProject(**read), written);
}

void tst_ProjectIo::invalidFilesArePresent()
{
    const QStringList rows = QDir(invalidDataDirectory()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QVERIFY2(rows.size() >= 30,
             qPrintable(QStringLiteral("%1 golden rows in %2").arg(rows.size()).arg(invalidDataDirectory())));
}

void tst_ProjectIo::invalidFiles_data()
{
    QTest::addColumn<QString>("directory");
    const QDir data(invalidDataDirectory());
    for (const QString &row : data.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        QTest::newRow(qPrintable(row)) << data.filePath(row);
}

void tst_ProjectIo::invalidFiles()
{
    QFETCH(QString, directory);
    const QByteArray input = readAll(directory + QStringLiteral("/input.basalt"));
    const QString expected = QString::fromUtf8(readAll(directory + QStringLiteral("/expected")));
    QVERIFY2(!expected.isEmpty(), "the row has no expected file");
    const auto result = readProject(input);
    QVERIFY2(!result.hasValue(), "the file was read without error");
    QCOMPARE(errorText(result.error()), expected);
}

void tst_ProjectIo::problemsCarryObjectIds_data()
{
    QTest::addColumn<QString>("row");
    QTest::addColumn<QStringList>("objectIds");
    QTest::newRow("structural, field")
        << QStringLiteral("structure-unknown-key") << QStringList {u"fld_items_done"_s};
    QTest::newRow("semantic, relationship")
        << QStringLiteral("relationship-foreign-key-type") << QStringList {u"rel_products_category"_s};
    QTest::newRow("semantic, tables") << QStringLiteral("table-reserved-names")
                                      << QStringList {u"tbl_rpc"_s, u"tbl_pg"_s, u"tbl_b"_s, u"tbl_s"_s};
    QTest::newRow("settings have no object")
        << QStringLiteral("settings-integer-overflow") << QStringList {QString()};
}

void tst_ProjectIo::problemsCarryObjectIds()
{
    QFETCH(QString, row);
    QFETCH(QStringList, objectIds);
    const auto result
        = readProject(readAll(QDir(invalidDataDirectory()).filePath(row + QStringLiteral("/input.basalt"))));
    QVERIFY(!result.hasValue());
    QStringList actual;
    for (const Problem &problem : result.error().problems)
        actual << problem.objectId;
    QCOMPARE(actual, objectIds);
}

void tst_ProjectIo::warningsDoNotFailTheRead_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("warning");
    const QByteArray fields
        = R"("fields": [{"id": "f1", "name": "id", "type": "integer", "primaryKey": "autoIncrement"}])";
    QTest::newRow("tenant-scoped without organization_id")
        << QByteArray(R"({"formatVersion": 1, "name": "T", "tables": [{"id": "t1", "name": "notes", )"
                      R"("tenantScoped": true, )"
                      + fields + "}]}")
        << QStringLiteral(
               "tables[0].tenantScoped: the table \"notes\" is tenant-scoped but has no organization_id "
               "field; add one that refers to the organizations table");
    QTest::newRow("anonymous delete without expression")
        << QByteArray(R"({"formatVersion": 1, "name": "T", "tables": [{"id": "t1", "name": "notes", )"
                      + fields
                      + R"(, "permissions": [{"id": "p1", "role": "anon", "operation": "delete"}]}]})")
        << QStringLiteral(
               "tables[0].permissions[0]: anyone, even without logging in, may delete rows of \"notes\"; "
               "add an expression if that is not intended");
}

void tst_ProjectIo::warningsDoNotFailTheRead()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, warning);
    const auto result = readProject(json);
    QVERIFY2(result.hasValue(), failure(result).constData());
    const QList<Problem> problems = validateProject(**result);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().severity, Problem::Severity::Warning);
    QCOMPARE(problems.first().toString(), warning);
}

void tst_ProjectIo::writerStrings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty") << QString() << QByteArray(R"("")");
    QTest::newRow("plain") << u"products"_s << QByteArray(R"("products")");
    QTest::newRow("quote") << u"say \"hi\""_s << QByteArray(R"("say \"hi\"")");
    QTest::newRow("backslash") << u"C:\\temp\\"_s << QByteArray(R"("C:\\temp\\")");
    QTest::newRow("slash is not escaped") << u"a/b"_s << QByteArray(R"("a/b")");
    QTest::newRow("newline, return, tab") << u"a\nb\r\tc"_s << QByteArray(R"("a\nb\r\tc")");
    QTest::newRow("backspace, form feed") << u"\b\f"_s << QByteArray(R"("\b\f")");
    QTest::newRow("other control characters")
        << QString(QString(QChar(0x01)) + QChar(0x1f) + QChar(0x00)) << QByteArray(R"("\u0001\u001f\u0000")");
    QTest::newRow("delete is kept") << QString(QChar(0x7f)) << QByteArray("\"\x7f\"");
    QTest::newRow("non-ASCII kept as UTF-8")
        << u"Café 日本 🎉"_s << QByteArray("\"Caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x8e\x89\"");
}

void tst_ProjectIo::writerStrings()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, expected);
    QCOMPARE(JsonWriter::quoted(text), expected);
    // The written form must read back to the same text.
    const auto read = readProject(QByteArray(R"({"formatVersion": 1, "name": )" + expected + "}"));
    QVERIFY2(read.hasValue(), failure(read).constData());
    QCOMPARE((*read)->name, text);
}

void tst_ProjectIo::writerNumbers_data()
{
    QTest::addColumn<double>("number");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("zero") << 0.0 << QByteArray("0");
    QTest::newRow("negative zero") << -0.0 << QByteArray("0");
    QTest::newRow("integer") << 300.0 << QByteArray("300");
    QTest::newRow("negative integer") << -42.0 << QByteArray("-42");
    QTest::newRow("largest exact integer") << 9007199254740991.0 << QByteArray("9007199254740991");
    QTest::newRow("2^53") << 9007199254740992.0 << QByteArray("9007199254740992");
    QTest::newRow("one tenth") << 0.1 << QByteArray("0.1");
    QTest::newRow("one and a half") << 1.5 << QByteArray("1.5");
    QTest::newRow("one third") << 1.0 / 3.0 << QByteArray("0.3333333333333333");
    QTest::newRow("decimal") << 123456.789 << QByteArray("123456.789");
    QTest::newRow("huge") << 1e21 << QByteArray("1e+21");
    QTest::newRow("tiny") << 1e-7 << QByteArray("1e-07");
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << QByteArray("0");
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << QByteArray("0");
}

void tst_ProjectIo::writerNumbers()
{
    QFETCH(double, number);
    QFETCH(QByteArray, expected);
    const QByteArray written = JsonWriter::formatNumber(number);
    QCOMPARE(written, expected);
    if (std::isfinite(number) && number != 0)
        QCOMPARE(written.toDouble(), number); // shortest form, yet exact
}

void tst_ProjectIo::functionCodeRoundTrip_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("lines"); // as written to the file
    QTest::newRow("empty") << QString() << QStringList();
    QTest::newRow("one line") << u"return 1;"_s << QStringList {u"return 1;"_s};
    QTest::newRow("empty lines") << u"const a = 1;\n\n\nreturn a;"_s
                                 << QStringList {u"const a = 1;"_s, QString(), QString(), u"return a;"_s};
    QTest::newRow("trailing newline") << u"return 1;\n"_s << QStringList {u"return 1;"_s, QString()};
    QTest::newRow("only a newline") << u"\n"_s << QStringList {QString(), QString()};
    QTest::newRow("crlf") << u"const a = 1;\r\nreturn a;\r\n"_s
                          << QStringList {u"const a = 1;\r"_s, u"return a;\r"_s, QString()};
    QTest::newRow("unicode, quotes and tabs")
        << u"const s = \"größe 😀\";\n\treturn { s, t: '\\n' };"_s
        << QStringList {u"const s = \"größe 😀\";"_s, u"\treturn { s, t: '\\n' };"_s};
}

// A function's code is written as an array of its lines, one per file line, and read back unchanged.
void tst_ProjectIo::functionCodeRoundTrip()
{
    QFETCH(QString, code);
    QFETCH(QStringList, lines);
    Project project;
    project.name = u"Code"_s;
    project.functions = {ScriptFunction {.id = u"fn"_s, .name = u"f"_s, .code = code}};
    const QByteArray written = writeProject(project);
    const QJsonObject function
        = QJsonDocument::fromJson(written).object().value(u"functions"_s).toArray().at(0).toObject();
    if (lines.isEmpty()) {
        QVERIFY(!function.contains(u"code"_s));
    } else {
        QVERIFY(function.value(u"code"_s).isArray());
        QCOMPARE(function.value(u"code"_s).toVariant().toStringList(), lines);
        // One file line per code line: git diffs a change of one line as one line.
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QByteArray fileLine = QByteArray("\n        ") + JsonWriter::quoted(lines.at(i))
                                        + (i + 1 < lines.size() ? ",\n" : "\n");
            QVERIFY2(written.contains(fileLine), written.constData());
        }
    }
    QVERIFY(!function.contains(u"timeoutMs"_s)); // the default is omitted
    auto read = readProject(written);
    QVERIFY2(read.hasValue(), failure(read).constData());
    QCOMPARE((*read)->functions.at(0).code, code);
    QCOMPARE(writeProject(**read), written);
}

// Older files hold the code as one string.
void tst_ProjectIo::functionCodeAsPlainString()
{
    const QByteArray file = R"({"formatVersion": 1, "name": "Old", "functions": [
        {"id": "fn", "name": "f", "code": "const a = 1;\r\n\nreturn a;\n", "timeoutMs": 250}]})";
    auto read = readProject(file);
    QVERIFY2(read.hasValue(), failure(read).constData());
    QCOMPARE((*read)->functions.at(0).code, u"const a = 1;\r\n\nreturn a;\n"_s);
    QCOMPARE((*read)->functions.at(0).timeoutMs, 250);
    QVERIFY(writeProject(**read).contains("\"timeoutMs\": 250"));
}

void tst_ProjectIo::writerProjects_data()
{
    QTest::addColumn<int>("fixture");
    QTest::addColumn<QString>("expectedFile");
    for (int i = 0; i < Fixtures::writerCaseCount(); ++i)
        QTest::newRow(Fixtures::writerCaseName(i)) << i << QFINDTESTDATA(Fixtures::writerCaseFile(i));
}

void tst_ProjectIo::writerProjects()
{
    QFETCH(int, fixture);
    QFETCH(QString, expectedFile);
    const QByteArray expected = readAll(expectedFile);
    QVERIFY2(!expected.isEmpty(), qPrintable(Fixtures::writerCaseFile(fixture)));
    const QByteArray written = writeProject(Fixtures::writerCaseProject(fixture));
    QCOMPARE(QString::fromUtf8(written), QString::fromUtf8(expected));
}

void tst_ProjectIo::largeIntegerDefaultStaysExact()
{
    // 2^53 + 1: a double would turn it into ...992.
    const QByteArray json
        = R"({"formatVersion": 1, "name": "Big", "tables": [{"id": "t", "name": "t", "fields": [)"
          R"({"id": "f", "name": "id", "type": "integer", "primaryKey": "autoIncrement"},)"
          R"({"id": "g", "name": "big", "type": "integer", "default": 9007199254740993}]}]})";
    const auto read = readProject(json);
    QVERIFY2(read.hasValue(), failure(read).constData());
    QVERIFY(writeProject(**read).contains("\"default\": 9007199254740993\n"));
}

void tst_ProjectIo::readMissingFile()
{
    QTemporaryDir dir;
    const auto result = readProjectFile(dir.filePath(QStringLiteral("nothing.basalt")));
    QVERIFY(!result.hasValue());
    QCOMPARE(result.error().code, ErrorCode::FileNotFound);
}

void tst_ProjectIo::saveReplacesExistingFileWhole()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("shop.basalt"));
    QVERIFY(writeAll(path, QByteArray(100000, 'x'))); // longer than the project: nothing may be left of it
    const Project project = Fixtures::everyFeatureProject();
    const Result<void> saved = saveProjectFile(project, path);
    QVERIFY2(saved.hasValue(), failure(saved).constData());
    QCOMPARE(readAll(path), writeProject(project));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList {u"shop.basalt"_s});
    auto read = readProjectFile(path);
    QVERIFY2(read.hasValue(), failure(read).constData());
    QVERIFY(**read == project);
}

void tst_ProjectIo::saveFailureLeavesExistingFile_data()
{
    QTest::addColumn<QString>("failure");
    QTest::newRow("directory not writable") << QStringLiteral("read-only");
    QTest::newRow("write fails midway (file size limit)") << QStringLiteral("size-limit");
    QTest::newRow("directory is a file") << QStringLiteral("not-a-directory");
}

void tst_ProjectIo::saveFailureLeavesExistingFile()
{
    QFETCH(QString, failure);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("shop.basalt"));
    const QByteArray old = readAll(TestSupport::templatePath(QStringLiteral("chat")));
    QVERIFY(writeAll(path, old));
    const Project project = Fixtures::everyFeatureProject();
    Result<void> saved;
    if (failure == QLatin1String("read-only")) {
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
        const bool enforced = !writeAll(dir.filePath(QStringLiteral("probe")), "x");
        if (enforced)
            saved = saveProjectFile(project, path);
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        if (!enforced)
            QSKIP("directory permissions are not enforced for this user (root?)");
    } else if (failure == QLatin1String("size-limit")) {
#ifdef Q_OS_UNIX
        rlimit previous {};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &previous), 0);
        rlimit small = previous;
        small.rlim_cur = 64; // far less than the project: the write fails as on a full disk
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        saved = saveProjectFile(project, path);
        setrlimit(RLIMIT_FSIZE, &previous);
        std::signal(SIGXFSZ, oldHandler);
#else
        QSKIP("file size limits are a POSIX feature");
#endif
    } else {
        saved = saveProjectFile(project, path + QStringLiteral("/inside.basalt"));
    }
    QVERIFY(!saved.hasValue());
    QCOMPARE(saved.error().code, ErrorCode::FileWriteFailed);
    QVERIFY(!saved.error().message.isEmpty());
    QCOMPARE(readAll(path), old);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files),
             QStringList {u"shop.basalt"_s}); // no temporary file left
}

QTEST_GUILESS_MAIN(tst_ProjectIo)
#include "tst_projectio.moc"
