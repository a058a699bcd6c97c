// SPDX-License-Identifier: GPL-3.0-or-later
// The auth API's test fixture: a real basalt-server on a template, and requests to /auth/v1 with keys.
#pragma once

#include "restclient.h"
#include "testsupport.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>

#include <memory>

/** The saas fixture's organization (seeded by start()). */
inline const QString s_org1 = QStringLiteral("aaaaaaaa-0000-4000-8000-000000000001");

/** A template ("saas" or "ecommerce") served by basalt-server on a fresh SQLite file or PostgreSQL
    database, with helpers for the auth API. The saas one is seeded with the organization s_org1. */
class AuthServer
{
public:
    AuthServer();
    ~AuthServer();

    /** Starts the server. Returns an empty string, or why it failed; skipReason() is set instead when
        PostgreSQL is wanted and not configured. */
    QString start(const QString &engine, const QString &templateName);
    /** Starts the server on a copy of the project file \a projectPath, as start() does for a template. */
    QString startProject(const QString &engine, const QString &projectPath);
    /** Stops the server and starts it again on the same database (on the same port with \a samePort, as
        clients that reconnect expect). Returns an empty string or why not. */
    QString restart(bool samePort = false);
    QString skipReason() const { return m_skipReason; }
    QString databaseUrl() const { return m_databaseUrl; }
    QUrl url(const QString &pathAndQuery) const;
    QNetworkAccessManager &network() { return m_network; }

    /** Sends \a method \a path with \a body (JSON text), the anon key (or \a key) as apikey, and
        `Authorization: Bearer <token>` (the key itself when \a token is empty). */
    HttpReply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
        const QByteArray &token = {}, const QByteArray &key = TestSupport::anonKey());
    /** POST /auth/v1/signup; \a key: the apikey to send. */
    HttpReply signUp(const QString &email, const QString &password, const QJsonObject &data = {},
        const QByteArray &key = TestSupport::anonKey());
    HttpReply signIn(const QString &email, const QString &password);
    HttpReply refresh(const QString &refreshToken);

    /** Returns the first column of the first row of \a sql run directly on the database. */
    QVariant scalar(const QString &sql);

    /** Starts a second basalt-server on the same project and database (as several servers share one
        PostgreSQL). Returns an empty string, or why it failed. */
    QString startSecond();
    /** Sends \a method \a path to the second server with the anon key and \a token, as send() does. */
    HttpReply sendToSecond(const QByteArray &method, const QString &path, const QByteArray &token);

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestSupport::PostgresDatabase> m_postgres;
    QString m_projectFile;
    QString m_databaseUrl;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ServerProcess> m_second;
    QNetworkAccessManager m_network;
    QString m_skipReason;
};

/** Returns \a reply's body as a JSON object. */
QJsonObject jsonOf(const HttpReply &reply);
