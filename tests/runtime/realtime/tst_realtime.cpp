// SPDX-License-Identifier: GPL-3.0-or-later
// Realtime over WebSocket: Supabase Realtime's protocol against an in-process Server on a real socket.
#include "realtimeclient.h"
#include "testsupport.h"

#include "auth/jwt.h"
#include "http/server.h"
#include "realtime/postgreschangebinding.h"
#include "realtime/realtimehub.h"
#include "storage/database.h"
#include "storage/databasesetup.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <functional>

using namespace Runtime;
using namespace Qt::StringLiterals;

namespace {

Field field(const QString &name, FieldType type, bool hidden = false)
{
    Field f;
    f.id = u"fld_"_s + name;
    f.name = name;
    f.type = type;
    f.hidden = hidden;
    return f;
}

Field key()
{
    Field id = field(u"id"_s, FieldType::Integer);
    id.primaryKey = PrimaryKeyKind::AutoIncrement;
    return id;
}

PermissionRule selectRule(const QString &table, const QString &role, const QString &expression = {})
{
    return PermissionRule {u"perm_"_s + table + u'_' + role, role, Operation::Select, expression};
}

/** messages: anyone may read (hidden `secret`); notes: a user reads their own (a conditional rule); vault:
    no rule (only the service role); comments: a user reads the comments of their own notes (a path); drafts:
    anyone may read, with Realtime off. */
std::shared_ptr<Project> realtimeProject()
{
    auto project = std::make_shared<Project>();
    project->name = u"realtime"_s;
    Table messages;
    messages.id = u"tbl_messages"_s;
    messages.name = u"messages"_s;
    messages.fields = {key(), field(u"room"_s, FieldType::Text), field(u"body"_s, FieldType::Text),
        field(u"score"_s, FieldType::Integer), field(u"done"_s, FieldType::Boolean),
        field(u"secret"_s, FieldType::Text, true)};
    messages.permissions
        = {selectRule(u"messages"_s, u"anon"_s), selectRule(u"messages"_s, u"authenticated"_s)};
    Table notes;
    notes.id = u"tbl_notes"_s;
    notes.name = u"notes"_s;
    notes.fields = {key(), field(u"owner_id"_s, FieldType::Uuid), field(u"body"_s, FieldType::Text)};
    notes.permissions = {selectRule(u"notes"_s, u"authenticated"_s, u"owner_id = auth.uid"_s)};
    Table vault;
    vault.id = u"tbl_vault"_s;
    vault.name = u"vault"_s;
    vault.fields = {key(), field(u"body"_s, FieldType::Text)};
    // comments of a note: a user reads those of their own notes (a rule through a path: one query).
    Table comments;
    comments.id = u"tbl_comments"_s;
    comments.name = u"comments"_s;
    comments.fields = {key(), field(u"note_id"_s, FieldType::Integer), field(u"body"_s, FieldType::Text)};
    comments.permissions = {selectRule(u"comments"_s, u"authenticated"_s, u"note.owner_id = auth.uid"_s)};
    // profiles: the users table, whose organization_id is a claim of the access token (channel rules).
    Table profiles;
    profiles.id = u"tbl_profiles"_s;
    profiles.name = u"profiles"_s;
    Field userId = field(u"id"_s, FieldType::Uuid);
    userId.primaryKey = PrimaryKeyKind::Supplied;
    profiles.fields = {userId, field(u"organization_id"_s, FieldType::Integer)};
    Table drafts;
    drafts.id = u"tbl_drafts"_s;
    drafts.name = u"drafts"_s;
    drafts.fields = {key(), field(u"body"_s, FieldType::Text)};
    drafts.permissions = {selectRule(u"drafts"_s, u"anon"_s)};
    for (Table *table : {&messages, &notes, &vault, &comments, &profiles, &drafts}) {
        for (Field &f : table->fields)
            f.id = u"fld_"_s + table->name + u'_' + f.name; // ids are unique in a project
        table->realtime = table != &drafts;
    }
    project->tables = {messages, notes, vault, comments, profiles, drafts}; // drafts last (realtimeOffTable)
    project->settings.usersTable = profiles.id;
    project->relationships.push_back({.id = u"rel_comments_note"_s, .fromTableId = u"tbl_notes"_s,
        .toTableId = u"tbl_comments"_s, .foreignKeyFieldId = u"fld_comments_note_id"_s});
    // Private channels: anyone joins a room, signed-in users broadcast there and users track; members of
    // an organization join and broadcast on its channels, where nobody tracks.
    project->settings.jwtClaimFields = {u"organization_id"_s};
    project->channelRules = {
        ChannelRule {u"chr_rooms"_s, u"room:*"_s, u""_s, u"auth.role = 'authenticated'"_s,
            u"auth.uid is not null"_s, {}},
        ChannelRule {u"chr_orgs"_s, u"org:{organization_id}:*"_s,
            u"organization_id = auth.claims.organization_id"_s,
            u"organization_id = auth.claims.organization_id"_s, std::nullopt, {}},
    };
    return project;
}

struct HttpReply
{
    int status = 0;
    QByteArray body;
};

/** Sends one request on its own connection (Connection: close) and returns the response. */
HttpReply http(quint16 port, const QByteArray &method, const QByteArray &target, const QByteArray &key,
    const QByteArray &body = {}, const QByteArray &extraHeaders = {})
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!key.isEmpty())
        request += "apikey: " + key + "\r\nAuthorization: Bearer " + key + "\r\n";
    if (!body.isEmpty())
        request += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n";
    request += extraHeaders + "\r\n" + body;
    socket.write(request);
    QByteArray response;
    while (socket.waitForReadyRead(10000) || socket.bytesAvailable() > 0) {
        response += socket.readAll();
        if (socket.state() == QAbstractSocket::UnconnectedState)
            break;
    }
    response += socket.readAll();
    const qsizetype end = response.indexOf("\r\n\r\n");
    HttpReply reply;
    reply.status = response.split(' ').value(1).toInt();
    reply.body = end >= 0 ? response.mid(end + 4) : QByteArray();
    return reply;
}

QByteArray expiredToken()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    return signJwt(
        QJsonObject {{u"aud"_s, u"authenticated"_s}, {u"sub"_s, u"00000000-0000-4000-8000-00000000000a"_s},
            {u"role"_s, u"authenticated"_s}, {u"iat"_s, now - 7200}, {u"exp"_s, now - 3600}},
        TestSupport::jwtSecret());
}

/** Returns an access token of a user of organization \a organization (a claim). */
QString memberToken(int organization)
{
    return QString::fromLatin1(TestSupport::accessToken(u"00000000-0000-4000-8000-0000000000c%1"_s.arg(organization),
        u"authenticated"_s, QJsonObject {{u"organization_id"_s, organization}}));
}

QJsonObject privateConfig(bool ack = true)
{
    return QJsonObject {{u"private"_s, true}, {u"broadcast"_s, QJsonObject {{u"ack"_s, ack}, {u"self"_s, false}}}};
}

QJsonObject broadcastOf(const QString &event, const QJsonValue &payload = QJsonObject())
{
    return QJsonObject {{u"type"_s, u"broadcast"_s}, {u"event"_s, event}, {u"payload"_s, payload}};
}

QJsonObject trackOf(const QJsonObject &payload)
{
    return QJsonObject {{u"type"_s, u"presence"_s}, {u"event"_s, u"track"_s}, {u"payload"_s, payload}};
}

/** A clock the test moves (RealtimeLimits::clock): every message of a burst falls in one window. */
struct TestClock
{
    std::shared_ptr<std::atomic<qint64>> now = std::make_shared<std::atomic<qint64>>(1000);
    std::function<qint64()> function() const
    {
        return [now = now] { return now->load(); };
    }
};

/** Returns the message of the `system` error that ended the channel on \a topic of \a c, once the phx_close
    that must follow it has come; empty otherwise. */
QString endedWith(RealtimeClient *c, const QString &topic)
{
    const QJsonObject system = c->takeEvent(topic, u"system"_s).value(u"payload"_s).toObject();
    if (system.value(u"status"_s).toString() != u"error"_s || !c->receives(topic, u"phx_close"_s, 5000))
        return QString();
    return system.value(u"message"_s).toString();
}

QString status(const QJsonObject &reply)
{
    return reply.value(u"status"_s).toString();
}

QString reason(const QJsonObject &reply)
{
    return reply.value(u"response"_s).toObject().value(u"reason"_s).toString();
}

QJsonObject binding(const QString &event, const QString &table, const QString &filter = {})
{
    QJsonObject b {{u"event"_s, event}, {u"schema"_s, u"public"_s}, {u"table"_s, table}};
    if (!filter.isEmpty())
        b.insert(u"filter"_s, filter);
    return b;
}

QJsonObject changesConfig(const QJsonArray &bindings)
{
    return QJsonObject {{u"postgres_changes"_s, bindings}};
}

QJsonObject dataOf(const QJsonObject &message)
{
    return message.value(u"payload"_s).toObject().value(u"data"_s).toObject();
}

/** Returns a masked client text frame of \a text (shorter than 126 bytes). */
QByteArray clientFrame(const QByteArray &text)
{
    QByteArray frame;
    frame.append(char(0x81)); // a final text frame
    frame.append(char(0x80 | text.size())); // masked, as every client frame; the length in one byte
    frame.append("\0\0\0\0", 4); // a zero mask
    return frame + text;
}

