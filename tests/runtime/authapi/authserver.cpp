// SPDX-License-Identifier: GPL-3.0-or-later
// The auth API's test fixture: a real basalt-server on a template, and requests to /auth/v1 with keys.
#include "authserver.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>

AuthServer::AuthServer() = default;

AuthServer::~AuthServer()
{
    m_second.reset();
    m_server.reset(); // before the PostgreSQL database is dropped
}

QString AuthServer::start(const QString &engine, const QString &templateName)
{
    if (QString error = startProject(engine, TestSupport::templatePath(templateName)); !error.isEmpty())
        return error;
    if (templateName == QLatin1String("saas")) {
        return executeSql(m_databaseUrl,
            QStringLiteral("INSERT INTO organizations (id, name, slug, plan, seats) VALUES ('%1', 'Acme', 'acme', 'pro', 10)")
                .arg(s_org1));
    }
    return {};
}

QString AuthServer::startProject(const QString &engine, const QString &projectPath)
{
    if (!m_dir.isValid())
        return QStringLiteral("no temporary directory");
    if (engine == QLatin1String("postgresql")) {
        m_postgres = std::make_unique<TestSupport::PostgresDatabase>(QStringLiteral("basalt_authapi"));
        if (!m_postgres->isValid()) {
            m_skipReason = QStringLiteral("no PostgreSQL test server: ") + m_postgres->error();
            return m_skipReason;
        }
        m_databaseUrl = m_postgres->url();
    } else {
        m_databaseUrl = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("auth.sqlite"));
    }
    m_projectFile = m_dir.filePath(QFileInfo(projectPath).fileName());
    if (!QFile::copy(projectPath, m_projectFile))
        return QStringLiteral("cannot copy the project ") + projectPath;
    return restart();
}

QString AuthServer::restart(bool samePort)
{
    const int port = samePort && m_server ? m_server->url().port() : 0;
    if (m_server)
        m_server->stop(15);
    m_server = std::make_unique<ServerProcess>();
    if (!m_server->start({QStringLiteral("--project"), m_projectFile, QStringLiteral("--db"), m_databaseUrl,
            QStringLiteral("--port"), QString::number(port)}))
        return QStringLiteral("basalt-server did not start: ") + m_server->standardError();
    return {};
}

QString AuthServer::startSecond()
{
    m_second = std::make_unique<ServerProcess>();
    if (!m_second->start({QStringLiteral("--project"), m_projectFile, QStringLiteral("--db"), m_databaseUrl,
            QStringLiteral("--port"), QStringLiteral("0")}))
        return QStringLiteral("the second basalt-server did not start: ") + m_second->standardError();
    return {};
}

HttpReply AuthServer::sendToSecond(const QByteArray &method, const QString &path, const QByteArray &token)
{
    const QByteArray key = TestSupport::anonKey();
    const HeaderList headers {{QByteArrayLiteral("apikey"), key},
        {QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + token}};
    return sendRequest(m_network, method, m_second->url().resolved(QUrl(path)), headers, {});
}

QUrl AuthServer::url(const QString &pathAndQuery) const
{
    return m_server->url().resolved(QUrl(pathAndQuery));
}

HttpReply AuthServer::send(const QByteArray &method, const QString &path, const QByteArray &body,
    const QByteArray &token, const QByteArray &key)
{
    HeaderList headers {{QByteArrayLiteral("apikey"), key},
        {QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + (token.isEmpty() ? key : token)}};
    if (!body.isEmpty())
        headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    return sendRequest(m_network, method, url(path), headers, body);
}

HttpReply AuthServer::signUp(const QString &email, const QString &password, const QJsonObject &data, const QByteArray &key)
{
    QJsonObject body {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}};
    if (!data.isEmpty())
        body.insert(QStringLiteral("data"), data);
    return send("POST", QStringLiteral("/auth/v1/signup"), QJsonDocument(body).toJson(QJsonDocument::Compact), {}, key);
}

HttpReply AuthServer::signIn(const QString &email, const QString &password)
{
    const QJsonObject body {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}};
    return send("POST", QStringLiteral("/auth/v1/token?grant_type=password"),
        QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpReply AuthServer::refresh(const QString &refreshToken)
{
    const QJsonObject body {{QStringLiteral("refresh_token"), refreshToken}};
    return send("POST", QStringLiteral("/auth/v1/token?grant_type=refresh_token"),
        QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QVariant AuthServer::scalar(const QString &sql)
{
    const QString connection = QStringLiteral("scalar_") + QUuid::createUuid().toString(QUuid::Id128);
    QVariant value;
    {
        QSqlDatabase db = openDirectly(m_databaseUrl, connection);
        QSqlQuery query(db);
        if (query.exec(sql) && query.next())
            value = query.value(0);
    }
    QSqlDatabase::removeDatabase(connection);
    return value;
}

QJsonObject jsonOf(const HttpReply &reply)
{
    return QJsonDocument::fromJson(reply.body).object();
}
