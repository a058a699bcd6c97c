// SPDX-License-Identifier: GPL-3.0-or-later
// ProjectTree: the project's tables, relationships, roles, functions, endpoints, triggers and schedules as a tree.
#include "projecttree.h"

#include <QContextMenuEvent>
#include <QMenu>

#include "document/projectdocument.h"
#include "editors/logictexts.h"

#include <QHeaderView>

namespace Designer {

namespace {
QTreeWidgetItem *addItem(QTreeWidgetItem *group, const Runtime::ObjectId &id, const QString &name,
    const QString &details, const QString &toolTip = {})
{
    auto *item = new QTreeWidgetItem(group, {name, details});
    item->setData(0, ProjectTree::IdRole, id);
    // The details column hides in a narrow tree (see updateDetailsColumn()); the tooltip still has them.
    item->setToolTip(0, toolTip.isEmpty() && !details.isEmpty() ? name + QStringLiteral(": ") + details : toolTip);
    return item;
}

QString kindText(Runtime::RelationshipKind kind)
{
    switch (kind) {
    case Runtime::RelationshipKind::OneToOne: return ProjectTree::tr("one to one");
    case Runtime::RelationshipKind::OneToMany: return ProjectTree::tr("one to many");
    case Runtime::RelationshipKind::ManyToMany: return ProjectTree::tr("many to many");
    }
    return {};
}
} // namespace

ProjectTree::ProjectTree(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("projectTree"));
    setHeaderLabels({tr("Name"), tr("Details")});
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setUniformRowHeights(true);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    header()->setStretchLastSection(false);
    const QStringList groups {tr("Tables"), tr("Views"), tr("Relationships"), tr("Roles"), tr("Functions"),
        tr("Endpoints"), tr("Triggers"), tr("Schedules")};
    for (const QString &title : groups) {
        auto *group = new QTreeWidgetItem(this, {title});
        group->setFlags(Qt::ItemIsEnabled);
        QFont font = group->font(0);
        font.setBold(true);
        group->setFont(0, font);
        group->setExpanded(true);
    }
    connect(this, &QTreeWidget::itemSelectionChanged, this, &ProjectTree::itemsSelected);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const Runtime::ObjectId id = item->data(0, IdRole).toString();
        if (!id.isEmpty())
            emit openRequested(id);
    });
}

void ProjectTree::setDocument(ProjectDocument *document)
{
    if (m_document)
        m_document->disconnect(this);
    m_document = document;
    if (m_document) {
        connect(m_document, &ProjectDocument::changed, this, &ProjectTree::documentChanged);
        connect(m_document, &ProjectDocument::selectionChanged, this, &ProjectTree::selectIds);
    }
    rebuild();
}

QTreeWidgetItem *ProjectTree::groupItem(Group group) const
{
    return topLevelItem(int(group));
}

QTreeWidgetItem *ProjectTree::itemForId(const Runtime::ObjectId &id) const
{
    for (int g = 0; g < topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->data(0, IdRole).toString() == id)
                return group->child(i);
        }
    }
    return nullptr;
}

void ProjectTree::documentChanged(const ChangeEvent &event)
{
    // Moves change nothing the tree shows.
    if (event.kind != ChangeEvent::Kind::TablesMoved)
        rebuild();
}

