// SPDX-License-Identifier: GPL-3.0-or-later
// ErView: the view of an ErScene: zoom, rubber-band selection, deletion, palette drops, auto-arrange
// (keyboard and accessibility: erviewkeyboard.cpp).
#include "erview.h"

#include "autolayout.h"
#include "canvasaccessibility.h"
#include "commands/viewedits.h"
#include "document/projectdocument.h"
#include "erscene.h"
#include "relationshipitem.h"
#include "tableclipboard.h"
#include "tableitem.h"
#include "widgets/palettewidget.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QDragEnterEvent>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMetaMethod>
#include <QMimeData>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Designer {

namespace {

constexpr qreal ZoomStep = 1.25;
constexpr qreal MinZoom = 0.05;
constexpr qreal MaxZoom = 8;
constexpr int CandidateLines = 120; ///< Auto-Arrange compares this many lines' worth of layouts, at most 12

} // namespace

ErView::ErView(ErScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    installCanvasAccessibility(); // before anything asks for this view's accessible interface
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setViewportUpdateMode(SmartViewportUpdate);
    setTransformationAnchor(AnchorViewCenter);
    setResizeAnchor(AnchorViewCenter);
    setOptimizationFlags(DontSavePainterState);
    setAcceptDrops(true);
    viewport()->setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("ER diagram"));
    applyPalette();
    connect(scene->document(), &ProjectDocument::selectionChanged, this, &ErView::onSelectionChanged);
    onSelectionChanged(scene->document()->selection());
    m_emptyHint = new QLabel(viewport());
    m_emptyHint->setObjectName(QStringLiteral("canvasEmptyHint"));
    m_emptyHint->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setText(tr("This project has no tables yet.\nDrag a Table from the Palette or press Ctrl+T."));
    m_emptyHint->setForegroundRole(QPalette::PlaceholderText);
    QFont hintFont = m_emptyHint->font();
    hintFont.setPointSizeF(hintFont.pointSizeF() * 1.25);
    m_emptyHint->setFont(hintFont);
    connect(scene->document(), &ProjectDocument::changed, this, &ErView::updateEmptyHint);
    updateEmptyHint();
}

void ErView::updateEmptyHint()
{
    const Runtime::Project &project = m_scene->document()->project();
    m_emptyHint->setVisible(project.tables.empty() && project.views.empty());
    m_emptyHint->setGeometry(viewport()->rect().adjusted(24, 24, -24, -24));
}

void ErView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    updateEmptyHint();
}

qreal ErView::zoom() const
{
    return transform().m11();
}

void ErView::setZoom(qreal zoom)
{
    zoom = qBound(MinZoom, zoom, MaxZoom);
    if (qFuzzyCompare(zoom, this->zoom()))
        return;
    const qreal factor = zoom / this->zoom();
    scale(factor, factor);
    emit zoomChanged(this->zoom());
}

void ErView::zoomIn()
{
    setZoom(zoom() * ZoomStep);
}

void ErView::zoomOut()
{
    setZoom(zoom() / ZoomStep);
}

void ErView::resetZoom()
{
    setZoom(1);
}

void ErView::fitToWindow()
{
    const QRectF bounds = m_scene->itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (bounds.isEmpty())
        return;
    const qreal before = zoom();
    fitInView(bounds, Qt::KeepAspectRatio);
    if (zoom() > 1) {
        const qreal factor = 1 / zoom();
        scale(factor, factor);
    }
    centerOn(bounds.center());
    if (!qFuzzyCompare(before, zoom()))
        emit zoomChanged(zoom());
}

