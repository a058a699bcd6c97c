// SPDX-License-Identifier: GPL-3.0-or-later
// RealtimeSettings: what the realtime inspector last joined with, kept with the project's console settings.
#pragma once

#include <QJsonObject>
#include <QString>

namespace Designer {

/** The realtime inspector's form: the channel, who joins it, the table subscribed to with its event and
    filter. Saved in the ConsoleStore (RequestConsole's settings of the project) when the inspector joins,
    restored when the project opens again. A plain value. */
struct RealtimeSettings
{
    /** Who the inspector joins as. */
    enum class Role { Anon, User, Service };

    QString channel = QStringLiteral("room1"); ///< without the `realtime:` prefix
    Role role = Role::Anon;
    QString user; ///< the test user's email when role is User
    QString table; ///< empty: no postgres_changes subscription
    QString event = QStringLiteral("*"); ///< *, INSERT, UPDATE or DELETE
    QString filter; ///< `column=op.value`, or empty

    QJsonObject toJson() const;
    /** Returns the settings in \a object; what is missing or unknown keeps its default. */
    static RealtimeSettings fromJson(const QJsonObject &object);
};

} // namespace Designer
