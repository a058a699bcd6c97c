// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeInspector: the Realtime tab: join a channel of the running runtime and see what it receives.
#pragma once

#include "realtimeclient.h"
#include "realtimepresence.h"
#include "realtimesettings.h"
#include "run/runtarget.h"

#include <QList>
#include <QMetaObject>
#include <QWidget>

class QComboBox;
class QItemSelection;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableView;

namespace Runtime {
struct WithheldChange;
}

namespace Designer {

class ConsoleSessions;
class ConsoleStore;
class JsonEditor;
class RealtimeEventModel;

/** The Realtime inspector (issue #16), a tab beside the API console: joins a channel of the running
    runtime over a real WebSocket (RealtimeClient) as anon, one of the console's test users (signed in
    through the console's ConsoleSessions) or the service role; subscribes to a table's changes (event and
    optional filter `column=op.value`); lists every event received with its time, type, size, the
    subscriptions it matched and its JSON; sends broadcasts (received back: the channel joins with
    broadcast.self); shows who is present and tracks a presence payload. For the designer's own server it
    also lists the changes the rules withheld from the channel, and which rule
    (Runtime::RealtimeHub::changeWithheld()). Errors (a refused join, a closed socket, no backend) are
    shown in its status line. The form is saved with the project's console settings (ConsoleStore) on
    each join. Owned by the main window's tabs (or a test); \a store and \a sessions are the console's. */
class RealtimeInspector : public QWidget
{
    Q_OBJECT

public:
    RealtimeInspector(ConsoleStore *store, ConsoleSessions *sessions, QWidget *parent = nullptr);
    ~RealtimeInspector() override;

    /** Follows the runtime: a target that is not running closes the connection and says how to start it.
        Loads the project's saved form when the project changed. */
    void setTarget(const RunTarget &target);

    RealtimeSettings settings() const;
    void setSettings(const RealtimeSettings &settings);

    /** Joins the channel of the form (signing the test user in first); the outcome shows in the status. */
    void join();
    /** Leaves the channel and closes the socket. */
    void leave();
    /** Sends the broadcast of the form (event name, JSON payload) on the joined channel. */
    void sendBroadcast();
    /** Tracks the presence payload of the form, or stops tracking it. */
    void track();
    void untrack();

    RealtimeClient *client() const { return m_client; }
    RealtimeEventModel *events() const { return m_events; }
    const RealtimePresence &presence() const { return m_presence; }
    /** Returns what the status line says, and whether it is an error. */
    QString statusText() const;
    bool isStatusError() const { return m_statusError; }

signals:
    /** The status line changed. */
    void statusChanged(const QString &text, bool error);

private:
    void buildLayout();
    QWidget *createChannelBox();
    QWidget *createEventsPane();
    QWidget *createSidePane();
    void refreshTables();
    void refreshUsers();
    void updateControls();
    void setStatus(const QString &text, bool error);
    void connectWithToken(const RealtimeSettings &settings, const QByteArray &token);
    QJsonObject joinPayload(const RealtimeSettings &settings) const;
    QString presenceKey(const RealtimeSettings &settings) const;
    void joined(const QJsonObject &response);
    void received(const QJsonObject &message, const QByteArray &frame);
    void closed(const QString &reason);
    void heartbeatAnswered();
    void changeWithheld(const Runtime::WithheldChange &change);
    void showPresence();
    void showSelectedEvent();
    static QString withheldText(const Runtime::WithheldChange &change);

    ConsoleStore *m_store;
    ConsoleSessions *m_sessions;
    RealtimeClient *m_client;
    RealtimeEventModel *m_events;
    RealtimePresence m_presence;
    RunTarget m_target;
    QString m_loadedProject; ///< the project whose saved form is shown
    RealtimeSettings m_joinedWith;
    QByteArray m_token; ///< the test user's access token the channel joined with
    QList<qint64> m_bindingIds; ///< the ids the join reply gave the channel's subscriptions
    QString m_systemError; ///< the last system error on the channel (said before phx_close)
    QMetaObject::Connection m_withheldConnection;
    QString m_status;
    bool m_statusError = false;

    QLabel *m_statusLabel = nullptr;
    QLineEdit *m_channel = nullptr;
    QComboBox *m_role = nullptr;
    QComboBox *m_user = nullptr;
    QComboBox *m_table = nullptr;
    QComboBox *m_event = nullptr;
    QLineEdit *m_filter = nullptr;
    QPushButton *m_join = nullptr;
    QPushButton *m_leave = nullptr;
    QTableView *m_eventView = nullptr;
    QLabel *m_eventDetail = nullptr;
    JsonEditor *m_eventJson = nullptr;
    QPushButton *m_clear = nullptr;
    QLineEdit *m_broadcastEvent = nullptr;
    JsonEditor *m_broadcastPayload = nullptr;
    QPushButton *m_sendBroadcast = nullptr;
    QListWidget *m_presenceList = nullptr;
    JsonEditor *m_presencePayload = nullptr;
    QPushButton *m_track = nullptr;
    QPushButton *m_untrack = nullptr;
};

} // namespace Designer