/** Opens \a socket as a raw realtime WebSocket (vsn 1.0.0) on \a port; returns the handshake's status line.
 */
QByteArray rawHandshake(QTcpSocket &socket, quint16 port)
{
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write("GET /realtime/v1/websocket?apikey=" + TestSupport::anonKey()
        + "&vsn=1.0.0 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    QByteArray handshake;
    while (!handshake.contains("\r\n\r\n")) { // byte by byte: what follows the head stays unread
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(5000))
            break;
        handshake += socket.read(1);
    }
    return handshake.left(handshake.indexOf("\r\n"));
}

} // namespace

/** Starts the test's server on \a engine; skips without a PostgreSQL server (fails under CI), fails if it does
    not start. */
#define START_ON_ENGINE(engine)                                                                              \
    do {                                                                                                     \
        if (!start({}, engine)) {                                                                            \
            if (m_postgres && !m_postgres->isValid()) {                                                      \
                if (TestSupport::postgresRequired())                                                         \
                    QFAIL(qPrintable(m_postgres->error()));                                                  \
                QSKIP(qPrintable(m_postgres->error()));                                                      \
            }                                                                                                \
            QFAIL("the server did not start");                                                               \
        }                                                                                                    \
    } while (false)

class tst_Realtime : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void handshake_data();
    void handshake();
    void heartbeat_data();
    void heartbeat();
    void joinErrors_data();
    void joinErrors();
    void broadcastAcrossThreads();
    void binaryBroadcast();
    void broadcastTooLarge();
    void restBroadcast();
    void presence();
    void postgresChanges_data();
    void postgresChanges();
    void changeVisibility();
    void pathRuleReadsTheRowBack();
    void rolledBackWriteSendsNothing();
    void filters_data();
    void filters();
    void malformedFrames();
    void privateJoin_data();
    void privateJoin();
    void privateBroadcast();
    void privateTrack();
    void privateRestBroadcast_data();
    void privateRestBroadcast();
    void privateAccessTokenRechecked();
    void privateProjectUpdateRechecked();
    void tooManyChannels();
    void tooManyJoinsPerSecond();
    void tenThousandJoins();
    void upsertMergeSendsTheMergedRow_data();
    void upsertMergeSendsTheMergedRow();
    void tooManyMessagesPerSecond();
    void presenceRateLimit();
    void trackTooLarge();
    void expiredAccessToken();
    void silentSocketClosed();
    void slowReaderCutOff();
    void serverCloseClosesSockets();
    void unansweredCloseCutOff();
    void projectUpdateKeepsSockets();
    void realtimeOffTable();
    void twoServersOnePostgres();

private:
    /** Starts a server on \a url (SQLite in a temporary file when empty) with \a limits. */
    bool start(RealtimeLimits limits = {}, const QString &engine = u"sqlite"_s);
    quint16 port() const { return m_server->port(); }
    QByteArray insert(const QByteArray &table, const QByteArray &body, const QByteArray &prefer = {});

    QTemporaryDir m_dir;
    std::unique_ptr<TestSupport::PostgresDatabase> m_postgres;
    std::unique_ptr<Server> m_server;
    QList<RealtimeClient *> m_clients;
    RealtimeClient *client(const QByteArray &key = TestSupport::anonKey(), const QString &vsn = u"1.0.0"_s);
};

void tst_Realtime::init()
{
    QVERIFY(m_dir.isValid());
}

void tst_Realtime::cleanup()
{
    qDeleteAll(m_clients);
    m_clients.clear();
    m_server.reset();
    m_postgres.reset();
}

bool tst_Realtime::start(RealtimeLimits limits, const QString &engine)
{
    DatabaseUrl url;
    if (engine == u"postgresql"_s) {
        m_postgres = std::make_unique<TestSupport::PostgresDatabase>(u"basalt_realtime"_s);
        if (!m_postgres->isValid())
            return false;
        url = *DatabaseUrl::parse(m_postgres->url());
    } else {
        static int counter = 0;
        url.path = m_dir.filePath(u"realtime-%1.sqlite"_s.arg(++counter));
    }
    std::shared_ptr<Project> project = realtimeProject();
    const Result<DatabaseSetup> setup = setUpDatabase(url, *project, true);
    if (!setup) {
        qWarning("%s", qPrintable(setup.error().toString()));
        return false;
    }
    ServerConfig config {project, url, setup->schemaVersion};
    config.jwtSecret = TestSupport::jwtSecret();
    config.threads = 2;
    config.limits.realtime = limits;
    m_server = std::make_unique<Server>(config);
    const Result<void> listening = m_server->listen(QHostAddress::LocalHost, 0);
    if (!listening)
        qWarning("%s", qPrintable(listening.error().toString()));
    return bool(listening);
}

RealtimeClient *tst_Realtime::client(const QByteArray &key, const QString &vsn)
{
    auto *c = new RealtimeClient;
    m_clients << c;
    if (!c->open(port(), key, vsn))
        qWarning("the realtime socket did not open: %s", qPrintable(c->socket.errorString()));
    return c;
}

QByteArray tst_Realtime::insert(const QByteArray &table, const QByteArray &body, const QByteArray &prefer)
{
    const HttpReply reply = http(port(), "POST", "/rest/v1/" + table, TestSupport::serviceKey(), body,
        prefer.isEmpty() ? QByteArray("Prefer: return=representation\r\n") : "Prefer: " + prefer + "\r\n");
    return QByteArray::number(reply.status) + ' ' + reply.body;
}

void tst_Realtime::handshake_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<bool>("upgrade");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error"); // a part of {error}
    const QByteArray anon = TestSupport::anonKey();
    QTest::newRow("no key") << QByteArray("vsn=1.0.0") << true << 401 << u"No API key"_s;
    QTest::newRow("wrong key") << QByteArray("apikey=nonsense&vsn=1.0.0") << true << 401 << u"JWT"_s;
    QTest::newRow("expired token") << ("apikey=" + expiredToken() + "&vsn=2.0.0") << true << 401
                                   << u"expired"_s;
    QTest::newRow("no upgrade") << ("apikey=" + anon + "&vsn=1.0.0") << false << 400 << u"WebSocket client"_s;
}

