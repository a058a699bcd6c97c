// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the model as a .basalt file: stable key order, 2-space indent, diff-friendly.
#include "projectwriter.h"

#include "formatnames.h"
#include "jsonwriter.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace Runtime {

namespace {
// Members at their default value are left out, so each helper below writes only what differs.
void optionalString(JsonWriter &w, const char *key, const QString &text)
{
    if (!text.isEmpty())
        w.member(key, text);
}

void optionalFlag(JsonWriter &w, const char *key, bool flag)
{
    if (flag)
        w.member(key, flag);
}

void optionalList(JsonWriter &w, const char *key, const QStringList &strings)
{
    if (!strings.isEmpty())
        w.member(key, strings);
}

// Writes the array \a key of \a items with \a writeItem, unless it is empty.
template<typename Container, typename WriteItem>
void optionalArray(JsonWriter &w, const char *key, const Container &items, WriteItem writeItem)
{
    if (items.empty())
        return;
    w.key(key);
    w.beginArray();
    for (const auto &item : items)
        writeItem(w, item);
    w.endArray();
}

void writeSettings(JsonWriter &w, const Settings &s)
{
    const Settings defaults;
    if (s == defaults)
        return;
    w.key("settings");
    w.beginObject();
    if (s.accessTokenLifetimeSeconds != defaults.accessTokenLifetimeSeconds)
        w.member("accessTokenLifetimeSeconds", s.accessTokenLifetimeSeconds);
    if (s.minimumPasswordLength != defaults.minimumPasswordLength)
        w.member("minimumPasswordLength", s.minimumPasswordLength);
    if (s.maxRequestBodyBytes != defaults.maxRequestBodyBytes)
        w.member("maxRequestBodyBytes", s.maxRequestBodyBytes);
    optionalString(w, "usersTable", s.usersTable);
    optionalString(w, "roleField", s.roleField);
    optionalList(w, "jwtClaimFields", s.jwtClaimFields);
    optionalList(w, "corsOrigins", s.corsOrigins);
    w.endObject();
}

void writeValidation(JsonWriter &w, const Validation &v)
{
    if (v.isEmpty())
        return;
    w.key("validation");
    w.beginObject();
    if (v.min)
        w.member("min", *v.min);
    if (v.max)
        w.member("max", *v.max);
    if (v.minLength)
        w.member("minLength", *v.minLength);
    if (v.maxLength)
        w.member("maxLength", *v.maxLength);
    optionalString(w, "pattern", v.pattern);
    w.endObject();
}

void writeField(JsonWriter &w, const Field &f)
{
    w.beginObject();
    w.member("id", f.id);
    w.member("name", f.name);
    w.member("type", fieldTypeName(f.type));
    optionalString(w, "description", f.description);
    optionalString(w, "primaryKey", primaryKeyKindName(f.primaryKey));
    optionalFlag(w, "required", f.required);
    optionalFlag(w, "unique", f.unique);
    optionalFlag(w, "hidden", f.hidden);
    optionalFlag(w, "readOnly", f.readOnly);
    optionalString(w, "autoTimestamp", autoTimestampName(f.autoTimestamp));
    if (f.defaultValue.kind == DefaultValue::Kind::Literal)
        w.member("default", f.defaultValue.literal);
    optionalString(w, "defaultFunction", defaultFunctionName(f.defaultValue.kind));
    optionalList(w, "enumValues", f.enumValues);
    writeValidation(w, f.validation);
    w.endObject();
}

void writeIndex(JsonWriter &w, const Index &index)
{
    w.beginObject();
    w.member("id", index.id);
    optionalString(w, "name", index.name);
    w.member("fields", QStringList(index.fieldIds));
    optionalFlag(w, "unique", index.unique);
    w.endObject();
}

void writePermission(JsonWriter &w, const PermissionRule &rule)
{
    w.beginObject();
    w.member("id", rule.id);
    w.member("role", rule.role);
    w.member("operation", operationName(rule.operation));
    optionalString(w, "expression", rule.expression);
    w.endObject();
}

void writeTable(JsonWriter &w, const Table &t)
{
    w.beginObject();
    w.member("id", t.id);
    w.member("name", t.name);
    optionalString(w, "description", t.description);
    if (!t.position.isNull()) {
        w.key("position");
        w.beginObject();
        w.member("x", t.position.x());
        w.member("y", t.position.y());
        w.endObject();
    }
    optionalString(w, "color", t.color);
    optionalFlag(w, "tenantScoped", t.tenantScoped);
    optionalFlag(w, "realtime", t.realtime);
    w.key("fields");
    w.beginArray();
    for (const Field &f : t.fields)
        writeField(w, f);
    w.endArray();
    optionalArray(w, "indexes", t.indexes, writeIndex);
    optionalArray(w, "permissions", t.permissions, writePermission);
    w.endObject();
}

void writeView(JsonWriter &w, const View &v)
{
    w.beginObject();
    w.member("id", v.id);
    w.member("name", v.name);
    optionalString(w, "description", v.description);
    if (!v.position.isNull()) {
        w.key("position");
        w.beginObject();
        w.member("x", v.position.x());
        w.member("y", v.position.y());
        w.endObject();
    }
    optionalString(w, "color", v.color);
    w.member("table", v.baseTableId);
    w.key("columns");
    w.beginArray();
    for (const ViewColumn &c : v.columns) {
        w.beginObject();
        w.member("name", c.name);
        optionalString(w, "relationship", c.relationshipId);
        w.member("field", c.fieldId);
        w.endObject();
    }
    w.endArray();
    optionalString(w, "filter", v.filter);
    optionalArray(w, "permissions", v.permissions, writePermission);
    w.endObject();
}

void writeRelationship(JsonWriter &w, const Relationship &r)
{
    w.beginObject();
    w.member("id", r.id);
    optionalString(w, "name", r.name);
    w.member("kind", relationshipKindName(r.kind));
    w.member("from", r.fromTableId);
    w.member("to", r.toTableId);
    optionalString(w, "foreignKey", r.foreignKeyFieldId);
    if (r.onDelete != DeleteAction::Restrict)
        w.member("onDelete", deleteActionName(r.onDelete));
    if (!r.junctionTableId.isEmpty() || !r.junctionFromFieldId.isEmpty() || !r.junctionToFieldId.isEmpty()) {
        w.key("junction");
        w.beginObject();
        w.member("table", r.junctionTableId);
        w.member("fromField", r.junctionFromFieldId);
        w.member("toField", r.junctionToFieldId);
        w.endObject();
    }
    w.endObject();
}

void writeRole(JsonWriter &w, const Role &role)
{
    w.beginObject();
    w.member("id", role.id);
    w.member("name", role.name);
    optionalString(w, "description", role.description);
    w.endObject();
}

// Writes \a text as an array of its lines, so that a change diffs line by line; nothing if it is empty.
void writeLines(JsonWriter &w, const char *key, const QString &text)
{
    if (text.isEmpty())
        return;
    w.key(key);
    w.beginArray();
    for (const QString &line : text.split(QLatin1Char('\n')))
        w.value(line);
    w.endArray();
}

// Writes who may call a function or an endpoint; nothing for the default, service only.
void writeCallers(JsonWriter &w, const CallPermission &callers)
{
    if (callers.access != CallAccess::Service)
        w.member("access", callAccessName(callers.access));
    if (callers.access == CallAccess::Roles)
        optionalList(w, "roles", callers.roles);
}

void writeFunction(JsonWriter &w, const ScriptFunction &f)
{
    w.beginObject();
    w.member("id", f.id);
    w.member("name", f.name);
    optionalString(w, "description", f.description);
    writeLines(w, "code", f.code);
    if (f.timeoutMs != defaultFunctionTimeoutMs)
        w.member("timeoutMs", f.timeoutMs);
    writeCallers(w, f.callers);
    optionalFlag(w, "readOnly", f.readOnly);
    writeLines(w, "sampleInput", f.sampleInput);
    w.endObject();
}

void writeEndpoint(JsonWriter &w, const Endpoint &e)
{
    w.beginObject();
    w.member("id", e.id);
    w.member("name", e.name);
    w.member("method", e.method);
    w.member("path", e.path);
    w.member("function", e.functionId);
    writeCallers(w, e.callers);
    optionalArray(w, "parameters", e.parameters, [](JsonWriter &pw, const EndpointParameter &parameter) {
        pw.beginObject();
        pw.member("name", parameter.name);
        pw.member("type", parameterTypeName(parameter.type));
        pw.member("in", parameterLocationName(parameter.location));
        optionalFlag(pw, "required", parameter.required);
        optionalString(pw, "description", parameter.description);
        pw.endObject();
    });
    optionalString(w, "description", e.description);
    w.endObject();
}

void writeTrigger(JsonWriter &w, const Trigger &t)
{
    w.beginObject();
    w.member("id", t.id);
    w.member("name", t.name);
    optionalString(w, "table", t.tableId);
    w.member("timing", triggerTimingName(t.timing));
    w.member("event", triggerEventName(t.event));
    w.member("function", t.functionId);
    if (!t.enabled)
        w.member("enabled", false);
    w.endObject();
}

void writeSchedule(JsonWriter &w, const Schedule &s)
{
    w.beginObject();
    w.member("id", s.id);
    w.member("name", s.name);
    w.member("cron", s.cron);
    w.member("timeZone", s.timeZone);
    w.member("function", s.functionId);
    if (!s.enabled)
        w.member("enabled", false);
    optionalString(w, "description", s.description);
    w.endObject();
}

void writeIntegration(JsonWriter &w, const Integration &integration)
{
    w.beginObject();
    w.member("id", integration.id);
    w.member("name", integration.name);
    w.member("baseUrl", integration.baseUrl);
    optionalArray(w, "headers", integration.headers,
                  [](JsonWriter &hw, const QPair<QString, QString> &header) {
                      hw.beginObject();
                      hw.member("name", header.first);
                      hw.member("value", header.second);
                      hw.endObject();
                  });
    optionalString(w, "description", integration.description);
    w.endObject();
}
void writeChannelRule(JsonWriter &w, const ChannelRule &rule)
{
    w.beginObject();
    w.member("id", rule.id);
    w.member("pattern", rule.pattern);
    for (const ChannelAction action : {ChannelAction::Join, ChannelAction::Broadcast, ChannelAction::Track}) {
        if (const std::optional<QString> &expression = rule.rule(action))
            w.member(channelActionName(action).toLatin1().constData(), *expression);
    }
    optionalString(w, "description", rule.description);
    w.endObject();
}
} // namespace

