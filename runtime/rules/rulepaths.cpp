// SPDX-License-Identifier: GPL-3.0-or-later
// Rule paths: resolves path segments to relationship steps and EXISTS openings, and suggests near names.
#include "rulepaths_p.h"

#include "storage/sqldialect.h"

#include <algorithm>
#include <vector>

namespace Runtime::RulePaths {

using RuleSyntax::Operand;

namespace {

// Returns the case-insensitive Levenshtein distance between \a a and \a b.
int editDistance(const QString &a, const QString &b)
{
    std::vector<int> row(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                diagonal + (a.at(i - 1).toLower() == b.at(j - 1).toLower() ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// Returns the candidate closest to \a name if it is close enough to be a typo, else "".
QString closest(const QString &name, const QStringList &candidates)
{
    if (candidates.contains(name + QLatin1String("_id")))
        return name + QLatin1String("_id");
    QString best;
    int bestDistance = std::max<int>(2, int(name.size()) / 3) + 1;
    for (const QString &c : candidates) {
        const int d = editDistance(name, c);
        if (d < bestDistance) {
            bestDistance = d;
            best = c;
        }
    }
    return best;
}

// One hop of a path: the related table, joined by "_rN".targetColumn = <outer>.outerColumn.
struct Step
{
    const Table *table = nullptr;
    QString targetColumn;
    QString outerColumn;
    bool operator==(const Step &o) const
    {
        return table == o.table && targetColumn == o.targetColumn && outerColumn == o.outerColumn;
    }
};

struct Route
{
    QStringList names; ///< the segments that select it
    std::vector<Step> steps; ///< one, or two for the far side of a many-to-many
    std::vector<RuleReference> refs; ///< what each name stands for (without its position)
};

QString withoutIdSuffix(const QString &name)
{
    return name.endsWith(QLatin1String("_id")) ? name.chopped(3) : QString();
}

using RefKind = RuleReference::Kind;

RuleReference ref(RefKind kind, const Relationship &r, const ObjectId &tableId, const ObjectId &fieldId = {})
{
    RuleReference reference;
    reference.kind = kind;
    reference.tableId = tableId;
    reference.fieldId = fieldId;
    reference.relationshipId = r.id;
    return reference;
}

// A route named by a foreign key \a fk of \a holder, its stem, or the table \a reached it leads to.
Route keyRoute(const Relationship &r, const Table &holder, const Field &fk, const Table &reached, std::vector<Step> steps)
{
    Route route {{fk.name, withoutIdSuffix(fk.name), reached.name}, std::move(steps), {}};
    route.refs = {ref(RefKind::ForeignKey, r, holder.id, fk.id), ref(RefKind::ForeignKeyStem, r, holder.id, fk.id),
        ref(RefKind::Table, r, reached.id)};
    return route;
}

// A route named by the table \a reached it leads to (and the relationship's name when \a named).
Route tableRoute(const Relationship &r, const Table &reached, std::vector<Step> steps, bool named)
{
    Route route {{reached.name}, std::move(steps), {ref(RefKind::Table, r, reached.id)}};
    if (named) {
        route.names << r.name;
        route.refs.push_back(ref(RefKind::Relationship, r, {}));
    }
    return route;
}

// Returns every way to leave \a table by one path segment.
std::vector<Route> routesFrom(const Project &project, const Table &table)
{
    std::vector<Route> routes;
    const Field *pk = table.primaryKey();
    for (const Relationship &r : project.relationships) {
        const Table *from = project.table(r.fromTableId);
        const Table *to = project.table(r.toTableId);
        if (!from || !to || !from->primaryKey() || !to->primaryKey())
            continue;
        if (!r.isManyToMany()) {
            const Field *fk = to->field(r.foreignKeyFieldId);
            if (!fk)
                continue;
            if (to->id == table.id) {
                Route route = keyRoute(r, *to, *fk, *from, {{from, from->primaryKey()->name, fk->name}});
                route.names << r.name;
                route.refs.push_back(ref(RefKind::Relationship, r, {}));
                routes.push_back(std::move(route));
            }
            if (from->id == table.id && pk)
                routes.push_back(tableRoute(r, *to, {{to, fk->name, pk->name}}, false));
            continue;
        }
        const Table *junction = project.table(r.junctionTableId);
        const Field *jf = junction ? junction->field(r.junctionFromFieldId) : nullptr;
        const Field *jt = junction ? junction->field(r.junctionToFieldId) : nullptr;
        if (!jf || !jt)
            continue;
        if (from->id == table.id && pk) {
            routes.push_back(tableRoute(r, *junction, {{junction, jf->name, pk->name}}, false));
            routes.push_back(tableRoute(r, *to,
                {{junction, jf->name, pk->name}, {to, to->primaryKey()->name, jt->name}}, true));
        }
        if (to->id == table.id && pk) {
            routes.push_back(tableRoute(r, *junction, {{junction, jt->name, pk->name}}, false));
            routes.push_back(tableRoute(r, *from,
                {{junction, jt->name, pk->name}, {from, from->primaryKey()->name, jf->name}}, false));
        }
        if (junction->id == table.id) {
            routes.push_back(keyRoute(r, *junction, *jf, *from, {{from, from->primaryKey()->name, jf->name}}));
            routes.push_back(keyRoute(r, *junction, *jt, *to, {{to, to->primaryKey()->name, jt->name}}));
        }
    }
    return routes;
}

// Returns the steps \a segment (segment \a index of \a o) takes out of \a table, or sets \a error.
std::optional<std::vector<Step>> route(const Project &project, const Table &table, const Operand &o,
    qsizetype index, std::optional<RuleDiagnostic> &error)
{
    const QString &segment = o.segments.at(index);
    const int column = o.segmentColumns.at(index);
    const std::vector<Route> routes = routesFrom(project, table);
    std::optional<std::vector<Step>> found;
    QStringList names;
    QStringList aliases;
    for (const Route &r : routes) {
        names << r.names.front();
        for (const QString &name : r.names) {
            if (!name.isEmpty())
                aliases << name;
        }
        if (!r.names.contains(segment))
            continue;
        if (found && *found != r.steps) {
            error = RuleDiagnostic {column, qMax(1, int(segment.size())),
                QStringLiteral("\"%1\" leads from %2 to %3 in more than one way; name the foreign key "
                               "instead")
                    .arg(segment, table.name, r.steps.back().table->name)};
            return std::nullopt;
        }
        found = r.steps;
    }
    if (found)
        return found;
    names.removeDuplicates();
    const QString guess = closest(segment, aliases);
    QString message;
    if (names.isEmpty())
        message
            = QStringLiteral("\"%1\" is not a relationship of %2, and %2 has no relationships to follow")
                  .arg(segment, table.name);
    else if (table.fieldByName(segment))
        message
            = QStringLiteral("\"%1\" is a column of %2, not a foreign key; follow a relationship such as "
                             "%3")
                  .arg(segment, table.name, guess.isEmpty() ? names.front() : guess);
    else
        message
            = QStringLiteral("\"%1\" is not a relationship of %2; follow a foreign key such as %3")
                  .arg(segment, table.name, guess.isEmpty() ? names.join(QLatin1String(", ")) : guess);
    error = RuleDiagnostic {column, qMax(1, int(segment.size())), message};
    return std::nullopt;
}

} // namespace

QString quoteName(const SqlDialect *dialect, const QString &name)
{
    if (dialect)
        return dialect->quoteIdentifier(name);
    return u'"' + name + u'"';
}

QString unknownColumnMessage(const Table &table, const QString &name)
{
    QStringList visible;
    for (const Field &f : table.fields) {
        if (!f.hidden)
            visible << f.name;
    }
    const QString guess = closest(name, visible);
    return guess.isEmpty() ? QStringLiteral("unknown column \"%1\" in table %2; its columns are: %3")
                                 .arg(name, table.name, visible.join(QLatin1String(", ")))
                           : QStringLiteral("unknown column \"%1\" in table %2; did you mean %3?")
                                 .arg(name, table.name, guess);
}

std::optional<RuleDiagnostic> PathWalker::walk(const Table &table, const Operand &path, Walk &walk)
{
    walk.table = &table;
    walk.outer = QString(QualifierMark);
    for (qsizetype i = 0; i + 1 < path.segments.size(); ++i) {
        std::optional<RuleDiagnostic> error;
        std::optional<std::vector<Step>> steps = route(m_project, *walk.table, path, i, error);
        if (!steps)
            return error;
        for (const Step &s : *steps) {
            const QString alias = quoteName(m_dialect, QStringLiteral("_r%1").arg(++m_aliases));
            walk.openings += QStringLiteral("EXISTS (SELECT 1 FROM %1 AS %2 WHERE %2.%3 = %4.%5 AND ")
                                 .arg(quoteName(m_dialect, s.table->name), alias,
                                     quoteName(m_dialect, s.targetColumn), walk.outer,
                                     quoteName(m_dialect, s.outerColumn));
            ++walk.depth;
            walk.outer = alias;
            walk.table = s.table;
        }
    }
    return std::nullopt;
}

} // namespace Runtime::RulePaths

namespace Runtime {

namespace {
void collectReferences(const Project &project, const Table &table, const RuleSyntax::Node &node,
    std::vector<RuleReference> &references)
{
    using RuleSyntax::Operand;
    for (const Operand &o : node.operands) {
        if (o.kind != Operand::Kind::Path || o.segments.front() == QLatin1String("auth"))
            continue;
        const Table *at = &table;
        for (qsizetype i = 0; at && i < o.segments.size(); ++i) {
            const QString &segment = o.segments.at(i);
            const int column = o.segmentColumns.at(i);
            if (i + 1 == o.segments.size()) {
                if (const Field *field = at->fieldByName(segment)) {
                    RuleReference reference;
                    reference.kind = RuleReference::Kind::Field;
                    reference.tableId = at->id;
                    reference.fieldId = field->id;
                    reference.column = column;
                    reference.length = int(segment.size());
                    references.push_back(reference);
                }
                break;
            }
            std::optional<RuleDiagnostic> error;
            if (!RulePaths::route(project, *at, o, i, error)) {
                at = nullptr; // leads nowhere, or more than one way: nothing further is known
                break;
            }
            for (const RulePaths::Route &r : RulePaths::routesFrom(project, *at)) {
                const qsizetype index = r.names.indexOf(segment);
                if (index < 0)
                    continue;
                RuleReference reference = r.refs.at(size_t(index));
                reference.column = column;
                reference.length = int(segment.size());
                references.push_back(reference);
                at = r.steps.back().table;
                break;
            }
        }
    }
    for (const std::unique_ptr<RuleSyntax::Node> &child : node.children)
        collectReferences(project, table, *child, references);
}
} // namespace

std::vector<RuleReference> RuleCompiler::references(const Project &project, const Table &table, const QString &expression)
{
    std::vector<RuleReference> references;
    const RuleSyntax::ParseResult parsed = RuleSyntax::parse(expression);
    if (parsed.root)
        collectReferences(project, table, *parsed.root, references);
    std::sort(references.begin(), references.end(),
        [](const RuleReference &a, const RuleReference &b) { return a.column < b.column; });
    return references;
}

std::vector<RuleCompiler::PathSegment> RuleCompiler::pathSegments(const Project &project, const Table &table)
{
    std::vector<PathSegment> segments;
    for (const RulePaths::Route &route : RulePaths::routesFrom(project, table)) {
        for (const QString &name : route.names) {
            const PathSegment segment {name, route.steps.back().table->id};
            if (!name.isEmpty() && std::find(segments.begin(), segments.end(), segment) == segments.end())
                segments.push_back(segment);
        }
    }
    return segments;
}

} // namespace Runtime
