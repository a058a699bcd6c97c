// SPDX-License-Identifier: GPL-3.0-or-later
// ConsoleRequest: one request of the request console, as the form, history, collections and curl see it.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace Designer {

/** How the console authenticates a request. */
enum class ConsoleAuth {
    None,    ///< no apikey: only the headers of the form
    Anon,    ///< the project's anon key
    Service, ///< the project's service_role key (bypasses every rule)
    User,    ///< a test user: the anon key plus the user's access token
};

/** Returns the file name of \a auth ("none", "anon", "service", "user"). */
QString consoleAuthName(ConsoleAuth auth);
/** Returns the auth mode named \a name, or nothing. */
std::optional<ConsoleAuth> consoleAuthFromName(const QString &name);

using ConsoleHeaders = QList<QPair<QString, QString>>;

/** A request as the console's form holds it: the URL may be relative to the runtime's base URL and may
    contain {{variables}}; the auth headers are not in headers but follow from auth (and user, explain)
    when it is sent. A plain value type, kept in history and collections. */
struct ConsoleRequest
{
    QString name;                      ///< shown in collections; empty for an unsaved request
    QString method = QStringLiteral("GET");
    QString url;                       ///< "/rest/v1/orders?select=*" or an absolute URL
    ConsoleHeaders headers;            ///< in order, as typed
    QString body;
    ConsoleAuth auth = ConsoleAuth::Anon;
    QString user;                      ///< the test user's email when auth is User (or explain runs as them)
    bool explain = false;              ///< ask the runtime which rules applied (X-Basalt-Explain)

    /** Returns the value of the first header named \a name (case-insensitive), or a null string. */
    QString header(const QString &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }

    /** Returns this request as a JSON object (keys sorted by QJsonObject: a stable order on disk). */
    QJsonObject toJson() const;
    /** Returns the request stored in \a object; missing members keep their defaults. */
    static ConsoleRequest fromJson(const QJsonObject &object);

    bool operator==(const ConsoleRequest &) const = default;
};

} // namespace Designer
