// SPDX-License-Identifier: GPL-3.0-or-later
// RunController: runs the open project's runtime in-process and keeps it in step with the document.
#include "runcontroller.h"

#include "auth/apikeys.h"
#include "auth/projectsecret.h"
#include "document/projectdocument.h"
#include "http/server.h"
#include "io/projectvalidator.h"
#include "mainwindow/deleteguard.h"

#include <QRandomGenerator>
#include <QTemporaryDir>

namespace Designer {

namespace {
// A secret for an untitled project: it has no folder to keep one in, and its database goes on stop.
QByteArray randomSecret()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QList<Runtime::Problem> errorsOf(const Runtime::Project &project)
{
    QList<Runtime::Problem> errors = Runtime::validateProject(project);
    errors.removeIf([](const Runtime::Problem &problem) {
        return problem.severity != Runtime::Problem::Severity::Error;
    });
    return errors;
}
} // namespace

RunController::RunController(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    m_followTimer.setSingleShot(true);
    m_followTimer.setInterval(s_followDelayMs);
    connect(&m_followTimer, &QTimer::timeout, this, &RunController::follow);
}

RunController::~RunController()
{
    shutDown();
}

void RunController::setDocument(ProjectDocument *document)
{
    if (document == m_document)
        return;
    if (m_state != State::Stopped)
        stop();
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) {
        connect(m_document, &ProjectDocument::changed, this, &RunController::documentChanged);
        connect(m_document, &ProjectDocument::fileNameChanged, this, &RunController::fileNameChanged);
    }
}

ProjectDocument *RunController::document() const
{
    return m_document;
}

void RunController::start()
{
    if (!m_document || (m_state != State::Stopped && m_state != State::Failed))
        return;
    m_errorText.clear();
    if (!prepareRun())
        return;
    QString problems;
    const Snapshot project = snapshot(&problems);
    if (!project) {
        fail(problems);
        return;
    }
    setState(State::Starting);
    migrate(project);
}

bool RunController::prepareRun()
{
    const QString file = m_document->fileName();
    m_database = Runtime::DatabaseUrl();
    if (file.isEmpty()) {
        m_temporaryFolder = std::make_unique<QTemporaryDir>();
        if (!m_temporaryFolder->isValid()) {
            fail(tr("Cannot create a temporary folder for the untitled project's database: %1")
                     .arg(m_temporaryFolder->errorString()));
            return false;
        }
        m_database.path = m_temporaryFolder->filePath(QStringLiteral("untitled.sqlite"));
        m_secret = randomSecret();
        return true;
    }
    m_database.path = DeleteGuard::localDatabasePath(file);
    const Runtime::Result<QByteArray> secret = Runtime::loadProjectSecret(file);
    if (!secret) {
        fail(secret.error().toString());
        return false;
    }
    m_secret = *secret;
    return true;
}

RunController::Snapshot RunController::snapshot(QString *problems) const
{
    auto project = std::make_shared<const Runtime::Project>(m_document->project());
    const QList<Runtime::Problem> errors = errorsOf(*project);
    if (errors.isEmpty())
        return project;
    *problems = tr("The project has %n problem(s); fix them in the Problems pane. The first: %1", nullptr,
        int(errors.size()))
                    .arg(errors.constFirst().toString());
    return nullptr;
}

void RunController::migrate(const Snapshot &project)
{
    setState(m_server ? State::Migrating : State::Starting);
    const Runtime::DatabaseUrl url = m_database;
    runInBackground(project, [url, project] { return Runtime::setUpDatabase(url, *project, false); });
}

void RunController::confirmDestructive()
{
    if (m_state != State::WaitingForConfirmation)
        return;
    const Snapshot project = m_pendingProject;
    const Runtime::MigrationPlan plan = m_pendingPlan;
    m_pendingProject.reset();
    m_pendingPlan = {};
    setState(m_server ? State::Migrating : State::Starting);
    const Runtime::DatabaseUrl url = m_database;
    runInBackground(project, [url, plan]() -> SetupResult {
        Runtime::Result<std::unique_ptr<Runtime::Database>> database = Runtime::Database::open(url);
        if (!database)
            return database.error();
        return Runtime::applyMigrationPlan(**database, plan);
    });
}

void RunController::runInBackground(const Snapshot &project, std::function<SetupResult()> work)
{
    m_busy = true;
    const quint64 generation = m_generation;
    // The destructor waits for the pool, so `this` outlives the task.
    m_pool.start([this, generation, project, work = std::move(work)] {
        const SetupResult result = work();
        QMetaObject::invokeMethod(
            this,
            [this, generation, project, result] {
                if (generation != m_generation)
                    return; // stopped meanwhile
                m_busy = false;
                migrated(project, result);
            },
            Qt::QueuedConnection);
    });
}

void RunController::migrated(const Snapshot &project, const SetupResult &result)
{
    if (!result) {
        if (!m_server) {
            fail(result.error().toString());
            return;
        }
        // The server goes on with the schema it has; the reason stays visible until the next edit.
        m_errorText = tr("Your latest changes are not applied: %1").arg(result.error().toString());
        setState(State::Running);
    } else if (result->destructiveRefused) {
        m_pendingProject = project;
        m_pendingPlan = result->plan;
        m_errorText.clear();
        setState(State::WaitingForConfirmation);
        emit confirmationRequested(pendingSummary());
    } else {
        serve(project, result->schemaVersion, result->plan.isEmpty() ? QString() : result->plan.summary());
    }
    if (m_dirty && m_state != State::Failed)
        m_followTimer.start();
}

