// SPDX-License-Identifier: GPL-3.0-or-later
// RequestConsole: a Postman-like console for the running runtime, docked in the designer.
#include "requestconsole.h"

#include "consoleactions.h"
#include "consoledialogs.h"
#include "consolesessions.h"
#include "consolesidebar.h"
#include "consolestore.h"
#include "curlcommand.h"
#include "jsoneditor.h"
#include "keyvaluetable.h"
#include "requestsamples.h"
#include "requestsender.h"
#include "responseview.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStringListModel>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Designer {

namespace {
const QString s_newUser = QStringLiteral("\x01new");
} // namespace

RequestConsole::RequestConsole(QWidget *parent)
    : QWidget(parent)
    , m_store(new ConsoleStore(this))
    , m_sender(new RequestSender(m_store, this))
    , m_actions(std::make_unique<ConsoleActions>(this))
{
    buildLayout();
    connectForm();
    refreshUsers();
    refreshEnvironments();
    authChanged();
    updateSendState();
}

RequestConsole::~RequestConsole() = default;

void RequestConsole::setTarget(const RunTarget &target)
{
    m_sender->setTarget(target);
    // A stopped runtime keeps the project's history on screen; another project brings its own.
    if ((target.isRunning() || !target.projectFile.isEmpty()) && target.projectFile != m_store->projectFile())
        m_store->setProject(target.projectFile, {target.anonKey, target.serviceKey});
    else if (!target.anonKey.isEmpty())
        m_store->setKeys({target.anonKey, target.serviceKey});
    if (target.project)
        static_cast<QStringListModel *>(m_url->completer()->model())->setStringList(RequestSamples::urlCompletions(*target.project));
    if (target.isRunning())
        m_base->setText(tr("Base URL: %1").arg(target.baseUrl.toString()));
    else
        m_base->setText(tr("Press Run to start the runtime; relative URLs are sent to it."));
    if (!m_store->loadErrors().isEmpty())
        m_response->showMessage(m_store->loadErrors().join(QLatin1Char('\n')), true);
    updateSendState();
}

const RunTarget &RequestConsole::target() const
{
    return m_sender->target();
}

void RequestConsole::openRequest(const ConsoleRequest &request)
{
    m_name = request.name;
    if (m_method->findText(request.method) < 0)
        m_method->addItem(request.method);
    m_method->setCurrentText(request.method);
    m_url->setText(request.url);
    urlEdited();
    m_headers->setPairs(request.headers);
    m_body->setText(request.body);
    m_auth->setCurrentIndex(m_auth->findData(int(request.auth)));
    if (!request.user.isEmpty()) {
        if (m_user->findData(request.user) < 0)
            m_user->insertItem(0, request.user, request.user);
        m_user->setCurrentIndex(m_user->findData(request.user));
    }
    m_explain->setChecked(request.explain);
    m_requestTabs->setCurrentWidget(request.body.isEmpty() ? static_cast<QWidget *>(m_params) : m_body);
    authChanged();
    emit requestOpened();
}

void RequestConsole::addTableActions(QMenu *menu, const Runtime::Project &project, const Runtime::Table &table)
{
    using Kind = RequestSamples::Kind;
    for (Kind kind : {Kind::List, Kind::Get, Kind::Insert, Kind::Update, Kind::Delete}) {
        const ConsoleRequest sample = RequestSamples::request(kind, project, table);
        QAction *action = menu->addAction(RequestSamples::kindName(kind));
        action->setToolTip(QStringLiteral("%1 %2").arg(sample.method, sample.url));
        connect(action, &QAction::triggered, this, [this, sample] { openRequest(sample); });
    }
}

ConsoleRequest RequestConsole::currentRequest() const
{
    ConsoleRequest request;
    request.name = m_name;
    request.method = m_method->currentText().trimmed().toUpper();
    request.url = m_url->text().trimmed();
    request.headers = m_headers->pairs();
    request.body = m_body->text();
    request.auth = ConsoleAuth(m_auth->currentData().toInt());
    const QString user = m_user->currentData().toString();
    if (user != s_newUser && (request.auth == ConsoleAuth::User || m_explain->isChecked()))
        request.user = user;
    request.explain = m_explain->isChecked();
    return request;
}

QHash<QString, QString> RequestConsole::variables() const
{
    QHash<QString, QString> values;
    for (const ConsoleEnvironment &environment : m_store->environments()) {
        if (environment.name == currentEnvironment()) {
            for (const auto &[name, value] : environment.variables)
                values.insert(name, value);
        }
    }
    return values;
}

