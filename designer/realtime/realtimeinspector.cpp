// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeInspector: the Realtime tab: join a channel of the running runtime and see what it receives.
#include "realtimeinspector.h"

#include "console/consolesessions.h"
#include "console/consolestore.h"
#include "console/jsoneditor.h"
#include "realtimeeventmodel.h"
#include "widgets/palettecolors.h"

#include "realtime/realtimehub.h"

#include <QComboBox>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QTableView>

namespace Designer {

RealtimeInspector::RealtimeInspector(ConsoleStore *store, ConsoleSessions *sessions, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_sessions(sessions)
    , m_client(new RealtimeClient(this))
    , m_events(new RealtimeEventModel(this))
{
    buildLayout();
    connect(m_client, &RealtimeClient::stateChanged, this, &RealtimeInspector::updateControls);
    connect(m_client, &RealtimeClient::joined, this, &RealtimeInspector::joined);
    connect(m_client, &RealtimeClient::received, this, &RealtimeInspector::received);
    connect(m_client, &RealtimeClient::heartbeatAnswered, this, &RealtimeInspector::heartbeatAnswered);
    connect(m_client, &RealtimeClient::closed, this, &RealtimeInspector::closed);
    connect(m_client, &RealtimeClient::joinRefused, this, [this](const QString &reason) {
        setStatus(tr("The backend refused to join \"%1\": %2").arg(m_joinedWith.channel, reason), true);
    });
    connect(m_join, &QPushButton::clicked, this, &RealtimeInspector::join);
    connect(m_channel, &QLineEdit::returnPressed, this, &RealtimeInspector::join);
    connect(m_leave, &QPushButton::clicked, this, &RealtimeInspector::leave);
    connect(m_sendBroadcast, &QPushButton::clicked, this, &RealtimeInspector::sendBroadcast);
    connect(m_track, &QPushButton::clicked, this, &RealtimeInspector::track);
    connect(m_untrack, &QPushButton::clicked, this, &RealtimeInspector::untrack);
    connect(m_clear, &QPushButton::clicked, m_events, &RealtimeEventModel::clear);
    connect(m_role, &QComboBox::currentIndexChanged, this, &RealtimeInspector::updateControls);
    connect(m_table, &QComboBox::currentIndexChanged, this, &RealtimeInspector::updateControls);
    connect(m_store, &ConsoleStore::usersChanged, this, &RealtimeInspector::refreshUsers);
    connect(m_eventView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &RealtimeInspector::showSelectedEvent);
    connect(m_events, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_eventView->selectionModel()->hasSelection()) {
            m_eventView->scrollToBottom();
            showSelectedEvent();
        }
    });
    connect(m_events, &QAbstractItemModel::modelReset, this, &RealtimeInspector::showSelectedEvent);
    refreshUsers();
    refreshTables();
    setSettings(RealtimeSettings());
    showSelectedEvent();
    showPresence();
    setTarget(RunTarget());
}

RealtimeInspector::~RealtimeInspector()
{
    QObject::disconnect(m_withheldConnection);
}

void RealtimeInspector::setTarget(const RunTarget &target)
{
    const bool restarted = target.baseUrl != m_target.baseUrl || target.anonKey != m_target.anonKey;
    if (target.realtimeHub != m_target.realtimeHub)
        QObject::disconnect(m_withheldConnection); // joined() listens to the new server's
    m_target = target;
    if (!target.projectFile.isEmpty() && target.projectFile != m_loadedProject) {
        m_loadedProject = target.projectFile;
        setSettings(RealtimeSettings::fromJson(m_store->realtimeSettings()));
    }
    refreshTables();
    if (!target.isRunning()) {
        m_client->leave();
        setStatus(tr("Start the backend to inspect realtime: press Run (F5). Then join a channel to see its "
                     "table changes, broadcasts and who is present."),
            false);
    } else if (restarted) {
        m_client->leave();
        setStatus(tr("The backend runs at %1. Choose a channel and who joins it, then press Join.")
                      .arg(target.baseUrl.toString()),
            false);
    }
    updateControls();
}

RealtimeSettings RealtimeInspector::settings() const
{
    RealtimeSettings settings;
    settings.channel = m_channel->text().trimmed();
    settings.role = RealtimeSettings::Role(m_role->currentData().toInt());
    settings.user
        = settings.role == RealtimeSettings::Role::User ? m_user->currentData().toString() : QString();
    settings.table = m_table->currentData().toString();
    settings.event = m_event->currentData().toString();
    settings.filter = settings.table.isEmpty() ? QString() : m_filter->text().trimmed();
    return settings;
}

