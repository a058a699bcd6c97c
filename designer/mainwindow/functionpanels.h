// SPDX-License-Identifier: GPL-3.0-or-later
// FunctionPanels: the main window's Add Function action and the tab with the selected function's editor.
#pragma once

#include "run/runtarget.h"

#include <QObject>
#include <QPointer>

class QAction;
class QTabWidget;

namespace Designer {

class FunctionEditor;
class ProjectDocument;

/** Gives the main window its functions: the Add Function action (Edit menu, toolbar, project tree) and a
    tab beside the diagram with the FunctionEditor of the selected function. Selecting one function (in
    the tree, or a problem of it) opens the tab; the tab goes when its function does. Owned by the main
    window, which hands it each document. */
class FunctionPanels : public QObject
{
    Q_OBJECT

public:
    FunctionPanels(QTabWidget *tabs, QObject *parent);

    /** Follows \a document's selection; a new editor is made for it. */
    void setDocument(ProjectDocument *document);

    QAction *addFunctionAction() const { return m_addFunction; }
    /** Returns the editor of the function tab (it exists while a document is open). */
    FunctionEditor *editor() const { return m_editor; }
    /** Returns true if the function tab is among the tabs. */
    bool isTabOpen() const;
    /** The running backend the editor's Run button calls (RunController::targetChanged). */
    void setRunTarget(const RunTarget &target);

private:
    void selectionChanged();
    void documentChanged();
    void updateTab();

    QTabWidget *m_tabs;
    QPointer<ProjectDocument> m_document;
    QAction *m_addFunction = nullptr;
    FunctionEditor *m_editor = nullptr; // a child of the tabs, replaced with each document
    RunTarget m_runTarget;
};

} // namespace Designer
