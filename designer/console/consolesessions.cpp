// SPDX-License-Identifier: GPL-3.0-or-later
// ConsoleSessions: signs the console's test users up and in, and keeps their tokens fresh.
#include "consolesessions.h"

#include "consolestore.h"
#include "run/apiclient.h"

#include <QJsonDocument>

namespace Designer {

namespace {

HeaderList anonJsonHeaders(const ApiClient &client)
{
    return {{QByteArrayLiteral("apikey"), client.target().anonKey},
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
}

// Returns the runtime's message from an error reply, or the network error.
QString replyError(const ApiReply &reply)
{
    if (!reply.networkError.isEmpty())
        return reply.networkError;
    const QJsonObject object = QJsonDocument::fromJson(reply.body).object();
    for (const char *key : {"msg", "message", "error_description", "error"}) {
        const QString text = object.value(QLatin1String(key)).toString();
        if (!text.isEmpty())
            return QStringLiteral("%1 (HTTP %2)").arg(text).arg(reply.status);
    }
    return QStringLiteral("HTTP %1 %2").arg(reply.status).arg(QString::fromUtf8(reply.reason));
}

} // namespace

ConsoleSessions::ConsoleSessions(ApiClient *client, ConsoleStore *store, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
{ }

QString ConsoleSessions::takeSession(const QString &email, const QString &password, const ApiReply &reply)
{
    if (reply.status < 200 || reply.status >= 300)
        return replyError(reply);
    const QJsonObject object = QJsonDocument::fromJson(reply.body).object();
    const QJsonObject user = object.value(QStringLiteral("user")).toObject();
    const QString id = user.isEmpty() ? object.value(QStringLiteral("id")).toString()
                                      : user.value(QStringLiteral("id")).toString();
    if (!id.isEmpty() || !password.isEmpty()) {
        TestUser remembered {email, password, id};
        if (const TestUser *known = m_store->user(email)) {
            if (remembered.password.isEmpty())
                remembered.password = known->password;
            if (remembered.id.isEmpty())
                remembered.id = known->id;
        }
        m_store->rememberUser(remembered);
    }
    const QString access = object.value(QStringLiteral("access_token")).toString();
    if (access.isEmpty())
        return {};
    Session session;
    session.accessToken = access.toLatin1();
    session.refreshToken = object.value(QStringLiteral("refresh_token")).toString();
    // Refresh a little early, so a token does not expire between the check and its use.
    const int lifetime = object.value(QStringLiteral("expires_in")).toInt(3600);
    session.expiresAt = QDateTime::currentDateTimeUtc().addSecs(qMax(0, lifetime - 30));
    m_sessions.insert(email.toLower(), session);
    return {};
}

void ConsoleSessions::signUp(const QString &email, const QString &password, const QJsonObject &data, Done done)
{
    ApiRequest request;
    request.method = "POST";
    request.url = QUrl(QStringLiteral("/auth/v1/signup"));
    request.headers = anonJsonHeaders(*m_client);
    QJsonObject body {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}};
    if (!data.isEmpty())
        body.insert(QStringLiteral("data"), data);
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    m_client->send(request, this, [this, email, password, done](const ApiReply &reply) {
        if (const QString error = takeSession(email, password, reply); !error.isEmpty()) {
            done(tr("Signing up %1 failed: %2").arg(email, error));
            return;
        }
        if (m_sessions.contains(email.toLower()))
            done({});
        else
            signIn(email, done);
    });
}

void ConsoleSessions::ensureSession(const QString &email, bool force, Done done)
{
    const auto it = m_sessions.constFind(email.toLower());
    if (it != m_sessions.constEnd() && !force && QDateTime::currentDateTimeUtc() < it->expiresAt) {
        done({});
        return;
    }
    if (it != m_sessions.constEnd() && !it->refreshToken.isEmpty())
        refresh(email, done);
    else
        signIn(email, done);
}

void ConsoleSessions::signIn(const QString &email, Done done)
{
    const TestUser *user = m_store->user(email);
    if (!user || user->password.isEmpty()) {
        done(tr("The console does not know the password of %1; create the user with \"New test user…\".").arg(email));
        return;
    }
    ApiRequest request;
    request.method = "POST";
    request.url = QUrl(QStringLiteral("/auth/v1/token?grant_type=password"));
    request.headers = anonJsonHeaders(*m_client);
    request.body = QJsonDocument(QJsonObject {{QStringLiteral("email"), email}, {QStringLiteral("password"), user->password}})
                       .toJson(QJsonDocument::Compact);
    const QString password = user->password;
    m_client->send(request, this, [this, email, password, done](const ApiReply &reply) {
        const QString error = takeSession(email, password, reply);
        done(error.isEmpty() ? QString() : tr("Signing in %1 failed: %2").arg(email, error));
    });
}

void ConsoleSessions::refresh(const QString &email, Done done)
{
    ApiRequest request;
    request.method = "POST";
    request.url = QUrl(QStringLiteral("/auth/v1/token?grant_type=refresh_token"));
    request.headers = anonJsonHeaders(*m_client);
    request.body = QJsonDocument(QJsonObject {{QStringLiteral("refresh_token"), m_sessions.value(email.toLower()).refreshToken}})
                       .toJson(QJsonDocument::Compact);
    m_client->send(request, this, [this, email, done](const ApiReply &reply) {
        if (takeSession(email, {}, reply).isEmpty()) {
            done({});
            return;
        }
        // A refresh token is used once and dies with its session: sign in afresh.
        m_sessions.remove(email.toLower());
        signIn(email, done);
    });
}

QByteArray ConsoleSessions::accessToken(const QString &email) const
{
    return m_sessions.value(email.toLower()).accessToken;
}

QString ConsoleSessions::userId(const QString &email) const
{
    const TestUser *user = m_store->user(email);
    return user ? user->id : QString();
}

} // namespace Designer
