// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the ER canvas: the scene follows the document, and the real view is driven with mouse and key
// events.
#include "canvas/autolayout.h"
#include "canvas/canvasaccessibility.h"
#include "canvas/diagramexport.h"
#include "canvas/erscene.h"
#include "canvas/erview.h"
#include "canvas/relationshipitem.h"
#include "canvas/tableclipboard.h"
#include "canvas/tableitem.h"
#include "commands/tablecommands.h"
#include "commands/viewcommands.h"
#include "commands/viewedits.h"
#include "document/projectdocument.h"
#include "io/projectvalidator.h"
#include "io/projectwriter.h"
#include "testsupport.h"
#include "widgets/palettewidget.h"

#include <QAccessible>
#include <QGraphicsPathItem>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTimer>
#include <QVBoxLayout>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using namespace Designer;

namespace {

std::unique_ptr<ProjectDocument> loadTemplate(const QString &name)
{
    auto loaded = ProjectDocument::load(TestSupport::templatePath(name));
    if (!loaded) {
        qWarning() << loaded.error().toString();
        return nullptr;
    }
    return std::move(loaded).value();
}

/** A generated project of \a count tables (see TestSupport::generatedProject()) as a document. */
std::unique_ptr<ProjectDocument> generatedDocument(int count)
{
    return std::make_unique<ProjectDocument>(TestSupport::generatedProject(count));
}

/** Returns the first pair of overlapping cards placed at \a positions, or an empty string. */
QString overlap(const Runtime::Project &project, const QHash<Runtime::ObjectId, QPointF> &positions)
{
    std::vector<QRectF> rects;
    for (const Runtime::Table &table : project.tables)
        rects.emplace_back(positions.value(table.id, table.position), cardSize(table));
    for (size_t i = 0; i < rects.size(); ++i) {
        for (size_t j = i + 1; j < rects.size(); ++j) {
            if (rects[i].intersects(rects[j]))
                return project.tables[i].name + QLatin1String(" / ") + project.tables[j].name;
        }
    }
    return {};
}

QPoint viewPoint(ErView &view, const QGraphicsItem *item, const QPointF &local)
{
    return view.mapFromScene(item->mapToScene(local));
}

/** What assistive technology was told: each event's type and the name of the object it is about. */
struct AccessibleEvent
{
    QAccessible::Event type;
    QString name;
};
QList<AccessibleEvent> s_accessibleEvents;

void recordAccessibleEvent(QAccessibleEvent *event)
{
    QAccessibleInterface *iface = event->accessibleInterface();
    s_accessibleEvents.append({event->type(), iface ? iface->text(QAccessible::Name) : QString()});
}

bool told(QAccessible::Event type, const QString &name)
{
    return std::any_of(s_accessibleEvents.cbegin(), s_accessibleEvents.cend(),
        [&](const AccessibleEvent &event) { return event.type == type && event.name == name; });
}

} // namespace

class tst_Canvas : public QObject
{
    Q_OBJECT

private slots:
    void viewCard();
    void buildsItems_data();
    void buildsItems();
    void tableChangedUpdatesOnlyThatCard();
    void dragMovesTableOneUndoStep();
    void selectionFollowsBothWays();
    void rubberBandSelects();
    void requiredFlagChangesLineEnd();
    void dropAddsTableAndField();
    void blankProjectFirstStep();
    void relationshipDrag_data();
    void relationshipDrag();
    void relationshipDragUsesField();
    void deleteKeyRemovesSelection();
    void copyPaste();
    void autoArrangeHasNoOverlaps_data();
    void autoArrangeHasNoOverlaps();
    void autoArrangeIsOneUndoStep();
    void arrowKeysMoveSelection();
    void exportWritesValidFiles();
    void zoom();
    void accessibleCardsAndLines();
    void accessibleSelectionAndTabFocus();
    void contextMenuShowsViewActions();
    void screenshots_data();
    void screenshots();
};

void tst_Canvas::buildsItems_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"ecommerce", "saas", "social", "chat"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void tst_Canvas::buildsItems()
{
    QFETCH(QString, name);
    auto document = loadTemplate(name);
    QVERIFY(document);
    ErScene scene(document.get());
    QCOMPARE(scene.tableItems().size(), qsizetype(document->project().tables.size()));
    QCOMPARE(scene.relationshipItems().size(), qsizetype(document->project().relationships.size()));
    for (const Runtime::Table &table : document->project().tables) {
        TableItem *item = scene.tableItem(table.id);
        QVERIFY(item);
        QCOMPARE(item->pos(), table.position);
        QCOMPARE(item->boundingRect().size(), cardSize(table) + QSizeF(4, 4));
    }
    for (RelationshipItem *item : scene.relationshipItems())
        QVERIFY2(!item->boundingRect().isEmpty(), qPrintable(item->relationshipId()));
}

void tst_Canvas::tableChangedUpdatesOnlyThatCard()
{
    auto document = loadTemplate(QStringLiteral("ecommerce"));
    QVERIFY(document);
    ErScene scene(document.get());
    QHash<Runtime::ObjectId, TableItem *> before;
    for (TableItem *item : scene.tableItems())
        before.insert(item->tableId(), item);
    const QList<RelationshipItem *> lines = scene.relationshipItems();

    Runtime::Table products = *document->project().tableByName(QStringLiteral("products"));
    products.name = QStringLiteral("products_with_a_much_longer_name");
    products.fields.erase(products.fields.begin() + 2);
    document->undoStack()->push(new ChangeTable(document.get(), products, QStringLiteral("Rename")));

    for (TableItem *item : scene.tableItems())
        QCOMPARE(item, before.value(item->tableId()));
    QCOMPARE(scene.relationshipItems().size(), lines.size());
    TableItem *card = scene.tableItem(products.id);
    QCOMPARE(card->table().name, products.name);
    QCOMPARE(card->boundingRect().size(), cardSize(products) + QSizeF(4, 4));
    document->undoStack()->undo();
    QCOMPARE(scene.tableItem(products.id), card);
    QCOMPARE(card->table().name, QStringLiteral("products"));
}

