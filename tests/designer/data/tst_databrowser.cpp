// SPDX-License-Identifier: GPL-3.0-or-later
// Tests the data browser (RowsModel, DataBrowser, TableExport) against a real in-process runtime, and CsvWriter.
#include "csv/csvwriter.h"
#include "data/databrowser.h"
#include "data/rowsmodel.h"
#include "data/tableexport.h"
#include "http/server.h"
#include "model/project.h"
#include "testsupport.h"

#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialog>
#include <QDoubleSpinBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>

using namespace Designer;

namespace {
constexpr int s_rows = 100000;
constexpr int s_timeout = 20000;
// A deep page of a sorted 100,000-row table (SQLite sorts them all for it): the model itself gives a page up
// after 30 s. Twice, with a full CI build running beside the tests, it took more than 20 s.
constexpr int s_deepPageTimeout = 30000;

// Returns the first column of every row \a sql selects, as text.
QStringList column(const QString &sql)
{
    QSqlQuery query(QSqlDatabase::database(QStringLiteral("check")));
    if (!query.exec(sql))
        qWarning() << query.lastError().text() << sql;
    QStringList values;
    while (query.next())
        values << query.value(0).toString();
    return values;
}

QString scalar(const QString &sql)
{
    return column(sql).value(0);
}

// Returns the cell editor open in \a view, or nullptr.
QLineEdit *openEditor(QTableView *view)
{
    for (QLineEdit *child : view->viewport()->findChildren<QLineEdit *>()) {
        if (child->isVisible())
            return child;
    }
    return nullptr;
}
} // namespace

class TestDataBrowser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void csvWriterQuoting_data();
    void csvWriterQuoting();
    void notRunningShowsMessage();
    void firstPageAppears();
    void scrollingFetchesDeepPage();
    void pagesStayBounded();
    void sortAndFilter_data();
    void sortAndFilter();
    void invalidFilterExplains();
    void editCellPersists();
    void invalidEditShowsError_data();
    void invalidEditShowsError();
    void refusedEditKeepsTyped();
    void sortArrowInHeader();
    void filterAppliesWhileTyping();
    void toggleBoolean();
    void addRow();
    void addRowTypedEditors();
    void deleteRows();
    void exportView_data();
    void exportView();
    void cancelledExportKeepsFile();

private:
    void showItems();
    void waitLoaded();
    QModelIndex cell(int row, const QString &name) const;
    void typeFilter(int column, const QString &text);
    QString editCell(int row, const QString &name, const QString &text);

    QTemporaryDir m_dir;
    QString m_dbPath;
    std::shared_ptr<Runtime::Project> m_project;
    std::unique_ptr<Runtime::Server> m_server;
    RunTarget m_target;
    std::unique_ptr<DataBrowser> m_browser;
};

void TestDataBrowser::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_dbPath = m_dir.filePath(QStringLiteral("browser.sqlite"));
    m_project = TestSupport::itemsProject();
    QString error;
    m_server = TestSupport::startItemsServer(m_project, m_dbPath, s_rows, &error);
    QVERIFY2(m_server, qPrintable(error));
    // The tests compare what the browser shows with the database itself, through this connection.
    QSqlDatabase check = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
    check.setDatabaseName(m_dbPath);
    QVERIFY(check.open());
    m_target.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port()));
    m_target.anonKey = TestSupport::anonKey();
    m_target.serviceKey = TestSupport::serviceKey();
    m_target.project = m_project;
    m_target.databasePath = m_dbPath;
    m_browser = std::make_unique<DataBrowser>();
    m_browser->resize(1000, 600);
    m_browser->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_browser.get()));
}

void TestDataBrowser::cleanupTestCase()
{
    if (m_browser && qEnvironmentVariableIsSet("BASALT_SCREENSHOT"))
        m_browser->grab().save(qEnvironmentVariable("BASALT_SCREENSHOT"));
    m_browser.reset();
    m_server.reset();
    QSqlDatabase::database(QStringLiteral("check")).close();
}

void TestDataBrowser::csvWriterQuoting_data()
{
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << QStringList {u"a"_qs, u"b c"_qs, QString()} << QByteArray("a,b c,\r\n");
    QTest::newRow("delimiter") << QStringList {u"a,b"_qs, u"c"_qs} << QByteArray("\"a,b\",c\r\n");
    QTest::newRow("quote doubled") << QStringList {u"say \"hi\""_qs} << QByteArray("\"say \"\"hi\"\"\"\r\n");
    QTest::newRow("line breaks") << QStringList {u"a\nb"_qs, u"c\rd"_qs} << QByteArray("\"a\nb\",\"c\rd\"\r\n");
    QTest::newRow("edge spaces") << QStringList {u" a"_qs, u"b "_qs, u"c d"_qs} << QByteArray("\" a\",\"b \",c d\r\n");
    QTest::newRow("utf-8") << QStringList {u"Grüße"_qs} << QByteArray("Gr\xc3\xbc\xc3\x9f" "e\r\n");
}

