// SPDX-License-Identifier: GPL-3.0-or-later
// The project, rows and callers of the RowRule tests: one table with a field of each type, and a related one.
#pragma once

#include "auth/caller.h"
#include "model/project.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <memory>

namespace RowRulesTest {

inline const QString s_userA = QStringLiteral("aaaaaaaa-0000-4000-8000-00000000000a");
inline const QString s_userB = QStringLiteral("bbbbbbbb-0000-4000-8000-00000000000b");
inline const QString s_orgA = QStringLiteral("0a0a0a0a-0000-4000-8000-000000000001");
inline const QString s_orgB = QStringLiteral("0b0b0b0b-0000-4000-8000-000000000002");

/** Returns the project: `groups` (id, owner_id uuid) 1 → N `things` (through group_id) with id, owner_id
    uuid, organization_id uuid, name text, email email, kind enum, level integer, score number, flag
    boolean, day date, at datetime, meta json, tags text[], created_at and updated_at (stamped), secret
    hidden text; no rules yet; and the users
    table `profiles`, whose organization_id, level, admin and tag are the claims. */
std::shared_ptr<Runtime::Project> project();

/** Returns \a base with the select rules of `things` replaced by \a rules ("role: expression" each, an
    empty expression after the colon for "everyone") and its tenant scope set to \a tenantScoped. */
std::shared_ptr<const Runtime::Project> withRules(
    const Runtime::Project &base, const QStringList &rules, bool tenantScoped = false);

/** Returns the rows of `groups` to insert: group 1 owned by s_userA, group 2 by s_userB. */
QJsonArray groupRows();
/** Returns the rows of `things` to insert (without id): NULLs, edge numbers, unicode and case variants. */
QJsonArray thingRows();

/** Returns the caller named \a name: anon, service, a (s_userA, claims of org A), b (s_userB, odd claims),
    editor (custom role), bare (signed in, no email, no claims), big (claims at the numbers' limits). */
Runtime::Caller caller(const QString &name);
/** Returns every name caller() knows. */
QStringList callerNames();

} // namespace RowRulesTest
