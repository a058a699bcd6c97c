// SPDX-License-Identifier: GPL-3.0-or-later
// ChangeAudience: decides whether a realtime subscriber may receive a committed change, and which columns.
#include "changeaudience.h"

#include "rules/rowvisibility.h"

#include <QLoggingCategory>

namespace Runtime {

ChangeAudience::ChangeAudience(std::shared_ptr<const Project> project, DatabaseEngine engine, ReadBack readBack)
    : m_project(std::move(project))
    , m_readBack(std::move(readBack))
{
    Result<std::shared_ptr<const RowVisibility>> visibility
        = RowVisibility::compile(m_project, engine, RowRule::TextOrder::Collation);
    if (visibility)
        m_visibility = std::move(visibility).value();
    else
        qWarning(
            "realtime: the permission rules do not compile, no change is sent to non-service subscribers: %s",
            qPrintable(visibility.error().toString()));
}

ChangeAudience::~ChangeAudience() = default;

ChangeAudience::Decision ChangeAudience::decide(
    const Table &table, const QJsonObject &row, const Caller &caller, bool stored)
{
    if (caller.isService())
        return Decision::Visible;
    if (!m_visibility)
        return Decision::Withheld;
    switch (m_visibility->verdict(table, row, caller)) {
    case RowVisibility::Verdict::Visible: return Decision::Visible;
    case RowVisibility::Verdict::Hidden: return Decision::Withheld;
    case RowVisibility::Verdict::NeedsQuery: break;
    }
    const Field *key = table.primaryKey();
    if (!stored || !m_readBack || !key || !row.contains(key->name))
        return Decision::Withheld;
    return m_readBack(table, row.value(key->name), caller) ? Decision::Visible : Decision::Withheld;
}

QStringList ChangeAudience::visibleColumns(const Table &table, const Caller &caller) const
{
    QStringList columns;
    for (const Field &field : table.fields) {
        if (!field.hidden || caller.isService())
            columns.append(field.name);
    }
    return columns;
}

} // namespace Runtime