void tst_Realtime::handshake()
{
    QFETCH(QByteArray, query);
    QFETCH(bool, upgrade);
    QFETCH(int, status);
    QFETCH(QString, error);
    QVERIFY(start());
    const QByteArray headers = upgrade
        ? QByteArray("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                     "dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n")
        : QByteArray();
    const HttpReply reply = http(port(), "GET", "/realtime/v1/websocket?" + query, {}, {}, headers);
    QCOMPARE(reply.status, status);
    const QString message = QJsonDocument::fromJson(reply.body).object().value(u"error"_s).toString();
    QVERIFY2(message.contains(error, Qt::CaseInsensitive), qPrintable(message));
    // The same server upgrades a good request on the same port, in both versions.
    for (const QString &vsn : {u"1.0.0"_s, u"2.0.0"_s})
        QVERIFY(client(TestSupport::anonKey(), vsn)->socket.isValid());
}

void tst_Realtime::heartbeat_data()
{
    QTest::addColumn<QString>("vsn");
    QTest::newRow("1.0.0") << u"1.0.0"_s;
    QTest::newRow("2.0.0") << u"2.0.0"_s;
}

void tst_Realtime::heartbeat()
{
    QFETCH(QString, vsn);
    QVERIFY(start());
    RealtimeClient *c = client(TestSupport::anonKey(), vsn);
    const QString ref = c->push(u"phoenix"_s, u"heartbeat"_s, QJsonObject());
    const QJsonObject reply = c->replyTo(ref);
    QCOMPARE(status(reply), u"ok"_s);
    QCOMPARE(reply.value(u"response"_s), QJsonValue(QJsonObject()));
    QVERIFY(!c->disconnected);
}

void tst_Realtime::joinErrors_data()
{
    QTest::addColumn<QJsonObject>("config");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("expected"); // the start of the reason
    QTest::newRow("unknown table") << changesConfig({binding(u"*"_s, u"nope"_s)}) << QString()
                                   << u"PostgresChangesError: the table \"nope\""_s;
    QTest::newRow("realtime off") << changesConfig({binding(u"*"_s, u"drafts"_s)}) << QString()
                                  << u"PostgresChangesError: Realtime is off for the table \"drafts\""_s;
    QTest::newRow("unknown column")
        << changesConfig({binding(u"*"_s, u"messages"_s, u"colour=eq.red"_s)}) << QString()
        << u"PostgresChangesError: the filter \"colour=eq.red\" names the column"_s;
    QTest::newRow("unknown operator")
        << changesConfig({binding(u"*"_s, u"messages"_s, u"room=near.x"_s)}) << QString()
        << u"PostgresChangesError: the filter \"room=near.x\" has the unknown operator"_s;
    QTest::newRow("unknown event") << changesConfig({binding(u"TRUNCATE"_s, u"messages"_s)}) << QString()
                                   << u"PostgresChangesError: the postgres_changes event"_s;
    QTest::newRow("hidden column")
        << changesConfig({binding(u"*"_s, u"messages"_s, u"secret=eq.x"_s)}) << QString()
        << u"PostgresChangesError: the filter \"secret=eq.x\" names the hidden column"_s;
    QTest::newRow("other schema") << changesConfig(
        {QJsonObject {{u"event"_s, u"*"_s}, {u"schema"_s, u"auth"_s}}})
                                  << QString() << u"PostgresChangesError: the schema \"auth\""_s;
    QTest::newRow("private channel no rule matches")
        << QJsonObject {{u"private"_s, true}} << QString()
        << u"Unauthorized: You do not have permissions to read from this Channel topic: room1"_s;
    QTest::newRow("expired access token")
        << QJsonObject() << QString::fromLatin1(expiredToken()) << u"InvalidJWTToken:"_s;
}

void tst_Realtime::joinErrors()
{
    QFETCH(QJsonObject, config);
    QFETCH(QString, token);
    QFETCH(QString, expected);
    QVERIFY(start());
    RealtimeClient *c = client();
    const QJsonObject reply = c->join(u"realtime:room1"_s, config, token);
    QCOMPARE(status(reply), u"error"_s);
    QVERIFY2(reason(reply).startsWith(expected), qPrintable(reason(reply)));
    // The socket stays usable.
    QCOMPARE(status(c->join(u"realtime:room2"_s, {})), u"ok"_s);
}

void tst_Realtime::broadcastAcrossThreads()
{
    QVERIFY(start());
    const QString topic = u"realtime:room"_s;
    const QJsonObject quiet {{u"broadcast"_s, QJsonObject {{u"self"_s, false}, {u"ack"_s, true}}}};
    QList<RealtimeClient *> listeners;
    // Sockets until both request threads have a channel on the topic (the kernel spreads connections).
    while (m_server->config().realtimeHub->endpointCount(topic) < 2 && listeners.size() < 64) {
        RealtimeClient *c = client(TestSupport::anonKey(), listeners.size() % 2 ? u"2.0.0"_s : u"1.0.0"_s);
        QCOMPARE(status(c->join(topic, quiet)), u"ok"_s);
        listeners << c;
    }
    QCOMPARE(m_server->config().realtimeHub->endpointCount(topic), 2);
    QVERIFY(listeners.size() >= 2);

    RealtimeClient *sender = listeners.takeFirst();
    const QString ref = sender->push(topic, u"broadcast"_s,
        QJsonObject {{u"type"_s, u"broadcast"_s}, {u"event"_s, u"hello"_s},
            {u"payload"_s, QJsonObject {{u"n"_s, 1}}}});
    QCOMPARE(status(sender->replyTo(ref)), u"ok"_s); // ack
    for (RealtimeClient *listener : std::as_const(listeners)) {
        const QJsonObject message = listener->takeEvent(topic, u"broadcast"_s);
        QCOMPARE(message.value(u"payload"_s).toObject(),
            (QJsonObject {{u"type"_s, u"broadcast"_s}, {u"event"_s, u"hello"_s},
                {u"payload"_s, QJsonObject {{u"n"_s, 1}}}}));
    }
    QVERIFY(!sender->receives(topic, u"broadcast"_s, 300)); // self: false

    // self: true gets its own message; without ack no reply.
    RealtimeClient *echo = client();
    QCOMPARE(status(echo->join(topic, {{u"broadcast"_s, QJsonObject {{u"self"_s, true}}}})), u"ok"_s);
    const QString unacked = echo->push(topic, u"broadcast"_s,
        QJsonObject {{u"type"_s, u"broadcast"_s}, {u"event"_s, u"again"_s}, {u"payload"_s, 2}});
    QCOMPARE(
        echo->takeEvent(topic, u"broadcast"_s).value(u"payload"_s).toObject().value(u"event"_s).toString(),
        u"again"_s);
    Q_UNUSED(unacked)
    QVERIFY(!listeners.first()->takeEvent(topic, u"broadcast"_s).isEmpty());
}

void tst_Realtime::binaryBroadcast()
{
    QVERIFY(start());
    const QString topic = u"realtime:bin"_s;
    RealtimeClient *sender = client(TestSupport::anonKey(), u"2.0.0"_s);
    RealtimeClient *v2 = client(TestSupport::anonKey(), u"2.0.0"_s);
    RealtimeClient *v1 = client();
    for (RealtimeClient *c : {sender, v2, v1})
        QCOMPARE(status(c->join(topic, {})), u"ok"_s);
    // A JSON payload (what realtime-js sends for every broadcast under vsn 2.0.0) reaches both versions as
    // JSON.
    sender->pushBinaryBroadcast(topic, u"moved"_s, R"({"x":3})", true);
    for (RealtimeClient *c : {v2, v1}) {
        const QJsonObject payload = c->takeEvent(topic, u"broadcast"_s).value(u"payload"_s).toObject();
        QCOMPARE(payload.value(u"event"_s).toString(), u"moved"_s);
        QCOMPARE(payload.value(u"payload"_s).toObject().value(u"x"_s).toInt(), 3);
    }
    // Raw bytes go to vsn 2.0.0 sockets as a kind-4 frame.
    sender->pushBinaryBroadcast(topic, u"blob"_s, QByteArray("\x00\x01\xff", 3), false);
    QTRY_COMPARE(v2->binaryFrames.size(), 1);
    const QByteArray frame = v2->binaryFrames.constFirst();
    QCOMPARE(quint8(frame.at(0)), quint8(4));
    QCOMPARE(frame.mid(5, topic.size()), topic.toUtf8());
    QCOMPARE(frame.right(3), QByteArray("\x00\x01\xff", 3));
    // A malformed binary frame closes the socket, and the server goes on.
    sender->socket.sendBinaryMessage(QByteArray("\x03\x09", 2));
    QTRY_VERIFY(sender->disconnected);
    QCOMPARE(sender->closeCode, int(QWebSocketProtocol::CloseCodeWrongDatatype));
    QCOMPARE(status(client(TestSupport::anonKey(), u"2.0.0"_s)->join(topic, {})), u"ok"_s);
}

void tst_Realtime::broadcastTooLarge()
{
    RealtimeLimits limits;
    limits.maxBroadcastBytes = 1000;
    QVERIFY(start(limits));
    RealtimeClient *c = client();
    QCOMPARE(status(c->join(u"realtime:big"_s, {{u"broadcast"_s, QJsonObject {{u"ack"_s, true}}}})), u"ok"_s);
    const QString ref = c->push(u"realtime:big"_s, u"broadcast"_s,
        QJsonObject {{u"type"_s, u"broadcast"_s}, {u"event"_s, u"e"_s}, {u"payload"_s, QString(2000, u'x')}});
    const QJsonObject reply = c->replyTo(ref);
    QCOMPARE(status(reply), u"error"_s);
    QCOMPARE(reason(reply), u"payload_size_exceeded"_s);
}

void tst_Realtime::restBroadcast()
{
    QVERIFY(start());
    RealtimeClient *c = client();
    QCOMPARE(status(c->join(u"realtime:news"_s, {})), u"ok"_s);
    const HttpReply sent = http(port(), "POST", "/realtime/v1/api/broadcast", TestSupport::anonKey(),
        R"({"messages":[{"topic":"news","event":"flash","payload":{"a":1},"private":false}]})");
    QCOMPARE(sent.status, 202);
    QCOMPARE(c->takeEvent(u"realtime:news"_s, u"broadcast"_s)
                 .value(u"payload"_s)
                 .toObject()
                 .value(u"event"_s)
                 .toString(),
        u"flash"_s);
    const HttpReply event = http(
        port(), "POST", "/realtime/v1/api/broadcast/news/events/tick", TestSupport::anonKey(), R"({"b":2})");
    QCOMPARE(event.status, 202);
    const QJsonObject tick = c->takeEvent(u"realtime:news"_s, u"broadcast"_s).value(u"payload"_s).toObject();
    QCOMPARE(tick.value(u"event"_s).toString(), u"tick"_s);
    QCOMPARE(tick.value(u"payload"_s).toObject().value(u"b"_s).toInt(), 2);
    QCOMPARE(http(port(), "POST", "/realtime/v1/api/broadcast", {}, R"({"messages":[]})").status, 401);
}

void tst_Realtime::presence()
{
    QVERIFY(start());
    const QString topic = u"realtime:lobby"_s;
    const auto presenceConfig = [](const QString &key) {
        return QJsonObject {{u"presence"_s, QJsonObject {{u"key"_s, key}, {u"enabled"_s, true}}}};
    };
    RealtimeClient *a = client();
    QCOMPARE(status(a->join(topic, presenceConfig(u"ann"_s))), u"ok"_s);
    QCOMPARE(a->takeEvent(topic, u"presence_state"_s).value(u"payload"_s).toObject(), QJsonObject());
    const QString tracked = a->push(topic, u"presence"_s,
        QJsonObject {{u"type"_s, u"presence"_s}, {u"event"_s, u"track"_s},
            {u"payload"_s, QJsonObject {{u"status"_s, u"online"_s}}}});
    QCOMPARE(status(a->replyTo(tracked)), u"ok"_s);
    const QJsonObject joins
        = a->takeEvent(topic, u"presence_diff"_s).value(u"payload"_s).toObject().value(u"joins"_s).toObject();
    const QJsonObject annMeta = joins.value(u"ann"_s).toObject().value(u"metas"_s).toArray().at(0).toObject();
    QCOMPARE(annMeta.value(u"status"_s).toString(), u"online"_s);
    QVERIFY(!annMeta.value(u"phx_ref"_s).toString().isEmpty());

    RealtimeClient *b = client(TestSupport::anonKey(), u"2.0.0"_s);
    QCOMPARE(status(b->join(topic, presenceConfig(u"bob"_s))), u"ok"_s);
    const QJsonObject state = b->takeEvent(topic, u"presence_state"_s).value(u"payload"_s).toObject();
    QCOMPARE(state.keys(), QStringList {u"ann"_s});
    QCOMPARE(state.value(u"ann"_s).toObject().value(u"metas"_s).toArray().at(0).toObject(), annMeta);
    b->push(topic, u"presence"_s,
        QJsonObject {
            {u"type"_s, u"presence"_s}, {u"event"_s, u"track"_s}, {u"payload"_s, QJsonObject {{u"n"_s, 2}}}});
    QVERIFY(a->takeEvent(topic, u"presence_diff"_s)
                .value(u"payload"_s)
                .toObject()
                .value(u"joins"_s)
                .toObject()
                .contains(u"bob"_s));
    // A channel without presence gets no presence events.
    RealtimeClient *plain = client();
    QCOMPARE(status(plain->join(topic, {})), u"ok"_s);
    // Untrack, then a socket that goes away: both are leaves.
    a->push(topic, u"presence"_s, QJsonObject {{u"type"_s, u"presence"_s}, {u"event"_s, u"untrack"_s}});
    const auto leavesOf = [&topic](const QString &key) {
        return [&topic, key](const QJsonObject &m) {
            return m.value(u"topic"_s).toString() == topic
                && m.value(u"event"_s).toString() == u"presence_diff"_s
                && m.value(u"payload"_s).toObject().value(u"leaves"_s).toObject().contains(key);
        };
    };
    QVERIFY(!b->take(leavesOf(u"ann"_s)).isEmpty());
    b->socket.close();
    QVERIFY(!a->take(leavesOf(u"bob"_s)).isEmpty());
    QVERIFY(!plain->receives(topic, u"presence_diff"_s, 200));
}

void tst_Realtime::postgresChanges_data()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << u"sqlite"_s;
    QTest::newRow("postgresql") << u"postgresql"_s;
}

