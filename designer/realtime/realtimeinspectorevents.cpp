// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeInspector: what the channel receives (events, presence, withheld changes) and what it sends.
#include "realtimeinspector.h"

#include "console/consolesessions.h"
#include "console/jsoneditor.h"
#include "realtimeeventmodel.h"

#include "realtime/withheldchange.h"

#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QTableView>

namespace Designer {

void RealtimeInspector::received(const QJsonObject &message, const QByteArray &frame)
{
    RealtimeEvent event;
    event.time = QDateTime::currentDateTime();
    event.event = message.value(QLatin1String("event")).toString();
    event.size = frame.size();
    event.json = frame;
    const QJsonObject payload = message.value(QLatin1String("payload")).toObject();
    if (event.event == QLatin1String("postgres_changes")) {
        event.type = payload.value(QLatin1String("data")).toObject().value(QLatin1String("type")).toString();
        for (const QJsonValue &id : payload.value(QLatin1String("ids")).toArray())
            event.bindingIds.append(qint64(id.toDouble()));
    } else if (event.event == QLatin1String("broadcast")) {
        event.type = payload.value(QLatin1String("event")).toString();
    } else if (event.event == QLatin1String("phx_reply") || event.event == QLatin1String("system")) {
        event.type = payload.value(QLatin1String("status")).toString();
    } else if (event.event == QLatin1String("presence_state")) {
        m_presence.applyState(payload);
        showPresence();
    } else if (event.event == QLatin1String("presence_diff")) {
        m_presence.applyDiff(payload);
        showPresence();
    }
    if (event.event == QLatin1String("system") && event.type == QLatin1String("error")) {
        m_systemError = payload.value(QLatin1String("message")).toString();
        setStatus(tr("The backend reported an error on the channel: %1").arg(m_systemError), true);
    } else if (event.event == QLatin1String("phx_reply") && event.type == QLatin1String("error")
        && m_client->state() == RealtimeClient::State::Joined) {
        const QString reason
            = payload.value(QLatin1String("response")).toObject().value(QLatin1String("reason")).toString();
        setStatus(tr("The backend refused what was sent: %1").arg(reason), true);
    } else if (event.event == QLatin1String("phx_close")
        && m_client->state() == RealtimeClient::State::Joined) {
        setStatus(m_systemError.isEmpty() ? tr("The backend closed the channel.")
                                          : tr("The backend closed the channel: %1").arg(m_systemError),
            true);
    }
    m_events->append(event);
}

void RealtimeInspector::closed(const QString &reason)
{
    QObject::disconnect(m_withheldConnection);
    m_presence.clear();
    showPresence();
    if (!reason.isEmpty())
        setStatus(tr("Disconnected. %1 Press Join to connect again.").arg(reason), true);
    updateControls();
}

void RealtimeInspector::heartbeatAnswered()
{
    // A test user's token expires (the server then ends the channel): refresh it and hand it over, as
    // realtime-js does on each heartbeat.
    if (m_joinedWith.role != RealtimeSettings::Role::User
        || m_client->state() != RealtimeClient::State::Joined)
        return;
    const QString user = m_joinedWith.user;
    m_sessions->ensureSession(user, false, [self = QPointer(this), user](const QString &error) {
        if (!self)
            return;
        const QByteArray token = self->m_sessions->accessToken(user);
        if (!error.isEmpty() || token.isEmpty() || token == self->m_token || self->m_joinedWith.user != user)
            return;
        self->m_token = token;
        self->m_client->push(
            QStringLiteral("access_token"), {{QStringLiteral("access_token"), QString::fromLatin1(token)}});
    });
}

void RealtimeInspector::changeWithheld(const Runtime::WithheldChange &change)
{
    if (m_client->state() != RealtimeClient::State::Joined || change.topic != m_client->topic())
        return;
    RealtimeEvent event;
    for (qint64 id : change.bindingIds) {
        if (m_bindingIds.contains(id))
            event.bindingIds.append(id);
    }
    if (event.bindingIds.isEmpty())
        return; // another socket's channel on the same topic
    event.time = QDateTime::currentDateTime();
    event.event = QStringLiteral("postgres_changes");
    event.type = Runtime::recordOperationName(change.operation);
    event.withheldBecause = withheldText(change);
    const QJsonObject details {{QStringLiteral("table"), change.table}, {QStringLiteral("type"), event.type},
        {QStringLiteral("key"), change.key},
        {QStringLiteral("roles"), QJsonArray::fromStringList(change.roles)},
        {QStringLiteral("rules"), QJsonArray::fromStringList(change.rules)}};
    event.json = QJsonDocument(details).toJson(QJsonDocument::Compact);
    m_events->append(event);
}

QString RealtimeInspector::withheldText(const Runtime::WithheldChange &change)
{
    using Reason = Runtime::WithheldChange::Reason;
    const QString roles = change.roles.join(QStringLiteral(", "));
    const QString rules = change.rules.join(QStringLiteral("; "));
    switch (change.reason) {
    case Reason::RulesInvalid:
        return tr("the project's read rules do not compile, so only the service role receives changes.");
    case Reason::NoRule:
        return tr("%1 has no read rule for %2: only the service role may read its rows.")
            .arg(change.table, roles);
    case Reason::RuleFalse:
        return tr("the read rule of %1 is false for this row (%2).").arg(roles, rules);
    case Reason::TenantScope:
        return tr("the row belongs to another organization (%1 is scoped by organization_id).")
            .arg(change.table);
    case Reason::DeletedNeedsQuery:
        return tr("the read rule (%1) needs the database to decide, and a deleted row can no longer be read.")
            .arg(rules);
    case Reason::ReadBackEmpty:
        return tr("read again with the rules of %1 (%2), the row did not come back.").arg(roles, rules);
    }
    return {};
}

void RealtimeInspector::showPresence()
{
    m_presenceList->clear();
    for (const RealtimePresence::Entry &entry : m_presence.entries()) {
        const QString payload
            = QString::fromUtf8(QJsonDocument(entry.payload).toJson(QJsonDocument::Compact));
        auto *item = new QListWidgetItem(tr("%1: %2").arg(entry.key, payload), m_presenceList);
        item->setToolTip(tr("Presence key %1, reference %2").arg(entry.key, entry.ref));
    }
    if (m_presence.entries().isEmpty()) {
        auto *item = new QListWidgetItem(m_client->state() == RealtimeClient::State::Joined
                ? tr("Nobody is tracked on this channel yet. Press Track to be present.")
                : tr("Join a channel to see who is present."),
            m_presenceList);
        // A hint, not an entry: not selectable, in italics, but in the normal text colour (readable).
        item->setFlags(Qt::ItemIsEnabled);
        QFont font = item->font();
        font.setItalic(true);
        item->setFont(font);
    }
}

void RealtimeInspector::showSelectedEvent()
{
    const QModelIndexList rows = m_eventView->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_eventDetail->setText(m_events->rowCount() == 0
                ? tr("No events yet. Once joined, table changes, broadcasts and "
                     "presence updates appear here as they arrive.")
                : tr("Select an event to see its JSON."));
        m_eventJson->setText({});
        m_eventJson->hide();
        return;
    }
    m_eventJson->show();
    const RealtimeEvent &event = m_events->event(rows.first().row());
    m_eventDetail->setText(event.withheldBecause.isEmpty()
            ? tr("%1 received at %2, %n byte(s).", nullptr, int(event.size))
                  .arg(event.event, event.time.time().toString(QStringLiteral("HH:mm:ss.zzz")))
            : tr("Not sent to this channel: %1").arg(event.withheldBecause));
    m_eventJson->setText(JsonEditor::prettyPrinted(event.json));
}

