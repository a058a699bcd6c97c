// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the CSV import wizard, driven through its pages with QTest on real files and a real database.
#include "../../runtime/csv/productcsv.h"
#include "testsupport.h"

#include "data/csvimportwizard.h"
#include "io/projectreader.h"
#include "storage/database.h"
#include "storage/databasesetup.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QRegularExpression>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace Runtime;
using Designer::CsvImportWizard;

namespace {
QString screenshotDir()
{
    return qEnvironmentVariable("BASALT_SCREENSHOTS");
}

void grab(QWidget &widget, const QString &name)
{
    if (!screenshotDir().isEmpty())
        widget.grab().save(screenshotDir() + QLatin1Char('/') + name + QStringLiteral(".png"));
}

qint64 countRows(const QString &path, const QString &table)
{
    Result<std::unique_ptr<Database>> db = Database::open(QStringLiteral("sqlite:") + path);
    if (!db)
        return -1;
    QSqlQuery q((*db)->connection());
    q.exec(QStringLiteral("SELECT count(*) FROM ") + table);
    return q.next() ? q.value(0).toLongLong() : -1;
}

void clickNext(QWizard &wizard)
{
    QAbstractButton *next = wizard.button(wizard.currentPage()->isCommitPage() ? QWizard::CommitButton : QWizard::NextButton);
    QVERIFY(next->isVisible());
    QVERIFY(next->isEnabled());
    QTest::mouseClick(next, Qt::LeftButton);
}
} // namespace

class tst_CsvImport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void importThroughAllPages();
    void cancelFromImportPage();
    void wizardCancelButtonCancelsTheImport();
    void mappingFlagsMissingRequiredField();

private:
    /** Writes \a bytes to the file \a name in the test's folder; returns its path, or an empty string. */
    QString writeCsv(const QString &name, const QByteArray &bytes);

    QTemporaryDir m_dir;
    std::shared_ptr<Project> m_project;
    QString m_dbPath;
};

void tst_CsvImport::initTestCase()
{
    Result<std::unique_ptr<Project>> project = readProjectFile(TestSupport::templatePath(QStringLiteral("ecommerce")));
    QVERIFY(project);
    m_project = std::move(project).value();
}

void tst_CsvImport::init()
{
    static int n = 0;
    m_dbPath = m_dir.filePath(QStringLiteral("shop%1.sqlite").arg(++n));
    Result<DatabaseUrl> url = DatabaseUrl::parse(QStringLiteral("sqlite:") + m_dbPath);
    QVERIFY(url);
    QVERIFY(setUpDatabase(*url, *m_project, false));
    Result<std::unique_ptr<Database>> db = Database::open(*url);
    QVERIFY(db);
    for (int i = 1; i <= 5; ++i)
        QVERIFY(QSqlQuery((*db)->connection())
                    .exec(QStringLiteral("INSERT INTO categories (name, slug, created_at) VALUES ('C%1', 'c-%1', "
                                         "'2026-01-01T00:00:00.000Z')").arg(i)));
}

QString tst_CsvImport::writeCsv(const QString &name, const QByteArray &bytes)
{
    QFile out(m_dir.filePath(name));
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size())
        return {};
    return out.fileName();
}

