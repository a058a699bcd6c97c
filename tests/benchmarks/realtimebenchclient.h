// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeBenchClients: many realtime WebSocket clients in one thread, for bench_realtime.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <vector>

class QWebSocket;

/** Realtime clients of one basalt-server (vsn 1.0.0 JSON frames), driven by the caller's event loop. Frames
    are read with substring checks rather than parsed, so that the clients cost little next to the server
    they measure: a reply counts when it says `"status":"ok"`, an event by its `"event"` name. */
class RealtimeBenchClients : public QObject
{
    Q_OBJECT

public:
    /** Clients of \a servers (socket i connects to servers[i % count]), with \a apiKey. */
    RealtimeBenchClients(const QList<QUrl> &servers, const QByteArray &apiKey);
    ~RealtimeBenchClients() override;

    /** Opens \a count sockets, at most 200 handshakes at a time, each joining \a topicOf(its index). Returns
        false (problem() says why) if one fails or nothing progresses for 30 s. */
    bool open(int count, const std::function<QString(int)> &topicOf);
    /** Runs the event loop for \a seconds; every socket sends a heartbeat each 25 s, as realtime-js does. */
    void holdWithHeartbeats(int seconds);
    int openCount() const;
    qint64 heartbeatReplies() const { return m_heartbeatReplies; }

    /** Joins \a topic on the first \a count sockets with a postgres_changes binding on INSERTs of \a table.
     */
    bool joinChanges(int count, const QString &topic, const QString &table);
    /** Notes that the insert of message \a number is sent now. */
    void expectChange(int number);
    /** The events received for message \a number. */
    int changesOf(int number) const { return m_changes.value(number); }
    /** Milliseconds from each event's commit_timestamp (millisecond precision), and from its insert's
        request, to its arrival. */
    std::vector<double> latenciesFromCommitMs() const { return m_fromCommit; }
    std::vector<double> latenciesFromSendMs() const { return m_fromSend; }

    /** Joins \a topic (broadcast self off) on the first \a count + 1 sockets: the last of them sends. */
    bool joinBroadcast(int count, const QString &topic);
    /** Sends \a messages broadcasts on \a topic from socket \a sender. */
    void sendBroadcasts(int sender, const QString &topic, int messages);
    qint64 broadcastsReceived() const { return m_broadcasts; }

    void close();
    QString problem() const { return m_problem; }

private:
    struct Client
    {
        std::unique_ptr<QWebSocket> socket;
        int ref = 0;
        bool open = false;
    };
    void send(Client &client, const QString &topic, const QString &event, const QByteArray &payload);
    void onText(const QString &text);
    /** Sends a phx_join of \a topic with \a config on the first \a count sockets and waits for the replies.
     */
    bool joinAll(int count, const QString &topic, const QByteArray &config);

    QList<QUrl> m_urls;
    std::vector<Client> m_clients;
    qint64 m_joinReplies = 0;
    qint64 m_heartbeatReplies = 0;
    qint64 m_broadcasts = 0;
    QHash<int, int> m_changes;
    QHash<int, qint64> m_sentAtUs;
    std::vector<double> m_fromCommit;
    std::vector<double> m_fromSend;
    QString m_problem;
};
