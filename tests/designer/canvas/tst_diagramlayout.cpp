// SPDX-License-Identifier: GPL-3.0-or-later
// Tests that diagrams read true: Auto-Arrange puts referenced tables above, lines go around cards, keep
// apart in their channels and carry their crow's feet at the right ends.
#include "canvas/diagrammeasures.h"
#include "canvas/erscene.h"
#include "canvas/erview.h"
#include "canvas/linerouter.h"
#include "canvas/relationshipitem.h"
#include "canvas/tableitem.h"
#include "commands/tablecommands.h"
#include "document/projectdocument.h"
#include "model/project.h"
#include "testsupport.h"

#include <QtTest>

using namespace Designer;

namespace {

std::unique_ptr<ProjectDocument> loadDocument(const QString &name)
{
    if (name.startsWith(QLatin1String("generated")))
        return std::make_unique<ProjectDocument>(TestSupport::generatedProject(name.mid(9).toInt()));
    auto loaded = ProjectDocument::load(TestSupport::templatePath(name));
    if (!loaded) {
        qWarning() << loaded.error().toString();
        return nullptr;
    }
    return std::move(loaded).value();
}

/** Three generated tables (0 → 1 and 1 → 2) at \a positions. */
std::unique_ptr<ProjectDocument> threeTables(const QList<QPointF> &positions)
{
    auto project = TestSupport::generatedProject(3);
    for (size_t i = 0; i < project->tables.size(); ++i)
        project->tables[i].position = positions.at(qsizetype(i));
    return std::make_unique<ProjectDocument>(std::move(project));
}

QRectF cardRect(const TableItem *card)
{
    return card->sceneBoundingRect().adjusted(2, 2, -2, -2);
}

/** Returns true if the horizontal segments \a a and \a b lie on one line and overlap. */
bool alongEachOther(const QLineF &a, const QLineF &b)
{
    if (!qFuzzyCompare(a.y1(), a.y2()) || !qFuzzyCompare(b.y1(), b.y2()) || std::abs(a.y1() - b.y1()) >= 1)
        return false;
    const qreal overlap = std::min(std::max(a.x1(), a.x2()), std::max(b.x1(), b.x2()))
        - std::max(std::min(a.x1(), a.x2()), std::min(b.x1(), b.x2()));
    return overlap > 1;
}

/** Returns a description of the first two segments of different lines that run along each other. */
QString sharedRun(const ErScene &scene)
{
    struct Segment
    {
        QLineF line;
        const RelationshipItem *owner;
    };
    QList<Segment> segments;
    const auto items = scene.relationshipItems();
    for (const RelationshipItem *item : items) {
        for (const QPolygonF &route : item->routes()) {
            // Stubs meet at their key's row by design: only the parts between them count.
            for (qsizetype i = 2; i + 1 < route.size(); ++i)
                segments.append({QLineF(route[i - 1], route[i]), item});
        }
    }
    for (qsizetype i = 0; i < segments.size(); ++i) {
        for (qsizetype j = i + 1; j < segments.size(); ++j) {
            const QLineF &a = segments[i].line;
            const QLineF &b = segments[j].line;
            if (segments[i].owner == segments[j].owner)
                continue;
            // Transposed, a vertical pair is a horizontal one.
            const auto transposed
                = [](const QLineF &line) { return QLineF(line.y1(), line.x1(), line.y2(), line.x2()); };
            const bool vertical = qFuzzyCompare(a.x1(), a.x2()) && qFuzzyCompare(b.x1(), b.x2());
            if (vertical ? alongEachOther(transposed(a), transposed(b)) : alongEachOther(a, b))
                return segments[i].owner->relationshipId() + QLatin1String(" / ")
                    + segments[j].owner->relationshipId();
        }
    }
    return {};
}

/** Returns the routes of every line of \a scene, in model order. */
QList<QPolygonF> allRoutes(const ErScene &scene)
{
    QList<QPolygonF> routes;
    for (const Runtime::Relationship &r : scene.document()->project().relationships)
        routes.append(scene.relationshipItem(r.id)->routes());
    return routes;
}

} // namespace

class tst_DiagramLayout : public QObject
{
    Q_OBJECT

private slots:
    void measures();
    void arrangedDiagramsReadTrue_data();
    void arrangedDiagramsReadTrue();
    void lineGoesAroundACardBetween();
    void cardMovedOntoALine();
    void movingACardReroutesOnlyWhatItMust();
    void parallelLinesKeepApart();
    void crowsFeetAtTheForeignKey();
};

