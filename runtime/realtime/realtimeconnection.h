// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeConnection: one realtime WebSocket: Supabase Realtime's channels, heartbeats, broadcast and
// presence.
#pragma once

#include "realtimeauth.h"
#include "realtimechannel.h"
#include "realtimehub.h"
#include "realtimemessage.h"
#include "ratewindow.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

class QWebSocket;

namespace Runtime {

class ChangeAudience;
class RealtimeEndpoint;

/** A topic message encoded once per protocol, shared by the sockets of one endpoint. */
struct EncodedTopicMessage
{
    const TopicMessage &message;
    QByteArray v1;
    QByteArray v2;
    QByteArray binary;
};

/** One realtime socket, speaking Supabase Realtime's Phoenix protocol as realtime-js 2.x does (vsn 1.0.0
    or 2.0.0): phx_join/phx_leave of channels with their broadcast, presence and postgres_changes config,
    heartbeats on `phoenix`, access_token updates, broadcasts (JSON or binary kind 3) and presence
    track/untrack. Protections (RealtimeLimits): frame and message size (QtWebSockets closes with 1009),
    a client that lets too much wait unread is cut off, a socket silent for the heartbeat timeout is closed,
    at most so many channels, joins per second and messages per second, presence calls per window per
    channel. Private channels: broadcast and track are checked against the project's channel rules, and
    the right to join again at each access_token and heartbeat (a caller who lost it is removed). A message that is not JSON of the protocol's shape
    closes the socket with 1007 and says why, one that is but cannot be served gets an error reply.
    A child of its endpoint, on its thread; owns its QWebSocket and deletes itself when the socket closes. */
class RealtimeConnection : public QObject
{
    Q_OBJECT

public:
    RealtimeConnection(
        QWebSocket *socket, RealtimeIdentity identity, RealtimeProtocol protocol, RealtimeEndpoint &endpoint);
    /** Leaves every channel (presence leaves, the hub forgets them). */
    ~RealtimeConnection() override;

    /** Sends \a message to the channel on its topic, if it should get it. */
    void deliver(EncodedTopicMessage &message);
    /** Sends each change of \a changes to the channels with matching bindings that may see it. */
    void deliverChanges(const QList<RecordChange> &changes, ChangeAudience &audience);
    /** Closes the socket at once (a close frame first if it fits): the server is stopping. */
    void closeNow();

private:
    void receiveText(const QString &text);
    void receiveBinary(const QByteArray &frame);
    void handle(const RealtimeMessage &message);
    void join(const RealtimeMessage &message);
    /** Returns the reason a join must be refused for the connection's limits, or an empty string. */
    QString joinLimitReason(const QString &topic);
    void leave(const RealtimeMessage &message);
    void receiveBroadcast(RealtimeChannel &channel, const RealtimeMessage &message);
    void receivePresence(RealtimeChannel &channel, const RealtimeMessage &message);
    void receiveAccessToken(RealtimeChannel &channel, const RealtimeMessage &message);
    /** Returns the time on the limits' clock (ms). */
    qint64 now() const;
    /** Ends \a channel from the server's side: a system error with \a reason, then phx_close. */
    void shutChannel(const QString &topic, const QString &reason);
    /** Ends the channels whose token expired, and the private ones their caller may no longer join (the
        project's rules changed). */
    void recheckChannels();
    /** Forgets the channel on \a topic (hub, endpoint, presence). */
    void removeChannel(const QString &topic);
    void replyError(const RealtimeMessage &request, const QString &reason);
    void send(const RealtimeMessage &message);
    void sendFrame(const QByteArray &frame, bool binary);
    void closeWithError(int code, const QString &reason);

    QWebSocket *m_socket;
    RealtimeIdentity m_identity; ///< from the URL's apikey: channels without an access_token act as it
    RealtimeProtocol m_protocol;
    RealtimeEndpoint &m_endpoint;
    QHash<QString, std::shared_ptr<RealtimeChannel>> m_channels;
    RateWindow m_joins; ///< RealtimeLimits::maxJoinsPerSecond
    RateWindow m_messages; ///< RealtimeLimits::maxMessagesPerSecond
    QElapsedTimer m_clock; ///< the clock of the limits unless they bring one
    QTimer m_heartbeatTimer;
    bool m_closing = false;
};

} // namespace Runtime
