// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeChannel: one channel a realtime socket joined: its config, who it acts as, its postgres_changes
// bindings.
#pragma once

#include "core/result.h"
#include "postgreschangebinding.h"
#include "realtimeauth.h"
#include "realtimemessage.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <vector>

namespace Runtime {

class ChangeAudience;
class RealtimeHub;
struct ServerConfig;

/** A channel joined on a realtime socket (phx_join on `realtime:<name>`): its join ref, who it acts as (the
    socket's key, or the join's access_token), its broadcast (`self`, `ack`) and presence (`key`, `enabled`)
    config and its postgres_changes bindings. Made by fromJoin(); owned by its RealtimeConnection. */
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
    QString presenceKey; ///< the join's presence key, or a generated UUID
    std::vector<PostgresChangeBinding> bindings;

    /** Returns the channel the phx_join \a message asks for, acting as \a socketIdentity unless its
        access_token names another caller, its bindings checked against \a config's project (ids from
        \a hub). Fails with the join's error reason, "Code: message" as Supabase Realtime words them. */
    static Result<RealtimeChannel> fromJoin(const RealtimeMessage &message,
        const RealtimeIdentity &socketIdentity, const ServerConfig &config, RealtimeHub &hub);

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

} // namespace Runtime
