// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: the designer's top-level window: project tree, canvas, properties, problems, menus.
#include "mainwindow.h"

#include "canvas/diagramexport.h"
#include "canvas/erscene.h"
#include "canvas/erview.h"
#include "commands/projectedits.h"
#include "document/projectdocument.h"
#include "editors/permissioneditor.h"
#include "widgets/ruleusequestion.h"
#include "deleteguard.h"
#include "fileactions.h"
#include "functionpanels.h"
#include "logicpanels.h"
#include "console/requestconsole.h"
#include "problemsdock.h"
#include "propertiesdock.h"
#include "projecttree.h"
#include "runpanels.h"
#include "relatetablesdialog.h"
#include "run/runcontroller.h"
#include "run/runstatuswidget.h"
#include "widgets/palettewidget.h"
#include "widgets/statusbar.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QToolBar>
#include <QUndoGroup>
#include <QUndoView>

namespace Designer {

namespace {
const QString s_geometryKey = QStringLiteral("mainWindow/geometry");
const QString s_stateKey = QStringLiteral("mainWindow/state");

// The table whose field, index or rule has the id \a id, or the object itself.
Runtime::ObjectId ownerOf(const Runtime::Project &project, const Runtime::ObjectId &id)
{
    for (const Runtime::Table &table : project.tables) {
        const auto has = [&id](const auto &items) {
            return std::any_of(items.begin(), items.end(), [&id](const auto &item) { return item.id == id; });
        };
        if (table.id == id || has(table.fields) || has(table.indexes) || has(table.permissions))
            return table.id;
    }
    for (const Runtime::View &view : project.views) {
        if (std::any_of(view.permissions.begin(), view.permissions.end(),
                [&id](const Runtime::PermissionRule &rule) { return rule.id == id; }))
            return view.id;
    }
    return id;
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_fileActions(new FileActions(this))
    , m_undoGroup(new QUndoGroup(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setStatusBar(new StatusBar(this));
    // Replacing a main window's central widget loses the dock sizes, so canvases change inside a stack.
    m_canvasStack = new QStackedWidget(this);
    // The diagram, the data and the API console share the centre: the builder's design-run-try loop.
    m_centralTabs = new QTabWidget(this);
    m_centralTabs->setObjectName(QStringLiteral("centralTabs"));
    m_centralTabs->setDocumentMode(true);
    m_centralTabs->addTab(m_canvasStack, tr("Diagram"));
    setCentralWidget(m_centralTabs);
    createDocks();
    createActions();
    m_runController = new RunController(this);
    m_runStatus = new RunStatusWidget(m_runController, statusBar());
    statusBar()->addPermanentWidget(m_runStatus);
    m_runPanels = new RunPanels(this, m_centralTabs, m_runController, m_runStatus);
    m_functionPanels = new FunctionPanels(m_centralTabs, this);
    connect(m_runController, &RunController::targetChanged, m_functionPanels, &FunctionPanels::setRunTarget);
    m_logicPanels = new LogicPanels(m_centralTabs, this);
    m_tree->addActions({m_functionPanels->addFunctionAction(), m_logicPanels->addEndpointAction(),
        m_logicPanels->addTriggerAction(), m_logicPanels->addScheduleAction()});
    connect(m_tree, &ProjectTree::tableMenuAboutToShow, this, [this](QMenu *menu, const Runtime::ObjectId &id) {
        addViewEntry(menu, id);
        m_runPanels->addTableEntries(menu, m_document.get(), id);
    });
    connect(m_tree, &ProjectTree::openRequested, m_logicPanels, &LogicPanels::open);
    connect(m_logicPanels, &LogicPanels::tryItRequested, m_runPanels->console(), &RequestConsole::openRequest);
    createMenus();
    createToolBar();
    statusBar()->showMessage(tr("Open a project with File > Open, or start one with File > New."));
    // A first start fits the screen it opens on; later the saved geometry decides.
    const QSize available = screen() ? screen()->availableGeometry().size() : QSize(1400, 900);
    resize(qMin(1400, available.width() * 9 / 10), qMin(900, available.height() * 9 / 10));
    const QSettings settings;
    restoreGeometry(settings.value(s_geometryKey).toByteArray());
    m_layoutRestored = restoreState(settings.value(s_stateKey).toByteArray());
    if (!m_layoutRestored)
        m_permissionsDock->hide(); // stacked under Properties it would make the window taller than the screen
    setDocument(std::make_unique<ProjectDocument>(std::make_unique<Runtime::Project>()));
}

MainWindow::~MainWindow()
{
    // The runtime stops first, and its last signals must not reach the panes, which are already going.
    disconnect(m_runController, nullptr, nullptr, nullptr);
    delete std::exchange(m_runController, nullptr);
    // The canvas refers to the document, so it goes first (members die before the child widgets).
    std::unique_ptr<QWidget> canvases(takeCentralWidget());
}

void MainWindow::createDocks()
{
    m_tree = new ProjectTree(this);
    m_treeDock = new QDockWidget(tr("Project"), this);
    m_treeDock->setObjectName(QStringLiteral("projectDock"));
    m_treeDock->setWidget(m_tree);
    addDockWidget(Qt::LeftDockWidgetArea, m_treeDock);
    m_palette = new PaletteWidget(this);
    m_paletteDock = new QDockWidget(tr("Palette"), this);
    m_paletteDock->setObjectName(QStringLiteral("paletteDock"));
    m_paletteDock->setWidget(m_palette);
    addDockWidget(Qt::LeftDockWidgetArea, m_paletteDock);
    // Never squeezed to a few letters by a wide Properties pane (German, 1366 px): table names stay readable.
    const int leftWidth = fontMetrics().averageCharWidth() * 24;
    m_tree->setMinimumWidth(leftWidth);
    m_palette->setMinimumWidth(leftWidth);

    m_propertiesDock = new PropertiesDock(this);
    addDockWidget(Qt::RightDockWidgetArea, m_propertiesDock);

    m_problemsDock = new ProblemsDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_problemsDock);
    connect(m_problemsDock, &ProblemsDock::objectActivated, this, &MainWindow::selectObject);

    auto *undoView = new QUndoView(m_undoGroup, this);
    undoView->setObjectName(QStringLiteral("undoView"));
    undoView->setEmptyLabel(tr("<original>"));
    m_undoDock = new QDockWidget(tr("Undo History"), this);
    m_undoDock->setObjectName(QStringLiteral("undoDock"));
    m_undoDock->setWidget(undoView);
    addDockWidget(Qt::RightDockWidgetArea, m_undoDock);
    m_undoDock->hide();

    m_permissionEditor = new PermissionEditor(this);
    m_permissionsDock = new QDockWidget(tr("Permissions"), this);
    m_permissionsDock->setObjectName(QStringLiteral("permissionsDock"));
    m_permissionsDock->setWidget(m_permissionEditor);
    addDockWidget(Qt::RightDockWidgetArea, m_permissionsDock);
}

bool MainWindow::openFile(const QString &fileName)
{
    if (!m_fileActions->openFile(fileName))
        return false;
    statusBar()->showMessage(tr("Opened %1. Tables: %2.")
            .arg(QDir::toNativeSeparators(m_document->fileName()))
            .arg(m_document->project().tables.size()));
    return true;
}

TableEditor *MainWindow::tableEditor() const
{
    return m_propertiesDock->tableEditor();
}

void MainWindow::offerRecovery()
{
    m_fileActions->offerRecovery();
}

void MainWindow::setDocument(std::unique_ptr<ProjectDocument> document)
{
    std::unique_ptr<ProjectDocument> old = std::exchange(m_document, std::move(document));
    m_undoGroup->addStack(m_document->undoStack());
    m_undoGroup->setActiveStack(m_document->undoStack());
    connect(m_document.get(), &ProjectDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document.get(), &ProjectDocument::fileNameChanged, this, &MainWindow::updateTitle);
    connect(m_document.get(), &ProjectDocument::selectionChanged, this, &MainWindow::updateActions);
    m_tree->setDocument(m_document.get());
    m_problemsDock->setDocument(m_document.get());
    m_propertiesDock->setDocument(m_document.get());
    m_permissionEditor->setDocument(m_document.get());
    m_runController->setDocument(m_document.get()); // stops a runtime started for the old document
    m_functionPanels->setDocument(m_document.get());
    m_logicPanels->setDocument(m_document.get());
    createCanvas();
    if (old) {
        m_undoGroup->removeStack(old->undoStack());
        // The old canvas and editor are deleted later and still point at the old document: it goes after them.
        old.release()->deleteLater();
    }
    statusBar()->clearMessage();
    updateTitle();
    updateActions();
}

void MainWindow::createCanvas()
{
    auto *scene = new ErScene(m_document.get());
    if (m_canvas) {
        m_canvasStack->removeWidget(m_canvas);
        m_canvas->deleteLater();
    }
    m_canvas = new ErView(scene, m_canvasStack);
    scene->setParent(m_canvas); // the scene goes with its view, before the document it shows
    m_canvas->setObjectName(QStringLiteral("erView"));
    m_canvasStack->addWidget(m_canvas);
    m_canvasStack->setCurrentWidget(m_canvas);
    // The canvas's context menu shows its actions (ErView::contextMenuEvent()).
    m_canvas->addActions({m_addTable, m_addView, m_newRelationship, m_delete, m_copy, m_paste});
    connect(m_copy, &QAction::triggered, m_canvas, &ErView::copySelection);
    connect(m_paste, &QAction::triggered, m_canvas, &ErView::paste);
    connect(m_canvas, &ErView::deleteRequested, this, &MainWindow::deleteSelection);
    QTimer::singleShot(0, m_canvas, &ErView::fitToWindow);
    connect(m_zoomIn, &QAction::triggered, m_canvas, &ErView::zoomIn);
    connect(m_zoomOut, &QAction::triggered, m_canvas, &ErView::zoomOut);
    connect(m_fit, &QAction::triggered, m_canvas, &ErView::fitToWindow);
    connect(m_autoArrange, &QAction::triggered, m_canvas, &ErView::autoArrange);
    connect(m_palette, &PaletteWidget::entryActivated, m_canvas, &ErView::addPaletteEntry);
    connect(m_canvas, &ErView::tableMenuAboutToShow, this, [this](QMenu *menu, const Runtime::ObjectId &id) {
        addViewEntry(menu, id);
        menu->addAction(m_logicPanels->addTriggerAction()); // on the selected table: the one clicked
        m_runPanels->addTableEntries(menu, m_document.get(), id);
    });
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("%1[*] \u2014 %2").arg(m_document->displayName(), QApplication::applicationDisplayName()));
    setWindowFilePath(m_document->fileName());
    setWindowModified(m_document->isModified());
}

void MainWindow::updateActions()
{
    m_delete->setEnabled(!m_document->selection().isEmpty());
}

void MainWindow::selectObject(const Runtime::ObjectId &id)
{
    m_document->setSelection({ownerOf(m_document->project(), id)});
    m_propertiesDock->show();
    m_propertiesDock->raise();
}

void MainWindow::addTable()
{
    // The same table as a palette drop: the document's edit API names it and gives it its key.
    m_canvas->addTableAtCentre();
}

void MainWindow::addViewEntry(QMenu *menu, const Runtime::ObjectId &tableId)
{
    const Runtime::Table *table = m_document->project().table(tableId);
    if (!table)
        return;
    menu->addAction(tr("Create &View of %1").arg(table->name), this, [this, tableId]() {
        m_centralTabs->setCurrentIndex(0);
        m_canvas->addViewOf(tableId);
    });
}

void MainWindow::addView()
{
    const Runtime::Project &project = m_document->project();
    if (project.tables.empty()) {
        QMessageBox::information(this, tr("Add View"), tr("A view shows rows of a table: add a table first."));
        return;
    }
    // The selected table, else ask which one.
    Runtime::ObjectId tableId;
    for (const Runtime::ObjectId &id : m_document->selection()) {
        if (project.table(id) && tableId.isEmpty())
            tableId = id;
    }
    if (tableId.isEmpty()) {
        QStringList names;
        for (const Runtime::Table &table : project.tables)
            names << table.name;
        bool ok = false;
        const QString name = QInputDialog::getItem(
            this, tr("Add View"), tr("The view shows rows of the table:"), names, 0, false, &ok);
        const Runtime::Table *table = ok ? project.tableByName(name) : nullptr;
        if (!table)
            return;
        tableId = table->id;
    }
    m_centralTabs->setCurrentIndex(0);
    m_canvas->addViewOf(tableId);
}

void MainWindow::deleteSelection()
{
    // The canvas removes the selected tables and relationships as one step, once the guard agrees and the
    // rules that use them are settled.
    const QList<Runtime::ObjectId> ids = m_document->selection();
    // Functions, endpoints, triggers and schedules are not on the canvas: the document deletes them itself,
    // a function with what calls it once the guard agrees.
    const auto isLogic = [this](const Runtime::ObjectId &id) {
        return m_document->function(id) || m_document->endpoint(id) || m_document->trigger(id) || m_document->schedule(id);
    };
    if (!ids.isEmpty() && std::all_of(ids.begin(), ids.end(), isLogic)) {
        if (m_deleteGuard->confirmFunctions(m_document.get(), ids))
            m_document->remove(ids);
        return;
    }
    if (!m_deleteGuard->confirm(m_document.get(), ids))
        return;
    const Runtime::Project &project = m_document->project();
    QSet<Runtime::ObjectId> tables;
    QSet<Runtime::ObjectId> relationships;
    QStringList names;
    for (const Runtime::ObjectId &id : ids) {
        if (const Runtime::Table *table = project.table(id)) {
            tables << id;
            names << table->name;
        } else if (project.relationship(id)) {
            relationships << id;
        }
    }
    const QList<RuleUse> uses = rulesUsing(project, tables, {}, relationships);
    const QString what = names.isEmpty()
        ? tr("the selected relationship(s)", nullptr, int(relationships.size()))
        : tr("the table(s) %1", nullptr, int(names.size())).arg(QLocale().createSeparatedList(names));
    const RuleUseAnswer answer = askAboutRuleUses(this, what, uses);
    if (answer != RuleUseAnswer::Cancel)
        m_canvas->deleteSelection(answer == RuleUseAnswer::RemoveRules ? uses : QList<RuleUse>());
}

void MainWindow::exportDiagram()
{
    const QString base = m_document->fileName().isEmpty()
        ? QDir::home().filePath(QStringLiteral("diagram"))
        : QFileInfo(m_document->fileName()).absolutePath() + u'/' + QFileInfo(m_document->fileName()).completeBaseName();
    QString filter;
    const QString fileName = QFileDialog::getSaveFileName(this, tr("Export Diagram"), base + QStringLiteral(".png"),
        tr("PNG image (*.png);;SVG drawing (*.svg)"), &filter);
    if (fileName.isEmpty())
        return;
    const bool svg = fileName.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive);
    const Runtime::Result<void> written
        = svg ? exportSvg(m_canvas->scene(), fileName) : exportPng(m_canvas->scene(), fileName);
    if (!written) {
        QMessageBox::warning(this, tr("Export Diagram"),
            tr("The diagram could not be exported: %1").arg(written.error().message));
        return;
    }
    statusBar()->showMessage(tr("Exported the diagram to %1.").arg(QDir::toNativeSeparators(fileName)), 5000);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // Docks get their first sizes once the window has its own; later the saved state decides.
    if (!std::exchange(m_layoutRestored, true)) {
        // resizeDocks() ignores tabified docks (QTBUG-65592), so the tabs are made afterwards.
        QTimer::singleShot(0, this, [this]() {
            resizeDocks({m_treeDock, m_propertiesDock}, {width() / 5, width() * 7 / 20}, Qt::Horizontal);
            resizeDocks({m_problemsDock}, {height() / 7}, Qt::Vertical);
            // The Palette shows under the project tree from the start: a first table is a drag away.
            splitDockWidget(m_treeDock, m_paletteDock, Qt::Vertical);
            resizeDocks({m_treeDock, m_paletteDock}, {height() / 3, height() / 3}, Qt::Vertical);
            tabifyDockWidget(m_propertiesDock, m_undoDock);
            tabifyDockWidget(m_propertiesDock, m_permissionsDock);
            m_permissionsDock->show();
            m_treeDock->raise();
            m_propertiesDock->raise();
        });
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_fileActions->maybeSave()) {
        event->ignore();
        return;
    }
    m_fileActions->documentClosing();
    QSettings settings;
    settings.setValue(s_geometryKey, saveGeometry());
    settings.setValue(s_stateKey, saveState());
    event->accept();
}

} // namespace Designer
