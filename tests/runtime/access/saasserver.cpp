// SPDX-License-Identifier: GPL-3.0-or-later
// The saas template served by a real basalt-server, seeded with two organizations and their people.
#include "saasserver.h"

#include <QFile>

namespace {
const char *const s_seed[] = {
    "INSERT INTO organizations (id, name, slug, plan, seats) VALUES "
    "('aaaaaaaa-0000-4000-8000-000000000001', 'Acme', 'acme', 'pro', 10), "
    "('aaaaaaaa-0000-4000-8000-000000000002', 'Globex', 'globex', 'free', 5)",
    "INSERT INTO users (id, organization_id, email, full_name, role) VALUES "
    "('1a1a1a1a-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'alice@acme.test', "
    "'Alice', 'member'), "
    "('1a1a1a1a-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000001', 'adam@acme.test', "
    "'Adam', 'admin'), "
    "('2b2b2b2b-0000-4000-8000-000000000003', 'aaaaaaaa-0000-4000-8000-000000000002', 'bob@globex.test', "
    "'Bob', 'member')",
    // Their logins (no password works: the hash is not one), so X-Basalt-Explain can run as them.
    "INSERT INTO _basalt_auth_users (id, email, password_hash, created_at, updated_at) VALUES "
    "('1a1a1a1a-0000-4000-8000-000000000001', 'alice@acme.test', '!', '2026-01-01T00:00:00.000Z', "
    "'2026-01-01T00:00:00.000Z'), "
    "('1a1a1a1a-0000-4000-8000-000000000002', 'adam@acme.test', '!', '2026-01-01T00:00:00.000Z', "
    "'2026-01-01T00:00:00.000Z'), "
    "('2b2b2b2b-0000-4000-8000-000000000003', 'bob@globex.test', '!', '2026-01-01T00:00:00.000Z', "
    "'2026-01-01T00:00:00.000Z')",
    "INSERT INTO projects (id, organization_id, name, status, owner_id) VALUES "
    "('b0000000-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'Rocket', 'active', "
    "'1a1a1a1a-0000-4000-8000-000000000001'), "
    "('b0000000-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000002', 'Secret plan', "
    "'active', '2b2b2b2b-0000-4000-8000-000000000003')",
    "INSERT INTO tasks (id, organization_id, project_id, title, status, priority, assignee_id) VALUES "
    "('c0000000-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', "
    "'b0000000-0000-4000-8000-000000000001', 'Fuel', 'todo', 1, '1a1a1a1a-0000-4000-8000-000000000001'), "
    "('c0000000-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000001', "
    "'b0000000-0000-4000-8000-000000000001', 'Launch', 'todo', 2, '1a1a1a1a-0000-4000-8000-000000000002'), "
    "('c0000000-0000-4000-8000-000000000003', 'aaaaaaaa-0000-4000-8000-000000000002', "
    "'b0000000-0000-4000-8000-000000000002', 'World domination', 'todo', 3, "
    "'2b2b2b2b-0000-4000-8000-000000000003')",
    "INSERT INTO comments (id, organization_id, task_id, author_id, body) VALUES "
    "('d0000000-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', "
    "'c0000000-0000-4000-8000-000000000001', '1a1a1a1a-0000-4000-8000-000000000001', 'On it'), "
    "('d0000000-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000002', "
    "'c0000000-0000-4000-8000-000000000003', '2b2b2b2b-0000-4000-8000-000000000003', 'Top secret')",
};
} // namespace

SaasServer::SaasServer() = default;
SaasServer::~SaasServer() = default;

QString SaasServer::start(const QString &engine)
{
    if (!m_dir.isValid())
        return m_error = QStringLiteral("no temporary directory");
    if (engine == QLatin1String("postgresql")) {
        m_postgres = std::make_unique<TestSupport::PostgresDatabase>(QStringLiteral("basalt_access"));
        if (!m_postgres->isValid()) {
            m_skipReason = QStringLiteral("no PostgreSQL test server: ") + m_postgres->error();
            return m_error = m_skipReason;
        }
        m_databaseUrl = m_postgres->url();
    } else {
        m_databaseUrl = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("saas.sqlite"));
    }
    const QString projectFile = m_dir.filePath(QStringLiteral("saas.basalt"));
    if (!QFile::copy(TestSupport::templatePath(QStringLiteral("saas")), projectFile))
        return m_error = QStringLiteral("cannot copy the saas template");
    if (!m_server.start({QStringLiteral("--project"), projectFile, QStringLiteral("--db"), m_databaseUrl,
            QStringLiteral("--port"), QStringLiteral("0")}))
        return m_error = QStringLiteral("basalt-server did not start: ") + m_server.standardError();
    for (const char *statement : s_seed) {
        const QString error = executeSql(m_databaseUrl, QString::fromUtf8(statement));
        if (!error.isEmpty())
            return m_error = QStringLiteral("seeding failed: %1 (%2)").arg(error, QString::fromUtf8(statement));
    }
    return {};
}

QUrl SaasServer::url(const QString &pathAndQuery) const
{
    return m_server.url().resolved(QUrl(pathAndQuery));
}
