// SPDX-License-Identifier: GPL-3.0-or-later
// Project: the whole backend design that the designer edits, the file stores and the runtime serves.
#pragma once

#include "channelrule.h"
#include "projectparts.h"
#include "relationship.h"
#include "table.h"
#include "view.h"

#include <vector>

namespace Runtime {

/** The root of the model. Plain C++ value type: no QObject, no signals. The designer's ProjectDocument
    owns one and changes it only through undo commands; the runtime serves a copy. Objects are held by
    value, so pointers returned by the lookups are valid only until the next change. */
class Project
{
public:
    /** The file format version this build reads and writes. */
    static constexpr int FormatVersion = 1;

    QString name;
    QString description;
    std::vector<Table> tables;
    std::vector<Relationship> relationships;
    std::vector<View> views;
    std::vector<Role> roles;
    std::vector<Endpoint> endpoints;
    std::vector<ScriptFunction> functions;
    std::vector<Trigger> triggers;
    std::vector<Schedule> schedules;
    std::vector<Integration> integrations;
    std::vector<ChannelRule> channelRules; ///< who may use which private realtime channels
    Settings settings;

    const Table *table(const ObjectId &id) const;
    Table *table(const ObjectId &id);
    const Table *tableByName(const QString &name) const;
    /** Returns the custom role named \a name, or nullptr (built-in roles are not in roles). */
    const Role *roleByName(const QString &name) const;
    /** Returns the position of the table with \a id in tables, or -1. */
    int tableIndex(const ObjectId &id) const;
    const View *view(const ObjectId &id) const;
    /** Returns the view named \a name, or nullptr. Views and tables share one namespace. */
    const View *viewByName(const QString &name) const;
    const Relationship *relationship(const ObjectId &id) const;
    const ScriptFunction *function(const ObjectId &id) const;
    /** Returns the function named \a name, or nullptr. */
    const ScriptFunction *functionByName(const QString &name) const;
    /** Returns the relationships in which the table \a tableId takes part, as from, to or junction. */
    std::vector<const Relationship *> relationshipsOf(const ObjectId &tableId) const;
    /** Returns the relationship whose foreign key (or junction field) is \a fieldId, or nullptr. */
    const Relationship *relationshipForField(const ObjectId &fieldId) const;
    /** Returns true if \a tableId is the junction table of a many-to-many relationship. */
    bool isJunctionTable(const ObjectId &tableId) const;

    /** Returns the channel rule with \a id, or nullptr. */
    const ChannelRule *channelRule(const ObjectId &id) const;

    /** Returns true if any object of the project has the id \a id. */
    bool containsId(const ObjectId &id) const;
    /** Returns a new id, unique in this project, made of \a prefix, '_' and eight random characters. */
    ObjectId newId(const QString &prefix) const;

    bool operator==(const Project &) const = default;
};

} // namespace Runtime
