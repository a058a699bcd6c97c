// SPDX-License-Identifier: GPL-3.0-or-later
// Console output of basalt-server: results on stdout, messages on stderr, both flushed at once.
#pragma once

#include <QString>
#include <QTextStream>

namespace BasaltServer {

/** Writes \a text and a newline to stdout and flushes, so a parent process sees it at once. */
inline void printOutput(const QString &text)
{
    QTextStream out(stdout);
    out << text << Qt::endl;
}

/** Writes \a text and a newline to stderr. */
inline void printMessage(const QString &text)
{
    QTextStream err(stderr);
    err << text << Qt::endl;
}

} // namespace BasaltServer
