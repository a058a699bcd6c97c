// SPDX-License-Identifier: GPL-3.0-or-later
// basalt-server: reads a project, migrates its database and serves it until SIGINT or SIGTERM; or, with
// `keys`, prints the project's API keys.
#include "auth/apikeys.h"
#include "auth/projectsecret.h"
#include "console.h"
#include "http/server.h"
#include "serveroptions.h"
#include "serverstartup.h"
#include "unixsignalwatcher.h"

#include <QCoreApplication>

#include <csignal>

namespace BasaltServer {

namespace {
class Main
{
    Q_DECLARE_TR_FUNCTIONS(BasaltServer)

public:
    // Prints \a error with its problems, one "path: message" per line, and its detail (the operator's log).
    static void printError(const QString &context, const Runtime::Error &error)
    {
        printMessage(tr("basalt-server: %1: %2").arg(context, error.message));
        for (const Runtime::Problem &problem : error.problems)
            printMessage(QStringLiteral("  ") + problem.toString());
        if (!error.detail.isEmpty())
            printMessage(tr("  (%1)").arg(error.detail));
    }

    // `keys`: validates the project, loads or creates its secret and prints both keys. No database.
    static int printKeys(const ServerOptions &options)
    {
        if (const auto project = loadProject(options.projectFile); !project) {
            printError(tr("cannot read %1").arg(options.projectFile), project.error());
            return 1;
        }
        const Runtime::Result<QByteArray> secret = Runtime::loadProjectSecret(options.projectFile);
        if (!secret) {
            printError(tr("JWT secret"), secret.error());
            return 1;
        }
        // Not translated: scripts read these lines, and the role names are the API's.
        printOutput(QStringLiteral("anon key:         ") + QString::fromLatin1(Runtime::anonKey(*secret)));
        printOutput(
            QStringLiteral("service_role key: ") + QString::fromLatin1(Runtime::serviceRoleKey(*secret)));
        return 0;
    }

    static int run(const ServerOptions &options)
    {
        const auto project = loadProject(options.projectFile);
        if (!project) {
            printError(tr("cannot read %1").arg(options.projectFile), project.error());
            return 1;
        }
        const QString database = options.database.displayString();
        const Runtime::Result<int> version
            = migrateDatabase(**project, options.database, options.allowDestructive);
        if (!version) {
            printError(tr("database %1").arg(database), version.error());
            return 1;
        }

        const Runtime::Result<QByteArray> secret = Runtime::loadProjectSecret(options.projectFile);
        if (!secret) {
            printError(tr("JWT secret"), secret.error());
            return 1;
        }
        Runtime::ServerConfig config {*project, options.database, *version};
        config.jwtSecret = *secret;
        config.functionEnvironment = Runtime::loadFunctionEnvironment(options.projectFile);
        config.threads = options.threads;
        config.limits.idleTimeoutMs = options.idleTimeoutSeconds * 1000;
        config.limits.requestTimeoutMs = options.requestTimeoutSeconds * 1000;
        Runtime::Server server(std::move(config));
        if (const Runtime::Result<void> listening = server.listen(options.host, options.port); !listening) {
            printError(tr("cannot serve"), listening.error());
            return 1;
        }
        UnixSignalWatcher signalWatcher({SIGINT, SIGTERM});
        QObject::connect(&signalWatcher, &UnixSignalWatcher::signalReceived, qApp, [](int) {
            printMessage(tr("Stopping."));
            QCoreApplication::quit();
        });
        printOutput(tr("Serving \"%1\" at %2 (database: %3, schema version %4)")
                        .arg((*project)->name, server.url().toString(), database)
                        .arg(*version));
        printOutput(tr("Data API: %1 (%n request thread(s))", nullptr, server.threadCount())
                        .arg(server.url().resolved(QUrl(QStringLiteral("/rest/v1/"))).toString()));
        printOutput(tr("Auth API: %1").arg(server.url().resolved(QUrl(QStringLiteral("/auth/v1/"))).toString()));
        // The anon key is public (apps ship it); the service key is not printed into server logs.
        printOutput(QStringLiteral("anon key: ") + QString::fromLatin1(Runtime::anonKey(*secret)));
        printOutput(tr("The service_role key: basalt-server keys --project %1").arg(options.projectFile));
        return QCoreApplication::exec();
    }
};
} // namespace

} // namespace BasaltServer

int main(int argc, char *argv[])
{
    // Qt's own event dispatcher rather than GLib's: with thousands of realtime sockets per thread, GLib's
    // preparation and check of every socket on each loop turn doubled the time from a commit to the last of
    // 1,000 subscribers (bench_realtime: p95 96 ms with GLib, 52 ms without, 10,000 sockets open). A server
    // has no desktop main loop to share. An explicit QT_NO_GLIB from the environment still wins.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("basalt-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BASALT_VERSION));

    QCommandLineParser parser;
    const Runtime::Result<BasaltServer::ServerOptions> options
        = BasaltServer::parseArguments(parser, app.arguments());
    if (!options) {
        BasaltServer::printMessage(QStringLiteral("basalt-server: ") + options.error().message);
        BasaltServer::printMessage(parser.helpText());
        return 2;
    }
    if (options->command == BasaltServer::ServerOptions::Command::Keys)
        return BasaltServer::Main::printKeys(*options);
    return BasaltServer::Main::run(*options);
}
