// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to the project validator: the problem collector and the checks of each object kind.
#pragma once

#include "core/error.h"
#include "model/project.h"

#include <QHash>
#include <QList>
#include <QString>

namespace Runtime {

/** The inclusive range of an integer setting (docs/file-format.md, "Settings"). */
struct IntegerRange
{
    qint64 min;
    qint64 max;
};
inline constexpr IntegerRange accessTokenLifetimeRange {60, 604800};
inline constexpr IntegerRange minimumPasswordLengthRange {6, 128};
inline constexpr IntegerRange maxRequestBodyBytesRange {1024, 1073741824};
inline constexpr IntegerRange functionTimeoutRange {10, 600000};

/** Returns "%1 is out of range; use a value from %2 to %3", shared with the reader. */
QString outOfRangeMessage(qint64 value, IntegerRange range);

/** Collects the problems of one validateProject() run. Lives on its stack. */
class ProblemCollector
{
public:
    explicit ProblemCollector(const Project &project)
        : m_project(project)
    {
    }

    const Project &project() const { return m_project; }
    void error(const QString &path, const ObjectId &objectId, const QString &message)
    {
        m_problems.append({Problem::Severity::Error, path, message, objectId});
    }
    void warning(const QString &path, const ObjectId &objectId, const QString &message)
    {
        m_problems.append({Problem::Severity::Warning, path, message, objectId});
    }
    QList<Problem> problems() const { return m_problems; }

private:
    const Project &m_project;
    QList<Problem> m_problems;
};

/** Returns "tables[2]" for \a index 2 of the array \a array. */
QString arrayPath(const char *array, size_t index);
/** Returns \a path + "." + \a key. */
QString memberPath(const QString &path, const char *key);

/** Returns why \a name is not a valid identifier ("the name is empty" ...), or an empty string. */
QString identifierProblem(const QString &name);
/** Returns why \a role cannot be named by a rule or endpoint of \a project, or an empty string. */
QString roleProblem(const Project &project, const QString &role);
/** Returns why no table of \a project has the id \a tableId, or an empty string if one has. */
QString tableReferenceProblem(const Project &project, const ObjectId &tableId);
/** Returns why the literal default of \a field does not fit its type or validation, or an empty string. */
QString defaultLiteralProblem(const Field &field);

// The checks of each kind of object, each appending to \a c. Table indices are positions in tables.
void validateFields(ProblemCollector &c, size_t tableIndex);
void validateIndexes(ProblemCollector &c);
void validatePermissions(ProblemCollector &c, size_t tableIndex);
/** Checks the permission rules of \a table (a project table, or a view as View::asTable() presents it)
    found at \a tablePath; \a selectOnly (views) refuses rules for other operations. */
void validateRules(ProblemCollector &c, const Table &table, const QString &tablePath, bool selectOnly);
/** Checks the views; \a tableNames maps each table name to the path of its table. */
void validateViews(ProblemCollector &c, const QHash<QString, QString> &tableNames);
void validateRelationships(ProblemCollector &c);
void validateRolesAndFunctions(ProblemCollector &c);
void validateEndpoints(ProblemCollector &c);
void validateTriggersAndIntegrations(ProblemCollector &c);
void validateSettings(ProblemCollector &c);
void validateChannelRules(ProblemCollector &c);

} // namespace Runtime
