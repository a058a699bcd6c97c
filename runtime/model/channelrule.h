// SPDX-License-Identifier: GPL-3.0-or-later
// ChannelRule: who may join, broadcast on and track presence on private realtime channels of a name pattern.
#pragma once

#include "ids.h"

#include <QString>

#include <optional>

namespace Runtime {

/** What a caller does on a private realtime channel; each has its own rule. */
enum class ChannelAction {
    Join, ///< join the channel and receive what is sent on it (Supabase: read)
    Broadcast, ///< send a broadcast on it, over the socket or the REST API (Supabase: write)
    Track ///< track presence on it (Supabase: presence write)
};

QString channelActionName(ChannelAction action);
std::optional<ChannelAction> channelActionFromName(const QString &name);

/** The rules of the private realtime channels (`config: {private: true}`) whose name matches \a pattern.
    The pattern is the channel's name as the client gives it (`supabase.channel('org:7:chat')`): `*` matches
    any run of characters, `{name}` a non-empty run without `:` that the rules can compare as a value
    (`org:{organization_id}:*`), everything else itself. Each action has a rule, an expression on the caller
    in the permission rule language (auth.uid, auth.role, auth.email, auth.claims.<name>) and on the
    pattern's `{name}` parts: absent (std::nullopt) means only the service role may, empty means everyone
    may. The rules of every pattern that matches a channel are combined with "or"; a private channel no
    pattern matches is open to the service role only. Compiled by ChannelPolicy (runtime/rules). Owned by
    value by its Project. */
struct ChannelRule
{
    ObjectId id;
    QString pattern;
    std::optional<QString> join;
    std::optional<QString> broadcast;
    std::optional<QString> track;
    QString description;

    /** Returns the rule of \a action. */
    const std::optional<QString> &rule(ChannelAction action) const
    {
        return action == ChannelAction::Join ? join : (action == ChannelAction::Broadcast ? broadcast : track);
    }
    std::optional<QString> &rule(ChannelAction action)
    {
        return action == ChannelAction::Join ? join : (action == ChannelAction::Broadcast ? broadcast : track);
    }

    bool operator==(const ChannelRule &) const = default;
};

} // namespace Runtime
