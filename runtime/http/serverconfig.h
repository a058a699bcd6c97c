// SPDX-License-Identifier: GPL-3.0-or-later
// ServerConfig: what a running server serves, shared read-only by every request.
#pragma once

#include "model/project.h"
#include "projectupdates.h"
#include "requestlog.h"
#include "scripting/functionenvironment.h"
#include "storage/database.h"

#include <QByteArray>

#include <functional>
#include <memory>

namespace Runtime {

class AccessPolicy;
class ChangeFeed;
class RealtimeHub;
class Router;
class SessionRevocations;
class SignInLimiter;

/** The limits of one realtime WebSocket connection (see RealtimeConnection). Supabase's published
    figures where it has one (100 channels per connection, a 256 KB broadcast on its free plan). */
struct RealtimeLimits
{
    qint64 maxMessageBytes = 1024 * 1024; ///< a larger frame or message closes the socket (1009)
    qint64 maxBroadcastBytes = 256 * 1024; ///< a larger broadcast payload is refused (payload_size_exceeded)
    qint64 maxUnsentBytes = 4 * 1024 * 1024; ///< a client that lets more wait unread is cut off
    int heartbeatTimeoutMs = 60000; ///< a socket that sends nothing (no heartbeat) this long is closed
    int maxChannels = 100; ///< channels joined at once per connection (ChannelRateLimitReached)
    int maxJoinsPerSecond = 100; ///< joins per connection per second (ClientJoinRateLimitReached)
    /** Messages a connection sends on its channels per second (broadcast, presence, access_token; not
        joins, leaves or heartbeats); the next one shuts its channel ("Too many messages per second"). */
    int maxMessagesPerSecond = 100;
    /** Presence calls (track, untrack) per channel per presenceWindowMs, as Supabase Realtime's
        CLIENT_PRESENCE_MAX_CALLS and _WINDOW_MS; the next one shuts the channel ("Client presence rate
        limit exceeded"). A tracked payload larger than maxBroadcastBytes shuts it too. */
    int maxPresenceCalls = 5;
    int presenceWindowMs = 30000;
    /** Milliseconds on a monotonic clock, which the rate windows above count in. Empty: the steady clock;
        tests inject one so that a window's count does not depend on the machine's speed. */
    std::function<qint64()> clock;
};

/** The protective limits the transport enforces at the socket, before Qt buffers a request. The body
    limit is not here: it is the project's settings.maxRequestBodyBytes. */
struct ServerLimits
{
    qint64 maxHeaderBytes = 16 * 1024; ///< request line + headers; more is answered 431
    int idleTimeoutMs = 30000; ///< a keep-alive connection without a request is closed after this
    int requestTimeoutMs = 30000; ///< a request still incomplete this long after its first byte: 408
    RealtimeLimits realtime;
};

/** What the server serves: its own copy of the project (never the designer's live model), the database
    it was migrated into and the schema version that migration produced, and how it serves them. Copied
    into the Server, read-only afterwards, so request threads share it without locking. Each request
    thread opens its own connection from \c database (QSqlDatabase connections belong to one thread). */
struct ServerConfig
{
    std::shared_ptr<const Project> project;
    DatabaseUrl database;
    int schemaVersion = 0;
    int threads = 0; ///< request threads; 0: one per core, at least 2
    QByteArray jwtSecret; ///< signs and verifies access tokens and the anon/service keys; never sent
    std::shared_ptr<SignInLimiter> signInLimiter; ///< shared by every request thread; made by the Server if null
    std::shared_ptr<SessionRevocations> sessionRevocations; ///< likewise
    /** Live project updates, picked up by every thread between requests; made by the Server if null. */
    std::shared_ptr<ProjectUpdates> projectUpdates;
    /** Where every committed write is announced (triggers, realtime and the designer listen); made by the
        Server if null. */
    std::shared_ptr<ChangeFeed> changeFeed;
    /** The realtime channels of every request thread (broadcast, presence, postgres_changes); made by the
        Server if null. */
    std::shared_ptr<RealtimeHub> realtimeHub;
    /** The routes of \c project (its endpoints included); made by the Server, replaced with the project. */
    std::shared_ptr<const Router> router;
    /** What functions read with env.get() (see loadFunctionEnvironment()). */
    FunctionEnvironment functionEnvironment;
    /** Set by the Server while it listens: has its background jobs run the after-trigger queue soon
        (called after a commit that queued jobs). */
    std::function<void()> wakeTriggerJobs;
    ServerLimits limits;
    RequestObserver requestObserver; ///< told about every answered request (see RequestLogEntry); may be empty
};

} // namespace Runtime
