// SPDX-License-Identifier: GPL-3.0-or-later
// Logic commands: add, change and remove an endpoint, a trigger, a schedule or a channel rule (AddPart,
// RemovePart, ChangePart).
#include "logiccommands.h"

#include "commandids.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace Designer {

namespace {
using Kind = ChangeEvent::Kind;

enum class Verb { Add, Delete, Change, Rename };

// One function per kind, so that lupdate sees every text whole.
QString commandText(Verb verb, const Runtime::Endpoint *, const QString &name, const QString &newName = {})
{
    switch (verb) {
    case Verb::Add:
        return QCoreApplication::translate("Commands", "Add endpoint %1").arg(name);
    case Verb::Delete:
        return QCoreApplication::translate("Commands", "Delete endpoint %1").arg(name);
    case Verb::Change:
        return QCoreApplication::translate("Commands", "Change endpoint %1").arg(name);
    case Verb::Rename:
        return QCoreApplication::translate("Commands", "Rename endpoint %1 to %2").arg(name, newName);
    }
    return {};
}

QString commandText(Verb verb, const Runtime::Trigger *, const QString &name, const QString &newName = {})
{
    switch (verb) {
    case Verb::Add:
        return QCoreApplication::translate("Commands", "Add trigger %1").arg(name);
    case Verb::Delete:
        return QCoreApplication::translate("Commands", "Delete trigger %1").arg(name);
    case Verb::Change:
        return QCoreApplication::translate("Commands", "Change trigger %1").arg(name);
    case Verb::Rename:
        return QCoreApplication::translate("Commands", "Rename trigger %1 to %2").arg(name, newName);
    }
    return {};
}

QString commandText(Verb verb, const Runtime::Schedule *, const QString &name, const QString &newName = {})
{
    switch (verb) {
    case Verb::Add:
        return QCoreApplication::translate("Commands", "Add schedule %1").arg(name);
    case Verb::Delete:
        return QCoreApplication::translate("Commands", "Delete schedule %1").arg(name);
    case Verb::Change:
        return QCoreApplication::translate("Commands", "Change schedule %1").arg(name);
    case Verb::Rename:
        return QCoreApplication::translate("Commands", "Rename schedule %1 to %2").arg(name, newName);
    }
    return {};
}

QString commandText(Verb verb, const Runtime::ChannelRule *, const QString &pattern, const QString &newPattern = {})
{
    switch (verb) {
    case Verb::Add:
        return QCoreApplication::translate("Commands", "Add channel rule %1").arg(pattern);
    case Verb::Delete:
        return QCoreApplication::translate("Commands", "Delete channel rule %1").arg(pattern);
    case Verb::Change:
        return QCoreApplication::translate("Commands", "Change channel rule %1").arg(pattern);
    case Verb::Rename:
        return QCoreApplication::translate("Commands", "Change the pattern of channel rule %1 to %2")
            .arg(pattern, newPattern);
    }
    return {};
}

// What names a part in undo texts: its name; a channel rule's pattern.
template <typename Part> QString partName(const Part &part)
{
    return part.name;
}
QString partName(const Runtime::ChannelRule &rule)
{
    return rule.pattern;
}
template <typename Part> void setPartName(Part &part, const QString &name)
{
    part.name = name;
}
void setPartName(Runtime::ChannelRule &rule, const QString &pattern)
{
    rule.pattern = pattern;
}

template <typename Part> std::vector<Part> &listOf(ProjectDocument *document)
{
    return partsOf(document->editableProject(), static_cast<const Part *>(nullptr));
}

template <typename Part> auto findIn(std::vector<Part> &parts, const Runtime::ObjectId &id)
{
    return std::find_if(parts.begin(), parts.end(), [&id](const Part &p) { return p.id == id; });
}
} // namespace

std::vector<Runtime::Endpoint> &partsOf(Runtime::Project &project, const Runtime::Endpoint *)
{
    return project.endpoints;
}

std::vector<Runtime::Trigger> &partsOf(Runtime::Project &project, const Runtime::Trigger *)
{
    return project.triggers;
}

std::vector<Runtime::Schedule> &partsOf(Runtime::Project &project, const Runtime::Schedule *)
{
    return project.schedules;
}

std::vector<Runtime::ChannelRule> &partsOf(Runtime::Project &project, const Runtime::ChannelRule *)
{
    return project.channelRules;
}

