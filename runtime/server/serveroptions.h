// SPDX-License-Identifier: GPL-3.0-or-later
// ServerOptions: basalt-server's command line, parsed and checked.
#pragma once

#include "core/result.h"
#include "storage/database.h"

#include <QCommandLineParser>
#include <QHostAddress>
#include <QString>

namespace BasaltServer {

/** What basalt-server was asked to do. Every value is checked; the database defaults to an SQLite file
    next to the project (`<dir>/<project base name>.sqlite`). */
struct ServerOptions
{
    /** What to do: serve (no subcommand), or `keys`: print the project's API keys and exit. */
    enum class Command { Serve, Keys };

    Command command = Command::Serve;
    QString projectFile;
    Runtime::DatabaseUrl database;
    QHostAddress host;
    quint16 port = 8765;
    bool allowDestructive = false;
    int threads = 0; ///< request threads; 0: one per core (at least 2)
    int idleTimeoutSeconds = 30; ///< keep-alive connections idle this long are closed
    int requestTimeoutSeconds = 30; ///< requests still incomplete this long are answered 408
};

/** Declares the options on \a parser and parses \a arguments (argv, program name first). Prints help or
    the version and exits for --help and --version. Returns InvalidArgument with an explanation for
    anything else wrong; the caller prints it with parser.helpText() and exits with status 2. */
Runtime::Result<ServerOptions> parseArguments(QCommandLineParser &parser, const QStringList &arguments);

} // namespace BasaltServer
