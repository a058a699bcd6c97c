// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: the designer's top-level window: project tree, canvas, properties, problems, menus.
#pragma once

#include "model/ids.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QMenu;
class QDockWidget;
class QStackedWidget;
class QTabWidget;
class QUndoGroup;

namespace Designer {

class DeleteGuard;
class ErView;
class FileActions;
class FunctionPanels;
class LogicPanels;
class PaletteWidget;
class PermissionEditor;
class ProblemsDock;
class ProjectDocument;
class ProjectTree;
class PropertiesDock;
class RunController;
class RunPanels;
class RunStatusWidget;
class TableEditor;

/** The designer's top-level window: the project tree on the left, the ER canvas in the centre, the
    properties of the selection on the right (a TableEditor for a table), the validator's problems at
    the bottom, the undo history on demand. File handling lives in FileActions; the window owns the open
    ProjectDocument and remembers its layout in QSettings. Lives on the stack in main(). */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Opens the project file \a fileName in place of the current one (see FileActions::openFile()). */
    bool openFile(const QString &fileName);

    /** Returns the open document, or nullptr when no project is open. */
    ProjectDocument *document() const { return m_document.get(); }
    /** Shows \a document in place of the current one, which is closed without asking. */
    void setDocument(std::unique_ptr<ProjectDocument> document);
    FileActions *fileActions() const { return m_fileActions; }
    /** Returns the properties pane's table editor (it exists while a document is open). */
    TableEditor *tableEditor() const;
    /** Returns the ER canvas of the open document. */
    ErView *canvas() const { return m_canvas; }
    /** Returns the Permissions dock's editor. */
    PermissionEditor *permissionEditor() const { return m_permissionEditor; }
    /** Returns the guard that asks before tables with rows in the local database are deleted. */
    DeleteGuard *deleteGuard() const { return m_deleteGuard; }

    /** Returns the controller that runs the open document's runtime (its status is in the status bar). */
    RunController *runController() const { return m_runController; }
    /** Returns the status bar's view of the runtime. */
    RunStatusWidget *runStatusWidget() const { return m_runStatus; }
    /** Returns the Run menu's actions and the panes that work with the running runtime. */
    RunPanels *runPanels() const { return m_runPanels; }
    /** Returns the Add Function action and the tab of the selected function's editor. */
    FunctionPanels *functionPanels() const { return m_functionPanels; }
    /** Returns the Add Endpoint/Trigger/Schedule actions and the tabs of their editors. */
    LogicPanels *logicPanels() const { return m_logicPanels; }

    /** Offers to restore projects left behind by a crash (see FileActions::offerRecovery()). */
    void offerRecovery();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createDocks();
    void createActions();
    void createMenus();
    void createToolBar();
    void updateTitle();
    void updateActions();
    void selectObject(const Runtime::ObjectId &id);
    void addTable();
    /** Adds a view of the selected table (asks which table when none is selected). */
    void addView();
    /** Adds "Create View of <table>" for \a tableId to a table's context menu \a menu. */
    void addViewEntry(QMenu *menu, const Runtime::ObjectId &tableId);
    void deleteSelection();
    /** Asks for a file and writes the diagram there as PNG or SVG (by its extension). */
    void exportDiagram();
    void createCanvas();
    /** Adds View > Go To, whose entries focus the canvas and the docks (Alt+1 to Alt+5). */
    void createGoToMenu(QMenu *viewMenu);

    std::unique_ptr<ProjectDocument> m_document;
    FileActions *m_fileActions = nullptr;
    QUndoGroup *m_undoGroup = nullptr;
    ProjectTree *m_tree = nullptr;
    ProblemsDock *m_problemsDock = nullptr;
    QDockWidget *m_treeDock = nullptr;
    PropertiesDock *m_propertiesDock = nullptr;
    QDockWidget *m_undoDock = nullptr;
    QDockWidget *m_permissionsDock = nullptr;
    PermissionEditor *m_permissionEditor = nullptr;
    QStackedWidget *m_canvasStack = nullptr;
    ErView *m_canvas = nullptr;
    PaletteWidget *m_palette = nullptr;
    QDockWidget *m_paletteDock = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_delete = nullptr;
    DeleteGuard *m_deleteGuard = nullptr;
    RunController *m_runController = nullptr;
    RunStatusWidget *m_runStatus = nullptr;
    RunPanels *m_runPanels = nullptr;
    FunctionPanels *m_functionPanels = nullptr;
    LogicPanels *m_logicPanels = nullptr;
    QTabWidget *m_centralTabs = nullptr;
    QAction *m_addTable = nullptr;
    QAction *m_addView = nullptr;
    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QAction *m_fit = nullptr;
    QAction *m_autoArrange = nullptr;
    QAction *m_newRelationship = nullptr;
    QAction *m_copy = nullptr;
    QAction *m_paste = nullptr;
    bool m_layoutRestored = false;
};

} // namespace Designer
