// SPDX-License-Identifier: GPL-3.0-or-later
// ErView: the view of an ErScene: zoom, rubber-band selection, deletion, palette drops, auto-arrange.
#pragma once

#include "model/ids.h"

#include <QGraphicsView>

namespace Designer {

class ErScene;

/** Shows an ErScene. Ctrl+wheel zooms about the cursor; dragging on the background selects with a rubber
    band; palette entries (PaletteWidget) dropped on the background add a table there, and a field type
    dropped on a card adds a field to it. Delete emits deleteRequested() when something is connected to it
    (the main window warns about rows in the local database, then calls deleteSelection()); with nothing
    connected it deletes at once. Its accessible description names the selection. Paints with its palette.
    Owned by its parent widget; the scene is not owned. */
class ErView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit ErView(ErScene *scene, QWidget *parent = nullptr);

    ErScene *erScene() const { return m_scene; }
    /** Returns the current scale (1 is 100 %). */
    qreal zoom() const;

public slots:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    /** Scales the diagram to the viewport (never above 100 %) and centres it. */
    void fitToWindow();
    /** Places every card with arrangeTables() as one undoable MoveTables. */
    void autoArrange();
    /** Removes the selected relationships and tables (one undo step). */
    void deleteSelection();
    /** Adds the palette \a entry: a table at the view's centre, or a field to the selected table (to a new
        table at the view's centre when none is selected). */
    void addPaletteEntry(const QString &entry);
    /** Puts the selected tables (and the relationships among them) on the clipboard as .basalt JSON. */
    void copySelection();
    /** Adds the tables on the clipboard with new ids and names, offset from the originals (one AddTables)
        and selects them. */
    void paste();

signals:
    /** The user asked to delete \a ids (tables and relationships). */
    void deleteRequested(const QList<Runtime::ObjectId> &ids);
    void zoomChanged(qreal zoom);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void setZoom(qreal zoom);
    /** Moves the selected tables for an arrow key; returns false for other keys or no selected table. */
    bool moveSelectionByKey(QKeyEvent *event);
    void applyPalette();
    void updateAccessibleDescription();
    bool addEntryAt(const QString &entry, const QPointF &scenePos);

    ErScene *m_scene;
};

} // namespace Designer
