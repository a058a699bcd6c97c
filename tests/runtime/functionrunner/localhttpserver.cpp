// SPDX-License-Identifier: GPL-3.0-or-later
// A small HTTP/1.1 server on loopback, in a thread of its own, for the tests of http.fetch().
#include "localhttpserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>

namespace {

QByteArray response(int status, const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n" + extraHeaders + "Connection: close\r\n\r\n" + body;
}

QByteArray header(const QByteArray &head, const QByteArray &name)
{
    for (const QByteArray &line : head.split('\n')) {
        if (line.toLower().startsWith(QByteArray(name.toLower() + ':')))
            return line.mid(name.size() + 1).trimmed();
    }
    return {};
}

// Answers one complete request; returns false if the request is still incomplete.
bool answer(QTcpSocket *socket, const QByteArray &data)
{
    const qsizetype end = data.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QByteArray head = data.left(end);
    const QByteArray body = data.mid(end + 4);
    if (body.size() < header(head, "Content-Length").toInt())
        return false;
    const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
    const QByteArray method = requestLine.value(0);
    const QByteArray path = requestLine.value(1);
    if (path == "/ok") {
        socket->write(
            response(200, R"({"hello":"world"})", "Content-Type: application/json\r\nX-Test: yes\r\n"));
    } else if (path == "/echo") {
        const QJsonObject echo {{QStringLiteral("method"), QString::fromLatin1(method)},
            {QStringLiteral("contentType"), QString::fromLatin1(header(head, "Content-Type"))},
            {QStringLiteral("auth"), QString::fromLatin1(header(head, "Authorization"))},
            {QStringLiteral("body"), QString::fromUtf8(body)}};
        socket->write(response(200, QJsonDocument(echo).toJson(QJsonDocument::Compact)));
    } else if (path == "/slow") {
        return true; // never answers
    } else if (path == "/big") {
        socket->write(response(200, QByteArray(6 * 1024 * 1024, 'b')));
    } else if (path.startsWith("/redirect/")) {
        const int n = path.mid(10).toInt();
        socket->write(n == 0
                ? response(200, "done")
                : response(302, {}, "Location: /redirect/" + QByteArray::number(n - 1) + "\r\n"));
    } else {
        socket->write(response(404, "not found"));
    }
    socket->disconnectFromHost();
    return true;
}

} // namespace

LocalHttpServer::LocalHttpServer()
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
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, buffer] {
                    *buffer += socket->readAll();
                    answer(socket, *buffer);
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        listening.release();
    });
    m_thread.start();
    listening.acquire();
}

LocalHttpServer::~LocalHttpServer()
{
    m_thread.quit();
    m_thread.wait();
    delete m_server; // and its sockets, its children
}

QUrl LocalHttpServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
}
