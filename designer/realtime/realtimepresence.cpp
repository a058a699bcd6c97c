// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimePresence: who is present on a realtime channel, from its presence_state and presence_diff events.
#include "realtimepresence.h"

#include <QJsonArray>

namespace Designer {

namespace {
const QString s_metas = QStringLiteral("metas");
const QString s_ref = QStringLiteral("phx_ref");
} // namespace

void RealtimePresence::applyState(const QJsonObject &state)
{
    m_entries.clear();
    add(state);
}

void RealtimePresence::applyDiff(const QJsonObject &diff)
{
    const QJsonObject leaves = diff.value(QLatin1String("leaves")).toObject();
    for (auto key = leaves.begin(); key != leaves.end(); ++key) {
        for (const QJsonValue &meta : key.value().toObject().value(s_metas).toArray()) {
            const QString ref = meta.toObject().value(s_ref).toString();
            m_entries.removeIf(
                [&](const Entry &entry) { return entry.key == key.key() && entry.ref == ref; });
        }
    }
    add(diff.value(QLatin1String("joins")).toObject());
}

void RealtimePresence::add(const QJsonObject &group)
{
    for (auto key = group.begin(); key != group.end(); ++key) {
        for (const QJsonValue &value : key.value().toObject().value(s_metas).toArray()) {
            QJsonObject payload = value.toObject();
            const QString ref = payload.take(s_ref).toString();
            payload.remove(QLatin1String("phx_ref_prev"));
            // An update of a tracked payload comes as a join with the same ref: replace, not duplicate.
            m_entries.removeIf(
                [&](const Entry &entry) { return entry.key == key.key() && entry.ref == ref; });
            m_entries.append(Entry {key.key(), ref, payload});
        }
    }
}

} // namespace Designer
