// SPDX-License-Identifier: GPL-3.0-or-later
// RequestSamples: ready-to-send console requests for a table, and the URLs the console completes.
#pragma once

#include "consolerequest.h"

#include "model/ids.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace Runtime {
class Project;
struct Table;
struct Field;
}

namespace Designer {

/** Builds the requests of a table's context menu ("List rows", "Get by id", "Insert row", "Update",
    "Delete") from the schema, and the console's URL completions. Stateless; all functions are static. */
class RequestSamples
{
    Q_DECLARE_TR_FUNCTIONS(Designer::RequestSamples)

public:
    enum class Kind { List, Get, Insert, Update, Delete };

    /** Returns the request of \a kind for \a table of \a project, named for the menu ("List rows"). Reads
        use the anon key, writes the service key; the auth can be changed in the console. */
    static ConsoleRequest request(Kind kind, const Runtime::Project &project, const Runtime::Table &table);
    /** Returns the menu text of \a kind: "List rows", "Get by id", "Insert row", "Update", "Delete". */
    static QString kindName(Kind kind);
    /** Returns the five requests of \a table, in menu order. */
    static QList<ConsoleRequest> requests(const Runtime::Project &project, const Runtime::Table &table);

    /** Returns a sample insert body for \a table as indented JSON text: one plausible value per field
        the caller may set (primary keys, timestamps and optional read-only fields are left out; required
        fields come first; values fit the field's type, enum, bounds, length and pattern; text values
        of unique fields get a random suffix so the sample can be sent twice). A foreign key gets the id in
        \a knownIds for the referenced table's id, if any; otherwise a required one gets a placeholder
        (1, or a nil-like uuid) and an optional one is left out. */
    static QString sampleBody(const Runtime::Project &project, const Runtime::Table &table,
        const QHash<Runtime::ObjectId, QJsonValue> &knownIds = {});

    /** Returns the profile data a new test user of \a project needs, as indented JSON text: a sample
        value for each field of the users table that is required, has no default and a client may set
        (not the key, the email, read-only, hidden or automatic fields). "{}" when there is none. */
    static QString signUpData(const Runtime::Project &project);

    /** Returns a plausible value of \a field (its type, enum values, bounds, length and pattern). */
    static QJsonValue sampleValue(const Runtime::Field &field);

    /** Returns the URLs the console's URL line completes: every table's /rest/v1/<name>, the auth
        API's endpoints and /health. */
    static QStringList urlCompletions(const Runtime::Project &project);
};

} // namespace Designer
