// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeConnection: one realtime WebSocket: Supabase Realtime's channels, heartbeats, broadcast and
// presence.
#include "realtimeconnection.h"

#include "changeaudience.h"
#include "http/serverconfig.h"
#include "realtimeendpoint.h"
#include "rules/channelpolicy.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QWebSocket>

namespace Runtime {

namespace {
const QString s_ok = QStringLiteral("ok");
const QString s_error = QStringLiteral("error");
/** How long a closed socket waits for the client's close frame before it is cut off. */
constexpr int s_closeLingerMs = 2000;

/** Returns the size of \a value as compact JSON. */
qint64 jsonSize(const QJsonValue &value)
{
    return QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact).size() - 2;
}

/** Returns Supabase Realtime's reason for ending a private channel whose caller may no longer join it. */
QString noLongerAllowed(const QString &topic)
{
    return QStringLiteral("You no longer have permission to read from this Channel topic: %1")
        .arg(realtimeSubTopic(topic));
}

QJsonObject broadcastPayload(const QString &event, const QJsonValue &payload)
{
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("broadcast")},
        {QStringLiteral("event"), event}, {QStringLiteral("payload"), payload}};
}
} // namespace

RealtimeConnection::RealtimeConnection(
    QWebSocket *socket, RealtimeIdentity identity, RealtimeProtocol protocol, RealtimeEndpoint &endpoint)
    : QObject(&endpoint)
    , m_socket(socket)
    , m_identity(std::move(identity))
    , m_protocol(protocol)
    , m_endpoint(endpoint)
{
    const RealtimeLimits &limits = m_endpoint.config().limits.realtime;
    m_socket->setParent(this);
    m_socket->setMaxAllowedIncomingFrameSize(quint64(limits.maxMessageBytes));
    m_socket->setMaxAllowedIncomingMessageSize(quint64(limits.maxMessageBytes));
    m_clock.start();
    m_heartbeatTimer.setSingleShot(true);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, [this] {
        if (m_closing) { // the client did not answer the close frame: cut it off
            m_socket->abort();
            return;
        }
        closeWithError(QWebSocketProtocol::CloseCodeGoingAway,
            QStringLiteral("no message (heartbeat) for %1 s")
                .arg(m_endpoint.config().limits.realtime.heartbeatTimeoutMs / 1000.0));
    });
    m_heartbeatTimer.start(limits.heartbeatTimeoutMs);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &RealtimeConnection::receiveText);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &RealtimeConnection::receiveBinary);
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        m_closing = true;
        m_heartbeatTimer.stop();
        deleteLater();
    });
}

RealtimeConnection::~RealtimeConnection()
{
    const QStringList topics = m_channels.keys();
    for (const QString &topic : topics)
        removeChannel(topic);
}

void RealtimeConnection::closeNow()
{
    if (m_closing)
        return;
    m_closing = true;
    m_socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("The server is stopping."));
    m_socket->flush();
    m_socket->abort();
}

void RealtimeConnection::closeWithError(int code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    // A close frame's reason has at most 123 bytes.
    m_socket->close(QWebSocketProtocol::CloseCode(code), QString::fromUtf8(reason.toUtf8().left(120)));
    m_heartbeatTimer.start(s_closeLingerMs);
}

void RealtimeConnection::receiveText(const QString &text)
{
    if (m_closing)
        return;
    m_heartbeatTimer.start(m_endpoint.config().limits.realtime.heartbeatTimeoutMs);
    m_endpoint.refresh();
    Result<RealtimeMessage> message = RealtimeCodec::decodeText(text.toUtf8(), m_protocol);
    if (!message) {
        closeWithError(QWebSocketProtocol::CloseCodeWrongDatatype, message.error().message);
        return;
    }
    handle(*message);
}

