// SPDX-License-Identifier: GPL-3.0-or-later
// Listening sockets that share one port (SO_REUSEPORT), one per request thread.
#pragma once

#include "core/result.h"

#include <QHostAddress>
#include <QList>

namespace Runtime {

/** Listening sockets sharing one port. */
struct ListeningSockets
{
    QList<qintptr> descriptors;
    quint16 port = 0; ///< the port they listen on (the one picked when 0 was asked for)
};

/** Opens \a count listening TCP sockets on \a address and \a port, all with SO_REUSEPORT, so the kernel
    spreads new connections over them (one per request thread). Port 0: the first socket picks a free
    port and the others join it. Before that, the port is bound once without SO_REUSEPORT, so a port
    held by anyone (another basalt-server included) is reported instead of silently shared. Returns
    the descriptors (non-blocking, close-on-exec; each to be handed to QTcpServer::setSocketDescriptor,
    which then owns it), or ServerListenFailed with the system's reason; nothing stays open on failure. */
Result<ListeningSockets> openListeningSockets(const QHostAddress &address, quint16 port, int count);

} // namespace Runtime
