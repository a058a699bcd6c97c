// SPDX-License-Identifier: GPL-3.0-or-later
// Logic commands: add, change and remove an endpoint, a trigger, a schedule or a channel rule (AddPart,
// RemovePart, ChangePart).
#pragma once

#include "model/project.h"

#include <QUndoCommand>

#include <optional>

namespace Designer {

class ProjectDocument;

/** Adds \a part (an Endpoint, Trigger, Schedule or ChannelRule), appended to its list. Undo removes it
    again. Event: ProjectChanged with its id. Text: "Add endpoint %1" (trigger, schedule, channel rule: its
    pattern stands for its name). */
template <typename Part> class AddPart : public QUndoCommand
{
public:
    AddPart(ProjectDocument *document, Part part, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    Part m_part;
};

/** Removes the endpoint, trigger or schedule \a id; undo puts it back at its former index, so the saved file
    is byte for byte the same. Event: ProjectChanged with its id. Text: "Delete endpoint %1" (...). */
template <typename Part> class RemovePart : public QUndoCommand
{
public:
    RemovePart(ProjectDocument *document, const Runtime::ObjectId &id, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    Runtime::ObjectId m_id;
    size_t m_index = 0;
    std::optional<Part> m_removed; ///< held while removed
};

/** Replaces the endpoint, trigger or schedule with \a after's id by \a after. Consecutive ChangeParts of the
    same object with the same non-empty \a mergeKey merge into one step (typing in one box). Becomes
    obsolete when merged back to where it started. Event: ProjectChanged with its id.
    Text: "Rename endpoint %1 to %2" or "Change endpoint %1" (trigger, schedule; a channel rule's new
    pattern: "Change the pattern of channel rule %1 to %2"). */
template <typename Part> class ChangePart : public QUndoCommand
{
public:
    ChangePart(
        ProjectDocument *document, Part after, const QString &mergeKey = {}, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    /** Returns the undo text: a rename when only the name differs, else a change. */
    QString describe() const;
    void apply(const Part &part);

    ProjectDocument *m_document;
    Part m_before;
    Part m_after;
    QString m_mergeKey;
};

using AddEndpoint = AddPart<Runtime::Endpoint>;
using RemoveEndpoint = RemovePart<Runtime::Endpoint>;
using ChangeEndpoint = ChangePart<Runtime::Endpoint>;
using AddTrigger = AddPart<Runtime::Trigger>;
using RemoveTrigger = RemovePart<Runtime::Trigger>;
using ChangeTrigger = ChangePart<Runtime::Trigger>;
using AddSchedule = AddPart<Runtime::Schedule>;
using RemoveSchedule = RemovePart<Runtime::Schedule>;
using ChangeSchedule = ChangePart<Runtime::Schedule>;
using AddChannelRule = AddPart<Runtime::ChannelRule>;
using RemoveChannelRule = RemovePart<Runtime::ChannelRule>;
using ChangeChannelRule = ChangePart<Runtime::ChannelRule>;

/** Returns the list of \a project that holds parts of type Part (its endpoints, triggers or schedules). */
std::vector<Runtime::Endpoint> &partsOf(Runtime::Project &project, const Runtime::Endpoint *);
std::vector<Runtime::Trigger> &partsOf(Runtime::Project &project, const Runtime::Trigger *);
std::vector<Runtime::Schedule> &partsOf(Runtime::Project &project, const Runtime::Schedule *);
std::vector<Runtime::ChannelRule> &partsOf(Runtime::Project &project, const Runtime::ChannelRule *);

/** Returns the part of \a project with \a id, or nullptr (valid until the next change). */
template <typename Part> const Part *findPart(const Runtime::Project &project, const Runtime::ObjectId &id)
{
    const auto &parts = partsOf(const_cast<Runtime::Project &>(project), static_cast<const Part *>(nullptr));
    const auto it = std::find_if(parts.begin(), parts.end(), [&id](const Part &p) { return p.id == id; });
    return it != parts.end() ? &*it : nullptr;
}

} // namespace Designer
