// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeBenchClients: many realtime WebSocket clients in one thread, for bench_realtime.
#include "realtimebenchclient.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <chrono>

namespace {

qint64 nowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/** Returns the text between \a marker and the next \a end in \a text, or an empty view. */
QStringView between(QStringView text, QStringView marker, QChar end)
{
    const qsizetype start = text.indexOf(marker);
    if (start < 0)
        return {};
    const qsizetype from = start + marker.size();
    const qsizetype to = text.indexOf(end, from);
    return to < 0 ? QStringView() : text.mid(from, to - from);
}

/** Runs the event loop until \a done, or until \a progress stays the same for \a stallMs. */
bool waitWhileProgressing(
    const std::function<bool()> &done, const std::function<qint64()> &progress, int stallMs)
{
    QElapsedTimer stalled;
    stalled.start();
    qint64 last = progress();
    while (!done()) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        if (progress() != last) {
            last = progress();
            stalled.restart();
        } else if (stalled.elapsed() > stallMs) {
            return false;
        }
    }
    return true;
}

} // namespace

RealtimeBenchClients::RealtimeBenchClients(const QList<QUrl> &servers, const QByteArray &apiKey)
{
    for (QUrl url : servers) {
        url.setScheme(QStringLiteral("ws"));
        url.setPath(QStringLiteral("/realtime/v1/websocket"));
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("apikey"), QString::fromLatin1(apiKey));
        query.addQueryItem(QStringLiteral("vsn"), QStringLiteral("1.0.0"));
        url.setQuery(query);
        m_urls.append(url);
    }
}

RealtimeBenchClients::~RealtimeBenchClients()
{
    close();
}

bool RealtimeBenchClients::open(int count, const std::function<QString(int)> &topicOf)
{
    m_clients.resize(size_t(count));
    int started = 0;
    int connected = 0;
    int failed = 0;
    const qint64 joinsBefore = m_joinReplies;
    auto startNext = [&] {
        while (started < count && started - connected - failed < 200) {
            Client &client = m_clients[size_t(started)];
            client.socket = std::make_unique<QWebSocket>();
            QWebSocket *socket = client.socket.get();
            const int index = started++;
            connect(socket, &QWebSocket::textMessageReceived, this, &RealtimeBenchClients::onText);
            connect(socket, &QWebSocket::connected, this, [this, index, &connected, topicOf] {
                ++connected;
                m_clients[size_t(index)].open = true;
                send(m_clients[size_t(index)], topicOf(index), QStringLiteral("phx_join"), "{\"config\":{}}");
            });
            connect(socket, &QWebSocket::disconnected, this, [this, index, &failed] {
                if (!m_clients[size_t(index)].open)
                    ++failed;
                m_clients[size_t(index)].open = false;
            });
            socket->open(m_urls.at(index % m_urls.size()));
        }
    };
    startNext();
    const bool done = waitWhileProgressing(
        [&] {
            startNext();
            return (connected + failed >= count && m_joinReplies - joinsBefore >= connected)
                || !m_problem.isEmpty();
        },
        [&] { return qint64(connected) * 3 + failed + m_joinReplies; }, 30000);
    if (failed > 0 && m_problem.isEmpty())
        m_problem = QStringLiteral("%1 of %2 sockets could not connect").arg(failed).arg(count);
    if (!done && m_problem.isEmpty())
        m_problem = QStringLiteral("opening stalled: %1 of %2 sockets connected, %3 joined")
                        .arg(connected)
                        .arg(count)
                        .arg(m_joinReplies - joinsBefore);
    return done && m_problem.isEmpty();
}

void RealtimeBenchClients::holdWithHeartbeats(int seconds)
{
    QTimer heartbeat;
    connect(&heartbeat, &QTimer::timeout, this, [this] {
        for (Client &client : m_clients) {
            if (client.open)
                send(client, QStringLiteral("phoenix"), QStringLiteral("heartbeat"), "{}");
        }
    });
    heartbeat.start(25000);
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < qint64(seconds) * 1000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
}