void tst_Realtime::postgresChanges()
{
    QFETCH(QString, engine);
    START_ON_ENGINE(engine);
    RealtimeClient *c = client(TestSupport::anonKey(), u"2.0.0"_s);
    const QString lobby = u"realtime:lobby"_s;
    const QJsonArray bindings {
        binding(u"*"_s, u"messages"_s, u"room=eq.lobby"_s), binding(u"DELETE"_s, u"messages"_s)};
    const QJsonObject joined = c->join(lobby, changesConfig(bindings));
    QCOMPARE(status(joined), u"ok"_s);
    const QJsonArray echoed = joined.value(u"response"_s).toObject().value(u"postgres_changes"_s).toArray();
    QCOMPARE(echoed.size(), 2);
    for (int i = 0; i < 2; ++i) {
        QJsonObject withoutId = echoed.at(i).toObject();
        QVERIFY(withoutId.value(u"id"_s).isDouble());
        withoutId.remove(u"id"_s);
        QCOMPARE(withoutId, bindings.at(i).toObject());
    }
    const double starId = echoed.at(0).toObject().value(u"id"_s).toDouble();
    const double deleteId = echoed.at(1).toObject().value(u"id"_s).toDouble();
    QCOMPARE(c->takeEvent(lobby, u"system"_s).value(u"payload"_s).toObject().value(u"status"_s).toString(),
        u"ok"_s);
    // A second channel selects columns.
    const QString picked = u"realtime:picked"_s;
    QJsonObject select = binding(u"INSERT"_s, u"messages"_s);
    select.insert(u"select"_s, QJsonArray {u"body"_s});
    QCOMPARE(status(c->join(picked, changesConfig({select}))), u"ok"_s);

    QVERIFY(insert("messages", R"({"room":"other","body":"elsewhere","score":1,"secret":"s"})")
                .startsWith("201"));
    QVERIFY(insert("messages", R"({"room":"lobby","body":"hi","score":5,"done":true,"secret":"s"})")
                .startsWith("201"));
    const QJsonObject inserted = c->takeEvent(lobby, u"postgres_changes"_s);
    QCOMPARE(inserted.value(u"payload"_s).toObject().value(u"ids"_s).toArray(), QJsonArray {starId});
    const QJsonObject data = dataOf(inserted);
    QCOMPARE(data.value(u"type"_s).toString(), u"INSERT"_s);
    QCOMPARE(data.value(u"schema"_s).toString(), u"public"_s);
    QCOMPARE(data.value(u"table"_s).toString(), u"messages"_s);
    QVERIFY(data.value(u"errors"_s).isNull());
    QVERIFY(!data.contains(u"old_record"_s));
    QVERIFY(QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"_s)
                .match(data.value(u"commit_timestamp"_s).toString())
                .hasMatch());
    const QJsonObject record = data.value(u"record"_s).toObject();
    QCOMPARE(record.value(u"body"_s).toString(), u"hi"_s);
    QCOMPARE(record.value(u"score"_s).toInt(), 5);
    QCOMPARE(record.value(u"done"_s).toBool(), true);
    QVERIFY(!record.contains(u"secret"_s)); // hidden
    QCOMPARE(data.value(u"columns"_s).toArray().at(0).toObject(),
        (QJsonObject {{u"name"_s, u"id"_s}, {u"type"_s, u"int8"_s}}));
    QVERIFY(!data.value(u"columns"_s)
                 .toArray()
                 .contains(QJsonObject {{u"name"_s, u"secret"_s}, {u"type"_s, u"text"_s}}));
    const int id = record.value(u"id"_s).toInt();
    // The select channel got both inserts, with the key and body only.
    for (const QString &body : {u"elsewhere"_s, u"hi"_s}) {
        const QJsonObject pickedRecord
            = dataOf(c->takeEvent(picked, u"postgres_changes"_s)).value(u"record"_s).toObject();
        QCOMPARE(pickedRecord.keys(), (QStringList {u"body"_s, u"id"_s}));
        QCOMPARE(pickedRecord.value(u"body"_s).toString(), body);
    }

    const HttpReply updated = http(port(), "PATCH", "/rest/v1/messages?id=eq." + QByteArray::number(id),
        TestSupport::serviceKey(), R"({"body":"edited"})");
    QCOMPARE(updated.status, 204);
    const QJsonObject update = dataOf(c->takeEvent(lobby, u"postgres_changes"_s));
    QCOMPARE(update.value(u"type"_s).toString(), u"UPDATE"_s);
    QCOMPARE(update.value(u"record"_s).toObject().value(u"body"_s).toString(), u"edited"_s);
    QCOMPARE(update.value(u"old_record"_s).toObject().value(u"body"_s).toString(), u"hi"_s);

    QCOMPARE(
        http(port(), "DELETE", "/rest/v1/messages?id=eq." + QByteArray::number(id), TestSupport::serviceKey())
            .status,
        204);
    const QJsonObject deleted = c->takeEvent(lobby, u"postgres_changes"_s);
    QJsonArray ids = deleted.value(u"payload"_s).toObject().value(u"ids"_s).toArray();
    QCOMPARE(ids.size(), 2); // one event carrying both matching bindings
    QVERIFY(ids.contains(starId) && ids.contains(deleteId));
    const QJsonObject removed = dataOf(deleted);
    QCOMPARE(removed.value(u"type"_s).toString(), u"DELETE"_s);
    QVERIFY(!removed.contains(u"record"_s));
    QCOMPARE(removed.value(u"old_record"_s).toObject().value(u"id"_s).toInt(), id);
    QVERIFY(!removed.value(u"old_record"_s).toObject().contains(u"secret"_s));
    QVERIFY(!c->receives(lobby, u"postgres_changes"_s, 200)); // the other room's insert never came
}

void tst_Realtime::changeVisibility()
{
    QVERIFY(start());
    const QString user = u"00000000-0000-4000-8000-0000000000a1"_s;
    const QString token = QString::fromLatin1(TestSupport::accessToken(user));
    const QJsonObject all = changesConfig({binding(u"*"_s, u"*"_s)});
    RealtimeClient *service = client(TestSupport::serviceKey());
    RealtimeClient *anon = client();
    RealtimeClient *owner = client();
    for (RealtimeClient *c : {service, anon})
        QCOMPARE(status(c->join(u"realtime:all"_s, all)), u"ok"_s);
    QCOMPARE(status(owner->join(u"realtime:all"_s, all, token)), u"ok"_s);

    QVERIFY(insert("vault", R"({"body":"v"})").startsWith("201"));
    QVERIFY(
        insert("notes", (u"{\"owner_id\":\"%1\",\"body\":\"mine\"}"_s.arg(user)).toUtf8()).startsWith("201"));
    QVERIFY(insert("notes", R"({"owner_id":"00000000-0000-4000-8000-0000000000b2","body":"theirs"})").startsWith("201"));
    QVERIFY(insert("messages", R"({"room":"r","body":"public","secret":"s3"})").startsWith("201"));
    // The service role sees every table and hidden fields.
    QStringList tables;
    for (int i = 0; i < 4; ++i) {
        const QJsonObject data = dataOf(service->takeEvent(u"realtime:all"_s, u"postgres_changes"_s));
        tables << data.value(u"table"_s).toString();
        if (tables.last() == u"messages"_s)
            QCOMPARE(data.value(u"record"_s).toObject().value(u"secret"_s).toString(), u"s3"_s);
    }
    QCOMPARE(tables, (QStringList {u"vault"_s, u"notes"_s, u"notes"_s, u"messages"_s}));
    // The owner rule (notes: owner_id = auth.uid) is decided on the row: the owner gets their own note, not
    // another user's; anon gets no note at all. A table without a rule for a role withholds every change.
    const QJsonObject own = dataOf(owner->takeEvent(u"realtime:all"_s, u"postgres_changes"_s));
    QCOMPARE(own.value(u"table"_s).toString(), u"notes"_s);
    QCOMPARE(own.value(u"record"_s).toObject().value(u"body"_s).toString(), u"mine"_s);
    for (RealtimeClient *c : {anon, owner}) {
        const QJsonObject data = dataOf(c->takeEvent(u"realtime:all"_s, u"postgres_changes"_s));
        QCOMPARE(data.value(u"table"_s).toString(), u"messages"_s);
        QVERIFY(!data.value(u"record"_s).toObject().contains(u"secret"_s));
        QVERIFY(!c->receives(u"realtime:all"_s, u"postgres_changes"_s, 200));
    }
}

