// SPDX-License-Identifier: GPL-3.0-or-later
// Bound values written into SQL text as literals, for the statements that cannot take parameters.
#pragma once

#include <QString>
#include <QVariantList>

#include <optional>

namespace Runtime {

class SqlDialect;

/** Returns \a sql with each `?` placeholder (outside quoted literals and identifiers) replaced by the
    matching value of \a params written as \a dialect's literal (strings quoted with their quotes doubled),
    or nothing when a value has a kind no filter binds or the counts differ. For what cannot be prepared
    with parameters: a view's definition, PostgreSQL's EXPLAIN. */
std::optional<QString> inlineParameters(const QString &sql, const QVariantList &params, const SqlDialect &dialect);

} // namespace Runtime
