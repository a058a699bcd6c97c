// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeClient: one realtime socket to the running runtime, joined to one channel, as realtime-js does it.
#include "realtimeclient.h"

#include <QJsonDocument>
#include <QUrlQuery>
#include <QWebSocket>

namespace Designer {

RealtimeClient::RealtimeClient(QObject *parent)
    : QObject(parent)
{
    m_heartbeat.setInterval(s_heartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &RealtimeClient::sendHeartbeat);
}

RealtimeClient::~RealtimeClient()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void RealtimeClient::join(
    const QUrl &baseUrl, const QByteArray &apiKey, const QString &topic, const QJsonObject &payload)
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    m_heartbeat.stop();
    m_pendingHeartbeat.clear();
    m_leaving = false;
    m_topic = topic;
    m_joinPayload = payload;
    m_url = baseUrl;
    m_url.setScheme(
        baseUrl.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    m_url.setPath(QStringLiteral("/realtime/v1/websocket"));
    m_url.setQuery(QUrlQuery {{QStringLiteral("vsn"), QStringLiteral("1.0.0")}});
    QUrl withKey = m_url;
    withKey.setQuery(QUrlQuery {{QStringLiteral("apikey"), QString::fromLatin1(apiKey)},
        {QStringLiteral("vsn"), QStringLiteral("1.0.0")}});

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &RealtimeClient::opened);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &RealtimeClient::receiveText);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &frame) {
        handle(QJsonObject {{QStringLiteral("topic"), m_topic},
                   {QStringLiteral("event"), QStringLiteral("binary")}},
            frame);
    });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        const QString reason = m_socket->closeReason();
        const int code = int(m_socket->closeCode());
        if (m_leaving)
            socketGone({});
        else if (!reason.isEmpty())
            socketGone(tr("The backend closed the connection: %1 (code %2).").arg(reason).arg(code));
        else if (m_socket->error() != QAbstractSocket::UnknownSocketError)
            socketGone(tr("The connection failed: %1").arg(m_socket->errorString()));
        else
            socketGone(tr("The backend closed the connection (code %1).").arg(code));
    });
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this] {
        // Before the upgrade (no server, the key refused): no disconnected() follows.
        if (m_state == State::Connecting)
            socketGone(tr("Could not connect to %1: %2").arg(m_url.toString(), m_socket->errorString()));
    });
    setState(State::Connecting);
    m_socket->open(withKey);
}

void RealtimeClient::opened()
{
    m_joinRef = nextRef();
    setState(State::Joining);
    send(m_topic, QStringLiteral("phx_join"), m_joinPayload, m_joinRef);
    m_heartbeat.start();
}

void RealtimeClient::leave()
{
    if (!m_socket)
        return;
    m_leaving = true;
    if (m_state == State::Joined)
        send(m_topic, QStringLiteral("phx_leave"), {}, nextRef());
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        m_socket->abort();
        socketGone({});
    } else {
        m_socket->close(QWebSocketProtocol::CloseCodeNormal);
    }
}

QString RealtimeClient::push(const QString &event, const QJsonObject &payload)
{
    if (m_state != State::Joined)
        return {};
    const QString ref = nextRef();
    send(m_topic, event, payload, ref);
    return ref;
}

void RealtimeClient::send(
    const QString &topic, const QString &event, const QJsonObject &payload, const QString &ref)
{
    const QJsonObject message {{QStringLiteral("topic"), topic}, {QStringLiteral("event"), event},
        {QStringLiteral("payload"), payload}, {QStringLiteral("ref"), ref},
        {QStringLiteral("join_ref"),
            topic == QLatin1String("phoenix") ? QJsonValue() : QJsonValue(m_joinRef)}};
    m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void RealtimeClient::sendHeartbeat()
{
    if (!m_socket)
        return;
    if (!m_pendingHeartbeat.isEmpty()) {
        // As realtime-js does: the previous heartbeat is unanswered, the connection is dead.
        m_socket->abort();
        socketGone(tr("The backend did not answer a heartbeat for %n second(s).", nullptr,
            m_heartbeat.interval() / 1000));
        return;
    }
    m_pendingHeartbeat = nextRef();
    send(QStringLiteral("phoenix"), QStringLiteral("heartbeat"), {}, m_pendingHeartbeat);
}

void RealtimeClient::receiveText(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (!document.isObject()) {
        handle(QJsonObject {{QStringLiteral("topic"), m_topic},
                   {QStringLiteral("event"), QStringLiteral("invalid")},
                   {QStringLiteral("payload"), text.left(1000)}},
            bytes);
        return;
    }
    handle(document.object(), bytes);
}

void RealtimeClient::handle(const QJsonObject &message, const QByteArray &frame)
{
    const QString topic = message.value(QLatin1String("topic")).toString();
    const QString event = message.value(QLatin1String("event")).toString();
    const QString ref = message.value(QLatin1String("ref")).toString();
    if (topic == QLatin1String("phoenix")) {
        if (event == QLatin1String("phx_reply") && ref == m_pendingHeartbeat) {
            m_pendingHeartbeat.clear();
            emit heartbeatAnswered();
        }
        return;
    }
    if (topic != m_topic)
        return;
    emit received(message, frame);
    const QJsonObject payload = message.value(QLatin1String("payload")).toObject();
    if (event == QLatin1String("phx_reply") && ref == m_joinRef && m_state == State::Joining) {
        if (payload.value(QLatin1String("status")).toString() == QLatin1String("ok")) {
            setState(State::Joined);
            emit joined(payload.value(QLatin1String("response")).toObject());
        } else {
            const QJsonObject response = payload.value(QLatin1String("response")).toObject();
            QString reason = response.value(QLatin1String("reason")).toString();
            if (reason.isEmpty())
                reason = QString::fromUtf8(QJsonDocument(response).toJson(QJsonDocument::Compact));
            m_leaving = true; // the refusal is the news, not the close that follows
            m_socket->close(QWebSocketProtocol::CloseCodeNormal);
            emit joinRefused(reason);
        }
    } else if (event == QLatin1String("phx_close") && m_state == State::Joined) {
        // The server ended the channel (a system error said why, before): no rejoin, as realtime-js.
        m_leaving = true;
        m_socket->close(QWebSocketProtocol::CloseCodeNormal);
    }
}

void RealtimeClient::socketGone(const QString &reason)
{
    if (!m_socket)
        return;
    m_heartbeat.stop();
    m_pendingHeartbeat.clear();
    m_socket->disconnect(this);
    m_socket->deleteLater();
    m_socket = nullptr;
    m_leaving = false;
    setState(State::Closed);
    emit closed(reason);
}

void RealtimeClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace Designer
