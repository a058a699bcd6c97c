// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the main window: project tree, properties, table editor, problems, files, autosave, recovery.
#include "canvas/erscene.h"
#include "canvas/erview.h"
#include "commands/tablecommands.h"
#include "document/projectdocument.h"
#include "editors/fieldsmodel.h"
#include "editors/tableeditor.h"
#include "io/projectreader.h"
#include "io/projectwriter.h"
#include "mainwindow/fileactions.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/newprojectdialog.h"
#include "mainwindow/problemsdock.h"
#include "mainwindow/projecttree.h"
#include "mainwindow/relatetablesdialog.h"
#include "testsupport.h"
#include "widgets/ruleusequestion.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QMimeData>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QToolBar>
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

// Returns the accelerator of a menu text ("Save &As" → 'A'), or a null QChar.
QChar mnemonicOf(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != u'&')
            continue;
        if (text[i + 1] != u'&')
            return text[i + 1].toUpper();
        ++i; // "&&" is a literal ampersand
    }
    return {};
}

// Calls \a step from a nested event loop once the modal RelateTablesDialog is shown.
void whenDialogShown(QObject *context, std::function<void(Designer::RelateTablesDialog *)> step)
{
    auto *poll = new QTimer(context);
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, context, [poll, step]() {
        auto *dialog = qobject_cast<Designer::RelateTablesDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        poll->stop();
        poll->deleteLater();
        step(dialog);
    });
    poll->start();
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
    void blankProjectShortcuts();
    void autosaveAndRestore();
    void closeAsksWhenModified();
    void deleteOnlyWhereTablesArePicked();
    void deleteTableAsksAboutRules();
    void remembersLayout();
    void newRelationshipByKeyboard();
    void relateShowsWhyItCannot();
    void menusReachableByKeyboard();
    void goToFocusesPanes();
    void newProjectPreview();
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

// A blank project shows the Palette beside the tree from the start; Ctrl+T adds a table, Ctrl+Y redoes.
void tst_MainWindow::blankProjectShortcuts()
{
    MainWindow window;
    QVERIFY(window.fileActions()->newProject());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(window.findChild<QDockWidget *>(QStringLiteral("paletteDock"))->visibleRegion().isEmpty() == false);
    QVERIFY(!window.findChild<QDockWidget *>(QStringLiteral("projectDock"))->visibleRegion().isEmpty());
    auto *canvas = window.findChild<Designer::ErView *>();
    canvas->setFocus();
    QTest::keyClick(canvas, Qt::Key_T, Qt::ControlModifier);
    QCOMPARE(window.document()->project().tables.size(), size_t(1));
    QCOMPARE(window.document()->project().tables.front().name, QStringLiteral("table_1"));
    QTest::keyClick(canvas, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(window.document()->project().tables.empty());
    QTest::keyClick(canvas, Qt::Key_Y, Qt::ControlModifier);
    QCOMPARE(window.document()->project().tables.size(), size_t(1));
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

// Deleting a table that other tables' rules follow names those rules and asks; cancel deletes nothing,
// "remove" takes the rules in the same undo step.
void tst_MainWindow::deleteTableAsksAboutRules()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    openAndSelect(window, QStringLiteral("projects"));
    Designer::ProjectDocument *document = window.document();
    const Runtime::Project &project = document->project();
    Runtime::Table tasks = *project.tableByName(QStringLiteral("tasks"));
    Runtime::PermissionRule rule;
    rule.id = QStringLiteral("perm_tasks_select_path");
    rule.role = QStringLiteral("authenticated");
    rule.operation = Runtime::Operation::Delete;
    rule.expression = QStringLiteral("project.owner_id = auth.uid");
    std::erase_if(tasks.permissions, [&](const Runtime::PermissionRule &r) {
        return r.role == rule.role && r.operation == rule.operation;
    });
    tasks.permissions.push_back(rule);
    document->changeTable(tasks, QStringLiteral("rule"));
    const QByteArray before = Runtime::writeProject(project);
    const int steps = document->undoStack()->index();

    QString asked;
    Designer::RuleUseAnswer answer = Designer::RuleUseAnswer::Cancel;
    Designer::setRuleUseAnswerHook([&](const QString &text) {
        asked = text;
        return answer;
    });
    auto *tree = window.findChild<ProjectTree *>(QStringLiteral("projectTree"));
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_Delete);
    QVERIFY2(asked.contains(QLatin1String("the table(s) projects:")), qPrintable(asked)); // no translator in tests
    QVERIFY2(asked.contains(QLatin1String("tasks, delete for authenticated: project.owner_id = auth.uid")), qPrintable(asked));
    QCOMPARE(Runtime::writeProject(project), before);

    answer = Designer::RuleUseAnswer::RemoveRules;
    document->setSelection({QStringLiteral("tbl_projects")});
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_Delete);
    Designer::setRuleUseAnswerHook({});
    QVERIFY(!project.tableByName(QStringLiteral("projects")));
    const Runtime::Table *after = project.tableByName(QStringLiteral("tasks"));
    QVERIFY(std::none_of(after->permissions.begin(), after->permissions.end(),
        [&](const Runtime::PermissionRule &r) { return r.id == rule.id; }));
    QCOMPARE(document->undoStack()->index(), steps + 1);
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(project), before);
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

