// SPDX-License-Identifier: GPL-3.0-or-later
// Listening sockets that share one port (SO_REUSEPORT), one per request thread.
#include "listeningsockets.h"

#include <QCoreApplication>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Runtime {

namespace {
class Sockets
{
    Q_DECLARE_TR_FUNCTIONS(Server)

public:
    // Fills \a storage with \a address and \a port; returns the address length, or 0 if unsupported.
    static socklen_t socketAddress(const QHostAddress &address, quint16 port, sockaddr_storage &storage)
    {
        std::memset(&storage, 0, sizeof storage);
        if (address.protocol() == QAbstractSocket::IPv4Protocol) {
            auto *ipv4 = reinterpret_cast<sockaddr_in *>(&storage);
            ipv4->sin_family = AF_INET;
            ipv4->sin_port = htons(port);
            ipv4->sin_addr.s_addr = htonl(address.toIPv4Address());
            return sizeof(sockaddr_in);
        }
        auto *ipv6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        ipv6->sin6_family = AF_INET6;
        ipv6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address(); // "Any" (dual stack) gives ::
        std::memcpy(&ipv6->sin6_addr, &bytes, sizeof bytes);
        return sizeof(sockaddr_in6);
    }

    // Binds one socket to \a address:\a port; listens unless \a probeOnly. Returns the descriptor or -errno.
    static int bindSocket(const QHostAddress &address, quint16 port, bool reusePort, bool probeOnly)
    {
        sockaddr_storage storage;
        const socklen_t length = socketAddress(address, port, storage);
        const int fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return -errno;
        const int on = 1;
        const int off = 0;
        // SO_REUSEADDR as Qt sets it: a restarted server may bind while old connections are in TIME_WAIT.
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
        if (reusePort)
            ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on);
        if (address.protocol() == QAbstractSocket::AnyIPProtocol)
            ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
        if (::bind(fd, reinterpret_cast<sockaddr *>(&storage), length) != 0
            || (!probeOnly && ::listen(fd, SOMAXCONN) != 0)) {
            const int error = errno;
            ::close(fd);
            return -error;
        }
        return fd;
    }

    static quint16 boundPort(int fd)
    {
        sockaddr_storage storage;
        socklen_t length = sizeof storage;
        if (::getsockname(fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0)
            return 0;
        if (storage.ss_family == AF_INET)
            return ntohs(reinterpret_cast<sockaddr_in *>(&storage)->sin_port);
        return ntohs(reinterpret_cast<sockaddr_in6 *>(&storage)->sin6_port);
    }

    static Error failure(const QHostAddress &address, quint16 port, int error)
    {
        return Error(ErrorCode::ServerListenFailed,
            tr("Cannot listen on %1 port %2: %3")
                .arg(address.toString())
                .arg(port)
                .arg(QString::fromLocal8Bit(std::strerror(error))));
    }
};
} // namespace

Result<ListeningSockets> openListeningSockets(const QHostAddress &address, quint16 port, int count)
{
    if (port != 0) {
        const int probe = Sockets::bindSocket(address, port, false, true);
        if (probe < 0)
            return Sockets::failure(address, port, -probe);
        ::close(probe);
    }
    QList<qintptr> sockets;
    for (int i = 0; i < count; ++i) {
        const int fd = Sockets::bindSocket(address, port, true, false);
        if (fd < 0) {
            for (qintptr open : sockets)
                ::close(int(open));
            return Sockets::failure(address, port, -fd);
        }
        if (port == 0)
            port = Sockets::boundPort(fd);
        sockets.append(fd);
    }
    return ListeningSockets {sockets, port};
}

} // namespace Runtime
