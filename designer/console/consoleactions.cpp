// SPDX-License-Identifier: GPL-3.0-or-later
// ConsoleActions: the request console's curl, collection and environment commands.
#include "consoleactions.h"

#include "consoledialogs.h"
#include "consolestore.h"
#include "curlcommand.h"
#include "requestconsole.h"
#include "responseview.h"

#include <QApplication>
#include <QClipboard>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>

namespace Designer {

ConsoleActions::ConsoleActions(RequestConsole *console)
    : m_console(console)
{
}

bool ConsoleActions::importCurl(const QString &command)
{
    Runtime::Result<ConsoleRequest> parsed = CurlCommand::parse(command);
    if (!parsed) {
        m_console->responseView()->showMessage(tr("The curl command was not imported: %1").arg(parsed.error().message), true);
        return false;
    }
    ConsoleRequest request = *parsed;
    const RunTarget &target = m_console->target();
    // Recognise the project's own keys, so the request is saved with an auth mode instead of a key.
    const QString apikey = request.header(QStringLiteral("apikey"));
    const QString authorization = request.header(QStringLiteral("Authorization"));
    auto drop = [&request](const QString &name) {
        request.headers.removeIf([&name](const QPair<QString, QString> &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    };
    if (!target.serviceKey.isEmpty() && apikey == QString::fromLatin1(target.serviceKey)
        && (authorization.isNull() || authorization == QStringLiteral("Bearer ") + apikey)
        && request.header(QStringLiteral("X-Basalt-Explain")).isNull()) {
        request.auth = ConsoleAuth::Service;
        drop(QStringLiteral("apikey"));
        drop(QStringLiteral("Authorization"));
    } else if (!target.anonKey.isEmpty() && apikey == QString::fromLatin1(target.anonKey)
        && (authorization.isNull() || authorization == QStringLiteral("Bearer ") + apikey)) {
        request.auth = ConsoleAuth::Anon;
        drop(QStringLiteral("apikey"));
        drop(QStringLiteral("Authorization"));
    }
    const QString base = target.baseUrl.toString();
    if (!base.isEmpty() && request.url.startsWith(base + QLatin1Char('/')))
        request.url = request.url.mid(base.size());
    m_console->openRequest(request);
    m_console->responseView()->showMessage(tr("Imported the curl command; press Send to run it."), false);
    return true;
}

void ConsoleActions::askImportCurl()
{
    bool ok = false;
    const QString command = QInputDialog::getMultiLineText(m_console, tr("Import curl"),
        tr("Paste a curl command (e.g. from a browser's \"Copy as cURL\" or the API docs):"), QString(), &ok);
    if (ok && !command.trimmed().isEmpty())
        importCurl(command);
}

QString ConsoleActions::copyAsCurl()
{
    // The copy carries the credentials Auth shows and nothing more: Explain runs with the service key,
    // so it stays in the console.
    ConsoleRequest form = m_console->currentRequest();
    const bool explained = form.explain;
    form.explain = false;
    if (form.auth != ConsoleAuth::User)
        form.user.clear();
    const Runtime::Result<ConsoleRequest> resolved = m_console->resolvedRequest(form);
    if (!resolved) {
        m_console->responseView()->showMessage(tr("Cannot copy as curl: %1").arg(resolved.error().message), true);
        return {};
    }
    QString curl = CurlCommand::toCurl(*resolved);
    // A header or body of the form may still name {{serviceKey}}: then the copy says so on its first line.
    const QString service = QString::fromLatin1(m_console->target().serviceKey);
    const bool hasService = !service.isEmpty() && curl.contains(service);
    if (hasService)
        curl.prepend(QStringLiteral("# ") + tr("This command contains the project's service key, which bypasses every "
                                               "rule: keep it to yourself.") + QLatin1Char('\n'));
    QApplication::clipboard()->setText(curl);
    QString note = hasService ? tr("Copied as curl, with the service key.") : tr("Copied as curl, without the service key.");
    if (explained)
        note += QLatin1Char(' ') + tr("Explain is left out: it needs the service key.");
    m_console->responseView()->showHint(note);
    return curl;
}

QString ConsoleActions::saveToCollection()
{
    ConsoleStore *store = m_console->store();
    QStringList names;
    for (const RequestCollection &collection : store->collections())
        names << collection.name;
    if (names.isEmpty())
        names << tr("Requests");
    bool ok = false;
    const QString collection = QInputDialog::getItem(m_console, tr("Save Request"), tr("Collection:"), names, 0, true, &ok).trimmed();
    if (!ok || collection.isEmpty())
        return {};
    ConsoleRequest request = m_console->currentRequest();
    const QString suggested = request.name.isEmpty() ? QStringLiteral("%1 %2").arg(request.method, request.url.section(QLatin1Char('?'), 0, 0)) : request.name;
    request.name = QInputDialog::getText(m_console, tr("Save Request"), tr("Name:"), QLineEdit::Normal, suggested, &ok).trimmed();
    if (!ok || request.name.isEmpty())
        return {};
    QString error;
    if (!store->saveRequest(collection, request, &error))
        QMessageBox::warning(m_console, tr("Save Request"), error);
    else if (store->projectFile().isEmpty())
        m_console->responseView()->showMessage(tr("Saved in memory: save the project to keep collections beside it."), false);
    return request.name;
}

void ConsoleActions::editEnvironments()
{
    ConsoleStore *store = m_console->store();
    EnvironmentDialog dialog(store->environments(), m_console->currentEnvironment(), m_console);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!store->setEnvironments(dialog.environments(), &error))
        QMessageBox::warning(m_console, tr("Environments"), error);
    m_console->setCurrentEnvironment(dialog.current());
}

} // namespace Designer
