// SPDX-License-Identifier: GPL-3.0-or-later
// The realtime routes over HTTP: the WebSocket endpoint's refusals and the REST broadcast API.
#include "realtimehandler.h"

#include "realtime/realtimeauth.h"
#include "realtime/realtimechannel.h"
#include "realtime/realtimehub.h"
#include "rules/channelpolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Runtime {

namespace {

/** Returns the response Supabase Realtime gives a refused handshake: `{"error": message}`. */
HttpResponse realtimeError(int status, const QString &message)
{
    return HttpResponse::json(QJsonDocument(QJsonObject {{QStringLiteral("error"), message}}), status);
}

HttpResponse accepted()
{
    HttpResponse response;
    response.status = 202;
    return response;
}

QString hubTopic(const QString &topic)
{
    return topic.startsWith(QLatin1String("realtime:")) ? topic : QStringLiteral("realtime:") + topic;
}

/** Checks \a payload against the broadcast size limit; returns PayloadTooLarge naming it. */
Result<void> checkSize(qint64 size, const RequestContext &context)
{
    const qint64 limit = context.config.limits.realtime.maxBroadcastBytes;
    if (size > limit)
        return Error(ErrorCode::PayloadTooLarge,
            QStringLiteral(
                "payload_size_exceeded: a broadcast payload may have at most %1 bytes; this one has %2")
                .arg(limit)
                .arg(size));
    return {};
}

/** Checks that the caller may broadcast on the private channels of \a broadcasts (all of them, before any is
    sent), by the project's channel rules (compiled only when a message is private); returns
    PermissionDenied with Supabase Realtime's wording for the first it may not. */
Result<void> checkPrivate(const std::vector<TopicMessage> &broadcasts, const RequestContext &context)
{
    std::shared_ptr<const ChannelPolicy> policy;
    for (const TopicMessage &message : broadcasts) {
        if (!message.isPrivate || context.caller.isService())
            continue;
        if (!policy) {
            Result<std::shared_ptr<const ChannelPolicy>> compiled = ChannelPolicy::compile(*context.config.project);
            if (!compiled)
                return compiled.error();
            policy = *compiled;
        }
        if (!policy->allows(ChannelAction::Broadcast, realtimeSubTopic(message.topic), context.caller))
            return Error(ErrorCode::PermissionDenied, channelRefusal(ChannelAction::Broadcast, message.topic));
    }
    return {};
}

} // namespace

Result<HttpResponse> handleRealtimeWebSocket(const RequestContext &context)
{
    const Result<RealtimeIdentity> identity
        = RealtimeAuth::identify(RealtimeAuth::requestToken(context.request), context.config);
    if (!identity)
        return realtimeError(401, identity.error().message);
    return realtimeError(400,
        QStringLiteral(
            "This is Basalt's realtime WebSocket endpoint: connect with a WebSocket client (a GET with "
            "Upgrade: websocket), e.g. supabase.channel('room1').subscribe() in supabase-js"));
}

Result<HttpResponse> handleRealtimeBroadcast(const RequestContext &context)
{
    if (!context.config.realtimeHub)
        return Error(
            ErrorCode::ServiceUnavailable, QStringLiteral("Realtime is not running on this server."));
    const QJsonDocument body = QJsonDocument::fromJson(context.request.body);
    const QJsonValue messages = body.object().value(QLatin1String("messages"));
    if (!body.isObject() || !messages.isArray())
        return Error(ErrorCode::InvalidBody,
            QStringLiteral("The body must be {\"messages\": [{\"topic\", \"event\", \"payload\"}]}."));
    std::vector<TopicMessage> broadcasts;
    for (const QJsonValue &value : messages.toArray()) {
        const QJsonObject message = value.toObject();
        const QString topic = message.value(QLatin1String("topic")).toString();
        const QString event = message.value(QLatin1String("event")).toString();
        if (topic.isEmpty() || event.isEmpty())
            return Error(ErrorCode::InvalidBody,
                QStringLiteral("Each message needs a topic and an event (strings); messages[%1] lacks one.")
                    .arg(broadcasts.size()));
        const QJsonValue payload = message.value(QLatin1String("payload"));
        if (Result<void> size = checkSize(
                QJsonDocument(QJsonArray {payload}).toJson(QJsonDocument::Compact).size() - 2, context);
            !size)
            return size.error();
        TopicMessage broadcast;
        broadcast.topic = hubTopic(topic);
        broadcast.userEvent = event;
        broadcast.payload = payload;
        broadcast.isPrivate = message.value(QLatin1String("private")).toBool();
        broadcasts.push_back(std::move(broadcast));
    }
    if (Result<void> allowed = checkPrivate(broadcasts, context); !allowed)
        return allowed.error();
    for (TopicMessage &message : broadcasts)
        context.config.realtimeHub->broadcast(std::move(message));
    return accepted();
}

Result<HttpResponse> handleRealtimeBroadcastEvent(const RequestContext &context)
{
    if (!context.config.realtimeHub)
        return Error(
            ErrorCode::ServiceUnavailable, QStringLiteral("Realtime is not running on this server."));
    const QByteArray &body = context.request.body;
    if (Result<void> size = checkSize(body.size(), context); !size)
        return size.error();
    TopicMessage broadcast;
    broadcast.topic = hubTopic(context.pathParameter(QStringLiteral("topic")));
    broadcast.userEvent = context.pathParameter(QStringLiteral("event"));
    const QByteArray type = context.request.header("Content-Type").toLower();
    if (type.startsWith("application/json")) {
        const QJsonDocument wrapped = QJsonDocument::fromJson("[" + body + "]");
        if (!wrapped.isArray() || wrapped.array().size() != 1)
            return Error(ErrorCode::InvalidBody, QStringLiteral("The body says it is JSON but is not."));
        broadcast.payload = wrapped.array().at(0);
    } else {
        broadcast.isBinary = true;
        broadcast.binaryPayload = body;
    }
    broadcast.isPrivate = context.request.query.queryItemValue(QStringLiteral("private")) == QLatin1String("true");
    if (Result<void> allowed = checkPrivate({broadcast}, context); !allowed)
        return allowed.error();
    context.config.realtimeHub->broadcast(std::move(broadcast));
    return accepted();
}

} // namespace Runtime
