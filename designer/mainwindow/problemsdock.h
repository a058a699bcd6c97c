// SPDX-License-Identifier: GPL-3.0-or-later
// ProblemsDock: every message of the project validator, kept up to date while editing.
#pragma once

#include "document/changeevent.h"
#include "model/ids.h"

#include <QDockWidget>
#include <QPointer>

class QTreeWidget;
class QTreeWidgetItem;

namespace Designer {

class ProjectDocument;

/** A dock listing what Runtime::validateProject() finds in the open project: severity icon, JSON path and
    message per row. Activating a row (double-click, Enter) emits objectActivated() with the id of the
    object concerned. Owned by the main window. */
class ProblemsDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit ProblemsDock(QWidget *parent = nullptr);

    /** Shows the problems of \a document (nullptr: none) and follows its changes. */
    void setDocument(ProjectDocument *document);
    /** Returns the number of problems shown. */
    int problemCount() const;

signals:
    void objectActivated(const Runtime::ObjectId &id);

private:
    void refresh();
    void itemActivated(QTreeWidgetItem *item);

    QPointer<ProjectDocument> m_document;
    QTreeWidget *m_list = nullptr;
    int m_count = 0;
};

} // namespace Designer
