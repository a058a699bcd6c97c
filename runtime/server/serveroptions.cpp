// SPDX-License-Identifier: GPL-3.0-or-later
// ServerOptions: basalt-server's command line, parsed and checked.
#include "serveroptions.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

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
    {
        parser.setApplicationDescription(tr("Serves a Basalt project: migrates its database to the project's "
                                            "schema, then answers HTTP requests until stopped."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({project, db, host, port, allowDestructive});
    }

    Runtime::Result<ServerOptions> read(const QCommandLineParser &parser) const;

    static Runtime::Error invalid(const QString &message)
    {
        return Runtime::Error(Runtime::ErrorCode::InvalidArgument, message);
    }

    QCommandLineOption project;
    QCommandLineOption db;
    QCommandLineOption host;
    QCommandLineOption port;
    QCommandLineOption allowDestructive;
};

Runtime::Result<ServerOptions> Options::read(const QCommandLineParser &parser) const
{
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