void tst_Canvas::dragMovesTableOneUndoStep()
{
    auto document = loadTemplate(QStringLiteral("ecommerce"));
    QVERIFY(document);
    ErScene scene(document.get());
    ErView view(&scene);
    view.resize(1000, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const Runtime::Table *orders = document->project().tableByName(QStringLiteral("orders"));
    const Runtime::ObjectId id = orders->id;
    const QPointF start = orders->position;
    TableItem *card = scene.tableItem(id);
    view.centerOn(card);
    const int commandsBefore = document->undoStack()->count();

    QPoint p = viewPoint(view, card, QPointF(40, 10));
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, p);
    for (int step = 1; step <= 5; ++step)
        QTest::mouseMove(view.viewport(), p + QPoint(step * 10, step * 6));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, p + QPoint(50, 30));

    const QPointF moved = document->project().table(id)->position;
    QCOMPARE(moved, start + QPointF(50, 30) / view.zoom());
    QCOMPARE(card->pos(), moved);
    QCOMPARE(document->undoStack()->count(), commandsBefore + 1);
    QCOMPARE(document->undoStack()->undoText(), QStringLiteral("Move table orders"));
    QVERIFY(!document->isDraggingCards());
    // The lines follow: a relationship of orders ends on its new left or right edge.
    for (RelationshipItem *line : scene.relationshipItems()) {
        const Runtime::Relationship &r = line->relationship();
        if (r.toTableId == id || r.fromTableId == id)
            QVERIFY(line->boundingRect().intersects(card->sceneBoundingRect()));
    }

    // A second drag is a second undo step.
    p = viewPoint(view, card, QPointF(40, 10));
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, p);
    QTest::mouseMove(view.viewport(), p + QPoint(0, 20));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, p + QPoint(0, 20));
    QCOMPARE(document->undoStack()->count(), commandsBefore + 2);
    document->undoStack()->undo();
    QCOMPARE(document->project().table(id)->position, moved);
    document->undoStack()->undo();
    QCOMPARE(document->project().table(id)->position, start);
    QCOMPARE(card->pos(), start);
}

void tst_Canvas::selectionFollowsBothWays()
{
    auto document = loadTemplate(QStringLiteral("saas"));
    QVERIFY(document);
    ErScene scene(document.get());
    ErView view(&scene);
    view.resize(1000, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy documentSelection(document.get(), &ProjectDocument::selectionChanged);

    const Runtime::Table &users = *document->project().tableByName(QStringLiteral("users"));
    TableItem *card = scene.tableItem(users.id);
    view.centerOn(card);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, viewPoint(view, card, QPointF(30, 8)));
    QCOMPARE(document->selection(), QList<Runtime::ObjectId> {users.id});
    QCOMPARE(documentSelection.size(), 1);
    QVERIFY(view.accessibleDescription().contains(QStringLiteral("users")));

    const Runtime::ObjectId projects = document->project().tableByName(QStringLiteral("projects"))->id;
    const Runtime::ObjectId relationship = document->project().relationships.front().id;
    document->setSelection({projects, relationship});
    QVERIFY(!card->isSelected());
    QVERIFY(scene.tableItem(projects)->isSelected());
    QVERIFY(scene.relationshipItem(relationship)->isSelected());
    QCOMPARE(documentSelection.size(), 2); // no echo from the scene
    QCOMPARE(scene.selectedIds(), (QList<Runtime::ObjectId> {projects, relationship}));

    scene.clearSelection();
    QVERIFY(document->selection().isEmpty());
}

void tst_Canvas::rubberBandSelects()
{
    auto document = loadTemplate(QStringLiteral("chat"));
    QVERIFY(document);
    ErScene scene(document.get());
    ErView view(&scene);
    view.resize(1200, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.fitToWindow();
    const QRectF all = scene.itemsBoundingRect();
    const QPoint from = view.mapFromScene(all.topLeft() - QPointF(10, 10));
    const QPoint to = view.mapFromScene(all.bottomRight() + QPointF(10, 10));
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(view.viewport(), (from + to) / 2);
    QTest::mouseMove(view.viewport(), to);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, to);
    const Runtime::Project &project = document->project();
    QCOMPARE(document->selection().size(), qsizetype(project.tables.size() + project.relationships.size()));
    QCOMPARE(document->undoStack()->count(), 0); // selecting moves nothing
}

void tst_Canvas::requiredFlagChangesLineEnd()
{
    auto document = loadTemplate(QStringLiteral("ecommerce"));
    QVERIFY(document);
    ErScene scene(document.get());
    const Runtime::Relationship *r
        = document->project().relationship(QStringLiteral("rel_products_category"));
    QVERIFY(r);
    RelationshipItem *line = scene.relationshipItem(r->id);
    QCOMPARE(line->links().size(), 1);
    const bool before = line->links().front().mandatory;
    Runtime::Table products = *document->project().table(r->toTableId);
    Runtime::Field *fk = products.field(r->foreignKeyFieldId);
    QCOMPARE(fk->required, before);
    fk->required = !before;
    document->undoStack()->push(new ChangeTable(document.get(), products, QStringLiteral("Required")));
    QCOMPARE(scene.relationshipItem(r->id), line);
    QCOMPARE(line->links().front().mandatory, !before);
}

