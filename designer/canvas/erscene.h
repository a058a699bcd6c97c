// SPDX-License-Identifier: GPL-3.0-or-later
// ErScene: the ER diagram of a ProjectDocument, kept in step with its changes and its selection.
#pragma once

#include "document/changeevent.h"
#include "model/relationship.h"
#include "commands/relateplans.h"
#include "diagrammeasures.h"
#include "relationshipitem.h"

#include <QGraphicsScene>
#include <QHash>
#include <QSet>

#include <functional>
#include <optional>

class QGraphicsLineItem;
class QGraphicsPathItem;

namespace Designer {

class ProjectDocument;
class TableItem;

/** The ER diagram of a document: one TableItem per table and one RelationshipItem per relationship; one
    TableItem in view style per view (see TableItem::setViewCard()) with a dashed line to its base table and
    to each table its related columns come from.
    Built from the document and updated incrementally from its changed() events (Reset rebuilds). The
    scene's selection and the document's selection follow each other. Moving cards with the mouse pushes
    MoveTables while dragging (merged; one undo step per drag); dragging from a row's handle onto another
    card offers the ways to relate the two tables in sentences (relateOptions(), the dragged field first as
    the foreign key) and makes the chosen one through ProjectDocument::relate(). Owned by whoever shows the document
    (usually the main window, as the ErView's scene); \a document must outlive it. */
class ErScene : public QGraphicsScene
{
    Q_OBJECT

public:
    /** Asks which of \a options to make near \a screenPos; returns its index, nothing cancels. */
    using RelateChooser
        = std::function<std::optional<int>(const std::vector<RelateOption> &options, const QPoint &screenPos)>;

    /** The most relationships of a small diagram: its lines are routed with more care (each again, avoiding
        all the others, then their sides chosen to cross least), and Auto-Arrange compares layouts. */
    static constexpr qsizetype SmallDiagram = 40;

    explicit ErScene(ProjectDocument *document, QObject *parent = nullptr);
    ~ErScene() override;

    ProjectDocument *document() const { return m_document; }
    TableItem *tableItem(const Runtime::ObjectId &tableId) const { return m_tables.value(tableId); }
    RelationshipItem *relationshipItem(const Runtime::ObjectId &id) const
    {
        return m_relationships.value(id);
    }
    QList<TableItem *> tableItems() const { return m_tables.values(); }
    /** Returns the card of the view \a viewId, or nullptr. */
    TableItem *viewItem(const Runtime::ObjectId &viewId) const { return m_views.value(viewId); }
    QList<TableItem *> viewItems() const { return m_views.values(); }
    /** Returns the dashed lines from the view \a viewId to the tables it reads (base table first). */
    QList<QGraphicsPathItem *> viewLines(const Runtime::ObjectId &viewId) const;
    QList<RelationshipItem *> relationshipItems() const { return m_relationships.values(); }
    /** Returns the topmost table card (not a view's) at \a scenePos, or nullptr. */
    TableItem *cardAt(const QPointF &scenePos) const;
    /** Returns the ids of the selected tables, views, then relationships, in model order. */
    QList<Runtime::ObjectId> selectedIds() const;

    /** Replaces the menu that asks what a dragged relationship means (tests choose programmatically). */
    void setRelateChooser(RelateChooser chooser) { m_relateChooser = std::move(chooser); }
    /** Returns the size of the card of a table or view id, or of a new table's card for an unknown id. */
    QSizeF cardSizeOf(const Runtime::ObjectId &id) const;

    /** Returns how the lines would read with the tables at \a positions (table id → top left; the others stay
        where they are): every line routed afresh, as routePending() draws them after such a move, and
        measured with measureDiagram(). Puts the cards and their lines back before it returns. For
        Auto-Arrange, to choose among layouts. */
    DiagramMeasures measureArrangement(const QHash<Runtime::ObjectId, QPointF> &positions);

    // Called by TableItem.
    void tableItemMoved(TableItem *item);
    /** Ends the undo step of a drag (the mouse was released or the grab was lost). */
    void endDragMove();
    void startLink(TableItem *item, int row, const QPointF &scenePos);
    void moveLink(const QPointF &scenePos);
    void finishLink(const QPointF &scenePos, const QPoint &screenPos);

protected:
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void rebuild();
    void onDocumentChanged(const Designer::ChangeEvent &event);
    void onDocumentSelectionChanged(const QList<Runtime::ObjectId> &ids);
    void onSceneSelectionChanged();
    void addTableItem(const Runtime::ObjectId &tableId);
    void syncViews();
    void updateViewLines(const Runtime::ObjectId &cardId = {});
    void syncRelationships();
    QList<RelationshipItem::Link> linksFor(const Runtime::Relationship &relationship) const;
    void refreshCards();
    /** Gives each table card the badge lines of its triggers. */
    void syncTriggers();
    void refreshCard(TableItem *item);
    /** Routes the lines of the cards moved or resized since the last call, the lines that such a card now
        covers and the lines whose ends changed (in a small diagram: each again, avoiding all the others,
        then chooseSides()); then spreads all lines in their channels and redraws those that changed. Does
        nothing while routing is held (a batch of moves). */
    void routePending();
    /** Moves the tables to \a positions at once and routes every line afresh. */
    void placeAndRouteAll(const QHash<Runtime::ObjectId, QPointF> &positions);
    /** In a small diagram: tries the other sides of the cards for the ends of each of \a lines, and keeps a
        choice when all the lines in \a ordered, as drawn (spread in their channels), then cross less. */
    void chooseSides(const QList<RelationshipItem *> &ordered, const QSet<RelationshipItem *> &lines);
    /** Returns the lines routePending() routes, and forgets what made them pending. */
    QSet<RelationshipItem *> linesToRoute();
    QList<QRectF> cardRects() const;
    void pushDragMove();

    ProjectDocument *m_document;
    QHash<Runtime::ObjectId, TableItem *> m_tables;
    QHash<Runtime::ObjectId, RelationshipItem *> m_relationships;
    QHash<Runtime::ObjectId, TableItem *> m_views;
    /** A view's dashed line to a table it reads. */
    struct ViewLine
    {
        QGraphicsPathItem *item;
        Runtime::ObjectId viewId;
        Runtime::ObjectId tableId;
    };
    QList<ViewLine> m_viewLines;
    QMultiHash<Runtime::ObjectId, RelationshipItem *> m_linesByTable;
    QHash<Runtime::ObjectId, QSet<Runtime::ObjectId>> m_foreignKeys; ///< table id → its foreign-key fields
    QSet<Runtime::ObjectId> m_junctions;
    QSet<RelationshipItem *> m_unrouted; ///< lines whose ends changed
    QSet<Runtime::ObjectId> m_movedCards; ///< cards moved or resized since the lines were routed
    bool m_holdRouting = false;
    RelateChooser m_relateChooser;
    QGraphicsLineItem *m_linkPreview = nullptr;
    TableItem *m_linkSource = nullptr;
    Runtime::ObjectId m_linkFieldId; ///< the field whose handle started the drag
    bool m_syncingSelection = false;
};

} // namespace Designer
