// SPDX-License-Identifier: GPL-3.0-or-later
// ServerWorker: one request thread: its listening socket, its HTTP transport and its own database connection.
#include "serverworker.h"

#include "httptransport.h"
#include "storage/database.h"
#include "storage/recordstore.h"

#include <unistd.h>

namespace Runtime {

namespace {
constexpr int s_finishTimeoutMs = 2000;
}

ServerWorker::ServerWorker(ServerConfig config, WriteExecutor *writer)
    : m_config(std::move(config))
    , m_functionRunner(m_config.functionEnvironment)
    , m_writer(writer)
    , m_generation(m_config.projectUpdates ? m_config.projectUpdates->generation() : 0)
{ }

ServerWorker::~ServerWorker() = default;

Result<void> ServerWorker::start(qintptr descriptor)
{
    Result<DatabaseSession> session = DatabaseSession::open(m_config, m_functionRunner);
    if (!session) {
        ::close(int(descriptor));
        return session.error();
    }
    m_session = std::move(session).value();
    m_transport = std::make_unique<HttpTransport>(m_config, m_session.store.get(), m_writer, &m_functionRunner);
    m_transport->setBeforeRequest([this] { pickUpProject(); });
    return m_transport->listen(descriptor);
}

void ServerWorker::stop()
{
    if (m_transport)
        m_transport->stop();
}

void ServerWorker::finish()
{
    if (m_transport) {
        m_transport->stop();
        m_transport->waitForResponsesWritten(s_finishTimeoutMs);
    }
    m_transport.reset();
    m_session = DatabaseSession();
}

void ServerWorker::pickUpProject()
{
    if (!m_config.projectUpdates || m_config.projectUpdates->generation() == m_generation)
        return;
    const ProjectUpdates::Snapshot update = m_config.projectUpdates->current();
    m_generation = update.generation;
    const std::shared_ptr<const Project> &project = update.project;
    m_config.project = project;
    m_config.router = update.router;
    m_config.schemaVersion = update.schemaVersion;
    if (!m_session.database)
        return; // not started, or finished: start() opens the store with the new project
    // The new store first, then the transport is pointed at it, then the old one goes.
    m_session.serve(project, m_config, [this](RecordStore *store) {
        if (m_transport)
            m_transport->setRecordStore(store);
    });
}

} // namespace Runtime
