// SPDX-License-Identifier: GPL-3.0-or-later
// RequestSender: resolves a console request (variables, base URL, auth headers) and sends it.
#include "requestsender.h"

#include "consolesessions.h"
#include "consolestore.h"

#include "model/project.h"

#include <QNetworkReply>

namespace Designer {

namespace {
Runtime::Error invalid(const QString &message)
{
    return Runtime::Error(Runtime::ErrorCode::InvalidArgument, message);
}
} // namespace

RequestSender::RequestSender(ConsoleStore *store, QObject *parent)
    : QObject(parent)
    , m_client(new ApiClient(this))
    , m_sessions(new ConsoleSessions(m_client, store, this))
{ }

void RequestSender::setTarget(const RunTarget &target)
{
    const RunTarget &previous = m_client->target();
    if (previous.anonKey != target.anonKey || previous.baseUrl != target.baseUrl)
        m_sessions->clear();
    m_client->setTarget(target);
}

ConsoleHeaders RequestSender::authHeaders(const ConsoleRequest &form) const
{
    const QString anon = QString::fromLatin1(target().anonKey);
    const QString service = QString::fromLatin1(target().serviceKey);
    const QString bearer = QStringLiteral("Bearer ");
    if (form.explain) {
        const QString id = form.auth == ConsoleAuth::User ? m_sessions->userId(form.user) : QStringLiteral("anon");
        return {{QStringLiteral("apikey"), service}, {QStringLiteral("Authorization"), bearer + service},
            {QStringLiteral("X-Basalt-Explain"), QStringLiteral("as-user=") + id}};
    }
    switch (form.auth) {
    case ConsoleAuth::None: return {};
    case ConsoleAuth::Anon: return {{QStringLiteral("apikey"), anon}};
    case ConsoleAuth::Service:
        return {{QStringLiteral("apikey"), service}, {QStringLiteral("Authorization"), bearer + service}};
    case ConsoleAuth::User: {
        const QByteArray token = m_sessions->accessToken(form.user);
        return {{QStringLiteral("apikey"), anon},
            {QStringLiteral("Authorization"),
                bearer + (token.isEmpty() ? QStringLiteral("{{accessToken}}") : QString::fromLatin1(token))}};
    }
    }
    return {};
}

Runtime::Result<ConsoleRequest> RequestSender::resolved(
    const ConsoleRequest &form, const QHash<QString, QString> &environment) const
{
    if (form.url.isEmpty()) {
        const auto &project = target().project;
        return invalid(tr("Enter a URL, e.g. /rest/v1/%1.")
                           .arg(project && !project->tables.empty() ? project->tables.front().name : QStringLiteral("orders")));
    }
    if (form.auth == ConsoleAuth::User && form.user.isEmpty())
        return invalid(tr("Choose a test user (or \"New test user…\") next to the auth mode."));
    if (form.explain && form.auth == ConsoleAuth::User && m_sessions->userId(form.user).isEmpty())
        return invalid(tr("The id of %1 is not known yet: send one request as this user without Explain first.").arg(form.user));
    QHash<QString, QString> values = environment;
    values.insert(QStringLiteral("baseUrl"), target().baseUrl.toString());
    values.insert(QStringLiteral("anonKey"), QString::fromLatin1(target().anonKey));
    values.insert(QStringLiteral("serviceKey"), QString::fromLatin1(target().serviceKey));
    if (const QByteArray token = m_sessions->accessToken(form.user); !token.isEmpty())
        values.insert(QStringLiteral("accessToken"), QString::fromLatin1(token));
    const QString userIdName = QStringLiteral("user.id");
    if (const QString id = form.user.isEmpty() ? QString() : m_sessions->userId(form.user); !id.isEmpty())
        values.insert(userIdName, id);

    ConsoleRequest result = form;
    result.headers.clear();
    for (const auto &header : authHeaders(form)) {
        if (form.header(header.first).isNull())
            result.headers.append(header);
    }
    result.headers.append(form.headers);
    if (!form.body.trimmed().isEmpty() && form.header(QStringLiteral("Content-Type")).isNull())
        result.headers.append({QStringLiteral("Content-Type"), QStringLiteral("application/json")});
    QStringList unknown;
    result.url = ConsoleStore::substitute(form.url, values, &unknown);
    result.body = ConsoleStore::substitute(form.body, values, &unknown);
    for (auto &header : result.headers)
        header.second = ConsoleStore::substitute(header.second, values, &unknown);
    if (unknown.contains(userIdName)) {
        return invalid(form.user.isEmpty()
                ? tr("{{user.id}} is the id of the test user chosen under Auth: choose \"Test user\" and a user.")
                : tr("The id of %1 is not known yet: send one request as this user first.").arg(form.user));
    }
    if (!unknown.isEmpty()) {
        QStringList names;
        for (const QString &name : std::as_const(unknown))
            names << QStringLiteral("{{%1}}").arg(name);
        return invalid(tr("Unknown variables: %1. Define them in the current environment (Environments…) or remove them.")
                           .arg(names.join(QStringLiteral(", "))));
    }
    if (result.url.startsWith(QLatin1Char('/')))
        result.url = target().baseUrl.toString() + result.url;
    return result;
}

void RequestSender::send(const ConsoleRequest &form, const QHash<QString, QString> &environment)
{
    if (m_sending)
        return;
    if (!target().isRunning()) {
        fail(tr("Press Run to start the runtime, then send again."));
        return;
    }
    m_environment = environment;
    const bool signInFirst = form.auth == ConsoleAuth::User && !form.explain && !form.user.isEmpty();
    // A test user who is not signed in yet resolves once the session exists.
    if (Runtime::Result<ConsoleRequest> check = resolved(form, environment); !check && !signInFirst) {
        fail(check.error().message);
        return;
    }
    const int id = ++m_sendId;
    m_sending = true;
    if (!signInFirst) {
        dispatch(form, false, id);
        return;
    }
    m_sessions->ensureSession(form.user, false, [this, form, id](const QString &error) {
        if (id != m_sendId)
            return;
        if (!error.isEmpty())
            fail(error);
        else
            dispatch(form, true, id);
    });
}

void RequestSender::dispatch(const ConsoleRequest &form, bool mayRetry, int sendId)
{
    const Runtime::Result<ConsoleRequest> request = resolved(form, m_environment);
    if (!request) {
        fail(request.error().message);
        return;
    }
    ApiRequest api;
    api.method = request->method.toUtf8();
    api.url = QUrl(request->url, QUrl::TolerantMode);
    for (const auto &[name, value] : request->headers)
        api.headers.append({name.toUtf8(), value.toUtf8()});
    api.body = request->body.toUtf8();
    m_inFlight = m_client->send(api, this, [this, form, mayRetry, sendId](const ApiReply &reply) {
        if (sendId != m_sendId)
            return;
        m_inFlight = nullptr;
        if (reply.status == 401 && mayRetry) {
            // The token may have expired or been revoked: refresh (or sign in) once, then resend.
            m_sessions->ensureSession(form.user, true, [this, form, sendId](const QString &error) {
                if (sendId != m_sendId)
                    return;
                if (!error.isEmpty())
                    fail(error);
                else
                    dispatch(form, false, sendId);
            });
            return;
        }
        m_sending = false;
        emit finished(form, reply);
    });
}

void RequestSender::fail(const QString &message)
{
    m_sending = false;
    emit failed(message);
}

void RequestSender::cancel()
{
    ++m_sendId;
    if (m_inFlight)
        m_inFlight->abort();
    m_inFlight = nullptr;
    m_sending = false;
}

} // namespace Designer
