// SPDX-License-Identifier: GPL-3.0-or-later
// ChangeRelay: committed changes between basalt-server processes that share one PostgreSQL database.
#pragma once

#include "core/result.h"
#include "storage/database.h"
#include "storage/recordchange.h"

#include <QHash>
#include <QMetaObject>
#include <QObject>
#include <QSqlDriver>
#include <QStringList>

#include <memory>

namespace Runtime {

class RealtimeHub;
struct TopicMessage;

/** Sends the changes this server commits, and the broadcasts its clients send, to the other servers on the
    same PostgreSQL database, and hands theirs to this server's realtime subscribers, with PostgreSQL's
   LISTEN/NOTIFY on the channel `basalt_changes`. A commit's changes go out as one NOTIFY after the commit
   (JSON; larger than a payload may be, 8,000 bytes, in parts sent in one transaction and joined again); the
   NOTIFYs of a rolled-back write are never sent, since only committed changes reach the ChangeFeed. Each
   server skips its own. What arrives goes to the RealtimeHub only: triggers ran where the write was
   committed, never twice. A change committed just before its server dies may not reach the others (sent after
   the commit). Lives on its own thread, which owns the connection (start() and stop() run there). PostgreSQL
   only. */
class ChangeRelay : public QObject
{
    Q_OBJECT

public:
    ChangeRelay(DatabaseUrl database, std::shared_ptr<ChangeFeed> feed, std::shared_ptr<RealtimeHub> hub);
    ~ChangeRelay() override;

    /** Opens the connection and listens; starts relaying this server's commits. DatabaseOpenFailed or
        DatabaseQueryFailed if PostgreSQL refuses. */
    Result<void> start();
    void stop();

    /** The PostgreSQL channel. */
    static QString channelName();

    /** Returns the NOTIFY payloads that carry \a changes from server \a serverId as message \a sequence:
        `basalt1 <server> <sequence> <part>/<parts> <text>`, each under PostgreSQL's 8,000-byte limit. */
    static QStringList encode(const QList<RecordChange> &changes, const QString &serverId, quint64 sequence);

    /** Returns the payloads that carry \a message (`{"c": [changes]}` or `{"b": broadcast}`). */
    static QStringList encodeMessage(const QJsonObject &message, const QString &serverId, quint64 sequence);

private:
    void send(const QList<RecordChange> &changes);
    void sendBroadcast(const TopicMessage &message);
    /** Sends \a payloads (the parts of one message, about \a count changes or broadcasts). */
    void notify(const QStringList &payloads, qsizetype count);
    void onNotification(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload);

    DatabaseUrl m_url;
    std::shared_ptr<ChangeFeed> m_feed;
    std::shared_ptr<RealtimeHub> m_hub;
    std::unique_ptr<Database> m_database;
    QMetaObject::Connection m_feedConnection;
    QString m_serverId;
    quint64 m_sequence = 0;
    QHash<QString, QStringList> m_partial; ///< parts received so far, by "<server> <sequence>"
};

/** Returns \a change as the relay sends it; changeFromJson() reads it back (the caller is not sent). */
QJsonObject changeToJson(const RecordChange &change);
RecordChange changeFromJson(const QJsonObject &object);

} // namespace Runtime