void RealtimeConnection::receiveBinary(const QByteArray &frame)
{
    if (m_closing)
        return;
    m_heartbeatTimer.start(m_endpoint.config().limits.realtime.heartbeatTimeoutMs);
    if (m_protocol != RealtimeProtocol::V2) {
        closeWithError(QWebSocketProtocol::CloseCodeDatatypeNotSupported,
            QStringLiteral("binary messages need vsn=2.0.0"));
        return;
    }
    m_endpoint.refresh();
    Result<RealtimeMessage> message = RealtimeCodec::decodeBinary(frame);
    if (!message) {
        closeWithError(QWebSocketProtocol::CloseCodeWrongDatatype, message.error().message);
        return;
    }
    handle(*message);
}

void RealtimeConnection::handle(const RealtimeMessage &message)
{
    if (message.topic == QLatin1String("phoenix")) {
        if (message.event == QLatin1String("heartbeat")) {
            send(RealtimeMessage::reply(message, s_ok, QJsonObject()));
            recheckChannels();
        } else {
            replyError(message, QStringLiteral("UnknownEvent: the topic phoenix only takes heartbeat"));
        }
        return;
    }
    if (message.event == QLatin1String("phx_join")) {
        join(message);
        return;
    }
    const std::shared_ptr<RealtimeChannel> channel = m_channels.value(message.topic);
    if (!channel) {
        // Phoenix answers a message for a channel it does not know so; the client then rejoins.
        replyError(message, QStringLiteral("UnmatchedTopic: join %1 first (phx_join)").arg(message.topic));
        return;
    }
    if (message.event == QLatin1String("phx_leave")) {
        leave(message);
        return;
    }
    const RealtimeLimits &limits = m_endpoint.config().limits.realtime;
    if (!m_messages.admit(now(), limits.maxMessagesPerSecond, 1000)) {
        shutChannel(message.topic, QStringLiteral("Too many messages per second"));
        return;
    }
    if (message.event == QLatin1String("broadcast"))
        receiveBroadcast(*channel, message);
    else if (message.event == QLatin1String("presence"))
        receivePresence(*channel, message);
    else if (message.event == QLatin1String("access_token"))
        receiveAccessToken(*channel, message);
    else
        replyError(message,
            QStringLiteral("UnknownEvent: %1 is not an event of a realtime channel").arg(message.event));
}

qint64 RealtimeConnection::now() const
{
    const RealtimeLimits &limits = m_endpoint.config().limits.realtime;
    return limits.clock ? limits.clock() : m_clock.elapsed();
}

QString RealtimeConnection::joinLimitReason(const QString &topic)
{
    const RealtimeLimits &limits = m_endpoint.config().limits.realtime;
    if (!m_joins.admit(now(), limits.maxJoinsPerSecond, 1000))
        return QStringLiteral("ClientJoinRateLimitReached: Too many joins per second");
    if (!m_channels.contains(topic) && m_channels.size() >= limits.maxChannels)
        return QStringLiteral("ChannelRateLimitReached: Too many channels");
    return {};
}

void RealtimeConnection::join(const RealtimeMessage &message)
{
    if (const QString limited = joinLimitReason(message.topic); !limited.isEmpty()) {
        replyError(message, limited);
        return;
    }
    Result<RealtimeChannel> made = RealtimeChannel::fromJoin(
        message, m_identity, m_endpoint.config(), m_endpoint.channelPolicy(), m_endpoint.hub());
    if (!made) {
        replyError(message, made.error().message);
        return;
    }
    removeChannel(message.topic); // Phoenix: a second join of a topic replaces the first
    auto channel = std::make_shared<RealtimeChannel>(std::move(made).value());
    channel->subscriber = m_endpoint.hub().nextSubscriberId();
    const RealtimeHub::Joined joined = m_endpoint.hub().join(message.topic, channel->isPrivate, &m_endpoint);
    channel->joinedAt = joined.sequence;
    m_channels.insert(message.topic, channel);
    m_endpoint.addToTopic(message.topic, this);
    if (!channel->bindings.empty())
        m_endpoint.watchChanges(this, int(channel->bindings.size()));

    send(RealtimeMessage::reply(message, s_ok, channel->joinResponse()));
    if (!channel->bindings.empty()) {
        const QJsonObject subscribed {{QStringLiteral("extension"), QStringLiteral("postgres_changes")},
            {QStringLiteral("status"), s_ok},
            {QStringLiteral("message"), QStringLiteral("Subscribed to PostgreSQL")},
            {QStringLiteral("channel"), realtimeSubTopic(message.topic)}};
        send(RealtimeMessage::push(message.topic, QStringLiteral("system"), subscribed, channel->joinRef));
    }
    // realtime-js holds every presence_diff back until it has had a presence_state for this join.
    if (channel->presenceEnabled)
        send(RealtimeMessage::push(
            message.topic, QStringLiteral("presence_state"), joined.presenceState, channel->joinRef));
}

