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

} // namespace Runtime
