// SPDX-License-Identifier: GPL-3.0-or-later
// ChangeFilter: one condition of a postgres_changes filter (`column=op.value`), checked against a changed
// row.
#pragma once

#include "core/result.h"
#include "model/table.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace Runtime {

/** One condition of a binding's filter, `column=op.value` as realtime-js sends it (PostgREST's syntax). */
struct ChangeFilter
{
    enum class Op { Eq, Neq, Lt, Lte, Gt, Gte, In, Like, ILike, Is, Match, IMatch, IsDistinct };
    QString column;
    FieldType type = FieldType::Text;
    Op op = Op::Eq;
    bool negated = false; ///< `not.` before the operator
    QStringList values; ///< one value; the list of `in.(a,b)`
    QRegularExpression pattern; ///< like, ilike, match, imatch

    /** Returns the condition \a text of a filter on \a table, or InvalidBody naming what is wrong: not
        `column=op.value`, a column \a table does not have (or a hidden one, unless \a service), an operator
       that does not exist, a value its operator cannot take. */
    static Result<ChangeFilter> parse(const QString &text, const Table &table, bool service);

    /** Returns whether \a row (a whole row as the change feed gives it) passes. */
    bool matches(const QJsonObject &row) const;
};

/** Splits \a text at the commas outside parentheses and double quotes (a filter's conditions, an in-list). */
QStringList splitFilterList(const QString &text);

} // namespace Runtime