// A rule through a path cannot be decided from the row: the row is read back as the subscriber (a DELETE,
// whose row is gone, is withheld).
void tst_Realtime::pathRuleReadsTheRowBack()
{
    QVERIFY(start());
    const QString user = u"00000000-0000-4000-8000-0000000000a1"_s;
    const QString other = u"00000000-0000-4000-8000-0000000000b2"_s;
    RealtimeClient *owner = client();
    RealtimeClient *stranger = client();
    const QJsonObject comments = changesConfig({binding(u"*"_s, u"comments"_s)});
    QCOMPARE(status(owner->join(u"realtime:c"_s, comments, QString::fromLatin1(TestSupport::accessToken(user)))), u"ok"_s);
    QCOMPARE(status(stranger->join(u"realtime:c"_s, comments, QString::fromLatin1(TestSupport::accessToken(other)))),
        u"ok"_s);
    QVERIFY(insert("notes", (u"{\"id\":41,\"owner_id\":\"%1\",\"body\":\"n\"}"_s.arg(user)).toUtf8()).startsWith("201"));
    QVERIFY(insert("comments", R"({"note_id":41,"body":"on my note"})").startsWith("201"));
    const QJsonObject seen = dataOf(owner->takeEvent(u"realtime:c"_s, u"postgres_changes"_s));
    QCOMPARE(seen.value(u"record"_s).toObject().value(u"body"_s).toString(), u"on my note"_s);
    QVERIFY(!stranger->receives(u"realtime:c"_s, u"postgres_changes"_s, 300));
}

void tst_Realtime::rolledBackWriteSendsNothing()
{
    QVERIFY(start());
    RealtimeClient *c = client(TestSupport::serviceKey());
    QCOMPARE(status(c->join(u"realtime:m"_s, changesConfig({binding(u"*"_s, u"messages"_s)}))), u"ok"_s);
    QVERIFY(insert("messages", R"({"room":"r","body":"rolled back"})", "tx=rollback,return=representation")
                .startsWith("201"));
    QVERIFY(insert("messages", R"({"room":"r","body":"kept"})").startsWith("201"));
    const QJsonObject first = dataOf(c->takeEvent(u"realtime:m"_s, u"postgres_changes"_s));
    QCOMPARE(first.value(u"record"_s).toObject().value(u"body"_s).toString(), u"kept"_s);
}

void tst_Realtime::filters_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QJsonObject>("row");
    QTest::addColumn<bool>("matches");
    const QJsonObject row {{u"id"_s, 7}, {u"room"_s, u"Lobby"_s}, {u"score"_s, 5}, {u"done"_s, true},
        {u"body"_s, QJsonValue::Null}};
    QTest::newRow("eq number") << u"score=eq.5"_s << row << true;
    QTest::newRow("eq text") << u"room=eq.Lobby"_s << row << true;
    QTest::newRow("neq") << u"room=neq.Lobby"_s << row << false;
    QTest::newRow("lt") << u"score=lt.10"_s << row << true;
    QTest::newRow("lte") << u"score=lte.5"_s << row << true;
    QTest::newRow("gt") << u"score=gt.5"_s << row << false;
    QTest::newRow("gte") << u"score=gte.5"_s << row << true;
    QTest::newRow("gt is numeric, not text") << u"score=gt.10"_s << row << false;
    QTest::newRow("in") << u"id=in.(1,7,9)"_s << row << true;
    QTest::newRow("in quoted") << u"room=in.(\"a,b\",Lobby)"_s << row << true;
    QTest::newRow("not in") << u"id=in.(1,2)"_s << row << false;
    QTest::newRow("like") << u"room=like.Lo*"_s << row << true;
    QTest::newRow("ilike") << u"room=ilike.%obby"_s << row << true;
    QTest::newRow("like is case-sensitive") << u"room=like.lo*"_s << row << false;
    QTest::newRow("is null") << u"body=is.null"_s << row << true;
    QTest::newRow("is true") << u"done=is.true"_s << row << true;
    QTest::newRow("match") << u"room=match.^L.b"_s << row << true;
    QTest::newRow("imatch") << u"room=imatch.LOBBY$"_s << row << true;
    QTest::newRow("isdistinct") << u"body=isdistinct.x"_s << row << true;
    QTest::newRow("eq null is never true") << u"body=eq.x"_s << row << false;
    QTest::newRow("not.eq") << u"room=not.eq.Lobby"_s << row << false;
    QTest::newRow("and") << u"score=gt.1,room=eq.Lobby"_s << row << true;
    QTest::newRow("and, one false") << u"score=gt.1,room=eq.x"_s << row << false;
    QTest::newRow("boolean") << u"done=eq.false"_s << row << false;
}

void tst_Realtime::filters()
{
    QFETCH(QString, filter);
    QFETCH(QJsonObject, row);
    QFETCH(bool, matches);
    const std::shared_ptr<Project> project = realtimeProject();
    Result<PostgresChangeBinding> parsed
        = PostgresChangeBinding::parse(binding(u"*"_s, u"messages"_s, filter), *project, 1, false);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    RecordChange change;
    change.table = u"messages"_s;
    change.newRow = row;
    QCOMPARE(parsed->matches(*project->tableByName(u"messages"_s), change), matches);
}

void tst_Realtime::malformedFrames()
{
    QVERIFY(start());
    RealtimeClient *notJson = client();
    notJson->socket.sendTextMessage(u"{not json"_s);
    QTRY_VERIFY(notJson->disconnected);
    QCOMPARE(notJson->closeCode, int(QWebSocketProtocol::CloseCodeWrongDatatype));
    RealtimeClient *wrongShape = client(TestSupport::anonKey(), u"2.0.0"_s);
    wrongShape->socket.sendTextMessage(
        u"{\"topic\":\"phoenix\",\"event\":\"heartbeat\"}"_s); // an object under 2.0.0
    QTRY_VERIFY(wrongShape->disconnected);
    RealtimeClient *binary = client();
    binary->socket.sendBinaryMessage("\x03");
    QTRY_VERIFY(binary->disconnected);
    QCOMPARE(binary->closeCode, int(QWebSocketProtocol::CloseCodeDatatypeNotSupported));
    // A well-formed message for a channel not joined gets an error reply; the socket stays.
    RealtimeClient *c = client();
    const QString ref = c->push(u"realtime:nowhere"_s, u"broadcast"_s, QJsonObject());
    QVERIFY(reason(c->replyTo(ref)).startsWith(u"UnmatchedTopic"_s));
    QCOMPARE(status(c->replyTo(c->push(u"phoenix"_s, u"heartbeat"_s, QJsonObject()))), u"ok"_s);
}

void tst_Realtime::tooManyChannels()
{
    RealtimeLimits limits;
    limits.maxChannels = 5;
    QVERIFY(start(limits));
    RealtimeClient *c = client();
    for (int i = 0; i < 5; ++i)
        QCOMPARE(status(c->join(u"realtime:c%1"_s.arg(i), {})), u"ok"_s);
    QCOMPARE(reason(c->join(u"realtime:c5"_s, {})), u"ChannelRateLimitReached: Too many channels"_s);
    QCOMPARE(status(c->join(u"realtime:c0"_s, {})), u"ok"_s); // a rejoin is no new channel
    c->push(u"realtime:c1"_s, u"phx_leave"_s, QJsonObject());
    QCOMPARE(status(c->join(u"realtime:c5"_s, {})), u"ok"_s);
}

void tst_Realtime::tooManyJoinsPerSecond()
{
    RealtimeLimits limits;
    limits.maxJoinsPerSecond = 3;
    const TestClock clock;
    limits.clock = clock.function();
    QVERIFY(start(limits));
    RealtimeClient *c = client();
    for (int i = 0; i < 5; ++i) {
        const QJsonObject reply = c->join(u"realtime:j%1"_s.arg(i), {});
        if (i < 3)
            QCOMPARE(status(reply), u"ok"_s);
        else
            QCOMPARE(reason(reply), u"ClientJoinRateLimitReached: Too many joins per second"_s);
    }
    *clock.now += 1000; // the next second
    QCOMPARE(status(c->join(u"realtime:j5"_s, {})), u"ok"_s);
}

