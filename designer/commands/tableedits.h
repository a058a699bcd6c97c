// SPDX-License-Identifier: GPL-3.0-or-later
// Pure functions for the common edits of one table and the undo texts that go with them, so that every
// widget builds the same ChangeTable for the same edit.
#pragma once

#include "model/project.h"

#include <QList>
#include <QString>

#include <optional>

namespace Designer {

/** Returns \a table renamed to \a name. */
Runtime::Table renameTable(Runtime::Table table, const QString &name);
/** Returns \a table with the card colour \a color ("#rrggbb", or empty for the default). */
Runtime::Table setTableColor(Runtime::Table table, const QString &color);
/** Returns \a table with its rows scoped to the caller's organization (\a scoped) or not. */
Runtime::Table setTenantScoped(Runtime::Table table, bool scoped);
/** Returns \a table with Realtime \a on: its committed changes reach postgres_changes subscribers. */
Runtime::Table setRealtime(Runtime::Table table, bool on);

/** Returns \a table with a new last field of \a type, named `<type>_<n>` (e.g. "text_1"; "text_list_1"
    for text[]) so that the name is free in the table, with an id new in \a project. An enum field gets one value, "option_1". */
Runtime::Table addField(const Runtime::Project &project, Runtime::Table table, Runtime::FieldType type);
/** Returns \a table without the field \a fieldId; indexes lose the field, and indexes left empty go.
    A field that is the foreign key of a relationship is removed with RemoveRelationship instead
    (Runtime::Project::relationshipForField() tells). */
Runtime::Table removeField(Runtime::Table table, const Runtime::ObjectId &fieldId);
/** Returns \a table with the field that has \a field's id replaced by \a field. */
Runtime::Table changeField(Runtime::Table table, const Runtime::Field &field);
/** Returns \a table with the field at index \a from moved to index \a to; unchanged if either is out of
    range. */
Runtime::Table moveField(Runtime::Table table, int from, int to);

/** Returns \a table with the rule for \a role and \a operation set to \a expression (empty: everyone with
    the role), or removed when \a expression is nullopt (then only the service role may). A new rule gets
    an id new in \a project. */
Runtime::Table setPermissionRule(const Runtime::Project &project, Runtime::Table table, const QString &role,
    Runtime::Operation operation, const std::optional<QString> &expression);

/** Returns \a table with a new index over \a fieldIds (unique if \a unique, name generated), with an id
    new in \a project. */
Runtime::Table addIndex(const Runtime::Project &project, Runtime::Table table,
    const QList<Runtime::ObjectId> &fieldIds, bool unique);
/** Returns \a table without the index \a indexId. */
Runtime::Table removeIndex(Runtime::Table table, const Runtime::ObjectId &indexId);

// The translated undo texts of these edits. \a table is the table before the edit.
QString renameTableText(const Runtime::Table &table);
QString tableColorText(const Runtime::Table &table);
QString tenantScopedText(const Runtime::Table &table, bool scoped);
QString realtimeText(const Runtime::Table &table, bool on);
QString addFieldText(const Runtime::Table &table, const QString &fieldName);
QString removeFieldText(const Runtime::Table &table, const Runtime::ObjectId &fieldId);
QString changeFieldText(const Runtime::Table &table, const Runtime::ObjectId &fieldId);
QString moveFieldText(const Runtime::Table &table, int from);
QString permissionRuleText(const Runtime::Table &table, const QString &role, Runtime::Operation operation,
    const std::optional<QString> &expression);
QString addIndexText(const Runtime::Table &table);
QString removeIndexText(const Runtime::Table &table);

/** Returns the undo text that says what changed from \a before to \a after (one table), with the names as
    they are after: "Rename table products to items", "Rename field price to unit_price in products",
    "Make sku required in products", "Change the type of price in products to integer", ...; or \a fallback
    when the change is of another kind (several fields, indexes, rules). ChangeTable calls it as it is
    made and as it merges, so typing a name gives one step that names the old and the new name. */
QString changeTableText(const Runtime::Table &before, const Runtime::Table &after, const QString &fallback);

/** Returns the ChangeTable merge key for typing in \a property ("name", "description", ...) of the field
    \a fieldId: "field:<id>:<property>". */
QString fieldMergeKey(const Runtime::ObjectId &fieldId, const QString &property);

} // namespace Designer
