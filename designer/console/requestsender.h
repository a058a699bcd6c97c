// SPDX-License-Identifier: GPL-3.0-or-later
// RequestSender: resolves a console request (variables, base URL, auth headers) and sends it.
#pragma once

#include "consolerequest.h"
#include "run/apiclient.h"
#include "run/runtarget.h"

#include "core/result.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QNetworkReply;

namespace Designer {

class ConsoleSessions;
class ConsoleStore;

/** The request console's sending half, without widgets: substitutes {{variables}}, resolves relative
    URLs against the runtime's base URL, adds the auth headers of the request's auth mode (anon key,
    service key, a test user's token, or the service key with X-Basalt-Explain), signs a test user in
    first when needed and once more after a 401, and sends through its ApiClient. One request at a time.
    Owned by the RequestConsole. */
class RequestSender : public QObject
{
    Q_OBJECT

public:
    RequestSender(ConsoleStore *store, QObject *parent = nullptr);

    void setTarget(const RunTarget &target);
    const RunTarget &target() const { return m_client->target(); }
    ConsoleSessions *sessions() const { return m_sessions; }

    /** Returns \a form as it would be sent with the variables \a environment (the built-ins baseUrl,
        anonKey, serviceKey, and once known accessToken and user.id, the form's test user's token and id,
        are added): variables substituted, the URL absolute, the auth headers first (the form's own headers
        of the same name win), Content-Type JSON for a body without one. A test user not signed in yet gets
        "Bearer {{accessToken}}". Fails naming unknown variables ({{user.id}} without a test user), an
        empty URL or a missing test user. */
    Runtime::Result<ConsoleRequest> resolved(const ConsoleRequest &form, const QHash<QString, QString> &environment) const;

    /** Sends \a form; finished() or failed() follows once. Ignored while a request is in flight. */
    void send(const ConsoleRequest &form, const QHash<QString, QString> &environment);
    /** Drops the request in flight (and any sign-in it waits for): neither signal follows. */
    void cancel();
    bool isSending() const { return m_sending; }

signals:
    void finished(const Designer::ConsoleRequest &form, const Designer::ApiReply &reply);
    void failed(const QString &message);

private:
    void dispatch(const ConsoleRequest &form, bool mayRetry, int sendId);
    void fail(const QString &message);
    ConsoleHeaders authHeaders(const ConsoleRequest &form) const;

    ApiClient *m_client = nullptr;
    ConsoleSessions *m_sessions = nullptr;
    QHash<QString, QString> m_environment;
    QPointer<QNetworkReply> m_inFlight;
    int m_sendId = 0;
    bool m_sending = false;
};

} // namespace Designer