Runtime::Result<ConsoleRequest> RequestConsole::resolvedRequest(const ConsoleRequest &request) const
{
    return m_sender->resolved(request, variables());
}

void RequestConsole::send()
{
    if (m_sender->isSending())
        return;
    const ConsoleRequest form = currentRequest();
    const QString type = form.header(QStringLiteral("Content-Type"));
    if (target().isRunning() && !form.body.trimmed().isEmpty() && (type.isNull() || type.contains(QLatin1String("json")))) {
        if (const QString error = m_body->check(); !error.isEmpty()) {
            fail(tr("The body is not valid JSON (%1). Fix it, or set another Content-Type to send it as it is.").arg(error));
            return;
        }
    }
    m_response->showPending();
    m_sender->send(form, variables());
    updateSendState();
}

void RequestConsole::finish(const ConsoleRequest &request, const ApiReply &reply)
{
    m_lastReply = reply;
    m_response->showReply(reply);
    if (reply.status == 401)
        m_response->showHint(unauthorizedHint(request));
    m_store->addHistory({request, reply.status, reply.elapsedMs, QDateTime::currentDateTimeUtc()});
    updateSendState();
    emit replyReceived(reply);
}

QString RequestConsole::unauthorizedHint(const ConsoleRequest &request) const
{
    // The names exactly as the console shows them, so the hint can be followed by eye.
    const auto choice = [this](ConsoleAuth auth) { return m_auth->itemText(m_auth->findData(int(auth))); };
    QString control = m_authLabel->text();
    control.remove(QLatin1Char('&'));
    if (control.endsWith(QLatin1Char(':')))
        control.chop(1);
    if (request.explain || request.auth == ConsoleAuth::Service)
        return tr("The runtime refused the project's keys: run the backend again, so the console gets its current keys.");
    switch (request.auth) {
    case ConsoleAuth::None:
        return tr("Sent without a key. Choose \"%1\" in the console's \"%2\" menu above (or \"%3\" to send as a "
                  "signed-in user).").arg(choice(ConsoleAuth::Anon), control, choice(ConsoleAuth::User));
    case ConsoleAuth::User:
        return tr("The test user's session was refused. Choose the user again beside \"%1\", or make one with "
                  "\"%2\".").arg(control, m_user->itemText(m_user->count() - 1));
    default:
        return tr("Only signed-in users may do this. Choose \"%1\" in the console's \"%2\" menu above and a user "
                  "(or \"%3\" to bypass the rules).").arg(choice(ConsoleAuth::User), control, choice(ConsoleAuth::Service));
    }
}

void RequestConsole::fail(const QString &message)
{
    m_response->showMessage(message, true);
    updateSendState();
    emit sendFailed(message);
}

void RequestConsole::cancel()
{
    if (!m_sender->isSending())
        return;
    m_sender->cancel();
    m_response->showMessage(tr("Cancelled."), false);
    updateSendState();
}

bool RequestConsole::isSending() const
{
    return m_sender->isSending();
}

ConsoleSessions *RequestConsole::sessions() const
{
    return m_sender->sessions();
}

void RequestConsole::updateSendState()
{
    const bool running = target().isRunning();
    m_send->setEnabled(running && !m_sender->isSending());
    m_send->setToolTip(running ? tr("Send the request (Ctrl+Return)") : tr("Press Run to start the runtime"));
    m_cancel->setEnabled(m_sender->isSending());
}

void RequestConsole::urlEdited()
{
    if (m_syncing)
        return;
    const QString url = m_url->text();
    const qsizetype question = url.indexOf(QLatin1Char('?'));
    QList<QPair<QString, QString>> params;
    if (question >= 0) {
        QString query = url.mid(question + 1);
        query = query.left(query.indexOf(QLatin1Char('#')) < 0 ? query.size() : query.indexOf(QLatin1Char('#')));
        for (const QString &item : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
            const qsizetype equals = item.indexOf(QLatin1Char('='));
            params.append(equals < 0 ? qMakePair(item, QString()) : qMakePair(item.left(equals), item.mid(equals + 1)));
        }
    }
    m_syncing = true;
    m_params->setPairs(params);
    m_syncing = false;
}

void RequestConsole::paramsEdited()
{
    if (m_syncing)
        return;
    QString url = m_url->text();
    const qsizetype question = url.indexOf(QLatin1Char('?'));
    if (question >= 0)
        url.truncate(question);
    QStringList items;
    for (const auto &[name, value] : m_params->pairs())
        items << (value.isEmpty() ? name : name + QLatin1Char('=') + value);
    if (!items.isEmpty())
        url += QLatin1Char('?') + items.join(QLatin1Char('&'));
    m_syncing = true;
    m_url->setText(url);
    m_syncing = false;
}

