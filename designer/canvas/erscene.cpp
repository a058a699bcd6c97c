// SPDX-License-Identifier: GPL-3.0-or-later
// ErScene: the ER diagram of a ProjectDocument, kept in step with its changes and its selection (views:
// ersceneviews.cpp; routing the lines: erscenerouting.cpp).
#include "erscene.h"

#include "document/projectdocument.h"
#include "editors/logictexts.h"
#include "linerouter.h"
#include "relationshipitem.h"
#include "tableitem.h"

#include <QCoreApplication>
#include <QGraphicsLineItem>
#include <QGraphicsSceneMouseEvent>
#include <QMenu>

#include <algorithm>
#include <utility>

namespace Designer {

namespace {

/** The menu that follows a relationship drag: one sentence per way to relate the two tables, with what it
    makes beside it (and in full as its tool tip); what cannot be made is shown disabled with the reason. */
std::optional<int> askRelateOption(const std::vector<RelateOption> &options, const QPoint &screenPos)
{
    QMenu menu;
    menu.setObjectName(QStringLiteral("relateMenu"));
    menu.setToolTipsVisible(true);
    QList<QAction *> actions;
    for (const RelateOption &option : options) {
        QAction *action = menu.addAction(option.sentence + QLatin1Char('\t') + option.brief);
        action->setToolTip(option.effect);
        action->setEnabled(option.plan.has_value());
        actions << action;
    }
    // The most likely meaning comes first and is shown as the default.
    if (!actions.isEmpty() && actions.front()->isEnabled())
        menu.setDefaultAction(actions.front());
    QAction *chosen = menu.exec(screenPos);
    const qsizetype index = actions.indexOf(chosen);
    return index < 0 ? std::nullopt : std::optional<int>(int(index));
}

} // namespace

ErScene::ErScene(ProjectDocument *document, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
    , m_relateChooser(askRelateOption)
{
    // Cards move and are added all the time; a BSP tree costs more to keep than it saves at this size.
    setItemIndexMethod(NoIndex);
    connect(m_document, &ProjectDocument::changed, this, &ErScene::onDocumentChanged);
    connect(m_document, &ProjectDocument::selectionChanged, this, &ErScene::onDocumentSelectionChanged);
    connect(this, &QGraphicsScene::selectionChanged, this, &ErScene::onSceneSelectionChanged);
    rebuild();
}

ErScene::~ErScene()
{
    // Items are deleted by ~QGraphicsScene; don't let their selection changes reach the document.
    disconnect(this, &QGraphicsScene::selectionChanged, this, &ErScene::onSceneSelectionChanged);
    m_document->endCardDrag();
}

QList<Runtime::ObjectId> ErScene::selectedIds() const
{
    QList<Runtime::ObjectId> ids;
    const Runtime::Project &project = m_document->project();
    for (const Runtime::Table &table : project.tables) {
        if (TableItem *item = m_tables.value(table.id); item && item->isSelected())
            ids << table.id;
    }
    for (const Runtime::View &view : project.views) {
        if (TableItem *item = m_views.value(view.id); item && item->isSelected())
            ids << view.id;
    }
    for (const Runtime::Relationship &relationship : project.relationships) {
        if (RelationshipItem *item = m_relationships.value(relationship.id); item && item->isSelected())
            ids << relationship.id;
    }
    return ids;
}

QSizeF ErScene::cardSizeOf(const Runtime::ObjectId &id) const
{
    if (TableItem *card = m_tables.contains(id) ? m_tables.value(id) : m_views.value(id))
        return card->boundingRect().size();
    if (const Runtime::Table *table = m_document->project().table(id))
        return cardSize(*table);
    return QSizeF(220, 120); // a new card: a table with a few fields
}

void ErScene::rebuild()
{
    const bool wasSyncing = m_syncingSelection;
    m_syncingSelection = true;
    clear();
    m_linkPreview = nullptr;
    m_linkSource = nullptr;
    m_tables.clear();
    m_relationships.clear();
    m_linesByTable.clear();
    m_unrouted.clear();
    m_movedCards.clear();
    m_views.clear();
    m_viewLines.clear();
    const Runtime::Project &project = m_document->project();
    m_tables.reserve(qsizetype(project.tables.size()));
    for (const Runtime::Table &table : project.tables)
        addTableItem(table.id);
    syncRelationships();
    refreshCards();
    syncViews();
    m_syncingSelection = wasSyncing;
    onDocumentSelectionChanged(m_document->selection());
}

void ErScene::addTableItem(const Runtime::ObjectId &tableId)
{
    const Runtime::Table *table = m_document->project().table(tableId);
    if (!table || m_tables.contains(tableId))
        return;
    auto *item = new TableItem(*table);
    addItem(item);
    m_tables.insert(tableId, item);
}

void ErScene::onDocumentChanged(const ChangeEvent &event)
{
    using Kind = ChangeEvent::Kind;
    const Runtime::Project &project = m_document->project();
    switch (event.kind) {
    case Kind::Reset:
        rebuild();
        break;
    case Kind::TablesAdded:
        for (const Runtime::ObjectId &id : event.ids) {
            addTableItem(id);
            m_movedCards.insert(id); // lines under the new card go around it
        }
        syncRelationships();
        refreshCards();
        syncViews();
        break;
    case Kind::ViewsChanged:
        syncViews();
        break;
    case Kind::TablesAboutToBeRemoved:
        break;
    case Kind::ProjectChanged: // a trigger or its function may have changed
        syncTriggers();
        break;
    case Kind::TablesRemoved:
        for (const Runtime::ObjectId &id : event.ids) {
            if (TableItem *item = m_tables.take(id)) {
                removeItem(item);
                delete item;
            }
        }
        syncRelationships();
        refreshCards();
        syncViews();
        break;
    case Kind::TableChanged:
        for (const Runtime::ObjectId &id : event.ids) {
            if (TableItem *item = m_tables.value(id)) {
                refreshCard(item);
                m_movedCards.insert(id); // its size may have changed
                const auto lines = m_linesByTable.values(id);
                for (RelationshipItem *line : lines)
                    line->setLinks(
                        linksFor(line->relationship())); // a row or a required flag may have changed
            }
        }
        routePending();
        syncViews(); // a view's column takes the type of its field
        break;
    case Kind::TablesMoved: {
        // One routing after all the moves (Auto-Arrange moves every card at once).
        m_holdRouting = true;
        bool moved = false;
        for (const Runtime::ObjectId &id : event.ids) {
            TableItem *item = m_tables.value(id);
            const Runtime::Table *table = project.table(id);
            if (item && table && item->pos() != table->position) {
                item->setPos(table->position);
                moved = true;
            }
            const Runtime::View *view = project.view(id);
            if (TableItem *card = m_views.value(id); card && view && card->pos() != view->position)
                card->setPos(view->position);
        }
        m_holdRouting = false;
        // A small diagram routes every line afresh: a layout then always draws the same, however it came
        // back (undo, redo), and Auto-Arrange draws the lines it measured (measureArrangement()).
        if (moved && m_relationships.size() <= SmallDiagram) {
            for (RelationshipItem *line : std::as_const(m_relationships))
                m_unrouted.insert(line);
        }
        routePending();
        break;
    }
    case Kind::RelationshipsChanged:
        syncRelationships();
        refreshCards();
        syncViews();
        break;
    }
}

void ErScene::refreshCards()
{
    for (TableItem *item : std::as_const(m_tables))
        refreshCard(item);
    syncTriggers();
}

void ErScene::syncTriggers()
{
    const Runtime::Project &project = m_document->project();
    QHash<Runtime::ObjectId, QStringList> lines;
    for (const Runtime::Trigger &trigger : project.triggers) {
        if (!trigger.tableId.isEmpty())
            lines[trigger.tableId] << LogicTexts::triggerBadgeLine(project, trigger);
    }
    for (TableItem *item : std::as_const(m_tables))
        item->setTriggers(lines.value(item->tableId()));
}

void ErScene::refreshCard(TableItem *item)
{
    if (const Runtime::Table *table = m_document->project().table(item->tableId()))
        item->setTable(*table, m_foreignKeys.value(table->id), m_junctions.contains(table->id));
}

void ErScene::syncRelationships()
{
    const Runtime::Project &project = m_document->project();
    QSet<Runtime::ObjectId> present;
    m_foreignKeys.clear();
    m_junctions.clear();
    m_linesByTable.clear();
    for (const Runtime::Relationship &r : project.relationships) {
        present.insert(r.id);
        RelationshipItem *item = m_relationships.value(r.id);
        const bool created = !item;
        if (!item) {
            item = new RelationshipItem(r);
            addItem(item);
            m_relationships.insert(r.id, item);
        } else {
            item->setRelationship(r);
        }
        if (r.isManyToMany()) {
            m_junctions.insert(r.junctionTableId);
            m_foreignKeys[r.junctionTableId] << r.junctionFromFieldId << r.junctionToFieldId;
            m_linesByTable.insert(r.junctionTableId, item);
        } else {
            m_foreignKeys[r.toTableId] << r.foreignKeyFieldId;
        }
        m_linesByTable.insert(r.fromTableId, item);
        if (r.toTableId != r.fromTableId)
            m_linesByTable.insert(r.toTableId, item);
        // Only lines whose ends changed are routed again.
        const QList<RelationshipItem::Link> links = linksFor(r);
        if (created || links != item->links()) {
            item->setLinks(links);
            m_unrouted.insert(item);
        }
    }
    for (auto it = m_relationships.begin(); it != m_relationships.end();) {
        if (present.contains(it.key())) {
            ++it;
            continue;
        }
        m_unrouted.remove(it.value());
        removeItem(it.value());
        delete it.value();
        it = m_relationships.erase(it);
    }
    routePending();
}

QList<RelationshipItem::Link> ErScene::linksFor(const Runtime::Relationship &r) const
{
    const Runtime::Project &project = m_document->project();
    auto end = [&](const Runtime::ObjectId &tableId, const Runtime::ObjectId &fieldId) {
        return RelationshipItem::End {m_tables.value(tableId), fieldId};
    };
    auto primaryKey = [&](const Runtime::ObjectId &tableId) {
        const Runtime::Table *table = project.table(tableId);
        const Runtime::Field *pk = table ? table->primaryKey() : nullptr;
        return pk ? pk->id : Runtime::ObjectId();
    };
    if (r.isManyToMany()) {
        return {{end(r.fromTableId, primaryKey(r.fromTableId)), end(r.junctionTableId, r.junctionFromFieldId),
                    true, true},
            {end(r.toTableId, primaryKey(r.toTableId)), end(r.junctionTableId, r.junctionToFieldId), true,
                true}};
    }
    const Runtime::Table *to = project.table(r.toTableId);
    const Runtime::Field *fk = to ? to->field(r.foreignKeyFieldId) : nullptr;
    return {{end(r.fromTableId, primaryKey(r.fromTableId)), end(r.toTableId, r.foreignKeyFieldId),
        fk && fk->required, r.kind == Runtime::RelationshipKind::OneToMany}};
}

void ErScene::tableItemMoved(TableItem *item)
{
    m_movedCards.insert(item->tableId());
    routePending();
    updateViewLines(item->tableId());
}

void ErScene::onDocumentSelectionChanged(const QList<Runtime::ObjectId> &ids)
{
    if (m_syncingSelection)
        return;
    m_syncingSelection = true;
    const QSet<Runtime::ObjectId> selected(ids.cbegin(), ids.cend());
    for (auto it = m_tables.cbegin(); it != m_tables.cend(); ++it)
        it.value()->setSelected(selected.contains(it.key()));
    for (auto it = m_relationships.cbegin(); it != m_relationships.cend(); ++it)
        it.value()->setSelected(selected.contains(it.key()));
    for (auto it = m_views.cbegin(); it != m_views.cend(); ++it)
        it.value()->setSelected(selected.contains(it.key()));
    m_syncingSelection = false;
}

void ErScene::onSceneSelectionChanged()
{
    if (m_syncingSelection)
        return;
    m_syncingSelection = true;
    m_document->setSelection(selectedIds());
    m_syncingSelection = false;
}

void ErScene::pushDragMove()
{
    const Runtime::Project &project = m_document->project();
    QHash<Runtime::ObjectId, QPointF> positions;
    const auto selected = selectedItems();
    for (QGraphicsItem *graphicsItem : selected) {
        if (graphicsItem->type() != TableItem::Type)
            continue;
        auto *item = static_cast<TableItem *>(graphicsItem);
        const Runtime::Table *table = project.table(item->tableId());
        const Runtime::View *view = project.view(item->tableId());
        if ((table && table->position != item->pos()) || (view && view->position != item->pos()))
            positions.insert(item->tableId(), item->pos());
    }
    if (positions.isEmpty())
        return;
    // One undo step per drag: its moves merge inside it, and the next drag is a new step.
    m_document->beginCardDrag(positions.keys());
    m_document->moveCards(positions);
}

void ErScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    // Dragging several cards moves each of them: route their lines once, after all have moved.
    const bool wasHolding = std::exchange(m_holdRouting, true);
    QGraphicsScene::mouseMoveEvent(event);
    m_holdRouting = wasHolding;
    routePending();
    if ((event->buttons() & Qt::LeftButton) && !m_linkSource && mouseGrabberItem()
        && mouseGrabberItem()->type() == TableItem::Type)
        pushDragMove();
}

void ErScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsScene::mouseReleaseEvent(event);
    endDragMove();
}

