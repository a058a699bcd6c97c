// SPDX-License-Identifier: GPL-3.0-or-later
// PropertiesDock: the editor of the selected object (a table or relationship editor, a summary otherwise).
#include "propertiesdock.h"

#include "document/projectdocument.h"
#include "editors/logictexts.h"
#include "editors/projecteditor.h"
#include "editors/relationshipeditor.h"
#include "editors/tableeditor.h"
#include "editors/vieweditor.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>

namespace Designer {

PropertiesDock::PropertiesDock(QWidget *parent)
    : QDockWidget(tr("Properties"), parent)
{
    setObjectName(QStringLiteral("propertiesDock"));
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("propertiesStack"));
    m_summary = new QLabel(m_stack);
    m_summary->setObjectName(QStringLiteral("propertiesSummary"));
    m_summary->setWordWrap(true);
    m_summary->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setMargin(8);
    m_stack->addWidget(m_summary);
    setWidget(m_stack);
    // Combo and spin boxes are made by every editor, also later ones: one filter sees them all.
    qApp->installEventFilter(this);
}

bool PropertiesDock::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::Wheel || !watched->isWidgetType())
        return QDockWidget::eventFilter(watched, event);
    auto *widget = static_cast<QWidget *>(watched);
    QWidget *box = nullptr;
    for (QWidget *w = widget; w && w != this; w = w->parentWidget()) {
        if (qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w)) {
            box = w;
            break;
        }
    }
    if (!box || box->hasFocus() || !isAncestorOf(box))
        return QDockWidget::eventFilter(watched, event);
    for (QWidget *w = box->parentWidget(); w && w != this; w = w->parentWidget()) {
        if (auto *scroll = qobject_cast<QAbstractScrollArea *>(w)) {
            QCoreApplication::sendEvent(scroll->viewport(), event);
            break;
        }
    }
    return true; // the value stays as it is
}

void PropertiesDock::setDocument(ProjectDocument *document)
{
    if (m_document)
        m_document->disconnect(this);
    m_document = document;
    if (m_tableEditor) {
        m_stack->removeWidget(m_tableEditor);
        m_tableEditor->deleteLater();
        m_tableEditor = nullptr;
        m_stack->removeWidget(m_relationshipEditor);
        m_relationshipEditor->deleteLater();
        m_relationshipEditor = nullptr;
        m_stack->removeWidget(m_viewScroll);
        m_viewScroll->deleteLater();
        m_viewScroll = nullptr;
        m_viewEditor = nullptr;
        m_stack->removeWidget(m_projectScroll);
        m_projectScroll->deleteLater();
        m_projectScroll = nullptr;
        m_projectEditor = nullptr;
    }
    if (m_document) {
        connect(m_document, &ProjectDocument::selectionChanged, this, &PropertiesDock::showSelection);
        connect(m_document, &ProjectDocument::changed, this, &PropertiesDock::showSelection);
        m_tableEditor = new TableEditor(m_document, m_stack);
        m_stack->addWidget(m_tableEditor);
        m_relationshipEditor = new RelationshipEditor(m_document, m_stack);
        m_stack->addWidget(m_relationshipEditor);
        m_viewScroll = new QScrollArea(m_stack);
        m_viewScroll->setObjectName(QStringLiteral("viewEditorScroll"));
        m_viewScroll->setWidgetResizable(true);
        m_viewScroll->setFrameShape(QFrame::NoFrame);
        m_viewEditor = new ViewEditor(m_document, m_viewScroll);
        m_viewScroll->setWidget(m_viewEditor);
        m_stack->addWidget(m_viewScroll);
        m_projectScroll = new QScrollArea(m_stack);
        m_projectScroll->setObjectName(QStringLiteral("projectEditorScroll"));
        m_projectScroll->setWidgetResizable(true);
        m_projectScroll->setFrameShape(QFrame::NoFrame);
        m_projectEditor = new ProjectEditor(m_document, m_projectScroll);
        m_projectScroll->setWidget(m_projectEditor);
        m_stack->addWidget(m_projectScroll);
    }
    showSelection();
}

void PropertiesDock::showSelection()
{
    if (!m_document || !m_tableEditor)
        return;
    const QList<Runtime::ObjectId> &ids = m_document->selection();
    const Runtime::ObjectId id = ids.size() == 1 ? ids.constFirst() : Runtime::ObjectId();
    if (!id.isEmpty() && m_document->project().table(id)) {
        if (m_tableEditor->tableId() != id)
            m_tableEditor->setTableId(id);
        m_relationshipEditor->setRelationshipId({});
        m_stack->setCurrentWidget(m_tableEditor);
        return;
    }
    m_tableEditor->setTableId({});
    if (!id.isEmpty() && m_document->project().relationship(id)) {
        if (m_relationshipEditor->relationshipId() != id)
            m_relationshipEditor->setRelationshipId(id);
        m_stack->setCurrentWidget(m_relationshipEditor);
        return;
    }
    m_relationshipEditor->setRelationshipId({});
    if (!id.isEmpty() && m_document->project().view(id)) {
        if (m_viewEditor->viewId() != id)
            m_viewEditor->setViewId(id);
        m_stack->setCurrentWidget(m_viewScroll);
        return;
    }
    m_viewEditor->setViewId({});
    if (ids.isEmpty()) {
        m_stack->setCurrentWidget(m_projectScroll);
        return;
    }
    if (id.isEmpty())
        m_summary->setText(tr("%n objects selected.", nullptr, int(ids.size())));
    else
        m_summary->setText(summaryOf(id));
    m_stack->setCurrentWidget(m_summary);
}

QString PropertiesDock::summaryOf(const Runtime::ObjectId &id) const
{
    const Runtime::Project &project = m_document->project();
    for (const Runtime::Role &role : project.roles) {
        if (role.id == id)
            return tr("Role %1\n\n%2").arg(role.name, role.description);
    }
    for (const Runtime::Endpoint &endpoint : project.endpoints) {
        if (endpoint.id == id)
            return tr("Endpoint %1\n\n%2\n\n%3")
                .arg(endpoint.name, LogicTexts::endpointSummary(endpoint), endpoint.description);
    }
    for (const Runtime::Trigger &trigger : project.triggers) {
        if (trigger.id == id)
            return tr("Trigger %1\n\n%2").arg(trigger.name, LogicTexts::triggerSummary(project, trigger));
    }
    for (const Runtime::Schedule &schedule : project.schedules) {
        if (schedule.id == id)
            return tr("Schedule %1\n\n%2\n\n%3")
                .arg(schedule.name, LogicTexts::scheduleSummary(schedule), schedule.description);
    }
    for (const Runtime::ScriptFunction &function : project.functions) {
        if (function.id == id)
            return tr("Function %1\n\n%2\n\nLines of code: %3")
                .arg(function.name, function.description)
                .arg(function.code.count(QLatin1Char('\n')) + 1);
    }
    return {};
}

} // namespace Designer
