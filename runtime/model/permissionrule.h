// SPDX-License-Identifier: GPL-3.0-or-later
// PermissionRule: who may do what to a table's rows.
#pragma once

#include "ids.h"

#include <QString>

#include <optional>

namespace Runtime {

enum class Operation { Select, Insert, Update, Delete };

QString operationName(Operation op);
std::optional<Operation> operationFromName(const QString &name);

/** A rule for one role and one operation on its table. No rule for a (role, operation) pair means only
    the service role may do it; an empty expression means everyone with that role may; otherwise the
    expression decides row by row (compiled to SQL by runtime/rules). Owned by value by its Table. */
struct PermissionRule
{
    ObjectId id;
    QString role; ///< "anon", "authenticated" or the name of a custom Role
    Operation operation = Operation::Select;
    QString expression;

    bool operator==(const PermissionRule &) const = default;
};

} // namespace Runtime
