// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of basalt-server: the test class, shared by tst_server.cpp and transporttests.cpp, and helpers.
#pragma once

#include "serverprocess.h"
#include "testsupport.h"

#include <QJsonObject>
#include <QObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>
inline const QStringList s_engines {QStringLiteral("sqlite"), QStringLiteral("postgresql")};
inline const QStringList s_templates {
    QStringLiteral("ecommerce"), QStringLiteral("saas"), QStringLiteral("social"), QStringLiteral("chat")};

// Adds an "engine" column with a row for each engine (the _data of tests run on SQLite and PostgreSQL).
inline void addEngineRows()
{
    QTest::addColumn<QString>("engine");
    for (const QString &engine : s_engines)
        QTest::newRow(qPrintable(engine)) << engine;
}

// Returns the arguments that serve \a project from \a databaseUrl on \a port.
inline QStringList serveArguments(
    const QString &project, const QString &databaseUrl, const QString &port = QStringLiteral("0"))
{
    return {QStringLiteral("--project"), project, QStringLiteral("--db"), databaseUrl,
        QStringLiteral("--port"), port};
}

inline QUrl healthUrl(const ServerProcess &server)
{
    return server.url().resolved(QUrl(QStringLiteral("/health")));
}

inline QJsonObject healthBody(const QString &project, int schemaVersion)
{
    return {{QStringLiteral("status"), QStringLiteral("ok")}, {QStringLiteral("project"), project},
        {QStringLiteral("schemaVersion"), schemaVersion}};
}

inline QStringList sortedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

// Sets \a target to the URL of an empty database of \a engine: an SQLite file in \a dir or a fresh
// PostgreSQL database held by \a postgres. Skips the test (fails it under CI) when PostgreSQL is wanted but
// unavailable.
#define OPEN_TEST_DATABASE(engine, dir, postgres, target)                                                    \
    if ((engine) == QLatin1String("postgresql")) {                                                           \
        (postgres).emplace();                                                                                \
        BASALT_REQUIRE_POSTGRES(*(postgres));                                                                \
        (target) = (postgres)->url();                                                                        \
    } else {                                                                                                 \
        (target) = QStringLiteral("sqlite:") + (dir).filePath(QStringLiteral("test.sqlite"));                \
    }

class tst_Server : public QObject
{
    Q_OBJECT

private slots:
    void routeTableDeclaresPolicies();
    void health_data();
    void health();
    void defaultDatabaseNextToProject();
    void errorResponses_data();
    void errorResponses();
    void badArguments_data();
    void badArguments();
    void badProject_data();
    void badProject();
    void destructiveChange_data();
    void destructiveChange();
    void stopsOnSignal_data();
    void stopsOnSignal();
    void portInUse();
    void portInUseByServer();
    // The HTTP layer: limits, keep-alive, CORS, threads and shutdown (transporttests.cpp).
    void bodyTooLarge_data();
    void bodyTooLarge();
    void headersTooLarge_data();
    void headersTooLarge();
    void idleConnectionClosed();
    void incompleteRequestTimedOut();
    void connectionClose_data();
    void connectionClose();
    void pipelinedRequestsAnsweredInOrder();
    void refusalWaitsForEarlierResponses();
    // Clients that try to make the server hold memory (memorytests.cpp).
    void chunkedFloodIsNotBuffered();
    void unreadResponsesAreBounded();
    void corsPreflight_data();
    void corsPreflight();
    void manyKeepAliveConnections();
    void slowRequestDoesNotBlockOthers_data();
    void slowRequestDoesNotBlockOthers();
    void shutdownUnderLoad_data();
    void shutdownUnderLoad();
    void cleanupTestCase();

private:
    QString fixture(const QString &name) const;
    /** Returns the server shared by the transport tests (idle and request timeouts of 1 s, 3 threads),
        starting it on first use; nullptr if it cannot start. */
    ServerProcess *limitsServer();

    QTemporaryDir m_sharedDir;
    std::unique_ptr<ServerProcess> m_sharedServer;
    std::unique_ptr<ServerProcess> m_limitsServer;
};
