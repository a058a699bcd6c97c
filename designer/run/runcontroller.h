// SPDX-License-Identifier: GPL-3.0-or-later
// RunController: runs the open project's runtime in-process and keeps it in step with the document.
#pragma once

#include "document/changeevent.h"
#include "http/requestlog.h"
#include "runtarget.h"
#include "storage/databasesetup.h"

#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

#include <memory>

class QTemporaryDir;

namespace Runtime {
class Server;
}

namespace Designer {

class ProjectDocument;

/** Runs the open document's project: migrates its local SQLite database (the project file's base name +
    ".sqlite" beside it; a temporary one for an untitled project, removed on stop()) on a worker thread,
    then serves it with an in-process Runtime::Server on 127.0.0.1 at the preferred port (8765) or the
    next free one, signing with the project's secret (Runtime::loadProjectSecret(); a random one kept in
    memory while untitled). While running it follows the document: s_followDelayMs after the last change
    it plans the migration to the edited project on a worker thread. An invalid project is not applied
    (errorText() says why); safe plans are applied and the server switches to the new project without a
    restart (Runtime::Server::updateProject()); a plan that would lose data waits in
    WaitingForConfirmation (confirmationRequested() with its summary) until confirmDestructive(), while
    the old schema is still served. Nothing here blocks the GUI thread for longer than opening the
    server's sockets and connections. Owned by the main window (or a test); works with one document at a
    time (setDocument()). */
class RunController : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Stopped,
        Starting, ///< migrating the database before the server listens
        Running, ///< serving (errorText() may say why the latest edits are not applied)
        Migrating, ///< serving, while the latest edits are planned and applied
        WaitingForConfirmation, ///< a migration would lose data: see pendingSummary(), confirmDestructive()
        Failed, ///< not serving: see errorText()
    };
    Q_ENUM(State)

    static constexpr quint16 s_defaultPort = 8765;
    /** How many ports from the preferred one are tried before giving up. */
    static constexpr int s_portAttempts = 50;
    static constexpr int s_followDelayMs = 300;

    explicit RunController(QObject *parent = nullptr);
    /** Stops the server, waiting for a migration in progress. */
    ~RunController() override;

    /** Runs \a document from now on (nullptr: none); stops what runs for another document. */
    void setDocument(ProjectDocument *document);
    ProjectDocument *document() const;

    /** Sets the port tried first by the next start() (default s_defaultPort). */
    void setPreferredPort(quint16 port) { m_preferredPort = port; }
    quint16 preferredPort() const { return m_preferredPort; }

    /** Starts the runtime for the document: returns at once, the migration runs on a worker thread and
        the state goes Starting → Running (or WaitingForConfirmation, or Failed with the reason). Does
        nothing when there is no document or it is already started. */
    void start();
    /** Stops the server and frees its port; a migration in progress finishes first (it runs in one
        transaction). The state becomes Stopped. */
    void stop();
    /** Applies the migration waiting for confirmation, destructive steps included. */
    void confirmDestructive();

    State state() const { return m_state; }
    /** Returns true while the server listens (Running, Migrating and WaitingForConfirmation after a start).
     */
    bool isServing() const;
    /** Returns a short translated text for the state, e.g. "Running at http://127.0.0.1:8765". */
    QString stateText() const;
    /** Returns why it failed (Failed), or why the latest edits are not served (Running), else empty. */
    QString errorText() const { return m_errorText; }
    /** Returns the summary of the migration waiting for confirmation (what it would lose), else empty. */
    QString pendingSummary() const;
    /** Returns what the waiting migration would lose, one line per destructive step
        ("drop column categories.description: 1 non-empty value"), else empty. */
    QStringList pendingLosses() const;
    /** Returns where the runtime answers; not running (default) unless serving. */
    const RunTarget &target() const { return m_target; }

signals:
    /** The state changed, or its text or errorText() did. */
    void stateChanged(Designer::RunController::State state);
    void targetChanged(const Designer::RunTarget &target);
    /** A migration with steps was applied while running; \a summary lists them. */
    void migrationApplied(const QString &summary);
    /** A migration that would lose data waits for confirmDestructive(); \a summary says what it loses. */
    void confirmationRequested(const QString &summary);
    /** The server answered a request (queued to this object's thread). */
    void requestLogged(const Runtime::RequestLogEntry &entry);

private:
    using SetupResult = Runtime::Result<Runtime::DatabaseSetup>;
    using Snapshot = std::shared_ptr<const Runtime::Project>;

    bool prepareRun();
    /** Plans and applies the migration to \a project on the worker thread (destructive steps wait). */
    void migrate(const Snapshot &project);
    void migrated(const Snapshot &project, const SetupResult &result);
    /** Serves \a project at \a version: starts the server or updates it. */
    void serve(const Snapshot &project, int version, const QString &summary);
    bool listen(const Snapshot &project, int version);
    void documentChanged(const ChangeEvent &event);
    /** Saved under another name while running: moves to that project's own database (see the .cpp). */
    void fileNameChanged(const QString &fileName);
    void follow();
    void followLater();
    /** Runs \a work on the worker thread and migrated(\a project, its result) back on this thread, unless
        stop() came in between. */
    void runInBackground(const Snapshot &project, std::function<SetupResult()> work);
    void setState(State state);
    void fail(const QString &error);
    void shutDown();
    /** Returns the document's project as a snapshot, or sets \a problems to the validator's findings. */
    Snapshot snapshot(QString *problems) const;

    QPointer<ProjectDocument> m_document;
    quint16 m_preferredPort = s_defaultPort;
    State m_state = State::Stopped;
    QString m_errorText;
    RunTarget m_target;
    std::unique_ptr<Runtime::Server> m_server;
    std::unique_ptr<QTemporaryDir> m_temporaryFolder;
    Runtime::DatabaseUrl m_database;
    QByteArray m_secret;
    Snapshot m_served; ///< the project the server serves
    Snapshot m_pendingProject; ///< the project of the plan waiting for confirmation
    Runtime::MigrationPlan m_pendingPlan;
    QTimer m_followTimer;
    QThreadPool m_pool; ///< one thread: migrations run one after another
    quint64 m_generation = 0; ///< bumped by stop(): results of older work are dropped
    bool m_busy = false; ///< a migration runs on the worker thread
    bool m_dirty = false; ///< the document changed since the last snapshot taken
};

} // namespace Designer
