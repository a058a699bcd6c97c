// SPDX-License-Identifier: GPL-3.0-or-later
// The merge ids of the commands that merge (QUndoCommand::id()).
#pragma once

namespace Designer {

enum class CommandId : int {
    MoveTables = 1000, ///< consecutive moves of the same tables are one step
    ChangeTable, ///< consecutive changes with the same merge key (typing in one field) are one step
    ChangeRelationship,
    ChangeProjectProperties,
    ChangeView,
    ChangeFunction, ///< typing in one box of a function's editor (its code, name, description) is one step
    ChangeLogicPart, ///< typing in one box of an endpoint's, trigger's or schedule's editor is one step
};

} // namespace Designer
