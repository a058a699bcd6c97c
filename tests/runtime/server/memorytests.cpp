// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of basalt-server against clients that try to make it hold memory: bodies past the limit, responses never read.
#include "tst_server.h"

#include "testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <memory>

namespace {
constexpr qint64 s_mebibyte = 1024 * 1024;

/** Returns the field \a name ("VmRSS", "VmHWM": resident now, resident at its peak) of process \a pid's
    /proc status, in bytes; -1 if it cannot be read. */
qint64 processMemory(qint64 pid, const QByteArray &name)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(name + ':')))
            return line.mid(name.size() + 1).trimmed().split(' ').constFirst().toLongLong() * 1024;
    }
    return -1;
}

/** A blocking client socket of the operating system's own, without Qt: it reads only when told to, so
    it can play a client that never reads what the server sends. Sends give up after 10 s. */
class PlainClient
{
public:
    ~PlainClient()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool open(const QUrl &url)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        const timeval timeout {10, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(quint16(url.port()));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return ::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
    }

    /** Returns true if all of \a bytes were handed to the system. */
    bool send(const QByteArray &bytes)
    {
        for (qsizetype sent = 0; sent < bytes.size();) {
            const ssize_t n = ::send(m_fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += n;
        }
        return true;
    }

    /** Reads and drops whatever arrives until the server ends the connection (end of stream or a reset);
        returns the number of bytes read, or -1 if the connection was still open after \a timeoutMs. */
    qint64 drainUntilClosed(int timeoutMs)
    {
        const timeval timeout {0, 100 * 1000};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        QElapsedTimer timer;
        timer.start();
        char buffer[65536];
        qint64 received = 0;
        while (timer.elapsed() < timeoutMs) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
                return received;
            received += qMax<ssize_t>(n, 0);
        }
        return -1;
    }

private:
    int m_fd = -1;
};

QByteArray listRequest()
{
    return "GET /rest/v1/authors HTTP/1.1\r\nHost: test\r\n" + TestSupport::serviceKeyHeaderLines() + "\r\n";
}

/** Starts \a server on the library fixture with a fresh SQLite file in \a dir and a 2 s idle timeout. */
bool startMemoryServer(ServerProcess &server, const QString &project, const QTemporaryDir &dir)
{
    return server.start(serveArguments(project, QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("m.sqlite")))
        + QStringList {QStringLiteral("--idle-timeout"), QStringLiteral("2"), QStringLiteral("--threads"),
            QStringLiteral("2")});
}
} // namespace

// A chunked body sent without end: once it passes the 1 MiB body limit the server answers 413, stops
// reading (what is still on its way is dropped, a few MiB at most) and closes the connection. Its
// resident size at its peak grows by a few MiB, not by what was sent (before: one to one, 1.5 GB).
void tst_Server::chunkedFloodIsNotBuffered()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ServerProcess server;
    QVERIFY2(startMemoryServer(server, fixture(QStringLiteral("library.basalt")), dir),
        qPrintable(server.standardError()));
    const qint64 peakBefore = processMemory(server.processId(), "VmHWM");
    QVERIFY(peakBefore > 0);

    PlainClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.send("POST /health HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"));
    const QByteArray chunk = QByteArray::number(s_mebibyte, 16) + "\r\n" + QByteArray(s_mebibyte, 'x') + "\r\n";
    qint64 sent = 0;
    while (sent < 512 * s_mebibyte && client.send(chunk))
        sent += s_mebibyte;
    QVERIFY2(sent < 64 * s_mebibyte, qPrintable(QStringLiteral("the server took %1 MiB").arg(sent / s_mebibyte)));
    QVERIFY(client.drainUntilClosed(10000) >= 0);

    const qint64 growth = processMemory(server.processId(), "VmHWM") - peakBefore;
    QVERIFY2(growth < 32 * s_mebibyte,
        qPrintable(QStringLiteral("peak resident size grew by %1 MiB").arg(growth / s_mebibyte)));
    QCOMPARE(httpRequest("GET", healthUrl(server)).status, 200);
    QCOMPARE(server.stop(SIGTERM), 0);
}

// Two clients each pipeline 100 requests for a list of about 1 MB and read nothing. The server parses a
// connection's next request only while little of its output waits unsent, so its resident size stays
// bounded (before: 30 MB → 443 MB, held as long as the connection); and a client that reads nothing for
// the idle timeout (2 s here) is disconnected.
void tst_Server::unreadResponsesAreBounded()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ServerProcess server;
    QVERIFY2(startMemoryServer(server, fixture(QStringLiteral("library.basalt")), dir),
        qPrintable(server.standardError()));
    QCOMPARE(executeSql(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("m.sqlite")),
                 QStringLiteral("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000) "
                                "INSERT INTO authors (name) SELECT printf('%0500d', x) FROM n")),
        QString());
    // Warm up (the first list prepares its statement and caches); the peak is measured from here.
    QCOMPARE(httpRequest("GET", server.url().resolved(QUrl(QStringLiteral("/rest/v1/authors?limit=1")))).status,
        200);
    const qint64 peakBefore = processMemory(server.processId(), "VmHWM");
    QVERIFY(peakBefore > 0);

    QByteArray pipelined;
    for (int i = 0; i < 100; ++i)
        pipelined += listRequest();
    std::vector<std::unique_ptr<PlainClient>> clients;
    for (int i = 0; i < 2; ++i) {
        clients.push_back(std::make_unique<PlainClient>());
        QVERIFY(clients.back()->open(server.url()));
        QVERIFY(clients.back()->send(pipelined));
    }
    // Long enough for the server to answer all 200 if nothing held it back (a few ms each).
    QTest::qSleep(3000);
    const qint64 growth = processMemory(server.processId(), "VmHWM") - peakBefore;
    QVERIFY2(growth < 64 * s_mebibyte,
        qPrintable(QStringLiteral("peak resident size grew by %1 MiB").arg(growth / s_mebibyte)));
    // Reset by the server after 2 s without reads: only what the kernel's buffers held arrives, not 100 MB.
    for (const auto &client : clients) {
        const qint64 received = client->drainUntilClosed(30000);
        QVERIFY(received >= 0);
        QVERIFY2(received < 40 * s_mebibyte,
            qPrintable(QStringLiteral("%1 MiB arrived: the server kept the connection").arg(received / s_mebibyte)));
    }
    QCOMPARE(httpRequest("GET", healthUrl(server)).status, 200);
    QCOMPARE(server.stop(SIGTERM), 0);
}
