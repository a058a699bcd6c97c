// SPDX-License-Identifier: GPL-3.0-or-later
// Server: serves a project over HTTP on one address and port.
#include "server.h"

#include "apierror.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMetaEnum>
#include <QTcpServer>

namespace Runtime {

/** Adapts QAbstractHttpServer to the Router: converts each parsed request to an HttpRequest, dispatches
    it and writes the HttpResponse. Owning the dispatch (rather than QHttpServer's router) is what lets
    Basalt answer 405 with an Allow header, which QHttpServer 6.4 cannot. Owned by its Server. */
class HttpTransport : public QAbstractHttpServer
{
    Q_OBJECT

public:
    HttpTransport(const Router &router, const ServerConfig &config)
        : m_router(router)
        , m_config(config)
    {
    }

    QTcpServer *tcpServer() const { return servers().isEmpty() ? nullptr : servers().constFirst(); }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        const HttpRequest converted = convert(request);
        QHttpServerResponder responder = makeResponder(request, socket);
        write(responder, m_router.dispatch(converted, m_config), converted.method != "HEAD");
        return true;
    }

    // Reached only for WebSocket upgrades, which nothing accepts yet.
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        QHttpServerResponder responder = makeResponder(request, socket);
        write(responder, errorResponse(Error(ErrorCode::NotFound, QStringLiteral("Nothing is served here."))),
            true);
    }

private:
    static HttpRequest convert(const QHttpServerRequest &request)
    {
        const QMetaEnum methods = QMetaEnum::fromType<QHttpServerRequest::Method>();
        const char *name = methods.valueToKey(int(request.method()));
        HttpRequest converted;
        converted.method = name ? QByteArray(name).toUpper() : QByteArrayLiteral("UNKNOWN");
        converted.path = request.url().path(QUrl::FullyEncoded);
        converted.query = request.query();
        converted.headers = request.headers();
        converted.body = request.body();
        return converted;
    }

    static void write(QHttpServerResponder &responder, const HttpResponse &response, bool withBody)
    {
        responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
        for (const auto &[name, value] : response.headers)
            responder.writeHeader(name, value);
        responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(response.body.size()));
        responder.writeBody(withBody ? response.body : QByteArray());
    }

    const Router &m_router;
    const ServerConfig &m_config;
};

Server::Server(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    Q_ASSERT(m_config.project);
    registerRoutes(m_router);
}

Server::~Server() = default;

Result<void> Server::listen(const QHostAddress &address, quint16 port)
{
    close();
    auto tcpServer = std::make_unique<QTcpServer>();
    if (!tcpServer->listen(address, port)) {
        return Error(ErrorCode::ServerListenFailed,
            tr("Cannot listen on %1 port %2: %3")
                .arg(address.toString())
                .arg(port)
                .arg(tcpServer->errorString()));
    }
    m_transport = std::make_unique<HttpTransport>(m_router, m_config);
    m_transport->bind(tcpServer.release()); // the transport now parents the QTcpServer
    return {};
}

void Server::close()
{
    // Open connections end with the transport; a request in progress is answered first because
    // requests are handled synchronously on this thread.
    m_transport.reset();
}

bool Server::isListening() const
{
    return m_transport && m_transport->tcpServer() && m_transport->tcpServer()->isListening();
}

QHostAddress Server::address() const
{
    return isListening() ? m_transport->tcpServer()->serverAddress() : QHostAddress();
}

quint16 Server::port() const
{
    return isListening() ? m_transport->tcpServer()->serverPort() : 0;
}

QUrl Server::url() const
{
    if (!isListening())
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(address().toString());
    url.setPort(port());
    return url;
}

} // namespace Runtime

#include "server.moc"
