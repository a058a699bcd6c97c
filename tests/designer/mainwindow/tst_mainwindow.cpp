// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the main window: opening projects shows their tables; a bad file shows the validator's messages.
#include "document/projectdocument.h"
#include "mainwindow/mainwindow.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

using Designer::MainWindow;

namespace {
const QStringList s_templates {
    QStringLiteral("ecommerce"), QStringLiteral("saas"), QStringLiteral("social"), QStringLiteral("chat")};

// Returns "name:field count" for each table of the project file \a fileName, read as plain JSON.
QStringList tablesInFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList tables;
    const QJsonArray array
        = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("tables")).toArray();
    for (const QJsonValue &table : array) {
        tables << table[QStringLiteral("name")].toString() + QLatin1Char(':')
                + QString::number(table[QStringLiteral("fields")].toArray().size());
    }
    return tables;
}

QStringList shownItems(const QTreeWidget *tree)
{
    QStringList items;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        items << tree->topLevelItem(i)->text(0) + QLatin1Char(':') + tree->topLevelItem(i)->text(1);
    return items;
}
} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void opensProject_data();
    void opensProject();
    void badFileShowsProblems();
};

void tst_MainWindow::opensProject_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("projectName");
    QTest::addColumn<QStringList>("tables");
    QTest::newRow("library") << QFINDTESTDATA("data/library.basalt") << QStringLiteral("Small Library")
                             << QStringList {QStringLiteral("authors:3"), QStringLiteral("books:4")};
    for (const QString &name : s_templates) {
        const QString file = TestSupport::templatePath(name);
        QFile json(file);
        const QString projectName = json.open(QIODevice::ReadOnly)
            ? QJsonDocument::fromJson(json.readAll()).object().value(QStringLiteral("name")).toString()
            : QString();
        QTest::newRow(qPrintable(name)) << file << projectName << tablesInFile(file);
    }
}

void tst_MainWindow::opensProject()
{
    QFETCH(QString, fileName);
    QFETCH(QString, projectName);
    QFETCH(QStringList, tables);
    QVERIFY2(QFile::exists(fileName), qPrintable(fileName));
    QVERIFY(!tables.isEmpty());

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(fileName));

    const auto *tableList = window.findChild<QTreeWidget *>(QStringLiteral("tableList"));
    QVERIFY(tableList);
    QCOMPARE(shownItems(tableList), tables);
    QVERIFY2(window.windowTitle().startsWith(projectName), qPrintable(window.windowTitle()));
    QVERIFY(!window.isWindowModified());
    QCOMPARE(window.document()->fileName(), QFileInfo(fileName).absoluteFilePath());

    // The first table is selected and its fields are listed.
    const auto *fieldList = window.findChild<QTreeWidget *>(QStringLiteral("fieldList"));
    QVERIFY(fieldList);
    QCOMPARE(tableList->currentItem(), tableList->topLevelItem(0));
    QCOMPARE(
        QString::number(fieldList->topLevelItemCount()), tables.constFirst().section(QLatin1Char(':'), 1));
}

void tst_MainWindow::badFileShowsProblems()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(QFINDTESTDATA("data/library.basalt")));

    QString shownText;
    QTimer poll;
    poll.setInterval(20);
    connect(&poll, &QTimer::timeout, &poll, [&]() {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        shownText = box->text() + QLatin1Char('\n') + box->informativeText();
        poll.stop();
        box->accept();
    });
    poll.start();
    QVERIFY(!window.openFile(QFINDTESTDATA("data/bad-type.basalt")));

    QVERIFY2(shownText.contains(QLatin1String("bad-type.basalt")), qPrintable(shownText));
    QVERIFY2(shownText.contains(QLatin1String("tables[0].fields[1].type: ")), qPrintable(shownText));
    // The project that was open stays open.
    QCOMPARE(window.document()->project().name, QStringLiteral("Small Library"));
    QCOMPARE(shownItems(window.findChild<QTreeWidget *>(QStringLiteral("tableList"))),
        (QStringList {QStringLiteral("authors:3"), QStringLiteral("books:4")}));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