void TestDataBrowser::csvWriterQuoting()
{
    QFETCH(QStringList, fields);
    QFETCH(QByteArray, expected);
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    Runtime::CsvWriter writer(&buffer);
    writer.writeRow(fields);
    QVERIFY(writer.ok());
    QCOMPARE(buffer.data(), expected);

    QBuffer semicolons;
    QVERIFY(semicolons.open(QIODevice::WriteOnly));
    Runtime::CsvWriter other(&semicolons, QLatin1Char(';'));
    other.writeRow({u"a;b"_qs, u"c,d"_qs});
    QCOMPARE(semicolons.data(), QByteArray("\"a;b\";c,d\r\n"));

    QBuffer closed; // not open: the write fails and ok() says so
    QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (QBuffer): device not open");
    Runtime::CsvWriter failing(&closed);
    failing.writeRow({u"a"_qs});
    QVERIFY(!failing.ok());
}

void TestDataBrowser::notRunningShowsMessage()
{
    DataBrowser browser;
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    const QList<QLabel *> labels = browser.findChildren<QLabel *>();
    const auto shown = std::find_if(labels.begin(), labels.end(), [](QLabel *label) {
        return label->isVisible() && label->text().contains(QLatin1String("Press Run"));
    });
    QVERIFY(shown != labels.end());
    QVERIFY(!browser.view()->isVisible());
    QCOMPARE(browser.model()->rowCount(), 0);
}

void TestDataBrowser::showItems()
{
    m_browser->setTarget(m_target);
    m_browser->setTable(QStringLiteral("items"));
    waitLoaded();
}

void TestDataBrowser::waitLoaded()
{
    RowsModel *model = m_browser->model();
    QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && (model->rowCount() == 0 || model->isRowLoaded(0)), s_timeout);
    QVERIFY2(model->loadError().isEmpty(), qPrintable(model->loadError()));
}

QModelIndex TestDataBrowser::cell(int row, const QString &name) const
{
    RowsModel *model = m_browser->model();
    return model->index(row, int(model->columnNames().indexOf(name)));
}