int RealtimeBenchClients::openCount() const
{
    return int(std::count_if(m_clients.cbegin(), m_clients.cend(), [](const Client &c) { return c.open; }));
}

bool RealtimeBenchClients::joinChanges(int count, const QString &topic, const QString &table)
{
    return joinAll(count, topic,
        QStringLiteral("{\"config\":{\"postgres_changes\":[{\"event\":\"INSERT\",\"schema\":\"public\","
                       "\"table\":\"%1\"}]}}")
            .arg(table)
            .toUtf8());
}

void RealtimeBenchClients::expectChange(int number)
{
    m_sentAtUs.insert(number, nowUs());
}

bool RealtimeBenchClients::joinBroadcast(int count, const QString &topic)
{
    return joinAll(count + 1, topic, "{\"config\":{\"broadcast\":{\"self\":false}}}");
}

void RealtimeBenchClients::sendBroadcasts(int sender, const QString &topic, int messages)
{
    for (int i = 0; i < messages; ++i)
        send(m_clients[size_t(sender)], topic, QStringLiteral("broadcast"),
            QByteArray("{\"type\":\"broadcast\",\"event\":\"tick\",\"payload\":{\"n\":")
                + QByteArray::number(i) + "}}");
}

void RealtimeBenchClients::close()
{
    for (Client &client : m_clients) {
        if (client.socket) {
            client.socket->disconnect(this);
            client.socket->abort();
        }
    }
    m_clients.clear();
}

bool RealtimeBenchClients::joinAll(int count, const QString &topic, const QByteArray &config)
{
    const qint64 target = m_joinReplies + count;
    for (int i = 0; i < count && i < int(m_clients.size()); ++i)
        send(m_clients[size_t(i)], topic, QStringLiteral("phx_join"), config);
    const bool done = waitWhileProgressing([&] { return m_joinReplies >= target || !m_problem.isEmpty(); },
        [&] { return m_joinReplies; }, 30000);
    if (!done && m_problem.isEmpty())
        m_problem = QStringLiteral("joining %1 stalled at %2 of %3 replies")
                        .arg(topic)
                        .arg(count - (target - m_joinReplies))
                        .arg(count);
    return done && m_problem.isEmpty();
}

void RealtimeBenchClients::send(
    Client &client, const QString &topic, const QString &event, const QByteArray &payload)
{
    const QByteArray ref = QByteArray::number(++client.ref);
    client.socket->sendTextMessage(
        QString::fromUtf8("{\"topic\":\"" + topic.toUtf8() + "\",\"event\":\"" + event.toUtf8()
            + "\",\"payload\":" + payload + ",\"ref\":\"" + ref + "\",\"join_ref\":\"" + ref + "\"}"));
}

void RealtimeBenchClients::onText(const QString &text)
{
    const qint64 arrived = nowUs();
    if (text.contains(u"\"event\":\"postgres_changes\"")) {
        const int number = between(text, u"\"body\":\"m", u'"').toInt();
        ++m_changes[number];
        const QDateTime committed = QDateTime::fromString(
            between(text, u"\"commit_timestamp\":\"", u'"').toString(), Qt::ISODateWithMs);
        m_fromCommit.push_back(double(arrived - committed.toMSecsSinceEpoch() * 1000) / 1000.0);
        m_fromSend.push_back(double(arrived - m_sentAtUs.value(number)) / 1000.0);
    } else if (text.contains(u"\"event\":\"broadcast\"")) {
        ++m_broadcasts;
    } else if (text.contains(u"\"event\":\"phx_reply\"")) {
        const bool ok = text.contains(u"\"status\":\"ok\"");
        if (text.contains(u"\"topic\":\"phoenix\""))
            m_heartbeatReplies += ok ? 1 : 0;
        else if (ok)
            ++m_joinReplies;
        else if (m_problem.isEmpty())
            m_problem = QStringLiteral("the server refused: ") + text.left(300);
    }
}
