// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the main window: project tree, properties, table editor, problems, files, autosave, recovery.
#include "document/projectdocument.h"
#include "editors/fieldsmodel.h"
#include "editors/tableeditor.h"
#include "io/projectreader.h"
#include "io/projectwriter.h"
#include "mainwindow/fileactions.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/problemsdock.h"
#include "mainwindow/projecttree.h"
#include "testsupport.h"

#include <QComboBox>
#include <QDockWidget>
#include <QMimeData>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

using Designer::FieldsModel;
using Designer::FileActions;
using Designer::MainWindow;
using Designer::ProjectTree;

namespace {
const QStringList s_templates {
    QStringLiteral("ecommerce"), QStringLiteral("saas"), QStringLiteral("social"), QStringLiteral("chat")};

// Returns the table names of the project file \a fileName, read as plain JSON.
QStringList tablesInFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList tables;
    const QJsonArray array
        = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("tables")).toArray();
    for (const QJsonValue &table : array)
        tables << table[QStringLiteral("name")].toString();
    return tables;
}

QStringList shownTables(const MainWindow &window)
{
    const auto *tree = window.findChild<ProjectTree *>(QStringLiteral("projectTree"));
    QStringList names;
    const QTreeWidgetItem *group = tree->groupItem(ProjectTree::Group::Tables);
    for (int i = 0; i < group->childCount(); ++i)
        names << group->child(i)->text(0);
    return names;
}

QByteArray fileBytes(const QString &fileName)
{
    QFile file(fileName);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Opens the saas template and selects the table \a name through the project tree.
void openAndSelect(MainWindow &window, const QString &name)
{
    QVERIFY(window.openFile(TestSupport::templatePath(QStringLiteral("saas"))));
    auto *tree = window.findChild<ProjectTree *>(QStringLiteral("projectTree"));
    const Runtime::Table *table = window.document()->project().tableByName(name);
    QVERIFY(table);
    QTreeWidgetItem *item = tree->itemForId(table->id);
    QVERIFY(item);
    tree->setCurrentItem(item);
}
} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void opensProject_data();
    void opensProject();
    void badFileShowsProblems();
    void selectionFollowsTree();
    void renameInEditorIsOneStep();
    void fieldGridEditsAndUndoAll();
    void invalidNameShowsProblem();
    void saveAsAndReopen();
    void newFromTemplate();
    void autosaveAndRestore();
    void closeAsksWhenModified();
    void deleteOnlyWhereTablesArePicked();
    void remembersLayout();
    void screenshot();
};

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("basalt-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
}

void tst_MainWindow::init()
{
    QSettings().clear();
    for (const QString &file : FileActions::recoveryFiles())
        QFile::remove(file);
}

void tst_MainWindow::opensProject_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QStringList>("tables");
    QTest::newRow("library") << QFINDTESTDATA("data/library.basalt")
                             << QStringList {QStringLiteral("authors"), QStringLiteral("books")};
    for (const QString &name : s_templates) {
        const QString file = TestSupport::templatePath(name);
        QTest::newRow(qPrintable(name)) << file << tablesInFile(file);
    }
}

void tst_MainWindow::opensProject()
{
    QFETCH(QString, fileName);
    QFETCH(QStringList, tables);
    QVERIFY(!tables.isEmpty());

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(fileName));

    QCOMPARE(shownTables(window), tables);
    QVERIFY2(window.windowTitle().startsWith(window.document()->project().name), qPrintable(window.windowTitle()));
    QVERIFY(!window.isWindowModified());
    QCOMPARE(window.document()->fileName(), QFileInfo(fileName).absoluteFilePath());
    // Valid projects have no problems.
    const auto *problems = window.findChild<Designer::ProblemsDock *>(QStringLiteral("problemsDock"));
    QVERIFY(problems);
    QCOMPARE(problems->problemCount(), 0);
    QVERIFY(window.fileActions()->recentFiles().contains(window.document()->fileName()));
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
    QCOMPARE(window.document()->project().name, QStringLiteral("Small Library"));
    QCOMPARE(shownTables(window), (QStringList {QStringLiteral("authors"), QStringLiteral("books")}));
}

