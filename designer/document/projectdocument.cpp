// SPDX-License-Identifier: GPL-3.0-or-later
// ProjectDocument: the open project, its file and its undo history.
#include "projectdocument.h"

#include "io/projectreader.h"
#include "io/projectwriter.h"

#include <QFileInfo>

namespace Designer {

ProjectDocument::ProjectDocument(std::unique_ptr<Runtime::Project> project, QObject *parent)
    : QObject(parent)
    , m_project(std::move(project))
{
    Q_ASSERT(m_project);
    connect(
        &m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
}

ProjectDocument::~ProjectDocument() = default;

Runtime::Result<std::unique_ptr<ProjectDocument>> ProjectDocument::load(const QString &fileName)
{
    Runtime::Result<std::unique_ptr<Runtime::Project>> project = Runtime::readProjectFile(fileName);
    if (!project)
        return project.error();
    auto document = std::make_unique<ProjectDocument>(std::move(project).value());
    document->m_fileName = QFileInfo(fileName).absoluteFilePath();
    return document;
}

Runtime::Result<void> ProjectDocument::save()
{
    return saveAs(m_fileName);
}

Runtime::Result<void> ProjectDocument::saveAs(const QString &fileName)
{
    if (fileName.isEmpty())
        return Runtime::Error(Runtime::ErrorCode::InvalidArgument, tr("The project has no file name yet."));
    Runtime::Result<void> saved = Runtime::saveProjectFile(*m_project, fileName);
    if (!saved)
        return saved;
    setFileName(QFileInfo(fileName).absoluteFilePath());
    m_undoStack.setClean();
    return saved;
}

QString ProjectDocument::displayName() const
{
    if (!m_project->name.isEmpty())
        return m_project->name;
    if (!m_fileName.isEmpty())
        return QFileInfo(m_fileName).fileName();
    return tr("Untitled");
}

void ProjectDocument::setSelection(const QList<Runtime::ObjectId> &ids)
{
    QList<Runtime::ObjectId> known;
    for (const Runtime::ObjectId &id : ids) {
        if (m_project->containsId(id) && !known.contains(id))
            known << id;
    }
    if (known == m_selection)
        return;
    m_selection = known;
    emit selectionChanged(m_selection);
}

void ProjectDocument::notify(const ChangeEvent &event)
{
    emit changed(event);
    QList<Runtime::ObjectId> remaining;
    for (const Runtime::ObjectId &id : std::as_const(m_selection)) {
        if (m_project->containsId(id))
            remaining << id;
    }
    if (remaining != m_selection) {
        m_selection = remaining;
        emit selectionChanged(m_selection);
    }
}

bool ProjectDocument::isModified() const
{
    return !m_undoStack.isClean();
}

void ProjectDocument::setFileName(const QString &fileName)
{
    if (fileName == m_fileName)
        return;
    m_fileName = fileName;
    emit fileNameChanged(m_fileName);
}

} // namespace Designer
