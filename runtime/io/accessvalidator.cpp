// SPDX-License-Identifier: GPL-3.0-or-later
// Semantic validation of access and extension objects: permission rules, roles, functions, endpoints,
// triggers, integrations and settings.
#include "formatnames.h"
#include "jsonobjectreader.h"
#include "projectvalidator_p.h"
#include "rules/rulecompiler.h"
#include "scheduling/cronexpression.h"
#include "scripting/functionsource.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSet>
#include <QTimeZone>
#include <QUrl>

namespace Runtime {

namespace {
QStringList customRoleNames(const Project &project)
{
    QStringList names;
    for (const Role &role : project.roles)
        names << role.name;
    return names;
}

// Reports \a name at \a path if it is empty or already in \a seen, which maps names to their objects' paths.
void checkPlainName(ProblemCollector &c, const QString &path, const ObjectId &id, const QString &name,
                    QHash<QString, QString> &seen)
{
    if (name.trimmed().isEmpty()) {
        c.error(path, id,
                QCoreApplication::translate("ProjectValidator", "the name is empty; give it a name"));
    } else if (seen.contains(name)) {
        c.error(path, id,
                QCoreApplication::translate("ProjectValidator",
                                            "the name \"%1\" is already used by %2; choose "
                                            "another name")
                    .arg(name, seen.value(name)));
    } else {
        seen.insert(name, path.left(path.lastIndexOf(QLatin1Char('.'))));
    }
}

// As checkPlainName(), for names that must also be identifiers (roles, functions).
void checkIdentifierName(ProblemCollector &c, const QString &path, const ObjectId &id, const QString &name,
                         QHash<QString, QString> &seen)
{
    if (const QString problem = identifierProblem(name); !problem.isEmpty())
        c.error(path, id, problem);
    else
        checkPlainName(c, path, id, name, seen);
}

QString functionReferenceProblem(const Project &project, const ObjectId &functionId)
{
    if (functionId.isEmpty())
        return QCoreApplication::translate("ProjectValidator", "no function is set; choose a function");
    for (const ScriptFunction &f : project.functions) {
        if (f.id == functionId)
            return {};
    }
    return QCoreApplication::translate("ProjectValidator", "no function has the id \"%1\"").arg(functionId);
}

bool isHttpUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
           && !url.host().isEmpty();
}

// Reports roles that do not exist, and a role list that is empty although only listed roles may call.
void checkCallers(ProblemCollector &c, const QString &path, const ObjectId &id, const CallPermission &callers)
{
    if (callers.access != CallAccess::Roles)
        return;
    if (callers.roles.isEmpty()) {
        c.error(memberPath(path, "roles"), id,
                QCoreApplication::translate("ProjectValidator",
                                            "no role is listed; list the roles that may call it, or "
                                            "choose another access"));
    }
    for (qsizetype i = 0; i < callers.roles.size(); ++i) {
        if (const QString problem = roleProblem(c.project(), callers.roles.at(i)); !problem.isEmpty())
            c.error(elementPath(memberPath(path, "roles"), i), id, problem);
    }
}

// Returns \a path with every `:name` segment as `:`: two paths of one shape serve the same requests.
QString routeShape(const QString &path)
{
    QStringList segments = path.split(QLatin1Char('/'));
    for (QString &segment : segments) {
        if (segment.startsWith(QLatin1Char(':')))
            segment = QStringLiteral(":");
    }
    return segments.join(QLatin1Char('/'));
}

// Returns the names of the `:name` segments of an endpoint path.
QStringList pathParameterNames(const QString &path)
{
    QStringList names;
    for (const QString &segment : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (segment.startsWith(QLatin1Char(':')))
            names << segment.mid(1);
    }
    return names;
}

void checkParameters(ProblemCollector &c, const QString &path, const Endpoint &e)
{
    const QStringList inPath = pathParameterNames(e.path);
    QSet<QString> seen;
    for (size_t i = 0; i < e.parameters.size(); ++i) {
        const EndpointParameter &parameter = e.parameters[i];
        const QString at = elementPath(memberPath(path, "parameters"), qsizetype(i));
        if (const QString problem = identifierProblem(parameter.name); !problem.isEmpty()) {
            c.error(memberPath(at, "name"), e.id, problem);
            continue;
        }
        if (seen.contains(parameter.name)) {
            c.error(memberPath(at, "name"), e.id,
                    QCoreApplication::translate("ProjectValidator",
                                                "the parameter \"%1\" is declared twice; remove one")
                        .arg(parameter.name));
        }
        seen.insert(parameter.name);
        if (parameter.location == ParameterLocation::Path && !inPath.contains(parameter.name)) {
            c.error(memberPath(at, "in"), e.id,
                    QCoreApplication::translate("ProjectValidator",
                                                "the path has no segment :%1; add it to the path, e.g. "
                                                "orders/:%1, or read the parameter from the query")
                        .arg(parameter.name));
        }
        if (parameter.location != ParameterLocation::Path && inPath.contains(parameter.name)) {
            c.error(memberPath(at, "in"), e.id,
                    QCoreApplication::translate("ProjectValidator",
                                                "\"%1\" is a segment of the path; read it from the path")
                        .arg(parameter.name));
        }
        if (parameter.location == ParameterLocation::Body
            && (e.method == QLatin1String("GET") || e.method == QLatin1String("DELETE"))) {
            c.error(memberPath(at, "in"), e.id,
                    QCoreApplication::translate("ProjectValidator",
                                                "a %1 request has no body; read the parameter from the "
                                                "query, or use POST, PUT or PATCH")
                        .arg(e.method));
        }
    }
    for (const QString &name : inPath) {
        if (const QString problem = identifierProblem(name); !problem.isEmpty()) {
            c.error(memberPath(path, "path"), e.id, problem);
        }
    }
}

void checkEndpoint(ProblemCollector &c, size_t index, QHash<QString, QString> &routes)
{
    const Endpoint &e = c.project().endpoints[index];
    const QString path = arrayPath("endpoints", index);
    if (e.name.trimmed().isEmpty())
        c.error(memberPath(path, "name"), e.id,
                QCoreApplication::translate("ProjectValidator", "the name is empty; give it a name"));
    if (!endpointMethods().contains(e.method)) {
        c.error(memberPath(path, "method"), e.id,
                QCoreApplication::translate("ProjectValidator", "unknown method \"%1\" (expected one of: %2)")
                    .arg(e.method, endpointMethods().join(QLatin1String(", "))));
    }
    if (e.path.isEmpty() || e.path.contains(QLatin1Char(' ')) || e.path.startsWith(QLatin1Char('/'))
        || e.path.endsWith(QLatin1Char('/')) || e.path.contains(QLatin1String("//"))) {
        c.error(memberPath(path, "path"), e.id,
                QCoreApplication::translate("ProjectValidator",
                                            "\"%1\" is not a valid path; write the part after "
                                            "/api/ without spaces or a slash at either end, e.g. "
                                            "orders/:id/cancel")
                    .arg(e.path));
    } else if (const QString route = e.method + QLatin1Char(' ') + routeShape(e.path); routes.contains(route)) {
        c.error(memberPath(path, "path"), e.id,
                QCoreApplication::translate("ProjectValidator",
                                            "%1 already serves %2 %3; change the method or the "
                                            "path")
                    .arg(routes.value(route), e.method, e.path));
    } else {
        routes.insert(route, path);
    }
    if (const QString problem = functionReferenceProblem(c.project(), e.functionId); !problem.isEmpty())
        c.error(memberPath(path, "function"), e.id, problem);
    checkCallers(c, path, e.id, e.callers);
    checkParameters(c, path, e);
}
} // namespace