void tst_MainWindow::selectionFollowsTree()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    openAndSelect(window, QStringLiteral("projects"));
    const Runtime::ObjectId projectsId = window.document()->project().tableByName(QStringLiteral("projects"))->id;
    QCOMPARE(window.document()->selection(), QList<Runtime::ObjectId> {projectsId});
    auto *stack = window.findChild<QStackedWidget *>(QStringLiteral("propertiesStack"));
    QCOMPARE(stack->currentWidget(), window.tableEditor());
    QCOMPARE(window.tableEditor()->tableId(), projectsId);
    QCOMPARE(window.tableEditor()->findChild<QLineEdit *>(QStringLiteral("tableNameEdit"))->text(),
        QStringLiteral("projects"));

    // The other way: the document's selection selects the tree item.
    const Runtime::Table *tasks = window.document()->project().tableByName(QStringLiteral("tasks"));
    window.document()->setSelection({tasks->id});
    auto *tree = window.findChild<ProjectTree *>(QStringLiteral("projectTree"));
    QCOMPARE(tree->selectedItems().size(), 1);
    QCOMPARE(tree->selectedItems().constFirst()->text(0), QStringLiteral("tasks"));
    QCOMPARE(window.tableEditor()->tableId(), tasks->id);

    // A relationship shows its editor.
    const Runtime::ObjectId relationshipId = window.document()->project().relationships.front().id;
    tree->setCurrentItem(tree->itemForId(relationshipId));
    QCOMPARE(window.document()->selection(), QList<Runtime::ObjectId> {relationshipId});
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("relationshipEditor"));
}

void tst_MainWindow::renameInEditorIsOneStep()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    openAndSelect(window, QStringLiteral("projects"));
    auto *nameEdit = window.tableEditor()->findChild<QLineEdit *>(QStringLiteral("tableNameEdit"));
    nameEdit->setFocus();
    nameEdit->selectAll();
    QTest::keyClicks(nameEdit, QStringLiteral("boards"));

    QUndoStack *stack = window.document()->undoStack();
    QCOMPARE(stack->count(), 1);
    QVERIFY(window.document()->project().tableByName(QStringLiteral("boards")));
    QVERIFY(window.isWindowModified());
    QVERIFY(window.windowTitle().contains(QLatin1String("[*]")));
    QCOMPARE(shownTables(window).value(window.document()->project().tableIndex(window.tableEditor()->tableId())),
        QStringLiteral("boards"));
    stack->undo();
    QVERIFY(window.document()->project().tableByName(QStringLiteral("projects")));
    QCOMPARE(nameEdit->text(), QStringLiteral("projects"));
    QVERIFY(!window.isWindowModified());
}

void tst_MainWindow::fieldGridEditsAndUndoAll()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    openAndSelect(window, QStringLiteral("tasks"));
    const QByteArray original = Runtime::writeProject(window.document()->project());
    const QByteArray originalFile = fileBytes(window.document()->fileName());
    const Runtime::ObjectId tableId = window.tableEditor()->tableId();
    const auto fieldCount = [&]() { return window.document()->project().table(tableId)->fields.size(); };
    const size_t before = fieldCount();

    auto *addButton = window.tableEditor()->findChild<QPushButton *>(QStringLiteral("addFieldButton"));
    QTest::mouseClick(addButton, Qt::LeftButton);
    QCOMPARE(fieldCount(), before + 1);
    auto *view = window.tableEditor()->findChild<QTableView *>(QStringLiteral("fieldsView"));
    QCOMPARE(view->model()->rowCount(), int(before + 1));
    const int row = int(before);

    // Change the type through the grid's combo box delegate.
    const QModelIndex typeIndex = view->model()->index(row, FieldsModel::TypeColumn);
    view->setCurrentIndex(typeIndex);
    view->edit(typeIndex);
    auto *combo = view->findChild<QComboBox *>();
    QVERIFY(combo);
    combo->setCurrentText(QStringLiteral("integer"));
    QTest::keyClick(combo, Qt::Key_Tab);
    QCOMPARE(window.document()->project().table(tableId)->fields.back().type, Runtime::FieldType::Integer);

    // Check boxes and the default column.
    QVERIFY(view->model()->setData(view->model()->index(row, FieldsModel::RequiredColumn), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(view->model()->setData(view->model()->index(row, FieldsModel::DefaultColumn), QStringLiteral("5")));
    const Runtime::Field &added = window.document()->project().table(tableId)->fields.back();
    QVERIFY(added.required);
    QCOMPARE(added.defaultValue.literal, QJsonValue(5));

    // Reordering (what a drag in the grid does).
    auto *model = window.tableEditor()->fieldsModel();
    const Runtime::ObjectId addedId = added.id;
    QVERIFY(model->moveField(row, 1));
    QCOMPARE(window.document()->project().table(tableId)->fields[1].id, addedId);

    // A drop between rows 3 and 4 (what dragging the row there does) puts the field after row 3.
    std::unique_ptr<QMimeData> dragged(model->mimeData({model->index(1, FieldsModel::NameColumn)}));
    QVERIFY(!model->dropMimeData(dragged.get(), Qt::MoveAction, 4, 0, {}));
    QCOMPARE(window.document()->project().table(tableId)->fields[3].id, addedId);

    // Suggested indexes for foreign keys.
    if (!window.tableEditor()->unindexedForeignKeys().isEmpty()) {
        auto *suggest = window.tableEditor()->findChild<QPushButton *>(QStringLiteral("suggestIndexesButton"));
        QTest::mouseClick(suggest, Qt::LeftButton);
        QVERIFY(window.tableEditor()->unindexedForeignKeys().isEmpty());
    }

    QUndoStack *stack = window.document()->undoStack();
    QVERIFY(stack->count() >= 5);
    while (stack->canUndo())
        stack->undo();
    QCOMPARE(Runtime::writeProject(window.document()->project()), original);
    QVERIFY(!window.isWindowModified());
    QTemporaryDir dir;
    QVERIFY(window.fileActions()->saveAs(dir.filePath(QStringLiteral("tasks.basalt"))));
    QCOMPARE(fileBytes(dir.filePath(QStringLiteral("tasks.basalt"))), originalFile);
}

void tst_MainWindow::invalidNameShowsProblem()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    openAndSelect(window, QStringLiteral("comments"));
    const Runtime::ObjectId tableId = window.tableEditor()->tableId();
    auto *nameEdit = window.tableEditor()->findChild<QLineEdit *>(QStringLiteral("tableNameEdit"));
    nameEdit->selectAll();
    QTest::keyClicks(nameEdit, QStringLiteral("Bad Name"));
    auto *label = window.tableEditor()->findChild<QLabel *>(QStringLiteral("tableProblemLabel"));
    QVERIFY(label->isVisible());
    QVERIFY(!label->text().isEmpty());

    auto *problems = window.findChild<Designer::ProblemsDock *>(QStringLiteral("problemsDock"));
    QVERIFY(problems->problemCount() > 0);
    // Activating the problem selects the table.
    window.document()->setSelection({});
    auto *list = problems->findChild<QTreeWidget *>(QStringLiteral("problemsList"));
    QTreeWidgetItem *item = nullptr;
    for (int i = 0; i < list->topLevelItemCount() && !item; ++i) {
        if (list->topLevelItem(i)->data(0, Qt::UserRole).toString() == tableId)
            item = list->topLevelItem(i);
    }
    QVERIFY(item);
    list->setCurrentItem(item);
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(window.document()->selection(), QList<Runtime::ObjectId> {tableId});
}

