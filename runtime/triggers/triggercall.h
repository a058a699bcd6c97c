// SPDX-License-Identifier: GPL-3.0-or-later
// What a trigger's function gets as `req`, and how its outcome reads as an Error.
#pragma once

#include "auth/caller.h"
#include "core/error.h"
#include "model/projectparts.h"
#include "scripting/functionrunner.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcTriggers)

namespace Runtime {

/** Returns the `req` of a call of \a trigger on \a table (empty for auth events) for \a caller: method is
    the event ("INSERT", "UPDATE", "DELETE", "SIGNUP", "SIGNIN"), path the table's name, params
    {trigger, timing}, user the caller's {id, email, role} (null for anon and the service role), role the
    caller's role. */
FunctionRequest triggerRequest(const Trigger &trigger, const QString &table, const Caller &caller);

/** Returns the error of a trigger call that did not return, or nothing if it did: TriggerRefused with the
    thrown message (and the status of an HttpError), or TriggerFailed (a timeout, code that does not
    compile). \a result's console lines are logged either way, under the trigger's name. */
std::optional<Error> triggerError(const Trigger &trigger, const ScriptFunction &function, const FunctionResult &result);

/** Logs \a lines that \a function printed while running as \a trigger (lcTriggers). */
void logConsole(const Trigger &trigger, const ScriptFunction &function, const QList<ConsoleLine> &lines);

} // namespace Runtime
