// SPDX-License-Identifier: GPL-3.0-or-later
// The functions API test: the project's functions served over HTTP by a real in-process server.
#pragma once

#include "http/server.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QObject>
#include <QTemporaryDir>

#include <memory>

struct Reply
{
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QByteArray header(const QByteArray &name) const;
    QByteArray describe() const { return QByteArray::number(status) + ' ' + body.left(400); }
};

class tst_FunctionsApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void init();
    void cleanup();

    // tst_functionsapi.cpp: the routes
    void invokeJsonTextAndBinary();
    void invokeAccess();
    void invokeUnknownFunction();
    void invokePreflight();
    void rpcPostFiltersReturnedRows();
    void rpcGetForReadOnlyFunctions();
    void rpcErrorsInPostgrestShape();
    void endpointParameters();
    void endpointAccess();
    void endpointsFollowTheProject();
    void loopIsStoppedAndServerKeepsServing();
    void concurrentCalls();
    void runFromTheDesigner();

    // dbbuildertests.cpp: the db host object
    void dbInsertSelectSingle();
    void dbFiltersAndModifiers();
    void dbRunsWithCallersRules();
    void dbUnreadBuildersRunAtReturn();
    void dbReadOnlyFunctionCannotWrite();
    void dbValidationErrors();
    void dbChainAfterRunIsAnError();

private:
    /** Sends \a method \a path with \a key as apikey and \a bearer (the key if empty) as Authorization. */
    Reply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
        const QByteArray &contentType = "application/json", const QByteArray &key = {}, const QByteArray &bearer = {},
        const QList<QPair<QByteArray, QByteArray>> &headers = {});
    /** Adds a function named \a name with \a code (access anyone) to the served project and serves it. */
    void serve(std::shared_ptr<Runtime::Project> project);
    std::shared_ptr<Runtime::Project> project() const { return std::make_shared<Runtime::Project>(*m_project); }
    static Runtime::ScriptFunction function(const QString &name, const QString &code,
        Runtime::CallAccess access = Runtime::CallAccess::Anyone);

    QTemporaryDir m_dir;
    std::unique_ptr<TestSupport::PostgresDatabase> m_postgres;
    std::shared_ptr<Runtime::Project> m_project;
    std::unique_ptr<Runtime::Server> m_server;
    QNetworkAccessManager m_network;
};
