// SPDX-License-Identifier: GPL-3.0-or-later
// Project-wide commands: ChangeSettings (and the project's name, description and roles).
#pragma once

#include "model/project.h"

#include <QUndoCommand>

namespace Designer {

class ProjectDocument;

/** The parts of a project outside its tables and relationships that the designer edits as one value. */
struct ProjectProperties
{
    QString name;
    QString description;
    Runtime::Settings settings;
    std::vector<Runtime::Role> roles;

    static ProjectProperties of(const Runtime::Project &project);
    bool operator==(const ProjectProperties &) const = default;
};

/** Replaces the project's name, description, settings and roles by \a after. Consecutive changes with the
    same non-empty \a mergeKey merge. */
class ChangeProjectProperties : public QUndoCommand
{
public:
    ChangeProjectProperties(ProjectDocument *document, ProjectProperties after, const QString &text,
        const QString &mergeKey = {}, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    ProjectDocument *m_document;
    ProjectProperties m_before;
    ProjectProperties m_after;
    QString m_mergeKey;
};

} // namespace Designer
