// SPDX-License-Identifier: GPL-3.0-or-later
// ConsoleStore: the request console's history, collections, environments and test users of one project.
#pragma once

#include "consolerequest.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>

namespace Designer {

/** One sent request and how it went. */
struct HistoryEntry
{
    ConsoleRequest request;
    int status = 0;        ///< 0: no HTTP answer
    double elapsedMs = 0;
    QDateTime sentAt;
};

/** A named folder of saved requests. */
struct RequestCollection
{
    QString name;
    QList<ConsoleRequest> requests;
};

/** A named set of {{variables}}. */
struct ConsoleEnvironment
{
    QString name;
    QList<QPair<QString, QString>> variables;
};

/** A test user the console signed up or signed in with. The password is kept in the project's local
    folder (never beside the project) so the console can sign in again after a restart. */
struct TestUser
{
    QString email;
    QString password;
    QString id;
};

/** What the request console keeps for one project:
    - history: the last 200 requests, newest first, in `console-history.json` in the project's local
      folder (Runtime::projectLocalFolder), which belongs to this machine; in memory while untitled;
    - collections and environments: in `<base name>.requests.json` beside the project file, meant to be
      committed: pretty-printed with sorted keys, and the project's keys and tokens replaced by
      {{anonKey}}, {{serviceKey}} and {{accessToken}} before saving;
    - test users: in `console-users.json` in the local folder;
    - the realtime inspector's last channel, role, table and filter: in `console-realtime.json` there.
    Owned by the RequestConsole. Files are written when their content changes. */
class ConsoleStore : public QObject
{
    Q_OBJECT

public:
    static constexpr int s_historyLimit = 200;

    explicit ConsoleStore(QObject *parent = nullptr);

    /** Switches to the project \a projectFile (empty: untitled, in memory) and loads its files. A file
        that cannot be read is left untouched and reported by loadErrors(); its part starts empty and is
        not written back, so nothing in it is lost. \a keys are the project's keys to keep out of files. */
    void setProject(const QString &projectFile, const QByteArrayList &keys = {});
    QString projectFile() const { return m_projectFile; }
    /** Sets the project's keys to keep out of files (they change when the project's secret does). */
    void setKeys(const QByteArrayList &keys) { m_keys = keys; }
    QStringList loadErrors() const { return m_loadErrors; }

    QString historyPath() const;
    QString collectionsPath() const;
    QString usersPath() const;
    QString realtimePath() const;

    const QList<HistoryEntry> &history() const { return m_history; }
    void addHistory(const HistoryEntry &entry);
    void clearHistory();

    const QList<RequestCollection> &collections() const { return m_collections; }
    /** Saves \a request (its name must not be empty) into \a collection, created if missing, replacing a
        request of the same name. Returns false and sets \a error if the file cannot be written. */
    bool saveRequest(const QString &collection, const ConsoleRequest &request, QString *error = nullptr);
    bool removeRequest(const QString &collection, const QString &name, QString *error = nullptr);

    const QList<ConsoleEnvironment> &environments() const { return m_environments; }
    bool setEnvironments(const QList<ConsoleEnvironment> &environments, QString *error = nullptr);

    const QList<TestUser> &users() const { return m_users; }
    /** Returns the test user with \a email (case-insensitive), or nullptr. */
    const TestUser *user(const QString &email) const;
    void rememberUser(const TestUser &user);

    /** Returns the realtime inspector's settings (RealtimeSettings::toJson()), empty if none were saved. */
    QJsonObject realtimeSettings() const { return m_realtime; }
    void setRealtimeSettings(const QJsonObject &settings);

    /** Returns \a text with each {{name}} replaced by its value in \a variables; the names without a
        value are added to \a unknown. */
    static QString substitute(const QString &text, const QHash<QString, QString> &variables, QStringList *unknown);

    /** Returns \a request with the given \a keys and any other JWT replaced by variables. */
    static ConsoleRequest withoutSecrets(ConsoleRequest request, const QByteArrayList &keys);

signals:
    void historyChanged();
    void collectionsChanged();
    void usersChanged();

private:
    void load();
    bool writeCollections(QString *error);
    void writeHistory();
    void writeUsers();

    QString m_projectFile;
    QByteArrayList m_keys;
    QList<HistoryEntry> m_history;
    QList<RequestCollection> m_collections;
    QList<ConsoleEnvironment> m_environments;
    QList<TestUser> m_users;
    QJsonObject m_realtime;
    QStringList m_loadErrors;
    bool m_collectionsReadable = true;
    bool m_historyReadable = true;
    bool m_usersReadable = true;
};

} // namespace Designer
