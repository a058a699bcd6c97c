// SPDX-License-Identifier: GPL-3.0-or-later
// Row values: how RowRule reads, types and compares values as SQLite and PostgreSQL do (private).
#pragma once

#include "model/fieldtype.h"

#include <QJsonValue>
#include <QString>
#include <QStringView>
#include <QVariant>

#include <optional>
#include <variant>

namespace Runtime {
enum class DatabaseEngine;
}

namespace Runtime::RowValues {

/** SQL's truth values, plus Query: "one of the three, only the database knows which". */
enum class Truth { False, True, Null, Query };

/** A value as the SQL compares it: NULL, an integer, a number, a boolean or text. */
using Value = std::variant<std::monostate, qint64, double, bool, QString>;

/** How two operands compare, decided by their types when the rule is compiled. */
enum class Domain {
    Numeric, ///< integer and number columns: exactly, as bigint and numeric
    Boolean,
    Text, ///< text-like columns: by code point, or (PostgreSQL) by the database's collation
    Key, ///< uuid and date columns: by their canonical text, which orders them
    DateTime, ///< canonical text; PostgreSQL may hold microseconds the row does not show
    Untyped, ///< no column on either side: two bound values, typed by each engine its own way
    Query ///< JSON, arrays, unlike column types: only the database knows
};

enum class Op { Eq, Ne, Lt, Le, Gt, Ge };

/** Returns the operator of the SQL spelling \a op (=, <>, <, <=, >, >=). */
Op opFromSql(const QString &op);

/** Returns a bound parameter (RuleParameter::value()) as a Value. */
Value fromVariant(const QVariant &v);

/** Returns the value a row's \a json holds for a column of \a type, or nothing when it is not one the
    column can hold (then only the database knows). JSON and array columns give nothing unless NULL. */
std::optional<Value> fromJson(FieldType type, const QJsonValue &json);

/** Returns <0, 0, >0 comparing \a a and \a b in code point order (UTF-8 byte order). */
int compareText(QStringView a, QStringView b);

/** Returns how a comparison of operands of these types goes; a type is absent for a literal or a caller
    value (converted to the other side's column type when there is one). */
Domain domainOf(std::optional<FieldType> a, std::optional<FieldType> b);

/** The database values are compared for. */
struct Target
{
    DatabaseEngine engine;
    bool collatedText = false; ///< text is ordered by a collation only the database knows (not code point)
};

/** Returns \a a \a op \a b in \a domain as \a target's SQL answers it. */
Truth compare(Domain domain, Op op, const Value &a, const Value &b, const Target &target);

/** Returns SQL's NOT of \a t (NOT NULL is NULL). */
Truth notOf(Truth t);

} // namespace Runtime::RowValues
