// SPDX-License-Identifier: GPL-3.0-or-later
// The SQL of a view: its SELECT over the model, built with the data API's own parser and SelectBuilder.
#pragma once

#include "core/result.h"
#include "model/project.h"
#include "query/apiquery.h"

#include <QString>

#include <memory>

namespace Runtime {

class SqlDialect;

/** Returns the filter of \a view parsed as the data API parses a query string (BadQuery with the parser's
    message and position), or BadQuery when it holds more than filters (select, order, limit, offset, or
    filters on embedded resources). An empty filter gives a query without conditions. */
Result<ApiQuery> parseViewFilter(const Project &project, const View &view);

/** Returns \a filter (a view's filter, a data-API query string) with every filter on the column \a from
    renamed to \a to, at the positions the data API's parser found them (parameter names and the columns
    inside or=/and= trees); values, operators and other columns stay as written. Returns the parser's
    BadQuery when \a filter does not parse (then nothing can be renamed safely). */
Result<QString> renameViewFilterColumn(const QString &filter, const QString &from, const QString &to);

/** Returns the SELECT that defines \a view in \a dialect: the base table's row as t0, each column a field
    of it or a scalar subquery through its to-one relationship, the filter compiled by SelectBuilder with its
    values written as literals (a view has no parameters). Returns UnknownTable, UnknownColumn,
    UnknownRelationship or BadQuery when the view does not fit \a project. */
Result<QString> viewSelect(const Project &project, const View &view, const SqlDialect &dialect);

/** Returns CREATE VIEW for \a view in \a dialect (see viewSelect()). */
Result<QString> createViewStatement(const Project &project, const View &view, const SqlDialect &dialect);

/** Returns \a project with each of its views appended to its tables as View::asTable() presents them: what
    the data API serves, so that reads, rules and OpenAPI treat a view as a (read-only) table. Returns
    \a project itself when it has no views. */
std::shared_ptr<const Project> withViewTables(std::shared_ptr<const Project> project);

} // namespace Runtime