// A blank project says what to do; Add Table and the palette make the same table_1, table_2, ... in free
// space, one undo step each, through the document's edit API; a dropped enum is valid at once.
void tst_Canvas::blankProjectFirstStep()
{
    ProjectDocument document(std::make_unique<Runtime::Project>());
    ErScene scene(&document);
    ErView view(&scene);
    view.resize(1000, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto *hint = view.findChild<QLabel *>(QStringLiteral("canvasEmptyHint"));
    QVERIFY(hint && hint->isVisible());
    QVERIFY2(hint->text().contains(QLatin1String("Palette")) && hint->text().contains(QLatin1String("Ctrl+T")),
        qPrintable(hint->text()));

    const Runtime::ObjectId first = view.addTableAtCentre();
    QVERIFY(!hint->isVisible());
    view.addPaletteEntry(PaletteWidget::tableEntry()); // the palette's Enter: at the centre too
    view.addPaletteEntry(PaletteWidget::fieldEntry(QStringLiteral("enum"))); // a field on the selected table
    QCOMPARE(document.undoStack()->count(), 3);
    const std::vector<Runtime::Table> &tables = document.project().tables;
    QCOMPARE(tables.size(), size_t(2));
    QCOMPARE(tables[0].id, first);
    QCOMPARE(tables[0].name, QStringLiteral("table_1"));
    QCOMPARE(tables[1].name, QStringLiteral("table_2"));
    for (const Runtime::Table &table : tables) {
        QCOMPARE(table.fields.front().name, QStringLiteral("id"));
        QCOMPARE(table.fields.front().type, Runtime::FieldType::Integer);
        QCOMPARE(table.fields.front().primaryKey, Runtime::PrimaryKeyKind::AutoIncrement);
    }
    // Both were asked for at the centre: the second lands below the first, never on it.
    QVERIFY(!scene.tableItem(tables[0].id)->sceneBoundingRect().intersects(scene.tableItem(tables[1].id)->sceneBoundingRect()));
    QCOMPARE(document.selection(), QList<Runtime::ObjectId> {tables[1].id});
    const Runtime::Field &choice = tables[1].fields.back();
    QCOMPARE(choice.type, Runtime::FieldType::Enum);
    QCOMPARE(choice.name, QStringLiteral("enum_1"));
    QCOMPARE(choice.enumValues, QStringList {QStringLiteral("option_1")});
    QVERIFY(Runtime::validateProject(document.project()).isEmpty());

    while (document.undoStack()->canUndo())
        document.undoStack()->undo();
    QVERIFY(document.project().tables.empty());
    QVERIFY(hint->isVisible());
}

void tst_Canvas::dropAddsTableAndField()
{
    auto document = loadTemplate(QStringLiteral("chat"));
    QVERIFY(document);
    ErScene scene(document.get());
    ErView view(&scene);
    view.resize(1000, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const size_t tablesBefore = document->project().tables.size();

    // A table dropped on the background.
    const QPoint background(view.viewport()->width() - 30, view.viewport()->height() - 30);
    QVERIFY(!scene.cardAt(view.mapToScene(background)));
    std::unique_ptr<QMimeData> tableData(PaletteWidget::mimeDataFor(PaletteWidget::tableEntry()));
    // A drop goes to the widget that accepted the drag's enter event (QDragManager's current target).
    QDragEnterEvent enter(background, Qt::CopyAction, tableData.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view.viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(background, Qt::CopyAction, tableData.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view.viewport(), &drop);
    QVERIFY(drop.isAccepted());
    QCOMPARE(document->project().tables.size(), tablesBefore + 1);
    const Runtime::Table added = document->project().tables.back();
    QCOMPARE(added.name, QStringLiteral("table_1"));
    QCOMPARE(added.fields.size(), size_t(1));
    QCOMPARE(added.fields.front().primaryKey, Runtime::PrimaryKeyKind::AutoIncrement);
    TableItem *card = scene.tableItem(added.id);
    QVERIFY(card);
    QVERIFY(card->sceneBoundingRect().contains(view.mapToScene(background)));

    // A boolean field dropped on that card.
    std::unique_ptr<QMimeData> fieldData(
        PaletteWidget::mimeDataFor(PaletteWidget::fieldEntry(QStringLiteral("boolean"))));
    QDragEnterEvent fieldEnter(background, Qt::CopyAction, fieldData.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view.viewport(), &fieldEnter);
    QDropEvent fieldDrop(background, Qt::CopyAction, fieldData.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view.viewport(), &fieldDrop);
    QVERIFY(fieldDrop.isAccepted());
    const Runtime::Table *changed = document->project().table(added.id);
    QCOMPARE(changed->fields.size(), size_t(2));
    QCOMPARE(changed->fields.back().type, Runtime::FieldType::Boolean);
    QCOMPARE(scene.tableItem(added.id), card);
    QCOMPARE(card->table().fields.size(), size_t(2));

    // Enter in the palette adds a second table, named table_2.
    PaletteWidget palette;
    connect(&palette, &PaletteWidget::entryActivated, &view, &ErView::addPaletteEntry);
    palette.show();
    palette.setCurrentRow(0);
    palette.setFocus();
    QTest::keyClick(&palette, Qt::Key_Return);
    QCOMPARE(document->project().tables.back().name, QStringLiteral("table_2"));
}

void tst_Canvas::relationshipDrag_data()
{
    QTest::addColumn<Runtime::RelationshipKind>("kind");
    QTest::newRow("one to many") << Runtime::RelationshipKind::OneToMany;
    QTest::newRow("many to many") << Runtime::RelationshipKind::ManyToMany;
}

namespace {
/** Returns a chooser that picks the option of \a choice and keeps what was offered in \a offered. */
ErScene::RelateChooser choose(RelateChoice choice, std::vector<RelateOption> &offered)
{
    return [choice, &offered](const std::vector<RelateOption> &options, const QPoint &) -> std::optional<int> {
        offered = options;
        for (size_t i = 0; i < options.size(); ++i) {
            if (options[i].request.choice == choice)
                return int(i);
        }
        return std::nullopt;
    };
}
} // namespace

void tst_Canvas::relationshipDrag()
{
    QFETCH(Runtime::RelationshipKind, kind);
    auto document = loadTemplate(QStringLiteral("ecommerce"));
    QVERIFY(document);
    ErScene scene(document.get());
    std::vector<RelateOption> offered;
    scene.setRelateChooser(choose(
        kind == Runtime::RelationshipKind::ManyToMany ? RelateChoice::ManyToMany : RelateChoice::OneToMany,
        offered));
    ErView view(&scene);
    view.resize(1400, 900);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.fitToWindow();
    const Runtime::Project &project = document->project();
    const Runtime::ObjectId customers = project.tableByName(QStringLiteral("customers"))->id;
    const Runtime::ObjectId tags = project.tableByName(QStringLiteral("tags"))->id;
    const size_t relationshipsBefore = project.relationships.size();
    const size_t tablesBefore = project.tables.size();
    TableItem *source = scene.tableItem(customers);
    TableItem *target = scene.tableItem(tags);

    const QPoint from = viewPoint(view, source, source->handleCenter(0));
    const QPoint to = view.mapFromScene(target->sceneBoundingRect().center());
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(view.viewport(), (from + to) / 2);
    QTest::mouseMove(view.viewport(), to);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, to);

    // From the key, "a customer has many tags" comes first.
    QCOMPARE(offered.size(), size_t(4));
    QCOMPARE(offered.front().request.choice, RelateChoice::OneToMany);
    QCOMPARE(offered.front().sentence, QStringLiteral("A customer has many tags · Each tag has one customer"));
    QCOMPARE(source->pos(), project.table(customers)->position); // the handle does not move the card
    QCOMPARE(project.relationships.size(), relationshipsBefore + 1);
    const Runtime::Relationship &r = project.relationships.back();
    QCOMPARE(r.kind, kind);
    QCOMPARE(r.fromTableId, customers);
    QCOMPARE(r.toTableId, tags);
    QVERIFY(scene.relationshipItem(r.id));
    QCOMPARE(scene.relationshipItems().size(), qsizetype(project.relationships.size()));
    if (kind == Runtime::RelationshipKind::ManyToMany) {
        QCOMPARE(project.tables.size(), tablesBefore + 1);
        QVERIFY(project.isJunctionTable(r.junctionTableId));
        QVERIFY(scene.tableItem(r.junctionTableId));
        // The junction card lands in free space.
        const QRectF junction = scene.tableItem(r.junctionTableId)->sceneBoundingRect();
        for (TableItem *card : scene.tableItems()) {
            if (card->tableId() != r.junctionTableId)
                QVERIFY2(!card->sceneBoundingRect().intersects(junction), qPrintable(card->table().name));
        }
    } else {
        QCOMPARE(project.tables.size(), tablesBefore);
        QVERIFY(project.table(tags)->field(r.foreignKeyFieldId));
        QCOMPARE(scene.tableItem(tags)->table().fields.size(), project.table(tags)->fields.size());
    }
    document->undoStack()->undo();
    QCOMPARE(project.relationships.size(), relationshipsBefore);
    QCOMPARE(scene.relationshipItems().size(), qsizetype(relationshipsBefore));
    QCOMPARE(scene.tableItems().size(), qsizetype(tablesBefore));
}

// Dragging listings.owner_id onto customers makes owner_id the foreign key to customers: each listing has
// one customer. The menu says so in sentences, with the real names, and undo gives owner_id back as it was.
void tst_Canvas::relationshipDragUsesField()
{
    auto project = std::make_unique<Runtime::Project>();
    const auto table = [&](const QString &name, QPointF position, const QStringList &fields) {
        Runtime::Table t;
        t.id = QStringLiteral("tbl_") + name;
        t.name = name;
        t.position = position;
        Runtime::Field id;
        id.id = QStringLiteral("fld_%1_id").arg(name);
        id.name = QStringLiteral("id");
        id.type = Runtime::FieldType::Integer;
        id.primaryKey = Runtime::PrimaryKeyKind::AutoIncrement;
        t.fields.push_back(id);
        for (const QString &field : fields) {
            Runtime::Field f;
            f.id = QStringLiteral("fld_%1_%2").arg(name, field);
            f.name = field;
            t.fields.push_back(f);
        }
        project->tables.push_back(t);
    };
    table(QStringLiteral("listings"), QPointF(0, 0), {QStringLiteral("title"), QStringLiteral("owner_id")});
    table(QStringLiteral("customers"), QPointF(500, 0), {QStringLiteral("name")});
    ProjectDocument document(std::move(project));
    ErScene scene(&document);
    std::vector<RelateOption> offered;
    scene.setRelateChooser(choose(RelateChoice::ManyToOne, offered));
    ErView view(&scene);
    view.resize(1200, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.fitToWindow();
    TableItem *listings = scene.tableItem(QStringLiteral("tbl_listings"));
    TableItem *customers = scene.tableItem(QStringLiteral("tbl_customers"));
    const QByteArray before = Runtime::writeProject(document.project());

    const QPoint from = viewPoint(view, listings, listings->handleCenter(2)); // owner_id
    const QPoint to = view.mapFromScene(customers->sceneBoundingRect().center());
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(view.viewport(), (from + to) / 2);
    QTest::mouseMove(view.viewport(), to);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, to);

    QCOMPARE(offered.size(), size_t(4));
    QStringList sentences;
    for (const RelateOption &option : offered)
        sentences << option.sentence;
    QCOMPARE(sentences,
        QStringList({QStringLiteral("Each listing has one customer · A customer has many listings"),
            QStringLiteral("Each listing has one customer · A customer has at most one listing"),
            QStringLiteral("A listing has many customers · Each customer has one listing"),
            QStringLiteral("A listing has many customers · A customer has many listings")}));
    QCOMPARE(offered[0].brief, QStringLiteral("uses listings.owner_id, as integer"));
    QCOMPARE(offered[0].effect,
        QStringLiteral("Makes listings.owner_id the foreign key referencing customers. Its type changes from "
                       "text to integer."));
    QCOMPARE(offered[2].brief, QStringLiteral("new field customers.listing_id"));
    QCOMPARE(offered[3].brief, QStringLiteral("new table listings_customers"));

    const Runtime::Project &model = document.project();
    QCOMPARE(model.relationships.size(), size_t(1));
    const Runtime::Relationship &r = model.relationships.front();
    QCOMPARE(r.kind, Runtime::RelationshipKind::OneToMany);
    QCOMPARE(r.fromTableId, QStringLiteral("tbl_customers"));
    QCOMPARE(r.toTableId, QStringLiteral("tbl_listings"));
    QCOMPARE(r.foreignKeyFieldId, QStringLiteral("fld_listings_owner_id"));
    QCOMPARE(model.table(r.toTableId)->fields.size(), size_t(3)); // no field added
    QCOMPARE(model.table(r.toTableId)->field(r.foreignKeyFieldId)->type, Runtime::FieldType::Integer);
    QCOMPARE(document.selection(), QList<Runtime::ObjectId>({r.id}));
    QCOMPARE(document.undoStack()->count(), 1);
    QVERIFY(Runtime::validateProject(model).isEmpty());

    document.undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document.project()), before);

    // One to one with the same field makes it unique.
    scene.setRelateChooser(choose(RelateChoice::OneToOne, offered));
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(view.viewport(), to);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, to);
    QCOMPARE(model.relationships.front().kind, Runtime::RelationshipKind::OneToOne);
    QVERIFY(model.table(QStringLiteral("tbl_listings"))->field(QStringLiteral("fld_listings_owner_id"))->unique);
}