void RealtimeInspector::setSettings(const RealtimeSettings &settings)
{
    m_channel->setText(settings.channel);
    m_role->setCurrentIndex(qMax(0, m_role->findData(int(settings.role))));
    if (!settings.user.isEmpty() && m_user->findData(settings.user) < 0)
        m_user->addItem(settings.user, settings.user);
    if (!settings.user.isEmpty())
        m_user->setCurrentIndex(m_user->findData(settings.user));
    if (!settings.table.isEmpty() && m_table->findData(settings.table) < 0)
        m_table->addItem(settings.table, settings.table);
    m_table->setCurrentIndex(qMax(0, m_table->findData(settings.table)));
    m_event->setCurrentIndex(qMax(0, m_event->findData(settings.event)));
    m_filter->setText(settings.filter);
    updateControls();
}

void RealtimeInspector::refreshTables()
{
    const QString current = m_table->currentData().toString();
    m_table->clear();
    m_table->addItem(tr("None (broadcast and presence only)"), QString());
    if (m_target.project) {
        for (const Runtime::Table &table : m_target.project->tables) // the join says how to turn it on
            m_table->addItem(table.realtime ? table.name : tr("%1 (Realtime off)").arg(table.name), table.name);
    }
    if (!current.isEmpty() && m_table->findData(current) < 0)
        m_table->addItem(current, current); // the saved table, until the project has it again
    m_table->setCurrentIndex(qMax(0, m_table->findData(current)));
}

void RealtimeInspector::refreshUsers()
{
    const QString current = m_user->currentData().toString();
    m_user->clear();
    for (const TestUser &user : m_store->users())
        m_user->addItem(user.email, user.email);
    if (m_user->count() == 0)
        m_user->addItem(tr("No test user yet: make one in the API Console"), QString());
    m_user->setCurrentIndex(qMax(0, m_user->findData(current)));
}

void RealtimeInspector::updateControls()
{
    const bool running = m_target.isRunning();
    const RealtimeClient::State state = m_client->state();
    const bool joined = state == RealtimeClient::State::Joined;
    const bool user = RealtimeSettings::Role(m_role->currentData().toInt()) == RealtimeSettings::Role::User;
    m_user->setEnabled(user);
    m_user->setVisible(user);
    const bool table = !m_table->currentData().toString().isEmpty();
    m_event->setEnabled(table);
    m_filter->setEnabled(table);
    m_join->setEnabled(running && state == RealtimeClient::State::Closed);
    m_join->setToolTip(running ? tr("Join the channel with these settings")
                               : tr("Press Run (F5) to start the backend first"));
    m_leave->setEnabled(state != RealtimeClient::State::Closed);
    for (QWidget *control :
        {static_cast<QWidget *>(m_channel), static_cast<QWidget *>(m_role), static_cast<QWidget *>(m_table)})
        control->setEnabled(state == RealtimeClient::State::Closed);
    m_sendBroadcast->setEnabled(joined);
    m_track->setEnabled(joined);
    m_untrack->setEnabled(joined);
    if (state != RealtimeClient::State::Closed) {
        m_user->setEnabled(false);
        m_event->setEnabled(false);
        m_filter->setEnabled(false);
    }
}

QString RealtimeInspector::statusText() const
{
    return m_status;
}

void RealtimeInspector::setStatus(const QString &text, bool error)
{
    m_status = text;
    m_statusError = error;
    m_statusLabel->setText(text);
    QPalette palette = m_statusLabel->palette();
    palette.setColor(
        QPalette::WindowText, error ? errorTextColor(palette) : this->palette().color(QPalette::WindowText));
    m_statusLabel->setPalette(palette);
    emit statusChanged(text, error);
}

