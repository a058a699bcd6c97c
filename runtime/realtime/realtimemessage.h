// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeMessage: one Phoenix message of Supabase Realtime, decoded from and encoded to vsn 1.0.0 and 2.0.0
// frames.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace Runtime {

/** The serializer a socket speaks, from its URL's `vsn`: 1.0.0 sends JSON objects
    `{topic, event, payload, ref, join_ref}`, 2.0.0 JSON arrays `[join_ref, ref, topic, event, payload]`
    plus binary broadcast frames (kind 3 from the client, kind 4 to it). */
enum class RealtimeProtocol { V1, V2 };

/** A Phoenix message: what realtime-js pushes and what the server replies and pushes. \c joinRef and
    \c ref are null (an undefined QJsonValue) where the message has none. A broadcast that came as a binary
    kind-3 frame carries its user event and payload in \c binaryEvent and \c binaryPayload (with
    \c binaryIsJson saying whether the payload bytes are JSON text); \c payload is then empty. */
struct RealtimeMessage
{
    QJsonValue joinRef;
    QJsonValue ref;
    QString topic;
    QString event;
    QJsonValue payload;

    bool isBinaryBroadcast = false;
    QString binaryEvent;
    QByteArray binaryPayload;
    bool binaryIsJson = false;

    /** Returns a server push (no ref) of \a event with \a payload on \a topic. */
    static RealtimeMessage push(const QString &topic, const QString &event, const QJsonValue &payload,
        const QJsonValue &joinRef = {});
    /** Returns the phx_reply to \a request with \a status ("ok", "error") and \a response. */
    static RealtimeMessage reply(
        const RealtimeMessage &request, const QString &status, const QJsonValue &response);
};

namespace RealtimeCodec {

/** Returns the message in the text frame \a text under \a protocol, or InvalidBody saying what is wrong
    (not JSON, not an object/array of the right shape, a topic or event that is not a string). */
Result<RealtimeMessage> decodeText(const QByteArray &text, RealtimeProtocol protocol);

/** Returns the kind-3 "user broadcast push" in the binary frame \a frame (vsn 2.0.0), or InvalidBody. */
Result<RealtimeMessage> decodeBinary(const QByteArray &frame);

/** Returns \a message as a text frame under \a protocol. */
QByteArray encodeText(const RealtimeMessage &message, RealtimeProtocol protocol);

/** Returns a kind-4 "user broadcast" binary frame (vsn 2.0.0) of \a userEvent with \a payload on
    \a topic; \a isJson says whether \a payload is JSON text (encoding 1) or raw bytes (encoding 0).
    Returns an empty array when \a topic or \a userEvent are longer than the format's 255 bytes. */
QByteArray encodeBinaryBroadcast(
    const QString &topic, const QString &userEvent, const QByteArray &payload, bool isJson);

} // namespace RealtimeCodec

} // namespace Runtime