void TestDataBrowser::firstPageAppears()
{
    showItems();
    RowsModel *model = m_browser->model();
    QCOMPARE(model->rowCount(), s_rows);
    QCOMPARE(model->columnNames(), QStringList({u"id"_qs, u"name"_qs, u"quantity"_qs, u"price"_qs, u"active"_qs, u"meta"_qs}));
    QCOMPARE(model->data(cell(0, u"name"_qs)).toString(), scalar(u"SELECT name FROM items ORDER BY id LIMIT 1"_qs));
    QCOMPARE(model->data(cell(2, u"active"_qs), Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(model->data(cell(4, u"meta"_qs)).toString(), u"NULL"_qs);
    QVERIFY(model->data(cell(4, u"meta"_qs), RowsModel::IsNullRole).toBool());
    QCOMPARE(model->data(cell(0, u"meta"_qs)).toString(), u"{\"n\":1,\"tag\":\"a,b \\\"q\\\"\"}"_qs);
    QVERIFY(!model->isRowLoaded(60000));
    QCOMPARE(model->data(model->index(60000, 1)).toString(), u"…"_qs);
    const QLocale locale;
    QTRY_VERIFY(m_browser->rangeText().startsWith(u"1–"_qs));
    QVERIFY2(m_browser->rangeText().endsWith(u" of "_qs + locale.toString(s_rows)), qPrintable(m_browser->rangeText()));
}

void TestDataBrowser::scrollingFetchesDeepPage()
{
    showItems();
    RowsModel *model = m_browser->model();
    QSignalSpy pages(model, &RowsModel::pageLoaded);
    m_browser->view()->scrollTo(model->index(50000, 0), QAbstractItemView::PositionAtTop);
    QTRY_VERIFY_WITH_TIMEOUT(model->isRowLoaded(50000), s_timeout);
    QVERIFY(pages.contains(QVariantList {50000 / model->pageSize()}));
    QCOMPARE(model->data(cell(50000, u"name"_qs)).toString(),
        scalar(u"SELECT name FROM items ORDER BY id LIMIT 1 OFFSET 50000"_qs));
    QTRY_VERIFY(m_browser->rangeText().startsWith(QLocale().toString(50001) + u"–"_qs));
}

void TestDataBrowser::pagesStayBounded()
{
    showItems();
    RowsModel *model = m_browser->model();
    model->setMaxCachedPages(3);
    for (int row : {10000, 20000, 30000, 40000, 70000, 99990}) {
        m_browser->view()->scrollTo(model->index(row, 0), QAbstractItemView::PositionAtTop);
        QTRY_VERIFY_WITH_TIMEOUT(model->isRowLoaded(row), s_timeout);
        QVERIFY(model->cachedPageCount() <= 3);
    }
    QVERIFY(!model->isRowLoaded(10000));
    model->setMaxCachedPages(RowsModel::DefaultMaxCachedPages);
    m_browser->view()->scrollToTop();
}

void TestDataBrowser::typeFilter(int columnIndex, const QString &text)
{
    auto *editor = qobject_cast<QLineEdit *>(m_browser->filterEditor(columnIndex));
    QVERIFY(editor);
    QVERIFY(editor->isVisible());
    editor->setFocus();
    editor->selectAll();
    if (text.isEmpty())
        QTest::keyClick(editor, Qt::Key_Delete);
    else
        QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
}

void TestDataBrowser::sortAndFilter_data()
{
    QTest::addColumn<QStringList>("filters"); // "column=typed text"
    QTest::addColumn<QString>("sortColumn");  // empty: default order
    QTest::addColumn<bool>("descending");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("orderBy");
    QTest::newRow("sort quantity asc") << QStringList() << u"quantity"_qs << false << u"1"_qs << u"quantity, id"_qs;
    QTest::newRow("sort price desc") << QStringList() << u"price"_qs << true << u"1"_qs << u"price DESC NULLS FIRST, id"_qs;
    QTest::newRow("text contains") << QStringList {u"name=EM 77"_qs} << QString() << false
                                   << u"name LIKE '%em 77%'"_qs << u"id"_qs;
    QTest::newRow("greater, sorted") << QStringList {u"quantity=>95"_qs} << u"price"_qs << false
                                     << u"quantity > 95"_qs << u"price, id"_qs;
    QTest::newRow("two filters") << QStringList {u"quantity=<=3"_qs, u"active=true"_qs} << QString() << false
                                 << u"quantity <= 3 AND active = 1"_qs << u"id"_qs;
    QTest::newRow("not equal") << QStringList {u"quantity=!=0"_qs, u"price=<2"_qs} << QString() << false
                               << u"quantity <> 0 AND price < 2"_qs << u"id"_qs;
    QTest::newRow("null") << QStringList {u"meta=null"_qs, u"quantity=7"_qs} << QString() << false
                          << u"meta IS NULL AND quantity = 7"_qs << u"id"_qs;
    QTest::newRow("not null") << QStringList {u"meta=!null"_qs, u"quantity=7"_qs} << QString() << false
                              << u"meta IS NOT NULL AND quantity = 7"_qs << u"id"_qs;
    QTest::newRow("nothing matches") << QStringList {u"name=no such item"_qs} << QString() << false << u"0"_qs << u"id"_qs;
}

void TestDataBrowser::sortAndFilter()
{
    QFETCH(QStringList, filters);
    QFETCH(QString, sortColumn);
    QFETCH(bool, descending);
    QFETCH(QString, where);
    QFETCH(QString, orderBy);
    showItems();
    RowsModel *model = m_browser->model();
    for (const QString &filter : filters) {
        const QString name = filter.section(QLatin1Char('='), 0, 0);
        typeFilter(int(model->columnNames().indexOf(name)), filter.section(QLatin1Char('='), 1));
        waitLoaded();
    }
    if (!sortColumn.isEmpty()) {
        QHeaderView *header = m_browser->view()->horizontalHeader();
        const int section = int(model->columnNames().indexOf(sortColumn));
        const QPoint click(header->sectionViewportPosition(section) + header->sectionSize(section) / 2, 5);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, click);
        waitLoaded();
        if (descending != (model->sortOrder() == Qt::DescendingOrder)) {
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, click);
            waitLoaded();
        }
        QCOMPARE(model->sortColumn(), section);
    }
    const QStringList expected = column(u"SELECT id FROM items WHERE %1 ORDER BY %2"_qs.arg(where, orderBy));
    QCOMPARE(model->rowCount(), expected.size());
    const int checked = qMin<int>(int(expected.size()), model->pageSize());
    for (int row = 0; row < checked; ++row)
        QCOMPARE(model->data(cell(row, u"id"_qs)).toString(), expected.at(row));
    if (expected.size() > model->pageSize() * 2) { // a later page of the same query, in the same order
        const int row = int(expected.size()) - 1;
        m_browser->view()->scrollTo(model->index(row, 0));
        QTRY_VERIFY_WITH_TIMEOUT(model->isRowLoaded(row) || !model->loadError().isEmpty(), s_deepPageTimeout);
        QVERIFY2(model->isRowLoaded(row), qPrintable(model->loadError()));
        QCOMPARE(model->data(cell(row, u"id"_qs)).toString(), expected.at(row));
    }
    for (const QString &filter : filters)
        typeFilter(int(model->columnNames().indexOf(filter.section(QLatin1Char('='), 0, 0))), QString());
    waitLoaded();
    QCOMPARE(model->rowCount(), scalar(u"SELECT count(*) FROM items"_qs).toInt());
}

