// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the view commands and edits: add, change, remove, with tables and relationships, and field renames.
#include "commands/relationshipcommands.h"
#include "commands/tablecommands.h"
#include "commands/tableedits.h"
#include "commands/viewcommands.h"
#include "commands/viewedits.h"
#include "commandtestsupport.h"

using namespace Designer;
using namespace CommandTests;
using Kind = ChangeEvent::Kind;
using Runtime::ObjectId;

namespace {
const ObjectId s_orders = QStringLiteral("tbl_orders");
const ObjectId s_customers = QStringLiteral("tbl_customers");
const ObjectId s_total = QStringLiteral("fld_orders_total");

// Returns the ecommerce template with a view of orders (status filter, a customer column) added and the
// undo stack cleared, and the view's id in \a viewId.
std::unique_ptr<ProjectDocument> withOrdersView(ObjectId &viewId)
{
    auto document = openTemplate(QStringLiteral("ecommerce"));
    Runtime::View view = newView(document->project(), s_orders, QPointF(900, 40));
    for (const ViewColumnCandidate &candidate : viewColumnCandidates(document->project(), s_orders)) {
        if (candidate.label == QLatin1String("customer.email"))
            view = addViewColumn(view, candidate.column);
    }
    view.filter = QStringLiteral("status=neq.cancelled&or=(total.gt.100,status.eq.shipped)");
    viewId = view.id;
    document->undoStack()->push(new AddView(document.get(), view));
    document->undoStack()->clear();
    return document;
}

const Runtime::View &viewOf(const Runtime::Project &project, const ObjectId &id)
{
    static const Runtime::View none;
    const Runtime::View *view = project.view(id);
    return view ? *view : none;
}
} // namespace

class tst_ViewCommands : public QObject
{
    Q_OBJECT

private slots:
    void defaultView();
    void relatedCandidates();
    void addView();
    void changeView_data();
    void changeView();
    void removeViews();
    void removeTableRemovesItsViews();
    void removeRelationshipDropsColumns();
    void renameFieldRewritesFilter();
    void renameTypingMergesWithViews();
    void removeFieldDropsColumn();
    void moveView();
};

void tst_ViewCommands::defaultView()
{
    auto document = openTemplate(QStringLiteral("ecommerce"));
    const Runtime::Project &project = document->project();
    const Runtime::View view = newView(project, s_orders, QPointF(10, 20));
    QCOMPARE(view.name, QStringLiteral("orders_view"));
    QCOMPARE(view.baseTableId, s_orders);
    QCOMPARE(view.position, QPointF(10, 20));
    QCOMPARE(view.columns.size(), project.table(s_orders)->fields.size());
    QCOMPARE(view.columns.front().name, QStringLiteral("id"));
    QVERIFY(view.filter.isEmpty());
    QVERIFY(view.permissions.empty());
    // The name is unique among tables and views.
    Runtime::Project taken = project;
    taken.views.push_back(view);
    QCOMPARE(newView(taken, s_orders, {}).name, QStringLiteral("orders_view_2"));
}

void tst_ViewCommands::relatedCandidates()
{
    auto document = openTemplate(QStringLiteral("ecommerce"));
    QStringList labels;
    for (const ViewColumnCandidate &candidate : viewColumnCandidates(document->project(), s_orders))
        labels << candidate.label;
    // The foreign key customer_id leads to one customer; order_items (one-to-many) is not offered.
    QVERIFY(labels.contains(QStringLiteral("status")));
    QVERIFY(labels.contains(QStringLiteral("customer.email")));
    QVERIFY(std::none_of(labels.begin(), labels.end(), [](const QString &l) { return l.startsWith(QLatin1String("order_items")); }));
    // From customers, orders are many: nothing related.
    for (const ViewColumnCandidate &candidate : viewColumnCandidates(document->project(), s_customers))
        QVERIFY(candidate.column.relationshipId.isEmpty());
}

void tst_ViewCommands::addView()
{
    auto document = openTemplate(QStringLiteral("ecommerce"));
    const Runtime::View view = newView(document->project(), s_orders, QPointF(900, 40));
    auto *command = new AddView(document.get(), view);
    QCOMPARE(command->text(), QStringLiteral("Add view orders_view"));
    pushUndoRedo(*document, command, [&](const Runtime::Project &project, const QList<ChangeEvent> &events) {
        QVERIFY(project.view(view.id));
        QCOMPARE(project.views.back(), view);
        QVERIFY(hasEvent(events, Kind::ViewsChanged, view.id));
    });
}

