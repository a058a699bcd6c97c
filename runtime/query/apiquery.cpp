// SPDX-License-Identifier: GPL-3.0-or-later
// ApiQuery: lookups of the levels of a parsed data-API request.
#include "apiquery.h"

#include <QtGlobal>

namespace Runtime {

QueryLevel &ApiQuery::root()
{
    if (levels.empty())
        levels.emplace_back();
    return levels.front();
}

const QueryLevel &ApiQuery::root() const
{
    // A default-constructed ApiQuery has no levels yet; its root is then an empty one.
    static const QueryLevel s_emptyRoot;
    return levels.empty() ? s_emptyRoot : levels.front();
}

const QueryLevel *ApiQuery::level(const QStringList &embedPath) const
{
    for (const QueryLevel &candidate : levels) {
        if (candidate.embedPath == embedPath)
            return &candidate;
    }
    return nullptr;
}

QString jsonPathName(const QString &column, const JsonPath &path)
{
    for (auto step = path.rbegin(); step != path.rend(); ++step) {
        if (!step->isIndex)
            return step->key;
    }
    return column;
}

QString aggregateName(Aggregate aggregate)
{
    switch (aggregate) {
    case Aggregate::Count: return QStringLiteral("count");
    case Aggregate::Sum: return QStringLiteral("sum");
    case Aggregate::Avg: return QStringLiteral("avg");
    case Aggregate::Min: return QStringLiteral("min");
    case Aggregate::Max: return QStringLiteral("max");
    case Aggregate::None: break;
    }
    return {};
}

QString SelectItem::outputName() const
{
    // PostgREST names an unaliased aggregate as PostgreSQL does: sum, avg, count, ...
    if (!alias.isEmpty())
        return alias;
    if (aggregate != Aggregate::None)
        return aggregateName(aggregate);
    return jsonPathName(name, jsonPath);
}

} // namespace Runtime
