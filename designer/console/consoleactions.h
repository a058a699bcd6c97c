// SPDX-License-Identifier: GPL-3.0-or-later
// ConsoleActions: the request console's curl, collection and environment commands.
#pragma once

#include <QCoreApplication>
#include <QString>

namespace Designer {

class RequestConsole;

/** The request console's commands on the whole form: copy it as a curl command, fill it from a curl
    command, save it into a collection and edit the environments. Works through the console's public
    functions and shows its dialogs and messages there. Created and owned by its RequestConsole. */
class ConsoleActions
{
    // The context the texts had when they were part of RequestConsole, so their translations still apply.
    Q_DECLARE_TR_FUNCTIONS(Designer::RequestConsole)

public:
    explicit ConsoleActions(RequestConsole *console);

    /** Fills the console's form from the curl command \a command. The project's own anon or service key
        (as apikey, with no Authorization header or a matching one) becomes that auth mode instead of
        headers, and a URL under the runtime's base URL becomes relative. Returns false and shows why if
        the command does not parse. */
    bool importCurl(const QString &command);
    /** Asks for a curl command and imports it. */
    void askImportCurl();
    /** Returns the form's request as a curl command (variables substituted, the auth headers of the
        Auth control added, Explain left out because it sends the service key) and puts it on the
        clipboard; a command that still contains the service key (Auth is the service key, or the form
        names {{serviceKey}}) starts with a comment saying so. Shows why and returns empty if it cannot
        be resolved. */
    QString copyAsCurl();
    /** Asks for a collection (an existing one or a new name) and a name, and saves the form's request
        there under that name. Returns the name given, or empty if the user cancelled. */
    QString saveToCollection();
    /** Shows the environments dialog; stores the edited environments and selects the chosen one. */
    void editEnvironments();

private:
    RequestConsole *m_console;
};

} // namespace Designer
