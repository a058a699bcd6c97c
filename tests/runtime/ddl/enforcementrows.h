// SPDX-License-Identifier: GPL-3.0-or-later
// The rows of tst_ddl's enforcement tests: statements the generated schema must accept or reject.
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariantList>

/** One statement with its bound values. */
struct Statement
{
    QString sql;
    QVariantList values;
};
using Statements = QList<Statement>;

Q_DECLARE_METATYPE(Statement)
Q_DECLARE_METATYPE(Statements)

/** Adds the columns (input, setup, action, succeeds, query, result) and rows of the enforcement tests:
    the project whose schema is created, statements that must succeed first, the statement under test,
    whether it must succeed, and a query whose rows (joined by '|') must match the regular expression result.
 */
void addEnforcementRows();
