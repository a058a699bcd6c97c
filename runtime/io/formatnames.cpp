// SPDX-License-Identifier: GPL-3.0-or-later
// The .basalt file format's names for model options that have no name table in the model itself.
#include "formatnames.h"

namespace Runtime {

namespace {
template<typename Enum>
struct NamedValue
{
    Enum value;
    const char *name;
};

constexpr NamedValue<PrimaryKeyKind> s_primaryKeyKinds[] = {
    {PrimaryKeyKind::AutoIncrement, "autoIncrement"},
    {PrimaryKeyKind::Uuid, "uuid"},
    {PrimaryKeyKind::Supplied, "supplied"},
};
constexpr NamedValue<AutoTimestamp> s_autoTimestamps[] = {
    {AutoTimestamp::CreatedAt, "createdAt"},
    {AutoTimestamp::UpdatedAt, "updatedAt"},
};
constexpr NamedValue<DefaultValue::Kind> s_defaultFunctions[] = {
    {DefaultValue::Kind::Now, "now"},
    {DefaultValue::Kind::RandomUuid, "uuid"},
};

template<typename Enum, size_t N>
QString nameOf(const NamedValue<Enum> (&table)[N], Enum value)
{
    for (const NamedValue<Enum> &entry : table) {
        if (entry.value == value)
            return QString::fromLatin1(entry.name);
    }
    return {};
}

template<typename Enum, size_t N>
std::optional<Enum> valueOf(const NamedValue<Enum> (&table)[N], const QString &name)
{
    for (const NamedValue<Enum> &entry : table) {
        if (name == QLatin1String(entry.name))
            return entry.value;
    }
    return std::nullopt;
}

template<typename Enum, size_t N>
QStringList namesOf(const NamedValue<Enum> (&table)[N])
{
    QStringList out;
    for (const NamedValue<Enum> &entry : table)
        out << QString::fromLatin1(entry.name);
    return out;
}

// Collects nameOf(value) for every value of an enumeration whose last value is \a last.
template<typename Enum>
QStringList allNames(QString (*nameOf)(Enum), Enum last)
{
    QStringList out;
    for (int i = 0; i <= static_cast<int>(last); ++i)
        out << nameOf(static_cast<Enum>(i));
    return out;
}
} // namespace

QString primaryKeyKindName(PrimaryKeyKind kind)
{
    return nameOf(s_primaryKeyKinds, kind);
}
std::optional<PrimaryKeyKind> primaryKeyKindFromName(const QString &name)
{
    return valueOf(s_primaryKeyKinds, name);
}
QStringList primaryKeyKindNames()
{
    return namesOf(s_primaryKeyKinds);
}

QString autoTimestampName(AutoTimestamp kind)
{
    return nameOf(s_autoTimestamps, kind);
}
std::optional<AutoTimestamp> autoTimestampFromName(const QString &name)
{
    return valueOf(s_autoTimestamps, name);
}
QStringList autoTimestampNames()
{
    return namesOf(s_autoTimestamps);
}

QString defaultFunctionName(DefaultValue::Kind kind)
{
    return nameOf(s_defaultFunctions, kind);
}
std::optional<DefaultValue::Kind> defaultFunctionFromName(const QString &name)
{
    return valueOf(s_defaultFunctions, name);
}
QStringList defaultFunctionNames()
{
    return namesOf(s_defaultFunctions);
}

QStringList operationNames()
{
    return allNames(operationName, Operation::Delete);
}
QStringList relationshipKindNames()
{
    return allNames(relationshipKindName, RelationshipKind::ManyToMany);
}
QStringList deleteActionNames()
{
    return allNames(deleteActionName, DeleteAction::Restrict);
}
QStringList triggerEventNames()
{
    return allNames(triggerEventName, TriggerEvent::SignIn);
}
QStringList triggerTimingNames()
{
    return allNames(triggerTimingName, TriggerTiming::After);
}
QStringList callAccessNames()
{
    return allNames(callAccessName, CallAccess::Roles);
}
QStringList parameterTypeNames()
{
    return allNames(parameterTypeName, ParameterType::Json);
}
QStringList parameterLocationNames()
{
    return allNames(parameterLocationName, ParameterLocation::Body);
}

QStringList endpointMethods()
{
    return {QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"), QStringLiteral("PATCH"),
            QStringLiteral("DELETE")};
}

QStringList ruleBuiltinRoles()
{
    return {QStringLiteral("anon"), QStringLiteral("authenticated")};
}

QStringList builtinRoleNames()
{
    return ruleBuiltinRoles() << QStringLiteral("service_role");
}

} // namespace Runtime