void RunController::serve(const Snapshot &project, int version, const QString &summary)
{
    if (!m_server) {
        if (!listen(project, version))
            return;
    } else if (const Runtime::Result<void> updated = m_server->updateProject(project, version); !updated) {
        fail(updated.error().toString());
        return;
    }
    m_served = project;
    m_errorText.clear();
    m_target.project = project;
    emit targetChanged(m_target);
    setState(State::Running);
    if (!summary.isEmpty())
        emit migrationApplied(summary);
}

bool RunController::listen(const Snapshot &project, int version)
{
    Runtime::ServerConfig config;
    config.project = project;
    config.database = m_database;
    config.schemaVersion = version;
    config.jwtSecret = m_secret;
    // Read at each start: secrets edited in the project's local folder apply at the next run.
    if (m_document && !m_document->fileName().isEmpty())
        config.functionEnvironment = Runtime::loadFunctionEnvironment(m_document->fileName());
    config.requestObserver = [this](const Runtime::RequestLogEntry &entry) {
        // On a request thread: the server is destroyed (its threads joined) before this object.
        QMetaObject::invokeMethod(
            this, [this, entry] { emit requestLogged(entry); }, Qt::QueuedConnection);
    };
    auto server = std::make_unique<Runtime::Server>(config);
    QString firstError;
    const int last = qMin(int(m_preferredPort) + s_portAttempts - 1, 65535);
    for (int port = m_preferredPort; port <= last; ++port) {
        const Runtime::Result<void> listening = server->listen(QHostAddress::LocalHost, quint16(port));
        if (listening)
            break;
        if (listening.error().code != Runtime::ErrorCode::ServerListenFailed) {
            fail(listening.error().toString()); // e.g. the database: another port would not help
            return false;
        }
        if (firstError.isEmpty())
            firstError = listening.error().toString();
    }
    if (!server->isListening()) {
        fail(tr("No free port from %1 to %2. The first one said: %3")
                 .arg(m_preferredPort)
                 .arg(last)
                 .arg(firstError));
        return false;
    }
    m_server = std::move(server);
    m_target.baseUrl = m_server->url();
    m_target.anonKey = Runtime::anonKey(m_secret);
    m_target.serviceKey = Runtime::serviceRoleKey(m_secret);
    m_target.projectFile = m_document ? m_document->fileName() : QString();
    m_target.databasePath = m_database.path;
    m_target.changeFeed = m_server->config().changeFeed;
    m_target.realtimeHub = m_server->config().realtimeHub;
    return true;
}

void RunController::documentChanged(const ChangeEvent &event)
{
    // Canvas positions are model data but mean nothing to the runtime: a drag must not re-plan.
    if (m_state == State::Stopped || m_state == State::Failed || event.kind == ChangeEvent::Kind::TablesMoved)
        return;
    m_dirty = true;
    m_followTimer.start();
}

void RunController::follow()
{
    if (!m_document || m_state == State::Stopped || m_state == State::Failed)
        return;
    if (m_busy)
        return; // migrated() starts the timer again
    m_dirty = false;
    QString problems;
    const Snapshot project = snapshot(&problems);
    if (!project) {
        m_pendingProject.reset();
        m_pendingPlan = {};
        if (!m_server) {
            fail(problems);
            return;
        }
        m_errorText = tr("Your latest changes are not applied: %1").arg(problems);
        setState(State::Running);
        return;
    }
    if (m_served && *project == *m_served && m_state == State::Running) {
        m_errorText.clear();
        setState(State::Running);
        return;
    }
    migrate(project);
}

void RunController::stop()
{
    shutDown();
    m_errorText.clear();
    setState(State::Stopped);
}

void RunController::fail(const QString &error)
{
    shutDown();
    m_errorText = error;
    setState(State::Failed);
}

void RunController::shutDown()
{
    ++m_generation;
    m_followTimer.stop();
    m_pool.waitForDone();
    m_busy = false;
    m_dirty = false;
    m_server.reset();
    m_served.reset();
    m_pendingProject.reset();
    m_pendingPlan = {};
    m_temporaryFolder.reset();
    if (!m_target.baseUrl.isEmpty()) {
        m_target = RunTarget();
        emit targetChanged(m_target);
    }
}

// Emits even when the state stays: its text or errorText() may have changed.
void RunController::setState(State state)
{
    m_state = state;
    emit stateChanged(state);
}

bool RunController::isServing() const
{
    return m_server && m_server->isListening();
}

QString RunController::pendingSummary() const
{
    return m_pendingProject ? m_pendingPlan.summary().trimmed() : QString();
}

QStringList RunController::pendingLosses() const
{
    QStringList losses;
    if (!m_pendingProject)
        return losses;
    for (const Runtime::MigrationStep &step : m_pendingPlan.steps) {
        if (step.destructive)
            losses.append(step.dataLoss.isEmpty() ? step.description
                                                  : tr("%1: %2").arg(step.description, step.dataLoss));
    }
    return losses;
}

QString RunController::stateText() const
{
    switch (m_state) {
    case State::Stopped:
        return tr("Not running: press Run (F5)");
    case State::Starting:
        return tr("Starting…");
    case State::Running:
        return tr("Running at %1").arg(m_target.baseUrl.toString());
    case State::Migrating:
        return tr("Applying schema changes…");
    case State::WaitingForConfirmation:
        return tr("Waiting for confirmation");
    case State::Failed:
        return tr("Failed");
    }
    return {};
}

} // namespace Designer