void tst_Canvas::viewCard()
{
    auto document = loadTemplate(QStringLiteral("ecommerce"));
    QVERIFY(document);
    ErScene scene(document.get());
    ErView view(&scene);
    view.resize(1000, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const Runtime::ObjectId orders = QStringLiteral("tbl_orders");
    const int tablesBefore = int(scene.tableItems().size());

    // The palette entry makes a view of the selected table, in free space, selected.
    document->setSelection({orders});
    view.addPaletteEntry(PaletteWidget::viewEntry());
    QCOMPARE(document->project().views.size(), size_t(1));
    const Runtime::View added = document->project().views.front();
    QCOMPARE(added.baseTableId, orders);
    QCOMPARE(document->selection(), QList<Runtime::ObjectId> {added.id});
    TableItem *card = scene.viewItem(added.id);
    QVERIFY(card);
    QVERIFY(card->isViewCard());
    QVERIFY(card->isSelected());
    QCOMPARE(int(scene.tableItems().size()), tablesBefore);
    QCOMPARE(card->table().fields.size(), added.columns.size());
    QCOMPARE(card->table().fields[2].type, Runtime::FieldType::Enum); // the type of its source field
    for (TableItem *other : scene.tableItems())
        QVERIFY2(!other->sceneBoundingRect().intersects(card->sceneBoundingRect()), qPrintable(other->table().name));
    QCOMPARE(scene.viewLines(added.id).size(), 1); // to orders
    QVERIFY(scene.selectedIds().contains(added.id));

    // A related column adds a line to its table.
    Runtime::View wider = added;
    for (const ViewColumnCandidate &candidate : viewColumnCandidates(document->project(), orders)) {
        if (candidate.label == QLatin1String("customer.email"))
            wider = addViewColumn(wider, candidate.column);
    }
    document->undoStack()->push(new ChangeView(document.get(), wider, viewColumnsText(added)));
    QCOMPARE(scene.viewLines(added.id).size(), 2);
    QCOMPARE(card->table().fields.size(), wider.columns.size());

    // Dragging the card is one undoable move; the line follows.
    view.centerOn(card);
    const int commandsBefore = document->undoStack()->count();
    const QPointF start = card->pos();
    const QPoint p = viewPoint(view, card, QPointF(60, 10));
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, p);
    for (int step = 1; step <= 4; ++step)
        QTest::mouseMove(view.viewport(), p + QPoint(step * 10, step * 5));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, p + QPoint(40, 20));
    const QPointF moved = document->project().view(added.id)->position;
    QCOMPARE(moved, start + QPointF(40, 20) / view.zoom());
    QCOMPARE(card->pos(), moved);
    QCOMPARE(document->undoStack()->count(), commandsBefore + 1);
    QVERIFY(scene.viewLines(added.id).front()->path().elementAt(0).x != 0);
    document->undoStack()->undo();
    QCOMPARE(document->project().view(added.id)->position, start);
    QCOMPARE(card->pos(), start);

    // Delete removes the view, undo brings its card back.
    document->setSelection({added.id});
    view.deleteSelection();
    QVERIFY(document->project().views.empty());
    QVERIFY(!scene.viewItem(added.id));
    QVERIFY(scene.viewLines(added.id).isEmpty());
    document->undoStack()->undo();
    QVERIFY(scene.viewItem(added.id));

    // Removing the base table removes the view's card in the same step.
    document->setSelection({orders});
    view.deleteSelection();
    QVERIFY(!scene.viewItem(added.id));
    document->undoStack()->undo();
    QVERIFY(scene.viewItem(added.id));
    QVERIFY(scene.tableItem(orders));
}

