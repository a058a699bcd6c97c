// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeClient: a test client of Basalt's realtime WebSocket, speaking vsn 1.0.0 or 2.0.0 over QWebSocket.
#include "realtimeclient.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrl>

bool RealtimeClient::open(quint16 port, const QByteArray &key, const QString &vsn)
{
    m_vsn = vsn;
    connect(&socket, &QWebSocket::textMessageReceived, this, &RealtimeClient::onText);
    connect(&socket, &QWebSocket::binaryMessageReceived, this,
        [this](const QByteArray &frame) { binaryFrames << frame; });
    connect(&socket, &QWebSocket::disconnected, this, [this] {
        disconnected = true;
        closeCode = socket.closeCode();
    });
    socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/realtime/v1/websocket?apikey=%2&vsn=%3")
                         .arg(port)
                         .arg(QString::fromLatin1(key), vsn)));
    QDeadlineTimer deadline(10000);
    while (socket.state() != QAbstractSocket::ConnectedState && !disconnected && !deadline.hasExpired())
        QTest::qWait(5);
    return socket.state() == QAbstractSocket::ConnectedState;
}

QString RealtimeClient::push(
    const QString &topic, const QString &event, const QJsonValue &payload, const QString &joinRef)
{
    const QString ref = QString::number(++m_ref);
    const QJsonValue join = joinRef.isEmpty() ? QJsonValue() : QJsonValue(joinRef);
    QByteArray text;
    if (isV2())
        text = QJsonDocument(QJsonArray {join, ref, topic, event, payload}).toJson(QJsonDocument::Compact);
    else
        text = QJsonDocument(QJsonObject {{QStringLiteral("topic"), topic}, {QStringLiteral("event"), event},
                                 {QStringLiteral("payload"), payload}, {QStringLiteral("ref"), ref},
                                 {QStringLiteral("join_ref"), join}})
                   .toJson(QJsonDocument::Compact);
    socket.sendTextMessage(QString::fromUtf8(text));
    return ref;
}

QJsonObject RealtimeClient::join(const QString &topic, const QJsonObject &config, const QString &accessToken)
{
    QJsonObject payload {{QStringLiteral("config"), config}};
    if (!accessToken.isEmpty())
        payload.insert(QStringLiteral("access_token"), accessToken);
    const QString ref = QString::number(m_ref + 1);
    push(topic, QStringLiteral("phx_join"), payload, ref);
    return replyTo(ref);
}

void RealtimeClient::pushBinaryBroadcast(
    const QString &topic, const QString &event, const QByteArray &payload, bool json)
{
    const QByteArray ref = QByteArray::number(++m_ref);
    const QByteArray topicBytes = topic.toUtf8();
    const QByteArray eventBytes = event.toUtf8();
    QByteArray frame;
    frame.append(char(3));
    frame.append(char(0)); // join_ref
    frame.append(char(ref.size()));
    frame.append(char(topicBytes.size()));
    frame.append(char(eventBytes.size()));
    frame.append(char(0)); // metadata
    frame.append(char(json ? 1 : 0));
    frame += ref + topicBytes + eventBytes + payload;
    socket.sendBinaryMessage(frame);
}

QJsonObject RealtimeClient::replyTo(const QString &ref)
{
    return take([&ref](const QJsonObject &m) {
        return m.value(QLatin1String("event")).toString() == QLatin1String("phx_reply")
            && m.value(QLatin1String("ref")).toString() == ref;
    })
        .value(QLatin1String("payload"))
        .toObject();
}

QJsonObject RealtimeClient::take(const std::function<bool(const QJsonObject &)> &match, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (true) {
        for (qsizetype i = 0; i < received.size(); ++i) {
            if (match(received.at(i)))
                return received.takeAt(i);
        }
        if (deadline.hasExpired() || disconnected)
            return {};
        QTest::qWait(5);
    }
}

QJsonObject RealtimeClient::takeEvent(const QString &topic, const QString &event, int timeoutMs)
{
    return take(
        [&](const QJsonObject &m) {
            return m.value(QLatin1String("topic")).toString() == topic
                && m.value(QLatin1String("event")).toString() == event;
        },
        timeoutMs);
}

bool RealtimeClient::receives(const QString &topic, const QString &event, int ms)
{
    return !takeEvent(topic, event, ms).isEmpty();
}

void RealtimeClient::onText(const QString &text)
{
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    if (document.isArray()) {
        const QJsonArray parts = document.array();
        received << QJsonObject {{QStringLiteral("join_ref"), parts.at(0)},
            {QStringLiteral("ref"), parts.at(1)}, {QStringLiteral("topic"), parts.at(2)},
            {QStringLiteral("event"), parts.at(3)}, {QStringLiteral("payload"), parts.at(4)}};
    } else {
        received << document.object();
    }
}