void tst_DiagramLayout::measures()
{
    const QList<QRectF> cards {QRectF(0, 0, 100, 100)};
    // Two lines that cross once; one of them passes under the card.
    const QPolygonF across {QPointF(-50, 50), QPointF(150, 50)};
    const QPolygonF down {QPointF(120, -20), QPointF(120, 80)};
    DiagramMeasures measures = measureLines({{across}, {down}}, cards);
    QCOMPARE(measures.crossings, 1);
    QCOMPARE(measures.linesUnderCards, 1);
    // A line that starts on the card's edge (2 units inside, as the canvas draws it) is not under it; lines
    // that meet where they end do not cross.
    const QPolygonF fromEdge {QPointF(98, 50), QPointF(140, 50), QPointF(140, 200)};
    const QPolygonF alsoFromEdge {QPointF(98, 50), QPointF(140, 50), QPointF(140, -100)};
    measures = measureLines({{fromEdge}, {alsoFromEdge}}, cards);
    QCOMPARE(measures.crossings, 0);
    QCOMPARE(measures.linesUnderCards, 0);
}

void tst_DiagramLayout::arrangedDiagramsReadTrue_data()
{
    QTest::addColumn<QString>("name");
    // Crossings after Auto-Arrange with the old column layering and the old router, which drew lines under
    // the cards (tests/benchmarks/README.md, #14): Auto-Arrange now crosses at least a third fewer times.
    QTest::addColumn<int>("crossingsBefore");
    QTest::newRow("ecommerce") << QStringLiteral("ecommerce") << 7;
    QTest::newRow("saas") << QStringLiteral("saas") << 4;
    QTest::newRow("social") << QStringLiteral("social") << 0;
    QTest::newRow("chat") << QStringLiteral("chat") << 0;
    QTest::newRow("generated300") << QStringLiteral("generated300") << 2487;
}

void tst_DiagramLayout::arrangedDiagramsReadTrue()
{
    QFETCH(QString, name);
    QFETCH(int, crossingsBefore);
    auto document = loadDocument(name);
    QVERIFY(document);
    ErScene scene(document.get());
    ErView view(&scene);
    view.autoArrange();
    QCOMPARE(document->undoStack()->count(), 1);
    const DiagramMeasures measures = measureDiagram(scene);
    QCOMPARE(measures.linesUnderCards, 0);
    QVERIFY2(measures.crossings <= crossingsBefore * 2 / 3,
        qPrintable(QStringLiteral("%1 crossings, before %2").arg(measures.crossings).arg(crossingsBefore)));
    // The lines drawn are the lines measured when the layout was chosen, and undo and redo bring them back.
    const QList<QPolygonF> arrangedRoutes = allRoutes(scene);
    document->undoStack()->undo();
    document->undoStack()->redo();
    QCOMPARE(allRoutes(scene), arrangedRoutes);
    // Each card lies above the cards that reference it (a junction below both of its sides).
    const Runtime::Project &project = document->project();
    auto above = [&](const Runtime::ObjectId &upper, const Runtime::ObjectId &lower) {
        return upper == lower
            || cardRect(scene.tableItem(upper)).bottom() < cardRect(scene.tableItem(lower)).top();
    };
    for (const Runtime::Relationship &r : project.relationships) {
        if (r.isManyToMany()) {
            QVERIFY2(above(r.fromTableId, r.junctionTableId), qPrintable(r.id));
            QVERIFY2(above(r.toTableId, r.junctionTableId), qPrintable(r.id));
        } else {
            QVERIFY2(above(r.fromTableId, r.toTableId), qPrintable(r.id));
        }
    }
    const QList<TableItem *> cards = scene.tableItems();
    for (qsizetype i = 0; i < cards.size(); ++i) {
        for (qsizetype j = i + 1; j < cards.size(); ++j)
            QVERIFY(!cardRect(cards[i]).intersects(cardRect(cards[j])));
    }
}

void tst_DiagramLayout::lineGoesAroundACardBetween()
{
    // table_0 and table_1 side by side, table_2 right between them, on the straight way.
    auto document = threeTables({QPointF(0, 0), QPointF(900, 0), QPointF(450, -40)});
    ErScene scene(&*document);
    const RelationshipItem *line = scene.relationshipItem(QStringLiteral("rel_1"));
    QVERIFY(line);
    QCOMPARE(line->routes().size(), 1);
    const QPolygonF route = line->routes().front();
    const QRectF between = cardRect(scene.tableItem(QStringLiteral("tbl_2")));
    for (qsizetype i = 1; i < route.size(); ++i) {
        QVERIFY2(!segmentEntersRect(route[i - 1], route[i], between), qPrintable(QString::number(i)));
        // Orthogonal: each segment is horizontal or vertical.
        QVERIFY(
            qFuzzyCompare(route[i - 1].x(), route[i].x()) || qFuzzyCompare(route[i - 1].y(), route[i].y()));
    }
    QVERIFY2(route.size() > 4, "the line bends around the card");
    QCOMPARE(measureDiagram(scene).linesUnderCards, 0);
}

