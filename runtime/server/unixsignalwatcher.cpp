// SPDX-License-Identifier: GPL-3.0-or-later
// UnixSignalWatcher: turns SIGINT/SIGTERM into a Qt signal, so shutdown runs in the event loop.
#include "unixsignalwatcher.h"

#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace BasaltServer {

namespace {
int s_sockets[2] = {-1, -1};

void handleSignal(int signalNumber)
{
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    [[maybe_unused]] const ssize_t written = ::write(s_sockets[0], &byte, 1);
}
} // namespace

UnixSignalWatcher::UnixSignalWatcher(const QList<int> &signalNumbers, QObject *parent)
    : QObject(parent)
    , m_signalNumbers(signalNumbers)
{
    Q_ASSERT(s_sockets[0] == -1); // one watcher per process
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_sockets) != 0) {
        qWarning("UnixSignalWatcher: socketpair failed; signals keep their default action");
        s_sockets[0] = s_sockets[1] = -1;
        return;
    }
    m_notifier = new QSocketNotifier(s_sockets[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &UnixSignalWatcher::readSignal);

    struct sigaction action = {};
    action.sa_handler = &handleSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int signalNumber : m_signalNumbers)
        ::sigaction(signalNumber, &action, nullptr);
}

UnixSignalWatcher::~UnixSignalWatcher()
{
    if (s_sockets[0] == -1)
        return;
    for (int signalNumber : m_signalNumbers)
        ::signal(signalNumber, SIG_DFL);
    m_notifier->setEnabled(false);
    ::close(s_sockets[0]);
    ::close(s_sockets[1]);
    s_sockets[0] = s_sockets[1] = -1;
}

void UnixSignalWatcher::readSignal()
{
    unsigned char byte = 0;
    if (::read(s_sockets[1], &byte, 1) == 1)
        emit signalReceived(int(byte));
}

} // namespace BasaltServer
