// SPDX-License-Identifier: GPL-3.0-or-later
// Stable object ids: every model object has one, and references between objects use them.
#pragma once

#include <QString>

namespace Runtime {

/** A stable id such as "tbl_products" or "fld_k3x9q2mw". Never changes when the object is renamed. */
using ObjectId = QString;

/** Returns true if \a id is a valid object id: 1 to 64 ASCII letters, digits, '_' or '-'. */
bool isValidObjectId(const QString &id);

} // namespace Runtime
