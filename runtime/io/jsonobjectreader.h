// SPDX-License-Identifier: GPL-3.0-or-later
// JsonObjectReader: typed, path-aware access to one JSON object of a .basalt file.
#pragma once

#include "core/error.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace Runtime {

/** Reads the members of one JSON object, checking each against the type the file format expects.
    Every mismatch, missing required key and (on finish()) unknown key is appended to the problem list
    given to the constructor, located by its JSON path. Getters return a default after a problem, so a
    reader can go on and collect everything. Lives on the stack of one reading function. */
class JsonObjectReader
{
    Q_DECLARE_TR_FUNCTIONS(ProjectReader)

public:
    enum class Presence { Optional, Required };

    /** Reads \a value found at \a path; reports a problem if it is not an object. */
    JsonObjectReader(const QJsonValue &value, const QString &path, QList<Problem> &problems);

    bool isObject() const { return m_isObject; }
    /** Sets the id of the model object being read, attached to the problems found from now on. */
    void setObjectId(const QString &id) { m_objectId = id; }
    QString path() const { return m_path; }
    /** Returns the path of the member \a key: "tables[0].name". */
    QString pathOf(const char *key) const;
    bool has(const char *key) const;

    QString string(const char *key, Presence presence = Presence::Optional);
    bool boolean(const char *key);
    std::optional<qint64> integer(const char *key, Presence presence = Presence::Optional);
    std::optional<double> number(const char *key, Presence presence = Presence::Optional);
    QStringList stringList(const char *key, Presence presence = Presence::Optional);
    /** Returns a text stored either as one string or as an array of its lines (joined with "\n"). */
    QString lines(const char *key);
    QJsonArray array(const char *key, Presence presence = Presence::Optional);
    /** Returns the raw member \a key (Undefined if absent) without checking its type. */
    QJsonValue value(const char *key);

    /** Reads the string member \a key as one of \a names, mapped by \a fromName; reports
        `unknown key "value" (expected one of: ...)` otherwise. */
    template<typename Enum>
    std::optional<Enum> enumValue(const char *key, std::optional<Enum> (*fromName)(const QString &),
                                  const QStringList &names, Presence presence = Presence::Optional)
    {
        const QString text = string(key, presence);
        if (!has(key) || !m_object.value(QLatin1String(key)).isString())
            return std::nullopt;
        const std::optional<Enum> result = fromName(text);
        if (!result)
            reportUnknownName(key, text, names);
        return result;
    }

    /** Appends a problem at \a path (a member path, or path() for the object itself). */
    void report(const QString &path, const QString &message);
    /** Reports every member that was not read as an unknown key. Call once, after all getters. */
    void finish();

    /** Returns "a string", "an array", "null", ...: how messages name the JSON type of \a value. */
    static QString describeType(const QJsonValue &value);
    /** Returns \a value as an integer if it is a whole JSON number that fits in 64 bits. */
    static std::optional<qint64> toInteger(const QJsonValue &value);

private:
    /** Marks \a key as read and returns its value; reports it as missing if \a presence requires it. */
    QJsonValue take(const char *key, Presence presence);
    void reportWrongType(const char *key, const QString &message);
    void reportUnknownName(const char *key, const QString &text, const QStringList &names);

    QJsonObject m_object;
    QString m_path;
    QList<Problem> &m_problems;
    QString m_objectId;
    QSet<QString> m_read;
    bool m_isObject = false;
};

/** Returns \a path extended by the array position \a index: "tables" → "tables[2]". */
QString elementPath(const QString &path, qsizetype index);

} // namespace Runtime
