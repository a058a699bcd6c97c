// SPDX-License-Identifier: GPL-3.0-or-later
// ChangeRelay: committed changes between basalt-server processes that share one PostgreSQL database.
#include "changerelay.h"

#include "realtimehub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Runtime {

namespace {

const QString s_prefix = QStringLiteral("basalt1");
// PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more: a message up to this size goes as it is, a
// larger one base64-encoded in parts of this many bytes (7,468 characters each).
constexpr qsizetype s_wholeBytes = 7700;
constexpr qsizetype s_partBytes = 5600;
constexpr int s_maxPartial = 256; // messages in parts not yet complete; more means parts were lost

RecordOperation operationNamed(const QString &name)
{
    if (name == QLatin1String("UPDATE"))
        return RecordOperation::Update;
    if (name == QLatin1String("DELETE"))
        return RecordOperation::Delete;
    return RecordOperation::Insert;
}

} // namespace

QJsonObject changeToJson(const RecordChange &change)
{
    QJsonObject object {{QStringLiteral("t"), change.table},
        {QStringLiteral("o"), recordOperationName(change.operation)}, {QStringLiteral("k"), change.key},
        {QStringLiteral("at"), double(change.committedAt.toMSecsSinceEpoch())}};
    if (!change.newRow.isEmpty())
        object.insert(QStringLiteral("n"), change.newRow);
    if (!change.oldRow.isEmpty())
        object.insert(QStringLiteral("d"), change.oldRow);
    return object;
}

RecordChange changeFromJson(const QJsonObject &object)
{
    RecordChange change;
    change.table = object.value(QLatin1String("t")).toString();
    change.operation = operationNamed(object.value(QLatin1String("o")).toString());
    change.key = object.value(QLatin1String("k"));
    change.newRow = object.value(QLatin1String("n")).toObject();
    change.oldRow = object.value(QLatin1String("d")).toObject();
    change.committedAt
        = QDateTime::fromMSecsSinceEpoch(qint64(object.value(QLatin1String("at")).toDouble()), Qt::UTC);
    return change;
}

ChangeRelay::ChangeRelay(
    DatabaseUrl database, std::shared_ptr<ChangeFeed> feed, std::shared_ptr<RealtimeHub> hub)
    : m_url(std::move(database))
    , m_feed(std::move(feed))
    , m_hub(std::move(hub))
    , m_serverId(QUuid::createUuid().toString(QUuid::Id128))
{ }

ChangeRelay::~ChangeRelay() = default;

QString ChangeRelay::channelName()
{
    return QStringLiteral("basalt_changes");
}

Result<void> ChangeRelay::start()
{
    Result<std::unique_ptr<Database>> opened = Database::open(m_url);
    if (!opened)
        return opened.error();
    m_database = std::move(opened).value();
    QSqlDriver *driver = m_database->connection().driver();
    connect(driver, &QSqlDriver::notification, this, &ChangeRelay::onNotification);
    if (!driver->subscribeToNotification(channelName()))
        return Error(ErrorCode::DatabaseQueryFailed,
            QStringLiteral("Could not listen for the changes of other servers on %1: %2")
                .arg(m_url.displayString(), driver->lastError().text()));
    // Collected on the writing thread, sent from this one: a write never waits for the NOTIFY.
    m_feedConnection = connect(
        m_feed.get(), &ChangeFeed::committed, this,
        [this](const QList<RecordChange> &changes) {
            QList<RecordChange> rows;
            for (const RecordChange &change : changes) {
                if (!change.bulk)
                    rows.append(change);
            }
            if (!rows.isEmpty())
                QMetaObject::invokeMethod(
                    this, [this, rows] { send(rows); }, Qt::QueuedConnection);
        },
        Qt::DirectConnection);
    // Broadcasts too, from whichever thread sends them (the topic's presence stays with each server).
    m_hub->setBroadcastRelay([this](const TopicMessage &message) {
        QMetaObject::invokeMethod(
            this, [this, message] { sendBroadcast(message); }, Qt::QueuedConnection);
    });
    return {};
}

void ChangeRelay::stop()
{
    m_hub->setBroadcastRelay({});
    QObject::disconnect(std::exchange(m_feedConnection, {}));
    m_database.reset();
}

QStringList ChangeRelay::encode(const QList<RecordChange> &changes, const QString &serverId, quint64 sequence)
{
    QJsonArray list;
    for (const RecordChange &change : changes)
        list.append(changeToJson(change));
    return encodeMessage(QJsonObject {{QStringLiteral("c"), list}}, serverId, sequence);
}