QString outOfRangeMessage(qint64 value, IntegerRange range)
{
    return QCoreApplication::translate("ProjectValidator", "%1 is out of range; use a value from %2 to %3")
        .arg(value)
        .arg(range.min)
        .arg(range.max);
}

QString roleProblem(const Project &project, const QString &role)
{
    const QStringList custom = customRoleNames(project);
    if (ruleBuiltinRoles().contains(role) || custom.contains(role))
        return {};
    if (role == QLatin1String("service_role")) {
        return QCoreApplication::translate("ProjectValidator",
                                           "the service role always has access; name only "
                                           "anon, authenticated or a custom role here");
    }
    if (custom.isEmpty()) {
        return QCoreApplication::translate("ProjectValidator",
                                           "unknown role \"%1\"; use anon or authenticated, "
                                           "or add a custom role with that name")
            .arg(role);
    }
    return QCoreApplication::translate("ProjectValidator",
                                       "unknown role \"%1\"; use anon, authenticated or a "
                                       "custom role (%2)")
        .arg(role, custom.join(QLatin1String(", ")));
}

void validatePermissions(ProblemCollector &c, size_t tableIndex)
{
    validateRules(c, c.project().tables[tableIndex], arrayPath("tables", tableIndex), false);
}

void validateRules(ProblemCollector &c, const Table &t, const QString &tablePath, bool selectOnly)
{
    QHash<QString, QString> seen; // "role operation" → path of its rule
    for (size_t i = 0; i < t.permissions.size(); ++i) {
        const PermissionRule &rule = t.permissions[i];
        const QString path = elementPath(memberPath(tablePath, "permissions"), qsizetype(i));
        if (const QString problem = roleProblem(c.project(), rule.role); !problem.isEmpty()) {
            c.error(memberPath(path, "role"), rule.id, problem);
            continue;
        }
        if (selectOnly && rule.operation != Operation::Select) {
            c.error(memberPath(path, "operation"), rule.id,
                    QCoreApplication::translate("ProjectValidator",
                                                "a view is read-only: only select rules apply to it; "
                                                "remove this rule or make it a select rule"));
            continue;
        }
        const QString key = rule.role + QLatin1Char(' ') + operationName(rule.operation);
        if (seen.contains(key)) {
            c.error(path, rule.id,
                    QCoreApplication::translate("ProjectValidator",
                                                "the role %1 already has a rule for %2 on "
                                                "this table (%3); combine both expressions into "
                                                "one with \"or\"")
                        .arg(rule.role, operationName(rule.operation), seen.value(key)));
            continue;
        }
        seen.insert(key, path);
        if (const std::optional<RuleDiagnostic> problem = RuleCompiler::check(c.project(), t, rule.expression)) {
            c.error(memberPath(path, "expression"), rule.id, problem->toString());
            continue;
        }
        if (rule.role == QLatin1String("anon") && rule.operation != Operation::Select
            && rule.expression.isEmpty()) {
            c.warning(path, rule.id,
                      QCoreApplication::translate("ProjectValidator",
                                                  "anyone, even without logging in, may %1 rows "
                                                  "of \"%2\"; add an expression if that is not "
                                                  "intended")
                          .arg(operationName(rule.operation), t.name));
        }
    }
}

