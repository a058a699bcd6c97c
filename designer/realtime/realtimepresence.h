// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimePresence: who is present on a realtime channel, from its presence_state and presence_diff events.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Designer {

/** The presence of one channel as Phoenix.Presence describes it: a key (the presence key a client joined
    with) holds metas, each with its `phx_ref` and the payload that client tracked. presence_state replaces
    the whole list; presence_diff removes its leaves (by phx_ref) and adds its joins. A plain value, kept by
    the realtime inspector. */
class RealtimePresence
{
public:
    /** One tracked payload. */
    struct Entry
    {
        QString key;
        QString ref; ///< phx_ref
        QJsonObject payload; ///< what was tracked, without phx_ref and phx_ref_prev
    };

    void clear() { m_entries.clear(); }
    /** Replaces the list with \a state (`{key: {metas: [...]}}`). */
    void applyState(const QJsonObject &state);
    /** Applies \a diff (`{joins: {...}, leaves: {...}}`): leaves first, then joins. */
    void applyDiff(const QJsonObject &diff);

    const QList<Entry> &entries() const { return m_entries; }

private:
    void add(const QJsonObject &group);

    QList<Entry> m_entries;
};

} // namespace Designer
