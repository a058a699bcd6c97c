// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeEndpoint: one request thread's realtime sockets: upgrades them and fans messages out to their
// channels.
#pragma once

#include "realtimehub.h"
#include "realtimemessage.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

#include <functional>
#include <memory>

class QTcpSocket;
class QWebSocketServer;

namespace Runtime {

class ChangeAudience;
class ChannelPolicy;
class Project;
class RealtimeConnection;
struct RealtimeChannel;
class RecordStore;
struct ServerConfig;

/** The realtime side of one request thread: takes over the sockets whose HTTP connection asked to upgrade
    (QtWebSockets answers the handshake, not listening itself), keeps one RealtimeConnection per socket,
    and delivers what the RealtimeHub hands this thread (one queued call per message) to the channels of its
    own sockets, encoding each message once per protocol version. Owned by the thread's HttpTransport, on
    its thread; registered with the hub for its lifetime. */
class RealtimeEndpoint : public QObject
{
    Q_OBJECT

public:
    /** Serves with \a config (the worker's copy: \a refresh picks up a new project into it first). */
    /** \a store gives the thread's current RecordStore, which reads a changed row back as a subscriber when
        its rules need the database (ChangeAudience). */
    RealtimeEndpoint(const ServerConfig &config, std::function<void()> refresh,
        std::function<RecordStore *()> store, QObject *parent = nullptr);
    /** Closes every socket (stop()) and leaves the hub. */
    ~RealtimeEndpoint() override;

    /** Takes over \a socket, whose unread bytes begin with a WebSocket upgrade request to
        /realtime/v1/websocket (already checked: its key is valid). */
    void adopt(QTcpSocket *socket);
    /** Closes every socket (a close frame if the socket takes it, then at once): the server is stopping. */
    void stop();

    /** Delivers \a message to the channels of this thread's sockets on its topic. Called queued by the hub.
     */
    void deliver(const std::shared_ptr<const TopicMessage> &message);
    /** Delivers \a changes (one commit) to the postgres_changes bindings of this thread's sockets. Called
        queued by the hub. */
    void deliverChanges(const QList<RecordChange> &changes);

    /** Returns the number of open realtime sockets on this thread. */
    int connectionCount() const { return int(m_connections.size()); }

    // For the connections of this endpoint:
    const ServerConfig &config() const { return m_config; }
    RealtimeHub &hub() const { return *m_hub; }
    /** Takes up a new project, if one was published. */
    void refresh();
    /** Returns the channel rules of the current project, compiled once per project. */
    const ChannelPolicy &channelPolicy();
    /** Records that \a connection has (or no longer has) a channel on \a topic. */
    void addToTopic(const QString &topic, RealtimeConnection *connection);
    void removeFromTopic(const QString &topic, RealtimeConnection *connection);
    /** Adds \a delta postgres_changes bindings of \a connection (see RealtimeHub::watchChanges()). */
    void watchChanges(RealtimeConnection *connection, int delta);
    /** Tells the hub's diagnostic listener (RealtimeHub::changeWithheld()) why \a change of \a table,
        which matched the bindings \a bindingIds of \a channel, did not reach it. */
    void reportWithheld(const RealtimeChannel &channel, const Table &table, const RecordChange &change,
        const QList<qint64> &bindingIds);

private:
    void acceptWebSockets();
    ChangeAudience &audience();

    const ServerConfig &m_config;
    std::function<void()> m_refresh;
    std::function<RecordStore *()> m_store;
    std::shared_ptr<RealtimeHub> m_hub;
    QWebSocketServer *m_server; ///< a child; only upgrades sockets given to it (never listens)
    QSet<RealtimeConnection *> m_connections; ///< children
    QHash<QString, QSet<RealtimeConnection *>> m_topics;
    QHash<RealtimeConnection *, int> m_changeBindings;
    std::unique_ptr<ChangeAudience> m_audience; ///< of m_config's project; remade when it changes
    std::shared_ptr<const ChannelPolicy> m_channelPolicy; ///< of m_policyProject
    std::shared_ptr<const Project> m_policyProject;
};

} // namespace Runtime