void validateRolesAndFunctions(ProblemCollector &c)
{
    QHash<QString, QString> roleNames;
    for (size_t i = 0; i < c.project().roles.size(); ++i) {
        const Role &role = c.project().roles[i];
        const QString path = memberPath(arrayPath("roles", i), "name");
        if (builtinRoleNames().contains(role.name)) {
            c.error(path, role.id,
                    QCoreApplication::translate("ProjectValidator",
                                                "\"%1\" is a built-in role; choose another name")
                        .arg(role.name));
        } else {
            checkIdentifierName(c, path, role.id, role.name, roleNames);
        }
    }
    QHash<QString, QString> functionNames;
    for (size_t i = 0; i < c.project().functions.size(); ++i) {
        const ScriptFunction &f = c.project().functions[i];
        const QString path = arrayPath("functions", i);
        checkIdentifierName(c, memberPath(path, "name"), f.id, f.name, functionNames);
        if (const std::optional<ScriptDiagnostic> syntax = checkFunctionSource(f.code)) {
            c.error(memberPath(path, "code"), f.id,
                    QCoreApplication::translate("ProjectValidator", "line %1, column %2: %3")
                        .arg(syntax->line)
                        .arg(syntax->column)
                        .arg(syntax->message));
        }
        if (f.timeoutMs < functionTimeoutRange.min || f.timeoutMs > functionTimeoutRange.max)
            c.error(memberPath(path, "timeoutMs"), f.id,
                    outOfRangeMessage(f.timeoutMs, functionTimeoutRange));
        checkCallers(c, path, f.id, f.callers);
        if (!f.sampleInput.trimmed().isEmpty()) {
            QJsonParseError error;
            const QJsonDocument sample = QJsonDocument::fromJson(f.sampleInput.toUtf8(), &error);
            if (error.error != QJsonParseError::NoError || !sample.isObject())
                c.error(memberPath(path, "sampleInput"), f.id,
                        QCoreApplication::translate("ProjectValidator",
                                                    "the sample input is not a JSON object; write e.g. "
                                                    "{\"body\": {\"id\": 1}}"));
        }
    }
}

