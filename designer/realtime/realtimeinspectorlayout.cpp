// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeInspector: its widgets and their layout.
#include "realtimeinspector.h"

#include "console/jsoneditor.h"
#include "realtimeeventmodel.h"

#include <QComboBox>
#include <QFontMetrics>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Designer {

void RealtimeInspector::buildLayout()
{
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("realtimeStatus"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_statusLabel->setFrameShape(QFrame::StyledPanel);
    m_statusLabel->setMargin(6);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(createEventsPane());
    splitter->addWidget(createSidePane());
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createChannelBox());
    layout->addWidget(m_statusLabel);
    layout->addWidget(splitter, 1);
}

// The channel, who joins it and the table subscription, with Join and Leave.
QWidget *RealtimeInspector::createChannelBox()
{
    auto *box = new QGroupBox(tr("Channel"), this);
    m_channel = new QLineEdit(box);
    m_channel->setObjectName(QStringLiteral("realtimeChannel"));
    m_channel->setPlaceholderText(tr("e.g. room1"));
    m_channel->setToolTip(tr("The channel's name, as an app passes it to supabase.channel(…)"));
    m_role = new QComboBox(box);
    m_role->setObjectName(QStringLiteral("realtimeRole"));
    m_role->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_role->setMinimumContentsLength(16);
    m_role->addItem(tr("Anonymous visitor (anon key)"), int(RealtimeSettings::Role::Anon));
    m_role->addItem(tr("Test user"), int(RealtimeSettings::Role::User));
    m_role->addItem(tr("Service role (bypasses the rules)"), int(RealtimeSettings::Role::Service));
    m_user = new QComboBox(box);
    m_user->setObjectName(QStringLiteral("realtimeUser"));
    m_user->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_user->setMinimumContentsLength(16);
    m_table = new QComboBox(box);
    m_table->setObjectName(QStringLiteral("realtimeTable"));
    m_table->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_table->setMinimumContentsLength(16); // narrower than its longest item: the popup shows it whole
    m_table->setToolTip(tr("Receive the rows of this table that are inserted, updated or deleted"));
    m_event = new QComboBox(box);
    m_event->setObjectName(QStringLiteral("realtimeEvent"));
    m_event->addItem(tr("All changes"), QStringLiteral("*"));
    m_event->addItem(tr("Inserts"), QStringLiteral("INSERT"));
    m_event->addItem(tr("Updates"), QStringLiteral("UPDATE"));
    m_event->addItem(tr("Deletes"), QStringLiteral("DELETE"));
    m_filter = new QLineEdit(box);
    m_filter->setObjectName(QStringLiteral("realtimeFilter"));
    m_filter->setPlaceholderText(tr("optional, e.g. status=eq.paid"));
    m_filter->setToolTip(tr("Only rows matching column=operator.value: eq, neq, lt, lte, gt, gte, in.(a,b)"));
    m_join = new QPushButton(tr("Join"), box);
    m_join->setObjectName(QStringLiteral("realtimeJoin"));
    m_join->setDefault(true);
    m_leave = new QPushButton(tr("Leave"), box);
    m_leave->setObjectName(QStringLiteral("realtimeLeave"));

    auto *channelLabel = new QLabel(tr("C&hannel:"), box);
    channelLabel->setBuddy(m_channel);
    auto *roleLabel = new QLabel(tr("Join &as:"), box);
    roleLabel->setBuddy(m_role);
    auto *tableLabel = new QLabel(tr("&Table changes:"), box);
    tableLabel->setBuddy(m_table);
    auto *eventLabel = new QLabel(tr("&Event:"), box);
    eventLabel->setBuddy(m_event);
    auto *filterLabel = new QLabel(tr("&Filter:"), box);
    filterLabel->setBuddy(m_filter);

    auto *who = new QHBoxLayout;
    who->addWidget(m_role);
    who->addWidget(m_user, 1);
    auto *event = new QHBoxLayout;
    event->addWidget(m_event);
    event->addStretch(1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_join);
    buttons->addWidget(m_leave);
    buttons->addStretch(1);

    auto *grid = new QGridLayout(box);
    grid->addWidget(channelLabel, 0, 0);
    grid->addWidget(m_channel, 0, 1);
    grid->addWidget(roleLabel, 0, 2);
    grid->addLayout(who, 0, 3);
    grid->addWidget(tableLabel, 1, 0);
    grid->addWidget(m_table, 1, 1);
    grid->addWidget(eventLabel, 1, 2);
    grid->addLayout(event, 1, 3);
    grid->addWidget(filterLabel, 2, 0);
    grid->addWidget(m_filter, 2, 1, 1, 3);
    grid->addLayout(buttons, 3, 1, 1, 3);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 2);
    return box;
}