void tst_CsvImport::importThroughAllPages()
{
    const ProductCsv::File file = ProductCsv::generate(50000, true);
    const QString csvPath = writeCsv(QStringLiteral("products.csv"), file.bytes);
    QVERIFY(!csvPath.isEmpty());

    CsvImportWizard wizard(m_project, QStringLiteral("products"), m_dbPath);
    qint64 finishedWith = -1;
    connect(&wizard, &CsvImportWizard::importFinished, this, [&](qint64 imported) { finishedWith = imported; });
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QCOMPARE(wizard.currentId(), int(CsvImportWizard::FilePage));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());

    // File page: type the path; the format is detected and the first rows shown.
    auto *path = wizard.findChild<QLineEdit *>(QStringLiteral("filePath"));
    QVERIFY(path);
    QTest::keyClicks(path, csvPath);
    QTest::keyClick(path, Qt::Key_Tab); // leaving the field applies the path
    QCOMPARE(wizard.findChild<QComboBox *>(QStringLiteral("encoding"))->currentText(), QStringLiteral("UTF-8"));
    QCOMPARE(wizard.findChild<QComboBox *>(QStringLiteral("delimiter"))->currentData().toString(), QStringLiteral(","));
    auto *sample = wizard.findChild<QTableWidget *>(QStringLiteral("fileSample"));
    QCOMPARE(sample->columnCount(), 8);
    QCOMPARE(sample->horizontalHeaderItem(0)->text(), QStringLiteral("Name"));
    QCOMPARE(sample->item(0, 1)->text(), QStringLiteral("p-0"));
    QVERIFY(wizard.findChild<QCheckBox *>(QStringLiteral("headerRow"))->isChecked());
    grab(wizard, QStringLiteral("csvimport-1-file"));
    clickNext(wizard);

    // Mapping page: matched by name, ignoring case, spaces, dashes and underscores; "is active" by hand.
    QCOMPARE(wizard.currentId(), int(CsvImportWizard::MappingPage));
    const QStringList expected {QStringLiteral("name"), QStringLiteral("slug"), QStringLiteral("price"),
        QStringLiteral("stock"), QStringLiteral("sku"), QString(), QStringLiteral("category_id"),
        QStringLiteral("description")};
    for (int c = 0; c < expected.size(); ++c)
        QCOMPARE(wizard.findChild<QComboBox *>(QStringLiteral("field%1").arg(c))->currentData().toString(), expected.at(c));
    auto *active = wizard.findChild<QComboBox *>(QStringLiteral("field5"));
    active->setFocus();
    QTest::keyClicks(active, QStringLiteral("active"));
    QCOMPARE(active->currentData().toString(), QStringLiteral("active"));
    QVERIFY(!wizard.findChild<QLabel *>(QStringLiteral("mappingProblem"))->isVisible());
    grab(wizard, QStringLiteral("csvimport-2-mapping"));
    clickNext(wizard);

    // Preview page: row 7 (line 9) has a price that is not a number.
    QCOMPARE(wizard.currentId(), int(CsvImportWizard::PreviewPage));
    auto *preview = wizard.findChild<QTableWidget *>(QStringLiteral("preview"));
    QCOMPARE(preview->rowCount(), 50);
    QCOMPARE(preview->verticalHeaderItem(7)->text(), QStringLiteral("9"));
    QVERIFY(preview->item(7, 2)->toolTip().contains(QLatin1String("invalid input syntax for type number")));
    QVERIFY(preview->item(6, 2)->toolTip().isEmpty());
    QVERIFY(wizard.findChild<QLabel *>(QStringLiteral("previewSummary"))->text().startsWith(QLatin1String("1 of the first 50")));
    grab(wizard, QStringLiteral("csvimport-3-preview"));
    clickNext(wizard);

    // Import page, then the report page on its own.
    QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(CsvImportWizard::ReportPage), 120000);
    QVERIFY(wizard.report());
    QCOMPARE(wizard.report()->imported, 49990);
    QCOMPARE(wizard.report()->rejected, 10);
    QCOMPARE(finishedWith, 49990);
    QCOMPARE(countRows(m_dbPath, QStringLiteral("products")), 49990);
    const QString summary = wizard.findChild<QLabel *>(QStringLiteral("reportSummary"))->text();
    QVERIFY2(summary.contains(QLocale().toString(49990)) && summary.contains(QRegularExpression(QStringLiteral("\\b10 row(s|\\(s\\)) rejected"))),
        qPrintable(summary));
    auto *reasons = wizard.findChild<QTableWidget *>(QStringLiteral("rejectedReasons"));
    int total = 0;
    for (int r = 0; r < reasons->rowCount(); ++r)
        total += reasons->item(r, 0)->text().toInt();
    QCOMPARE(total, 10);
    auto *rows = wizard.findChild<QTableWidget *>(QStringLiteral("rejectedRows"));
    QCOMPARE(rows->rowCount(), 10);
    QCOMPARE(rows->item(0, 0)->text(), QStringLiteral("9"));
    QCOMPARE(rows->item(0, 1)->text(), QStringLiteral("price"));
    QVERIFY(wizard.findChild<QPushButton *>(QStringLiteral("saveRejected"))->isVisible());
    QVERIFY(!wizard.findChild<QPushButton *>(QStringLiteral("saveNotImported"))->isVisible());
    QVERIFY(wizard.button(QWizard::FinishButton)->isVisible());
    grab(wizard, QStringLiteral("csvimport-5-report"));

    // The saved file holds the ten rows with the header and the reasons, ready to fix and import again.
    const QString saved = m_dir.filePath(QStringLiteral("fix-me.csv"));
    QString error;
    QVERIFY2(wizard.saveRejectedRows(saved, &error), qPrintable(error));
    QFile rejected(saved);
    QVERIFY(rejected.open(QIODevice::ReadOnly));
    CsvReader reader(&rejected, {});
    QStringList record;
    QVERIFY(reader.readRecord(record));
    QCOMPARE(record, QStringList(file.header) << QStringLiteral("basalt_error"));
    int n = 0;
    for (const ProductCsv::Row &row : file.rows) {
        if (!row.bad)
            continue;
        QVERIFY(reader.readRecord(record));
        QCOMPARE(record.first(), row.values.first());
        QVERIFY2(record.last().startsWith(row.badField.isEmpty() ? QStringLiteral("has ") : row.badField + QLatin1Char(':')),
            qPrintable(record.last()));
        ++n;
    }
    QCOMPARE(n, 10);
    QVERIFY(!reader.readRecord(record));
    QVERIFY(!reader.hasError());
    QTest::mouseClick(wizard.button(QWizard::FinishButton), Qt::LeftButton);
    QCOMPARE(wizard.result(), int(QDialog::Accepted));
}

