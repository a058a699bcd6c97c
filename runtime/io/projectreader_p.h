// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to the project reader: the per-object readers shared by its source files.
#pragma once

#include "jsonobjectreader.h"
#include "model/project.h"

#include <vector>

namespace Runtime {

/** Reads the array member \a key of \a r, each element with \a readItem(value, path, problems). */
template<typename T, typename ReadItem>
std::vector<T> readArray(JsonObjectReader &r, const char *key, QList<Problem> &problems, ReadItem readItem,
                         JsonObjectReader::Presence presence = JsonObjectReader::Presence::Optional)
{
    const QJsonArray items = r.array(key, presence);
    std::vector<T> out;
    out.reserve(size_t(items.size()));
    for (qsizetype i = 0; i < items.size(); ++i)
        out.push_back(readItem(items.at(i), elementPath(r.pathOf(key), i), problems));
    return out;
}

// Each reader below reads the object \a value found at \a path, appending what is wrong to \a problems.
Table readTable(const QJsonValue &value, const QString &path, QList<Problem> &problems);
View readView(const QJsonValue &value, const QString &path, QList<Problem> &problems);
Relationship readRelationship(const QJsonValue &value, const QString &path, QList<Problem> &problems);
Role readRole(const QJsonValue &value, const QString &path, QList<Problem> &problems);
ScriptFunction readFunction(const QJsonValue &value, const QString &path, QList<Problem> &problems);
Endpoint readEndpoint(const QJsonValue &value, const QString &path, QList<Problem> &problems);
Trigger readTrigger(const QJsonValue &value, const QString &path, QList<Problem> &problems);
Schedule readSchedule(const QJsonValue &value, const QString &path, QList<Problem> &problems);
Integration readIntegration(const QJsonValue &value, const QString &path, QList<Problem> &problems);
ChannelRule readChannelRule(const QJsonValue &value, const QString &path, QList<Problem> &problems);

} // namespace Runtime
