// SPDX-License-Identifier: GPL-3.0-or-later
// LogicTexts: how the designer names endpoints, triggers and schedules in one line (tree, badges, editors).
#pragma once

#include "model/project.h"

#include <QCoreApplication>
#include <QString>

namespace Designer {

/** The one-line summaries of the logic parts, shared by the project tree, the canvas's trigger badges and
    the editors, so that a trigger reads the same everywhere. Stateless; all functions are static. */
class LogicTexts
{
    Q_DECLARE_TR_FUNCTIONS(Designer::LogicTexts)

public:
    /** Returns "GET /api/orders/:id/summary". */
    static QString endpointSummary(const Runtime::Endpoint &endpoint);
    /** Returns "before insert on orders" (the table named from \a project), "after sign-up", ... */
    static QString triggerSummary(const Runtime::Project &project, const Runtime::Trigger &trigger);
    /** Returns "before insert", "after sign-in", ... without the table (a table card's badge). */
    static QString triggerWhen(Runtime::TriggerTiming timing, Runtime::TriggerEvent event);
    /** Returns the line of \a trigger in its table's badge: "before insert: compute_total" (its function's
        name from \a project), with "(disabled)" when it is. */
    static QString triggerBadgeLine(const Runtime::Project &project, const Runtime::Trigger &trigger);
    /** Returns the schedule's expression in words and its time zone: "every day at 03:00 (Europe/Berlin)";
        the expression as written when it does not parse. */
    static QString scheduleSummary(const Runtime::Schedule &schedule);
    /** Returns the display name of \a access ("Anyone with the anon key", ...). */
    static QString accessName(Runtime::CallAccess access);
    /** Returns the display name of \a event ("insert", "sign-up", ...). */
    static QString eventName(Runtime::TriggerEvent event);
    /** Returns the display name of \a type ("text", "integer", ...). */
    static QString parameterTypeName(Runtime::ParameterType type);
    /** Returns the display name of \a location ("path", "query", "body"). */
    static QString locationName(Runtime::ParameterLocation location);
};

} // namespace Designer
