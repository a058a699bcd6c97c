// SPDX-License-Identifier: GPL-3.0-or-later
// The saas template served by a real basalt-server, seeded with two organizations and their people.
#pragma once

#include "serverprocess.h"
#include "testsupport.h"

#include <QTemporaryDir>

#include <memory>

/** The fixture's ids: two organizations, three people (Alice and Adam in the first, Bob in the second). */
namespace Saas {
inline const QString org1 = QStringLiteral("aaaaaaaa-0000-4000-8000-000000000001");
inline const QString org2 = QStringLiteral("aaaaaaaa-0000-4000-8000-000000000002");
inline const QString alice = QStringLiteral("1a1a1a1a-0000-4000-8000-000000000001"); ///< member of org1
inline const QString adam = QStringLiteral("1a1a1a1a-0000-4000-8000-000000000002");  ///< admin of org1
inline const QString bob = QStringLiteral("2b2b2b2b-0000-4000-8000-000000000003");   ///< member of org2
inline const QString project1 = QStringLiteral("b0000000-0000-4000-8000-000000000001"); ///< org1, Alice's
inline const QString project2 = QStringLiteral("b0000000-0000-4000-8000-000000000002"); ///< org2, Bob's
inline const QString task1 = QStringLiteral("c0000000-0000-4000-8000-000000000001"); ///< org1, Alice's
inline const QString task2 = QStringLiteral("c0000000-0000-4000-8000-000000000002"); ///< org1, Adam's
inline const QString task3 = QStringLiteral("c0000000-0000-4000-8000-000000000003"); ///< org2, Bob's
inline const QString comment1 = QStringLiteral("d0000000-0000-4000-8000-000000000001"); ///< org1, by Alice
inline const QString comment2 = QStringLiteral("d0000000-0000-4000-8000-000000000002"); ///< org2, by Bob
} // namespace Saas

/** The saas template on a fresh SQLite file or PostgreSQL database, served by basalt-server (with
    TestSupport::jwtSecret()) and seeded by direct SQL. */
class SaasServer
{
public:
    SaasServer();
    ~SaasServer();

    /** Starts and seeds the server on \a engine. Returns an empty string, or why it failed; skipReason()
        is set instead when PostgreSQL is wanted and not configured. */
    QString start(const QString &engine);
    QString skipReason() const { return m_skipReason; }
    QString error() const { return m_error; }
    QUrl url(const QString &pathAndQuery) const;
    ServerProcess &process() { return m_server; }
    QString databaseUrl() const { return m_databaseUrl; }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestSupport::PostgresDatabase> m_postgres;
    QString m_databaseUrl;
    ServerProcess m_server;
    QString m_skipReason;
    QString m_error;
};