QStringList ChangeRelay::encodeMessage(const QJsonObject &message, const QString &serverId, quint64 sequence)
{
    const QByteArray json = QJsonDocument(message).toJson(QJsonDocument::Compact);
    const QString head = s_prefix + u' ' + serverId + u' ' + QString::number(sequence) + u' ';
    if (json.size() <= s_wholeBytes)
        return {head + QStringLiteral("1/1 ") + QString::fromUtf8(json)};
    QStringList parts;
    const qsizetype count = (json.size() + s_partBytes - 1) / s_partBytes;
    for (qsizetype i = 0; i < count; ++i)
        parts.append(head + QStringLiteral("%1/%2 ").arg(i + 1).arg(count)
            + QString::fromLatin1(json.mid(i * s_partBytes, s_partBytes).toBase64()));
    return parts;
}

void ChangeRelay::sendBroadcast(const TopicMessage &message)
{
    QJsonObject broadcast {
        {QStringLiteral("topic"), message.topic}, {QStringLiteral("event"), message.userEvent}};
    if (message.isPrivate)
        broadcast.insert(QStringLiteral("private"), true);
    if (message.isBinary)
        broadcast.insert(QStringLiteral("binary"), QString::fromLatin1(message.binaryPayload.toBase64()));
    else
        broadcast.insert(QStringLiteral("payload"), message.payload);
    notify(encodeMessage(QJsonObject {{QStringLiteral("b"), broadcast}}, m_serverId, ++m_sequence), 1);
}

void ChangeRelay::send(const QList<RecordChange> &changes)
{
    notify(encode(changes, m_serverId, ++m_sequence), changes.size());
}

void ChangeRelay::notify(const QStringList &payloads, qsizetype count)
{
    if (!m_database)
        return;
    QSqlDatabase &db = m_database->connection();
    // The parts of one message in one transaction: PostgreSQL delivers them together, in order.
    const bool several = payloads.size() > 1;
    if (several)
        db.transaction();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT pg_notify(?, ?)"));
    for (const QString &payload : payloads) {
        query.addBindValue(channelName());
        query.addBindValue(payload);
        if (!query.exec()) {
            qWarning("realtime: could not send %lld changes or broadcasts to the other servers: %s",
                qlonglong(count), qPrintable(query.lastError().text()));
            if (several)
                db.rollback();
            return;
        }
    }
    if (several)
        db.commit();
}

void ChangeRelay::onNotification(
    const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload)
{
    if (name != channelName() || source == QSqlDriver::SelfSource)
        return;
    const QString text = payload.toString();
    // basalt1 <server> <sequence> <part>/<parts> <text>
    const QList<QStringView> head = QStringView(text).left(120).split(u' ');
    if (head.size() < 5 || head[0] != s_prefix || head[1] == m_serverId)
        return;
    const QList<QStringView> position = head[3].split(u'/');
    const int part = position.value(0).toInt();
    const int parts = position.value(1).toInt();
    const qsizetype bodyAt = head[0].size() + head[1].size() + head[2].size() + head[3].size() + 4;
    QByteArray json;
    if (parts == 1) {
        json = QStringView(text).mid(bodyAt).toUtf8();
    } else {
        const QString key = head[1] + u' ' + head[2];
        QStringList &received = m_partial[key];
        if (part != received.size() + 1) { // a part was lost: drop the message
            m_partial.remove(key);
            return;
        }
        received.append(text.mid(bodyAt));
        if (received.size() < parts) {
            if (m_partial.size() > s_maxPartial)
                m_partial.clear();
            return;
        }
        for (const QString &piece : m_partial.take(key))
            json += QByteArray::fromBase64(piece.toLatin1());
    }
    const QJsonObject message = QJsonDocument::fromJson(json).object();
    if (const QJsonObject broadcast = message.value(QLatin1String("b")).toObject(); !broadcast.isEmpty()) {
        TopicMessage relayed;
        relayed.topic = broadcast.value(QLatin1String("topic")).toString();
        relayed.userEvent = broadcast.value(QLatin1String("event")).toString();
        relayed.isPrivate = broadcast.value(QLatin1String("private")).toBool();
        relayed.isBinary = broadcast.contains(QLatin1String("binary"));
        if (relayed.isBinary)
            relayed.binaryPayload
                = QByteArray::fromBase64(broadcast.value(QLatin1String("binary")).toString().toLatin1());
        else
            relayed.payload = broadcast.value(QLatin1String("payload"));
        m_hub->deliverRelayed(std::move(relayed));
        return;
    }
    QList<RecordChange> changes;
    for (const QJsonValue &value : message.value(QLatin1String("c")).toArray())
        changes.append(changeFromJson(value.toObject()));
    if (!changes.isEmpty())
        m_hub->deliverCommitted(changes);
}

} // namespace Runtime
