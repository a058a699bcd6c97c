// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeHub: the process-wide registry of realtime topics: broadcast and presence fan-out across request
// threads.
#include "realtimehub.h"

#include "realtimeendpoint.h"

#include <QJsonArray>
#include <QMetaMethod>
#include <QMutexLocker>

namespace Runtime {

RealtimeHub::RealtimeHub(std::shared_ptr<ChangeFeed> feed)
    : m_feed(std::move(feed))
{ }

RealtimeHub::~RealtimeHub()
{
    QObject::disconnect(m_feedConnection);
}

void RealtimeHub::addEndpoint(RealtimeEndpoint *endpoint)
{
    QMutexLocker locker(&m_mutex);
    if (!m_endpoints.contains(endpoint))
        m_endpoints.append(endpoint);
}

void RealtimeHub::removeEndpoint(RealtimeEndpoint *endpoint)
{
    QMutexLocker locker(&m_mutex);
    m_endpoints.removeAll(endpoint);
    int channels = 0;
    for (auto topic = m_topics.begin(); topic != m_topics.end();) {
        channels += topic->endpoints.value(endpoint);
        topic->endpoints.remove(endpoint);
        if (topic->endpoints.isEmpty())
            topic = m_topics.erase(topic);
        else
            ++topic;
    }
    if (m_changeWatchers.remove(endpoint) && m_changeWatchers.isEmpty())
        QObject::disconnect(std::exchange(m_feedConnection, {}));
    locker.unlock();
    if (channels > 0) {
        m_channels -= channels;
        emit countsChanged();
    }
}

QString RealtimeHub::keyOf(const QString &topic, bool isPrivate)
{
    return (isPrivate ? u'1' : u'0') + topic;
}

RealtimeHub::Joined RealtimeHub::join(const QString &topic, bool isPrivate, RealtimeEndpoint *endpoint)
{
    QMutexLocker locker(&m_mutex);
    Topic &state = m_topics[keyOf(topic, isPrivate)];
    ++state.endpoints[endpoint];
    const Joined joined {m_sequence, presenceGroup(state.presence)};
    locker.unlock();
    ++m_channels;
    emit countsChanged();
    return joined;
}

void RealtimeHub::leave(const QString &topic, bool isPrivate, RealtimeEndpoint *endpoint, quint64 subscriber)
{
    QMutexLocker locker(&m_mutex);
    const auto found = m_topics.find(keyOf(topic, isPrivate));
    if (found == m_topics.end())
        return;
    const QJsonObject leaves = removePresenceLocked(*found, subscriber);
    const auto count = found->endpoints.find(endpoint);
    const bool counted = count != found->endpoints.end();
    if (counted && --*count <= 0)
        found->endpoints.erase(count);
    if (!leaves.isEmpty())
        postDiffLocked(topic, isPrivate, QJsonObject(), leaves);
    if (found->endpoints.isEmpty() && found->presence.isEmpty())
        m_topics.erase(found);
    locker.unlock();
    if (counted) {
        --m_channels;
        emit countsChanged();
    }
}

void RealtimeHub::broadcast(TopicMessage message)
{
    std::function<void(const TopicMessage &)> relay;
    {
        QMutexLocker locker(&m_mutex);
        relay = m_broadcastRelay;
        if (!relay) {
            postLocked(std::move(message));
            return;
        }
        postLocked(TopicMessage(message));
    }
    message.excludedSubscriber = 0; // a channel id of this process means nothing to the others
    relay(message);
}

void RealtimeHub::deliverRelayed(TopicMessage message)
{
    message.excludedSubscriber = 0;
    QMutexLocker locker(&m_mutex);
    postLocked(std::move(message));
}

void RealtimeHub::setBroadcastRelay(std::function<void(const TopicMessage &)> relay)
{
    QMutexLocker locker(&m_mutex);
    m_broadcastRelay = std::move(relay);
}

void RealtimeHub::postDiffLocked(
    const QString &topic, bool isPrivate, const QJsonObject &joins, const QJsonObject &leaves)
{
    TopicMessage diff;
    diff.kind = TopicMessage::Kind::PresenceDiff;
    diff.topic = topic;
    diff.isPrivate = isPrivate;
    diff.payload = QJsonObject {{QStringLiteral("joins"), joins}, {QStringLiteral("leaves"), leaves}};
    postLocked(std::move(diff));
}

void RealtimeHub::postLocked(TopicMessage &&message)
{
    message.sequence = ++m_sequence;
    const auto found = m_topics.constFind(keyOf(message.topic, message.isPrivate));
    if (found == m_topics.cend() || found->endpoints.isEmpty())
        return;
    const auto shared = std::make_shared<const TopicMessage>(std::move(message));
    for (auto endpoint = found->endpoints.cbegin(); endpoint != found->endpoints.cend(); ++endpoint) {
        RealtimeEndpoint *target = endpoint.key();
        // Posted under the mutex: each endpoint receives the topic's messages in sequence order, and an
        // endpoint that removed itself (under the same mutex) is never posted to again.
        QMetaObject::invokeMethod(
            target, [target, shared] { target->deliver(shared); }, Qt::QueuedConnection);
    }
}

void RealtimeHub::track(const QString &topic, bool isPrivate, quint64 subscriber, const QString &key,
    const QJsonObject &payload)
{
    QMutexLocker locker(&m_mutex);
    Topic &state = m_topics[keyOf(topic, isPrivate)];
    const QJsonObject leaves = removePresenceLocked(state, subscriber);
    PresenceMeta meta {subscriber, key, QStringLiteral("F%1").arg(++m_presenceRefs, 0, 36), payload};
    state.presence.append(meta);
    postDiffLocked(topic, isPrivate, presenceGroup({meta}), leaves);
}

void RealtimeHub::untrack(const QString &topic, bool isPrivate, quint64 subscriber)
{
    QMutexLocker locker(&m_mutex);
    const auto found = m_topics.find(keyOf(topic, isPrivate));
    if (found == m_topics.end())
        return;
    const QJsonObject leaves = removePresenceLocked(*found, subscriber);
    if (!leaves.isEmpty())
        postDiffLocked(topic, isPrivate, QJsonObject(), leaves);
}

QJsonObject RealtimeHub::removePresenceLocked(Topic &topic, quint64 subscriber)
{
    QList<PresenceMeta> removed;
    for (auto meta = topic.presence.begin(); meta != topic.presence.end();) {
        if (meta->subscriber == subscriber) {
            removed.append(*meta);
            meta = topic.presence.erase(meta);
        } else {
            ++meta;
        }
    }
    return presenceGroup(removed);
}

QJsonObject RealtimeHub::presenceGroup(const QList<PresenceMeta> &metas)
{
    QHash<QString, QJsonArray> byKey;
    QStringList order;
    for (const PresenceMeta &meta : metas) {
        QJsonObject entry = meta.payload;
        entry.insert(QStringLiteral("phx_ref"), meta.phxRef);
        if (!byKey.contains(meta.key))
            order.append(meta.key);
        byKey[meta.key].append(entry);
    }
    QJsonObject group;
    for (const QString &key : order)
        group.insert(key, QJsonObject {{QStringLiteral("metas"), byKey.value(key)}});
    return group;
}

void RealtimeHub::watchChanges(RealtimeEndpoint *endpoint, int delta)
{
    QMutexLocker locker(&m_mutex);
    int &count = m_changeWatchers[endpoint];
    count += delta;
    if (count <= 0)
        m_changeWatchers.remove(endpoint);
    const bool connected = bool(m_feedConnection);
    if (!m_changeWatchers.isEmpty() && !connected && m_feed) {
        // Direct: runs on the writing thread, right after its commit, and only posts to the endpoints.
        m_feedConnection = connect(
            m_feed.get(), &ChangeFeed::committed, this, &RealtimeHub::deliverCommitted, Qt::DirectConnection);
    } else if (m_changeWatchers.isEmpty() && connected) {
        // Writers stop reading rows for the feed when nothing listens (ChangeFeed::isObserved()).
        QObject::disconnect(std::exchange(m_feedConnection, {}));
    }
}

void RealtimeHub::deliverCommitted(const QList<RecordChange> &changes)
{
    // A CSV import's batch (bulk) is no event for anyone: not even posted (see the README).
    if (std::all_of(changes.cbegin(), changes.cend(), [](const RecordChange &change) { return change.bulk; }))
        return;
    QMutexLocker locker(&m_mutex);
    for (auto watcher = m_changeWatchers.cbegin(); watcher != m_changeWatchers.cend(); ++watcher) {
        RealtimeEndpoint *target = watcher.key();
        QMetaObject::invokeMethod(
            target, [target, changes] { target->deliverChanges(changes); }, Qt::QueuedConnection);
    }
}

void RealtimeHub::countSocket(int delta)
{
    m_sockets += delta;
    emit countsChanged();
}

bool RealtimeHub::isWithheldObserved() const
{
    static const QMetaMethod signal = QMetaMethod::fromSignal(&RealtimeHub::changeWithheld);
    return isSignalConnected(signal);
}

int RealtimeHub::endpointCount(const QString &topic, bool isPrivate) const
{
    QMutexLocker locker(&m_mutex);
    return int(m_topics.value(keyOf(topic, isPrivate)).endpoints.size());
}

} // namespace Runtime
