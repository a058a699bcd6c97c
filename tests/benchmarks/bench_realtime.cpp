// SPDX-License-Identifier: GPL-3.0-or-later
// bench_realtime: basalt-server's realtime WebSocket: sockets held open with heartbeats (resident memory),
// the time from a committed insert to its event at each of 1,000 subscribers, and broadcast fan-out to 1,000
// subscribers.
#include "realtimebenchclient.h"
#include "serverprocess.h"
#include "testsupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <memory>
#include <vector>

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

// One table with Realtime on that anyone may read and insert into.
const char s_project[] = R"({
  "formatVersion": 1,
  "name": "Realtime benchmark",
  "tables": [
    {
      "id": "tbl_messages",
      "name": "messages",
      "realtime": true,
      "fields": [
        {"id": "fld_messages_id", "name": "id", "type": "integer", "primaryKey": "autoIncrement"},
        {"id": "fld_messages_room", "name": "room", "type": "text"},
        {"id": "fld_messages_body", "name": "body", "type": "text", "required": true}
      ],
      "permissions": [
        {"id": "perm_messages_select_anon", "role": "anon", "operation": "select"},
        {"id": "perm_messages_insert_anon", "role": "anon", "operation": "insert"}
      ]
    }
  ]
})";

struct Options
{
    int sockets = 10000;
    int subscribers = 1000;
    int inserts = 200;
    int broadcasts = 100;
    int holdSeconds = 75;
    int servers = 1;
    QString databaseUrl;
    QString problem;
};

Options readOptions(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Measures basalt-server's realtime WebSocket."));
    parser.addHelpOption();
    const QCommandLineOption sockets(QStringLiteral("sockets"), QStringLiteral("Sockets held open (10000)."),
        QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption subscribers(QStringLiteral("subscribers"),
        QStringLiteral("Subscribers of the change feed and of the broadcast topic (1000)."),
        QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption inserts(QStringLiteral("inserts"), QStringLiteral("Inserts timed (200)."),
        QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption broadcasts(QStringLiteral("broadcasts"),
        QStringLiteral("Broadcasts sent to the subscribers (100)."), QStringLiteral("n"),
        QStringLiteral("100"));
    const QCommandLineOption hold(QStringLiteral("hold"),
        QStringLiteral("Seconds the sockets are held open with heartbeats (75; the server closes a socket "
                       "silent for 60)."),
        QStringLiteral("s"), QStringLiteral("75"));
    const QCommandLineOption db(QStringLiteral("db"),
        QStringLiteral(
            "Database URL (default: a temporary SQLite file); an empty PostgreSQL database works too."),
        QStringLiteral("url"));
    const QCommandLineOption servers(QStringLiteral("servers"),
        QStringLiteral(
            "basalt-server processes on the database (1, or 2 on PostgreSQL: the sockets alternate "
            "between them, inserts and broadcasts go to the first)."),
        QStringLiteral("n"), QStringLiteral("1"));
    parser.addOptions({sockets, subscribers, inserts, broadcasts, hold, db, servers});
    parser.process(app);
    Options options;
    options.sockets = parser.value(sockets).toInt();
    options.subscribers = parser.value(subscribers).toInt();
    options.inserts = parser.value(inserts).toInt();
    options.broadcasts = parser.value(broadcasts).toInt();
    options.holdSeconds = parser.value(hold).toInt();
    options.databaseUrl = parser.value(db);
    options.servers = parser.value(servers).toInt();
    if (options.sockets < 1 || options.subscribers < 1 || options.subscribers > options.sockets - 1)
        options.problem
            = QStringLiteral("--subscribers must be between 1 and --sockets minus one (the sender)");
    return options;
}

/** Lets this process (and the server it starts, which inherits it) open as many files as the system allows.
 */
rlim_t raiseFileLimit()
{
    rlimit limit {};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
    return limit.rlim_cur;
}

/** Returns VmRSS of process \a pid in KiB, or -1. */
qint64 residentKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

/** Returns the \a q quantile (0..1) of \a sorted. */
double quantile(const std::vector<double> &sorted, double q)
{
    if (sorted.empty())
        return 0;
    return sorted[std::min(sorted.size() - 1, size_t(q * double(sorted.size() - 1) + 0.5))];
}

QString fixed(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

/** Runs the event loop until \a done or \a timeoutMs pass; returns done(). */
template <typename Done> bool waitFor(Done done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return done();
}

/** Inserts message \a number through the data API without blocking the event loop; counts the answer. */
void insertMessage(QNetworkAccessManager &network, const QUrl &server, int number, int &answered, int &failed)
{
    QNetworkRequest request(server.resolved(QUrl(QStringLiteral("/rest/v1/messages"))));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("apikey", TestSupport::anonKey());
    QNetworkReply *reply = network.post(request,
        QByteArrayLiteral("{\"room\":\"bench\",\"body\":\"m") + QByteArray::number(number)
            + QByteArrayLiteral("\"}"));
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, &answered, &failed] {
        ++answered;
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 201)
            ++failed;
        reply->deleteLater();
    });
}

} // namespace