void tst_MainWindow::saveAsAndReopen()
{
    QTemporaryDir dir;
    const QString fileName = dir.filePath(QStringLiteral("copy.basalt"));
    Runtime::Project saved;
    {
        MainWindow window;
        openAndSelect(window, QStringLiteral("tasks"));
        auto *nameEdit = window.tableEditor()->findChild<QLineEdit *>(QStringLiteral("tableNameEdit"));
        nameEdit->selectAll();
        QTest::keyClicks(nameEdit, QStringLiteral("todos"));
        QVERIFY(window.isWindowModified());
        QVERIFY(window.fileActions()->saveAs(fileName));
        QVERIFY(!window.isWindowModified());
        QCOMPARE(window.document()->fileName(), fileName);
        QCOMPARE(window.fileActions()->recentFiles().constFirst(), fileName);
        saved = window.document()->project();
    }
    MainWindow window;
    QVERIFY(window.openFile(fileName));
    QVERIFY(window.document()->project() == saved);
    QVERIFY(window.document()->project().tableByName(QStringLiteral("todos")));
    // Missing files drop out of the recent list.
    QVERIFY(QFile::remove(fileName));
    QVERIFY(!window.fileActions()->recentFiles().contains(fileName));
}

void tst_MainWindow::newFromTemplate()
{
    MainWindow window;
    QVERIFY(window.fileActions()->newProject(QStringLiteral(":/templates/chat.basalt")));
    QCOMPARE(shownTables(window), tablesInFile(TestSupport::templatePath(QStringLiteral("chat"))));
    QVERIFY(window.document()->fileName().isEmpty());
    QVERIFY(window.fileActions()->newProject());
    QVERIFY(window.document()->project().tables.empty());
    QCOMPARE(FileActions::templatePaths().size(), 4);
}