void TestDataBrowser::invalidFilterExplains()
{
    showItems();
    RowsModel *model = m_browser->model();
    auto *editor = qobject_cast<QLineEdit *>(m_browser->filterEditor(2));
    QVERIFY(editor->toolTip().contains(u">5"_qs));
    typeFilter(2, u"lots"_qs); // quantity is an integer
    QTRY_VERIFY_WITH_TIMEOUT(!model->loadError().isEmpty(), s_timeout);
    QCOMPARE(model->rowCount(), 0);
    QVERIFY2(m_browser->statusText().contains(u"quantity"_qs), qPrintable(m_browser->statusText()));
    QVERIFY(m_browser->statusText().contains(u"lots"_qs));
    typeFilter(2, QString());
    waitLoaded();
    QCOMPARE(model->rowCount(), scalar(u"SELECT count(*) FROM items"_qs).toInt());
    QVERIFY(m_browser->statusText().isEmpty());
}

QString TestDataBrowser::editCell(int row, const QString &name, const QString &text)
{
    RowsModel *model = m_browser->model();
    QTableView *view = m_browser->view();
    const QModelIndex index = cell(row, name);
    view->setCurrentIndex(index);
    view->setFocus();
    QSignalSpy written(model, &RowsModel::writeFinished);
    QTest::keyClick(view, Qt::Key_F2);
    QLineEdit *editor = openEditor(view);
    if (!editor)
        return u"no editor opened"_qs;
    editor->selectAll();
    if (text.isEmpty())
        QTest::keyClick(editor, Qt::Key_Delete);
    else
        QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    if (!written.wait(s_timeout) && written.isEmpty())
        return u"no answer"_qs;
    return written.first().at(0).toBool() ? QString() : written.first().at(1).toString();
}

void TestDataBrowser::editCellPersists()
{
    showItems();
    RowsModel *model = m_browser->model();
    const QString id = model->data(cell(1, u"id"_qs)).toString();
    QCOMPARE(editCell(1, u"quantity"_qs, u"4242"_qs), QString());
    QCOMPARE(scalar(u"SELECT quantity FROM items WHERE id = %1"_qs.arg(id)), u"4242"_qs);
    QCOMPARE(model->data(cell(1, u"quantity"_qs)).toString(), u"4242"_qs);
    QCOMPARE(editCell(1, u"name"_qs, u"renamed, \"quoted\""_qs), QString());
    QCOMPARE(scalar(u"SELECT name FROM items WHERE id = %1"_qs.arg(id)), u"renamed, \"quoted\""_qs);
    QCOMPARE(editCell(1, u"meta"_qs, u"[1, {\"b\": null}]"_qs), QString());
    QCOMPARE(QJsonDocument::fromJson(scalar(u"SELECT meta FROM items WHERE id = %1"_qs.arg(id)).toUtf8()),
        QJsonDocument::fromJson("[1,{\"b\":null}]"));
    QCOMPARE(editCell(1, u"price"_qs, QString()), QString()); // empty: NULL
    QVERIFY(column(u"SELECT price FROM items WHERE id = %1 AND price IS NULL"_qs.arg(id)).size() == 1);
    QVERIFY(model->data(cell(1, u"price"_qs), RowsModel::IsNullRole).toBool());
}

void TestDataBrowser::invalidEditShowsError_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("message"); // a part of the error shown on the cell
    QTest::newRow("text into integer") << u"quantity"_qs << u"many"_qs << u"quantity"_qs;
    QTest::newRow("required emptied") << u"name"_qs << QString() << u"name"_qs;
    QTest::newRow("below minimum") << u"price"_qs << u"-5"_qs << u"at least 0"_qs;
    QTest::newRow("invalid json") << u"meta"_qs << u"{oops"_qs << u"JSON"_qs;
}