void RealtimeConnection::leave(const RealtimeMessage &message)
{
    removeChannel(message.topic);
    send(RealtimeMessage::reply(message, s_ok, QJsonObject()));
}

void RealtimeConnection::removeChannel(const QString &topic)
{
    const std::shared_ptr<RealtimeChannel> channel = m_channels.take(topic);
    if (!channel)
        return;
    m_endpoint.removeFromTopic(topic, this);
    if (!channel->bindings.empty())
        m_endpoint.watchChanges(this, -int(channel->bindings.size()));
    m_endpoint.hub().leave(topic, channel->isPrivate, &m_endpoint, channel->subscriber);
}

void RealtimeConnection::receiveBroadcast(RealtimeChannel &channel, const RealtimeMessage &message)
{
    // Supabase Realtime drops a refused broadcast without a word; an error reply tells the sender why
    // (supabase-js: send() resolves "error" with ack, and ignores the reply without).
    if (!channel.allows(ChannelAction::Broadcast, m_endpoint.channelPolicy())) {
        replyError(message, channelRefusal(ChannelAction::Broadcast, channel.topic));
        return;
    }
    TopicMessage broadcast;
    broadcast.kind = TopicMessage::Kind::Broadcast;
    broadcast.topic = channel.topic;
    broadcast.isPrivate = channel.isPrivate;
    qint64 size = 0;
    if (message.isBinaryBroadcast) {
        broadcast.userEvent = message.binaryEvent;
        size = message.binaryPayload.size();
        if (message.binaryIsJson) {
            const QJsonDocument wrapped = QJsonDocument::fromJson("[" + message.binaryPayload + "]");
            if (!wrapped.isArray() || wrapped.array().size() != 1) {
                replyError(message,
                    QStringLiteral(
                        "InvalidBroadcast: the binary broadcast says JSON but its payload is not JSON"));
                return;
            }
            broadcast.payload = wrapped.array().at(0);
        } else {
            broadcast.isBinary = true;
            broadcast.binaryPayload = message.binaryPayload;
        }
    } else {
        const QJsonObject payload = message.payload.toObject();
        broadcast.userEvent = payload.value(QLatin1String("event")).toString();
        broadcast.payload = payload.value(QLatin1String("payload"));
        size = jsonSize(broadcast.payload);
        if (broadcast.userEvent.isEmpty()) {
            replyError(message,
                QStringLiteral(
                    "InvalidBroadcast: a broadcast needs an event: {type: \"broadcast\", event, payload}"));
            return;
        }
    }
    if (size > m_endpoint.config().limits.realtime.maxBroadcastBytes) {
        // Supabase Realtime's answer (broadcast_handler.ex): the reason only.
        send(RealtimeMessage::reply(message, s_error,
            QJsonObject {{QStringLiteral("reason"), QStringLiteral("payload_size_exceeded")}}));
        return;
    }
    if (!channel.broadcastSelf)
        broadcast.excludedSubscriber = channel.subscriber;
    m_endpoint.hub().broadcast(std::move(broadcast));
    if (channel.broadcastAck)
        send(RealtimeMessage::reply(message, s_ok, QJsonObject()));
}

