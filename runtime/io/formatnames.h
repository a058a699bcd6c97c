// SPDX-License-Identifier: GPL-3.0-or-later
// The .basalt file format's names for model options that have no name table in the model itself.
#pragma once

#include "model/project.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace Runtime {

/** Returns "autoIncrement", "uuid" or "supplied" for \a kind; empty for PrimaryKeyKind::None. */
QString primaryKeyKindName(PrimaryKeyKind kind);
/** Returns the primary key kind named \a name, or nothing if no kind has that name. */
std::optional<PrimaryKeyKind> primaryKeyKindFromName(const QString &name);
QStringList primaryKeyKindNames();

/** Returns "createdAt" or "updatedAt" for \a kind; empty for AutoTimestamp::None. */
QString autoTimestampName(AutoTimestamp kind);
std::optional<AutoTimestamp> autoTimestampFromName(const QString &name);
QStringList autoTimestampNames();

/** Returns "now" or "uuid" for the function defaults (DefaultValue::Kind::Now, RandomUuid); empty otherwise.
 */
QString defaultFunctionName(DefaultValue::Kind kind);
std::optional<DefaultValue::Kind> defaultFunctionFromName(const QString &name);
QStringList defaultFunctionNames();

/** Return every name of the model's enumerations, in declaration order, for messages. */
QStringList operationNames();
QStringList relationshipKindNames();
QStringList deleteActionNames();
QStringList triggerEventNames();
QStringList triggerTimingNames();
QStringList callAccessNames();
QStringList parameterTypeNames();
QStringList parameterLocationNames();

/** The HTTP methods a custom endpoint may use, in the order of the file format documentation. */
QStringList endpointMethods();

/** The built-in roles a permission rule or endpoint may name besides the project's custom roles. */
QStringList ruleBuiltinRoles();
/** Every built-in role name, including service_role, which custom roles must not reuse. */
QStringList builtinRoleNames();

} // namespace Runtime
