// SPDX-License-Identifier: GPL-3.0-or-later
// ServerOptions: basalt-server's command line, parsed and checked.
#include "serveroptions.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <optional>

namespace BasaltServer {

namespace {
class Options
{
    Q_DECLARE_TR_FUNCTIONS(ServerOptions)

public:
    explicit Options(QCommandLineParser &parser)
        : project({QStringLiteral("project")}, tr("The project file (.basalt) to serve."), tr("FILE"))
        , db({QStringLiteral("db")},
              tr("The database: sqlite:PATH or postgresql://user:password@host:port/name. "
                 "Default: an SQLite file next to the project, named after it."),
              tr("URL"))
        , host({QStringLiteral("host")}, tr("The address to listen on (default: 127.0.0.1)."), tr("ADDRESS"),
              QStringLiteral("127.0.0.1"))
        , port({QStringLiteral("port")}, tr("The port to listen on (default: 8765); 0 picks a free port."),
              tr("PORT"), QStringLiteral("8765"))
        , allowDestructive({QStringLiteral("allow-destructive")},
              tr("Apply schema changes that lose data (dropped tables or columns, narrowed types)."))
        , threads({QStringLiteral("threads")},
              tr("The number of request threads (default: one per core, at least 2)."), tr("N"))
        , idleTimeout({QStringLiteral("idle-timeout")},
              tr("Close keep-alive connections idle for this many seconds (default: 30)."), tr("SECONDS"),
              QStringLiteral("30"))
        , requestTimeout({QStringLiteral("request-timeout")},
              tr("Answer 408 to requests not received completely within this many seconds (default: 30)."),
              tr("SECONDS"), QStringLiteral("30"))
    {
        parser.setApplicationDescription(tr("Serves a Basalt project: migrates its database to the project's "
                                            "schema, then answers HTTP requests until stopped."));
        parser.addPositionalArgument(QStringLiteral("command"),
            tr("keys: print the project's anon and service_role keys and exit (only --project applies)."),
            QStringLiteral("[keys]"));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({project, db, host, port, allowDestructive, threads, idleTimeout, requestTimeout});
    }

    Runtime::Result<ServerOptions> read(const QCommandLineParser &parser) const;
    Runtime::Result<ServerOptions> readKeys(const QCommandLineParser &parser) const;
    Runtime::Result<void> readServing(const QCommandLineParser &parser, ServerOptions &options) const;

    // Returns the value of \a option as a number from \a minimum to \a maximum, or nothing.
    static std::optional<int> number(
        const QCommandLineParser &parser, const QCommandLineOption &option, int minimum, int maximum)
    {
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        return ok && value >= minimum && value <= maximum ? std::optional<int>(value) : std::nullopt;
    }

    static Runtime::Error invalid(const QString &message)
    {
        return Runtime::Error(Runtime::ErrorCode::InvalidArgument, message);
    }

    QCommandLineOption project;
    QCommandLineOption db;
    QCommandLineOption host;
    QCommandLineOption port;
    QCommandLineOption allowDestructive;
    QCommandLineOption threads;
    QCommandLineOption idleTimeout;
    QCommandLineOption requestTimeout;
};

Runtime::Result<void> Options::readServing(const QCommandLineParser &parser, ServerOptions &options) const
{
    if (parser.isSet(threads)) {
        const std::optional<int> count = number(parser, threads, 1, 256);
        if (!count)
            return invalid(
                tr("--threads needs a number from 1 to 256, not \"%1\".").arg(parser.value(threads)));
        options.threads = *count;
    }
    const std::optional<int> idle = number(parser, idleTimeout, 1, 86400);
    if (!idle)
        return invalid(tr("--idle-timeout needs a number of seconds from 1 to 86400, not \"%1\".")
                           .arg(parser.value(idleTimeout)));
    const std::optional<int> request = number(parser, requestTimeout, 1, 86400);
    if (!request)
        return invalid(tr("--request-timeout needs a number of seconds from 1 to 86400, not \"%1\".")
                           .arg(parser.value(requestTimeout)));
    options.idleTimeoutSeconds = *idle;
    options.requestTimeoutSeconds = *request;
    return {};
}

Runtime::Result<ServerOptions> Options::readKeys(const QCommandLineParser &parser) const
{
    if (parser.positionalArguments().size() > 1)
        return invalid(tr("Unexpected argument: %1").arg(parser.positionalArguments().at(1)));
    // The serving options would be ignored; refusing them tells the user so.
    for (const QCommandLineOption *option : {&db, &host, &port, &allowDestructive, &threads,
             &idleTimeout, &requestTimeout}) {
        if (parser.isSet(*option))
            return invalid(tr("keys takes only --project, not --%1.").arg(option->names().constFirst()));
    }
    ServerOptions options;
    options.command = ServerOptions::Command::Keys;
    options.projectFile = parser.value(project);
    if (options.projectFile.isEmpty())
        return invalid(tr("No project given: use --project FILE."));
    return options;
}

Runtime::Result<ServerOptions> Options::read(const QCommandLineParser &parser) const
{
    if (parser.positionalArguments().value(0) == QLatin1String("keys"))
        return readKeys(parser);
    if (!parser.positionalArguments().isEmpty())
        return invalid(tr("Unexpected argument: %1").arg(parser.positionalArguments().constFirst()));
    ServerOptions options;
    options.projectFile = parser.value(project);
    if (options.projectFile.isEmpty())
        return invalid(tr("No project given: use --project FILE."));

    const QString hostText = parser.value(host);
    options.host = hostText == QLatin1String("localhost") ? QHostAddress(QHostAddress::LocalHost)
                                                          : QHostAddress(hostText);
    if (options.host.isNull())
        return invalid(tr("--host needs an IP address such as 127.0.0.1 or ::1, not \"%1\".").arg(hostText));

    bool ok = false;
    const uint portNumber = parser.value(port).toUInt(&ok);
    if (!ok || portNumber > 65535)
        return invalid(tr("--port needs a number from 0 to 65535, not \"%1\".").arg(parser.value(port)));
    options.port = quint16(portNumber);

    if (parser.isSet(db)) {
        Runtime::Result<Runtime::DatabaseUrl> url = Runtime::DatabaseUrl::parse(parser.value(db));
        if (!url)
            return invalid(tr("--db: %1").arg(url.error().message));
        options.database = *url;
    } else {
        const QFileInfo file(options.projectFile);
        options.database.engine = Runtime::DatabaseEngine::SQLite;
        options.database.path
            = file.absoluteDir().filePath(file.completeBaseName() + QStringLiteral(".sqlite"));
    }
    options.allowDestructive = parser.isSet(allowDestructive);
    if (Runtime::Result<void> serving = readServing(parser, options); !serving)
        return serving.error();
    return options;
}
} // namespace

Runtime::Result<ServerOptions> parseArguments(QCommandLineParser &parser, const QStringList &arguments)
{
    const Options options(parser);
    if (!parser.parse(arguments))
        return Options::invalid(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    return options.read(parser);
}

} // namespace BasaltServer
