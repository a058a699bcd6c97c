// SPDX-License-Identifier: GPL-3.0-or-later
// RequestConsole: a Postman-like console for the running runtime, docked in the designer.
#pragma once

#include "consolerequest.h"
#include "run/apiclient.h"
#include "run/runtarget.h"

#include "model/project.h"

#include "core/result.h"

#include <QHash>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QTabWidget;
class QToolButton;

namespace Designer {

class ConsoleActions;
class ConsoleSessions;
class ConsoleSidebar;
class ConsoleStore;
class JsonEditor;
class KeyValueTable;
class RequestSender;
class ResponseView;

/** The request console (issue #6): method, URL (relative URLs resolve against the runtime's base URL,
    completed from the project's tables and the auth API), query parameters synced both ways with the
    URL, headers, a JSON body checked as you type, and how to authenticate: none, anon key, service key
    or a test user it signs up, in and refreshes itself; "Explain" sends the service key with
    X-Basalt-Explain so the runtime says which rules applied. Sends asynchronously through its
    RequestSender (Ctrl+Return; Cancel while in flight) and shows the ResponseView. Keeps history,
    collections and environments in a ConsoleStore; copies a request as curl and fills the form from a
    pasted curl command (the commands of its "More" button are in ConsoleActions). Owned by the main window's dock (or a test). */
class RequestConsole : public QWidget
{
    Q_OBJECT

public:
    explicit RequestConsole(QWidget *parent = nullptr);
    ~RequestConsole() override;

    /** Points the console at \a target; a target that is not running disables Send with a hint. Loads
        the project's history and collections when the project file changed. */
    void setTarget(const RunTarget &target);
    const RunTarget &target() const;

    /** Fills the form with \a request (from the request log, a table's context menu, history) and emits
        requestOpened(). */
    void openRequest(const ConsoleRequest &request);
    /** Adds "List rows", "Get by id", "Insert row", "Update" and "Delete" for \a table of \a project to
        \a menu (a table's context menu); each fills the console with its sample request, ready to send. */
    void addTableActions(QMenu *menu, const Runtime::Project &project, const Runtime::Table &table);
    /** Returns the form as a request (URL and headers as typed, variables not substituted). */
    ConsoleRequest currentRequest() const;
    /** Returns \a request as it would be sent: variables substituted, the URL absolute, the auth headers
        added (a test user's current token, or {{accessToken}} when not signed in). Fails naming unknown
        variables or a missing test user. */
    Runtime::Result<ConsoleRequest> resolvedRequest(const ConsoleRequest &request) const;
    /** Returns the current environment's variables (the built-ins {{baseUrl}}, {{anonKey}}, {{serviceKey}}
        and {{accessToken}} are added when a request is resolved). */
    QHash<QString, QString> variables() const;

    /** Sends the form's request; the answer arrives as replyReceived() or sendFailed(). */
    void send();
    /** Cancels the request in flight (and any sign-in it waits for). */
    void cancel();
    bool isSending() const;

    /** Fills the form from the curl command \a command. Returns false and shows why if it does not parse. */
    bool importCurl(const QString &command);
    /** Returns the form's request as a curl command (and puts it on the clipboard). */
    QString copyAsCurl();

    /** Signs up a test user and selects it; testUserReady() reports the outcome. */
    void createTestUser(const QString &email, const QString &password, const QJsonObject &data);

    void setCurrentEnvironment(const QString &name);
    QString currentEnvironment() const;

    ConsoleStore *store() const { return m_store; }
    ConsoleSessions *sessions() const;
    ResponseView *responseView() const { return m_response; }
    const ApiReply &lastReply() const { return m_lastReply; }

signals:
    /** Emitted when openRequest() filled the form, so a dock can show itself. */
    void requestOpened();
    /** Emitted when a sent request got an answer, whatever its status (or no answer: status 0). */
    void replyReceived(const Designer::ApiReply &reply);
    /** Emitted when a request could not be sent (variables, body, sign-in); \a message says why. */
    void sendFailed(const QString &message);
    /** Emitted when createTestUser() finished; \a error is empty on success. */
    void testUserReady(const QString &email, const QString &error);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildLayout();
    void createRequestControls();
    QToolButton *createMoreButton();
    void createEditors();
    void arrangeLayout(QToolButton *more);
    void connectForm();
    void urlEdited();
    void paramsEdited();
    void authChanged();
    void userChosen(int index);
    void refreshUsers();
    /** Shows the context menu of the URL line or the body's editor, with "Insert {{user.id}}" added. */
    void showEditMenu(QWidget *editor, const QPoint &position);
    void refreshEnvironments();
    void updateSendState();
    void finish(const ConsoleRequest &request, const ApiReply &reply);
    void fail(const QString &message);
    /** Returns what to do about a 401 answer to \a request, naming the Auth control's choices as shown. */
    QString unauthorizedHint(const ConsoleRequest &request) const;
    /** Saves the form into a collection (asking where) and keeps the name it was saved under. */
    void saveToCollection();

    ConsoleStore *m_store = nullptr;
    RequestSender *m_sender = nullptr;
    std::unique_ptr<ConsoleActions> m_actions;
    ConsoleSidebar *m_sidebar = nullptr;
    QComboBox *m_method = nullptr;
    QLineEdit *m_url = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_base = nullptr;
    QLabel *m_authLabel = nullptr;
    QComboBox *m_auth = nullptr;
    QComboBox *m_user = nullptr;
    QCheckBox *m_explain = nullptr;
    QComboBox *m_environment = nullptr;
    QTabWidget *m_requestTabs = nullptr;
    KeyValueTable *m_params = nullptr;
    KeyValueTable *m_headers = nullptr;
    JsonEditor *m_body = nullptr;
    ResponseView *m_response = nullptr;
    ApiReply m_lastReply;
    QString m_name;
    bool m_syncing = false;
};

} // namespace Designer