QByteArray writeProject(const Project &project)
{
    JsonWriter w;
    w.beginObject();
    w.member("formatVersion", Project::FormatVersion);
    w.member("name", project.name);
    optionalString(w, "description", project.description);
    writeSettings(w, project.settings);
    optionalArray(w, "roles", project.roles, writeRole);
    optionalArray(w, "tables", project.tables, writeTable);
    optionalArray(w, "relationships", project.relationships, writeRelationship);
    optionalArray(w, "views", project.views, writeView);
    optionalArray(w, "functions", project.functions, writeFunction);
    optionalArray(w, "endpoints", project.endpoints, writeEndpoint);
    optionalArray(w, "triggers", project.triggers, writeTrigger);
    optionalArray(w, "schedules", project.schedules, writeSchedule);
    optionalArray(w, "integrations", project.integrations, writeIntegration);
    optionalArray(w, "channelRules", project.channelRules, writeChannelRule);
    w.endObject();
    return w.data();
}

Result<void> saveProjectFile(const Project &project, const QString &path)
{
    const auto failure = [&path](const QString &reason) {
        return Error(
            ErrorCode::FileWriteFailed,
            QCoreApplication::translate("ProjectWriter", "The project could not be saved: %1").arg(reason),
            QStringLiteral("saving %1: %2").arg(path, reason));
    };
    QSaveFile file(path);
    // Writing in place would leave a half-written project behind on failure: never fall back to it.
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly))
        return failure(file.errorString());
    const QByteArray text = writeProject(project);
    // QSaveFile (Qt 6.4) takes a short write (a full disk, a file size limit) for success and would commit a
    // truncated project: check that every byte reached the temporary file before it replaces the old one.
    const bool complete = file.write(text) == text.size() && file.flush() && file.size() == text.size();
    if (!complete) {
        const QString reason
            = file.size() < text.size()
                  ? QCoreApplication::translate("ProjectWriter",
                                                "only %1 of %2 bytes could be written; is the disk full?")
                        .arg(file.size())
                        .arg(text.size())
                  : file.errorString();
        file.cancelWriting();
        return failure(reason);
    }
    if (!file.commit())
        return failure(file.errorString());
    return {};
}

} // namespace Runtime
