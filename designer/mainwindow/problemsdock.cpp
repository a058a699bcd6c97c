// SPDX-License-Identifier: GPL-3.0-or-later
// ProblemsDock: every message of the project validator, kept up to date while editing.
#include "problemsdock.h"

#include "document/projectdocument.h"
#include "io/projectvalidator.h"

#include <QHeaderView>
#include <QStyle>
#include <QTreeWidget>

namespace Designer {

ProblemsDock::ProblemsDock(QWidget *parent)
    : QDockWidget(tr("Problems"), parent)
{
    setObjectName(QStringLiteral("problemsDock"));
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("problemsList"));
    m_list->setHeaderLabels({tr("Severity"), tr("Path"), tr("Message")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->setToolTip(tr("Double-click a problem, or press Enter, to select the object concerned."));
    setWidget(m_list);
    connect(m_list, &QTreeWidget::itemActivated, this, &ProblemsDock::itemActivated);
    refresh();
}

void ProblemsDock::setDocument(ProjectDocument *document)
{
    if (m_document)
        m_document->disconnect(this);
    m_document = document;
    if (m_document)
        connect(m_document, &ProjectDocument::changed, this, &ProblemsDock::refresh);
    refresh();
}

int ProblemsDock::problemCount() const
{
    return m_count;
}

void ProblemsDock::refresh()
{
    m_list->clear();
    const QList<Runtime::Problem> problems
        = m_document ? Runtime::validateProject(m_document->project()) : QList<Runtime::Problem>();
    for (const Runtime::Problem &problem : problems) {
        const bool error = problem.severity == Runtime::Problem::Severity::Error;
        auto *item = new QTreeWidgetItem(m_list, {error ? tr("Error") : tr("Warning"), problem.path, problem.message});
        item->setIcon(0, style()->standardIcon(error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning));
        item->setData(0, Qt::UserRole, problem.objectId);
        item->setToolTip(2, problem.message);
    }
    m_count = int(problems.size());
    if (problems.isEmpty() && m_document) {
        auto *item = new QTreeWidgetItem(m_list, {QString(), QString(), tr("No problems found.")});
        item->setIcon(0, style()->standardIcon(QStyle::SP_DialogApplyButton));
        item->setFlags(Qt::ItemIsEnabled);
    }
    setWindowTitle(problems.isEmpty() ? tr("Problems") : tr("Problems (%n)", nullptr, int(problems.size())));
}

void ProblemsDock::itemActivated(QTreeWidgetItem *item)
{
    const QString id = item ? item->data(0, Qt::UserRole).toString() : QString();
    if (!id.isEmpty())
        emit objectActivated(id);
}

} // namespace Designer