// Relating two tables without a mouse: the shortcut, keys to choose, Enter; then undo with its shortcut.
void tst_MainWindow::newRelationshipByKeyboard()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    openAndSelect(window, QStringLiteral("users"));
    const Runtime::Project &project = window.document()->project();
    const QByteArray before = Runtime::writeProject(project);
    const Runtime::ObjectId users = project.tableByName(QStringLiteral("users"))->id;
    const Runtime::ObjectId comments = project.tableByName(QStringLiteral("comments"))->id;
    const size_t relationships = project.relationships.size();
    const size_t tables = project.tables.size();

    QString fromShown;
    QString manyToManyPlan;
    QString oneToManyPlan;
    QString kindShown;
    bool keyHidden = false;
    whenDialogShown(&window, [&](Designer::RelateTablesDialog *dialog) {
        fromShown = dialog->findChild<QComboBox *>(QStringLiteral("fromTableBox"))->currentText();
        if (!QTest::qWaitFor([dialog]() { return QApplication::activeWindow() == dialog; }))
            return dialog->reject();
        auto *to = qobject_cast<QComboBox *>(QApplication::focusWidget());
        if (!to || to->objectName() != QLatin1String("toTableBox"))
            return dialog->reject();
        QTest::keyClicks(to, QStringLiteral("comm")); // type-ahead picks "comments"
        QTest::keyClick(to, Qt::Key_Tab);
        QWidget *kind = QApplication::focusWidget();
        kindShown = qobject_cast<QComboBox *>(kind)->currentText();
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(kind, Qt::Key_Down); // one to many → many to one → one to one → many to many
        manyToManyPlan = dialog->findChild<QLabel *>(QStringLiteral("planLabel"))->text();
        keyHidden = !dialog->findChild<QComboBox *>(QStringLiteral("keyFieldBox"))->isVisible();
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(kind, Qt::Key_Up);
        oneToManyPlan = dialog->findChild<QLabel *>(QStringLiteral("planLabel"))->text();
        QTest::keyClick(kind, Qt::Key_Return);
    });
    QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);

    QCOMPARE(fromShown, QStringLiteral("users"));
    QCOMPARE(kindShown, QStringLiteral("A user has many comments · Each comment has one user"));
    QVERIFY(keyHidden); // a junction table brings its own keys
    QVERIFY2(manyToManyPlan.contains(QLatin1String("junction table users_comments ")), qPrintable(manyToManyPlan + oneToManyPlan));
    QVERIFY2(oneToManyPlan.contains(QLatin1String("foreign key comments.")), qPrintable(oneToManyPlan));
    QCOMPARE(project.relationships.size(), relationships + 1);
    QCOMPARE(project.tables.size(), tables);
    const Runtime::Relationship &added = project.relationships.back();
    QCOMPARE(added.kind, Runtime::RelationshipKind::OneToMany);
    QCOMPARE(added.fromTableId, users);
    QCOMPARE(added.toTableId, comments);
    const Runtime::Field *key = project.table(comments)->field(added.foreignKeyFieldId);
    QVERIFY(key);
    QVERIFY(oneToManyPlan.contains(key->name));
    QVERIFY(window.canvas()->erScene()->relationshipItem(added.id));
    QCOMPARE(window.document()->undoStack()->count(), 1);

    window.activateWindow(); // the offscreen platform does not give it back when the dialog closes
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.canvas()->setFocus();
    QTest::keyClick(window.canvas(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(project.relationships.size(), relationships);
    QCOMPARE(Runtime::writeProject(project), before);

    // Escape cancels and adds nothing.
    whenDialogShown(&window, [](Designer::RelateTablesDialog *dialog) {
        if (!QTest::qWaitFor([dialog]() { return QApplication::activeWindow() == dialog; }))
            return dialog->accept(); // fails the test below
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    });
    QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(project.relationships.size(), relationships);
    QCOMPARE(window.document()->undoStack()->index(), 0);
}

// A choice that cannot be made says why, and OK stays disabled.
void tst_MainWindow::relateShowsWhyItCannot()
{
    auto project = std::make_unique<Runtime::Project>();
    Runtime::Table notes;
    notes.id = QStringLiteral("tbl_notes");
    notes.name = QStringLiteral("notes");
    Runtime::Field text;
    text.id = QStringLiteral("fld_text");
    text.name = QStringLiteral("text");
    notes.fields.push_back(text);
    project->tables.push_back(notes);
    Designer::ProjectDocument document(std::move(project));
    {
        Designer::RelateTablesDialog dialog(&document, {}, {});
        QVERIFY(!dialog.plan());
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        const QString shown = dialog.findChild<QLabel *>(QStringLiteral("planLabel"))->text();
        QVERIFY2(shown.contains(QLatin1String("notes has no primary key")), qPrintable(shown));
        dialog.accept(); // what Enter would do: nothing
        QCOMPARE(document.undoStack()->count(), 0);
    }
    Designer::ProjectDocument empty(std::make_unique<Runtime::Project>());
    Designer::RelateTablesDialog dialog(&empty, {}, {});
    QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("planLabel"))->text().contains(QLatin1String("no tables")));
}

