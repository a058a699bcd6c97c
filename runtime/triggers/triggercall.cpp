// SPDX-License-Identifier: GPL-3.0-or-later
// What a trigger's function gets as `req`, and how its outcome reads as an Error.
#include "triggercall.h"

#include <QJsonDocument>

Q_LOGGING_CATEGORY(lcTriggers, "basalt.triggers")

namespace Runtime {

FunctionRequest triggerRequest(const Trigger &trigger, const QString &table, const Caller &caller)
{
    FunctionRequest request;
    request.method = triggerEventName(trigger.event).toUpper();
    request.path = table;
    request.params = QJsonObject {{QStringLiteral("trigger"), trigger.name},
        {QStringLiteral("timing"), triggerTimingName(trigger.timing)}};
    request.body = QJsonValue::Null;
    request.role = caller.role.isEmpty() ? QStringLiteral("anon") : caller.role;
    if (caller.kind == Caller::Kind::Authenticated)
        request.user = QJsonObject {{QStringLiteral("id"), caller.userId}, {QStringLiteral("email"), caller.email},
            {QStringLiteral("role"), caller.role}};
    else
        request.user = QJsonValue::Null;
    return request;
}

void logConsole(const Trigger &trigger, const ScriptFunction &function, const QList<ConsoleLine> &lines)
{
    for (const ConsoleLine &line : lines) {
        const QString text = QStringLiteral("trigger %1 (function %2): %3").arg(trigger.name, function.name, line.text);
        if (line.level == ConsoleLine::Level::Error || line.level == ConsoleLine::Level::Warn)
            qCWarning(lcTriggers).noquote() << text;
        else
            qCInfo(lcTriggers).noquote() << text;
    }
}

std::optional<Error> triggerError(const Trigger &trigger, const ScriptFunction &function, const FunctionResult &result)
{
    logConsole(trigger, function, result.console);
    if (result.errorCode.isEmpty())
        return std::nullopt;
    const QString who = QStringLiteral("trigger %1 (function %2)").arg(trigger.name, function.name);
    if (result.errorCode == QLatin1String("http_error") || result.errorCode == QLatin1String("function_error")) {
        Error error(ErrorCode::TriggerRefused, result.thrownMessage, who);
        if (result.errorCode == QLatin1String("http_error"))
            error.status = result.status;
        error.details = QStringLiteral("Refused by the trigger \"%1\"").arg(trigger.name);
        return error;
    }
    const QString message = QJsonDocument::fromJson(result.body).object().value(QStringLiteral("message")).toString();
    qCWarning(lcTriggers).noquote() << who << "failed:" << message;
    Error error(ErrorCode::TriggerFailed, message, who);
    error.details = QStringLiteral("Failed in the trigger \"%1\" (function %2); nothing was written").arg(trigger.name, function.name);
    return error;
}

} // namespace Runtime
