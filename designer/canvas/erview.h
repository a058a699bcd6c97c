// SPDX-License-Identifier: GPL-3.0-or-later
// ErView: the view of an ErScene: zoom, rubber-band selection, deletion, palette drops, auto-arrange.
#pragma once

#include "commands/ruleedits.h"
#include "model/ids.h"

#include <QGraphicsView>

class QMenu;

class QLabel;

namespace Designer {

class ErScene;

/** Shows an ErScene. Ctrl+wheel zooms about the cursor; dragging on the background selects with a rubber
    band; palette entries (PaletteWidget) dropped on the background add a table there, and a field type
    dropped on a card adds a field to it. Delete emits deleteRequested() when something is connected to it
    (the main window warns about rows in the local database, then calls deleteSelection()); with nothing
    connected it deletes at once. Tab and Shift+Tab move the keyboard focus (and the selection) from card
    to card in model order and leave the canvas after the last one. The context menu (right click, the Menu
    key) shows the view's actions(). Its accessible interface (see installCanvasAccessibility()) lists the
    cards and lines; its accessible description names the selection. Paints with its palette.
    Owned by its parent widget; the scene is not owned. */
class ErView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit ErView(ErScene *scene, QWidget *parent = nullptr);

    ErScene *erScene() const { return m_scene; }
    /** Returns the current scale (1 is 100 %). */
    qreal zoom() const;
    /** Returns the table whose card has the keyboard focus (the last one reached with Tab or selected
        alone), or an empty id. */
    Runtime::ObjectId currentTableId() const;

public slots:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    /** Scales the diagram to the viewport (never above 100 %) and centres it. */
    void fitToWindow();
    /** Places every card with arrangeTables() as one undoable MoveTables. */
    void autoArrange();
    /** Removes the selected relationships, views and tables, and the rules \a rulesToRemove (one undo step:
        ProjectDocument::remove()). */
    void deleteSelection(const QList<RuleUse> &rulesToRemove = {});
    /** Adds the palette \a entry: a table at the view's centre, a view of the selected table (of the first
        table when none is), or a field to the selected table (to a new table at the view's centre when none
        is selected). */
    void addPaletteEntry(const QString &entry);
    /** Adds a new table (ProjectDocument::addTable()) at the centre of what the view shows, in free space,
        and scrolls to it. Returns its id. */
    Runtime::ObjectId addTableAtCentre();
    /** Returns the size of the card of the table or view \a id (an estimate for one not on the canvas yet). */
    QSizeF cardSizeOf(const Runtime::ObjectId &id) const;
    /** Adds a view of the table \a tableId (newView(): its visible fields, named `<table>_view`) in free
        space right of its card, as one AddView, and selects it. Returns the view's id (empty: no such
        table). */
    Runtime::ObjectId addViewOf(const Runtime::ObjectId &tableId);
    /** Puts the selected tables (and the relationships among them) on the clipboard as .basalt JSON. */
    void copySelection();
    /** Adds the tables on the clipboard with new ids and names, offset from the originals (one AddTables)
        and selects them. */
    void paste();

signals:
    /** The user asked to delete \a ids (tables and relationships). */
    void deleteRequested(const QList<Runtime::ObjectId> &ids);
    void zoomChanged(qreal zoom);
    /** The context menu \a menu for the one selected table \a tableId is about to show: add entries to it
        (connect directly; the menu lives only while it shows). */
    void tableMenuAboutToShow(QMenu *menu, const Runtime::ObjectId &tableId);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool focusNextPrevChild(bool next) override;
    void focusInEvent(QFocusEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void setZoom(qreal zoom);
    /** Moves the selected tables for an arrow key; returns false for other keys or no selected table. */
    bool moveSelectionByKey(QKeyEvent *event);
    void applyPalette();
    void updateAccessibleDescription();
    void onSelectionChanged(const QList<Runtime::ObjectId> &ids);
    void setCurrentTable(const Runtime::ObjectId &tableId);
    bool addEntryAt(const QString &entry, const QPointF &scenePos);

    /** Shows the first step on an empty canvas, and nothing once it has a card. */
    void updateEmptyHint();

    ErScene *m_scene;
    QLabel *m_emptyHint = nullptr; ///< over the viewport, transparent for the mouse (drops still land)
    Runtime::ObjectId m_currentTable;
    QList<Runtime::ObjectId> m_shownSelection; ///< the selection assistive technology was last told about
};

} // namespace Designer
