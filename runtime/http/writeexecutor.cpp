// SPDX-License-Identifier: GPL-3.0-or-later
// WriteExecutor: the one thread that writes to an SQLite database; DatabaseSession: a thread's connection.
#include "writeexecutor.h"

#include "apierror.h"
#include "router.h"
#include "storage/database.h"
#include "storage/recordstore.h"

namespace Runtime {

DatabaseSession::DatabaseSession() = default;
DatabaseSession::DatabaseSession(DatabaseSession &&) noexcept = default;
DatabaseSession &DatabaseSession::operator=(DatabaseSession &&) noexcept = default;
DatabaseSession::~DatabaseSession() = default;

Result<DatabaseSession> DatabaseSession::open(const ServerConfig &config)
{
    Result<std::unique_ptr<Database>> database = Database::open(config.database);
    if (!database)
        return database.error();
    DatabaseSession session;
    session.database = std::move(database).value();
    session.store = std::make_unique<RecordStore>(config.project, *session.database);
    return session;
}

WriteExecutor::WriteExecutor(const Router &router, const ServerConfig &config)
    : m_router(router)
    , m_config(config)
{ }

WriteExecutor::~WriteExecutor() = default;

Result<void> WriteExecutor::openDatabase()
{
    Result<DatabaseSession> session = DatabaseSession::open(m_config);
    if (!session)
        return session.error();
    m_session = std::move(session).value();
    return {};
}

void WriteExecutor::closeDatabase()
{
    m_session = DatabaseSession();
}

void WriteExecutor::submit(const HttpRequest &request, QObject *context, const Reply &reply)
{
    QMetaObject::invokeMethod(
        this,
        [this, request, context, reply] {
            HttpResponse response = m_session.store
                ? m_router.dispatch(request, m_config, m_session.store.get())
                : errorResponse(
                    Error(ErrorCode::ServiceUnavailable, QStringLiteral("The server is stopping.")));
            QMetaObject::invokeMethod(
                context, [reply, response = std::move(response)] { reply(response); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace Runtime
