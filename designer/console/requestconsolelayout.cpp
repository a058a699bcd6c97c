// SPDX-License-Identifier: GPL-3.0-or-later
// RequestConsole: its widgets, their layout and their connections.
#include "requestconsole.h"

#include "consoleactions.h"
#include "consolesessions.h"
#include "consolesidebar.h"
#include "consolestore.h"
#include "jsoneditor.h"
#include "keyvaluetable.h"
#include "requestsender.h"
#include "responseview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
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

#include <Qsci/qsciscintilla.h>

namespace Designer {

void RequestConsole::buildLayout()
{
    createRequestControls();
    QToolButton *more = createMoreButton();
    createEditors();
    arrangeLayout(more);
}

// The history sidebar and the controls above the request's tabs: method, URL, Send, Cancel, base URL,
// auth and environment.
void RequestConsole::createRequestControls()
{
    m_sidebar = new ConsoleSidebar(m_store, this);
    m_method = new QComboBox(this);
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PATCH"), QStringLiteral("PUT"),
        QStringLiteral("DELETE"), QStringLiteral("HEAD"), QStringLiteral("OPTIONS")});
    m_method->setEditable(true);
    m_url = new QLineEdit(this);
    m_url->setPlaceholderText(tr("/rest/v1/<table>?select=* (relative to the base URL), or paste a curl command"));
    m_url->setCompleter(new QCompleter(new QStringListModel(m_url), m_url));
    m_url->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_url->completer()->setFilterMode(Qt::MatchContains);
    m_send = new QPushButton(tr("Send"), this);
    m_send->setToolTip(tr("Send the request (Ctrl+Return)"));
    m_send->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_base = new QLabel(this);
    m_base->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_base->setWordWrap(true); // "Press Run to start…" must not set the console's width (632 px in German)
    m_auth = new QComboBox(this);
    m_auth->addItem(tr("No auth"), int(ConsoleAuth::None));
    m_auth->addItem(tr("Anon key"), int(ConsoleAuth::Anon));
    m_auth->addItem(tr("Service key"), int(ConsoleAuth::Service));
    m_auth->addItem(tr("Test user"), int(ConsoleAuth::User));
    // Safe and working at once: the anon key is what an app sends, and it obeys every rule.
    m_auth->setCurrentIndex(m_auth->findData(int(ConsoleAuth::Anon)));
    m_user = new QComboBox(this);
    m_explain = new QCheckBox(tr("Explain rules"), this);
    m_explain->setToolTip(tr("Run as the chosen test user (or anonymous) with the service key and show which "
                             "permission rules applied, how many rows they excluded or why a write was refused"));
    m_environment = new QComboBox(this);
    m_environment->setToolTip(tr("The environment whose {{variables}} are put into the URL, headers and body"));
    // The combos are as wide as their longest item and never narrower, so no choice is cut ("No environmen",
    // "Ohne Authenti"): when room is short, the history beside them and the URL line give way instead.
    for (QComboBox *combo : {m_method, m_auth, m_user, m_environment}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        combo->setSizePolicy(QSizePolicy::Minimum, combo->sizePolicy().verticalPolicy());
    }
}

QToolButton *RequestConsole::createMoreButton()
{
    // The less frequent commands share one button, so the console fits beside the docks.
    auto *more = new QToolButton(this);
    more->setText(tr("More"));
    more->setObjectName(QStringLiteral("more"));
    more->setPopupMode(QToolButton::InstantPopup);
    auto *moreMenu = new QMenu(more);
    moreMenu->setToolTipsVisible(true);
    QAction *save = moreMenu->addAction(tr("&Save to Collection…"));
    save->setToolTip(tr("Save the request into a collection beside the project file"));
    QAction *copyCurl = moreMenu->addAction(tr("&Copy as curl"));
    QAction *importCurl = moreMenu->addAction(tr("&Import curl…"));
    moreMenu->addSeparator();
    QAction *environments = moreMenu->addAction(tr("&Environments…"));
    more->setMenu(moreMenu);
    connect(environments, &QAction::triggered, this, [this] { m_actions->editEnvironments(); });
    connect(save, &QAction::triggered, this, &RequestConsole::saveToCollection);
    connect(copyCurl, &QAction::triggered, this, &RequestConsole::copyAsCurl);
    connect(importCurl, &QAction::triggered, this, [this] { m_actions->askImportCurl(); });
    return more;
}

// The request's tabs (params, headers, body) and the response view; names every control.
void RequestConsole::createEditors()
{
    m_params = new KeyValueTable(tr("Parameter"), tr("Value"), this);
    m_headers = new KeyValueTable(tr("Header"), tr("Value"), this);
    m_body = new JsonEditor(this);
    m_requestTabs = new QTabWidget(this);
    m_requestTabs->addTab(m_params, tr("Params"));
    m_requestTabs->addTab(m_headers, tr("Headers"));
    m_requestTabs->addTab(m_body, tr("Body"));
    m_response = new ResponseView(this);
    // Names for tests and accessibility tools.
    m_method->setObjectName(QStringLiteral("method"));
    m_url->setObjectName(QStringLiteral("url"));
    m_send->setObjectName(QStringLiteral("send"));
    m_cancel->setObjectName(QStringLiteral("cancel"));
    m_auth->setObjectName(QStringLiteral("auth"));
    m_user->setObjectName(QStringLiteral("user"));
    m_explain->setObjectName(QStringLiteral("explain"));
    m_params->setObjectName(QStringLiteral("params"));
    m_headers->setObjectName(QStringLiteral("headers"));
    m_body->setObjectName(QStringLiteral("body"));
    m_environment->setObjectName(QStringLiteral("environment"));
    m_base->setObjectName(QStringLiteral("baseUrl"));
}