// The list of events received, with the selected one's JSON below it.
QWidget *RealtimeInspector::createEventsPane()
{
    auto *box = new QGroupBox(tr("Events received"), this);
    m_eventView = new QTableView(box);
    m_eventView->setObjectName(QStringLiteral("realtimeEvents"));
    m_eventView->setModel(m_events);
    m_eventView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_eventView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_eventView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_eventView->setAlternatingRowColors(true);
    m_eventView->setWordWrap(false);
    m_eventView->verticalHeader()->setVisible(false);
    m_eventView->verticalHeader()->setDefaultSectionSize(m_eventView->fontMetrics().height() + 6);
    // Widths from the longest texts they show (ResizeToContents would measure the empty list once).
    QHeaderView *header = m_eventView->horizontalHeader();
    const QFontMetrics metrics = m_eventView->fontMetrics();
    const auto fit = [&](int column, const QString &widest) {
        const QString title = m_events->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        header->resizeSection(column,
            qMax(metrics.horizontalAdvance(widest), header->fontMetrics().horizontalAdvance(title)) + 16);
    };
    fit(RealtimeEventModel::TimeColumn, QStringLiteral("00:00:00.000"));
    fit(RealtimeEventModel::EventColumn, QStringLiteral("postgres_changes"));
    fit(RealtimeEventModel::TypeColumn, QStringLiteral("INSERT"));
    fit(RealtimeEventModel::BindingsColumn, QStringLiteral("00000"));
    fit(RealtimeEventModel::SizeColumn, QStringLiteral("1,000.0 KB"));
    header->setSectionResizeMode(RealtimeEventModel::TypeColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(metrics.horizontalAdvance(QStringLiteral("INSERT")) + 12);
    m_eventDetail = new QLabel(box);
    m_eventDetail->setObjectName(QStringLiteral("realtimeEventDetail"));
    m_eventDetail->setWordWrap(true);
    m_eventDetail->setAlignment(Qt::AlignLeft | Qt::AlignTop); // above the JSON, or alone when it is hidden
    m_eventDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_eventJson = new JsonEditor(box);
    m_eventJson->setObjectName(QStringLiteral("realtimeEventJson"));
    m_eventJson->setReadOnly(true);
    m_clear = new QPushButton(tr("Clear"), box);
    m_clear->setObjectName(QStringLiteral("realtimeClear"));
    m_clear->setToolTip(tr("Removes every event from the list"));

    auto *detail = new QWidget(box);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_eventDetail);
    detailLayout->addWidget(m_eventJson, 1);
    auto *splitter = new QSplitter(Qt::Vertical, box);
    splitter->addWidget(m_eventView);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(splitter, 1);
    auto *bottom = new QHBoxLayout;
    bottom->addStretch(1);
    bottom->addWidget(m_clear);
    layout->addLayout(bottom);
    return box;
}

// Sending a broadcast, and who is present.
QWidget *RealtimeInspector::createSidePane()
{
    auto *side = new QWidget(this);
    auto *broadcast = new QGroupBox(tr("Send a broadcast"), side);
    m_broadcastEvent = new QLineEdit(QStringLiteral("message"), broadcast);
    m_broadcastEvent->setObjectName(QStringLiteral("realtimeBroadcastEvent"));
    m_broadcastEvent->setToolTip(
        tr("The event name listeners filter on: channel.on('broadcast', {event: …})"));
    m_broadcastPayload = new JsonEditor(broadcast);
    m_broadcastPayload->setObjectName(QStringLiteral("realtimeBroadcastPayload"));
    m_broadcastPayload->setText(QStringLiteral("{\n  \"text\": \"Hello\"\n}"));
    m_sendBroadcast = new QPushButton(tr("Send Broadcast"), broadcast);
    m_sendBroadcast->setObjectName(QStringLiteral("realtimeSendBroadcast"));
    auto *eventLabel = new QLabel(tr("E&vent name:"), broadcast);
    eventLabel->setBuddy(m_broadcastEvent);
    auto *payloadLabel = new QLabel(tr("Payload (JSON):"), broadcast);
    auto *broadcastLayout = new QGridLayout(broadcast);
    broadcastLayout->addWidget(eventLabel, 0, 0);
    broadcastLayout->addWidget(m_broadcastEvent, 0, 1);
    broadcastLayout->addWidget(payloadLabel, 1, 0, 1, 2);
    broadcastLayout->addWidget(m_broadcastPayload, 2, 0, 1, 2);
    broadcastLayout->addWidget(m_sendBroadcast, 3, 1, Qt::AlignRight);
    broadcastLayout->setRowStretch(2, 1);

    auto *presence = new QGroupBox(tr("Who is present"), side);
    m_presenceList = new QListWidget(presence);
    m_presenceList->setObjectName(QStringLiteral("realtimePresence"));
    m_presenceList->setWordWrap(true);
    m_presencePayload = new JsonEditor(presence);
    m_presencePayload->setObjectName(QStringLiteral("realtimePresencePayload"));
    m_presencePayload->setText(QStringLiteral("{\n  \"status\": \"online\"\n}"));
    m_track = new QPushButton(tr("Track"), presence);
    m_track->setObjectName(QStringLiteral("realtimeTrack"));
    m_track->setToolTip(tr("Be present on the channel with this payload (channel.track)"));
    m_untrack = new QPushButton(tr("Untrack"), presence);
    m_untrack->setObjectName(QStringLiteral("realtimeUntrack"));
    m_untrack->setToolTip(tr("Stop being present (channel.untrack)"));
    auto *presenceButtons = new QHBoxLayout;
    presenceButtons->addStretch(1);
    presenceButtons->addWidget(m_track);
    presenceButtons->addWidget(m_untrack);
    auto *presenceLayout = new QVBoxLayout(presence);
    presenceLayout->addWidget(m_presenceList, 2);
    presenceLayout->addWidget(new QLabel(tr("Your presence payload (JSON):"), presence));
    presenceLayout->addWidget(m_presencePayload, 1);
    presenceLayout->addLayout(presenceButtons);

    auto *layout = new QVBoxLayout(side);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(broadcast, 1);
    layout->addWidget(presence, 1);
    return side;
}

} // namespace Designer