void TestDataBrowser::invalidEditShowsError()
{
    QFETCH(QString, field);
    QFETCH(QString, typed);
    QFETCH(QString, message);
    showItems();
    RowsModel *model = m_browser->model();
    const int row = 7;
    const QString id = model->data(cell(row, u"id"_qs)).toString();
    const QString sql = u"SELECT quote(%1) FROM items WHERE id = %2"_qs.arg(field, id);
    const QString before = scalar(sql);
    const QString shown = model->data(cell(row, field)).toString();
    const QString error = editCell(row, field, typed);
    QVERIFY2(error.contains(message, Qt::CaseInsensitive), qPrintable(error));
    QCOMPARE(scalar(sql), before);
    // The cell keeps what was typed; its tooltip gives the reason and the value the database kept.
    QCOMPARE(model->data(cell(row, field)).toString(), typed);
    QCOMPARE(model->data(cell(row, field), RowsModel::ErrorRole).toString(), error);
    QVERIFY(model->data(cell(row, field), Qt::ToolTipRole).toString().contains(error));
    QVERIFY(model->data(cell(row, field), Qt::ToolTipRole).toString().contains(shown));
    QVERIFY(model->data(cell(row, field), Qt::BackgroundRole).isValid());
    QVERIFY(m_browser->statusText().contains(error));
    if (qEnvironmentVariableIsSet("BASALT_SCREENSHOT"))
        m_browser->grab().save(qEnvironmentVariable("BASALT_SCREENSHOT").replace(u".png"_qs, u"-error.png"_qs));
    // The error stays until the next edit of the cell, which clears it when it succeeds.
    model->refresh();
    waitLoaded();
    QCOMPARE(model->data(cell(row, field), RowsModel::ErrorRole).toString(), error);
    QCOMPARE(editCell(row, field, field == u"meta"_qs ? u"{}"_qs : u"12"_qs), QString());
    QVERIFY(model->data(cell(row, field), RowsModel::ErrorRole).toString().isEmpty());
    QVERIFY(!model->data(cell(row, field), Qt::ToolTipRole).isValid());
}

void TestDataBrowser::refusedEditKeepsTyped()
{
    showItems();
    RowsModel *model = m_browser->model();
    QTableView *view = m_browser->view();
    const int row = 3;
    const QString before = model->data(cell(row, u"price"_qs)).toString();
    const QString error = editCell(row, u"price"_qs, u"-12.5"_qs);
    QVERIFY2(error.contains(u"at least 0"_qs), qPrintable(error));
    // Not put back silently: the typed value stays in the cell, the reason beside it in the status line.
    QCOMPARE(model->data(cell(row, u"price"_qs)).toString(), u"-12.5"_qs);
    QVERIFY(m_browser->statusText().contains(error));
    QVERIFY(model->data(cell(row, u"price"_qs), Qt::DecorationRole).isValid());
    // Editing again starts from what was typed, so a slip is corrected rather than typed again.
    view->setCurrentIndex(cell(row, u"price"_qs));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_F2);
    QLineEdit *editor = openEditor(view);
    QVERIFY(editor);
    QCOMPARE(editor->text(), u"-12.5"_qs);
    QTest::keyClick(editor, Qt::Key_Escape);
    QCOMPARE(model->data(cell(row, u"price"_qs)).toString(), u"-12.5"_qs);
    // A good value replaces it, and the cell shows what the database holds.
    QCOMPARE(editCell(row, u"price"_qs, u"12.5"_qs), QString());
    QCOMPARE(model->data(cell(row, u"price"_qs)).toString(), u"12.5"_qs);
    QVERIFY(model->data(cell(row, u"price"_qs), RowsModel::ErrorRole).toString().isEmpty());
    QVERIFY(before != u"-12.5"_qs);
}

void TestDataBrowser::sortArrowInHeader()
{
    showItems();
    RowsModel *model = m_browser->model();
    QHeaderView *header = m_browser->view()->horizontalHeader();
    const int section = int(model->columnNames().indexOf(u"quantity"_qs));
    const QPoint click(header->sectionViewportPosition(section) + header->sectionSize(section) / 2, 5);
    QCOMPARE(header->sortIndicatorSection(), -1); // the table's own order: no arrow
    for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, click);
        waitLoaded();
        QCOMPARE(model->sortColumn(), section);
        QCOMPARE(model->sortOrder(), order);
        // The arrow is drawn in the sorted section, pointing the way of the order, after the rows came.
        QVERIFY(header->isSortIndicatorShown());
        QCOMPARE(header->sortIndicatorSection(), section);
        QCOMPARE(header->sortIndicatorOrder(), order);
        const QRect rect(header->sectionViewportPosition(section), 0, header->sectionSize(section),
            header->viewport()->height());
        const QImage image = header->viewport()->grab(rect).toImage();
        const QColor background = image.pixelColor(2, image.height() / 2);
        int differing = 0;
        // The name is centred; an arrow adds drawn pixels beside or above it.
        const int textWidth = header->fontMetrics().horizontalAdvance(u"quantity"_qs);
        for (int x = 0; x < image.width(); ++x) {
            if (qAbs(x - image.width() / 2) <= textWidth / 2 + 2)
                continue;
            for (int y = 2; y < image.height() - 2; ++y)
                differing += image.pixelColor(x, y) != background ? 1 : 0;
        }
        QVERIFY2(differing > 6, qPrintable(QString::number(differing)));
    }
    // Another table starts in its own order again, without an arrow.
    m_browser->setTable(u"items"_qs);
    waitLoaded();
    QCOMPARE(header->sortIndicatorSection(), -1);
}

