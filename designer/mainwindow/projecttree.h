// SPDX-License-Identifier: GPL-3.0-or-later
// ProjectTree: the project's tables, relationships, roles, functions, endpoints, triggers and schedules as a tree.
#pragma once

#include "document/changeevent.h"
#include "model/ids.h"

#include <QPointer>
#include <QTreeWidget>

class QMenu;

namespace Designer {

class ProjectDocument;

/** The left-hand outline of the open project: one group per kind of object (tables, views, relationships,
    roles, functions, endpoints, triggers, schedules), each object one item holding its id, with a short
    summary beside it ("GET /api/orders/:id", "before insert on orders"). Selecting items sets the document's
    selection and the document's selection selects items, so the tree, the canvas and the properties pane
    agree. Read-only; owned by its dock in the main window, which hands it the current document. */
class ProjectTree : public QTreeWidget
{
    Q_OBJECT

public:
    enum class Group { Tables, Views, Relationships, Roles, Functions, Endpoints, Triggers, Schedules };
    static constexpr int IdRole = Qt::UserRole;

    explicit ProjectTree(QWidget *parent = nullptr);

    /** Shows \a document (nullptr: nothing); the tree follows its changes and selection. */
    void setDocument(ProjectDocument *document);

    /** Returns the group item of \a group. */
    QTreeWidgetItem *groupItem(Group group) const;
    /** Returns the item of the object \a id, or nullptr. */
    QTreeWidgetItem *itemForId(const Runtime::ObjectId &id) const;

signals:
    /** The context menu \a menu for the table \a tableId is about to show: add entries to it (connect
        directly; the menu lives only while it shows). */
    void tableMenuAboutToShow(QMenu *menu, const Runtime::ObjectId &tableId);
    /** The object \a id was double-clicked or activated with Return: open its editor. */
    void openRequested(const Runtime::ObjectId &id);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuild();
    /** Hides the details column while the names and details do not both fit. */
    void updateDetailsColumn();
    void documentChanged(const ChangeEvent &event);
    void selectIds(const QList<Runtime::ObjectId> &ids);
    void itemsSelected();

    QPointer<ProjectDocument> m_document;
    bool m_syncing = false;
};

} // namespace Designer