void RealtimeConnection::receivePresence(RealtimeChannel &channel, const RealtimeMessage &message)
{
    const RealtimeLimits &limits = m_endpoint.config().limits.realtime;
    if (!channel.presenceCalls.admit(now(), limits.maxPresenceCalls, limits.presenceWindowMs)) {
        shutChannel(channel.topic, QStringLiteral("Client presence rate limit exceeded"));
        return;
    }
    const QJsonObject payload = message.payload.toObject();
    const QString event = payload.value(QLatin1String("event")).toString();
    if (event == QLatin1String("track")) {
        const QJsonValue tracked = payload.value(QLatin1String("payload"));
        if (!tracked.isObject() && !tracked.isUndefined()) {
            replyError(message, QStringLiteral("Presence track payload must be a map"));
            return;
        }
        if (!channel.allows(ChannelAction::Track, m_endpoint.channelPolicy())) {
            replyError(message, channelRefusal(ChannelAction::Track, channel.topic));
            return;
        }
        if (jsonSize(tracked) > limits.maxBroadcastBytes) {
            shutChannel(channel.topic, QStringLiteral("Track message size exceeded"));
            return;
        }
        m_endpoint.hub().track(
            channel.topic, channel.isPrivate, channel.subscriber, channel.presenceKey, tracked.toObject());
    } else if (event == QLatin1String("untrack")) {
        m_endpoint.hub().untrack(channel.topic, channel.isPrivate, channel.subscriber);
    } else {
        replyError(message, QStringLiteral("UnknownPresenceEvent: presence events are track and untrack"));
        return;
    }
    send(RealtimeMessage::reply(message, s_ok, QJsonObject()));
}

void RealtimeConnection::receiveAccessToken(RealtimeChannel &channel, const RealtimeMessage &message)
{
    const QString token = message.payload.toObject().value(QLatin1String("access_token")).toString();
    if (token.isEmpty() || token.startsWith(QLatin1String("sb_")))
        return;
    Result<RealtimeIdentity> identity = RealtimeAuth::identify(token.toUtf8(), m_endpoint.config());
    if (!identity) {
        shutChannel(channel.topic, QStringLiteral("InvalidJWTToken: ") + identity.error().message);
        return;
    }
    // Another caller would see other rows; its bindings were checked for the first one (hidden columns).
    if (identity->caller.isService() != channel.identity.caller.isService() && !channel.bindings.empty()) {
        shutChannel(
            channel.topic, QStringLiteral("Unauthorized: the access token changed the role; join again"));
        return;
    }
    channel.identity = std::move(identity).value();
    if (!channel.allows(ChannelAction::Join, m_endpoint.channelPolicy()))
        shutChannel(channel.topic, noLongerAllowed(channel.topic));
}

void RealtimeConnection::recheckChannels()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QList<QPair<QString, QString>> ended; // topic, reason
    for (const std::shared_ptr<RealtimeChannel> &channel : std::as_const(m_channels)) {
        if (channel->identity.expiresAt > 0 && now >= channel->identity.expiresAt)
            ended.append({channel->topic, QStringLiteral("InvalidJWTToken: Token has expired")});
        else if (!channel->allows(ChannelAction::Join, m_endpoint.channelPolicy()))
            ended.append({channel->topic, noLongerAllowed(channel->topic)});
    }
    for (const auto &[topic, reason] : std::as_const(ended))
        shutChannel(topic, reason);
}

void RealtimeConnection::shutChannel(const QString &topic, const QString &reason)
{
    const std::shared_ptr<RealtimeChannel> channel = m_channels.value(topic);
    if (!channel)
        return;
    send(RealtimeMessage::push(topic, QStringLiteral("system"),
        QJsonObject {{QStringLiteral("extension"), QStringLiteral("system")},
            {QStringLiteral("status"), s_error}, {QStringLiteral("message"), reason},
            {QStringLiteral("channel"), realtimeSubTopic(topic)}},
        channel->joinRef));
    send(RealtimeMessage::push(topic, QStringLiteral("phx_close"), QJsonObject(), channel->joinRef));
    removeChannel(topic);
}