void TestDataBrowser::filterAppliesWhileTyping()
{
    showItems();
    RowsModel *model = m_browser->model();
    auto *editor = qobject_cast<QLineEdit *>(m_browser->filterEditor(1));
    QVERIFY(editor);
    editor->setFocus();
    // No Return and no leaving the field: the filter applies once the typing pauses.
    QTest::keyClicks(editor, u"EM 77"_qs);
    QTRY_COMPARE(model->filterText(1), u"EM 77"_qs);
    waitLoaded();
    QCOMPARE(model->rowCount(), scalar(u"SELECT count(*) FROM items WHERE name LIKE '%em 77%'"_qs).toInt());
    // The clear button empties it, and all rows come back without more keys.
    editor->clear();
    emit editor->textEdited(QString()); // as the clear button does
    QTRY_COMPARE(model->filterText(1), QString());
    waitLoaded();
    QCOMPARE(model->rowCount(), scalar(u"SELECT count(*) FROM items"_qs).toInt());
}

void TestDataBrowser::toggleBoolean()
{
    showItems();
    RowsModel *model = m_browser->model();
    const QModelIndex index = cell(0, u"active"_qs);
    const QString id = model->data(cell(0, u"id"_qs)).toString();
    const bool was = model->data(index, Qt::CheckStateRole).toInt() == Qt::Checked;
    QSignalSpy written(model, &RowsModel::writeFinished);
    QTableView *view = m_browser->view();
    const QRect rect = view->visualRect(index);
    // The check box sits at the left of the cell.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, QPoint(rect.left() + 10, rect.center().y()));
    QVERIFY(written.wait(s_timeout));
    QVERIFY(written.first().at(0).toBool());
    QCOMPARE(scalar(u"SELECT active FROM items WHERE id = %1"_qs.arg(id)), was ? u"0"_qs : u"1"_qs);
    QCOMPARE(model->data(index, Qt::CheckStateRole).toInt(), int(was ? Qt::Unchecked : Qt::Checked));
}

void TestDataBrowser::addRow()
{
    showItems();
    RowsModel *model = m_browser->model();
    const int before = model->rowCount();
    const QList<QPushButton *> buttons = m_browser->findChildren<QPushButton *>();
    QPushButton *button = *std::find_if(buttons.begin(), buttons.end(), [](QPushButton *b) { return b->text().startsWith(u"Add row"_qs); });
    QTest::mouseClick(button, Qt::LeftButton);
    auto *dialog = m_browser->findChild<QDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(!dialog->findChild<QWidget *>(u"id"_qs)); // filled by the database
    // Without the required name the runtime refuses; the dialog stays open with its message.
    auto *quantity = dialog->findChild<QDoubleSpinBox *>(u"quantity"_qs);
    QVERIFY(quantity);
    quantity->setFocus();
    quantity->selectAll(); // as focusing it does when it says "default"
    QTest::keyClicks(quantity, u"5"_qs);
    QTest::keyClick(quantity, Qt::Key_Return);
    QTRY_VERIFY(std::ranges::any_of(dialog->findChildren<QLabel *>(), [](QLabel *label) {
        return label->isVisible() && label->text().contains(u"name"_qs);
    }));
    QVERIFY(dialog->isVisible());
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"name"_qs), u"added row"_qs);
    QTest::mouseClick(dialog->findChild<QCheckBox *>(u"active"_qs), Qt::LeftButton);
    QTest::keyClick(dialog->findChild<QLineEdit *>(u"name"_qs), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!m_browser->findChild<QDialog *>() || !dialog->isVisible(), s_timeout);
    QCOMPARE(column(u"SELECT quantity || '/' || active FROM items WHERE name = 'added row'"_qs), QStringList {u"5/1"_qs});
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), before + 1, s_timeout);
}

