// SPDX-License-Identifier: GPL-3.0-or-later
// UnixSignalWatcher: turns SIGINT/SIGTERM into a Qt signal, so shutdown runs in the event loop.
#pragma once

#include <QList>
#include <QObject>

class QSocketNotifier;

namespace BasaltServer {

/** Catches the given Unix signals and emits signalReceived() from the event loop (the self-pipe trick:
    the handler only writes to a socket, the only async-signal-safe thing it may do). One instance per
    process; it restores the default handlers when destroyed. Lives on the stack in main(). */
class UnixSignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit UnixSignalWatcher(const QList<int> &signalNumbers, QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

signals:
    void signalReceived(int signalNumber);

private:
    void readSignal();

    QList<int> m_signalNumbers;
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace BasaltServer
