// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeMessage: one Phoenix message of Supabase Realtime, decoded from and encoded to vsn 1.0.0 and 2.0.0
// frames.
#include "realtimemessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace Runtime {

namespace {
constexpr quint8 s_userBroadcastPush = 3; ///< client → server (realtime-js serializer.ts)
constexpr quint8 s_userBroadcast = 4; ///< server → client
constexpr qsizetype s_pushHeaderBytes = 7;

Error invalid(const QString &message)
{
    return Error(ErrorCode::InvalidBody, message);
}

/** Returns whether \a value may be a join_ref or ref: null, a string, or (older clients) a number. */
bool isRef(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined() || value.isString() || value.isDouble();
}

Result<RealtimeMessage> fromParts(const QJsonValue &joinRef, const QJsonValue &ref, const QJsonValue &topic,
    const QJsonValue &event, const QJsonValue &payload)
{
    if (!topic.isString() || topic.toString().isEmpty())
        return invalid(QStringLiteral("the message has no topic: send a string such as \"realtime:room1\""));
    if (!event.isString() || event.toString().isEmpty())
        return invalid(QStringLiteral("the message on %1 has no event (a string such as \"phx_join\")")
                           .arg(topic.toString()));
    if (!isRef(joinRef) || !isRef(ref))
        return invalid(QStringLiteral("the message's ref and join_ref must be strings or null"));
    RealtimeMessage message;
    message.joinRef = joinRef.isNull() ? QJsonValue() : joinRef;
    message.ref = ref.isNull() ? QJsonValue() : ref;
    message.topic = topic.toString();
    message.event = event.toString();
    message.payload = payload.isUndefined() ? QJsonValue(QJsonObject()) : payload;
    return message;
}

QJsonValue orNull(const QJsonValue &value)
{
    return value.isUndefined() ? QJsonValue(QJsonValue::Null) : value;
}
} // namespace

RealtimeMessage RealtimeMessage::push(
    const QString &topic, const QString &event, const QJsonValue &payload, const QJsonValue &joinRef)
{
    RealtimeMessage message;
    message.joinRef = joinRef;
    message.topic = topic;
    message.event = event;
    message.payload = payload;
    return message;
}

RealtimeMessage RealtimeMessage::reply(
    const RealtimeMessage &request, const QString &status, const QJsonValue &response)
{
    RealtimeMessage message;
    message.joinRef = request.joinRef;
    message.ref = request.ref;
    message.topic = request.topic;
    message.event = QStringLiteral("phx_reply");
    message.payload
        = QJsonObject {{QStringLiteral("status"), status}, {QStringLiteral("response"), response}};
    return message;
}

namespace RealtimeCodec {

Result<RealtimeMessage> decodeText(const QByteArray &text, RealtimeProtocol protocol)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        return invalid(QStringLiteral("the message is not JSON (%1 at offset %2)")
                           .arg(error.errorString())
                           .arg(error.offset));
    if (protocol == RealtimeProtocol::V2) {
        if (!document.isArray() || document.array().size() != 5)
            return invalid(QStringLiteral(
                "a vsn 2.0.0 message must be a JSON array [join_ref, ref, topic, event, payload]"));
        const QJsonArray parts = document.array();
        return fromParts(parts.at(0), parts.at(1), parts.at(2), parts.at(3), parts.at(4));
    }
    if (!document.isObject())
        return invalid(QStringLiteral(
            "a vsn 1.0.0 message must be a JSON object {topic, event, payload, ref, join_ref}"));
    const QJsonObject object = document.object();
    return fromParts(object.value(QLatin1String("join_ref")), object.value(QLatin1String("ref")),
        object.value(QLatin1String("topic")), object.value(QLatin1String("event")),
        object.value(QLatin1String("payload")));
}

Result<RealtimeMessage> decodeBinary(const QByteArray &frame)
{
    if (frame.isEmpty() || quint8(frame.at(0)) != s_userBroadcastPush)
        return invalid(QStringLiteral("a binary message must be a user broadcast push (kind 3)"));
    if (frame.size() < s_pushHeaderBytes)
        return invalid(QStringLiteral("the binary broadcast is shorter than its 7-byte header"));
    const auto length = [&frame](int i) { return qsizetype(quint8(frame.at(i))); };
    const qsizetype joinRefLength = length(1);
    const qsizetype refLength = length(2);
    const qsizetype topicLength = length(3);
    const qsizetype eventLength = length(4);
    const qsizetype metadataLength = length(5);
    const quint8 encoding = quint8(frame.at(6));
    if (encoding > 1)
        return invalid(QStringLiteral("the binary broadcast's encoding must be 0 (binary) or 1 (JSON)"));
    const qsizetype headerEnd
        = s_pushHeaderBytes + joinRefLength + refLength + topicLength + eventLength + metadataLength;
    if (frame.size() < headerEnd)
        return invalid(QStringLiteral("the binary broadcast is shorter than its header says"));
    qsizetype at = s_pushHeaderBytes;
    const auto take = [&frame, &at](qsizetype size) {
        const QByteArray part = frame.mid(at, size);
        at += size;
        return QString::fromUtf8(part);
    };
    RealtimeMessage message;
    const QString joinRef = take(joinRefLength);
    const QString ref = take(refLength);
    message.joinRef = joinRef.isEmpty() ? QJsonValue() : QJsonValue(joinRef);
    message.ref = ref.isEmpty() ? QJsonValue() : QJsonValue(ref);
    message.topic = take(topicLength);
    message.event = QStringLiteral("broadcast");
    message.binaryEvent = take(eventLength);
    take(metadataLength); // only the keys of allowedMetadataKeys, empty by default: not relayed
    message.isBinaryBroadcast = true;
    message.binaryIsJson = encoding == 1;
    message.binaryPayload = frame.mid(headerEnd);
    if (message.topic.isEmpty() || message.binaryEvent.isEmpty())
        return invalid(QStringLiteral("the binary broadcast has no topic or no event"));
    return message;
}

QByteArray encodeText(const RealtimeMessage &message, RealtimeProtocol protocol)
{
    if (protocol == RealtimeProtocol::V2) {
        const QJsonArray parts {orNull(message.joinRef), orNull(message.ref), message.topic, message.event,
            orNull(message.payload)};
        return QJsonDocument(parts).toJson(QJsonDocument::Compact);
    }
    const QJsonObject object {{QStringLiteral("join_ref"), orNull(message.joinRef)},
        {QStringLiteral("ref"), orNull(message.ref)}, {QStringLiteral("topic"), message.topic},
        {QStringLiteral("event"), message.event}, {QStringLiteral("payload"), orNull(message.payload)}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray encodeBinaryBroadcast(
    const QString &topic, const QString &userEvent, const QByteArray &payload, bool isJson)
{
    const QByteArray topicBytes = topic.toUtf8();
    const QByteArray eventBytes = userEvent.toUtf8();
    if (topicBytes.size() > 255 || eventBytes.size() > 255)
        return {};
    QByteArray frame;
    frame.reserve(5 + topicBytes.size() + eventBytes.size() + payload.size());
    frame.append(char(s_userBroadcast));
    frame.append(char(quint8(topicBytes.size())));
    frame.append(char(quint8(eventBytes.size())));
    frame.append(char(0)); // no metadata
    frame.append(char(isJson ? 1 : 0));
    frame += topicBytes;
    frame += eventBytes;
    frame += payload;
    return frame;
}

} // namespace RealtimeCodec

} // namespace Runtime
