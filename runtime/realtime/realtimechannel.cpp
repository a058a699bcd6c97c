// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeChannel: one channel a realtime socket joined: its config, who it acts as, its postgres_changes
// bindings.
#include "realtimechannel.h"

#include "changeaudience.h"
#include "http/serverconfig.h"
#include "realtimehub.h"
#include "rules/channelpolicy.h"

#include <QJsonArray>
#include <QUuid>

namespace Runtime {

namespace {
Error refused(const QString &reason)
{
    return Error(ErrorCode::InvalidBody, reason);
}
} // namespace

QString realtimeSubTopic(const QString &topic)
{
    return topic.startsWith(QLatin1String("realtime:")) ? topic.mid(9) : topic;
}

QString channelRefusal(ChannelAction action, const QString &topic)
{
    switch (action) {
    case ChannelAction::Join:
        break;
    case ChannelAction::Broadcast:
        return QStringLiteral("Unauthorized: You do not have permissions to write to this Channel topic: %1")
            .arg(realtimeSubTopic(topic));
    case ChannelAction::Track:
        return QStringLiteral(
            "Unauthorized: You do not have permissions to track presence on this Channel topic: %1")
            .arg(realtimeSubTopic(topic));
    }
    return QStringLiteral("Unauthorized: You do not have permissions to read from this Channel topic: %1")
        .arg(realtimeSubTopic(topic));
}

bool RealtimeChannel::allows(ChannelAction action, const ChannelPolicy &policy) const
{
    return !isPrivate || policy.allows(action, realtimeSubTopic(topic), identity.caller);
}

Result<RealtimeChannel> RealtimeChannel::fromJoin(const RealtimeMessage &message,
    const RealtimeIdentity &socketIdentity, const ServerConfig &config, const ChannelPolicy &policy,
    RealtimeHub &hub)
{
    const QJsonObject payload = message.payload.toObject();
    const QJsonObject settings = payload.value(QLatin1String("config")).toObject();
    RealtimeChannel channel;
    channel.topic = message.topic;
    channel.joinRef = message.joinRef.isUndefined() ? message.ref : message.joinRef;
    channel.identity = socketIdentity;
    // Tokens starting with sb_ are Supabase's new API keys, not access tokens (realtime ignores them too).
    const QString accessToken = payload.value(QLatin1String("access_token")).toString();
    if (!accessToken.isEmpty() && !accessToken.startsWith(QLatin1String("sb_"))) {
        Result<RealtimeIdentity> identity = RealtimeAuth::identify(accessToken.toUtf8(), config);
        if (!identity)
            return refused(QStringLiteral("InvalidJWTToken: ") + identity.error().message);
        channel.identity = std::move(identity).value();
    }
    channel.isPrivate = settings.value(QLatin1String("private")).toBool();
    if (!channel.allows(ChannelAction::Join, policy))
        return refused(channelRefusal(ChannelAction::Join, message.topic));
    const QJsonObject broadcast = settings.value(QLatin1String("broadcast")).toObject();
    channel.broadcastSelf = broadcast.value(QLatin1String("self")).toBool();
    channel.broadcastAck = broadcast.value(QLatin1String("ack")).toBool();
    const QJsonObject presence = settings.value(QLatin1String("presence")).toObject();
    channel.presenceEnabled = presence.value(QLatin1String("enabled")).toBool();
    const QJsonValue key = presence.value(QLatin1String("key"));
    channel.presenceKey
        = key.isString() ? key.toString() : (key.isDouble() ? QString::number(key.toDouble()) : QString());
    if (channel.presenceKey.isEmpty())
        channel.presenceKey = QUuid::createUuid().toString(QUuid::WithoutBraces);

    for (const QJsonValue &spec : settings.value(QLatin1String("postgres_changes")).toArray()) {
        Result<PostgresChangeBinding> binding = PostgresChangeBinding::parse(spec.toObject(), *config.project,
            qint64(hub.nextSubscriberId()), channel.identity.caller.isService());
        if (!binding)
            return refused(QStringLiteral("PostgresChangesError: ") + binding.error().message);
        channel.bindings.push_back(std::move(binding).value());
    }
    return channel;
}

QJsonObject RealtimeChannel::joinResponse() const
{
    if (bindings.empty())
        return {};
    QJsonArray echoed;
    for (const PostgresChangeBinding &binding : bindings)
        echoed.append(binding.echo);
    return QJsonObject {{QStringLiteral("postgres_changes"), echoed}};
}

QJsonObject RealtimeChannel::changePayload(
    const Table &table, const RecordChange &change, ChangeAudience &audience, QList<qint64> *withheld) const
{
    QJsonArray ids;
    QStringList selected;
    bool everyColumn = false;
    for (const PostgresChangeBinding &binding : bindings) {
        if (!binding.matches(table, change))
            continue;
        ids.append(double(binding.id));
        everyColumn = everyColumn || binding.columns.isEmpty();
        selected += binding.columns;
    }
    if (ids.isEmpty())
        return {};
    const QJsonObject &row = change.operation == RecordOperation::Delete ? change.oldRow : change.newRow;
    if (audience.decide(table, row, identity.caller, change.operation != RecordOperation::Delete)
        != ChangeAudience::Decision::Visible) {
        for (const QJsonValue &id : std::as_const(ids)) {
            if (withheld)
                withheld->append(qint64(id.toDouble()));
        }
        return {};
    }
    QStringList columns = audience.visibleColumns(table, identity.caller);
    if (!everyColumn) {
        const Field *key = table.primaryKey();
        columns.removeIf([&](const QString &column) {
            return !selected.contains(column) && !(key && key->name == column);
        });
    }
    return QJsonObject {
        {QStringLiteral("ids"), ids}, {QStringLiteral("data"), postgresChangeData(table, change, columns)}};
}

} // namespace Runtime