void validateEndpoints(ProblemCollector &c)
{
    QHash<QString, QString> routes; // "METHOD path" → path of its endpoint
    for (size_t i = 0; i < c.project().endpoints.size(); ++i)
        checkEndpoint(c, i, routes);
}

void validateTriggersAndIntegrations(ProblemCollector &c)
{
    const Project &p = c.project();
    for (size_t i = 0; i < p.triggers.size(); ++i) {
        const Trigger &t = p.triggers[i];
        const QString path = arrayPath("triggers", i);
        if (t.name.trimmed().isEmpty())
            c.error(memberPath(path, "name"), t.id,
                    QCoreApplication::translate("ProjectValidator", "the name is empty; give it a name"));
        if (isAuthEvent(t.event)) {
            if (!t.tableId.isEmpty())
                c.error(memberPath(path, "table"), t.id,
                        QCoreApplication::translate("ProjectValidator",
                                                    "a %1 trigger has no table; remove the table")
                            .arg(triggerEventName(t.event)));
            if (t.timing != TriggerTiming::After)
                c.error(memberPath(path, "timing"), t.id,
                        QCoreApplication::translate("ProjectValidator",
                                                    "a %1 trigger runs after the event; set its timing "
                                                    "to after")
                            .arg(triggerEventName(t.event)));
        } else if (const QString problem = tableReferenceProblem(p, t.tableId); !problem.isEmpty()) {
            c.error(memberPath(path, "table"), t.id, problem);
        }
        if (const QString problem = functionReferenceProblem(p, t.functionId); !problem.isEmpty())
            c.error(memberPath(path, "function"), t.id, problem);
    }
    QHash<QString, QString> scheduleNames;
    for (size_t i = 0; i < p.schedules.size(); ++i) {
        const Schedule &s = p.schedules[i];
        const QString path = arrayPath("schedules", i);
        checkPlainName(c, memberPath(path, "name"), s.id, s.name, scheduleNames);
        if (s.cron.trimmed().isEmpty())
            c.error(memberPath(path, "cron"), s.id,
                    QCoreApplication::translate("ProjectValidator",
                                                "no schedule is set; write a cron expression such as "
                                                "\"0 3 * * *\" (every day at 03:00) or @hourly"));
        else if (const Result<CronExpression> cron = CronExpression::parse(s.cron); !cron)
            c.error(memberPath(path, "cron"), s.id, cron.error().message);
        if (!QTimeZone(s.timeZone.toUtf8()).isValid())
            c.error(memberPath(path, "timeZone"), s.id,
                    QCoreApplication::translate("ProjectValidator",
                                                "unknown time zone \"%1\"; use an IANA name such as UTC "
                                                "or Europe/Berlin")
                        .arg(s.timeZone));
        if (const QString problem = functionReferenceProblem(p, s.functionId); !problem.isEmpty())
            c.error(memberPath(path, "function"), s.id, problem);
    }
    QHash<QString, QString> names;
    for (size_t i = 0; i < p.integrations.size(); ++i) {
        const Integration &integration = p.integrations[i];
        const QString path = arrayPath("integrations", i);
        checkPlainName(c, memberPath(path, "name"), integration.id, integration.name, names);
        if (!isHttpUrl(integration.baseUrl)) {
            c.error(memberPath(path, "baseUrl"), integration.id,
                    QCoreApplication::translate("ProjectValidator",
                                                "\"%1\" is not an http or https URL, e.g. "
                                                "https://api.example.com/v1")
                        .arg(integration.baseUrl));
        }
        for (qsizetype h = 0; h < integration.headers.size(); ++h) {
            if (integration.headers.at(h).first.trimmed().isEmpty())
                c.error(memberPath(elementPath(memberPath(path, "headers"), h), "name"), integration.id,
                        QCoreApplication::translate("ProjectValidator",
                                                    "the header name is empty; give it a name"));
        }
    }
}