void tst_Realtime::tooManyMessagesPerSecond()
{
    RealtimeLimits limits;
    limits.maxMessagesPerSecond = 3;
    const TestClock clock;
    limits.clock = clock.function();
    QVERIFY(start(limits));
    RealtimeClient *c = client();
    const QString topic = u"realtime:chatty"_s;
    QCOMPARE(status(c->join(topic, {{u"broadcast"_s, QJsonObject {{u"ack"_s, true}}}})), u"ok"_s);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(status(c->replyTo(c->push(topic, u"broadcast"_s, broadcastOf(u"n"_s, i)))), u"ok"_s);
    c->push(topic, u"broadcast"_s, broadcastOf(u"n"_s, 3)); // the 4th in one second
    QCOMPARE(endedWith(c, topic), u"Too many messages per second"_s);
    // Heartbeats do not count, and the next second takes messages again.
    QCOMPARE(status(c->replyTo(c->push(u"phoenix"_s, u"heartbeat"_s, QJsonObject()))), u"ok"_s);
    *clock.now += 1000;
    QCOMPARE(status(c->join(topic, {{u"broadcast"_s, QJsonObject {{u"ack"_s, true}}}})), u"ok"_s);
    QCOMPARE(status(c->replyTo(c->push(topic, u"broadcast"_s, broadcastOf(u"n"_s, 4)))), u"ok"_s);
}

void tst_Realtime::presenceRateLimit()
{
    RealtimeLimits limits; // Supabase's: 5 presence calls per 30 s per channel
    const TestClock clock;
    limits.clock = clock.function();
    QVERIFY(start(limits));
    RealtimeClient *c = client();
    const QString topic = u"realtime:busy"_s;
    const QJsonObject config {{u"presence"_s, QJsonObject {{u"key"_s, u"ann"_s}, {u"enabled"_s, true}}}};
    QCOMPARE(status(c->join(topic, config)), u"ok"_s);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(status(c->replyTo(c->push(topic, u"presence"_s, trackOf({{u"n"_s, i}})))), u"ok"_s);
    *clock.now += 29999; // still the same window
    c->push(topic, u"presence"_s, trackOf({{u"n"_s, 5}}));
    QCOMPARE(endedWith(c, topic), u"Client presence rate limit exceeded"_s);
    // A window later a channel tracks again.
    *clock.now += 30000;
    QCOMPARE(status(c->join(topic, config)), u"ok"_s);
    QCOMPARE(status(c->replyTo(c->push(topic, u"presence"_s, trackOf({{u"n"_s, 6}})))), u"ok"_s);
}

void tst_Realtime::trackTooLarge()
{
    RealtimeLimits limits;
    limits.maxBroadcastBytes = 100;
    QVERIFY(start(limits));
    RealtimeClient *c = client();
    const QString topic = u"realtime:big"_s;
    QCOMPARE(status(c->join(topic, {{u"presence"_s, QJsonObject {{u"enabled"_s, true}}}})), u"ok"_s);
    QCOMPARE(status(c->replyTo(c->push(topic, u"presence"_s, trackOf({{u"s"_s, QString(50, u'x')}})))), u"ok"_s);
    c->push(topic, u"presence"_s, trackOf({{u"s"_s, QString(200, u'x')}}));
    QCOMPARE(endedWith(c, topic), u"Track message size exceeded"_s);
}

void tst_Realtime::privateJoin_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("key"); // the socket's apikey
    QTest::addColumn<QString>("token"); // the join's access_token
    QTest::addColumn<bool>("isPrivate");
    QTest::addColumn<QString>("expected"); // "ok", or the reason
    const QByteArray anon = TestSupport::anonKey();
    QTest::newRow("no pattern matches") << u"realtime:lobby"_s << anon << QString() << true
                                        << u"Unauthorized: You do not have permissions to read from this "
                                           "Channel topic: lobby"_s;
    QTest::newRow("no pattern, public channel") << u"realtime:lobby"_s << anon << QString() << false << u"ok"_s;
    QTest::newRow("empty rule: anon") << u"realtime:room:1"_s << anon << QString() << true << u"ok"_s;
    QTest::newRow("pattern part: member") << u"realtime:org:7:chat"_s << anon << memberToken(7) << true
                                          << u"ok"_s;
    QTest::newRow("pattern part: other member") << u"realtime:org:7:chat"_s << anon << memberToken(8) << true
                                                << u"Unauthorized: You do not have permissions to read from "
                                                   "this Channel topic: org:7:chat"_s;
    QTest::newRow("pattern part: anon") << u"realtime:org:7:chat"_s << anon << QString() << true
                                        << u"Unauthorized: You do not have permissions to read from this "
                                           "Channel topic: org:7:chat"_s;
    QTest::newRow("pattern part needs a value") << u"realtime:org::chat"_s << anon << memberToken(7) << true
                                                << u"Unauthorized: You do not have permissions to read from "
                                                   "this Channel topic: org::chat"_s;
    QTest::newRow("service role") << u"realtime:lobby"_s << TestSupport::serviceKey() << QString() << true
                                  << u"ok"_s;
}

void tst_Realtime::privateJoin()
{
    QFETCH(QString, topic);
    QFETCH(QByteArray, key);
    QFETCH(QString, token);
    QFETCH(bool, isPrivate);
    QFETCH(QString, expected);
    QVERIFY(start());
    RealtimeClient *c = client(key);
    const QJsonObject reply = c->join(topic, {{u"private"_s, isPrivate}}, token);
    if (expected == u"ok"_s)
        QCOMPARE(status(reply), u"ok"_s);
    else
        QCOMPARE(reason(reply), expected);
}

void tst_Realtime::privateBroadcast()
{
    QVERIFY(start());
    const QString topic = u"realtime:room:1"_s;
    RealtimeClient *anon = client();
    RealtimeClient *user = client();
    RealtimeClient *outsider = client(); // the public channel of the same name
    QCOMPARE(status(anon->join(topic, privateConfig())), u"ok"_s);
    QCOMPARE(status(user->join(topic, privateConfig(), memberToken(7))), u"ok"_s);
    QCOMPARE(status(outsider->join(topic, {{u"broadcast"_s, QJsonObject {{u"ack"_s, true}}}})), u"ok"_s);
    // anon may join but not broadcast: an error reply, nobody gets it.
    const QJsonObject refused = anon->replyTo(anon->push(topic, u"broadcast"_s, broadcastOf(u"hi"_s)));
    QCOMPARE(status(refused), u"error"_s);
    QCOMPARE(reason(refused), u"Unauthorized: You do not have permissions to write to this Channel topic: room:1"_s);
    QVERIFY(!user->receives(topic, u"broadcast"_s, 300));
    // A signed-in user may: the private channels get it, the public one does not, and the reverse.
    QCOMPARE(status(user->replyTo(user->push(topic, u"broadcast"_s, broadcastOf(u"hello"_s)))), u"ok"_s);
    QCOMPARE(anon->takeEvent(topic, u"broadcast"_s).value(u"payload"_s).toObject().value(u"event"_s).toString(),
        u"hello"_s);
    QVERIFY(!outsider->receives(topic, u"broadcast"_s, 300));
    QCOMPARE(status(outsider->replyTo(outsider->push(topic, u"broadcast"_s, broadcastOf(u"public"_s)))), u"ok"_s);
    QVERIFY(!anon->receives(topic, u"broadcast"_s, 300));
    // Binary broadcasts (vsn 2.0.0) are checked the same way.
    RealtimeClient *binary = client(TestSupport::anonKey(), u"2.0.0"_s);
    QCOMPARE(status(binary->join(topic, privateConfig())), u"ok"_s);
    binary->pushBinaryBroadcast(topic, u"bin"_s, "{\"a\":1}", true);
    QVERIFY(!user->receives(topic, u"broadcast"_s, 300));
}

void tst_Realtime::privateTrack()
{
    QVERIFY(start());
    const QString room = u"realtime:room:2"_s;
    const QJsonObject config {{u"private"_s, true}, {u"presence"_s, QJsonObject {{u"enabled"_s, true}}}};
    RealtimeClient *anon = client();
    RealtimeClient *user = client();
    RealtimeClient *outsider = client();
    QCOMPARE(status(anon->join(room, config)), u"ok"_s);
    QCOMPARE(status(user->join(room, config, memberToken(7))), u"ok"_s);
    QCOMPARE(status(outsider->join(room, {{u"presence"_s, QJsonObject {{u"enabled"_s, true}}}})), u"ok"_s);
    const QJsonObject refused = anon->replyTo(anon->push(room, u"presence"_s, trackOf({{u"n"_s, 1}})));
    QCOMPARE(reason(refused),
        u"Unauthorized: You do not have permissions to track presence on this Channel topic: room:2"_s);
    QCOMPARE(status(user->replyTo(user->push(room, u"presence"_s, trackOf({{u"n"_s, 2}})))), u"ok"_s);
    QVERIFY(!anon->takeEvent(room, u"presence_diff"_s).isEmpty());
    QVERIFY(!outsider->receives(room, u"presence_diff"_s, 300)); // the public channel's presence is another
    // An organization's channel has no track rule: nobody but the service role tracks there.
    const QString org = u"realtime:org:7:chat"_s;
    QCOMPARE(status(user->join(org, config, memberToken(7))), u"ok"_s);
    QCOMPARE(status(user->replyTo(user->push(org, u"presence"_s, trackOf({{u"n"_s, 3}})))), u"error"_s);
}

