// SPDX-License-Identifier: GPL-3.0-or-later
// Canvas accessibility: accessible interfaces for the ER view, its table cards and its relationship lines.
#include "canvasaccessibility.h"

#include "document/projectdocument.h"
#include "erscene.h"
#include "erview.h"
#include "relationshipitem.h"
#include "tableitem.h"

#include <QAccessibleWidget>
#include <QCoreApplication>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QWindow>

namespace Designer {

namespace {

/** The translation context of the texts read to assistive technology. */
class CanvasAccessibility
{
    Q_DECLARE_TR_FUNCTIONS(Designer::CanvasAccessibility)

public:
    static QString tableDescription(const Runtime::Project &project, const Runtime::Table &table);
    static QString relationshipName(const Runtime::Project &project, const Runtime::Relationship &r);
    static QString relationshipDescription(const Runtime::Project &project, const Runtime::Relationship &r);
};

QString tableName(const Runtime::Project &project, const Runtime::ObjectId &id)
{
    const Runtime::Table *table = project.table(id);
    return table ? table->name : id;
}

QString CanvasAccessibility::tableDescription(const Runtime::Project &project, const Runtime::Table &table)
{
    QStringList references;
    QStringList referencedBy;
    for (const Runtime::Relationship &r : project.relationships) {
        if (r.isManyToMany()) {
            if (r.junctionTableId == table.id)
                references << tableName(project, r.fromTableId) << tableName(project, r.toTableId);
            else if (r.fromTableId == table.id || r.toTableId == table.id)
                referencedBy << tableName(project, r.junctionTableId);
            continue;
        }
        if (r.toTableId == table.id)
            references << tableName(project, r.fromTableId);
        if (r.fromTableId == table.id)
            referencedBy << tableName(project, r.toTableId);
    }
    references.removeDuplicates();
    referencedBy.removeDuplicates();
    const int fields = int(table.fields.size());
    const QString separator = QStringLiteral(", ");
    if (references.isEmpty() && referencedBy.isEmpty())
        return tr("Table %1, %n field(s)", nullptr, fields).arg(table.name);
    if (referencedBy.isEmpty())
        return tr("Table %1, %n field(s), references %2", nullptr, fields)
            .arg(table.name, references.join(separator));
    if (references.isEmpty())
        return tr("Table %1, %n field(s), referenced by %2", nullptr, fields)
            .arg(table.name, referencedBy.join(separator));
    return tr("Table %1, %n field(s), references %2, referenced by %3", nullptr, fields)
        .arg(table.name, references.join(separator), referencedBy.join(separator));
}

QString CanvasAccessibility::relationshipName(const Runtime::Project &project, const Runtime::Relationship &r)
{
    const QString from = tableName(project, r.fromTableId);
    const QString to = tableName(project, r.toTableId);
    switch (r.kind) {
    case Runtime::RelationshipKind::OneToOne: return tr("%1 to %2, one-to-one").arg(from, to);
    case Runtime::RelationshipKind::OneToMany: return tr("%1 to %2, one-to-many").arg(from, to);
    case Runtime::RelationshipKind::ManyToMany: return tr("%1 to %2, many-to-many").arg(from, to);
    }
    return {};
}

QString CanvasAccessibility::relationshipDescription(
    const Runtime::Project &project, const Runtime::Relationship &r)
{
    if (r.isManyToMany())
        return tr("Through the junction table %1").arg(tableName(project, r.junctionTableId));
    const Runtime::Table *to = project.table(r.toTableId);
    const Runtime::Field *key = to ? to->field(r.foreignKeyFieldId) : nullptr;
    return tr("Foreign key %1.%2 references %3")
        .arg(tableName(project, r.toTableId), key ? key->name : r.foreignKeyFieldId,
            tableName(project, r.fromTableId));
}

/** Returns the rectangle of \a item in \a view's viewport coordinates. */
QRect viewportRect(const ErView *view, const QGraphicsItem *item)
{
    return view->mapFromScene(item->sceneBoundingRect()).boundingRect();
}

/** One card or line of an ErView. It finds its item by id on every call: items come and go with undo,
    and an interface whose item is gone is invalid until an undo brings the item back. */
class CanvasItemAccessible : public QAccessibleInterface
{
public:
    CanvasItemAccessible(ErView *view, const Runtime::ObjectId &id, bool table)
        : m_view(view)
        , m_id(id)
        , m_table(table)
    {
    }

    Runtime::ObjectId id() const { return m_id; }
    const ErView *view() const { return m_view; }

