// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeSettings: what the realtime inspector last joined with, kept with the project's console settings.
#include "realtimesettings.h"

#include <QStringList>

namespace Designer {

namespace {
const QStringList s_roles {QStringLiteral("anon"), QStringLiteral("user"), QStringLiteral("service")};
const QStringList s_events {
    QStringLiteral("*"), QStringLiteral("INSERT"), QStringLiteral("UPDATE"), QStringLiteral("DELETE")};
} // namespace

QJsonObject RealtimeSettings::toJson() const
{
    QJsonObject object {{QStringLiteral("channel"), channel}, {QStringLiteral("role"), s_roles.at(int(role))},
        {QStringLiteral("event"), event}};
    if (role == Role::User && !user.isEmpty())
        object.insert(QStringLiteral("user"), user);
    if (!table.isEmpty())
        object.insert(QStringLiteral("table"), table);
    if (!filter.isEmpty())
        object.insert(QStringLiteral("filter"), filter);
    return object;
}

RealtimeSettings RealtimeSettings::fromJson(const QJsonObject &object)
{
    RealtimeSettings settings;
    settings.channel = object.value(QLatin1String("channel")).toString(settings.channel);
    if (const qsizetype role = s_roles.indexOf(object.value(QLatin1String("role")).toString()); role >= 0)
        settings.role = Role(role);
    settings.user = object.value(QLatin1String("user")).toString();
    settings.table = object.value(QLatin1String("table")).toString();
    if (const QString event = object.value(QLatin1String("event")).toString(); s_events.contains(event))
        settings.event = event;
    settings.filter = object.value(QLatin1String("filter")).toString();
    return settings;
}

} // namespace Designer
