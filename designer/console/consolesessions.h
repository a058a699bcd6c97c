// SPDX-License-Identifier: GPL-3.0-or-later
// ConsoleSessions: signs the console's test users up and in, and keeps their tokens fresh.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>

namespace Designer {

class ApiClient;
class ConsoleStore;
struct ApiReply;

/** The sessions of the request console's test users, through the runtime's auth API: signs a user up
    (POST /auth/v1/signup), in (grant_type=password) and refreshes the access token (grant_type=
    refresh_token) when it has expired or the runtime answered 401. Users are remembered in the
    ConsoleStore; tokens only in memory. Owned by the RequestConsole. */
class ConsoleSessions : public QObject
{
    Q_OBJECT

public:
    /** Called once when an auth step finished: an empty \a error means success. */
    using Done = std::function<void(const QString &error)>;

    ConsoleSessions(ApiClient *client, ConsoleStore *store, QObject *parent = nullptr);

    /** Signs up \a email with \a password and the profile \a data, then keeps the session it returns
        (or signs in). */
    void signUp(const QString &email, const QString &password, const QJsonObject &data, Done done);
    /** Makes sure \a email has a valid access token: keeps a fresh one, refreshes an expired one (or
        any, with \a force), or signs in with the remembered password. */
    void ensureSession(const QString &email, bool force, Done done);

    /** Returns the access token of \a email, empty when not signed in. */
    QByteArray accessToken(const QString &email) const;
    /** Returns the user id of \a email, empty if unknown. */
    QString userId(const QString &email) const;
    /** Forgets every token (the runtime restarted with other keys, or another project). */
    void clear() { m_sessions.clear(); }

private:
    struct Session
    {
        QByteArray accessToken;
        QString refreshToken;
        QDateTime expiresAt;
    };

    void signIn(const QString &email, Done done);
    void refresh(const QString &email, Done done);
    QString takeSession(const QString &email, const QString &password, const ApiReply &reply);

    ApiClient *m_client = nullptr;
    ConsoleStore *m_store = nullptr;
    QHash<QString, Session> m_sessions; ///< by lower-case email
};

} // namespace Designer
