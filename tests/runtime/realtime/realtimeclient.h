// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeClient: a test client of Basalt's realtime WebSocket, speaking vsn 1.0.0 or 2.0.0 over QWebSocket.
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QWebSocket>

#include <functional>

/** One realtime socket as realtime-js opens it, for tests: messages are decoded into
    `{topic, event, payload, ref, join_ref}` objects whatever the vsn, and kept until taken. */
class RealtimeClient : public QObject
{
    Q_OBJECT

public:
    /** Opens ws://127.0.0.1:\a port/realtime/v1/websocket?apikey=\a key&vsn=\a vsn; false if it did not
     * connect. */
    bool open(quint16 port, const QByteArray &key, const QString &vsn = QStringLiteral("1.0.0"));
    bool isV2() const { return m_vsn == QLatin1String("2.0.0"); }

    /** Sends a message; returns its ref. */
    QString push(
        const QString &topic, const QString &event, const QJsonValue &payload, const QString &joinRef = {});
    /** Joins \a topic with \a config (and \a accessToken); returns the phx_reply's payload. */
    QJsonObject join(const QString &topic, const QJsonObject &config, const QString &accessToken = {});
    /** Sends a vsn 2.0.0 binary user broadcast push (kind 3). */
    void pushBinaryBroadcast(
        const QString &topic, const QString &event, const QByteArray &payload, bool json);
    /** Returns the reply to \a ref (waiting up to 10 s), or an empty object. */
    QJsonObject replyTo(const QString &ref);
    /** Returns the first received message for which \a match is true (waiting up to \a timeoutMs) and
        removes it from the received ones, or an empty object. */
    QJsonObject take(const std::function<bool(const QJsonObject &)> &match, int timeoutMs = 10000);
    /** take() of the first message of \a event on \a topic. */
    QJsonObject takeEvent(const QString &topic, const QString &event, int timeoutMs = 10000);
    /** Returns whether a message of \a event on \a topic arrives within \a ms. */
    bool receives(const QString &topic, const QString &event, int ms);

    QList<QJsonObject> received;
    QList<QByteArray> binaryFrames;
    QWebSocket socket;
    bool disconnected = false;
    int closeCode = 0;

private:
    void onText(const QString &text);
    QString m_vsn;
    int m_ref = 0;
};
