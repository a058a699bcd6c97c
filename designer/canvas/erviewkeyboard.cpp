// SPDX-License-Identifier: GPL-3.0-or-later
// ErView: the keyboard (arrows move cards, Tab walks them), the current table and its accessible description.
#include "erview.h"

#include "canvasaccessibility.h"
#include "document/projectdocument.h"
#include "erscene.h"
#include "relationshipitem.h"
#include "tableitem.h"

#include <QKeyEvent>
#include <QMetaMethod>

namespace Designer {

void ErView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Backspace) {
        const QList<Runtime::ObjectId> ids = m_scene->selectedIds();
        if (!ids.isEmpty()) {
            if (isSignalConnected(QMetaMethod::fromSignal(&ErView::deleteRequested)))
                emit deleteRequested(ids);
            else
                deleteSelection();
        }
        event->accept();
        return;
    }
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    if (event->matches(QKeySequence::Paste)) {
        paste();
        return;
    }
    if (event->matches(QKeySequence::ZoomIn)) {
        zoomIn();
        return;
    }
    if (event->matches(QKeySequence::ZoomOut)) {
        zoomOut();
        return;
    }
    if (moveSelectionByKey(event))
        return;
    QGraphicsView::keyPressEvent(event);
}

bool ErView::moveSelectionByKey(QKeyEvent *event)
{
    // Arrows move the selected cards (Shift: further), so the diagram can be laid out without a mouse;
    // repeated presses are one undo step, as a drag is.
    const qreal step = event->modifiers().testFlag(Qt::ShiftModifier) ? 50 : 10;
    QPointF delta;
    switch (event->key()) {
    case Qt::Key_Left: delta = {-step, 0}; break;
    case Qt::Key_Right: delta = {step, 0}; break;
    case Qt::Key_Up: delta = {0, -step}; break;
    case Qt::Key_Down: delta = {0, step}; break;
    default: return false;
    }
    ProjectDocument *document = m_scene->document();
    QHash<Runtime::ObjectId, QPointF> moved;
    for (const Runtime::ObjectId &id : m_scene->selectedIds()) {
        if (const Runtime::Table *table = document->project().table(id))
            moved.insert(id, table->position + delta);
    }
    if (moved.isEmpty())
        return false;
    document->moveCards(moved);
    event->accept();
    return true;
}

void ErView::updateAccessibleDescription()
{
    const Runtime::Project &project = m_scene->document()->project();
    QStringList tables;
    for (const Runtime::ObjectId &id : m_scene->document()->selection()) {
        if (const Runtime::Table *table = project.table(id))
            tables << table->name;
    }
    if (tables.isEmpty())
        setAccessibleDescription(tr("No table selected"));
    else if (tables.size() == 1)
        setAccessibleDescription(tr("Table %1 selected").arg(tables.constFirst()));
    else
        setAccessibleDescription(tr("%n table(s) selected: %1", nullptr, int(tables.size()))
                                     .arg(tables.join(QLatin1String(", "))));
}

Runtime::ObjectId ErView::currentTableId() const
{
    return m_scene->document()->project().table(m_currentTable) ? m_currentTable : Runtime::ObjectId();
}

void ErView::setCurrentTable(const Runtime::ObjectId &tableId)
{
    if (std::exchange(m_currentTable, tableId) != tableId && !tableId.isEmpty() && hasFocus())
        notifyCanvasFocusChanged(this, tableId);
}

void ErView::onSelectionChanged(const QList<Runtime::ObjectId> &ids)
{
    updateAccessibleDescription();
    notifyCanvasSelectionChanged(this, m_shownSelection, ids);
    m_shownSelection = ids;
    if (ids.contains(m_currentTable))
        return;
    // A click or the tree picked other tables: the focus goes with the first of them.
    const Runtime::Project &project = m_scene->document()->project();
    const auto first = std::find_if(
        ids.cbegin(), ids.cend(), [&project](const Runtime::ObjectId &id) { return project.table(id); });
    setCurrentTable(first == ids.cend() ? Runtime::ObjectId() : *first);
}

bool ErView::focusNextPrevChild(bool next)
{
    // Tab walks the cards in model order (the project tree's order) and selects each, so arrows, Delete
    // and the context menu act on it; past the last card it leaves the canvas, so the canvas is no trap.
    if (!hasFocus())
        return QGraphicsView::focusNextPrevChild(next);
    ProjectDocument *document = m_scene->document();
    const std::vector<Runtime::Table> &tables = document->project().tables;
    int index = document->project().tableIndex(currentTableId());
    if (index < 0)
        index = next ? -1 : int(tables.size());
    index += next ? 1 : -1;
    if (index < 0 || index >= int(tables.size())) {
        m_currentTable.clear();
        return QGraphicsView::focusNextPrevChild(next);
    }
    const Runtime::ObjectId id = tables[size_t(index)].id;
    m_currentTable = id;
    document->setSelection({id});
    if (TableItem *card = m_scene->tableItem(id))
        ensureVisible(card, 30, 30);
    notifyCanvasFocusChanged(this, id);
    return true;
}

void ErView::focusInEvent(QFocusEvent *event)
{
    QGraphicsView::focusInEvent(event);
    // Tabbing into the canvas starts before the first card (after the last one for Shift+Tab).
    if (event->reason() == Qt::TabFocusReason || event->reason() == Qt::BacktabFocusReason)
        m_currentTable.clear();
    else if (!currentTableId().isEmpty())
        notifyCanvasFocusChanged(this, m_currentTable);
}

} // namespace Designer
