// SPDX-License-Identifier: GPL-3.0-or-later
// HookServer: a loopback HTTP server in its own thread that records what trigger functions send it.
#include "hookserver.h"

#include <QDeadlineTimer>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

namespace {
qsizetype contentLength(const QByteArray &head)
{
    for (const QByteArray &line : head.split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            return line.mid(15).trimmed().toLongLong();
    }
    return 0;
}
} // namespace

HookServer::HookServer()
{
    QSemaphore listening;
    m_server = new QTcpServer;
    m_server->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::started, m_server, [this, &listening] {
        m_server->listen(QHostAddress::LocalHost);
        m_port = m_server->serverPort();
        QObject::connect(m_server, &QTcpServer::newConnection, m_server, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    *buffer += socket->readAll();
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0 || buffer->size() - end - 4 < contentLength(buffer->left(end)))
                        return;
                    const QByteArray path = buffer->left(buffer->indexOf("\r\n")).split(' ').value(1);
                    {
                        QMutexLocker locker(&m_mutex);
                        m_hits.append({path, buffer->mid(end + 4)});
                    }
                    buffer->clear();
                    if (path.startsWith("/hold/") && !m_held.contains(path)) {
                        m_held << path;
                        return;
                    }
                    socket->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
                    socket->disconnectFromHost();
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        listening.release();
    });
    QObject::connect(&m_thread, &QThread::finished, m_server, &QObject::deleteLater);
    m_thread.start();
    listening.acquire();
}

HookServer::~HookServer()
{
    m_thread.quit();
    m_thread.wait();
}

QUrl HookServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
}

QList<HookServer::Hit> HookServer::hits() const
{
    QMutexLocker locker(&m_mutex);
    return m_hits;
}

bool HookServer::waitForHits(int count, int timeoutMs) const
{
    QDeadlineTimer deadline(timeoutMs);
    while (hits().size() < count) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(20);
    }
    return true;
}