void tst_ViewCommands::changeView_data()
{
    QTest::addColumn<QString>("edit");
    QTest::newRow("rename") << "rename";
    QTest::newRow("description") << "description";
    QTest::newRow("rename column") << "rename column";
    QTest::newRow("remove column") << "remove column";
    QTest::newRow("move column") << "move column";
    QTest::newRow("add column") << "add column";
    QTest::newRow("filter") << "filter";
    QTest::newRow("rule") << "rule";
    QTest::newRow("rule with expression") << "rule with expression";
    QTest::newRow("base table") << "base table";
    QTest::newRow("colour") << "colour";
}

void tst_ViewCommands::changeView()
{
    QFETCH(QString, edit);
    ObjectId viewId;
    auto document = withOrdersView(viewId);
    const Runtime::Project &project = document->project();
    const Runtime::View before = viewOf(project, viewId);
    Runtime::View after = before;
    QString text = viewColumnsText(before);
    if (edit == QLatin1String("rename")) {
        after.name = QStringLiteral("open_orders");
        QCOMPARE(renameViewText(before), QStringLiteral("Rename view %1").arg(before.name));
        text = QStringLiteral("Rename view %1 to open_orders").arg(before.name); // the command names both
    } else if (edit == QLatin1String("description")) {
        after.description = QStringLiteral("Orders not cancelled");
        text = viewDescriptionText(before);
    } else if (edit == QLatin1String("rename column")) {
        after = renameViewColumn(before, 2, QStringLiteral("order_status"));
    } else if (edit == QLatin1String("remove column")) {
        after = removeViewColumn(before, 1);
    } else if (edit == QLatin1String("move column")) {
        after = moveViewColumn(before, 0, 3);
    } else if (edit == QLatin1String("add column")) {
        after = addViewColumn(before, viewColumnCandidates(project, s_orders).front().column);
        QCOMPARE(after.columns.back().name, QStringLiteral("id_2")); // made unique
    } else if (edit == QLatin1String("filter")) {
        after.filter = QStringLiteral("total=gte.10");
        text = viewFilterText(before);
    } else if (edit == QLatin1String("rule")) {
        after = setViewRule(project, before, QStringLiteral("anon"), QString());
        text = viewRuleText(before, QStringLiteral("anon"), QString());
    } else if (edit == QLatin1String("rule with expression")) {
        after = setViewRule(project, before, QStringLiteral("authenticated"), QStringLiteral("total > 10"));
        text = viewRuleText(before, QStringLiteral("authenticated"), QStringLiteral("total > 10"));
    } else if (edit == QLatin1String("base table")) {
        after = setViewBaseTable(project, before, s_customers);
        QVERIFY(after.filter.isEmpty());
        QCOMPARE(after.columns.size(), project.table(s_customers)->fields.size());
        text = viewBaseTableText(before);
    } else if (edit == QLatin1String("colour")) {
        after.color = QStringLiteral("#aa3355");
        text = viewColorText(before);
    }
    QVERIFY(!(after == before));
    auto *command = new ChangeView(document.get(), after, text);
    QCOMPARE(command->text(), text);
    pushUndoRedo(*document, command, [&](const Runtime::Project &changed, const QList<ChangeEvent> &events) {
        QCOMPARE(viewOf(changed, viewId), after);
        QVERIFY(hasEvent(events, Kind::ViewsChanged, viewId));
    });
}

void tst_ViewCommands::removeViews()
{
    ObjectId viewId;
    auto document = withOrdersView(viewId);
    auto *command = new RemoveViews(document.get(), {viewId});
    QCOMPARE(command->text(), QStringLiteral("Remove view orders_view"));
    pushUndoRedo(*document, command, [&](const Runtime::Project &project, const QList<ChangeEvent> &events) {
        QVERIFY(!project.view(viewId));
        QVERIFY(project.table(s_orders));
        QVERIFY(hasEvent(events, Kind::ViewsChanged, viewId));
    });
}

void tst_ViewCommands::removeTableRemovesItsViews()
{
    ObjectId viewId;
    auto document = withOrdersView(viewId);
    // A second view, over customers, reads nothing of orders and stays.
    const Runtime::View other = newView(document->project(), s_customers, QPointF(0, 900));
    document->undoStack()->push(new AddView(document.get(), other));
    document->undoStack()->clear();
    pushUndoRedo(*document, new RemoveTables(document.get(), {s_orders}),
        [&](const Runtime::Project &project, const QList<ChangeEvent> &events) {
            QVERIFY(!project.table(s_orders));
            QVERIFY(!project.view(viewId));
            QVERIFY(project.view(other.id));
            QVERIFY(hasEvent(events, Kind::ViewsChanged, viewId));
        });
    // Undo restored both the table and its view (pushUndoRedo compared the bytes); once more, explicitly.
    document->undoStack()->undo();
    QVERIFY(document->project().table(s_orders));
    QVERIFY(document->project().view(viewId));
    QCOMPARE(document->project().views.front().id, viewId);
}