// The users table (the profile of the built-in users), its role field and the claims taken from it.
void validateUserSettings(ProblemCollector &c)
{
    const Project &p = c.project();
    const Settings &s = p.settings;
    const Table *users = s.usersTable.isEmpty() ? nullptr : p.table(s.usersTable);
    if (!s.usersTable.isEmpty() && !users) {
        c.error(QStringLiteral("settings.usersTable"), {},
                QCoreApplication::translate("ProjectValidator", "no table has the id \"%1\"; choose the table "
                                                                "that holds your users' profiles")
                    .arg(s.usersTable));
    } else if (users && (!users->primaryKey() || users->primaryKey()->type != FieldType::Uuid
                         || users->primaryKey()->primaryKey == PrimaryKeyKind::AutoIncrement)) {
        c.error(QStringLiteral("settings.usersTable"), users->id,
                QCoreApplication::translate("ProjectValidator",
                                            "the users table \"%1\" needs a uuid primary key: it holds the "
                                            "id of each user's login")
                    .arg(users->name));
    }
    const auto userField = [&](const QString &path, const QString &name) -> const Field * {
        if (!users && !s.usersTable.isEmpty())
            return nullptr; // the unknown users table is reported already
        if (!users) {
            c.error(path, {},
                    QCoreApplication::translate("ProjectValidator",
                                                "\"%1\" names a field of the users table, but no users "
                                                "table is set; set settings.usersTable first")
                        .arg(name));
            return nullptr;
        }
        const Field *f = users->fieldByName(name);
        if (!f)
            c.error(path, users->id,
                    QCoreApplication::translate("ProjectValidator", "the users table \"%1\" has no field \"%2\"")
                        .arg(users->name, name));
        return f;
    };
    if (!s.roleField.isEmpty()) {
        const Field *f = userField(QStringLiteral("settings.roleField"), s.roleField);
        if (f && f->type != FieldType::Text && f->type != FieldType::Enum)
            c.error(QStringLiteral("settings.roleField"), users->id,
                    QCoreApplication::translate("ProjectValidator",
                                                "the role field \"%1\" must be a text or enum field")
                        .arg(s.roleField));
    }
    for (qsizetype i = 0; i < s.jwtClaimFields.size(); ++i) {
        const QString path = elementPath(QStringLiteral("settings.jwtClaimFields"), i);
        if (const QString problem = identifierProblem(s.jwtClaimFields.at(i)); !problem.isEmpty())
            c.error(path, {}, problem);
        else
            userField(path, s.jwtClaimFields.at(i));
    }
    for (size_t i = 0; i < p.tables.size(); ++i) {
        const Table &t = p.tables[i];
        // (Without an organization_id field the table gets its own warning, see validateTable().)
        if (t.tenantScoped && t.fieldByName(QStringLiteral("organization_id"))
            && !s.jwtClaimFields.contains(QStringLiteral("organization_id"))) {
            c.error(memberPath(arrayPath("tables", i), "tenantScoped"), t.id,
                    QCoreApplication::translate("ProjectValidator",
                                                "the table \"%1\" is tenant-scoped, so access tokens must "
                                                "carry the caller's organization: add organization_id to "
                                                "settings.jwtClaimFields")
                        .arg(t.name));
        }
    }
}

void validateSettings(ProblemCollector &c)
{
    const Settings &s = c.project().settings;
    const auto checkRange = [&c](const char *key, qint64 value, IntegerRange range) {
        if (value < range.min || value > range.max)
            c.error(memberPath(QStringLiteral("settings"), key), {}, outOfRangeMessage(value, range));
    };
    checkRange("accessTokenLifetimeSeconds", s.accessTokenLifetimeSeconds, accessTokenLifetimeRange);
    checkRange("minimumPasswordLength", s.minimumPasswordLength, minimumPasswordLengthRange);
    checkRange("maxRequestBodyBytes", s.maxRequestBodyBytes, maxRequestBodyBytesRange);
    validateUserSettings(c);
    for (qsizetype i = 0; i < s.corsOrigins.size(); ++i) {
        const QString &origin = s.corsOrigins.at(i);
        if (origin != QLatin1String("*") && (!isHttpUrl(origin) || !QUrl(origin).path().isEmpty())) {
            c.error(elementPath(QStringLiteral("settings.corsOrigins"), i), {},
                    QCoreApplication::translate("ProjectValidator",
                                                "\"%1\" is not an origin; write the scheme, "
                                                "host and port only, e.g. http://localhost:5173")
                        .arg(origin));
        }
    }
}

} // namespace Runtime
