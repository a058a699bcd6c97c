// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeEventModel: the realtime inspector's list of received (and withheld) events.
#include "realtimeeventmodel.h"

#include <QFont>
#include <QLocale>

namespace Designer {

void RealtimeEventModel::append(const RealtimeEvent &event)
{
    if (m_events.size() >= s_limit) {
        beginRemoveRows({}, 0, 0);
        m_events.removeFirst();
        endRemoveRows();
    }
    beginInsertRows({}, int(m_events.size()), int(m_events.size()));
    m_events.append(event);
    endInsertRows();
}

void RealtimeEventModel::clear()
{
    beginResetModel();
    m_events.clear();
    endResetModel();
}

int RealtimeEventModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int RealtimeEventModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RealtimeEventModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_events.size())
        return {};
    const RealtimeEvent &event = m_events.at(index.row());
    const bool withheld = !event.withheldBecause.isEmpty();
    if (role == Qt::ToolTipRole)
        return withheld ? tr("Not sent to this channel: %1").arg(event.withheldBecause) : QVariant();
    if (role == Qt::FontRole && withheld) {
        QFont font;
        font.setItalic(true);
        return font;
    }
    if (role == Qt::TextAlignmentRole && index.column() == SizeColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case TimeColumn:
        return QLocale().toString(event.time.time(), QStringLiteral("HH:mm:ss.zzz"));
    case EventColumn:
        return event.event;
    case TypeColumn:
        return withheld ? tr("%1 (withheld)").arg(event.type) : event.type;
    case BindingsColumn: {
        QStringList ids;
        for (qint64 id : event.bindingIds)
            ids << QString::number(id);
        return ids.join(QStringLiteral(", "));
    }
    case SizeColumn:
        return withheld ? QString()
                        : QLocale().formattedDataSize(event.size, 1, QLocale::DataSizeTraditionalFormat);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RealtimeEventModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == BindingsColumn)
        return tr("The ids of the channel's table subscriptions the event matched");
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case TimeColumn:
        return tr("Time");
    case EventColumn:
        return tr("Event");
    case TypeColumn:
        return tr("Type");
    case BindingsColumn:
        return tr("Matched");
    case SizeColumn:
        return tr("Size");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Designer
