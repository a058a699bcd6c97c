// SPDX-License-Identifier: GPL-3.0-or-later
// RunPanels: the main window's Run menu, the API console and data tabs and the request log dock.
#pragma once

#include "model/ids.h"

#include <QObject>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QTabWidget;
class QToolBar;

namespace Runtime {
struct RequestLogEntry;
}

namespace Designer {

class DataBrowser;
class ProjectDocument;
class RealtimeInspector;
class RequestConsole;
class RequestLogDock;
class RunController;
class RunStatusWidget;
struct RunTarget;

/** Everything of the main window that works with the running runtime, wired in one place: the Run menu
    (Run F5, Stop Shift+F5, copy the keys, go to the data, the console, the log and the realtime inspector:
    Alt+6 to Alt+9), the "Data", "API Console" and "Realtime" tabs beside the diagram, the Request Log dock,
    and the entries the table context menus get ("Browse Data", "Import CSV…" and the console's ready-made
    requests). The tabs and the dock follow the controller's target: they work while it runs and say how to
    start it otherwise. Owned by the main window; \a tabs is its central tab widget (the diagram is its first
    tab). */
class RunPanels : public QObject
{
    Q_OBJECT

public:
    RunPanels(QMainWindow *window, QTabWidget *tabs, RunController *controller, RunStatusWidget *status);

    /** Fills the window's Run menu. */
    void populateMenu(QMenu *runMenu);
    /** Adds Run and Stop to \a toolBar. */
    void populateToolBar(QToolBar *toolBar);
    /** Adds the entries for the table \a tableId of \a document to a context \a menu. */
    void addTableEntries(QMenu *menu, ProjectDocument *document, const Runtime::ObjectId &tableId);

    QAction *runAction() const { return m_run; }
    QAction *stopAction() const { return m_stop; }
    RequestConsole *console() const { return m_console; }
    RealtimeInspector *realtimeInspector() const { return m_realtime; }
    DataBrowser *dataBrowser() const { return m_data; }
    RequestLogDock *requestLog() const { return m_log; }
    QDockWidget *requestLogDock() const { return m_logDock; }

    /** Shows the Data tab on the table \a name. */
    void browseTable(const QString &name);
    /** Opens the CSV import wizard for the table \a name (the runtime must run: the wizard writes into
        the database it serves). */
    void importCsv(const QString &name);
    /** Shows the API Console tab. */
    void showConsole();

private:
    void createTabs();
    void createLogDock();
    void createRunActions();
    void createGoToActions();
    void updateActions();
    /** Asks for the port Run tries first and remembers it. */
    void choosePort();
    void targetChanged(const RunTarget &target);
    void openLogEntry(const Runtime::RequestLogEntry &entry);

    QMainWindow *m_window;
    QTabWidget *m_tabs;
    RunController *m_controller;
    RunStatusWidget *m_status;
    RequestConsole *m_console = nullptr;
    RealtimeInspector *m_realtime = nullptr;
    DataBrowser *m_data = nullptr;
    RequestLogDock *m_log = nullptr;
    QDockWidget *m_logDock = nullptr;
    QAction *m_run = nullptr;
    QAction *m_stop = nullptr;
    QAction *m_port = nullptr;
    QAction *m_copyAnon = nullptr;
    QAction *m_copyService = nullptr;
    QAction *m_secrets = nullptr;
    QAction *m_goConsole = nullptr;
    QAction *m_goData = nullptr;
    QAction *m_goRealtime = nullptr;
    QAction *m_goLog = nullptr;
};

} // namespace Designer
