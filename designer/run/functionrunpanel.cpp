// SPDX-License-Identifier: GPL-3.0-or-later
// FunctionRunPanel: the function editor's Run button and what the run answered.
#include "functionrunpanel.h"

#include "apiclient.h"
#include "widgets/codestyle.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace Designer {

namespace {
QPlainTextEdit *outputView(QWidget *parent, const QString &objectName)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setFont(codeFont(view->font()));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    return view;
}
} // namespace

FunctionRunPanel::FunctionRunPanel(QWidget *parent)
    : QWidget(parent)
    , m_client(new ApiClient(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *header = new QHBoxLayout;
    m_runButton = new QPushButton(QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("&Run"), this);
    m_runButton->setObjectName(QStringLiteral("runFunctionButton"));
    m_runButton->setToolTip(tr("Call the function on the running backend with its sample input"));
    connect(m_runButton, &QPushButton::clicked, this, &FunctionRunPanel::run);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("runStatusLabel"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    header->addWidget(m_runButton);
    header->addWidget(m_status, 1);
    layout->addLayout(header);
    m_tabs = new QTabWidget(this);
    m_result = outputView(m_tabs, QStringLiteral("runResultView"));
    m_console = outputView(m_tabs, QStringLiteral("runConsoleView"));
    m_sql = outputView(m_tabs, QStringLiteral("runSqlView"));
    m_tabs->addTab(m_result, tr("Result"));
    m_tabs->addTab(m_console, tr("Console"));
    m_tabs->addTab(m_sql, tr("SQL"));
    layout->addWidget(m_tabs, 1);
    updateState();
}

void FunctionRunPanel::setTarget(const RunTarget &target)
{
    m_client->setTarget(target);
    updateState();
}

void FunctionRunPanel::setFunction(const QString &name, const QString &sampleInput)
{
    if (name != m_name) {
        m_answered = false;
        m_result->clear();
        m_console->clear();
        m_sql->clear();
    }
    m_name = name;
    m_sampleInput = sampleInput;
    updateState();
}

void FunctionRunPanel::updateState()
{
    const bool running = m_client->target().isRunning();
    m_runButton->setEnabled(running && !m_name.isEmpty() && !m_running);
    if (m_running)
        return;
    if (!running)
        m_status->setText(tr("Start the backend (Run in the toolbar) to try this function with its sample input."));
    else if (!m_answered)
        m_status->setText(tr("Runs %1 on the running backend with the sample input, as the service role.").arg(m_name));
}

void FunctionRunPanel::run()
{
    if (!m_client->target().isRunning() || m_name.isEmpty() || m_running)
        return;
    m_running = true;
    m_runButton->setEnabled(false);
    m_status->setText(tr("Running %1…").arg(m_name));
    ApiRequest request;
    request.method = "POST";
    request.url = QUrl(QStringLiteral("/basalt/v1/run/") + QString::fromLatin1(QUrl::toPercentEncoding(m_name)));
    request.headers = m_client->serviceHeaders();
    request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    request.body = m_sampleInput.trimmed().isEmpty() ? QByteArrayLiteral("{}") : m_sampleInput.toUtf8();
    m_client->send(request, this, [this](const ApiReply &reply) {
        m_running = false;
        showAnswer(reply.status, reply.body, reply.networkError);
        updateState();
        emit finished();
    });
}

void FunctionRunPanel::showAnswer(int httpStatus, const QByteArray &body, const QString &networkError)
{
    m_answered = true;
    m_result->clear();
    m_console->clear();
    m_sql->clear();
    if (!networkError.isEmpty()) {
        m_status->setText(tr("The backend did not answer: %1").arg(networkError));
        return;
    }
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    if (httpStatus != 200) { // the run itself was refused (e.g. the sample input is not JSON)
        m_status->setText(tr("Not run: %1").arg(answer.value(QStringLiteral("message")).toString(QString::fromUtf8(body))));
        return;
    }
    const int status = answer.value(QStringLiteral("status")).toInt();
    const QJsonArray console = answer.value(QStringLiteral("console")).toArray();
    const QJsonArray statements = answer.value(QStringLiteral("statements")).toArray();
    m_status->setText(tr("%1 %2 · %3 ms · %n console line(s)", nullptr, int(console.size()))
                          .arg(status)
                          .arg(status < 400 ? tr("answered") : tr("failed"))
                          .arg(answer.value(QStringLiteral("durationMs")).toDouble(), 0, 'f', 1));
    const QJsonValue result = answer.value(QStringLiteral("body"));
    if (answer.value(QStringLiteral("bodyEncoding")).toString() == QLatin1String("json") && (result.isObject() || result.isArray()))
        m_result->setPlainText(QString::fromUtf8(result.isObject() ? QJsonDocument(result.toObject()).toJson()
                                                                   : QJsonDocument(result.toArray()).toJson()));
    else if (result.isString())
        m_result->setPlainText(result.toString());
    else
        m_result->setPlainText(QString::fromUtf8(QJsonDocument(QJsonArray {result}).toJson(QJsonDocument::Compact)).mid(1).chopped(1));
    QStringList lines;
    for (const QJsonValue &line : console)
        lines << QStringLiteral("[%1] %2").arg(line[QStringLiteral("level")].toString(), line[QStringLiteral("text")].toString());
    m_console->setPlainText(lines.join(QLatin1Char('\n')));
    QStringList sql;
    for (const QJsonValue &statement : statements)
        sql << statement.toString() + QLatin1Char(';');
    m_sql->setPlainText(sql.join(QLatin1String("\n\n")));
    m_tabs->setTabText(1, tr("Console (%1)").arg(console.size()));
    m_tabs->setTabText(2, tr("SQL (%1)").arg(statements.size()));
    m_tabs->setCurrentWidget(status >= 400 || console.isEmpty() ? m_result : m_tabs->currentWidget());
}

} // namespace Designer
