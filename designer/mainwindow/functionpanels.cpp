// SPDX-License-Identifier: GPL-3.0-or-later
// FunctionPanels: the main window's Add Function action and the tab with the selected function's editor.
#include "functionpanels.h"

#include "document/projectdocument.h"
#include "editors/functioneditor.h"
#include "editors/scriptpane.h"

#include <Qsci/qsciscintilla.h>

#include <QAction>
#include <QTabWidget>

namespace Designer {

FunctionPanels::FunctionPanels(QTabWidget *tabs, QObject *parent)
    : QObject(parent)
    , m_tabs(tabs)
{
    m_addFunction = new QAction(QIcon::fromTheme(QStringLiteral("document-new")), tr("Add &Function"), this);
    m_addFunction->setObjectName(QStringLiteral("addFunctionAction"));
    m_addFunction->setToolTip(tr("Add a JavaScript function, for endpoints, triggers and schedules"));
    connect(m_addFunction, &QAction::triggered, this, [this]() {
        if (!m_document)
            return;
        m_document->addFunction(); // selects it, which opens its tab
        m_editor->scriptPane()->editor()->setFocus(Qt::OtherFocusReason); // a new function: write it
    });
}

void FunctionPanels::setDocument(ProjectDocument *document)
{
    if (m_document)
        m_document->disconnect(this);
    if (m_editor) {
        m_tabs->removeTab(m_tabs->indexOf(m_editor));
        m_editor->deleteLater();
        m_editor = nullptr;
    }
    m_document = document;
    if (!m_document)
        return;
    m_editor = new FunctionEditor(m_document, m_tabs);
    m_editor->setRunTarget(m_runTarget);
    m_editor->hide();
    connect(m_document, &ProjectDocument::selectionChanged, this, &FunctionPanels::selectionChanged);
    connect(m_document, &ProjectDocument::changed, this, &FunctionPanels::documentChanged);
    selectionChanged();
}

void FunctionPanels::setRunTarget(const RunTarget &target)
{
    m_runTarget = target;
    if (m_editor)
        m_editor->setRunTarget(target);
}

bool FunctionPanels::isTabOpen() const
{
    return m_editor && m_tabs->indexOf(m_editor) >= 0;
}

void FunctionPanels::selectionChanged()
{
    const QList<Runtime::ObjectId> &ids = m_document->selection();
    if (ids.size() != 1 || !m_document->function(ids.constFirst()))
        return; // the tab keeps the last function: selecting a table to look something up must not close it
    m_editor->setFunctionId(ids.constFirst());
    updateTab();
    m_tabs->setCurrentWidget(m_editor);
}

void FunctionPanels::documentChanged()
{
    if (m_editor && !m_document->function(m_editor->functionId()))
        m_editor->setFunctionId({});
    updateTab();
}

void FunctionPanels::updateTab()
{
    const Runtime::ScriptFunction *function = m_document ? m_document->function(m_editor->functionId()) : nullptr;
    const int index = m_tabs->indexOf(m_editor);
    if (!function) {
        if (index >= 0)
            m_tabs->removeTab(index);
        return;
    }
    const QString title = tr("Function %1").arg(function->name);
    if (index < 0) {
        m_tabs->addTab(m_editor, title);
        m_tabs->setTabToolTip(m_tabs->indexOf(m_editor), tr("The code of the function selected in the project tree"));
    } else if (m_tabs->tabText(index) != title) {
        m_tabs->setTabText(index, title);
    }
}

} // namespace Designer
