// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeEndpoint: one request thread's realtime sockets: upgrades them and fans messages out to their
// channels.
#include "realtimeendpoint.h"

#include "changeaudience.h"
#include "http/dataapicall.h"
#include "http/requestcontext.h"
#include "http/serverconfig.h"
#include "realtimeauth.h"
#include "realtimechannel.h"
#include "realtimeconnection.h"
#include "rules/channelpolicy.h"

#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

namespace Runtime {

RealtimeEndpoint::RealtimeEndpoint(const ServerConfig &config, std::function<void()> refresh,
    std::function<RecordStore *()> store, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_refresh(std::move(refresh))
    , m_store(std::move(store))
    , m_hub(config.realtimeHub)
    , m_server(new QWebSocketServer(QStringLiteral("basalt"), QWebSocketServer::NonSecureMode, this))
{
    Q_ASSERT(m_hub);
    m_hub->addEndpoint(this);
    connect(m_server, &QWebSocketServer::newConnection, this, &RealtimeEndpoint::acceptWebSockets);
}

RealtimeEndpoint::~RealtimeEndpoint()
{
    stop();
    m_hub->removeEndpoint(this);
}

void RealtimeEndpoint::adopt(QTcpSocket *socket)
{
    // QtWebSockets peeks the handshake from the socket's buffer and answers it (101), on this thread.
    m_server->handleConnection(socket);
}

void RealtimeEndpoint::acceptWebSockets()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        // The key was checked before the upgrade; read again here, where the socket is known.
        HttpRequest request;
        const QUrl url = socket->requestUrl();
        request.query = QUrlQuery(url);
        const QNetworkRequest handshake = socket->request();
        for (const QByteArray &name : handshake.rawHeaderList())
            request.headers.append({name, handshake.rawHeader(name)});
        Result<RealtimeIdentity> identity
            = RealtimeAuth::identify(RealtimeAuth::requestToken(request), m_config);
        const QString vsn = request.query.queryItemValue(QStringLiteral("vsn"));
        if (!identity || (!vsn.isEmpty() && vsn != QLatin1String("1.0.0") && vsn != QLatin1String("2.0.0"))) {
            socket->setParent(this);
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(2000, socket, &QWebSocket::abort); // if the client does not answer the close
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                identity ? QStringLiteral("unsupported vsn: use 1.0.0 or 2.0.0")
                         : identity.error().message.left(100));
            continue;
        }
        const RealtimeProtocol protocol
            = vsn == QLatin1String("2.0.0") ? RealtimeProtocol::V2 : RealtimeProtocol::V1;
        auto *connection = new RealtimeConnection(socket, std::move(identity).value(), protocol, *this);
        m_connections.insert(connection);
        m_hub->countSocket(+1);
        connect(connection, &QObject::destroyed, this, [this, connection] {
            m_connections.remove(connection);
            m_hub->countSocket(-1);
        });
    }
}

void RealtimeEndpoint::stop()
{
    const QSet<RealtimeConnection *> connections = m_connections;
    for (RealtimeConnection *connection : connections)
        connection->closeNow();
    // Deleted now: their channels leave the hub while this endpoint is still registered with it.
    m_connections.clear();
    qDeleteAll(connections);
}

void RealtimeEndpoint::refresh()
{
    if (m_refresh)
        m_refresh();
}

ChangeAudience &RealtimeEndpoint::audience()
{
    if (!m_audience || &m_audience->project() != m_config.project.get())
        m_audience = std::make_unique<ChangeAudience>(m_config.project, m_config.database.engine,
            [this](const Table &table, const QJsonValue &key, const Caller &caller) {
                // One read of the row by its key, with the subscriber's rules, on this thread's connection.
                RecordStore *store = m_store ? m_store() : nullptr;
                const Field *pk = table.primaryKey();
                if (!store || !pk)
                    return false;
                const QString value = key.isString() ? key.toString() : QString::number(key.toDouble(), 'g', 17);
                DataApiCall call;
                call.table = table.name;
                call.query = "select=" + QUrl::toPercentEncoding(pk->name) + '&' + QUrl::toPercentEncoding(pk->name)
                    + "=eq." + QUrl::toPercentEncoding(value);
                const QJsonObject answer = callDataApi(call, m_config, *store, caller);
                return answer.value(QStringLiteral("status")).toInt() == 200
                    && answer.value(QStringLiteral("dataJson")).toString().startsWith(QLatin1String("[{"));
            });
    return *m_audience;
}

const ChannelPolicy &RealtimeEndpoint::channelPolicy()
{
    if (!m_channelPolicy || m_policyProject != m_config.project) {
        Result<std::shared_ptr<const ChannelPolicy>> compiled = ChannelPolicy::compile(*m_config.project);
        if (!compiled) // a validated project compiles; else no private channel is open to anyone
            qWarning("realtime: the channel rules do not compile: %s", qPrintable(compiled.error().message));
        m_channelPolicy = compiled ? *compiled : std::make_shared<const ChannelPolicy>();
        m_policyProject = m_config.project;
    }
    return *m_channelPolicy;
}

void RealtimeEndpoint::addToTopic(const QString &topic, RealtimeConnection *connection)
{
    m_topics[topic].insert(connection);
}

void RealtimeEndpoint::removeFromTopic(const QString &topic, RealtimeConnection *connection)
{
    const auto found = m_topics.find(topic);
    if (found == m_topics.end())
        return;
    found->remove(connection);
    if (found->isEmpty())
        m_topics.erase(found);
}

void RealtimeEndpoint::watchChanges(RealtimeConnection *connection, int delta)
{
    int &count = m_changeBindings[connection];
    count += delta;
    if (count <= 0)
        m_changeBindings.remove(connection);
    m_hub->watchChanges(this, delta);
}

void RealtimeEndpoint::reportWithheld(const RealtimeChannel &channel, const Table &table,
    const RecordChange &change, const QList<qint64> &bindingIds)
{
    const bool deleted = change.operation == RecordOperation::Delete;
    WithheldChange withheld = WithheldChange::explain(*m_config.project, m_config.database.engine, table,
        deleted ? change.oldRow : change.newRow, channel.identity.caller, !deleted);
    withheld.bindingIds = bindingIds;
    withheld.topic = channel.topic;
    withheld.table = table.name;
    withheld.operation = change.operation;
    withheld.key = change.key;
    m_hub->reportWithheld(withheld);
}

void RealtimeEndpoint::deliver(const std::shared_ptr<const TopicMessage> &message)
{
    const auto found = m_topics.constFind(message->topic);
    if (found == m_topics.cend())
        return;
    EncodedTopicMessage encoded {*message, {}, {}, {}};
    const QSet<RealtimeConnection *> connections = *found; // a send may close a socket
    for (RealtimeConnection *connection : connections)
        connection->deliver(encoded);
}

void RealtimeEndpoint::deliverChanges(const QList<RecordChange> &changes)
{
    if (m_changeBindings.isEmpty())
        return;
    refresh();
    ChangeAudience &current = audience();
    const QList<RealtimeConnection *> connections = m_changeBindings.keys();
    for (RealtimeConnection *connection : connections)
        connection->deliverChanges(changes, current);
}

} // namespace Runtime