void tst_Canvas::deleteKeyRemovesSelection()
{
    auto document = loadTemplate(QStringLiteral("ecommerce"));
    QVERIFY(document);
    ErScene scene(document.get());
    ErView view(&scene);
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const Runtime::Project before = document->project();
    const Runtime::ObjectId reviews = before.tableByName(QStringLiteral("reviews"))->id;
    document->setSelection({reviews});

    QSignalSpy requested(&view, &ErView::deleteRequested);
    QTest::keyClick(view.viewport(), Qt::Key_Delete);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).value<QList<Runtime::ObjectId>>(), QList<Runtime::ObjectId> {reviews});
    QVERIFY(document->project().table(reviews)); // the receiver decides
    view.deleteSelection();
    QVERIFY(!document->project().table(reviews));
    QVERIFY(!scene.tableItem(reviews));
    QCOMPARE(scene.relationshipItems().size(), qsizetype(document->project().relationships.size()));
    document->undoStack()->undo();
    QVERIFY(document->project() == before);
    QCOMPARE(scene.tableItems().size(), qsizetype(before.tables.size()));
    QCOMPARE(scene.relationshipItems().size(), qsizetype(before.relationships.size()));
}

void tst_Canvas::copyPaste()
{
    auto document = loadTemplate(QStringLiteral("ecommerce"));
    QVERIFY(document);
    ErScene scene(document.get());
    ErView view(&scene);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const Runtime::Project &project = document->project();
    const Runtime::ObjectId orders = project.tableByName(QStringLiteral("orders"))->id;
    const Runtime::ObjectId items = project.tableByName(QStringLiteral("order_items"))->id;
    const size_t tablesBefore = project.tables.size();
    const size_t relationshipsBefore = project.relationships.size();
    document->setSelection({orders, items});
    QTest::keyClick(view.viewport(), Qt::Key_C, Qt::ControlModifier);
    {
        auto pasted = pasteTables(project, QGuiApplication::clipboard()->mimeData(), QPointF(40, 40));
        QVERIFY2(pasted, qPrintable(pasted ? QString() : pasted.error().toString()));
    }
    QTest::keyClick(view.viewport(), Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(project.tables.size(), tablesBefore + 2);
    QCOMPARE(project.relationships.size(), relationshipsBefore + 1); // order_items.order_id → orders
    const Runtime::Table *copy = project.tableByName(QStringLiteral("orders_copy"));
    QVERIFY(copy);
    QCOMPARE(copy->position, project.table(orders)->position + QPointF(40, 40));
    QVERIFY(copy->id != orders);
    const Runtime::Relationship &r = project.relationships.back();
    QCOMPARE(r.fromTableId, copy->id);
    QCOMPARE(project.table(r.toTableId)->name, QStringLiteral("order_items_copy"));
    QVERIFY(project.table(r.toTableId)->field(r.foreignKeyFieldId));
    QCOMPARE(document->selection().size(), 2);
    QCOMPARE(scene.tableItems().size(), qsizetype(project.tables.size()));
    QCOMPARE(scene.relationshipItems().size(), qsizetype(project.relationships.size()));
    document->undoStack()->undo();
    QCOMPARE(project.tables.size(), tablesBefore);
}

void tst_Canvas::autoArrangeHasNoOverlaps_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"ecommerce", "saas", "social", "chat", "generated300"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void tst_Canvas::autoArrangeHasNoOverlaps()
{
    QFETCH(QString, name);
    auto document = name == QLatin1String("generated300") ? generatedDocument(300) : loadTemplate(name);
    QVERIFY(document);
    const Runtime::Project &project = document->project();
    const QHash<Runtime::ObjectId, QPointF> positions = arrangeTables(project);
    QCOMPARE(positions.size(), qsizetype(project.tables.size()));
    const QString overlapping = overlap(project, positions);
    QVERIFY2(overlapping.isEmpty(), qPrintable(overlapping));
    QCOMPARE(arrangeTables(project), positions); // deterministic
    // Referenced tables are above the tables that reference them (no cycles in these projects).
    for (const Runtime::Relationship &r : project.relationships) {
        if (!r.isManyToMany() && r.fromTableId != r.toTableId)
            QVERIFY2(positions.value(r.fromTableId).y() < positions.value(r.toTableId).y(), qPrintable(r.id));
    }
}

void tst_Canvas::autoArrangeIsOneUndoStep()
{
    auto document = loadTemplate(QStringLiteral("social"));
    QVERIFY(document);
    ErScene scene(document.get());
    ErView view(&scene);
    const Runtime::Project before = document->project();
    view.autoArrange();
    QCOMPARE(document->undoStack()->count(), 1);
    for (const Runtime::Table &table : document->project().tables)
        QCOMPARE(scene.tableItem(table.id)->pos(), table.position);
    QVERIFY(overlap(document->project(), {}).isEmpty());
    document->undoStack()->undo();
    QVERIFY(document->project() == before);
}

// The keyboard lays out the diagram too: arrows move the selected cards; repeated presses are one step.
void tst_Canvas::arrowKeysMoveSelection()
{
    auto document = loadTemplate(QStringLiteral("ecommerce"));
    QVERIFY(document);
    ErScene scene(document.get());
    ErView view(&scene);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const Runtime::Project before = document->project();
    const Runtime::ObjectId orders = document->project().tableByName(QStringLiteral("orders"))->id;
    const QPointF start = document->project().table(orders)->position;
    document->setSelection({orders});
    view.setFocus();
    QTest::keyClick(view.viewport(), Qt::Key_Right);
    QTest::keyClick(view.viewport(), Qt::Key_Right);
    QTest::keyClick(view.viewport(), Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(document->project().table(orders)->position, start + QPointF(20, 50));
    QCOMPARE(scene.tableItem(orders)->pos(), start + QPointF(20, 50));
    QCOMPARE(document->undoStack()->count(), 1);
    document->undoStack()->undo();
    QVERIFY(document->project() == before);
    // Nothing selected: the arrows scroll the view as usual and change nothing.
    document->setSelection({});
    QTest::keyClick(view.viewport(), Qt::Key_Left);
    QVERIFY(document->project() == before);
}

void tst_Canvas::exportWritesValidFiles()
{
    auto document = loadTemplate(QStringLiteral("ecommerce"));
    QVERIFY(document);
    ErScene scene(document.get());
    document->setSelection({document->project().tables.front().id});
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("diagram.png"));
    const QString svg = dir.filePath(QStringLiteral("diagram.svg"));
    auto pngResult = exportPng(&scene, png);
    QVERIFY2(pngResult, qPrintable(pngResult ? QString() : pngResult.error().message));
    QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > scene.itemsBoundingRect().width());
    auto svgResult = exportSvg(&scene, svg);
    QVERIFY2(svgResult, qPrintable(svgResult ? QString() : svgResult.error().message));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    int elements = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement)
            ++elements;
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(elements > 10);
    QCOMPARE(document->selection().size(), 1); // the export does not change the selection
    QVERIFY(scene.tableItems().size() > 0);

    auto failed = exportPng(&scene, dir.filePath(QStringLiteral("missing/dir/diagram.png")));
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, Runtime::ErrorCode::FileWriteFailed);
    QVERIFY(failed.error().message.contains(QStringLiteral("diagram.png")));
}