void RequestConsole::arrangeLayout(QToolButton *more)
{
    // The URL row holds only what a request needs, so that the URL keeps its room in a narrow window;
    // the environment and the less used commands sit beside the base URL.
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_method);
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(m_send);
    urlRow->addWidget(m_cancel);
    auto *baseRow = new QHBoxLayout;
    baseRow->addWidget(m_base, 1);
    baseRow->addWidget(m_environment);
    baseRow->addWidget(more);
    auto *authRow = new QHBoxLayout;
    m_authLabel = new QLabel(tr("Auth:"), this);
    m_authLabel->setBuddy(m_auth);
    authRow->addWidget(m_authLabel);
    authRow->addWidget(m_auth);
    authRow->addWidget(m_user);
    authRow->addStretch(1);
    // Explain sits at the request tabs' corner, so the auth row stays short enough in German that the
    // console fits beside the docks at 1366 px without cutting a choice.
    m_requestTabs->setCornerWidget(m_explain, Qt::TopRightCorner);

    auto *main = new QWidget(this);
    auto *mainLayout = new QVBoxLayout(main);
    mainLayout->setContentsMargins(0, 0, 0, 0);
    mainLayout->addLayout(urlRow);
    mainLayout->addLayout(baseRow);
    mainLayout->addLayout(authRow);
    auto *split = new QSplitter(Qt::Vertical, main);
    split->addWidget(m_requestTabs);
    split->addWidget(m_response);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({200, 400});
    mainLayout->addWidget(split, 1);
    auto *outer = new QSplitter(Qt::Horizontal, this);
    outer->addWidget(m_sidebar);
    outer->addWidget(main);
    outer->setStretchFactor(1, 1);
    m_sidebar->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 24);
    outer->setCollapsible(1, false);
    outer->setSizes({260, 840});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(outer);
}

void RequestConsole::connectForm()
{
    connect(m_send, &QPushButton::clicked, this, &RequestConsole::send);
    connect(m_sender, &RequestSender::finished, this, &RequestConsole::finish);
    connect(m_sender, &RequestSender::failed, this, &RequestConsole::fail);
    connect(m_cancel, &QPushButton::clicked, this, &RequestConsole::cancel);
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, this, &RequestConsole::send);
    auto *enterShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this);
    enterShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(enterShortcut, &QShortcut::activated, this, &RequestConsole::send);
    connect(m_url, &QLineEdit::textEdited, this, &RequestConsole::urlEdited);
    connect(m_url, &QLineEdit::returnPressed, this, &RequestConsole::send);
    connect(m_params, &KeyValueTable::pairsEdited, this, &RequestConsole::paramsEdited);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &RequestConsole::authChanged);
    connect(m_explain, &QCheckBox::toggled, this, &RequestConsole::authChanged);
    connect(m_user, &QComboBox::activated, this, &RequestConsole::userChosen);
    connect(m_store, &ConsoleStore::usersChanged, this, &RequestConsole::refreshUsers);
    connect(m_store, &ConsoleStore::collectionsChanged, this, &RequestConsole::refreshEnvironments);
    connect(m_sidebar, &ConsoleSidebar::openRequested, this, &RequestConsole::openRequest);
    m_url->installEventFilter(this);
    for (QWidget *editor : {static_cast<QWidget *>(m_url), static_cast<QWidget *>(m_body->editor())}) {
        editor->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(editor, &QWidget::customContextMenuRequested, this,
            [this, editor](const QPoint &position) { showEditMenu(editor, position); });
    }
}

void RequestConsole::showEditMenu(QWidget *editor, const QPoint &position)
{
    std::unique_ptr<QMenu> menu;
    if (editor == m_url)
        menu.reset(m_url->createStandardContextMenu());
    else
        menu.reset(m_body->editor()->createStandardContextMenu());
    if (!menu)
        menu = std::make_unique<QMenu>();
    menu->setToolTipsVisible(true);
    menu->addSeparator();
    QAction *userId = menu->addAction(tr("Insert {{user.id}}"));
    userId->setObjectName(QStringLiteral("insertUserId"));
    userId->setToolTip(tr("The id of the test user chosen under Auth, put in when the request is sent or copied; "
                          "e.g. {\"customer_id\": \"{{user.id}}\"} for a rule like customer_id = auth.uid"));
    connect(userId, &QAction::triggered, this, [this, editor] {
        const QString text = QStringLiteral("{{user.id}}");
        if (editor == m_url) {
            m_url->insert(text);
            urlEdited();
        } else {
            m_body->editor()->insert(text);
            int line = 0;
            int index = 0;
            m_body->editor()->getCursorPosition(&line, &index);
            m_body->editor()->setCursorPosition(line, index + int(text.size()));
        }
    });
    menu->exec(editor->mapToGlobal(position));
}

} // namespace Designer