void ErView::autoArrange()
{
    ProjectDocument *document = m_scene->document();
    // A small diagram tries several layouts (fewer, the more lines it has: each costs a routing of every
    // line) and keeps the one whose lines, as drawn, cross least (the first wins a tie); a large one takes
    // dot's first, in time.
    const Runtime::Project &project = document->project();
    const int lines = int(project.relationships.size());
    const int count
        = lines > ErScene::SmallDiagram ? 1 : std::clamp(CandidateLines / std::max(1, lines), 2, 12);
    const std::vector<QHash<Runtime::ObjectId, QPointF>> candidates = arrangeTableCandidates(project, count);
    size_t best = 0;
    int fewest = std::numeric_limits<int>::max();
    for (size_t i = 0; count > 1 && i < candidates.size(); ++i) {
        const DiagramMeasures measures = m_scene->measureArrangement(candidates[i]);
        const int cost = measures.crossings + 1000 * measures.linesUnderCards;
        if (cost < fewest) {
            fewest = cost;
            best = i;
        }
    }
    const QHash<Runtime::ObjectId, QPointF> &arranged = candidates[best];
    QHash<Runtime::ObjectId, QPointF> changed;
    for (const Runtime::Table &table : document->project().tables) {
        if (arranged.value(table.id, table.position) != table.position)
            changed.insert(table.id, arranged.value(table.id));
    }
    if (!changed.isEmpty())
        document->moveCards(changed);
}

void ErView::deleteSelection(const QList<RuleUse> &rulesToRemove)
{
    m_scene->document()->remove(m_scene->selectedIds(), rulesToRemove);
}

Runtime::ObjectId ErView::addViewOf(const Runtime::ObjectId &tableId)
{
    ProjectDocument *document = m_scene->document();
    const Runtime::Project &project = document->project();
    const Runtime::Table *table = project.table(tableId);
    if (!table)
        return {};
    Runtime::View view = newView(project, tableId, {});
    const QSizeF size = cardSize(view.asTable(project), true);
    const QSizeF baseSize = cardSize(*table);
    view.position = freeCardPosition(project, table->position + QPointF(baseSize.width() + 80, 0), size,
        [this](const Runtime::ObjectId &id) { return cardSizeOf(id); });
    const Runtime::ObjectId id = view.id;
    document->addView(std::move(view));
    if (TableItem *card = m_scene->viewItem(id))
        ensureVisible(card);
    return id;
}

void ErView::addPaletteEntry(const QString &entry)
{
    const QPointF centre = mapToScene(viewport()->rect().center());
    if (entry.startsWith(QLatin1String("field:"))) {
        for (const Runtime::ObjectId &id : m_scene->document()->selection()) {
            if (TableItem *card = m_scene->tableItem(id)) {
                addEntryAt(entry, card->sceneBoundingRect().center());
                return;
            }
        }
    }
    addEntryAt(entry, centre);
}

void ErView::copySelection()
{
    QList<Runtime::ObjectId> tables;
    for (const Runtime::ObjectId &id : m_scene->selectedIds()) {
        if (m_scene->tableItem(id))
            tables << id;
    }
    if (!tables.isEmpty())
        QGuiApplication::clipboard()->setMimeData(copyTables(m_scene->document()->project(), tables));
}

void ErView::paste()
{
    ProjectDocument *document = m_scene->document();
    auto pasted = pasteTables(document->project(), QGuiApplication::clipboard()->mimeData(), QPointF(40, 40));
    if (!pasted)
        return; // nothing pasteable: the Paste action is simply without effect, as in text fields
    document->addTables(std::move(pasted->tables), std::move(pasted->relationships));
}

bool ErView::addEntryAt(const QString &entry, const QPointF &scenePos)
{
    ProjectDocument *document = m_scene->document();
    const Runtime::Project &project = document->project();
    std::optional<Runtime::FieldType> fieldType;
    if (entry.startsWith(QLatin1String("field:"))) {
        fieldType = Runtime::fieldTypeFromName(entry.mid(6));
        if (!fieldType)
            return false;
    } else if (entry == PaletteWidget::viewEntry()) {
        // A view of the table under the drop, else of the selected table, else of the first one.
        Runtime::ObjectId tableId = m_scene->cardAt(scenePos) ? m_scene->cardAt(scenePos)->tableId() : QString();
        for (const Runtime::ObjectId &id : document->selection()) {
            if (tableId.isEmpty() && project.table(id))
                tableId = id;
        }
        if (tableId.isEmpty() && !project.tables.empty())
            tableId = project.tables.front().id;
        return !addViewOf(tableId).isEmpty();
    } else if (entry != PaletteWidget::tableEntry()) {
        return false;
    }
    TableItem *card = fieldType ? m_scene->cardAt(scenePos) : nullptr;
    if (card && project.table(card->tableId()))
        return document->addField(card->tableId(), *fieldType);
    // The card's title under the drop point, or below the cards in the way.
    const QPointF topLeft = scenePos - QPointF(cardSizeOf({}).width() / 2, 16);
    document->addTable(topLeft, [this](const Runtime::ObjectId &id) { return cardSizeOf(id); }, fieldType);
    return true;
}

