// SPDX-License-Identifier: GPL-3.0-or-later
// The parts of a project beyond the schema: roles, endpoints, functions, triggers, integrations, settings.
#pragma once

#include "ids.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace Runtime {

/** A custom role, taken from a user field (built-in roles anon, authenticated, service_role are implicit). */
struct Role
{
    ObjectId id;
    QString name;
    QString description;
    bool operator==(const Role &) const = default;
};

/** The time limit of a function call unless the function sets its own (ScriptFunction::timeoutMs). */
inline constexpr int defaultFunctionTimeoutMs = 5000;

/** A custom JavaScript function, run by runtime/scripting. */
struct ScriptFunction
{
    ObjectId id;
    QString name;
    QString description;
    /** The body of a JavaScript function with the parameters (req, row, old): statements ending in
        `return {...}`; checked by checkFunctionSource(). Stored as an array of lines, to diff line by line. */
    QString code;
    int timeoutMs = defaultFunctionTimeoutMs; ///< the time limit of one call, in milliseconds
    bool operator==(const ScriptFunction &) const = default;
};

/** A custom API endpoint (method + path) served by a function. */
struct Endpoint
{
    ObjectId id;
    QString name;
    QString method = QStringLiteral("GET");
    QString path; ///< below /api/, e.g. "orders/:id/cancel"
    ObjectId functionId;
    QStringList roles; ///< who may call it; empty: only the service role
    QString description;
    bool operator==(const Endpoint &) const = default;
};

enum class TriggerEvent { Insert, Update, Delete };
QString triggerEventName(TriggerEvent event);
std::optional<TriggerEvent> triggerEventFromName(const QString &name);

/** Runs a function after a row of a table is inserted, updated or deleted. */
struct Trigger
{
    ObjectId id;
    QString name;
    ObjectId tableId;
    TriggerEvent event = TriggerEvent::Insert;
    ObjectId functionId;
    bool operator==(const Trigger &) const = default;
};

/** An outside REST service that functions can call by name. */
struct Integration
{
    ObjectId id;
    QString name;
    QString baseUrl;
    QList<QPair<QString, QString>> headers; ///< values may name environment variables as ${NAME}
    QString description;
    bool operator==(const Integration &) const = default;
};

/** Project-wide settings; every one has a default, so a file may omit any of them. */
struct Settings
{
    int accessTokenLifetimeSeconds = 3600;
    int minimumPasswordLength = 8;
    qint64 maxRequestBodyBytes = 1024 * 1024;
    /** The project table that extends the built-in users (a profile): its uuid primary key is the
        user's id, its row is created at sign-up from the sign-up's data. Empty: users have no profile. */
    ObjectId usersTable;
    /** A text or enum field of usersTable whose value, when it names a custom role, is the signed-in
        user's role (rules of "authenticated" still apply to them). Empty: no custom roles from users. */
    QString roleField;
    QStringList jwtClaimFields; ///< fields of usersTable copied into access tokens as claims
    QStringList corsOrigins;    ///< empty: any origin in local runs
    bool operator==(const Settings &) const = default;
};

} // namespace Runtime