void ProjectTree::rebuild()
{
    const bool wasSyncing = std::exchange(m_syncing, true);
    for (int g = 0; g < topLevelItemCount(); ++g)
        qDeleteAll(topLevelItem(g)->takeChildren());
    if (m_document) {
        const Runtime::Project &project = m_document->project();
        for (const Runtime::Table &table : project.tables)
            addItem(groupItem(Group::Tables), table.id, table.name,
                tr("%n field(s)", nullptr, int(table.fields.size())), table.description);
        for (const Runtime::View &view : project.views) {
            const Runtime::Table *base = project.table(view.baseTableId);
            addItem(groupItem(Group::Views), view.id, view.name,
                tr("of %1").arg(base ? base->name : view.baseTableId), view.description);
        }
        for (const Runtime::Relationship &relationship : project.relationships) {
            const Runtime::Table *from = project.table(relationship.fromTableId);
            const Runtime::Table *to = project.table(relationship.toTableId);
            const QString ends = tr("%1 \u2192 %2").arg(from ? from->name : relationship.fromTableId,
                to ? to->name : relationship.toTableId);
            addItem(groupItem(Group::Relationships), relationship.id,
                relationship.name.isEmpty() ? ends : relationship.name,
                kindText(relationship.kind), ends);
        }
        for (const Runtime::Role &role : project.roles)
            addItem(groupItem(Group::Roles), role.id, role.name, {}, role.description);
        for (const Runtime::ScriptFunction &function : project.functions)
            addItem(groupItem(Group::Functions), function.id, function.name,
                function.description.section(QLatin1Char('\n'), 0, 0).trimmed(), function.description);
        for (const Runtime::Endpoint &endpoint : project.endpoints)
            addItem(groupItem(Group::Endpoints), endpoint.id, endpoint.name, LogicTexts::endpointSummary(endpoint),
                endpoint.description);
        for (const Runtime::Trigger &trigger : project.triggers)
            addItem(groupItem(Group::Triggers), trigger.id, trigger.name, LogicTexts::triggerSummary(project, trigger));
        for (const Runtime::Schedule &schedule : project.schedules)
            addItem(groupItem(Group::Schedules), schedule.id, schedule.name, LogicTexts::scheduleSummary(schedule),
                schedule.description);
        selectIds(m_document->selection());
    }
    for (int g = 0; g < topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = topLevelItem(g);
        group->setText(1, QString::number(group->childCount()));
    }
    m_syncing = wasSyncing;
    updateDetailsColumn();
}

void ProjectTree::selectIds(const QList<Runtime::ObjectId> &ids)
{
    const bool wasSyncing = std::exchange(m_syncing, true);
    QTreeWidgetItem *first = nullptr;
    clearSelection();
    for (const Runtime::ObjectId &id : ids) {
        if (QTreeWidgetItem *item = itemForId(id)) {
            item->setSelected(true);
            if (!first)
                first = item;
        }
    }
    if (first) {
        setCurrentItem(first, 0, QItemSelectionModel::NoUpdate);
        scrollToItem(first);
    }
    m_syncing = wasSyncing;
}

void ProjectTree::itemsSelected()
{
    if (m_syncing || !m_document)
        return;
    QList<Runtime::ObjectId> ids;
    for (const QTreeWidgetItem *item : selectedItems()) {
        const QString id = item->data(0, IdRole).toString();
        if (!id.isEmpty())
            ids << id;
    }
    const bool wasSyncing = std::exchange(m_syncing, true);
    m_document->setSelection(ids);
    m_syncing = wasSyncing;
}

void ProjectTree::contextMenuEvent(QContextMenuEvent *event)
{
    QTreeWidgetItem *item = event->reason() == QContextMenuEvent::Mouse ? itemAt(event->pos()) : currentItem();
    // A right click on an item that is not selected acts on that one, as on the canvas.
    if (item && event->reason() == QContextMenuEvent::Mouse && !item->isSelected()) {
        clearSelection();
        item->setSelected(true);
    }
    event->accept();
    QMenu menu(this);
    menu.addActions(actions());
    const Runtime::ObjectId id = item ? item->data(0, IdRole).value<Runtime::ObjectId>() : Runtime::ObjectId();
    if (m_document && !id.isEmpty() && m_document->project().table(id))
        emit tableMenuAboutToShow(&menu, id);
    if (!menu.isEmpty())
        menu.exec(event->reason() == QContextMenuEvent::Mouse ? event->globalPos()
                                                              : viewport()->mapToGlobal(visualItemRect(item).center()));
}

void ProjectTree::resizeEvent(QResizeEvent *event)
{
    QTreeWidget::resizeEvent(event);
    updateDetailsColumn();
}

void ProjectTree::updateDetailsColumn()
{
    // Names first: when both columns do not fit, the details give way (they stay in the tooltips).
    const bool hide = viewport()->width() < sizeHintForColumn(0) + sizeHintForColumn(1);
    if (isColumnHidden(1) != hide)
        setColumnHidden(1, hide);
}

} // namespace Designer
