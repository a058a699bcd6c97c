// SPDX-License-Identifier: GPL-3.0-or-later
// LogicPanels: the main window's Add Endpoint/Trigger/Schedule actions and the tabs of their editors.
#include "logicpanels.h"

#include "document/projectdocument.h"
#include "editors/endpointeditor.h"
#include "editors/scheduleeditor.h"
#include "editors/triggereditor.h"

#include <QAction>
#include <QLineEdit>
#include <QTabWidget>

namespace Designer {

LogicPanels::LogicPanels(QTabWidget *tabs, QObject *parent)
    : QObject(parent)
    , m_tabs(tabs)
{
    m_addEndpoint = new QAction(tr("Add &Endpoint"), this);
    m_addEndpoint->setObjectName(QStringLiteral("addEndpointAction"));
    m_addEndpoint->setToolTip(tr("Add a custom endpoint below /api/, served by a function"));
    connect(m_addEndpoint, &QAction::triggered, this, [this]() {
        if (m_document)
            m_document->addEndpoint(); // selects it, which opens its tab
    });
    m_addTrigger = new QAction(tr("Add Tri&gger"), this);
    m_addTrigger->setObjectName(QStringLiteral("addTriggerAction"));
    m_addTrigger->setToolTip(tr("Run a function when rows of the selected table are written, or on sign-up"));
    connect(m_addTrigger, &QAction::triggered, this, &LogicPanels::addTrigger);
    m_addSchedule = new QAction(tr("Add &Schedule"), this);
    m_addSchedule->setObjectName(QStringLiteral("addScheduleAction"));
    m_addSchedule->setToolTip(tr("Run a function on a schedule (cron)"));
    connect(m_addSchedule, &QAction::triggered, this, [this]() {
        if (m_document)
            m_document->addSchedule();
    });
}

LogicPanels::~LogicPanels() = default;

EndpointEditor *LogicPanels::endpointEditor() const
{
    return m_editors.empty() ? nullptr : static_cast<EndpointEditor *>(m_editors[0].editor);
}

TriggerEditor *LogicPanels::triggerEditor() const
{
    return m_editors.empty() ? nullptr : static_cast<TriggerEditor *>(m_editors[1].editor);
}

ScheduleEditor *LogicPanels::scheduleEditor() const
{
    return m_editors.empty() ? nullptr : static_cast<ScheduleEditor *>(m_editors[2].editor);
}

void LogicPanels::setDocument(ProjectDocument *document)
{
    if (m_document)
        m_document->disconnect(this);
    for (const Tab &tab : m_editors) {
        m_tabs->removeTab(m_tabs->indexOf(tab.editor));
        tab.editor->deleteLater();
    }
    m_editors.clear();
    m_document = document;
    if (!m_document)
        return;
    auto *endpoints = new EndpointEditor(m_document, m_tabs);
    connect(endpoints, &EndpointEditor::tryItRequested, this, &LogicPanels::tryItRequested);
    m_editors.push_back(
        {endpoints, [document](const auto &id) { return document->endpoint(id) != nullptr; }});
    m_editors.push_back({new TriggerEditor(m_document, m_tabs),
        [document](const auto &id) { return document->trigger(id) != nullptr; }});
    m_editors.push_back({new ScheduleEditor(m_document, m_tabs),
        [document](const auto &id) { return document->schedule(id) != nullptr; }});
    for (const Tab &tab : m_editors)
        tab.editor->hide();
    connect(m_document, &ProjectDocument::selectionChanged, this, &LogicPanels::selectionChanged);
    connect(m_document, &ProjectDocument::changed, this, &LogicPanels::updateTabs);
    selectionChanged();
}

void LogicPanels::addTrigger()
{
    if (!m_document)
        return;
    const QList<Runtime::ObjectId> &selection = m_document->selection();
    Runtime::ObjectId tableId;
    for (const Runtime::ObjectId &id : selection) {
        if (m_document->project().table(id)) {
            tableId = id;
            break;
        }
    }
    if (tableId.isEmpty() && !selection.isEmpty()) {
        if (const Runtime::Trigger *trigger = m_document->trigger(selection.constFirst()))
            tableId = trigger->tableId; // another trigger on the same table
    }
    m_document->addTrigger(tableId);
}

void LogicPanels::selectionChanged()
{
    const QList<Runtime::ObjectId> &ids = m_document->selection();
    if (ids.size() == 1)
        open(ids.constFirst()); // otherwise the tabs keep their parts: selecting a table must not close them
}

void LogicPanels::open(const Runtime::ObjectId &id)
{
    for (const Tab &tab : m_editors) {
        if (!tab.owns(id))
            continue;
        tab.editor->setPartId(id);
        updateTabs();
        m_tabs->setCurrentWidget(tab.editor);
    }
}

void LogicPanels::updateTabs()
{
    for (const Tab &tab : m_editors) {
        if (!tab.owns(tab.editor->partId()))
            tab.editor->setPartId({});
        const QString title = tab.editor->title();
        const int index = m_tabs->indexOf(tab.editor);
        if (title.isEmpty()) {
            if (index >= 0)
                m_tabs->removeTab(index);
        } else if (index < 0) {
            m_tabs->addTab(tab.editor, title);
        } else if (m_tabs->tabText(index) != title) {
            m_tabs->setTabText(index, title);
        }
    }
}

} // namespace Designer