void RealtimeConnection::deliver(EncodedTopicMessage &encoded)
{
    const TopicMessage &message = encoded.message;
    const std::shared_ptr<RealtimeChannel> channel = m_channels.value(message.topic);
    if (!channel || channel->isPrivate != message.isPrivate || message.sequence <= channel->joinedAt
        || m_closing)
        return;
    if (message.kind == TopicMessage::Kind::PresenceDiff && !channel->presenceEnabled)
        return;
    if (message.excludedSubscriber != 0 && message.excludedSubscriber == channel->subscriber)
        return;
    if (message.isBinary) {
        if (m_protocol != RealtimeProtocol::V2)
            return; // vsn 1.0.0 has no binary frames: a binary payload reaches vsn 2.0.0 sockets only
        if (encoded.binary.isEmpty())
            encoded.binary = RealtimeCodec::encodeBinaryBroadcast(
                message.topic, message.userEvent, message.binaryPayload, false);
        if (!encoded.binary.isEmpty())
            sendFrame(encoded.binary, true);
        return;
    }
    QByteArray &text = m_protocol == RealtimeProtocol::V2 ? encoded.v2 : encoded.v1;
    if (text.isEmpty()) {
        const bool isDiff = message.kind == TopicMessage::Kind::PresenceDiff;
        const RealtimeMessage push = RealtimeMessage::push(message.topic,
            isDiff ? QStringLiteral("presence_diff") : QStringLiteral("broadcast"),
            isDiff ? message.payload : QJsonValue(broadcastPayload(message.userEvent, message.payload)));
        text = RealtimeCodec::encodeText(push, m_protocol);
    }
    sendFrame(text, false);
}

void RealtimeConnection::deliverChanges(const QList<RecordChange> &changes, ChangeAudience &audience)
{
    const Project &project = audience.project();
    for (const std::shared_ptr<RealtimeChannel> &channel : std::as_const(m_channels)) {
        if (channel->bindings.empty())
            continue;
        for (const RecordChange &change : changes) {
            const Table *table = project.tableByName(change.table);
            if (!table || change.bulk || m_closing) // a CSV import's batch: no event per row (see the README)
                continue;
            QList<qint64> withheld;
            const QJsonObject payload = channel->changePayload(*table, change, audience, &withheld);
            if (!payload.isEmpty())
                send(RealtimeMessage::push(
                    channel->topic, QStringLiteral("postgres_changes"), payload, channel->joinRef));
            else if (!withheld.isEmpty() && m_endpoint.hub().isWithheldObserved())
                m_endpoint.reportWithheld(*channel, *table, change, withheld);
        }
    }
}

void RealtimeConnection::replyError(const RealtimeMessage &request, const QString &reason)
{
    send(RealtimeMessage::reply(request, s_error, QJsonObject {{QStringLiteral("reason"), reason}}));
}

void RealtimeConnection::send(const RealtimeMessage &message)
{
    sendFrame(RealtimeCodec::encodeText(message, m_protocol), false);
}

void RealtimeConnection::sendFrame(const QByteArray &frame, bool binary)
{
    if (m_closing)
        return;
    if (binary)
        m_socket->sendBinaryMessage(frame);
    else
        m_socket->sendTextMessage(QString::fromUtf8(frame));
    // A client that reads nothing would make the server hold every message for it: cut it off instead.
    if (m_socket->bytesToWrite() > m_endpoint.config().limits.realtime.maxUnsentBytes) {
        qWarning("realtime: a client read nothing of %lld bytes waiting for it; disconnected",
            qlonglong(m_socket->bytesToWrite()));
        m_closing = true;
        m_socket->abort();
    }
}

} // namespace Runtime
