// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeChannel: one channel a realtime socket joined: its config, who it acts as, its postgres_changes
// bindings.
#pragma once

#include "core/result.h"
#include "postgreschangebinding.h"
#include "ratewindow.h"
#include "realtimeauth.h"
#include "realtimemessage.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <vector>

namespace Runtime {

class ChangeAudience;
class ChannelPolicy;
class RealtimeHub;
struct ServerConfig;

/** A channel joined on a realtime socket (phx_join on `realtime:<name>`): its join ref, who it acts as (the
    socket's key, or the join's access_token), whether it is private (`config.private`: the project's
    channel rules decide who may join, broadcast and track), its broadcast (`self`, `ack`) and presence
    (`key`, `enabled`) config and its postgres_changes bindings. Made by fromJoin(); owned by its RealtimeConnection. */
struct RealtimeChannel
{
    QString topic;
    QJsonValue joinRef;
    quint64 subscriber = 0; ///< the hub's id of this channel (presence, broadcast self)
    quint64 joinedAt = 0; ///< the hub's sequence at the join: earlier messages are not for it
    RealtimeIdentity identity;
    bool broadcastSelf = false;
    bool broadcastAck = false;
    bool presenceEnabled = false;
    bool isPrivate = false;
    QString presenceKey; ///< the join's presence key, or a generated UUID
    RateWindow presenceCalls; ///< track and untrack calls (RealtimeLimits::maxPresenceCalls)
    std::vector<PostgresChangeBinding> bindings;

    /** Returns the channel the phx_join \a message asks for, acting as \a socketIdentity unless its
        access_token names another caller, a private one only if \a policy lets that caller join it, its
        bindings checked against \a config's project (ids from \a hub). Fails with the join's error reason,
        "Code: message" as Supabase Realtime words them. */
    static Result<RealtimeChannel> fromJoin(const RealtimeMessage &message,
        const RealtimeIdentity &socketIdentity, const ServerConfig &config, const ChannelPolicy &policy,
        RealtimeHub &hub);

    /** Returns true if this channel's caller may do \a action on it: always on a public channel, on a
        private one as \a policy says. */
    bool allows(ChannelAction action, const ChannelPolicy &policy) const;

    /** Returns the response of the join's ok reply: `{postgres_changes: [each binding as sent, with its
       id]}`, or an empty object without bindings (realtime-js compares the list, in order, with its own). */
    QJsonObject joinResponse() const;

    /** Returns the payload of the postgres_changes event that \a change of \a table makes on this channel,
        `{ids: [every matching binding], data}`, or an empty object when no binding matches or \a audience
        withholds the change from this channel's caller; then \a withheld (if given) gets the ids of the
        bindings it matched. */
    QJsonObject changePayload(const Table &table, const RecordChange &change, ChangeAudience &audience,
        QList<qint64> *withheld = nullptr) const;
};

/** Returns the channel name realtime-js shows for \a topic ("room1" of "realtime:room1"). */
QString realtimeSubTopic(const QString &topic);

/** Returns Supabase Realtime's reason for refusing \a action on the private channel of \a topic, e.g.
    "Unauthorized: You do not have permissions to read from this Channel topic: room1". */
QString channelRefusal(ChannelAction action, const QString &topic);

} // namespace Runtime