void RealtimeInspector::sendBroadcast()
{
    const QString name = m_broadcastEvent->text().trimmed();
    if (name.isEmpty()) {
        setStatus(tr("Enter the broadcast's event name, e.g. message."), true);
        return;
    }
    if (const QString error = m_broadcastPayload->check(); !error.isEmpty()) {
        setStatus(tr("The broadcast's payload is not valid JSON (%1).").arg(error), true);
        return;
    }
    const QString text = m_broadcastPayload->text().trimmed();
    const QJsonValue payload = text.isEmpty()
        ? QJsonValue(QJsonObject())
        : QJsonDocument::fromJson("[" + text.toUtf8() + "]").array().at(0);
    m_client->push(QStringLiteral("broadcast"),
        {{QStringLiteral("type"), QStringLiteral("broadcast")}, {QStringLiteral("event"), name},
            {QStringLiteral("payload"), payload}});
}

void RealtimeInspector::track()
{
    const QJsonDocument document = QJsonDocument::fromJson(m_presencePayload->text().toUtf8());
    if (!document.isObject()) {
        setStatus(tr("The presence payload must be a JSON object, e.g. {\"status\": \"online\"}."), true);
        return;
    }
    m_client->push(QStringLiteral("presence"),
        {{QStringLiteral("type"), QStringLiteral("presence")},
            {QStringLiteral("event"), QStringLiteral("track")},
            {QStringLiteral("payload"), document.object()}});
}

void RealtimeInspector::untrack()
{
    m_client->push(QStringLiteral("presence"),
        {{QStringLiteral("type"), QStringLiteral("presence")},
            {QStringLiteral("event"), QStringLiteral("untrack")}});
}

} // namespace Designer