void TestDataBrowser::addRowTypedEditors()
{
    // A project of every kind of field, not running: the form is made from the project alone.
    auto project = std::make_shared<Runtime::Project>();
    Runtime::Table things;
    things.id = u"tbl_things"_qs;
    things.name = u"things"_qs;
    const auto add = [&things](const QString &name, Runtime::FieldType type, bool required = false) {
        Runtime::Field field;
        field.id = u"fld_"_qs + name;
        field.name = name;
        field.type = type;
        field.required = required;
        if (type == Runtime::FieldType::Enum)
            field.enumValues = {u"draft"_qs, u"published"_qs};
        things.fields.push_back(field);
    };
    add(u"id"_qs, Runtime::FieldType::Integer);
    things.fields.back().primaryKey = Runtime::PrimaryKeyKind::AutoIncrement;
    add(u"title_of_the_thing_in_full"_qs, Runtime::FieldType::Text, true);
    add(u"count"_qs, Runtime::FieldType::Integer);
    add(u"weight"_qs, Runtime::FieldType::Number);
    add(u"visible"_qs, Runtime::FieldType::Boolean);
    add(u"due_on"_qs, Runtime::FieldType::Date);
    add(u"published_at"_qs, Runtime::FieldType::DateTime);
    add(u"status"_qs, Runtime::FieldType::Enum, true);
    add(u"contact"_qs, Runtime::FieldType::Email);
    project->tables.push_back(things);
    RunTarget target;
    target.baseUrl = QUrl(u"http://127.0.0.1:9"_qs); // nothing answers: the rows fail to load, the form is there
    target.serviceKey = TestSupport::serviceKey();
    target.project = project;
    DataBrowser browser;
    browser.resize(900, 500);
    browser.show();
    browser.setTarget(target);
    browser.addRow();
    auto *dialog = browser.findChild<QDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(!dialog->findChild<QWidget *>(u"id"_qs));
    QVERIFY(dialog->findChild<QLineEdit *>(u"title_of_the_thing_in_full"_qs));
    QVERIFY(dialog->findChild<QLineEdit *>(u"contact"_qs));
    auto *count = dialog->findChild<QDoubleSpinBox *>(u"count"_qs);
    QVERIFY(count);
    QCOMPARE(count->decimals(), 0);
    auto *weight = dialog->findChild<QDoubleSpinBox *>(u"weight"_qs);
    QVERIFY(weight);
    QVERIFY(weight->decimals() > 0);
    QVERIFY(dialog->findChild<QCheckBox *>(u"visible"_qs));
    auto *due = dialog->findChild<QDateTimeEdit *>(u"due_on"_qs);
    QVERIFY(due);
    QVERIFY(!due->displayFormat().contains(u"HH"_qs));
    auto *published = dialog->findChild<QDateTimeEdit *>(u"published_at"_qs);
    QVERIFY(published);
    QVERIFY(published->displayFormat().contains(u"HH"_qs));
    auto *status = dialog->findChild<QComboBox *>(u"status"_qs);
    QVERIFY(status);
    QCOMPARE(status->count(), 3); // "required", then the values
    QCOMPARE(status->itemText(2), u"published"_qs);
    // Unset optional numbers and dates say they take the default; required ones say so.
    QCOMPARE(count->text(), count->specialValueText());
    QCOMPARE(due->text(), due->specialValueText());
    QVERIFY(status->currentText() != u"draft"_qs);
    // Sized to its fields: every editor and every label is whole, the hints of the text fields too.
    for (QWidget *editor : dialog->findChildren<QWidget *>()) {
        if (editor->objectName().isEmpty() || !editor->isVisible() || editor->parentWidget() == dialog)
            continue;
        QVERIFY2(editor->width() >= editor->minimumSizeHint().width(), qPrintable(editor->objectName()));
        if (auto *line = qobject_cast<QLineEdit *>(editor))
            QVERIFY2(line->width() > line->fontMetrics().horizontalAdvance(line->placeholderText()),
                qPrintable(line->placeholderText()));
    }
    for (QLabel *label : dialog->findChildren<QLabel *>()) {
        if (label->isVisible())
            QVERIFY2(label->width() >= label->sizeHint().width(), qPrintable(label->text()));
    }
    dialog->reject();
}

