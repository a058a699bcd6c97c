// SPDX-License-Identifier: GPL-3.0-or-later
// Server: serves a project over HTTP on one address and port.
#pragma once

#include "core/result.h"
#include "router.h"
#include "serverconfig.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <memory>

namespace Runtime {

class HttpTransport;

/** The runtime's HTTP server for one project. It is given its own copy of the project and the database
    settings (ServerConfig), wires its routes with registerRoutes() and answers requests until it is
    closed or destroyed. Lives on the stack in basalt-server's main() or is owned by whoever runs a
    project (the designer's run panel). Requests are answered on the thread the Server lives in.
    TODO(#3): one transport per worker thread on a shared SO_REUSEPORT port, with body and header
    limits and timeouts enforced at the socket. */
class Server : public QObject
{
    Q_OBJECT

public:
    explicit Server(ServerConfig config, QObject *parent = nullptr);
    ~Server() override;

    /** Starts listening on \a address and \a port; port 0 picks a free port (see port()).
        Returns ServerListenFailed with the operating system's reason on failure. */
    Result<void> listen(const QHostAddress &address, quint16 port);
    /** Stops accepting connections. */
    void close();

    bool isListening() const;
    /** Returns the address listened on, or a null address when not listening. */
    QHostAddress address() const;
    /** Returns the port actually listened on, or 0 when not listening. */
    quint16 port() const;
    /** Returns the base URL, e.g. "http://127.0.0.1:8765", or an empty URL when not listening. */
    QUrl url() const;

    const ServerConfig &config() const { return m_config; }
    const Router &router() const { return m_router; }

private:
    ServerConfig m_config;
    Router m_router;
    std::unique_ptr<HttpTransport> m_transport;
};

} // namespace Runtime