void tst_MainWindow::autosaveAndRestore()
{
    QTemporaryDir dir;
    const QString fileName = dir.filePath(QStringLiteral("work.basalt"));
    QVERIFY(QFile::copy(TestSupport::templatePath(QStringLiteral("saas")), fileName));
    QString recovery;
    Runtime::Project edited;
    {
        MainWindow window;
        QVERIFY(window.openFile(fileName));
        QCOMPARE(window.fileActions()->autosaveNow(), QString()); // nothing to save
        window.document()->setSelection({window.document()->project().tables.front().id});
        auto *nameEdit = window.tableEditor()->findChild<QLineEdit *>(QStringLiteral("tableNameEdit"));
        nameEdit->selectAll();
        QTest::keyClicks(nameEdit, QStringLiteral("companies"));
        recovery = window.fileActions()->autosaveNow();
        QVERIFY(!recovery.isEmpty());
        QVERIFY(QFile::exists(recovery));
        QCOMPARE(FileActions::recoveryFiles(), QStringList {recovery});
        edited = window.document()->project();
        // A crash leaves the recovery file behind: the window goes without closeEvent().
    }
    QVERIFY(QFile::exists(recovery));
    MainWindow window;
    QVERIFY(window.fileActions()->restoreRecovery(recovery));
    QVERIFY(window.document()->project() == edited);
    QVERIFY(window.document()->isModified());
    QVERIFY(window.isWindowModified());
    QVERIFY(!QFile::exists(recovery));
    // Saving goes to the original file.
    QVERIFY(window.fileActions()->save());
    QCOMPARE(window.document()->fileName(), fileName);
    Runtime::Result<std::unique_ptr<Runtime::Project>> reread = Runtime::readProjectFile(fileName);
    QVERIFY(reread);
    QVERIFY(*reread.value() == edited);
}

void tst_MainWindow::closeAsksWhenModified()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    openAndSelect(window, QStringLiteral("tasks"));
    int asked = 0;
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
    window.fileActions()->setSaveDecisionHook([&]() {
        ++asked;
        return answer;
    });
    QVERIFY(window.close()); // not modified: no question
    QCOMPARE(asked, 0);
    window.show();
    auto *nameEdit = window.tableEditor()->findChild<QLineEdit *>(QStringLiteral("tableNameEdit"));
    nameEdit->selectAll();
    QTest::keyClicks(nameEdit, QStringLiteral("jobs"));
    const QString recovery = window.fileActions()->autosaveNow();
    QVERIFY(!window.close());
    QCOMPARE(asked, 1);
    QVERIFY(window.isVisible());
    // Opening another project asks too.
    QVERIFY(!window.openFile(TestSupport::templatePath(QStringLiteral("chat"))));
    QCOMPARE(asked, 2);
    answer = QMessageBox::Discard;
    QVERIFY(window.close());
    QCOMPARE(asked, 3);
    QVERIFY(!QFile::exists(recovery));
}

void tst_MainWindow::deleteOnlyWhereTablesArePicked()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    openAndSelect(window, QStringLiteral("comments"));
    const size_t tables = window.document()->project().tables.size();
    // Delete in the fields grid is not "delete the table".
    auto *view = window.tableEditor()->findChild<QTableView *>(QStringLiteral("fieldsView"));
    view->setFocus();
    view->setCurrentIndex(view->model()->index(1, FieldsModel::UniqueColumn));
    QTest::keyClick(view, Qt::Key_Delete);
    QCOMPARE(window.document()->project().tables.size(), tables);
    // In the tree it is, as one undoable step.
    auto *tree = window.findChild<ProjectTree *>(QStringLiteral("projectTree"));
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_Delete);
    QCOMPARE(window.document()->project().tables.size(), tables - 1);
    QVERIFY(!window.document()->project().tableByName(QStringLiteral("comments")));
    window.document()->undoStack()->undo();
    QCOMPARE(window.document()->project().tables.size(), tables);
    QVERIFY(!window.isWindowModified());
}

void tst_MainWindow::remembersLayout()
{
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *undoDock = window.findChild<QDockWidget *>(QStringLiteral("undoDock"));
        QVERIFY(undoDock && !undoDock->isVisible());
        undoDock->show();
        QVERIFY(window.close());
    }
    QVERIFY(QSettings().contains(QStringLiteral("mainWindow/state")));
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("undoDock"))->isVisible());
}

void tst_MainWindow::screenshot()
{
    const QString directory = qEnvironmentVariable("BASALT_SCREENSHOTS");
    if (directory.isEmpty())
        QSKIP("Set BASALT_SCREENSHOTS to a directory to write screenshots.");
    MainWindow window;
    window.resize(1500, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    openAndSelect(window, QStringLiteral("tasks"));
    QTest::qWait(100);
    // The canvas keeps the largest share of the window.
    QVERIFY(window.centralWidget()->width() > window.width() / 3);
    QVERIFY(window.grab().save(directory + QStringLiteral("/mainwindow-saas.png")));
    // A dark palette: everything must stay readable.
    const QPalette light = QApplication::palette();
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
    dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xc6));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    QApplication::setPalette(dark);
    QTest::qWait(50);
    const bool savedDark = window.grab().save(directory + QStringLiteral("/mainwindow-saas-dark.png"));
    QApplication::setPalette(light);
    QVERIFY(savedDark);
    window.fileActions()->newProject();
    QTest::qWait(50);
    QVERIFY(window.grab().save(directory + QStringLiteral("/mainwindow-blank.png")));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