void tst_CsvImport::cancelFromImportPage()
{
    const ProductCsv::File file = ProductCsv::generate(300000, false);
    const QString csvPath = writeCsv(QStringLiteral("many.csv"), file.bytes);
    QVERIFY(!csvPath.isEmpty());

    CsvImportWizard wizard(m_project, QStringLiteral("products"), m_dbPath);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    wizard.setFilePath(csvPath);
    clickNext(wizard);
    wizard.findChild<QComboBox *>(QStringLiteral("field5"))->setCurrentIndex(
        wizard.findChild<QComboBox *>(QStringLiteral("field5"))->findData(QStringLiteral("active")));
    clickNext(wizard);
    clickNext(wizard);
    QCOMPARE(wizard.currentId(), int(CsvImportWizard::ImportPage));
    QVERIFY(!wizard.button(QWizard::BackButton)->isEnabled() || !wizard.button(QWizard::BackButton)->isVisible());

    // Wait until more than one batch is done, then cancel with the page's button.
    auto *rowsDone = wizard.findChild<QLabel *>(QStringLiteral("rowsDone"));
    QTRY_VERIFY_WITH_TIMEOUT(QLocale().toLongLong(rowsDone->text().section(QLatin1Char(' '), 0, 0)) > 15000, 60000);
    QVERIFY(wizard.findChild<QProgressBar *>(QStringLiteral("progress"))->value() > 0);
    QVERIFY(!wizard.findChild<QLabel *>(QStringLiteral("rate"))->text().isEmpty());
    grab(wizard, QStringLiteral("csvimport-4-import"));
    QTest::mouseClick(wizard.findChild<QPushButton *>(QStringLiteral("cancelImport")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(CsvImportWizard::ReportPage), 60000);

    QVERIFY(wizard.report());
    QVERIFY(wizard.report()->cancelled);
    const qint64 imported = wizard.report()->imported;
    QVERIFY2(imported >= 10000 && imported < 300000 && imported % 10000 == 0, qPrintable(QString::number(imported)));
    QCOMPARE(countRows(m_dbPath, QStringLiteral("products")), imported);
    QCOMPARE(wizard.report()->notImportedFromLine, file.rows.at(imported).line);
    QVERIFY(wizard.findChild<QLabel *>(QStringLiteral("reportSummary"))->text().contains(QLatin1String("cancelled")));
    QVERIFY(wizard.findChild<QPushButton *>(QStringLiteral("saveNotImported"))->isVisible());
    grab(wizard, QStringLiteral("csvimport-6-cancelled"));
    const QString rest = m_dir.filePath(QStringLiteral("rest.csv"));
    QVERIFY(wizard.saveNotImportedRows(rest));
    QFile restFile(rest);
    QVERIFY(restFile.open(QIODevice::ReadOnly));
    CsvReader reader(&restFile, {});
    QStringList record;
    qint64 records = 0;
    while (reader.readRecord(record))
        ++records;
    QCOMPARE(records, 300000 - imported + 1);
}

void tst_CsvImport::wizardCancelButtonCancelsTheImport()
{
    // The wizard's own Cancel during an import stops the import (rolling back its batch) and shows the
    // report instead of closing with an import half done.
    const ProductCsv::File file = ProductCsv::generate(200000, false);
    const QString csvPath = writeCsv(QStringLiteral("cancel.csv"), file.bytes);
    QVERIFY(!csvPath.isEmpty());
    CsvImportWizard wizard(m_project, QStringLiteral("products"), m_dbPath);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    wizard.setFilePath(csvPath);
    clickNext(wizard);
    clickNext(wizard);
    clickNext(wizard);
    auto *rowsDone = wizard.findChild<QLabel *>(QStringLiteral("rowsDone"));
    QTRY_VERIFY_WITH_TIMEOUT(QLocale().toLongLong(rowsDone->text().section(QLatin1Char(' '), 0, 0)) > 0, 60000);
    QTest::mouseClick(wizard.button(QWizard::CancelButton), Qt::LeftButton);
    QVERIFY(wizard.isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(CsvImportWizard::ReportPage), 60000);
    QVERIFY(wizard.report() && wizard.report()->cancelled);
    QCOMPARE(wizard.report()->imported % 10000, 0);
    QCOMPARE(countRows(m_dbPath, QStringLiteral("products")), wizard.report()->imported);
}

void tst_CsvImport::mappingFlagsMissingRequiredField()
{
    const QString csvPath = writeCsv(QStringLiteral("partial.csv"), "title;cost\nLamp;12,5\n");
    QVERIFY(!csvPath.isEmpty());
    CsvImportWizard wizard(m_project, QStringLiteral("products"), m_dbPath);
    wizard.show();
    wizard.setFilePath(csvPath);
    QCOMPARE(wizard.findChild<QComboBox *>(QStringLiteral("delimiter"))->currentData().toString(), QStringLiteral(";"));
    clickNext(wizard);
    auto *problem = wizard.findChild<QLabel *>(QStringLiteral("mappingProblem"));
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains(QLatin1String("name, slug, price")), qPrintable(problem->text()));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    auto *first = wizard.findChild<QComboBox *>(QStringLiteral("field0"));
    first->setCurrentIndex(first->findData(QStringLiteral("name")));
    QVERIFY(problem->text().contains(QLatin1String("slug, price")));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
}

QTEST_MAIN(tst_CsvImport)
#include "tst_csvimport.moc"
