// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeEventModel: the realtime inspector's list of received (and withheld) events.
#pragma once

#include <QAbstractTableModel>
#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Designer {

/** One line of the realtime inspector's event list. */
struct RealtimeEvent
{
    QDateTime time; ///< when the inspector received it (local time)
    QString event; ///< the protocol event: postgres_changes, broadcast, presence_diff, phx_reply, ...
    QString type; ///< INSERT/UPDATE/DELETE, a broadcast's event name, a reply's status
    QList<qint64> bindingIds; ///< the subscriptions it matched (postgres_changes' ids)
    qint64 size = 0; ///< bytes of the frame; 0 for a withheld change (nothing was sent)
    QByteArray json; ///< the frame as received, or the withheld change's details
    QString withheldBecause; ///< set for a change the rules withheld: which rule, in words
};

/** The events the realtime inspector received on its channel, oldest first, at most s_limit (the oldest
    are dropped). Columns: time, event, type, matched subscriptions, size. A withheld change (the designer's
    own server reports those) is shown in italics, "withheld" after its type, its reason as the tooltip. Owned by the inspector. */
class RealtimeEventModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, EventColumn, TypeColumn, BindingsColumn, SizeColumn, ColumnCount };
    static constexpr int s_limit = 1000;

    using QAbstractTableModel::QAbstractTableModel;

    void append(const RealtimeEvent &event);
    void clear();
    const RealtimeEvent &event(int row) const { return m_events.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<RealtimeEvent> m_events;
};

} // namespace Designer