void ErScene::endDragMove()
{
    m_document->endCardDrag();
}

TableItem *ErScene::cardAt(const QPointF &scenePos) const
{
    const auto under = items(scenePos);
    for (QGraphicsItem *item : under) {
        if (item->type() == TableItem::Type && !static_cast<TableItem *>(item)->isViewCard())
            return static_cast<TableItem *>(item);
    }
    return nullptr;
}

void ErScene::startLink(TableItem *item, int row, const QPointF &scenePos)
{
    m_linkSource = item;
    const std::vector<Runtime::Field> &fields = item->table().fields;
    m_linkFieldId = row >= 0 && size_t(row) < fields.size() ? fields[size_t(row)].id : Runtime::ObjectId();
    if (!m_linkPreview) {
        m_linkPreview = new QGraphicsLineItem;
        m_linkPreview->setZValue(10);
        addItem(m_linkPreview);
    }
    QPen pen(palette().color(QPalette::Highlight), 1.5, Qt::DashLine);
    m_linkPreview->setPen(pen);
    m_linkPreview->setLine(QLineF(scenePos, scenePos));
    m_linkPreview->show();
}

void ErScene::moveLink(const QPointF &scenePos)
{
    if (m_linkPreview)
        m_linkPreview->setLine(QLineF(m_linkPreview->line().p1(), scenePos));
}

void ErScene::finishLink(const QPointF &scenePos, const QPoint &screenPos)
{
    if (m_linkPreview)
        m_linkPreview->hide();
    TableItem *source = m_linkSource;
    m_linkSource = nullptr;
    TableItem *target = cardAt(scenePos);
    if (!source || !target || target == source)
        return;
    const std::vector<RelateOption> options
        = relateOptions(m_document->project(), source->tableId(), m_linkFieldId, target->tableId());
    const std::optional<int> chosen = m_relateChooser ? m_relateChooser(options, screenPos) : std::nullopt;
    if (!chosen || *chosen < 0 || size_t(*chosen) >= options.size() || !options[size_t(*chosen)].plan)
        return;
    // The option was planned a moment ago on the same project, so it can be made.
    const Runtime::Result<Runtime::ObjectId> related = m_document->relate(
        options[size_t(*chosen)].request, [this](const Runtime::ObjectId &id) { return cardSizeOf(id); });
    Q_ASSERT(related);
}

} // namespace Designer
