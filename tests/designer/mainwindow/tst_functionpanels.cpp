// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of functions in the main window: the project tree's group, Add Function, the function tab, Delete,
// and a function's problem leading to its editor.
#include "document/projectdocument.h"
#include "editors/functioneditor.h"
#include "mainwindow/fileactions.h"
#include "mainwindow/functionpanels.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/problemsdock.h"
#include "mainwindow/projecttree.h"
#include "testsupport.h"
#include "windowtestsupport.h"

#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolBar>
#include <QTreeWidget>
#include <QtTest>

using namespace Designer;
using namespace Qt::StringLiterals;
using namespace WindowTests;

namespace {
QStringList shownFunctions(const MainWindow &window)
{
    return rowsOf(window, ProjectTree::Group::Functions);
}
} // namespace

class tst_FunctionPanels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void addFunctionOpensEditor();
    void treeListsFunctions();
    void deleteFromTree();
    void problemOpensEditor();

private:
    /** Opens a copy of the social template (no functions of its own) in \a window. */
    void openCopy(MainWindow &window);
    QTemporaryDir m_dir;
};

void tst_FunctionPanels::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"basalt-tests"_s);
    QCoreApplication::setApplicationName(u"tst_functionpanels"_s);
}

void tst_FunctionPanels::init()
{
    QSettings().clear();
    for (const QString &file : FileActions::recoveryFiles())
        QFile::remove(file);
}

void tst_FunctionPanels::openCopy(MainWindow &window)
{
    const QString copy = m_dir.filePath(u"shop.basalt"_s);
    QFile::remove(copy);
    QVERIFY(QFile::copy(TestSupport::templatePath(u"social"_s), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(copy));
}

void tst_FunctionPanels::addFunctionOpensEditor()
{
    MainWindow window;
    openCopy(window);
    QAction *add = window.functionPanels()->addFunctionAction();
    QVERIFY(menuHas(window.menuBar()->actions(), add));
    QVERIFY(window.findChild<QToolBar *>(u"mainToolBar"_s)->actions().contains(add));
    QVERIFY(treeOf(window)->actions().contains(add)); // the tree's context menu
    QVERIFY(!window.functionPanels()->isTabOpen());

    add->trigger();
    const Runtime::Project &project = window.document()->project();
    QCOMPARE(project.functions.size(), size_t(1));
    const Runtime::ObjectId id = project.functions.front().id;
    QCOMPARE(window.document()->selection(), QList<Runtime::ObjectId>({id}));
    FunctionEditor *editor = window.functionPanels()->editor();
    QVERIFY(window.functionPanels()->isTabOpen());
    QCOMPARE(tabsOf(window)->currentWidget(), editor);
    QCOMPARE(tabsOf(window)->tabText(tabsOf(window)->currentIndex()), u"Function function_1"_s);
    QCOMPARE(editor->functionId(), id);
    QVERIFY(editor->isVisible());
    // Renaming in the editor renames the tab and the tree's row.
    editor->nameEdit()->setFocus();
    editor->nameEdit()->selectAll();
    QTest::keyClicks(editor->nameEdit(), u"welcome"_s);
    QCOMPARE(tabsOf(window)->tabText(tabsOf(window)->currentIndex()), u"Function welcome"_s);
    QCOMPARE(shownFunctions(window), QStringList({u"welcome|"_s}));
    // Undo (the window's action) takes the rename and then the function away; the tab goes with it.
    window.document()->undoStack()->undo();
    QCOMPARE(shownFunctions(window), QStringList({u"function_1|"_s}));
    window.document()->undoStack()->undo();
    QVERIFY(window.document()->project().functions.empty());
    QVERIFY(!window.functionPanels()->isTabOpen());
}

void tst_FunctionPanels::treeListsFunctions()
{
    MainWindow window;
    openCopy(window);
    ProjectDocument *document = window.document();
    const Runtime::ObjectId first = document->addFunction();
    const Runtime::ObjectId second = document->addFunction();
    Runtime::ScriptFunction described = *document->function(first);
    described.description = u"Sends the welcome mail\nwith the first order's details"_s;
    document->changeFunction(described);
    QCOMPARE(shownFunctions(window),
        QStringList({u"function_1|Sends the welcome mail"_s, u"function_2|"_s}));
    QTreeWidgetItem *group = treeOf(window)->groupItem(ProjectTree::Group::Functions);
    QCOMPARE(group->text(1), u"2"_s);
    QCOMPARE(group->child(0)->toolTip(0), described.description);
    // Selecting a function in the tree opens its editor.
    tabsOf(window)->setCurrentIndex(0);
    treeOf(window)->setCurrentItem(treeOf(window)->itemForId(first));
    QCOMPARE(document->selection(), QList<Runtime::ObjectId>({first}));
    QCOMPARE(tabsOf(window)->currentWidget(), window.functionPanels()->editor());
    QCOMPARE(window.functionPanels()->editor()->functionId(), first);
    treeOf(window)->setCurrentItem(treeOf(window)->itemForId(second));
    QCOMPARE(window.functionPanels()->editor()->functionId(), second);
    QCOMPARE(window.functionPanels()->editor()->nameEdit()->text(), u"function_2"_s);
}

void tst_FunctionPanels::deleteFromTree()
{
    MainWindow window;
    openCopy(window);
    ProjectDocument *document = window.document();
    const Runtime::ObjectId id = document->addFunction();
    const size_t tables = document->project().tables.size();
    treeOf(window)->setCurrentItem(treeOf(window)->itemForId(id));
    QAction *remove = nullptr;
    for (QAction *action : treeOf(window)->actions()) {
        if (action->shortcut() == QKeySequence(QKeySequence::Delete))
            remove = action;
    }
    QVERIFY(remove);
    remove->trigger();
    QVERIFY(!document->function(id));
    QCOMPARE(document->project().tables.size(), tables);
    QVERIFY(!window.functionPanels()->isTabOpen());
    QCOMPARE(shownFunctions(window), QStringList());
    document->undoStack()->undo();
    QVERIFY(document->function(id));
}

void tst_FunctionPanels::problemOpensEditor()
{
    MainWindow window;
    openCopy(window);
    ProjectDocument *document = window.document();
    const Runtime::ObjectId id = document->addFunction();
    Runtime::ScriptFunction broken = *document->function(id);
    broken.code = u"const a = ;\nreturn {};"_s;
    document->changeFunction(broken);
    document->setSelection({});
    tabsOf(window)->setCurrentIndex(0);
    // The runtime's validator lists the syntax error at the function; activating it opens the editor.
    auto *problems = window.findChild<ProblemsDock *>(u"problemsDock"_s);
    auto *list = problems->findChild<QTreeWidget *>();
    QTreeWidgetItem *row = nullptr;
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        if (list->topLevelItem(i)->data(0, Qt::UserRole).toString() == id)
            row = list->topLevelItem(i);
    }
    QVERIFY2(row, "no problem names the function");
    QVERIFY(row->text(1).endsWith(u".code"_s));
    emit list->itemActivated(row, 0);
    QCOMPARE(tabsOf(window)->currentWidget(), window.functionPanels()->editor());
    QCOMPARE(window.functionPanels()->editor()->functionId(), id);
    QCOMPARE(window.functionPanels()->editor()->checkNow().isEmpty(), false);
}

QTEST_MAIN(tst_FunctionPanels)
#include "tst_functionpanels.moc"