void TestDataBrowser::deleteRows()
{
    showItems();
    RowsModel *model = m_browser->model();
    QTableView *view = m_browser->view();
    const int before = model->rowCount();
    const QString first = model->data(cell(2, u"id"_qs)).toString();
    const QString second = model->data(cell(4, u"id"_qs)).toString();
    view->selectionModel()->select(model->index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    view->selectionModel()->select(model->index(4, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const QList<QPushButton *> buttons = m_browser->findChildren<QPushButton *>();
    QPushButton *button = *std::find_if(buttons.begin(), buttons.end(), [](QPushButton *b) { return b->text() == u"Delete rows"_qs; });
    QVERIFY(button->isEnabled());
    bool asked = false;
    QTimer answer; // answers the confirmation once it is shown
    connect(&answer, &QTimer::timeout, this, [&asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || asked)
            return;
        asked = box->text().contains(u"Delete 2 row"_qs);
        box->button(QMessageBox::Yes)->click();
    });
    answer.start(20);
    QTest::mouseClick(button, Qt::LeftButton);
    answer.stop();
    QVERIFY(asked);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), before - 2, s_timeout);
    QVERIFY(column(u"SELECT id FROM items WHERE id IN (%1, %2)"_qs.arg(first, second)).isEmpty());
    waitLoaded();
    QCOMPARE(model->data(cell(2, u"id"_qs)).toString(), scalar(u"SELECT id FROM items ORDER BY id LIMIT 1 OFFSET 2"_qs));
}

void TestDataBrowser::exportView_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("currentView");
    QTest::newRow("csv of the view") << u"view.csv"_qs << true;
    QTest::newRow("json of the view") << u"view.json"_qs << true;
    QTest::newRow("csv of the table") << u"table.csv"_qs << false;
}

void TestDataBrowser::exportView()
{
    QFETCH(QString, file);
    QFETCH(bool, currentView);
    showItems();
    RowsModel *model = m_browser->model();
    typeFilter(2, u">97"_qs); // quantity
    waitLoaded();
    model->sort(3, Qt::DescendingOrder); // price
    waitLoaded();
    const QString path = m_dir.filePath(file);
    TableExport *job = m_browser->exportTo(path, currentView);
    QVERIFY(job);
    job->setPageSize(500); // several pages
    QSignalSpy done(job, &TableExport::finished);
    QVERIFY(done.wait(60000));
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    const QString where = currentView ? u"quantity > 97"_qs : u"1"_qs;
    const QString order = currentView ? u"price DESC NULLS FIRST, id"_qs : u"id"_qs;
    QSqlQuery query(QSqlDatabase::database(u"check"_qs));
    QVERIFY(query.exec(u"SELECT id, name, quantity, price, active, meta FROM items WHERE %1 ORDER BY %2"_qs.arg(where, order)));
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray bytes = written.readAll();
    if (file.endsWith(u".json"_qs)) {
        QVERIFY(bytes.startsWith("[\n{\"id\":"));
        const QJsonArray rows = QJsonDocument::fromJson(bytes).array();
        int row = 0;
        for (; query.next(); ++row) {
            const QJsonObject object = rows.at(row).toObject();
            QCOMPARE(object.keys().size(), 6);
            QCOMPARE(object.value(u"id"_qs).toInteger(), query.value(0).toLongLong());
            QCOMPARE(object.value(u"name"_qs).toString(), query.value(1).toString());
            QCOMPARE(object.value(u"price"_qs).toDouble(), query.value(3).toDouble());
            QCOMPARE(object.value(u"active"_qs).toBool(), query.value(4).toBool());
            QCOMPARE(object.value(u"meta"_qs), QJsonDocument::fromJson("[" + query.value(5).toByteArray() + "]").array().at(0));
        }
        QCOMPARE(rows.size(), row);
        return;
    }
    QBuffer expected;
    QVERIFY(expected.open(QIODevice::WriteOnly));
    Runtime::CsvWriter writer(&expected);
    writer.writeRow(model->columnNames());
    while (query.next()) {
        writer.writeRow({query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
            query.isNull(3) ? QString() : QString::number(query.value(3).toDouble(), 'g', QLocale::FloatingPointShortest),
            query.value(4).toBool() ? u"true"_qs : u"false"_qs, query.value(5).toString()});
    }
    QCOMPARE(bytes.count("\r\n"), expected.data().count("\r\n"));
    QCOMPARE(bytes, expected.data());
}

void TestDataBrowser::cancelledExportKeepsFile()
{
    showItems();
    const QString path = m_dir.filePath(u"kept.csv"_qs);
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old contents\n");
    }
    TableExport *job = m_browser->exportTo(path, false);
    QVERIFY(job);
    job->setPageSize(100);
    QSignalSpy progress(job, &TableExport::progressChanged);
    QSignalSpy done(job, &TableExport::finished);
    QVERIFY(progress.wait(s_timeout));
    QVERIFY(progress.first().at(1).toLongLong() > 1000); // the total is known from the first page
    job->cancel();
    QCOMPARE(done.size(), 1);
    QVERIFY(!done.first().at(0).toBool());
    QFile kept(path);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("old contents\n"));
    QVERIFY(m_browser->statusText().contains(u"cancelled"_qs));
}

QTEST_MAIN(TestDataBrowser)
#include "tst_databrowser.moc"
