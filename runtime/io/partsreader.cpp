// SPDX-License-Identifier: GPL-3.0-or-later
// Reads relationships, roles, functions, endpoints, triggers, integrations and channel rules from a .basalt
// file.
#include "formatnames.h"
#include "projectreader_p.h"
#include "projectvalidator_p.h"

#include <limits>

namespace Runtime {

namespace {
using Presence = JsonObjectReader::Presence;

void readJunction(JsonObjectReader &parent, Relationship &r, QList<Problem> &problems)
{
    const QJsonValue value = parent.value("junction");
    if (value.isUndefined())
        return;
    JsonObjectReader j(value, parent.pathOf("junction"), problems);
    j.setObjectId(r.id);
    r.junctionTableId = j.string("table", Presence::Required);
    r.junctionFromFieldId = j.string("fromField", Presence::Required);
    r.junctionToFieldId = j.string("toField", Presence::Required);
    j.finish();
}

QPair<QString, QString> readHeader(const QJsonValue &value, const QString &path, QList<Problem> &problems,
                                   const ObjectId &id)
{
    JsonObjectReader r(value, path, problems);
    r.setObjectId(id);
    QPair<QString, QString> header;
    header.first = r.string("name", Presence::Required);
    header.second = r.string("value", Presence::Required);
    r.finish();
    return header;
}
} // namespace

Relationship readRelationship(const QJsonValue &value, const QString &path, QList<Problem> &problems)
{
    JsonObjectReader r(value, path, problems);
    Relationship rel;
    rel.id = r.string("id", Presence::Required);
    r.setObjectId(rel.id);
    rel.name = r.string("name");
    rel.kind = r.enumValue<RelationshipKind>("kind", relationshipKindFromName, relationshipKindNames(),
                                             Presence::Required)
                   .value_or(RelationshipKind::OneToMany);
    rel.fromTableId = r.string("from", Presence::Required);
    rel.toTableId = r.string("to", Presence::Required);
    // Required unless manyToMany: validateProject() says so, for the designer too.
    rel.foreignKeyFieldId = r.string("foreignKey");
    rel.onDelete = r.enumValue<DeleteAction>("onDelete", deleteActionFromName, deleteActionNames())
                       .value_or(DeleteAction::Restrict);
    readJunction(r, rel, problems);
    r.finish();
    return rel;
}

Role readRole(const QJsonValue &value, const QString &path, QList<Problem> &problems)
{
    JsonObjectReader r(value, path, problems);
    Role role;
    role.id = r.string("id", Presence::Required);
    r.setObjectId(role.id);
    role.name = r.string("name", Presence::Required);
    role.description = r.string("description");
    r.finish();
    return role;
}

// Reads "access" and "roles": who may call a function or an endpoint (service only when absent).
CallPermission readCallers(JsonObjectReader &r)
{
    CallPermission callers;
    callers.roles = r.stringList("roles");
    // A file from before "access" lists the roles alone.
    const CallAccess fallback = callers.roles.isEmpty() ? CallAccess::Service : CallAccess::Roles;
    callers.access = r.enumValue<CallAccess>("access", callAccessFromName, callAccessNames()).value_or(fallback);
    return callers;
}

EndpointParameter readParameter(const QJsonValue &value, const QString &path, QList<Problem> &problems,
                                const ObjectId &endpointId)
{
    JsonObjectReader r(value, path, problems);
    r.setObjectId(endpointId);
    EndpointParameter parameter;
    parameter.name = r.string("name", JsonObjectReader::Presence::Required);
    parameter.type = r.enumValue<ParameterType>("type", parameterTypeFromName, parameterTypeNames())
                         .value_or(ParameterType::Text);
    parameter.location
        = r.enumValue<ParameterLocation>("in", parameterLocationFromName, parameterLocationNames())
              .value_or(ParameterLocation::Query);
    parameter.required = r.boolean("required");
    parameter.description = r.string("description");
    r.finish();
    return parameter;
}

ScriptFunction readFunction(const QJsonValue &value, const QString &path, QList<Problem> &problems)
{
    JsonObjectReader r(value, path, problems);
    ScriptFunction f;
    f.id = r.string("id", Presence::Required);
    r.setObjectId(f.id);
    f.name = r.string("name", Presence::Required);
    f.description = r.string("description");
    f.code = r.lines("code");
    if (const std::optional<qint64> timeout = r.integer("timeoutMs")) {
        // validateProject() checks the range; a value beyond int cannot even be kept for it.
        if (*timeout < std::numeric_limits<int>::min() || *timeout > std::numeric_limits<int>::max())
            r.report(r.pathOf("timeoutMs"), outOfRangeMessage(*timeout, functionTimeoutRange));
        else
            f.timeoutMs = int(*timeout);
    }
    f.callers = readCallers(r);
    f.readOnly = r.boolean("readOnly");
    f.sampleInput = r.lines("sampleInput");
    r.finish();
    return f;
}

Endpoint readEndpoint(const QJsonValue &value, const QString &path, QList<Problem> &problems)
{
    JsonObjectReader r(value, path, problems);
    Endpoint e;
    e.id = r.string("id", Presence::Required);
    r.setObjectId(e.id);
    e.name = r.string("name", Presence::Required);
    // A plain string in the model; validateProject() checks it against the allowed methods.
    e.method = r.string("method", Presence::Required);
    e.path = r.string("path", Presence::Required);
    e.functionId = r.string("function", Presence::Required);
    e.callers = readCallers(r);
    const QJsonArray parameters = r.array("parameters");
    for (qsizetype i = 0; i < parameters.size(); ++i) {
        e.parameters.push_back(
            readParameter(parameters.at(i), elementPath(r.pathOf("parameters"), i), problems, e.id));
    }
    e.description = r.string("description");
    r.finish();
    return e;
}

Trigger readTrigger(const QJsonValue &value, const QString &path, QList<Problem> &problems)
{
    JsonObjectReader r(value, path, problems);
    Trigger t;
    t.id = r.string("id", Presence::Required);
    r.setObjectId(t.id);
    t.name = r.string("name", Presence::Required);
    t.event
        = r.enumValue<TriggerEvent>("event", triggerEventFromName, triggerEventNames(), Presence::Required)
              .value_or(TriggerEvent::Insert);
    // Auth events have no table; validateProject() says so if one is given or one is missing.
    t.tableId = r.string("table");
    t.timing = r.enumValue<TriggerTiming>("timing", triggerTimingFromName, triggerTimingNames())
                   .value_or(TriggerTiming::After);
    t.functionId = r.string("function", Presence::Required);
    t.enabled = !r.has("enabled") || r.boolean("enabled");
    r.finish();
    return t;
}

Schedule readSchedule(const QJsonValue &value, const QString &path, QList<Problem> &problems)
{
    JsonObjectReader r(value, path, problems);
    Schedule s;
    s.id = r.string("id", Presence::Required);
    r.setObjectId(s.id);
    s.name = r.string("name", Presence::Required);
    s.cron = r.string("cron", Presence::Required);
    if (r.has("timeZone"))
        s.timeZone = r.string("timeZone");
    s.functionId = r.string("function", Presence::Required);
    s.enabled = !r.has("enabled") || r.boolean("enabled");
    s.description = r.string("description");
    r.finish();
    return s;
}

Integration readIntegration(const QJsonValue &value, const QString &path, QList<Problem> &problems)
{
    JsonObjectReader r(value, path, problems);
    Integration integration;
    integration.id = r.string("id", Presence::Required);
    r.setObjectId(integration.id);
    integration.name = r.string("name", Presence::Required);
    integration.baseUrl = r.string("baseUrl", Presence::Required);
    const QJsonArray headers = r.array("headers");
    for (qsizetype i = 0; i < headers.size(); ++i) {
        integration.headers.append(
            readHeader(headers.at(i), elementPath(r.pathOf("headers"), i), problems, integration.id));
    }
    integration.description = r.string("description");
    r.finish();
    return integration;
}

ChannelRule readChannelRule(const QJsonValue &value, const QString &path, QList<Problem> &problems)
{
    JsonObjectReader r(value, path, problems);
    ChannelRule rule;
    rule.id = r.string("id", Presence::Required);
    r.setObjectId(rule.id);
    rule.pattern = r.string("pattern", Presence::Required);
    // An absent action has no rule (the service role only); "" lets everyone.
    for (const ChannelAction action : {ChannelAction::Join, ChannelAction::Broadcast, ChannelAction::Track}) {
        const QByteArray key = channelActionName(action).toLatin1();
        if (r.has(key.constData()))
            rule.rule(action) = r.string(key.constData());
    }
    rule.description = r.string("description");
    r.finish();
    return rule;
}

} // namespace Runtime