void tst_ViewCommands::removeRelationshipDropsColumns()
{
    ObjectId viewId;
    auto document = withOrdersView(viewId);
    const size_t columns = viewOf(document->project(), viewId).columns.size();
    pushUndoRedo(*document, new RemoveRelationship(document.get(), QStringLiteral("rel_orders_customer")),
        [&](const Runtime::Project &project, const QList<ChangeEvent> &events) {
            const Runtime::View &view = viewOf(project, viewId);
            QCOMPARE(view.columns.size(), columns - 1); // customer_email went; customer_id stays a field
            QVERIFY(std::all_of(view.columns.begin(), view.columns.end(),
                [](const Runtime::ViewColumn &c) { return c.relationshipId.isEmpty(); }));
            QVERIFY(hasEvent(events, Kind::ViewsChanged, viewId));
        });
}

void tst_ViewCommands::renameFieldRewritesFilter()
{
    ObjectId viewId;
    auto document = withOrdersView(viewId);
    const Runtime::Table &orders = *document->project().table(s_orders);
    Runtime::Field total = *orders.field(s_total);
    total.name = QStringLiteral("amount");
    pushUndoRedo(*document, new ChangeTable(document.get(), changeField(orders, total), changeFieldText(orders, s_total)),
        [&](const Runtime::Project &project, const QList<ChangeEvent> &events) {
            QCOMPARE(viewOf(project, viewId).filter, QStringLiteral("status=neq.cancelled&or=(amount.gt.100,status.eq.shipped)"));
            // The column keeps its own name (an alias): it refers to the field by id.
            QCOMPARE(viewOf(project, viewId).columns[3].name, QStringLiteral("total"));
            QVERIFY(hasEvent(events, Kind::TableChanged, s_orders));
            QVERIFY(hasEvent(events, Kind::ViewsChanged, viewId));
        });
    document->undoStack()->undo();
    QCOMPARE(viewOf(document->project(), viewId).filter,
        QStringLiteral("status=neq.cancelled&or=(total.gt.100,status.eq.shipped)"));
}

void tst_ViewCommands::renameTypingMergesWithViews()
{
    ObjectId viewId;
    auto document = withOrdersView(viewId);
    const QByteArray original = Runtime::writeProject(document->project());
    for (const QString &name : {QStringLiteral("a"), QStringLiteral("am"), QStringLiteral("amo")}) {
        const Runtime::Table &orders = *document->project().table(s_orders);
        Runtime::Field total = *orders.field(s_total);
        total.name = name;
        document->undoStack()->push(new ChangeTable(document.get(), changeField(orders, total),
            changeFieldText(orders, s_total), fieldMergeKey(s_total, QStringLiteral("name"))));
    }
    QCOMPARE(document->undoStack()->count(), 1);
    const QString expected = QStringLiteral("status=neq.cancelled&or=(amo.gt.100,status.eq.shipped)");
    QCOMPARE(viewOf(document->project(), viewId).filter, expected);
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document->project()), original);
    document->undoStack()->redo();
    QCOMPARE(viewOf(document->project(), viewId).filter, expected);
}

void tst_ViewCommands::removeFieldDropsColumn()
{
    ObjectId viewId;
    auto document = withOrdersView(viewId);
    const Runtime::Table &orders = *document->project().table(s_orders);
    const ObjectId total = orders.fieldByName(QStringLiteral("tax_rate"))->id;
    const size_t columns = viewOf(document->project(), viewId).columns.size();
    pushUndoRedo(*document, new ChangeTable(document.get(), removeField(orders, total), removeFieldText(orders, total)),
        [&](const Runtime::Project &project, const QList<ChangeEvent> &) {
            QCOMPARE(viewOf(project, viewId).columns.size(), columns - 1);
        });
}

void tst_ViewCommands::moveView()
{
    ObjectId viewId;
    auto document = withOrdersView(viewId);
    auto *command = new MoveTables(document.get(), {{viewId, QPointF(5, 6)}});
    QCOMPARE(command->text(), QStringLiteral("Move view orders_view"));
    pushUndoRedo(*document, command, [&](const Runtime::Project &project, const QList<ChangeEvent> &events) {
        QCOMPARE(viewOf(project, viewId).position, QPointF(5, 6));
        QVERIFY(hasEvent(events, Kind::TablesMoved, viewId));
    });
}

QTEST_MAIN(tst_ViewCommands)
#include "tst_viewcommands.moc"
