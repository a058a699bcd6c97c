// SPDX-License-Identifier: GPL-3.0-or-later
// The parts of a project beyond the schema: roles, endpoints, functions, triggers, integrations, settings.
#pragma once

#include "ids.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

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

/** Who may call a function or an endpoint over HTTP. The service role may always. */
enum class CallAccess {
    Service, ///< only the service role (server-side code, the designer)
    Anyone, ///< anyone with the project's anon key, signed in or not
    SignedIn, ///< signed-in users, whatever their role
    Roles ///< the roles listed (anon, authenticated or custom roles)
};
QString callAccessName(CallAccess access);
std::optional<CallAccess> callAccessFromName(const QString &name);

/** Who may call: the access and, for CallAccess::Roles, the roles. */
struct CallPermission
{
    CallAccess access = CallAccess::Service;
    QStringList roles; ///< for CallAccess::Roles
    /** Returns true if a caller of \a role (anon, authenticated, a custom role or service_role) may call;
        \a signedIn says whether the caller is a signed-in user. */
    bool allows(const QString &role, bool signedIn) const;
    bool operator==(const CallPermission &) const = default;
};

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
    /** Who may call it as `POST /functions/v1/<name>` and `/rest/v1/rpc/<name>`; by default nobody but the
        service role, so that a trigger's function is not callable by clients. */
    CallPermission callers;
    /** It only reads: callable with GET on /rest/v1/rpc/, and its `db` refuses writes. */
    bool readOnly = false;
    /** The `req` the designer's Run button sends, as JSON text (`{"body": {...}, "query": {...}}`). */
    QString sampleInput;
    bool operator==(const ScriptFunction &) const = default;
};

/** The type of a declared endpoint parameter; a value that does not convert is answered 400. */
enum class ParameterType { Text, Integer, Number, Boolean, Uuid, Json };
QString parameterTypeName(ParameterType type);
std::optional<ParameterType> parameterTypeFromName(const QString &name);

/** Where a declared endpoint parameter is read from. */
enum class ParameterLocation { Path, Query, Body };
QString parameterLocationName(ParameterLocation location);
std::optional<ParameterLocation> parameterLocationFromName(const QString &name);

/** A parameter an endpoint declares; checked before its function runs. */
struct EndpointParameter
{
    QString name;
    ParameterType type = ParameterType::Text;
    ParameterLocation location = ParameterLocation::Query;
    bool required = false; ///< path parameters are always required
    QString description;
    bool operator==(const EndpointParameter &) const = default;
};

/** A custom API endpoint (method + path below /api/) served by a function. */
struct Endpoint
{
    ObjectId id;
    QString name;
    QString method = QStringLiteral("GET");
    QString path; ///< below /api/, e.g. "orders/:id/summary"; `:name` segments are path parameters
    ObjectId functionId;
    CallPermission callers; ///< who may call it
    std::vector<EndpointParameter> parameters;
    QString description;
    bool operator==(const Endpoint &) const = default;
};

/** What a trigger reacts to: a row written to its table, or an auth event (no table). */
enum class TriggerEvent { Insert, Update, Delete, SignUp, SignIn };
QString triggerEventName(TriggerEvent event);
std::optional<TriggerEvent> triggerEventFromName(const QString &name);
/** Returns true for the auth events (sign-up, sign-in), which have no table and run after. */
bool isAuthEvent(TriggerEvent event);

/** When a trigger runs: inside the write's transaction (may change or refuse the row), or after the
    commit, from a durable queue. */
enum class TriggerTiming { Before, After };
QString triggerTimingName(TriggerTiming timing);
std::optional<TriggerTiming> triggerTimingFromName(const QString &name);

/** Runs a function when a row of a table is inserted, updated or deleted, or on an auth event. */
struct Trigger
{
    ObjectId id;
    QString name;
    ObjectId tableId; ///< empty for auth events
    TriggerTiming timing = TriggerTiming::After;
    TriggerEvent event = TriggerEvent::Insert;
    ObjectId functionId;
    bool enabled = true;
    bool operator==(const Trigger &) const = default;
};

/** Runs a function on a cron schedule. */
struct Schedule
{
    ObjectId id;
    QString name;
    /** Five fields (minute hour day-of-month month day-of-week) or @hourly, @daily, @weekly, @monthly,
        @yearly; checked by the runtime's cron parser. */
    QString cron;
    QString timeZone = QStringLiteral("UTC"); ///< an IANA time zone id
    ObjectId functionId;
    bool enabled = true;
    QString description;
    bool operator==(const Schedule &) const = default;
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