void RequestConsole::authChanged()
{
    const bool user = ConsoleAuth(m_auth->currentData().toInt()) == ConsoleAuth::User;
    m_user->setEnabled(user);
    m_user->setToolTip(user ? tr("The test user the console signs in as; {{user.id}} in the URL or body is their id")
                            : tr("Choose \"Test user\" to send as a user"));
    m_explain->setToolTip(user ? tr("Send with the service key as this test user and show which rules applied")
                               : tr("Send with the service key as an anonymous caller and show which rules applied"));
}

void RequestConsole::refreshUsers()
{
    const QString current = m_user->currentData().toString();
    m_user->clear();
    // The combo is as wide as its longest item: a very long address is shortened in the middle (whole in
    // its tooltip), so that it cannot push the console wider than the window.
    const int longest = m_user->fontMetrics().averageCharWidth() * 32;
    for (const TestUser &user : m_store->users()) {
        m_user->addItem(m_user->fontMetrics().elidedText(user.email, Qt::ElideMiddle, longest), user.email);
        m_user->setItemData(m_user->count() - 1, user.email, Qt::ToolTipRole);
    }
    m_user->addItem(tr("New test user…"), s_newUser);
    const int index = m_user->findData(current);
    m_user->setCurrentIndex(index >= 0 && current != s_newUser ? index : 0);
}

void RequestConsole::userChosen(int index)
{
    if (m_user->itemData(index).toString() != s_newUser)
        return;
    m_user->setCurrentIndex(0);
    if (!target().isRunning()) {
        m_response->showMessage(tr("Press Run to start the runtime before creating a test user."), true);
        return;
    }
    NewTestUserDialog dialog(this);
    if (target().project)
        dialog.setProfileData(RequestSamples::signUpData(*target().project));
    // The dialog stays open until the runtime said yes; a refusal is shown in it, with what was typed.
    connect(&dialog, &NewTestUserDialog::signUpRequested, this,
        [this, &dialog] { createTestUser(dialog.email(), dialog.password(), dialog.data()); });
    connect(this, &RequestConsole::testUserReady, &dialog, [&dialog](const QString &, const QString &error) {
        if (error.isEmpty())
            dialog.accept();
        else
            dialog.showError(error);
    });
    dialog.exec();
}

void RequestConsole::createTestUser(const QString &email, const QString &password, const QJsonObject &data)
{
    m_response->showMessage(tr("Signing up %1…").arg(email), false);
    sessions()->signUp(email, password, data, [this, email](const QString &error) {
        if (error.isEmpty()) {
            refreshUsers();
            m_user->setCurrentIndex(m_user->findData(email.toLower()) >= 0 ? m_user->findData(email.toLower()) : m_user->findData(email));
            m_auth->setCurrentIndex(m_auth->findData(int(ConsoleAuth::User)));
            m_response->showMessage(tr("%1 is signed up and signed in.").arg(email), false);
        } else {
            m_response->showMessage(error, true);
        }
        emit testUserReady(email, error);
    });
}

void RequestConsole::refreshEnvironments()
{
    const QString current = m_environment->currentText();
    m_environment->clear();
    m_environment->addItem(tr("No environment"), QString());
    for (const ConsoleEnvironment &environment : m_store->environments())
        m_environment->addItem(environment.name, environment.name);
    const int index = m_environment->findData(current);
    m_environment->setCurrentIndex(index >= 0 ? index : 0);
}

void RequestConsole::setCurrentEnvironment(const QString &name)
{
    const int index = m_environment->findData(name);
    m_environment->setCurrentIndex(index >= 0 ? index : 0);
}

QString RequestConsole::currentEnvironment() const
{
    return m_environment->currentData().toString();
}

bool RequestConsole::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_url && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->matches(QKeySequence::Paste)) {
        const QString text = QApplication::clipboard()->text();
        if (CurlCommand::looksLikeCurl(text)) {
            importCurl(text);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

bool RequestConsole::importCurl(const QString &command)
{
    return m_actions->importCurl(command);
}

QString RequestConsole::copyAsCurl()
{
    return m_actions->copyAsCurl();
}

void RequestConsole::saveToCollection()
{
    if (const QString name = m_actions->saveToCollection(); !name.isEmpty())
        m_name = name;
}

} // namespace Designer