void tst_Realtime::privateRestBroadcast_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("status");
    const QByteArray batch = R"({"messages":[{"topic":"room:3","event":"e","payload":{"a":1},"private":true}]})";
    const QByteArray event = "/realtime/v1/api/broadcast/room:3/events/e?private=true";
    QTest::newRow("batch: anon") << QByteArray("/realtime/v1/api/broadcast") << batch << u"{anon}"_s << 403;
    QTest::newRow("batch: user") << QByteArray("/realtime/v1/api/broadcast") << batch << u"{user:00000000-0000-4000-8000-0000000000d1}"_s << 202;
    QTest::newRow("batch: service") << QByteArray("/realtime/v1/api/broadcast") << batch << u"{service}"_s << 202;
    QTest::newRow("httpSend: anon") << event << QByteArray(R"({"a":1})") << u"{anon}"_s << 403;
    QTest::newRow("httpSend: user") << event << QByteArray(R"({"a":1})") << u"{user:00000000-0000-4000-8000-0000000000d1}"_s << 202;
}

void tst_Realtime::privateRestBroadcast()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, key);
    QFETCH(int, status);
    QVERIFY(start());
    const QString topic = u"realtime:room:3"_s;
    RealtimeClient *member = client();
    RealtimeClient *outsider = client();
    QCOMPARE(::status(member->join(topic, privateConfig())), u"ok"_s);
    QCOMPARE(::status(outsider->join(topic, {})), u"ok"_s);
    // A user's token goes in Authorization with the anon key as apikey, as supabase-js sends it.
    const QByteArray token = TestSupport::expandKeys(key);
    const QByteArray apikey = key.startsWith(u"{user"_s) ? TestSupport::anonKey() : token;
    const HttpReply sent = http(port(), "POST", path, {}, body,
        "apikey: " + apikey + "\r\nAuthorization: Bearer " + token + "\r\n");
    QCOMPARE(sent.status, status);
    if (status == 403) {
        QVERIFY2(sent.body.contains("You do not have permissions to write to this Channel topic: room:3"),
            sent.body.constData());
        QVERIFY(!member->receives(topic, u"broadcast"_s, 300));
    } else {
        QCOMPARE(member->takeEvent(topic, u"broadcast"_s).value(u"payload"_s).toObject().value(u"event"_s).toString(),
            u"e"_s);
    }
    QVERIFY(!outsider->receives(topic, u"broadcast"_s, 300));
}

void tst_Realtime::privateAccessTokenRechecked()
{
    QVERIFY(start());
    RealtimeClient *c = client();
    const QString topic = u"realtime:org:7:chat"_s;
    QCOMPARE(status(c->join(topic, privateConfig(), memberToken(7))), u"ok"_s);
    c->push(topic, u"access_token"_s, QJsonObject {{u"access_token"_s, memberToken(7)}}); // still a member
    QVERIFY(!c->receives(topic, u"system"_s, 300));
    // A token of another organization: removed from the channel.
    c->push(topic, u"access_token"_s, QJsonObject {{u"access_token"_s, memberToken(8)}});
    QCOMPARE(endedWith(c, topic), u"You no longer have permission to read from this Channel topic: org:7:chat"_s);
}

void tst_Realtime::privateProjectUpdateRechecked()
{
    QVERIFY(start());
    RealtimeClient *c = client();
    const QString topic = u"realtime:room:4"_s;
    QCOMPARE(status(c->join(topic, privateConfig())), u"ok"_s);
    // The new project lets only signed-in users join rooms: the anon channel ends at its next heartbeat.
    std::shared_ptr<Project> changed = realtimeProject();
    changed->channelRules.front().join = u"auth.role = 'authenticated'"_s;
    QVERIFY(m_server->updateProject(changed, m_server->config().schemaVersion));
    QCOMPARE(status(c->replyTo(c->push(u"phoenix"_s, u"heartbeat"_s, QJsonObject()))), u"ok"_s);
    QCOMPARE(endedWith(c, topic), u"You no longer have permission to read from this Channel topic: room:4"_s);
    QCOMPARE(reason(c->join(topic, privateConfig())),
        u"Unauthorized: You do not have permissions to read from this Channel topic: room:4"_s);
}

void tst_Realtime::upsertMergeSendsTheMergedRow_data()
{
    postgresChanges_data();
}

void tst_Realtime::upsertMergeSendsTheMergedRow()
{
    QFETCH(QString, engine);
    START_ON_ENGINE(engine);
    for (const char *body : {R"({"room":"r","body":"first"})", R"({"room":"r","body":"second"})"})
        QVERIFY(insert("messages", body).startsWith("201"));
    RealtimeClient *c = client(TestSupport::serviceKey());
    QCOMPARE(status(c->join(u"realtime:m"_s, changesConfig({binding(u"*"_s, u"messages"_s)}))), u"ok"_s);
    // An upsert that finds row 2 updates it: an UPDATE whose old_record is row 2 as it was (the rows a merge
    // finds were once read back by a wrong key: row 1, or on PostgreSQL a failed query).
    const QByteArray merged = insert("messages", R"({"id":2,"room":"r","body":"second, merged"})",
        "resolution=merge-duplicates,return=representation");
    QVERIFY2(merged.startsWith("200") || merged.startsWith("201"), merged.constData());
    const QJsonObject data = dataOf(c->takeEvent(u"realtime:m"_s, u"postgres_changes"_s));
    QCOMPARE(data.value(u"type"_s).toString(), u"UPDATE"_s);
    QCOMPARE(data.value(u"old_record"_s).toObject().value(u"body"_s).toString(), u"second"_s);
    QCOMPARE(data.value(u"record"_s).toObject().value(u"body"_s).toString(), u"second, merged"_s);
}

void tst_Realtime::tenThousandJoins()
{
    QVERIFY(start());
    RealtimeClient *c = client();
    constexpr int joins = 10000;
    for (int i = 0; i < joins; ++i)
        c->push(u"realtime:flood-%1"_s.arg(i), u"phx_join"_s, QJsonObject {{u"config"_s, QJsonObject()}});
    // Every join is answered, at most 100 of them (the channels a socket may hold) with ok; the rest are
    // refused with one of the two limits, and the socket goes on.
    QTRY_VERIFY_WITH_TIMEOUT(c->received.size() >= joins || c->disconnected, 60000);
    QVERIFY(!c->disconnected);
    int ok = 0;
    int limited = 0;
    for (const QJsonObject &message : std::as_const(c->received)) {
        const QJsonObject reply = message.value(u"payload"_s).toObject();
        if (status(reply) == u"ok"_s)
            ++ok;
        else if (reason(reply) == u"ClientJoinRateLimitReached: Too many joins per second"_s
            || reason(reply) == u"ChannelRateLimitReached: Too many channels"_s)
            ++limited;
    }
    QCOMPARE(ok + limited, joins);
    QVERIFY2(ok >= 1 && ok <= 100, qPrintable(QString::number(ok)));
    c->received.clear();
    QCOMPARE(status(c->replyTo(c->push(u"phoenix"_s, u"heartbeat"_s, QJsonObject()))), u"ok"_s);
}

void tst_Realtime::expiredAccessToken()
{
    QVERIFY(start());
    RealtimeClient *c = client();
    const QString token
        = QString::fromLatin1(TestSupport::accessToken(u"00000000-0000-4000-8000-0000000000b2"_s));
    QCOMPARE(status(c->join(u"realtime:t"_s, {}, token)), u"ok"_s);
    c->push(u"realtime:t"_s, u"access_token"_s,
        QJsonObject {{u"access_token"_s, QString::fromLatin1(expiredToken())}});
    const QJsonObject system = c->takeEvent(u"realtime:t"_s, u"system"_s).value(u"payload"_s).toObject();
    QCOMPARE(system.value(u"status"_s).toString(), u"error"_s);
    QVERIFY(system.value(u"message"_s).toString().startsWith(u"InvalidJWTToken:"_s));
    QVERIFY(c->receives(u"realtime:t"_s, u"phx_close"_s, 5000));
    QVERIFY(reason(c->replyTo(c->push(u"realtime:t"_s, u"broadcast"_s, QJsonObject())))
                .startsWith(u"UnmatchedTopic"_s));
}

void tst_Realtime::silentSocketClosed()
{
    RealtimeLimits limits;
    limits.heartbeatTimeoutMs = 300;
    QVERIFY(start(limits));
    RealtimeClient *c = client();
    QTRY_VERIFY_WITH_TIMEOUT(c->disconnected, 20000);
}

void tst_Realtime::slowReaderCutOff()
{
    RealtimeLimits limits;
    limits.maxUnsentBytes = 256 * 1024;
    limits.maxBroadcastBytes = 128 * 1024;
    limits.maxMessagesPerSecond = 1000000; // the sender floods on purpose
    QVERIFY(start(limits));
    const QString topic = u"realtime:flood"_s;
    // A raw socket that joins and then reads nothing.
    QTcpSocket reader;
    reader.setReadBufferSize(
        64 * 1024); // Qt reads no more than this from the kernel: the kernel's buffers fill
    QCOMPARE(rawHandshake(reader, port()), QByteArray("HTTP/1.1 101 Switching Protocols"));
    const QByteArray join
        = R"({"topic":"realtime:flood","event":"phx_join","payload":{"config":{}},"ref":"1","join_ref":"1"})";
    QVERIFY(join.size() < 126);
    reader.write(clientFrame(join));
    QVERIFY(reader.waitForBytesWritten(5000));
    QTRY_COMPARE(m_server->config().realtimeHub->endpointCount(topic), 1);

    RealtimeClient *sender = client();
    QCOMPARE(status(sender->join(topic, {{u"broadcast"_s, QJsonObject {{u"ack"_s, true}}}})), u"ok"_s);
    const QString chunk(100 * 1024, u'x');
    const int messages = 400; // 40 MB: more than the kernel's socket buffers and the limit together
    for (int i = 0; i < messages; ++i) {
        const QString ref = sender->push(topic, u"broadcast"_s,
            QJsonObject {{u"type"_s, u"broadcast"_s}, {u"event"_s, u"big"_s}, {u"payload"_s, chunk}});
        QCOMPARE(status(sender->replyTo(ref)), u"ok"_s);
        if (reader.state() != QAbstractSocket::ConnectedState)
            break;
    }
    // The reader was cut off: what it can still read ends long before 40 MB.
    qint64 read = 0;
    do // emptied first: with its buffer full, the socket reads nothing more
        read += reader.readAll().size();
    while (reader.state() == QAbstractSocket::ConnectedState && reader.waitForReadyRead(5000));
    read += reader.readAll().size();
    QVERIFY2(reader.state() != QAbstractSocket::ConnectedState, "the slow reader is still connected");
    QVERIFY2(read < qint64(messages) * chunk.size(), qPrintable(QString::number(read)));
    QVERIFY(!sender->disconnected);
}