    bool isValid() const override { return item() != nullptr; }
    QObject *object() const override { return nullptr; }
    QWindow *window() const override { return m_view ? m_view->window()->windowHandle() : nullptr; }
    QAccessibleInterface *childAt(int, int) const override { return nullptr; }
    QAccessibleInterface *parent() const override
    {
        return m_view ? QAccessible::queryAccessibleInterface(m_view.data()) : nullptr;
    }
    QAccessibleInterface *child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface *) const override { return -1; }
    void setText(QAccessible::Text, const QString &) override { }
    QAccessible::Role role() const override { return QAccessible::ListItem; }

    QString text(QAccessible::Text type) const override
    {
        if (!isValid())
            return {};
        const Runtime::Project &project = m_view->erScene()->document()->project();
        if (m_table) {
            const Runtime::Table *table = project.table(m_id);
            if (type == QAccessible::Name)
                return table->name;
            if (type == QAccessible::Description)
                return CanvasAccessibility::tableDescription(project, *table);
            return {};
        }
        const Runtime::Relationship *relationship = project.relationship(m_id);
        if (type == QAccessible::Name)
            return CanvasAccessibility::relationshipName(project, *relationship);
        if (type == QAccessible::Description)
            return CanvasAccessibility::relationshipDescription(project, *relationship);
        return {};
    }

    QRect rect() const override
    {
        const QGraphicsItem *shown = item();
        if (!shown)
            return {};
        const QRect inViewport = viewportRect(m_view, shown);
        return QRect(m_view->viewport()->mapToGlobal(inViewport.topLeft()), inViewport.size());
    }

    QAccessible::State state() const override
    {
        QAccessible::State state;
        const QGraphicsItem *shown = item();
        if (!shown) {
            state.invalid = true;
            return state;
        }
        state.selectable = true;
        state.selected = shown->isSelected();
        if (m_table) {
            state.focusable = true;
            state.movable = true;
            state.focused = m_view->hasFocus() && m_view->currentTableId() == m_id;
        }
        state.invisible = !m_view->isVisible();
        state.offscreen = !m_view->viewport()->rect().intersects(viewportRect(m_view, shown));
        return state;
    }

private:
    const QGraphicsItem *item() const
    {
        if (!m_view)
            return nullptr;
        if (m_table)
            return m_view->erScene()->tableItem(m_id);
        return m_view->erScene()->relationshipItem(m_id);
    }

    QPointer<ErView> m_view;
    Runtime::ObjectId m_id;
    bool m_table;
};

/** The ErView as a list of its cards (in model order), then its relationship lines. It keeps the
    interfaces of its children registered with QAccessible and deletes them with itself. */
class ErViewAccessible : public QAccessibleWidget
{
public:
    explicit ErViewAccessible(ErView *view)
        : QAccessibleWidget(view, QAccessible::List)
    {
    }

    ~ErViewAccessible() override
    {
        for (const QAccessible::Id id : std::as_const(m_children))
            QAccessible::deleteAccessibleInterface(id);
    }

    int childCount() const override
    {
        const Runtime::Project &project = erView()->erScene()->document()->project();
        return int(project.tables.size() + project.relationships.size());
    }

    QAccessibleInterface *child(int index) const override
    {
        const Runtime::Project &project = erView()->erScene()->document()->project();
        const int tables = int(project.tables.size());
        if (index < 0 || index >= childCount())
            return nullptr;
        if (index < tables)
            return interfaceFor(project.tables[size_t(index)].id);
        return interfaceFor(project.relationships[size_t(index - tables)].id);
    }

    int indexOfChild(const QAccessibleInterface *child) const override
    {
        const auto *item = dynamic_cast<const CanvasItemAccessible *>(child);
        if (!item || item->view() != erView())
            return -1;
        const Runtime::Project &project = erView()->erScene()->document()->project();
        if (const int table = project.tableIndex(item->id()); table >= 0)
            return table;
        for (size_t i = 0; i < project.relationships.size(); ++i) {
            if (project.relationships[i].id == item->id())
                return int(project.tables.size() + i);
        }
        return -1;
    }

    QAccessibleInterface *focusChild() const override
    {
        if (erView()->hasFocus() && !erView()->currentTableId().isEmpty())
            return interfaceFor(erView()->currentTableId());
        return QAccessibleWidget::focusChild();
    }

    QAccessibleInterface *childAt(int x, int y) const override
    {
        const QPoint point = erView()->viewport()->mapFromGlobal(QPoint(x, y));
        const auto under = erView()->items(point);
        for (const QGraphicsItem *item : under) {
            if (item->type() == TableItem::Type)
                return interfaceFor(static_cast<const TableItem *>(item)->tableId());
            if (item->type() == RelationshipItem::Type)
                return interfaceFor(static_cast<const RelationshipItem *>(item)->relationshipId());
        }
        return nullptr;
    }

