// SPDX-License-Identifier: GPL-3.0-or-later
// WithheldChange: a committed change a realtime subscriber's bindings matched but its rules withheld, and
// why.
#pragma once

#include "auth/caller.h"
#include "model/project.h"
#include "storage/database.h"
#include "storage/recordchange.h"

#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Runtime {

/** A diagnostic, never sent to a client: a committed change that matched postgres_changes bindings of a
    channel but was not sent to it, and which rule withheld it. The server tells a subscriber nothing about
    what it may not see; the designer's realtime inspector reads these from its own in-process server
    (RealtimeHub::changeWithheld()) to say why an expected event did not come. A plain value. */
struct WithheldChange
{
    enum class Reason {
        RulesInvalid, ///< the project's select rules do not compile: only the service role gets changes
        NoRule, ///< no select rule on the table for any of the subscriber's roles
        RuleFalse, ///< the select rules of the subscriber's roles are false (or NULL) for the row
        TenantScope, ///< the row belongs to another tenant (organization_id)
        DeletedNeedsQuery, ///< a rule needs the database (a path) and a deleted row cannot be read back
        ReadBackEmpty, ///< the row, read back as the subscriber with its rules, did not come back
    };

    QList<qint64> bindingIds; ///< the channel's bindings the change matched
    QString topic;
    QString table;
    RecordOperation operation = RecordOperation::Insert;
    QJsonValue key; ///< the row's primary key
    Reason reason = Reason::RuleFalse;
    QStringList roles; ///< the subscriber's rule roles (Caller::ruleRoles())
    QStringList rules; ///< the select rules of those roles on the table, "role: expression"

    /** Returns why \a caller was not sent the change of \a row (the new row; the old one for a DELETE, when
        \a stored is false) of \a table, a table of \a project whose rules ChangeAudience applied for a
        database of \a engine. Fills reason, roles and rules; the caller fills the rest. Evaluates the rules
        again: meant for diagnostics, not for every change. */
    static WithheldChange explain(const Project &project, DatabaseEngine engine, const Table &table,
        const QJsonObject &row, const Caller &caller, bool stored);
};

} // namespace Runtime

Q_DECLARE_METATYPE(Runtime::WithheldChange)