void RealtimeInspector::join()
{
    if (!m_target.isRunning()) {
        setStatus(tr("Start the backend to inspect realtime: press Run (F5)."), true);
        return;
    }
    const RealtimeSettings form = settings();
    if (form.channel.isEmpty()) {
        setStatus(tr("Enter the channel's name, e.g. room1."), true);
        return;
    }
    m_joinedWith = form;
    m_store->setRealtimeSettings(form.toJson());
    m_presence.clear();
    showPresence();
    m_bindingIds.clear();
    m_systemError.clear();
    if (form.role != RealtimeSettings::Role::User) {
        connectWithToken(form, {});
        return;
    }
    if (form.user.isEmpty()) {
        setStatus(tr("Choose a test user, or make one in the API Console (Auth: Test user, New test user…)."),
            true);
        return;
    }
    setStatus(tr("Signing in %1…").arg(form.user), false);
    m_join->setEnabled(false);
    m_sessions->ensureSession(form.user, false, [self = QPointer(this), form](const QString &error) {
        if (!self)
            return;
        if (!error.isEmpty()) {
            self->setStatus(tr("%1 could not sign in: %2").arg(form.user, error), true);
            self->updateControls();
            return;
        }
        self->connectWithToken(form, self->m_sessions->accessToken(form.user));
    });
}

void RealtimeInspector::connectWithToken(const RealtimeSettings &settings, const QByteArray &token)
{
    m_token = token;
    const QByteArray key
        = settings.role == RealtimeSettings::Role::Service ? m_target.serviceKey : m_target.anonKey;
    m_client->join(
        m_target.baseUrl, key, QStringLiteral("realtime:") + settings.channel, joinPayload(settings));
    setStatus(tr("Connecting to %1…").arg(m_client->endpointUrl().toString()), false);
}

QJsonObject RealtimeInspector::joinPayload(const RealtimeSettings &settings) const
{
    QJsonArray changes;
    if (!settings.table.isEmpty()) {
        QJsonObject binding {{QStringLiteral("event"), settings.event},
            {QStringLiteral("schema"), QStringLiteral("public")}, {QStringLiteral("table"), settings.table}};
        if (!settings.filter.isEmpty())
            binding.insert(QStringLiteral("filter"), settings.filter);
        changes.append(binding);
    }
    // self: a broadcast sent here comes back, so the list shows what listeners get; ack: refusals show.
    const QJsonObject config {
        {QStringLiteral("broadcast"),
            QJsonObject {{QStringLiteral("self"), true}, {QStringLiteral("ack"), true}}},
        {QStringLiteral("presence"),
            QJsonObject {{QStringLiteral("key"), presenceKey(settings)}, {QStringLiteral("enabled"), true}}},
        {QStringLiteral("postgres_changes"), changes}, {QStringLiteral("private"), false}};
    QJsonObject payload {{QStringLiteral("config"), config}};
    if (!m_token.isEmpty())
        payload.insert(QStringLiteral("access_token"), QString::fromLatin1(m_token));
    return payload;
}

QString RealtimeInspector::presenceKey(const RealtimeSettings &settings) const
{
    switch (settings.role) {
    case RealtimeSettings::Role::Anon:
        return QStringLiteral("anon");
    case RealtimeSettings::Role::Service:
        return QStringLiteral("service_role");
    case RealtimeSettings::Role::User:
        break;
    }
    return settings.user;
}

void RealtimeInspector::leave()
{
    m_client->leave();
    if (m_target.isRunning())
        setStatus(tr("Left the channel."), false);
}

void RealtimeInspector::joined(const QJsonObject &response)
{
    for (const QJsonValue &binding : response.value(QLatin1String("postgres_changes")).toArray())
        m_bindingIds.append(qint64(binding.toObject().value(QLatin1String("id")).toDouble()));
    // Only while a channel with table subscriptions is joined: the server explains withheld changes
    // only while someone listens (RealtimeHub::isWithheldObserved()).
    QObject::disconnect(m_withheldConnection);
    if (m_target.realtimeHub && !m_bindingIds.isEmpty())
        m_withheldConnection = connect(m_target.realtimeHub.get(), &Runtime::RealtimeHub::changeWithheld,
            this, &RealtimeInspector::changeWithheld, Qt::QueuedConnection);
    const QString channel = m_joinedWith.channel;
    const QString who = m_role->itemText(m_role->findData(int(m_joinedWith.role)));
    const QString as = m_joinedWith.role == RealtimeSettings::Role::User ? m_joinedWith.user : who;
    if (m_joinedWith.table.isEmpty())
        setStatus(tr("Joined \"%1\" as %2. Broadcasts and presence show below.").arg(channel, as), false);
    else
        setStatus(tr("Joined \"%1\" as %2, listening to changes of %3. Each event lists the subscriptions it "
                     "matched.")
                      .arg(channel, as, m_joinedWith.table),
            false);
}

} // namespace Designer