void tst_Realtime::serverCloseClosesSockets()
{
    QVERIFY(start());
    QList<RealtimeClient *> clients;
    for (int i = 0; i < 4; ++i) {
        clients << client();
        QCOMPARE(status(clients.last()->join(u"realtime:x"_s, {})), u"ok"_s);
    }
    m_server->close();
    for (RealtimeClient *c : std::as_const(clients))
        QTRY_VERIFY(c->disconnected);
}

void tst_Realtime::projectUpdateKeepsSockets()
{
    QVERIFY(start());
    RealtimeClient *anon = client();
    RealtimeClient *service = client(TestSupport::serviceKey());
    for (RealtimeClient *c : {anon, service})
        QCOMPARE(
            status(c->join(u"realtime:m"_s, changesConfig({binding(u"INSERT"_s, u"messages"_s)}))), u"ok"_s);
    // The new project lets only signed-in users read messages: the anon socket stays, its changes stop.
    std::shared_ptr<Project> changed = realtimeProject();
    std::vector<PermissionRule> &rules = changed->tables.front().permissions;
    rules.erase(rules.begin());
    QVERIFY(m_server->updateProject(changed, m_server->config().schemaVersion));
    QVERIFY(insert("messages", R"({"room":"r","body":"after the update"})").startsWith("201"));
    QVERIFY(!service->takeEvent(u"realtime:m"_s, u"postgres_changes"_s).isEmpty());
    QVERIFY(!anon->receives(u"realtime:m"_s, u"postgres_changes"_s, 300));
    QCOMPARE(status(anon->replyTo(anon->push(u"phoenix"_s, u"heartbeat"_s, QJsonObject()))), u"ok"_s);
    QVERIFY(!anon->disconnected);
}

void tst_Realtime::unansweredCloseCutOff()
{
    QVERIFY(start());
    // A client that sends what is not JSON and never answers the close frame it gets.
    QTcpSocket raw;
    QCOMPARE(rawHandshake(raw, port()), QByteArray("HTTP/1.1 101 Switching Protocols"));
    raw.write(clientFrame("{not json"));
    QVERIFY(raw.waitForBytesWritten(5000));
    QByteArray received;
    while (raw.state() == QAbstractSocket::ConnectedState && raw.waitForReadyRead(20000))
        received += raw.readAll();
    QCOMPARE(raw.state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(quint8(received.at(0)), quint8(0x88)); // the close frame came first
}

void tst_Realtime::realtimeOffTable()
{
    QVERIFY(start());
    RealtimeClient *c = client(TestSupport::serviceKey());
    QCOMPARE(status(c->join(u"realtime:all"_s, changesConfig({binding(u"*"_s, u"*"_s)}))), u"ok"_s);
    // Every table means every table with Realtime on: a draft's insert is no event, a message's is.
    QVERIFY(insert("drafts", R"({"body":"not live"})").startsWith("201"));
    QVERIFY(insert("messages", R"({"room":"r","body":"live"})").startsWith("201"));
    const QJsonObject first = c->takeEvent(u"realtime:all"_s, u"postgres_changes"_s);
    QCOMPARE(dataOf(first).value(u"table"_s).toString(), u"messages"_s);
    QVERIFY(!c->receives(u"realtime:all"_s, u"postgres_changes"_s, 300));

    // Turned on while the server runs: the joined channel gets the drafts' changes from then on.
    std::shared_ptr<Project> changed = realtimeProject();
    changed->tables.back().realtime = true; // drafts
    QVERIFY(m_server->updateProject(changed, m_server->config().schemaVersion));
    QVERIFY(insert("drafts", R"({"body":"live now"})").startsWith("201"));
    const QJsonObject second = c->takeEvent(u"realtime:all"_s, u"postgres_changes"_s);
    QCOMPARE(dataOf(second).value(u"table"_s).toString(), u"drafts"_s);
    QCOMPARE(dataOf(second).value(u"record"_s).toObject().value(u"body"_s).toString(),
        u"live now"_s);
}


void tst_Realtime::twoServersOnePostgres()
{
    START_ON_ENGINE(u"postgresql"_s);
    // A second server on the same database, with its own change feed and realtime hub, as another
    // basalt-server process has.
    ServerConfig config {m_server->config().project, m_server->config().database, m_server->config().schemaVersion};
    config.jwtSecret = TestSupport::jwtSecret();
    config.threads = 2;
    Server other(config);
    QVERIFY(other.listen(QHostAddress::LocalHost, 0));
    RealtimeClient *here = client(TestSupport::serviceKey());
    auto *there = new RealtimeClient;
    m_clients << there;
    QVERIFY(there->open(other.port(), TestSupport::anonKey(), u"2.0.0"_s));
    const QJsonObject config2 = changesConfig({binding(u"*"_s, u"messages"_s)});
    QCOMPARE(status(here->join(u"realtime:m"_s, config2)), u"ok"_s);
    QCOMPARE(status(there->join(u"realtime:m"_s, config2)), u"ok"_s);

    // Written through this server: its subscriber gets it once, the other server's once (relayed); the
    // other way round too. A row larger than a NOTIFY payload (8,000 bytes) arrives whole.
    const QString large = QString(u"ä€"_s).repeated(6000); // 30,000 bytes of UTF-8
    const struct
    {
        quint16 port;
        QString body;
    } writes[] = {{port(), u"from here"_s}, {other.port(), u"from there"_s}, {other.port(), large}};
    for (const auto &write : writes) {
        const QByteArray body = QJsonDocument(QJsonObject {{u"room"_s, u"r"_s}, {u"body"_s, write.body}})
                                    .toJson(QJsonDocument::Compact);
        QCOMPARE(http(write.port, "POST", "/rest/v1/messages", TestSupport::serviceKey(), body).status, 201);
        for (RealtimeClient *c : {here, there}) {
            const QJsonObject event = c->takeEvent(u"realtime:m"_s, u"postgres_changes"_s);
            QCOMPARE(dataOf(event).value(u"type"_s).toString(), u"INSERT"_s);
            QCOMPARE(dataOf(event).value(u"record"_s).toObject().value(u"body"_s).toString(), write.body);
        }
    }
    for (RealtimeClient *c : {here, there})
        QVERIFY(!c->receives(u"realtime:m"_s, u"postgres_changes"_s, 500));
    // The rules apply on the receiving server: the anon subscriber there never gets the hidden field.
    QVERIFY(http(port(), "POST", "/rest/v1/messages", TestSupport::serviceKey(),
        R"({"room":"r","body":"b","secret":"s"})").status == 201);
    QVERIFY(!dataOf(there->takeEvent(u"realtime:m"_s, u"postgres_changes"_s))
                 .value(u"record"_s)
                 .toObject()
                 .contains(u"secret"_s));
    QVERIFY(dataOf(here->takeEvent(u"realtime:m"_s, u"postgres_changes"_s))
                .value(u"record"_s)
                .toObject()
                .contains(u"secret"_s));

    // Broadcasts cross too, once each: over the socket (self off: the sender's own server does not echo it)
    // and over HTTP; the presence of a topic stays with each server.
    const QString room = u"realtime:room"_s;
    const QJsonObject quiet {{u"broadcast"_s, QJsonObject {{u"self"_s, false}}}};
    QCOMPARE(status(here->join(room, quiet)), u"ok"_s);
    QCOMPARE(status(there->join(room, quiet)), u"ok"_s);
    const QJsonObject hello {{u"type"_s, u"broadcast"_s}, {u"event"_s, u"hello"_s},
        {u"payload"_s, QJsonObject {{u"n"_s, 1}}}};
    here->push(room, u"broadcast"_s, hello);
    QCOMPARE(there->takeEvent(room, u"broadcast"_s).value(u"payload"_s).toObject(), hello);
    QCOMPARE(http(other.port(), "POST", "/realtime/v1/api/broadcast", TestSupport::anonKey(),
                 R"({"messages":[{"topic":"room","event":"rest","payload":{"n":2}}]})")
                 .status,
        202);
    for (RealtimeClient *c : {here, there})
        QCOMPARE(c->takeEvent(room, u"broadcast"_s).value(u"payload"_s).toObject().value(u"event"_s).toString(),
            u"rest"_s);
    for (RealtimeClient *c : {here, there})
        QVERIFY(!c->receives(room, u"broadcast"_s, 500));
}

QTEST_GUILESS_MAIN(tst_Realtime)
#include "tst_realtime.moc"
