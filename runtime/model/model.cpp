// SPDX-License-Identifier: GPL-3.0-or-later
// Lookups and name tables of the project model.
#include "project.h"

#include <QRandomGenerator>

namespace Runtime {

namespace {
template<typename Enum, size_t N>
QString nameOf(const char *const (&names)[N], Enum value)
{
    return QString::fromLatin1(names[static_cast<size_t>(value)]);
}

template<typename Enum, size_t N>
std::optional<Enum> valueOf(const char *const (&names)[N], const QString &name)
{
    for (size_t i = 0; i < N; ++i) {
        if (name == QLatin1String(names[i]))
            return static_cast<Enum>(i);
    }
    return std::nullopt;
}

constexpr const char *s_fieldTypes[] = {"text", "integer", "number", "boolean", "date", "datetime",
                                         "json", "uuid",    "email",  "url",     "enum", "file",
                                         "text[]", "integer[]"};
constexpr const char *s_operations[] = {"select", "insert", "update", "delete"};
constexpr const char *s_relationshipKinds[] = {"oneToOne", "oneToMany", "manyToMany"};
constexpr const char *s_deleteActions[] = {"cascade", "setNull", "restrict"};
constexpr const char *s_triggerEvents[] = {"insert", "update", "delete", "signUp", "signIn"};
constexpr const char *s_triggerTimings[] = {"before", "after"};
constexpr const char *s_callAccess[] = {"service", "anyone", "signedIn", "roles"};
constexpr const char *s_parameterTypes[] = {"text", "integer", "number", "boolean", "uuid", "json"};
constexpr const char *s_parameterLocations[] = {"path", "query", "body"};
constexpr const char *s_channelActions[] = {"join", "broadcast", "track"};

template<typename T>
bool anyHasId(const std::vector<T> &items, const ObjectId &id)
{
    return std::any_of(items.begin(), items.end(), [&](const T &item) { return item.id == id; });
}
} // namespace

bool isValidObjectId(const QString &id)
{
    if (id.isEmpty() || id.size() > 64)
        return false;
    return std::all_of(id.begin(), id.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_'
            || c == u'-';
    });
}

QString fieldTypeName(FieldType type) { return nameOf(s_fieldTypes, type); }
std::optional<FieldType> fieldTypeFromName(const QString &name) { return valueOf<FieldType>(s_fieldTypes, name); }
QStringList fieldTypeNames()
{
    QStringList out;
    for (const char *n : s_fieldTypes)
        out << QString::fromLatin1(n);
    return out;
}

bool isTextLike(FieldType type)
{
    switch (type) {
    case FieldType::Text:
    case FieldType::Email:
    case FieldType::Url:
    case FieldType::Enum:
    case FieldType::File:
    case FieldType::Uuid:
        return true;
    default:
        return false;
    }
}

bool isNumeric(FieldType type) { return type == FieldType::Integer || type == FieldType::Number; }
bool isArray(FieldType type) { return type == FieldType::TextArray || type == FieldType::IntegerArray; }
FieldType arrayElementType(FieldType type)
{
    switch (type) {
    case FieldType::TextArray:
        return FieldType::Text;
    case FieldType::IntegerArray:
        return FieldType::Integer;
    default:
        return type;
    }
}

QString channelActionName(ChannelAction action) { return nameOf(s_channelActions, action); }
std::optional<ChannelAction> channelActionFromName(const QString &name)
{
    return valueOf<ChannelAction>(s_channelActions, name);
}
QString operationName(Operation op) { return nameOf(s_operations, op); }
std::optional<Operation> operationFromName(const QString &name) { return valueOf<Operation>(s_operations, name); }
QString relationshipKindName(RelationshipKind kind) { return nameOf(s_relationshipKinds, kind); }
std::optional<RelationshipKind> relationshipKindFromName(const QString &name)
{
    return valueOf<RelationshipKind>(s_relationshipKinds, name);
}
QString deleteActionName(DeleteAction action) { return nameOf(s_deleteActions, action); }
std::optional<DeleteAction> deleteActionFromName(const QString &name)
{
    return valueOf<DeleteAction>(s_deleteActions, name);
}
QString triggerEventName(TriggerEvent event) { return nameOf(s_triggerEvents, event); }
std::optional<TriggerEvent> triggerEventFromName(const QString &name)
{
    return valueOf<TriggerEvent>(s_triggerEvents, name);
}
bool isAuthEvent(TriggerEvent event) { return event == TriggerEvent::SignUp || event == TriggerEvent::SignIn; }
QString triggerTimingName(TriggerTiming timing) { return nameOf(s_triggerTimings, timing); }
std::optional<TriggerTiming> triggerTimingFromName(const QString &name)
{
    return valueOf<TriggerTiming>(s_triggerTimings, name);
}
QString callAccessName(CallAccess access) { return nameOf(s_callAccess, access); }
std::optional<CallAccess> callAccessFromName(const QString &name) { return valueOf<CallAccess>(s_callAccess, name); }
QString parameterTypeName(ParameterType type) { return nameOf(s_parameterTypes, type); }
std::optional<ParameterType> parameterTypeFromName(const QString &name)
{
    return valueOf<ParameterType>(s_parameterTypes, name);
}
QString parameterLocationName(ParameterLocation location) { return nameOf(s_parameterLocations, location); }
std::optional<ParameterLocation> parameterLocationFromName(const QString &name)
{
    return valueOf<ParameterLocation>(s_parameterLocations, name);
}