// Every menu entry has text and is reachable: an accelerator unique in its menu, or a shortcut unique in
// the window; no widget takes a menu's accelerator; every toolbar and canvas action is in a menu.
void tst_MainWindow::menusReachableByKeyboard()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(TestSupport::templatePath(QStringLiteral("chat"))));
    QStringList problems;
    QSet<QAction *> inMenus;
    QHash<QString, QString> shortcuts;
    std::function<void(const QList<QAction *> &, const QString &)> walk;
    walk = [&](const QList<QAction *> &actions, const QString &path) {
        QHash<QChar, QString> accelerators;
        for (QAction *action : actions) {
            if (action->isSeparator() || !action->isVisible())
                continue;
            inMenus.insert(action);
            const QString where = path + QLatin1String(" > ") + QString(action->text()).remove(u'&');
            if (action->text().trimmed().isEmpty())
                problems << where + QLatin1String(": no text");
            const QChar accelerator = mnemonicOf(action->text());
            if (!accelerator.isNull() && accelerators.contains(accelerator))
                problems << where + QLatin1String(": accelerator ") + accelerator + QLatin1String(" also in ")
                        + accelerators.value(accelerator);
            accelerators.insert(accelerator, where);
            if (accelerator.isNull() && action->shortcut().isEmpty())
                problems << where + QLatin1String(": neither an accelerator nor a shortcut");
            for (const QKeySequence &shortcut : action->shortcuts()) {
                const QString key = shortcut.toString();
                if (shortcuts.contains(key) && shortcuts.value(key) != where)
                    problems << where + QLatin1String(": shortcut ") + key + QLatin1String(" also on ")
                            + shortcuts.value(key);
                shortcuts.insert(key, where);
            }
            if (QMenu *menu = action->menu()) {
                emit menu->aboutToShow(); // menus filled on demand (Open Recent)
                walk(menu->actions(), where);
            }
        }
    };
    walk(window.menuBar()->actions(), QStringLiteral("menu bar"));
    // A button or label in the window with a menu's accelerator makes Alt+letter ambiguous: neither works.
    // Docks behind a tab count: Qt keeps them "visible".
    QHash<QChar, QString> menuKeys;
    for (QAction *menu : window.menuBar()->actions())
        menuKeys.insert(mnemonicOf(menu->text()), menu->text());
    menuKeys.remove(QChar());
    window.document()->setSelection({window.document()->project().tables.front().id});
    for (QWidget *widget : window.findChildren<QWidget *>()) {
        QString text;
        if (auto *button = qobject_cast<QAbstractButton *>(widget))
            text = button->text();
        else if (auto *label = qobject_cast<QLabel *>(widget); label && label->buddy())
            text = label->text();
        const QChar key = mnemonicOf(text);
        if (widget->isVisible() && menuKeys.contains(key))
            problems << text + QLatin1String(" takes Alt+") + key + QLatin1String(" from the menu ")
                    + menuKeys.value(key);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QVERIFY(inMenus.size() > 25);
    for (QAction *action : window.findChild<QToolBar *>(QStringLiteral("mainToolBar"))->actions()) {
        if (!action->isSeparator())
            QVERIFY2(inMenus.contains(action), qPrintable(action->text()));
    }
    QVERIFY(!window.canvas()->actions().isEmpty());
    for (QAction *action : window.canvas()->actions())
        QVERIFY2(inMenus.contains(action), qPrintable(action->text()));
}

