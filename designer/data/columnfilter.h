// SPDX-License-Identifier: GPL-3.0-or-later
// ColumnFilter: what text typed into a column's filter field means, as a PostgREST filter.
#pragma once

#include "model/field.h"

#include <QCoreApplication>
#include <QString>

namespace Designer {

/** Translates the text typed into a filter field of the data browser's filter row into the PostgREST
    filter that RowsModel sends, and explains what can be typed. Stateless; all functions are static. */
class ColumnFilter
{
    // The context the texts had when they were part of RowsModel, so their translations still apply.
    Q_DECLARE_TR_FUNCTIONS(Designer::RowsModel)

public:
    /** Returns the PostgREST filter that \a text means for \a field, or empty if \a text is blank:
        "null" and "!null" test for NULL; a leading >=, <=, !=, <>, >, < or = compares with the rest;
        anything else is "contains, any case" (ilike.*text*) for text fields other than UUIDs and
        "equals" (eq.) for the others. E.g. "ann" → "ilike.*ann*", ">5" → "gt.5". */
    static QString expression(const Runtime::Field &field, const QString &text);

    /** Returns a user-facing explanation of what can be typed into a filter of \a field. */
    static QString help(const Runtime::Field &field);
};

} // namespace Designer
