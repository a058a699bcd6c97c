// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: its actions, menus (File, Edit, View with Go To, Run, Help) and toolbar.
#include "mainwindow.h"

#include "canvas/erscene.h"
#include "canvas/erview.h"
#include "document/projectdocument.h"
#include "editors/permissioneditor.h"
#include "deleteguard.h"
#include "fileactions.h"
#include "functionpanels.h"
#include "logicpanels.h"
#include "problemsdock.h"
#include "propertiesdock.h"
#include "projecttree.h"
#include "runpanels.h"
#include "relatetablesdialog.h"

#include <QDockWidget>
#include <QMenuBar>
#include <QTableWidget>
#include <QToolBar>
#include <QToolButton>
#include <QUndoGroup>

namespace Designer {

namespace {
/** Shows \a dock and gives the keyboard focus to its first widget that takes it. */
void focusDock(QDockWidget *dock)
{
    dock->show();
    dock->raise();
    const auto children = dock->widget()->findChildren<QWidget *>();
    for (QWidget *widget : QList<QWidget *> {dock->widget()} + children) {
        if ((widget->focusPolicy() & Qt::TabFocus) && widget->isVisibleTo(dock) && widget->isEnabled()) {
            widget->setFocus(Qt::ShortcutFocusReason);
            return;
        }
    }
}

/** Gives \a dock's menu entry the text \a text (with its accelerator), also after the dock's title
    changes (the Problems dock counts its problems in its title). */
void keepMenuText(QDockWidget *dock, const QString &text)
{
    dock->toggleViewAction()->setText(text);
    QObject::connect(dock, &QWidget::windowTitleChanged, dock->toggleViewAction(),
        [dock, text]() { dock->toggleViewAction()->setText(text); });
}
} // namespace

void MainWindow::createActions()
{
    // Documents come and go, so undo and redo follow the active stack of a group.
    // No prefix: Qt composes "Undo %1" with its own translation ("Rückgängig: %1"), never by concatenation.
    m_undo = m_undoGroup->createUndoAction(this);
    m_undo->setShortcut(QKeySequence::Undo);
    m_undo->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo")));
    m_redo = m_undoGroup->createRedoAction(this);
    // Ctrl+Y as well: what Windows users and most editors press (Linux's standard is Ctrl+Shift+Z).
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    if (!redoKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Y)))
        redoKeys << QKeySequence(Qt::CTRL | Qt::Key_Y);
    m_redo->setShortcuts(redoKeys);
    m_redo->setIcon(QIcon::fromTheme(QStringLiteral("edit-redo")));
    m_delete = new QAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Delete"), this);
    m_delete->setShortcut(QKeySequence::Delete);
    // Only where tables are picked: Delete in the fields grid or a text box must not remove the table.
    m_delete->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_tree->addAction(m_delete);
    connect(m_delete, &QAction::triggered, this, &MainWindow::deleteSelection);
    m_deleteGuard = new DeleteGuard(this);
    m_addTable = new QAction(QIcon::fromTheme(QStringLiteral("list-add")), tr("Add &Table"), this);
    m_addTable->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_T), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T)});
    connect(m_addTable, &QAction::triggered, this, &MainWindow::addTable);
    m_addView = new QAction(tr("Add &View…"), this);
    m_addView->setObjectName(QStringLiteral("addViewAction"));
    connect(m_addView, &QAction::triggered, this, &MainWindow::addView);

    m_zoomIn = new QAction(QIcon::fromTheme(QStringLiteral("zoom-in")), tr("Zoom &In"), this);
    m_zoomIn->setShortcut(QKeySequence::ZoomIn);

    m_zoomOut = new QAction(QIcon::fromTheme(QStringLiteral("zoom-out")), tr("Zoom &Out"), this);
    m_zoomOut->setShortcut(QKeySequence::ZoomOut);

    m_fit = new QAction(QIcon::fromTheme(QStringLiteral("zoom-fit-best")), tr("&Fit to Window"), this);
    m_fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));

    m_autoArrange = new QAction(tr("&Auto-Arrange"), this);

    m_newRelationship = new QAction(tr("New &Relationship…"), this);
    m_newRelationship->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(m_newRelationship, &QAction::triggered, this,
        [this]() {
        RelateTablesDialog::relateSelected(
            m_document.get(), this, [this](const Runtime::ObjectId &id) { return m_canvas->cardSizeOf(id); });
    });
    // Copy and paste tables only where tables are picked, as Delete: text boxes keep their own.
    m_copy = new QAction(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("&Copy Tables"), this);
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_paste = new QAction(QIcon::fromTheme(QStringLiteral("edit-paste")), tr("&Paste Tables"), this);
    m_paste->setShortcut(QKeySequence::Paste);
    m_paste->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    // The toolbar shows the short names; the menu and the tooltips name the command.
    m_undo->setIconText(tr("Undo"));
    m_redo->setIconText(tr("Redo"));
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    m_fileActions->populateMenu(fileMenu);
    // Export goes just above Quit, where desktop applications keep it.
    auto *exportDiagram = new QAction(tr("&Export Diagram…"), this);
    connect(exportDiagram, &QAction::triggered, this, &MainWindow::exportDiagram);
    QAction *quit = nullptr;
    for (QAction *action : fileMenu->actions()) {
        if (action->shortcut() == QKeySequence(QKeySequence::Quit))
            quit = action;
    }
    fileMenu->insertAction(quit, exportDiagram);
    fileMenu->insertSeparator(quit);

    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    editMenu->addAction(m_undo);
    editMenu->addAction(m_redo);
    editMenu->addSeparator();
    editMenu->addAction(m_addTable);
    editMenu->addAction(m_addView);
    editMenu->addAction(m_functionPanels->addFunctionAction());
    editMenu->addAction(m_logicPanels->addEndpointAction());
    editMenu->addAction(m_logicPanels->addTriggerAction());
    editMenu->addAction(m_logicPanels->addScheduleAction());
    editMenu->addAction(m_newRelationship);
    editMenu->addAction(m_delete);
    editMenu->addSeparator();
    editMenu->addAction(m_copy);
    editMenu->addAction(m_paste);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(m_zoomIn);
    viewMenu->addAction(m_zoomOut);
    viewMenu->addAction(m_fit);
    viewMenu->addAction(m_autoArrange);
    viewMenu->addSeparator();
    QAction *history = m_undoDock->toggleViewAction();
    history->setText(tr("Undo &History"));
    viewMenu->addAction(history);
    keepMenuText(m_treeDock, tr("Pro&ject"));
    keepMenuText(m_paletteDock, tr("Pa&lette"));
    keepMenuText(m_propertiesDock, tr("P&roperties"));
    keepMenuText(m_problemsDock, tr("Pro&blems"));
    viewMenu->addAction(m_treeDock->toggleViewAction());
    viewMenu->addAction(m_paletteDock->toggleViewAction());
    viewMenu->addAction(m_propertiesDock->toggleViewAction());
    viewMenu->addAction(m_problemsDock->toggleViewAction());
    // Shows and focuses the matrix (a toggle would hide it when it is only behind another tab).
    QAction *permissions = viewMenu->addAction(tr("&Permissions"), this, [this]() {
        m_permissionsDock->show();
        m_permissionsDock->raise();
        m_permissionEditor->matrix()->setFocus(Qt::ShortcutFocusReason);
    });
    permissions->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    createGoToMenu(viewMenu);

    m_runPanels->populateMenu(menuBar()->addMenu(tr("&Run")));
}

