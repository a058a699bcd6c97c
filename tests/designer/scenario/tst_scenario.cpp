// SPDX-License-Identifier: GPL-3.0-or-later
// A builder's first session, through the real main window: tables from the palette, fields, a one-to-many
// and a many-to-many relationship drawn on the canvas, a rule; then undo all of it, save, reopen, compare.
#include "canvas/erscene.h"
#include "canvas/erview.h"
#include "canvas/tableitem.h"
#include "document/projectdocument.h"
#include "editors/permissioneditor.h"
#include "editors/ruleeditor.h"
#include "editors/tableeditor.h"
#include "io/projectvalidator.h"
#include "io/projectwriter.h"
#include "mainwindow/fileactions.h"
#include "mainwindow/mainwindow.h"
#include "widgets/palettewidget.h"

#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace Designer;

namespace {
// Drops the palette entry \a entry at \a point of the canvas, as a drag from the palette ends.
bool dropOnCanvas(ErView *view, const QString &entry, const QPoint &point)
{
    std::unique_ptr<QMimeData> data(PaletteWidget::mimeDataFor(entry));
    QDragEnterEvent enter(point, Qt::CopyAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &enter);
    QDropEvent drop(point, Qt::CopyAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &drop);
    return drop.isAccepted();
}

// Drags from the relationship handle of \a from's first row onto the card \a to.
void drawRelationship(ErView *view, TableItem *from, TableItem *to)
{
    const QPoint start = view->mapFromScene(from->mapToScene(from->handleCenter(0)));
    const QPoint end = view->mapFromScene(to->sceneBoundingRect().center());
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, start);
    QTest::mouseMove(view->viewport(), (start + end) / 2);
    QTest::mouseMove(view->viewport(), end);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, end);
}

// Renames the selected table through the properties pane, typing as a user does. Returns false if the
// pane shows no name field.
bool renameSelected(MainWindow &window, const QString &name)
{
    QLineEdit *nameEdit = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        nameEdit = window.findChild<QLineEdit *>(QStringLiteral("tableNameEdit"));
        return nameEdit && nameEdit->isVisible();
    });
    if (!shown)
        return false;
    nameEdit->setFocus();
    nameEdit->selectAll();
    QTest::keyClicks(nameEdit, name);
    QTest::keyClick(nameEdit, Qt::Key_Tab);
    return true;
}
} // namespace

class tst_Scenario : public QObject
{
    Q_OBJECT

private slots:
    void firstSession();
};

void tst_Scenario::firstSession()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString blankFile = dir.filePath(QStringLiteral("blank.basalt"));
    {
        QFile file(blankFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"formatVersion": 1, "name": "Library", "tables": []})");
    }
    MainWindow window;
    window.fileActions()->setSaveDecisionHook([] { return QMessageBox::Discard; });
    window.resize(1500, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(blankFile));
    ProjectDocument *document = window.document();
    const QByteArray original = Runtime::writeProject(document->project());
    ErView *view = window.canvas();
    auto *scene = qobject_cast<ErScene *>(view->scene());
    QVERIFY(scene);
    RelateChoice nextChoice = RelateChoice::OneToMany;
    scene->setRelateChooser([&nextChoice](const std::vector<RelateOption> &options, const QPoint &) -> std::optional<int> {
        for (size_t i = 0; i < options.size(); ++i) {
            if (options[i].request.choice == nextChoice)
                return int(i);
        }
        return std::nullopt;
    });

    // Three tables from the palette, each named in the properties pane, two with an extra field.
    const QPoint spots[] = {{120, 120}, {520, 160}, {920, 120}};
    const QString names[] = {QStringLiteral("authors"), QStringLiteral("books"), QStringLiteral("tags")};
    QList<Runtime::ObjectId> ids;
    for (int i = 0; i < 3; ++i) {
        QVERIFY(dropOnCanvas(view, PaletteWidget::tableEntry(), spots[i]));
        ids << document->project().tables.back().id;
        document->setSelection({ids.back()});
        QVERIFY2(renameSelected(window, names[i]), "the properties pane shows no table name");
        QCOMPARE(document->project().tables.back().name, names[i]);
        if (i < 2) {
            auto *addField = window.findChild<QPushButton *>(QStringLiteral("addFieldButton"));
            QVERIFY(addField);
            QTest::mouseClick(addField, Qt::LeftButton);
        }
    }
    QCOMPARE(document->project().tables.size(), size_t(3));
    QCOMPARE(document->project().tables.front().fields.size(), size_t(2));

    // authors 1:N books (books.author_id), books N:M tags through a visible junction table.
    view->fitToWindow();
    drawRelationship(view, scene->tableItem(ids[0]), scene->tableItem(ids[1]));
    nextChoice = RelateChoice::ManyToMany;
    drawRelationship(view, scene->tableItem(ids[1]), scene->tableItem(ids[2]));
    const Runtime::Project &project = document->project();
    QCOMPARE(project.relationships.size(), size_t(2));
    QVERIFY(project.table(ids[1])->fieldByName(QStringLiteral("author_id")));
    QVERIFY(project.tableByName(QStringLiteral("books_tags")));
    QVERIFY(project.relationships.back().isManyToMany());

    // A rule: signed-in users see the books that have an author.
    PermissionEditor *permissions = window.permissionEditor();
    permissions->setRole(QStringLiteral("authenticated"));
    permissions->setCurrentCell(ids[1], Runtime::Operation::Select);
    QTest::mouseClick(permissions->accessButton(PermissionEditor::Access::Rule), Qt::LeftButton);
    QTRY_VERIFY(permissions->ruleEditor()->isEnabled());
    permissions->ruleEditor()->setFocus();
    QTest::keyClicks(permissions->ruleEditor(), QStringLiteral("author.id is not null"));
    QTest::keyClick(permissions->ruleEditor(), Qt::Key_Return);
    const std::vector<Runtime::PermissionRule> &rules = project.table(ids[1])->permissions;
    QCOMPARE(rules.size(), size_t(1));
    QCOMPARE(rules.front().expression, QStringLiteral("author.id is not null"));

    // What was built is a valid project; saved and reopened it is the same, byte for byte.
    const QList<Runtime::Problem> problems = Runtime::validateProject(project);
    for (const Runtime::Problem &problem : problems)
        QVERIFY2(problem.severity != Runtime::Problem::Severity::Error, qPrintable(problem.toString()));
    const QByteArray built = Runtime::writeProject(project);
    const QString savedFile = dir.filePath(QStringLiteral("library.basalt"));
    QVERIFY(document->saveAs(savedFile));
    MainWindow reopened;
    QVERIFY(reopened.openFile(savedFile));
    QCOMPARE(Runtime::writeProject(reopened.document()->project()), built);

    // Undo all of it: the blank project again; redo all: the same project again.
    QUndoStack *stack = document->undoStack();
    QVERIFY(stack->count() >= 9);
    stack->setIndex(0);
    QCOMPARE(Runtime::writeProject(document->project()), original);
    for (const Runtime::ObjectId &id : std::as_const(ids))
        QVERIFY(!scene->tableItem(id)); // the canvas follows the undo
    stack->setIndex(stack->count());
    QCOMPARE(Runtime::writeProject(document->project()), built);
    QCOMPARE(scene->tableItem(ids[1]) != nullptr, true);
}

QTEST_MAIN(tst_Scenario)
#include "tst_scenario.moc"