int main(int argc, char *argv[])
{
    // Qt's event dispatcher, as basalt-server uses: GLib's costs the 10,000 client sockets here much more.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    const Options options = readOptions(app);
    if (!options.problem.isEmpty()) {
        std::fprintf(stderr, "bench_realtime: %s\n", qPrintable(options.problem));
        return 2;
    }
    const rlim_t files = raiseFileLimit();
    // Each end of a socket is in its own process (the clients here, the server's in basalt-server).
    if (files < rlim_t(options.sockets) + 100) {
        std::fprintf(stderr, "bench_realtime: %d sockets need %d open files in each process, the limit is %llu\n",
            options.sockets, options.sockets + 100, static_cast<unsigned long long>(files));
        return 2;
    }
    QTemporaryDir dir;
    const QString projectFile = dir.filePath(QStringLiteral("bench.basalt"));
    QFile project(projectFile);
    if (!project.open(QIODevice::WriteOnly) || project.write(s_project) < 0)
        return 1;
    project.close();
    const QString databaseUrl = options.databaseUrl.isEmpty()
        ? QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("bench.sqlite"))
        : options.databaseUrl;
    // One after the other: the first migrates the database, the next finds it migrated.
    std::vector<std::unique_ptr<ServerProcess>> servers;
    QList<QUrl> urls;
    for (int i = 0; i < options.servers; ++i) {
        servers.push_back(std::make_unique<ServerProcess>());
        if (!servers.back()->start({QStringLiteral("--project"), projectFile, QStringLiteral("--db"),
                databaseUrl, QStringLiteral("--port"), QStringLiteral("0")})) {
            std::fprintf(stderr, "bench_realtime: basalt-server did not start:\n%s\n",
                qPrintable(servers.back()->standardError()));
            return 1;
        }
        urls.append(servers.back()->url());
    }
    ServerProcess &server = *servers.front();
    const auto residentKiBAll = [&servers] {
        qint64 total = 0;
        for (const std::unique_ptr<ServerProcess> &each : servers)
            total += residentKiB(each->processId());
        return total;
    };
    out() << "basalt-server realtime, " << QStringLiteral(BASALT_BENCH_BUILD_TYPE) << " build, "
          << (databaseUrl.startsWith(QLatin1String("sqlite:")) ? "SQLite" : "PostgreSQL") << ", "
          << options.servers << (options.servers == 1 ? " server" : " servers (sockets alternate)")
          << ", clients in this process (vsn 1.0.0)" << Qt::endl
          << Qt::endl;

    // 1. Sockets held open: connected, each joined to one of 100 rooms, heartbeats every 25 s.
    const qint64 idleKiB = residentKiBAll();
    RealtimeBenchClients clients(urls, TestSupport::anonKey());
    QElapsedTimer timer;
    timer.start();
    if (!clients.open(
            options.sockets, [](int i) { return QStringLiteral("realtime:room-%1").arg(i % 100); })) {
        std::fprintf(stderr, "bench_realtime: %s\n", qPrintable(clients.problem()));
        return 1;
    }
    const qint64 connectMs = timer.elapsed();
    const qint64 openKiB = residentKiBAll();
    clients.holdWithHeartbeats(options.holdSeconds);
    const qint64 heldKiB = residentKiBAll();
    out() << "sockets held open        " << options.sockets << " (connected and joined in " << connectMs
          << " ms), held " << options.holdSeconds << " s with heartbeats: " << clients.openCount()
          << " still open, " << clients.heartbeatReplies() << " heartbeat replies" << Qt::endl;
    out() << "server resident memory   " << idleKiB / 1024 << " MiB idle, " << openKiB / 1024
          << " MiB with the sockets, " << heldKiB / 1024
          << " MiB after the hold: " << fixed(double(heldKiB - idleKiB) / options.sockets, 1)
          << " KiB per socket" << Qt::endl;

    // 2. Insert → event: the first subscribers also join the change feed of messages.
    if (!clients.joinChanges(
            options.subscribers, QStringLiteral("realtime:feed"), QStringLiteral("messages"))) {
        std::fprintf(stderr, "bench_realtime: %s\n", qPrintable(clients.problem()));
        return 1;
    }
    QNetworkAccessManager network;
    int answered = 0;
    int failed = 0;
    qint64 missing = 0;
    for (int i = 0; i < options.inserts; ++i) {
        clients.expectChange(i);
        insertMessage(network, server.url(), i, answered, failed);
        if (!waitFor([&] { return answered > i && clients.changesOf(i) >= options.subscribers; }, 10000))
            missing += options.subscribers - clients.changesOf(i);
    }
    std::vector<double> fromCommit = clients.latenciesFromCommitMs();
    std::vector<double> fromSend = clients.latenciesFromSendMs();
    std::sort(fromCommit.begin(), fromCommit.end());
    std::sort(fromSend.begin(), fromSend.end());
    out() << "insert -> event          " << options.inserts << " inserts x " << options.subscribers
          << " subscribers, " << fromCommit.size() << " events (" << missing << " missing, " << failed
          << " inserts failed)" << Qt::endl;
    out() << "  from commit_timestamp  p50 " << fixed(quantile(fromCommit, 0.50), 1) << " ms, p95 "
          << fixed(quantile(fromCommit, 0.95), 1) << " ms, p99 " << fixed(quantile(fromCommit, 0.99), 1)
          << " ms (target p95 < 50 ms: "
          << (quantile(fromCommit, 0.95) < 50 && missing == 0 ? "PASS" : "BELOW") << ")" << Qt::endl;
    out() << "  from the request sent  p50 " << fixed(quantile(fromSend, 0.50), 1) << " ms, p95 "
          << fixed(quantile(fromSend, 0.95), 1) << " ms, p99 " << fixed(quantile(fromSend, 0.99), 1) << " ms"
          << Qt::endl;

    // 3. Broadcast fan-out: one more socket sends to a topic the subscribers joined (self off).
    if (!clients.joinBroadcast(options.subscribers, QStringLiteral("realtime:fan"))) {
        std::fprintf(stderr, "bench_realtime: %s\n", qPrintable(clients.problem()));
        return 1;
    }
    const qint64 expected = qint64(options.broadcasts) * options.subscribers;
    timer.restart();
    clients.sendBroadcasts(options.subscribers, QStringLiteral("realtime:fan"), options.broadcasts);
    waitFor([&] { return clients.broadcastsReceived() >= expected; }, 120000);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    out() << "broadcast fan-out        " << options.broadcasts << " messages x " << options.subscribers
          << " subscribers: " << clients.broadcastsReceived() << " of " << expected << " delivered in "
          << fixed(seconds, 2) << " s = " << fixed(double(clients.broadcastsReceived()) / seconds, 0)
          << " deliveries/s" << Qt::endl;
    out() << "server resident memory   " << residentKiBAll() / 1024 << " MiB at the end" << Qt::endl;
    clients.close();
    for (const std::unique_ptr<ServerProcess> &each : servers)
        each->stop(SIGTERM);
    return missing == 0 && failed == 0 && clients.broadcastsReceived() >= expected ? 0 : 1;
}