    QAccessible::State state() const override
    {
        QAccessible::State state = QAccessibleWidget::state();
        state.multiSelectable = true;
        state.extSelectable = true;
        return state;
    }

    /** Returns the interface of the card or line of \a id, or nullptr if the project has no such object. */
    QAccessibleInterface *interfaceFor(const Runtime::ObjectId &id) const
    {
        const Runtime::Project &project = erView()->erScene()->document()->project();
        const bool table = project.table(id) != nullptr;
        if (!table && !project.relationship(id))
            return nullptr;
        if (const auto it = m_children.constFind(id); it != m_children.cend()) {
            if (QAccessibleInterface *existing = QAccessible::accessibleInterface(*it))
                return existing;
        }
        auto *created = new CanvasItemAccessible(erView(), id, table);
        m_children.insert(id, QAccessible::registerAccessibleInterface(created));
        return created;
    }

private:
    ErView *erView() const { return static_cast<ErView *>(widget()); }

    mutable QHash<Runtime::ObjectId, QAccessible::Id> m_children;
};

QAccessibleInterface *canvasFactory(const QString &className, QObject *object)
{
    if (className == QLatin1String(ErView::staticMetaObject.className())) {
        if (auto *view = qobject_cast<ErView *>(object))
            return new ErViewAccessible(view);
    }
    return nullptr;
}

std::function<void(QAccessibleEvent *)> &observer()
{
    static std::function<void(QAccessibleEvent *)> s_observer;
    return s_observer;
}

void send(QAccessibleEvent *event)
{
    if (observer())
        observer()(event);
    QAccessible::updateAccessibility(event);
}

ErViewAccessible *viewInterface(ErView *view)
{
    if (!QAccessible::isActive() && !observer())
        return nullptr; // nobody listens: don't make interfaces just to drop their events
    return dynamic_cast<ErViewAccessible *>(QAccessible::queryAccessibleInterface(view));
}

void sendSelectionEvent(QAccessibleInterface *item, bool selected)
{
    QAccessible::State changed;
    changed.selected = true;
    QAccessibleStateChangeEvent stateChange(item, changed);
    send(&stateChange);
    QAccessibleEvent event(item, selected ? QAccessible::SelectionAdd : QAccessible::SelectionRemove);
    send(&event);
}

} // namespace

void installCanvasAccessibility()
{
    static bool installed = false;
    if (std::exchange(installed, true))
        return;
    QAccessible::installFactory(canvasFactory);
}

QString tableAccessibleDescription(const Runtime::Project &project, const Runtime::Table &table)
{
    return CanvasAccessibility::tableDescription(project, table);
}

QString relationshipAccessibleName(const Runtime::Project &project, const Runtime::Relationship &relationship)
{
    return CanvasAccessibility::relationshipName(project, relationship);
}

QString relationshipAccessibleDescription(
    const Runtime::Project &project, const Runtime::Relationship &relationship)
{
    return CanvasAccessibility::relationshipDescription(project, relationship);
}

void notifyCanvasSelectionChanged(
    ErView *view, const QList<Runtime::ObjectId> &before, const QList<Runtime::ObjectId> &after)
{
    ErViewAccessible *canvas = viewInterface(view);
    if (!canvas)
        return;
    const QSet<Runtime::ObjectId> was(before.cbegin(), before.cend());
    const QSet<Runtime::ObjectId> is(after.cbegin(), after.cend());
    for (const Runtime::ObjectId &id : before) {
        if (QAccessibleInterface *item = is.contains(id) ? nullptr : canvas->interfaceFor(id))
            sendSelectionEvent(item, false);
    }
    for (const Runtime::ObjectId &id : after) {
        if (QAccessibleInterface *item = was.contains(id) ? nullptr : canvas->interfaceFor(id))
            sendSelectionEvent(item, true);
    }
}

void notifyCanvasFocusChanged(ErView *view, const Runtime::ObjectId &tableId)
{
    ErViewAccessible *canvas = viewInterface(view);
    if (QAccessibleInterface *item = canvas ? canvas->interfaceFor(tableId) : nullptr) {
        QAccessibleEvent event(item, QAccessible::Focus);
        send(&event);
    }
}

void setCanvasAccessibilityObserver(std::function<void(QAccessibleEvent *)> observer)
{
    Designer::observer() = std::move(observer);
}

} // namespace Designer
