// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeClient: one realtime socket to the running runtime, joined to one channel, as realtime-js does it.
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QUrl>

class QWebSocket;

namespace Designer {

/** The realtime inspector's connection: a QWebSocket to the runtime's `/realtime/v1/websocket` speaking
    Supabase Realtime's protocol in vsn 1.0.0 (a JSON object per frame), joined to one channel at a time.
    It sends a heartbeat every heartbeatInterval() (realtime-js: 25 s; the server closes a socket silent for
    60 s) and closes the socket when one goes unanswered until the next. Nothing it receives can crash
    it: a frame that is not a JSON object is reported as such. Owned by its parent (the inspector). */
class RealtimeClient : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Closed, ///< no socket
        Connecting, ///< the socket opens
        Joining, ///< phx_join sent, no reply yet
        Joined, ///< the channel is joined
    };
    Q_ENUM(State)

    static constexpr int s_heartbeatMs = 25000;

    explicit RealtimeClient(QObject *parent = nullptr);
    ~RealtimeClient() override;

    /** Opens a socket to the realtime endpoint of the runtime at \a baseUrl with \a apiKey (closing any
        other first) and joins \a topic (`realtime:<name>`) with \a payload (`{config, access_token}`). */
    void join(
        const QUrl &baseUrl, const QByteArray &apiKey, const QString &topic, const QJsonObject &payload);
    /** Leaves the channel (phx_leave) and closes the socket; closed() follows with an empty reason. */
    void leave();
    /** Pushes \a event with \a payload on the joined channel. Returns its ref (its reply carries it), or
        an empty string when no channel is joined. */
    QString push(const QString &event, const QJsonObject &payload);

    State state() const { return m_state; }
    QString topic() const { return m_topic; }
    /** Returns the URL the socket opens, without its key (for messages). */
    QUrl endpointUrl() const { return m_url; }

    void setHeartbeatInterval(int ms) { m_heartbeat.setInterval(ms); }
    int heartbeatInterval() const { return m_heartbeat.interval(); }

signals:
    void stateChanged(Designer::RealtimeClient::State state);
    /** A message arrived on the channel (replies included, heartbeat replies not); \a frame is the text as
        it came. */
    void received(const QJsonObject &message, const QByteArray &frame);
    /** The join was accepted; \a response is the reply's (its postgres_changes with their ids). */
    void joined(const QJsonObject &response);
    /** The join was refused for \a reason ("Code: message"); the socket is closed. */
    void joinRefused(const QString &reason);
    /** A heartbeat was answered. */
    void heartbeatAnswered();
    /** The socket closed or could not open; \a reason says why, empty after leave(). */
    void closed(const QString &reason);

private:
    void opened();
    void receiveText(const QString &text);
    void handle(const QJsonObject &message, const QByteArray &frame);
    void sendHeartbeat();
    void socketGone(const QString &reason);
    void send(const QString &topic, const QString &event, const QJsonObject &payload, const QString &ref);
    void setState(State state);
    QString nextRef() { return QString::number(++m_ref); }

    QWebSocket *m_socket = nullptr;
    QTimer m_heartbeat;
    State m_state = State::Closed;
    QUrl m_url;
    QString m_topic;
    QJsonObject m_joinPayload;
    QString m_joinRef;
    QString m_pendingHeartbeat; ///< the ref of the heartbeat not answered yet
    quint64 m_ref = 0;
    bool m_leaving = false;
};

} // namespace Designer