void MainWindow::createGoToMenu(QMenu *viewMenu)
{
    // Every pane can be reached without a mouse and without cycling through the others with Tab.
    QMenu *goTo = viewMenu->addMenu(tr("&Go To"));
    goTo->setObjectName(QStringLiteral("goToMenu"));
    goTo->addAction(tr("&Canvas"), QKeySequence(Qt::ALT | Qt::Key_1), this,
        [this]() {
            m_centralTabs->setCurrentIndex(0);
            m_canvas->setFocus(Qt::ShortcutFocusReason);
        });
    const std::pair<QDockWidget *, QString> docks[] = {{m_treeDock, tr("&Project Tree")},
        {m_paletteDock, tr("Pa&lette")}, {m_propertiesDock, tr("P&roperties")},
        {m_problemsDock, tr("Pro&blems")}};
    int key = Qt::Key_2;
    for (const auto &[dock, text] : docks)
        goTo->addAction(text, QKeySequence(Qt::ALT | Qt::Key(key++)), dock, [dock]() { focusDock(dock); });
}

void MainWindow::createToolBar()
{
    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonFollowStyle);
    toolBar->addAction(m_fileActions->newAction());
    toolBar->addAction(m_fileActions->openAction());
    toolBar->addAction(m_fileActions->saveAction());
    toolBar->addSeparator();
    toolBar->addAction(m_undo);
    toolBar->addAction(m_redo);
    toolBar->addSeparator();
    toolBar->addAction(m_zoomIn);
    toolBar->addAction(m_zoomOut);
    toolBar->addAction(m_fit);
    toolBar->addAction(m_autoArrange);
    toolBar->addSeparator();
    toolBar->addAction(m_addTable);
    toolBar->addAction(m_functionPanels->addFunctionAction());
    // Endpoints, triggers and schedules are in the menu of the Add Function button, so that the toolbar still
    // fits a narrow window in longer languages.
    if (auto *addLogic = qobject_cast<QToolButton *>(toolBar->widgetForAction(m_functionPanels->addFunctionAction()))) {
        addLogic->setObjectName(QStringLiteral("addLogicButton"));
        addLogic->setPopupMode(QToolButton::MenuButtonPopup);
        auto *logicMenu = new QMenu(addLogic);
        logicMenu->addActions({m_functionPanels->addFunctionAction(), m_logicPanels->addEndpointAction(),
            m_logicPanels->addTriggerAction(), m_logicPanels->addScheduleAction()});
        addLogic->setMenu(logicMenu);
    }
    toolBar->addSeparator();
    m_runPanels->populateToolBar(toolBar);
}

} // namespace Designer