bool CallPermission::allows(const QString &role, bool signedIn) const
{
    if (role == QLatin1String("service_role"))
        return true;
    switch (access) {
    case CallAccess::Service:
        return false;
    case CallAccess::Anyone:
        return true;
    case CallAccess::SignedIn:
        return signedIn;
    case CallAccess::Roles:
        return roles.contains(role) || (signedIn && roles.contains(QLatin1String("authenticated")));
    }
    return false;
}

const Field *Table::field(const ObjectId &id) const
{
    int i = fieldIndex(id);
    return i < 0 ? nullptr : &fields[size_t(i)];
}

Field *Table::field(const ObjectId &id)
{
    int i = fieldIndex(id);
    return i < 0 ? nullptr : &fields[size_t(i)];
}

const Field *Table::fieldByName(const QString &fieldName) const
{
    for (const Field &f : fields) {
        if (f.name == fieldName)
            return &f;
    }
    return nullptr;
}

const Field *Table::primaryKey() const
{
    for (const Field &f : fields) {
        if (f.isPrimaryKey())
            return &f;
    }
    return nullptr;
}

int Table::fieldIndex(const ObjectId &fieldId) const
{
    for (size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].id == fieldId)
            return int(i);
    }
    return -1;
}

const Table *Project::table(const ObjectId &id) const
{
    int i = tableIndex(id);
    return i < 0 ? nullptr : &tables[size_t(i)];
}

Table *Project::table(const ObjectId &id)
{
    int i = tableIndex(id);
    return i < 0 ? nullptr : &tables[size_t(i)];
}

const Role *Project::roleByName(const QString &roleName) const
{
    for (const Role &r : roles) {
        if (r.name == roleName)
            return &r;
    }
    return nullptr;
}

const Table *Project::tableByName(const QString &tableName) const
{
    for (const Table &t : tables) {
        if (t.name == tableName)
            return &t;
    }
    return nullptr;
}

int Project::tableIndex(const ObjectId &id) const
{
    for (size_t i = 0; i < tables.size(); ++i) {
        if (tables[i].id == id)
            return int(i);
    }
    return -1;
}

const View *Project::view(const ObjectId &id) const
{
    for (const View &v : views) {
        if (v.id == id)
            return &v;
    }
    return nullptr;
}

const View *Project::viewByName(const QString &viewName) const
{
    for (const View &v : views) {
        if (v.name == viewName)
            return &v;
    }
    return nullptr;
}

const Relationship *Project::relationship(const ObjectId &id) const
{
    for (const Relationship &r : relationships) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

const ScriptFunction *Project::function(const ObjectId &id) const
{
    for (const ScriptFunction &f : functions) {
        if (f.id == id)
            return &f;
    }
    return nullptr;
}

const ChannelRule *Project::channelRule(const ObjectId &id) const
{
    for (const ChannelRule &rule : channelRules) {
        if (rule.id == id)
            return &rule;
    }
    return nullptr;
}

const ScriptFunction *Project::functionByName(const QString &name) const
{
    for (const ScriptFunction &f : functions) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

std::vector<const Relationship *> Project::relationshipsOf(const ObjectId &tableId) const
{
    std::vector<const Relationship *> out;
    for (const Relationship &r : relationships) {
        if (r.fromTableId == tableId || r.toTableId == tableId || r.junctionTableId == tableId)
            out.push_back(&r);
    }
    return out;
}

const Relationship *Project::relationshipForField(const ObjectId &fieldId) const
{
    for (const Relationship &r : relationships) {
        if (r.isManyToMany() ? (r.junctionFromFieldId == fieldId || r.junctionToFieldId == fieldId)
                             : r.foreignKeyFieldId == fieldId)
            return &r;
    }
    return nullptr;
}

bool Project::isJunctionTable(const ObjectId &tableId) const
{
    return std::any_of(relationships.begin(), relationships.end(),
                       [&](const Relationship &r) { return r.isManyToMany() && r.junctionTableId == tableId; });
}

bool Project::containsId(const ObjectId &id) const
{
    for (const Table &t : tables) {
        if (t.id == id || anyHasId(t.fields, id) || anyHasId(t.indexes, id) || anyHasId(t.permissions, id))
            return true;
    }
    for (const View &v : views) {
        if (v.id == id || anyHasId(v.permissions, id))
            return true;
    }
    return anyHasId(relationships, id) || anyHasId(roles, id) || anyHasId(endpoints, id)
        || anyHasId(functions, id) || anyHasId(triggers, id) || anyHasId(schedules, id) || anyHasId(integrations, id)
        || anyHasId(channelRules, id);
}

ObjectId Project::newId(const QString &prefix) const
{
    static constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (;;) {
        QString id = prefix + QLatin1Char('_');
        for (int i = 0; i < 8; ++i)
            id += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof(alphabet) - 1))]);
        if (!containsId(id))
            return id;
    }
}

} // namespace Runtime