void tst_Canvas::zoom()
{
    auto document = loadTemplate(QStringLiteral("ecommerce"));
    QVERIFY(document);
    ErScene scene(document.get());
    ErView view(&scene);
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.zoomIn();
    QCOMPARE(view.zoom(), 1.25);
    view.zoomOut();
    QCOMPARE(view.zoom(), 1.0);
    view.fitToWindow();
    QVERIFY(view.zoom() < 1);
    const QRectF visible = view.mapToScene(view.viewport()->rect()).boundingRect();
    QVERIFY(visible.adjusted(-1, -1, 1, 1).contains(scene.itemsBoundingRect()));
    view.resetZoom();
    QCOMPARE(view.zoom(), 1.0);
    // Ctrl+wheel zooms about the cursor: the scene point under it stays.
    const QPoint cursor(150, 120);
    const QPointF under = view.mapToScene(cursor);
    QWheelEvent wheel(cursor, view.viewport()->mapToGlobal(cursor), {}, QPoint(0, 120), Qt::NoButton,
        Qt::ControlModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(view.viewport(), &wheel);
    QCOMPARE(view.zoom(), 1.25);
    QVERIFY(QLineF(view.mapToScene(cursor), under).length() < 2);
}

// Screen readers see the cards and lines: names, descriptions, selection, where they are on screen.
void tst_Canvas::accessibleCardsAndLines()
{
    auto document = loadTemplate(QStringLiteral("ecommerce"));
    QVERIFY(document);
    ErScene scene(document.get());
    ErView view(&scene);
    view.resize(1200, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.fitToWindow();
    const Runtime::Project &project = document->project();
    QAccessibleInterface *canvas = QAccessible::queryAccessibleInterface(&view);
    QVERIFY(canvas);
    QCOMPARE(canvas->role(), QAccessible::List);
    QCOMPARE(canvas->text(QAccessible::Name), QStringLiteral("ER diagram"));
    QCOMPARE(canvas->childCount(), int(project.tables.size() + project.relationships.size()));
    const QRect onScreen(view.viewport()->mapToGlobal(QPoint(0, 0)), view.viewport()->size());
    for (int i = 0; i < int(project.tables.size()); ++i) {
        QAccessibleInterface *card = canvas->child(i);
        QVERIFY(card && card->isValid());
        QCOMPARE(card->role(), QAccessible::ListItem);
        QCOMPARE(card->text(QAccessible::Name), project.tables[size_t(i)].name);
        QVERIFY2(onScreen.contains(card->rect()), qPrintable(card->text(QAccessible::Name)));
        QCOMPARE(canvas->indexOfChild(card), i);
        QCOMPARE(card->parent(), canvas);
        QCOMPARE(canvas->child(i), card); // the same interface every time
        QVERIFY(card->state().selectable && card->state().focusable && !card->state().selected);
        QCOMPARE(canvas->childAt(card->rect().center().x(), card->rect().top() + 10), card);
    }
    const Runtime::Table &orders = *project.tableByName(QStringLiteral("orders"));
    const int ordersIndex = project.tableIndex(orders.id);
    // "%n field(s)" reads "9 fields" with the English plural forms the application loads.
    const QString ordersText = canvas->child(ordersIndex)->text(QAccessible::Description);
    QVERIFY2(ordersText.startsWith(QStringLiteral("Table orders, %1 field").arg(orders.fields.size()))
            && ordersText.endsWith(QLatin1String(", references customers, referenced by order_items")),
        qPrintable(ordersText));
    const QString tagsText = canvas->child(project.tableIndex(project.tableByName(QStringLiteral("tags"))->id))
                                 ->text(QAccessible::Description);
    QVERIFY2(tagsText.startsWith(QLatin1String("Table tags, 2 field"))
            && tagsText.endsWith(QLatin1String(", referenced by products_tags")),
        qPrintable(tagsText));
    for (int j = 0; j < int(project.relationships.size()); ++j) {
        const Runtime::Relationship &r = project.relationships[size_t(j)];
        QAccessibleInterface *line = canvas->child(int(project.tables.size()) + j);
        QVERIFY(line && line->isValid());
        const QString kind = r.kind == Runtime::RelationshipKind::ManyToMany ? QStringLiteral("many-to-many")
            : r.kind == Runtime::RelationshipKind::OneToOne                  ? QStringLiteral("one-to-one")
                                                                             : QStringLiteral("one-to-many");
        QCOMPARE(line->text(QAccessible::Name),
            QStringLiteral("%1 to %2, %3")
                .arg(project.table(r.fromTableId)->name, project.table(r.toTableId)->name, kind));
        QVERIFY(!line->text(QAccessible::Description).isEmpty());
        QVERIFY(onScreen.intersects(line->rect()));
        QCOMPARE(canvas->indexOfChild(line), int(project.tables.size()) + j);
    }

    // Selecting in the document selects the interfaces.
    const Runtime::ObjectId relationship = project.relationships.front().id;
    document->setSelection({orders.id, relationship});
    for (int i = 0; i < canvas->childCount(); ++i) {
        const bool expected = i == ordersIndex || i == int(project.tables.size());
        QCOMPARE(canvas->child(i)->state().selected, expected);
    }
    // A card scrolled out of the viewport is offscreen; a removed one is invalid until undo.
    view.resetZoom();
    for (int i = 0; i < 4; ++i)
        view.zoomIn();
    view.centerOn(scene.tableItem(project.tables.front().id));
    int offscreen = 0;
    for (int i = 0; i < int(project.tables.size()); ++i) {
        const QRect shown = view.mapFromScene(scene.tableItem(project.tables[size_t(i)].id)->sceneBoundingRect())
                                .boundingRect();
        QCOMPARE(canvas->child(i)->state().offscreen, !view.viewport()->rect().intersects(shown));
        offscreen += canvas->child(i)->state().offscreen ? 1 : 0;
    }
    QVERIFY(offscreen > 0); // at 244 % the diagram is larger than the view
    QAccessibleInterface *ordersCard = canvas->child(ordersIndex);
    document->setSelection({orders.id});
    view.deleteSelection();
    QVERIFY(!ordersCard->isValid());
    QCOMPARE(canvas->childCount(), int(project.tables.size() + project.relationships.size()));
    document->undoStack()->undo();
    QVERIFY(ordersCard->isValid());
    QCOMPARE(ordersCard->text(QAccessible::Name), QStringLiteral("orders"));
}

// Tab walks the cards (selecting each) and leaves the canvas after the last; screen readers are told.
void tst_Canvas::accessibleSelectionAndTabFocus()
{
    auto document = loadTemplate(QStringLiteral("chat"));
    QVERIFY(document);
    QWidget window;
    auto *before = new QLineEdit(&window);
    ErScene scene(document.get());
    auto *view = new ErView(&scene, &window);
    auto *after = new QLineEdit(&window);
    auto *layout = new QVBoxLayout(&window);
    layout->addWidget(before);
    layout->addWidget(view);
    layout->addWidget(after);
    window.resize(900, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    s_accessibleEvents.clear();
    setCanvasAccessibilityObserver(recordAccessibleEvent);
    const auto restore = qScopeGuard([]() { setCanvasAccessibilityObserver({}); });
    const Runtime::Project &project = document->project();
    QAccessibleInterface *canvas = QAccessible::queryAccessibleInterface(view);

    before->setFocus();
    QTest::keyClick(before, Qt::Key_Tab);
    QVERIFY(view->hasFocus());
    QVERIFY(view->currentTableId().isEmpty());
    for (const Runtime::Table &table : project.tables) {
        QTest::keyClick(view, Qt::Key_Tab);
        QVERIFY(view->hasFocus());
        QCOMPARE(view->currentTableId(), table.id);
        QCOMPARE(document->selection(), QList<Runtime::ObjectId> {table.id});
        QVERIFY(told(QAccessible::Focus, table.name));
        QVERIFY(told(QAccessible::SelectionAdd, table.name));
        QAccessibleInterface *focused = canvas->focusChild();
        QVERIFY(focused);
        QCOMPARE(focused->text(QAccessible::Name), table.name);
        QVERIFY(focused->state().focused && focused->state().selected);
    }
    QVERIFY(told(QAccessible::SelectionRemove, project.tables.front().name));
    // Past the last card, Tab leaves the canvas; Shift+Tab comes back to the last card.
    QTest::keyClick(view, Qt::Key_Tab);
    QVERIFY(after->hasFocus());
    QTest::keyClick(after, Qt::Key_Backtab);
    QVERIFY(view->hasFocus());
    QTest::keyClick(view, Qt::Key_Backtab);
    QCOMPARE(view->currentTableId(), project.tables.back().id);
    for (size_t i = 1; i < project.tables.size(); ++i)
        QTest::keyClick(view, Qt::Key_Backtab);
    QCOMPARE(view->currentTableId(), project.tables.front().id);
    QTest::keyClick(view, Qt::Key_Backtab);
    QVERIFY(before->hasFocus());

    // The arrows move the card reached with Tab.
    QTest::keyClick(before, Qt::Key_Tab);
    QTest::keyClick(view, Qt::Key_Tab);
    const QPointF start = project.tables.front().position;
    QTest::keyClick(view, Qt::Key_Right);
    QCOMPARE(project.tables.front().position, start + QPointF(10, 0));

    // A selection made elsewhere moves the focus with it and is announced.
    s_accessibleEvents.clear();
    const Runtime::Table &messages = *project.tableByName(QStringLiteral("messages"));
    document->setSelection({messages.id});
    QCOMPARE(view->currentTableId(), messages.id);
    QVERIFY(told(QAccessible::SelectionAdd, QStringLiteral("messages")));
    QVERIFY(told(QAccessible::Focus, QStringLiteral("messages")));
    QVERIFY(told(QAccessible::SelectionRemove, project.tables.front().name));
}

// The Menu key opens the view's actions at the focused card; a right click selects what it is on.
void tst_Canvas::contextMenuShowsViewActions()
{
    auto document = loadTemplate(QStringLiteral("chat"));
    QVERIFY(document);
    ErScene scene(document.get());
    ErView view(&scene);
    int triggered = 0;
    QAction action(QStringLiteral("Count"));
    connect(&action, &QAction::triggered, &view, [&triggered]() { ++triggered; });
    view.addAction(&action);
    view.resize(900, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.fitToWindow();
    const Runtime::Table &members = *document->project().tableByName(QStringLiteral("members"));
    TableItem *card = scene.tableItem(members.id);
    QTimer::singleShot(0, &view, []() {
        if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) {
            QTest::keyClick(menu, Qt::Key_Down);
            QTest::keyClick(menu, Qt::Key_Return);
        }
    });
    const QPoint at = viewPoint(view, card, QPointF(40, 8));
    QContextMenuEvent click(QContextMenuEvent::Mouse, at, view.viewport()->mapToGlobal(at));
    QCoreApplication::sendEvent(view.viewport(), &click);
    QCOMPARE(document->selection(), QList<Runtime::ObjectId> {members.id});
    QCOMPARE(triggered, 1);
}

void tst_Canvas::screenshots_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("dark");
    QTest::newRow("ecommerce") << QStringLiteral("ecommerce") << false;
    QTest::newRow("saas") << QStringLiteral("saas") << false;
    QTest::newRow("saas-dark") << QStringLiteral("saas") << true;
}

void tst_Canvas::screenshots()
{
    QFETCH(QString, name);
    QFETCH(bool, dark);
    auto document = loadTemplate(name);
    QVERIFY(document);
    ErScene scene(document.get());
    ErView view(&scene);
    if (dark) {
        QPalette palette;
        palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        palette.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        palette.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        palette.setColor(QPalette::Mid, QColor(0x60, 0x60, 0x60));
        palette.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe6));
        view.setPalette(palette);
    }
    view.resize(1400, 900);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.fitToWindow();
    document->setSelection({document->project().tables.at(1).id});
    const QString file
        = QStringLiteral("/tmp/canvas-%1.png").arg(QString::fromLatin1(QTest::currentDataTag()));
    QVERIFY(view.grab().save(file));
}

QTEST_MAIN(tst_Canvas)
#include "tst_canvas.moc"
