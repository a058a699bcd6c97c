// SPDX-License-Identifier: GPL-3.0-or-later
// Error: what went wrong, for the user (message) and for the log (detail).
#pragma once

#include "errorcodes.h"

#include <QJsonValue>
#include <QList>
#include <QString>

namespace Runtime {

/** One validation finding, located by a JSON path into the project file (e.g. `tables[2].fields[0].type`).
    \a objectId names the model object it belongs to, so a UI can select it; it may be empty. */
struct Problem
{
    enum class Severity { Error, Warning };

    Severity severity = Severity::Error;
    QString path;
    QString message;
    QString objectId;

    /** Returns "path: message", or just the message when there is no path. */
    QString toString() const;
    bool operator==(const Problem &) const = default;
};

/** An error: a stable code, a message for the user (translated where shown), a private detail for logs
    (SQL text, file paths: never sent over the API), and the problems behind it, if any. */
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QString detail;
    QList<Problem> problems;
    /** For clients, when set: the error's "details" as they are (PGRST201's list of relationships),
        instead of the problems joined into a string. */
    QJsonValue details;
    /** For clients, when set: the error's "hint", instead of the one of its code. */
    QString hint;
    /** For clients, when set (> 0): the HTTP status, instead of the one of its code (the status of the
        HttpError a trigger threw). */
    int status = 0;

    Error() = default;
    Error(ErrorCode c, QString msg, QString det = {}) : code(c), message(std::move(msg)), detail(std::move(det)) {}

    /** Returns the message followed by each problem on its own line. */
    QString toString() const;
};

} // namespace Runtime