void tst_DiagramLayout::cardMovedOntoALine()
{
    auto document = threeTables({QPointF(0, 0), QPointF(900, 0), QPointF(400, 600)});
    ErScene scene(&*document);
    QCOMPARE(measureDiagram(scene).linesUnderCards, 0);
    // Moving table_2 onto the line of rel_1 (which does not join it) makes that line go around it.
    const QPolygonF before = scene.relationshipItem(QStringLiteral("rel_1"))->routes().front();
    document->undoStack()->push(new MoveTables(&*document, {{QStringLiteral("tbl_2"), QPointF(450, -40)}}));
    QVERIFY(scene.relationshipItem(QStringLiteral("rel_1"))->routes().front() != before);
    QCOMPARE(measureDiagram(scene).linesUnderCards, 0);
    document->undoStack()->undo();
    QCOMPARE(measureDiagram(scene).linesUnderCards, 0);
}

void tst_DiagramLayout::movingACardReroutesOnlyWhatItMust()
{
    auto document = loadDocument(QStringLiteral("generated300"));
    ErScene scene(&*document);
    QHash<const RelationshipItem *, QList<QPolygonF>> planned;
    for (const RelationshipItem *item : scene.relationshipItems())
        planned.insert(item, item->plannedRoutes());
    // table_5 moves to free space far away: only its own lines are routed again.
    const Runtime::ObjectId moved = QStringLiteral("tbl_5");
    document->undoStack()->push(new MoveTables(&*document, {{moved, QPointF(-3000, -3000)}}));
    int rerouted = 0;
    for (const RelationshipItem *item : scene.relationshipItems()) {
        const Runtime::Relationship &r = item->relationship();
        if (r.fromTableId == moved || r.toTableId == moved) {
            ++rerouted;
            QVERIFY(item->plannedRoutes() != planned.value(item));
        } else {
            QCOMPARE(item->plannedRoutes(), planned.value(item));
        }
    }
    QVERIFY(rerouted > 0);
}

void tst_DiagramLayout::parallelLinesKeepApart()
{
    // table_1 references table_0 and table_2 references table_1; put 0 top left and 1, 2 stacked right of
    // it, so that both lines run down the same gap; then Auto-Arrange the social template.
    auto document = threeTables({QPointF(0, 0), QPointF(600, 400), QPointF(600, 0)});
    ErScene scene(&*document);
    const QString shared = sharedRun(scene);
    QVERIFY2(shared.isEmpty(), qPrintable(shared));

    auto social = loadDocument(QStringLiteral("social"));
    ErScene socialScene(&*social);
    ErView view(&socialScene);
    view.autoArrange();
    const QString socialShared = sharedRun(socialScene);
    QVERIFY2(socialShared.isEmpty(), qPrintable(socialShared));
}

void tst_DiagramLayout::crowsFeetAtTheForeignKey()
{
    auto document = loadDocument(QStringLiteral("ecommerce"));
    ErScene scene(&*document);
    ErView view(&scene);
    view.autoArrange();
    const Runtime::Project &project = document->project();
    auto meets
        = [&](const QPointF &point, const Runtime::ObjectId &tableId, const Runtime::ObjectId &fieldId) {
              const TableItem *card = scene.tableItem(tableId);
              const QRectF rect = cardRect(card);
              const qreal rowY = card->mapToScene(QPointF(0, card->rowCenterY(card->rowOf(fieldId)))).y();
              const bool onSide
                  = std::abs(point.x() - rect.left()) < 0.5 || std::abs(point.x() - rect.right()) < 0.5;
              return onSide && std::abs(point.y() - rowY) < 0.5;
          };
    for (const Runtime::Relationship &r : project.relationships) {
        if (r.isManyToMany())
            continue;
        const RelationshipItem *line = scene.relationshipItem(r.id);
        QVERIFY(line);
        const QPolygonF route = line->routes().front();
        // The "one" end at the referenced table's key, the "many" end at the row of the foreign key.
        QVERIFY2(meets(route.first(), r.fromTableId, project.table(r.fromTableId)->primaryKey()->id),
            qPrintable(r.id));
        QVERIFY2(meets(route.last(), r.toTableId, r.foreignKeyFieldId), qPrintable(r.id));
    }
}

QTEST_MAIN(tst_DiagramLayout)
#include "tst_diagramlayout.moc"