Runtime::ObjectId ErView::addTableAtCentre()
{
    ProjectDocument *document = m_scene->document();
    const QPointF centre = mapToScene(viewport()->rect().center());
    const Runtime::ObjectId id = document->addTable(centre - QPointF(cardSizeOf({}).width() / 2, 16),
        [this](const Runtime::ObjectId &cardId) { return cardSizeOf(cardId); });
    if (TableItem *card = m_scene->tableItem(id))
        ensureVisible(card);
    return id;
}

QSizeF ErView::cardSizeOf(const Runtime::ObjectId &id) const
{
    return m_scene->cardSizeOf(id);
}

void ErView::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier)) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const int delta = event->angleDelta().y();
    if (delta == 0)
        return;
    // AnchorUnderMouse reads QCursor::pos(); the event's own position also works for synthetic events.
    const QPoint cursor = event->position().toPoint();
    const QPointF under = mapToScene(cursor);
    setTransformationAnchor(NoAnchor);
    setZoom(zoom() * std::pow(ZoomStep, delta / 120.0));
    const QPointF shift = mapFromScene(under) - QPointF(cursor);
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + qRound(shift.x()));
    verticalScrollBar()->setValue(verticalScrollBar()->value() + qRound(shift.y()));
    setTransformationAnchor(AnchorViewCenter);
    event->accept();
}

void ErView::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(PaletteWidget::mimeType()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void ErView::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(PaletteWidget::mimeType()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void ErView::dropEvent(QDropEvent *event)
{
    const QString entry = PaletteWidget::entryFrom(event->mimeData());
    if (!entry.isEmpty() && addEntryAt(entry, mapToScene(event->position().toPoint())))
        event->acceptProposedAction();
    else
        event->ignore();
}

void ErView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QGraphicsView::changeEvent(event);
}

void ErView::applyPalette()
{
    m_scene->setPalette(palette());
    setBackgroundBrush(palette().color(QPalette::Window));
}

void ErView::contextMenuEvent(QContextMenuEvent *event)
{
    ProjectDocument *document = m_scene->document();
    QPoint at = event->globalPos();
    if (event->reason() == QContextMenuEvent::Mouse) {
        // A right click on a card or line that is not selected acts on that one, as in file managers.
        Runtime::ObjectId id;
        if (QGraphicsItem *item = itemAt(event->pos()); item && item->type() == TableItem::Type)
            id = static_cast<TableItem *>(item)->tableId();
        else if (item && item->type() == RelationshipItem::Type)
            id = static_cast<RelationshipItem *>(item)->relationshipId();
        if (!id.isEmpty() && !document->selection().contains(id))
            document->setSelection({id});
    } else if (TableItem *card = m_scene->tableItem(currentTableId())) {
        at = viewport()->mapToGlobal(mapFromScene(card->sceneBoundingRect().center()));
    }
    event->accept();
    QMenu menu(this);
    menu.addActions(actions());
    // A menu for one table gets what others offer for it (browse its data, try its API).
    const QList<Runtime::ObjectId> &selection = document->selection();
    if (selection.size() == 1 && document->project().table(selection.constFirst()))
        emit tableMenuAboutToShow(&menu, selection.constFirst());
    if (!menu.isEmpty())
        menu.exec(at);
}

} // namespace Designer
