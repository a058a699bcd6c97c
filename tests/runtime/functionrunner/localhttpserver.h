// SPDX-License-Identifier: GPL-3.0-or-later
// A small HTTP/1.1 server on loopback, in a thread of its own, for the tests of http.fetch().
#pragma once

#include <QThread>
#include <QUrl>

class QTcpServer;

/** Answers on 127.0.0.1 from its own thread (the thread under test blocks in http.fetch()):
    /ok (JSON and an X-Test header), /echo (method, content type and body as JSON), /slow (never answers),
    /big (6 MB), /redirect/<n> (302 to /redirect/<n-1>; /redirect/0 answers "done"), anything else 404. */
class LocalHttpServer
{
public:
    LocalHttpServer();
    ~LocalHttpServer();
    QUrl url(const QString &path) const;

private:
    QThread m_thread;
    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
};
