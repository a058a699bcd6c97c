// SPDX-License-Identifier: GPL-3.0-or-later
// Rule paths: follows a dotted path through relationships to EXISTS openings, with did-you-mean (private).
#pragma once

#include "rules/rulecompiler.h"
#include "rules/ruleparser_p.h"

#include <QString>

#include <optional>

namespace Runtime {
class SqlDialect;
}

namespace Runtime::RulePaths {

/** Marks where the caller's qualifier goes in compiled SQL; never part of a model name. */
inline constexpr char16_t QualifierMark = u'\x01';

/** Returns \a name quoted by \a dialect, or in double quotes when \a dialect is null (check only). */
QString quoteName(const SqlDialect *dialect, const QString &name);

/** Returns the message for \a name not being a visible field of \a table: a did-you-mean when a visible
    field is close enough to be a typo, else the list of visible fields. */
QString unknownColumnMessage(const Table &table, const QString &name);

/** Where the segments of a path before its last lead. */
struct Walk
{
    const Table *table = nullptr; ///< the table whose field the last segment names
    QString outer; ///< that table's qualifier: QualifierMark, or the innermost EXISTS alias
    QString openings; ///< the EXISTS ( ... AND prefixes, one per relationship step
    int depth = 0; ///< how many EXISTS to close
};

/** Follows paths through the project's relationships for one compiled rule; numbers the EXISTS aliases
    ("_r1", "_r2", ...) across every path of the rule. */
class PathWalker
{
public:
    PathWalker(const Project &project, const SqlDialect *dialect)
        : m_project(project)
        , m_dialect(dialect)
    { }

    /** Follows every segment of \a path but the last from \a table into \a walk; returns the problem of
        the first segment that names no relationship (or more than one way), with a did-you-mean. */
    std::optional<RuleDiagnostic> walk(const Table &table, const RuleSyntax::Operand &path, Walk &walk);

private:
    const Project &m_project;
    const SqlDialect *m_dialect;
    int m_aliases = 0;
};

} // namespace Runtime::RulePaths