template <typename Part>
AddPart<Part>::AddPart(ProjectDocument *document, Part part, QUndoCommand *parent)
    : QUndoCommand(commandText(Verb::Add, &part, partName(part)), parent)
    , m_document(document)
    , m_part(std::move(part))
{ }

template <typename Part> void AddPart<Part>::redo()
{
    listOf<Part>(m_document).push_back(m_part);
    m_document->notify({Kind::ProjectChanged, {m_part.id}});
}

template <typename Part> void AddPart<Part>::undo()
{
    std::erase_if(listOf<Part>(m_document), [this](const Part &p) { return p.id == m_part.id; });
    m_document->notify({Kind::ProjectChanged, {m_part.id}});
}

template <typename Part>
RemovePart<Part>::RemovePart(ProjectDocument *document, const Runtime::ObjectId &id, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_id(id)
{
    auto &parts = listOf<Part>(document);
    const auto it = findIn(parts, id);
    setText(commandText(Verb::Delete, static_cast<const Part *>(nullptr), it != parts.end() ? partName(*it) : id));
}

template <typename Part> void RemovePart<Part>::redo()
{
    auto &parts = listOf<Part>(m_document);
    const auto it = findIn(parts, m_id);
    if (it == parts.end())
        return;
    m_index = size_t(it - parts.begin());
    m_removed = std::move(*it);
    parts.erase(it);
    m_document->notify({Kind::ProjectChanged, {m_id}});
}

template <typename Part> void RemovePart<Part>::undo()
{
    if (!m_removed)
        return;
    auto &parts = listOf<Part>(m_document);
    parts.insert(parts.begin() + qMin(m_index, parts.size()), std::move(*m_removed));
    m_removed.reset();
    m_document->notify({Kind::ProjectChanged, {m_id}});
}

template <typename Part>
ChangePart<Part>::ChangePart(
    ProjectDocument *document, Part after, const QString &mergeKey, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_after(std::move(after))
    , m_mergeKey(mergeKey)
{
    auto &parts = listOf<Part>(document);
    if (const auto it = findIn(parts, m_after.id); it != parts.end())
        m_before = *it;
    else
        setObsolete(true);
    setText(describe());
}

template <typename Part> QString ChangePart<Part>::describe() const
{
    Part renamed = m_before;
    setPartName(renamed, partName(m_after));
    const bool onlyRenamed = renamed == m_after && partName(m_before) != partName(m_after);
    return commandText(
        onlyRenamed ? Verb::Rename : Verb::Change, &m_after, partName(m_before), partName(m_after));
}

template <typename Part> void ChangePart<Part>::apply(const Part &part)
{
    auto &parts = listOf<Part>(m_document);
    const auto it = findIn(parts, part.id);
    if (it == parts.end())
        return;
    *it = part;
    m_document->notify({Kind::ProjectChanged, {part.id}});
}

template <typename Part> void ChangePart<Part>::redo()
{
    apply(m_after);
}

template <typename Part> void ChangePart<Part>::undo()
{
    apply(m_before);
}

template <typename Part> int ChangePart<Part>::id() const
{
    return int(CommandId::ChangeLogicPart);
}

template <typename Part> bool ChangePart<Part>::mergeWith(const QUndoCommand *other)
{
    // The id is shared by the three kinds: only a change of the same kind and object merges.
    const auto *change = dynamic_cast<const ChangePart<Part> *>(other);
    if (!change || m_mergeKey.isEmpty() || change->m_mergeKey != m_mergeKey
        || change->m_document != m_document || change->m_after.id != m_after.id)
        return false;
    m_after = change->m_after;
    setText(describe());
    setObsolete(m_after == m_before);
    return true;
}

template class AddPart<Runtime::Endpoint>;
template class RemovePart<Runtime::Endpoint>;
template class ChangePart<Runtime::Endpoint>;
template class AddPart<Runtime::Trigger>;
template class RemovePart<Runtime::Trigger>;
template class ChangePart<Runtime::Trigger>;
template class AddPart<Runtime::Schedule>;
template class RemovePart<Runtime::Schedule>;
template class ChangePart<Runtime::Schedule>;
template class AddPart<Runtime::ChannelRule>;
template class RemovePart<Runtime::ChannelRule>;
template class ChangePart<Runtime::ChannelRule>;

} // namespace Designer
