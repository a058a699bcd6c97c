// SPDX-License-Identifier: GPL-3.0-or-later
// Project-wide commands: ChangeProjectProperties.
#include "projectcommands.h"

#include "commandids.h"
#include "document/projectdocument.h"

namespace Designer {

ProjectProperties ProjectProperties::of(const Runtime::Project &project)
{
    return {project.name, project.description, project.settings, project.roles};
}

namespace {
void applyProperties(ProjectDocument *document, const ProjectProperties &properties)
{
    Runtime::Project &project = document->editableProject();
    project.name = properties.name;
    project.description = properties.description;
    project.settings = properties.settings;
    project.roles = properties.roles;
    document->notify({ChangeEvent::Kind::ProjectChanged, {}});
}
} // namespace

ChangeProjectProperties::ChangeProjectProperties(ProjectDocument *document, ProjectProperties after,
    const QString &text, const QString &mergeKey, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_before(ProjectProperties::of(document->project()))
    , m_after(std::move(after))
    , m_mergeKey(mergeKey)
{ }

void ChangeProjectProperties::redo()
{
    applyProperties(m_document, m_after);
}

void ChangeProjectProperties::undo()
{
    applyProperties(m_document, m_before);
}

int ChangeProjectProperties::id() const
{
    return int(CommandId::ChangeProjectProperties);
}

bool ChangeProjectProperties::mergeWith(const QUndoCommand *other)
{
    const auto *change = static_cast<const ChangeProjectProperties *>(other);
    if (m_mergeKey.isEmpty() || change->m_mergeKey != m_mergeKey || change->m_document != m_document)
        return false;
    m_after = change->m_after;
    setObsolete(m_after == m_before);
    return true;
}

} // namespace Designer
