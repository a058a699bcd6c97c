// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeHub: the process-wide registry of realtime topics: broadcast and presence fan-out across request
// threads.
#pragma once

#include "storage/recordchange.h"
#include "withheldchange.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMetaObject>
#include <QMutex>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace Runtime {

class RealtimeEndpoint;

/** A message for every channel joined to one topic, whichever thread its socket is on: a broadcast or a
    presence diff. Immutable once the hub hands it out; each endpoint encodes it once for its sockets. */
struct TopicMessage
{
    enum class Kind { Broadcast, PresenceDiff };
    Kind kind = Kind::Broadcast;
    quint64 sequence = 0; ///< the hub's order; a channel that joined at or after it does not get it
    QString topic;
    QString userEvent; ///< Broadcast: the sender's event name
    QJsonValue payload; ///< Broadcast with a JSON payload: the payload; PresenceDiff: {joins, leaves}
    QByteArray binaryPayload; ///< Broadcast sent as binary (kind 3, encoding 0): the payload bytes
    bool isBinary = false;
    quint64 excludedSubscriber = 0; ///< the sender's channel when it joined with broadcast.self false
    bool isPrivate = false; ///< for the private channels of the topic (a topic's public ones are another)
};

/** The process-wide side of realtime: which request thread (RealtimeEndpoint) has channels on which
    topic, the presence of every topic, and the change feed's subscribers. Broadcasts and presence diffs are
    handed to each endpoint with a channel on the topic as one queued call per thread and message (the
    endpoint fans out to its own sockets), so the cost per message grows with the threads, not the
    subscribers. Committed changes go the same way to the endpoints that have postgres_changes bindings.
    A topic's private channels (`config.private`) and its public ones are two topics, as in Supabase
    Realtime: nothing sent or tracked on one reaches the other. Thread-safe (one mutex); shared by the
    Server and its threads (ServerConfig::realtimeHub). */
class RealtimeHub : public QObject
{
    Q_OBJECT

public:
    /** Listens to \a feed while some channel has postgres_changes bindings. */
    explicit RealtimeHub(std::shared_ptr<ChangeFeed> feed);
    ~RealtimeHub() override;

    /** What a channel gets when it joins: the hub's sequence at that moment, and the topic's presence
        (`{key: {metas: [...]}}`) as of that sequence. */
    struct Joined
    {
        quint64 sequence = 0;
        QJsonObject presenceState;
    };

    /** Returns a number no other channel subscription of this process has (a subscriber id). */
    quint64 nextSubscriberId() { return m_nextSubscriber.fetch_add(1) + 1; }

    /** Registers \a endpoint (on its thread, before its first channel) and removes it (in its destructor:
        nothing is delivered to it afterwards). */
    void addEndpoint(RealtimeEndpoint *endpoint);
    void removeEndpoint(RealtimeEndpoint *endpoint);

    /** Records that a channel of \a endpoint joined \a topic (its private channels when \a isPrivate);
        returns the sequence and presence it starts from. */
    Joined join(const QString &topic, bool isPrivate, RealtimeEndpoint *endpoint);
    /** Records that the channel \a subscriber of \a endpoint left \a topic (or its socket closed): its
        presence leaves (a presence_diff to the others). */
    void leave(const QString &topic, bool isPrivate, RealtimeEndpoint *endpoint, quint64 subscriber);

    /** Hands \a message to every endpoint with a channel on its topic (sets its sequence), and a broadcast to
        the relay, if one is set. */
    void broadcast(TopicMessage message);
    /** Hands \a message, a broadcast another server on the same database received, to this server's
        channels on its topic (not to the relay again). */
    void deliverRelayed(TopicMessage message);
    /** Sets what broadcast() hands each message to besides this server's channels (the ChangeRelay, on
        PostgreSQL); an empty function: nothing. Called on any thread. */
    void setBroadcastRelay(std::function<void(const TopicMessage &)> relay);

    /** Tracks \a payload as the presence of \a subscriber under \a key on \a topic, replacing what it
        tracked before there; sends the presence_diff. */
    void track(const QString &topic, bool isPrivate, quint64 subscriber, const QString &key,
        const QJsonObject &payload);
    /** Removes what \a subscriber tracked on \a topic; sends the presence_diff if there was something. */
    void untrack(const QString &topic, bool isPrivate, quint64 subscriber);

    /** Adds \a delta (+1, -1) to the postgres_changes bindings of \a endpoint: an endpoint with bindings is
        handed every committed change (RealtimeEndpoint::deliverChanges()). */
    void watchChanges(RealtimeEndpoint *endpoint, int delta);

    /** Hands \a changes, committed by this server (its ChangeFeed) or another one on the same PostgreSQL
        database (the ChangeRelay), to every endpoint with postgres_changes bindings. */
    void deliverCommitted(const QList<RecordChange> &changes);

    /** Returns the number of endpoints that have a channel on \a topic (for tests and the request log). */
    int endpointCount(const QString &topic, bool isPrivate = false) const;

    /** Returns the realtime sockets open now, and the channels joined on them (the request log shows them).
        Thread-safe, like countSocket(): \a delta (+1, -1) when an endpoint adopts or loses a socket. */
    int socketCount() const { return m_sockets.load(); }
    int channelCount() const { return m_channels.load(); }
    void countSocket(int delta);

    /** Returns whether anything listens to changeWithheld(): only then are withheld changes explained. */
    bool isWithheldObserved() const;
    /** Emits changeWithheld(\a change) (on the calling request thread). */
    void reportWithheld(const WithheldChange &change) { emit changeWithheld(change); }

signals:
    /** socketCount() or channelCount() changed; emitted on the thread that changed it. */
    void countsChanged();
    /** A change matched bindings of a channel whose rules withheld it (a diagnostic for the designer's
        own server, never sent to a client); emitted on a request thread. */
    void changeWithheld(const Runtime::WithheldChange &change);

private:
    struct PresenceMeta
    {
        quint64 subscriber = 0;
        QString key;
        QString phxRef;
        QJsonObject payload;
    };
    struct Topic
    {
        QHash<RealtimeEndpoint *, int> endpoints; ///< channels per endpoint
        QList<PresenceMeta> presence;
    };

    /** Returns the key of m_topics for \a topic's private or public channels. */
    static QString keyOf(const QString &topic, bool isPrivate);
    /** Under m_mutex: the presence_diff of \a joins and \a leaves on \a topic, posted. */
    void postDiffLocked(const QString &topic, bool isPrivate, const QJsonObject &joins, const QJsonObject &leaves);
    /** Under m_mutex: sets the sequence of \a message and posts it to the endpoints of its topic. */
    void postLocked(TopicMessage &&message);
    /** Under m_mutex: removes \a subscriber's presence from \a topic; returns the leaves (`{key: {metas}}`).
     */
    QJsonObject removePresenceLocked(Topic &topic, quint64 subscriber);
    static QJsonObject presenceGroup(const QList<PresenceMeta> &metas);

    mutable QMutex m_mutex;
    QHash<QString, Topic> m_topics;
    QList<RealtimeEndpoint *> m_endpoints;
    QHash<RealtimeEndpoint *, int> m_changeWatchers;
    quint64 m_sequence = 0;
    quint64 m_presenceRefs = 0;
    std::atomic<quint64> m_nextSubscriber {0};
    std::atomic<int> m_sockets {0};
    std::atomic<int> m_channels {0};
    std::shared_ptr<ChangeFeed> m_feed;
    std::function<void(const TopicMessage &)> m_broadcastRelay; ///< guarded by m_mutex
    QMetaObject::Connection m_feedConnection;
};

} // namespace Runtime
