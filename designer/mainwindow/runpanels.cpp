// SPDX-License-Identifier: GPL-3.0-or-later
// RunPanels: the main window's Run menu, the API console and data tabs and the request log dock.
#include "runpanels.h"

#include "secretsdialog.h"

#include "console/requestconsole.h"
#include "data/csvimportwizard.h"
#include "data/databrowser.h"
#include "document/projectdocument.h"
#include "realtime/realtimeinspector.h"
#include "run/requestlogdock.h"
#include "run/requestlogmodel.h"
#include "run/runcontroller.h"
#include "run/runstatuswidget.h"

#include <QAction>
#include <QDockWidget>
#include <QInputDialog>
#include <QSettings>
#include <QStatusBar>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QUrl>

namespace Designer {

namespace {
const QString s_portKey = QStringLiteral("run/port");

// Headers the network stack or the auth mode supplies again when the console sends the request.
bool isTransportHeader(const QByteArray &name)
{
    static const QByteArrayList names = {"host", "content-length", "connection", "accept-encoding",
        "accept-language", "user-agent", "apikey", "authorization"};
    return names.contains(name.toLower());
}

/** Returns the request of the log entry \a entry as the console's form holds it: the project's keys
    become the matching auth mode; a token the console did not issue is kept as it was sent. */
ConsoleRequest consoleRequest(const Runtime::RequestLogEntry &entry, const RunTarget &target)
{
    ConsoleRequest request;
    request.method = QString::fromLatin1(entry.method);
    request.url = entry.target;
    request.body = QString::fromUtf8(entry.requestBody);
    QByteArray apiKey;
    QByteArray authorization;
    for (const auto &[name, value] : entry.requestHeaders) {
        if (name.compare("apikey", Qt::CaseInsensitive) == 0)
            apiKey = value;
        else if (name.compare("authorization", Qt::CaseInsensitive) == 0)
            authorization = value;
        if (!isTransportHeader(name))
            request.headers.append({QString::fromLatin1(name), QString::fromUtf8(value)});
    }
    const QByteArray bearer = authorization.startsWith("Bearer ") ? authorization.mid(7) : QByteArray();
    const auto is = [&](const QByteArray &key) { return apiKey == key && (bearer.isEmpty() || bearer == key); };
    if (apiKey.isEmpty() && authorization.isEmpty()) {
        request.auth = ConsoleAuth::None;
    } else if (is(target.serviceKey)) {
        request.auth = ConsoleAuth::Service;
    } else if (is(target.anonKey)) {
        request.auth = ConsoleAuth::Anon;
    } else {
        // A user's token (or a key of another secret): replayed exactly as it was sent.
        request.auth = ConsoleAuth::None;
        if (!apiKey.isEmpty())
            request.headers.prepend({QStringLiteral("apikey"), QString::fromLatin1(apiKey)});
        if (!authorization.isEmpty())
            request.headers.prepend({QStringLiteral("Authorization"), QString::fromLatin1(authorization)});
    }
    return request;
}
} // namespace

RunPanels::RunPanels(QMainWindow *window, QTabWidget *tabs, RunController *controller, RunStatusWidget *status)
    : QObject(window)
    , m_window(window)
    , m_tabs(tabs)
    , m_controller(controller)
    , m_status(status)
{
    createTabs();
    createLogDock();
    createRunActions();
    createGoToActions();

    connect(controller, &RunController::stateChanged, this, &RunPanels::updateActions);
    // Safe schema changes apply while it runs; the status bar says which.
    connect(controller, &RunController::migrationApplied, this, [this](const QString &summary) {
        QStringList steps = summary.trimmed().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (QString &step : steps)
            step = step.trimmed();
        m_window->statusBar()->showMessage(tr("Applied to the running backend: %1").arg(steps.join(QStringLiteral("; "))), 10000);
    });
    connect(controller, &RunController::targetChanged, this, &RunPanels::targetChanged);
    targetChanged(controller->target());
    updateActions();
}

// The Data, API Console and Realtime tabs beside the diagram.
void RunPanels::createTabs()
{
    m_data = new DataBrowser(m_tabs);
    m_data->setObjectName(QStringLiteral("dataBrowser"));
    m_tabs->addTab(m_data, tr("Data"));
    m_console = new RequestConsole(m_tabs);
    m_console->setObjectName(QStringLiteral("requestConsole"));
    m_tabs->addTab(m_console, tr("API Console"));
    m_realtime = new RealtimeInspector(m_console->store(), m_console->sessions(), m_tabs);
    m_realtime->setObjectName(QStringLiteral("realtimeInspector"));
    m_tabs->addTab(m_realtime, tr("Realtime"));
    m_tabs->setTabToolTip(0, tr("The diagram of the project's tables and relationships"));
    m_tabs->setTabToolTip(1, tr("Browse, edit, import and export the rows of the running backend"));
    m_tabs->setTabToolTip(2, tr("Send requests to the running backend and see what its rules did"));
    m_tabs->setTabToolTip(3,
        tr("Join a realtime channel of the running backend: live table changes, broadcasts "
           "and who is present"));
    connect(m_console, &RequestConsole::requestOpened, this, &RunPanels::showConsole);
    connect(m_data, &DataBrowser::importRequested, this, &RunPanels::importCsv);
}

void RunPanels::createLogDock()
{
    m_log = new RequestLogDock(m_window);
    m_logDock = new QDockWidget(tr("Request Log"), m_window);
    m_logDock->setObjectName(QStringLiteral("requestLogDock"));
    m_logDock->setWidget(m_log);
    m_window->addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    connect(m_log, &RequestLogDock::openInConsole, this, &RunPanels::openLogEntry);
    connect(m_controller, &RunController::requestLogged, m_log->model(), &RequestLogModel::append);
}

// Run, Stop, Port and the key copies of the Run menu.
void RunPanels::createRunActions()
{
    m_run = new QAction(QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("&Run"), this);
    m_run->setShortcut(QKeySequence(Qt::Key_F5));
    m_run->setToolTip(tr("Run the backend on this machine and try its API (F5)"));
    connect(m_run, &QAction::triggered, m_controller, &RunController::start);
    m_stop = new QAction(QIcon::fromTheme(QStringLiteral("media-playback-stop")), tr("&Stop"), this);
    m_stop->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_stop->setToolTip(tr("Stop the running backend (Shift+F5)"));
    connect(m_stop, &QAction::triggered, m_controller, &RunController::stop);
    m_port = new QAction(tr("&Port…"), this);
    m_port->setToolTip(tr("The port the backend tries first when it starts"));
    connect(m_port, &QAction::triggered, this, &RunPanels::choosePort);
    if (const int saved = QSettings().value(s_portKey).toInt(); saved > 0 && saved <= 65535)
        m_controller->setPreferredPort(quint16(saved));
    m_copyAnon = new QAction(tr("Copy &Anon Key"), this);
    connect(m_copyAnon, &QAction::triggered, m_status, &RunStatusWidget::copyAnonKey);
    m_copyService = new QAction(tr("Copy S&ervice Key"), this);
    connect(m_copyService, &QAction::triggered, m_status, &RunStatusWidget::copyServiceKey);
    m_secrets = new QAction(tr("Function Secre&ts…"), this);
    m_secrets->setObjectName(QStringLiteral("functionSecretsAction"));
    m_secrets->setToolTip(tr("The values functions read with env.get(), kept beside the project, never in it"));
    connect(m_secrets, &QAction::triggered, this, [this]() {
        ProjectDocument *document = m_controller->document();
        if (!document || document->fileName().isEmpty()) {
            QMessageBox::information(m_window, tr("Function Secrets"),
                tr("Save the project first: its secrets are kept in a folder beside the project file."));
            return;
        }
        SecretsDialog dialog(document->fileName(), m_window);
        dialog.exec();
    });
}

void RunPanels::createGoToActions()
{
    // Alt+1 to Alt+5 go to the diagram and the docks (View > Go To); these panes follow them.
    m_goData = new QAction(tr("&Data"), this);
    m_goData->setShortcut(QKeySequence(Qt::ALT | Qt::Key_6));
    connect(m_goData, &QAction::triggered, this, [this]() {
        m_tabs->setCurrentWidget(m_data);
        m_data->setFocus(Qt::ShortcutFocusReason);
    });
    m_goConsole = new QAction(tr("API &Console"), this);
    m_goConsole->setShortcut(QKeySequence(Qt::ALT | Qt::Key_7));
    connect(m_goConsole, &QAction::triggered, this, [this]() {
        showConsole();
        m_console->setFocus(Qt::ShortcutFocusReason);
    });
    m_goRealtime = new QAction(tr("Realtime &Inspector"), this);
    m_goRealtime->setShortcut(QKeySequence(Qt::ALT | Qt::Key_9));
    connect(m_goRealtime, &QAction::triggered, this, [this]() {
        m_tabs->setCurrentWidget(m_realtime);
        m_realtime->setFocus(Qt::ShortcutFocusReason);
    });
    m_goLog = new QAction(tr("Request &Log"), this);
    m_goLog->setShortcut(QKeySequence(Qt::ALT | Qt::Key_8));
    connect(m_goLog, &QAction::triggered, this, [this]() {
        m_logDock->show();
        m_logDock->raise();
        m_log->view()->setFocus(Qt::ShortcutFocusReason);
    });
}

void RunPanels::populateMenu(QMenu *runMenu)
{
    runMenu->addAction(m_run);
    runMenu->addAction(m_stop);
    runMenu->addAction(m_port);
    runMenu->addSeparator();
    runMenu->addAction(m_copyAnon);
    runMenu->addAction(m_copyService);
    runMenu->addAction(m_secrets);
    runMenu->addSeparator();
    runMenu->addAction(m_goData);
    runMenu->addAction(m_goConsole);
    runMenu->addAction(m_goRealtime);
    runMenu->addAction(m_goLog);
}

void RunPanels::populateToolBar(QToolBar *toolBar)
{
    toolBar->addAction(m_run);
    toolBar->addAction(m_stop);
}

void RunPanels::addTableEntries(QMenu *menu, ProjectDocument *document, const Runtime::ObjectId &tableId)
{
    const Runtime::Table *table = document->project().table(tableId);
    const RunTarget &target = m_controller->target();
    if (!table)
        return;
    menu->addSeparator();
    // What the runtime serves may lag the document (a migration waiting for confirmation): its table decides.
    const Runtime::Table *served = target.isRunning() ? target.project->tableByName(table->name) : nullptr;
    const QString name = table->name;
    QAction *browse = menu->addAction(tr("&Browse Data"), this, [this, name]() { browseTable(name); });
    QAction *import = menu->addAction(tr("&Import CSV…"), this, [this, name]() { importCsv(name); });
    QMenu *requests = menu->addMenu(tr("Try in API &Console"));
    if (served)
        m_console->addTableActions(requests, *target.project, *served);
    const QString hint = target.isRunning() ? tr("Run the backend again to serve this table (F5)")
                                            : tr("Press Run (F5) to start the backend first");
    for (QAction *action : {browse, import, requests->menuAction()}) {
        action->setEnabled(served != nullptr);
        if (!served)
            action->setToolTip(hint);
    }
    menu->setToolTipsVisible(true);
}

void RunPanels::browseTable(const QString &name)
{
    m_data->setTable(name);
    m_tabs->setCurrentWidget(m_data);
}

void RunPanels::importCsv(const QString &name)
{
    const RunTarget &target = m_controller->target();
    if (!target.isRunning() || !target.project->tableByName(name)) {
        QMessageBox::information(m_window, tr("Import CSV"),
            tr("Start the backend with Run (F5) first: the import writes into the database it serves."));
        return;
    }
    CsvImportWizard wizard(target.project, name, target.databasePath, m_window);
    wizard.setChangeFeed(target.changeFeed);
    connect(&wizard, &CsvImportWizard::importFinished, this, [this, name](qint64 imported) {
        if (imported > 0 && m_data->currentTable() == name)
            m_data->refresh();
    });
    wizard.exec();
}

void RunPanels::choosePort()
{
    bool ok = false;
    const int port = QInputDialog::getInt(m_window, tr("Port"),
        tr("The backend listens on this port on 127.0.0.1; if another program uses it, on the next free one.\n"
           "It applies the next time you press Run."),
        m_controller->preferredPort(), 1, 65535, 1, &ok);
    if (!ok)
        return;
    m_controller->setPreferredPort(quint16(port));
    QSettings().setValue(s_portKey, port);
}

void RunPanels::showConsole()
{
    m_tabs->setCurrentWidget(m_console);
}

void RunPanels::updateActions()
{
    const RunController::State state = m_controller->state();
    const bool stopped = state == RunController::State::Stopped || state == RunController::State::Failed;
    m_run->setEnabled(stopped);
    m_stop->setEnabled(!stopped);
    m_copyAnon->setEnabled(m_controller->target().isRunning());
    m_copyService->setEnabled(m_controller->target().isRunning());
}

void RunPanels::targetChanged(const RunTarget &target)
{
    m_console->setTarget(target);
    m_realtime->setTarget(target); // after the console: it loads the project's console settings
    m_data->setTarget(target);
    m_log->setRealtimeHub(target.realtimeHub);
    updateActions();
}

void RunPanels::openLogEntry(const Runtime::RequestLogEntry &entry)
{
    m_console->openRequest(consoleRequest(entry, m_controller->target()));
    showConsole();
}

} // namespace Designer
