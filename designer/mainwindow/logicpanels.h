// SPDX-License-Identifier: GPL-3.0-or-later
// LogicPanels: the main window's Add Endpoint/Trigger/Schedule actions and the tabs of their editors.
#pragma once

#include "console/consolerequest.h"
#include "model/ids.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <vector>

class QAction;
class QTabWidget;

namespace Designer {

class EndpointEditor;
class PartEditor;
class ProjectDocument;
class ScheduleEditor;
class TriggerEditor;

/** Gives the main window its endpoints, triggers and schedules: the actions Add Endpoint, Add Trigger (on the
    selected table, else after sign-up) and Add Schedule (Edit menu, toolbar, project tree, a table's
    context menu), and a tab beside the diagram for each kind with the editor of the one selected. Selecting
    one (in the tree, or a problem of it) opens its tab; a tab goes when its part does. Owned by the main
    window, which hands it each document. */
class LogicPanels : public QObject
{
    Q_OBJECT

public:
    LogicPanels(QTabWidget *tabs, QObject *parent);
    ~LogicPanels() override;

    /** Follows \a document's selection; new editors are made for it. */
    void setDocument(ProjectDocument *document);
    /** Shows the editor of \a id (an endpoint, trigger or schedule), as selecting it alone would. */
    void open(const Runtime::ObjectId &id);

    QAction *addEndpointAction() const { return m_addEndpoint; }
    QAction *addTriggerAction() const { return m_addTrigger; }
    QAction *addScheduleAction() const { return m_addSchedule; }
    EndpointEditor *endpointEditor() const;
    TriggerEditor *triggerEditor() const;
    ScheduleEditor *scheduleEditor() const;

signals:
    /** An endpoint editor's "Try it": open \a request in the API console. */
    void tryItRequested(const Designer::ConsoleRequest &request);

private:
    struct Tab
    {
        PartEditor *editor = nullptr; // a child of the tabs, replaced with each document
        std::function<bool(const Runtime::ObjectId &)> owns;
    };

    void selectionChanged();
    void updateTabs();
    void addTrigger();

    QTabWidget *m_tabs;
    QPointer<ProjectDocument> m_document;
    QAction *m_addEndpoint = nullptr;
    QAction *m_addTrigger = nullptr;
    QAction *m_addSchedule = nullptr;
    std::vector<Tab> m_editors; ///< endpoint, trigger, schedule
};

} // namespace Designer