// View > Go To reaches the canvas and each pane from the keyboard.
void tst_MainWindow::goToFocusesPanes()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    openAndSelect(window, QStringLiteral("tasks"));
    QTest::qWait(50); // the docks get their first layout
    const auto focusedIn = [](const QString &dockName, QWidget *window) {
        QWidget *dock = window->findChild<QWidget *>(dockName);
        return dock && QApplication::focusWidget() && dock->isAncestorOf(QApplication::focusWidget());
    };
    QTest::keyClick(&window, Qt::Key_1, Qt::AltModifier);
    QVERIFY(window.canvas()->hasFocus());
    QTest::keyClick(window.canvas(), Qt::Key_2, Qt::AltModifier);
    QVERIFY(focusedIn(QStringLiteral("projectDock"), &window));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_3, Qt::AltModifier);
    QVERIFY(focusedIn(QStringLiteral("paletteDock"), &window));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_4, Qt::AltModifier);
    QVERIFY(focusedIn(QStringLiteral("propertiesDock"), &window));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_5, Qt::AltModifier);
    QVERIFY(focusedIn(QStringLiteral("problemsDock"), &window));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_1, Qt::AltModifier);
    QVERIFY(window.canvas()->hasFocus());
}

// File > New shows a picture of each template's diagram, and a hint for a blank project.
void tst_MainWindow::newProjectPreview()
{
    Designer::NewProjectDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *list = dialog.findChild<QListWidget *>(QStringLiteral("templateList"));
    auto *picture = dialog.findChild<QLabel *>(QStringLiteral("templatePicture"));
    QVERIFY(list && picture);
    QCOMPARE(list->count(), 1 + int(FileActions::templatePaths().size()));
    QCOMPARE(list->currentRow(), 0);
    QVERIFY(picture->pixmap().isNull());
    QVERIFY(picture->text().contains(QLatin1String("blank"), Qt::CaseInsensitive));
    const QRgb background = dialog.palette().color(QPalette::Base).rgb();
    QList<QImage> seen;
    list->setFocus();
    for (int row = 1; row < list->count(); ++row) {
        QTest::keyClick(list, Qt::Key_Down);
        QCOMPARE(list->currentRow(), row);
        const QImage image = picture->pixmap().toImage().convertToFormat(QImage::Format_RGB32);
        QVERIFY2(!image.isNull(), qPrintable(list->currentItem()->text()));
        QVERIFY(image.width() <= picture->width() * dialog.devicePixelRatio());
        qsizetype drawn = 0;
        for (int y = 0; y < image.height(); ++y) {
            const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
            for (int x = 0; x < image.width(); ++x)
                drawn += (line[x] & 0xffffff) != (background & 0xffffff) ? 1 : 0;
        }
        // Title bars, lines and text cover a good part of the picture, not a few stray pixels.
        QVERIFY2(drawn > image.width() * image.height() / 20, qPrintable(QString::number(drawn)));
        for (const QImage &other : std::as_const(seen))
            QVERIFY2(image != other, qPrintable(list->currentItem()->text()));
        seen << image;
        QVERIFY(dialog.templatePath().startsWith(QLatin1String(":/templates/")));
    }
    QTest::keyClick(list, Qt::Key_Home);
    QVERIFY(picture->pixmap().isNull());
    QVERIFY(dialog.templatePath().isEmpty());
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
