// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the view editor in the properties pane: every edit of the real widgets is one undo step.
#include "commands/viewcommands.h"
#include "commands/viewedits.h"
#include "document/projectdocument.h"
#include "editors/ruleeditor.h"
#include "editors/vieweditor.h"
#include "io/projectwriter.h"
#include "mainwindow/deleteguard.h"
#include "mainwindow/propertiesdock.h"
#include "testsupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTableWidget>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

using namespace Designer;

namespace {
const Runtime::ObjectId s_orders = QStringLiteral("tbl_orders");

std::unique_ptr<ProjectDocument> documentWithView(Runtime::ObjectId &viewId)
{
    auto loaded = ProjectDocument::load(TestSupport::templatePath(QStringLiteral("ecommerce")));
    if (!loaded)
        return nullptr;
    auto document = std::move(loaded).value();
    const Runtime::View view = newView(document->project(), s_orders, QPointF(900, 0));
    viewId = view.id;
    document->undoStack()->push(new AddView(document.get(), view));
    document->undoStack()->clear();
    return document;
}

// Types \a text into \a edit, replacing what it held, and leaves it as the user would (editingFinished).
void typeAndLeave(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}
} // namespace

class tst_ViewEditor : public QObject
{
    Q_OBJECT

private slots:
    void propertiesDockShowsViewEditor();
    void editsAreUndoSteps();
    void filterIsCheckedWhileTyping();
    void rules();
    void deleteGuardNamesViews();
};

void tst_ViewEditor::propertiesDockShowsViewEditor()
{
    Runtime::ObjectId viewId;
    auto document = documentWithView(viewId);
    QVERIFY(document);
    PropertiesDock dock;
    dock.setDocument(document.get());
    dock.show();
    document->setSelection({viewId});
    QVERIFY(dock.viewEditor());
    QCOMPARE(dock.viewEditor()->viewId(), viewId);
    QVERIFY(dock.viewEditor()->isVisible());
    QCOMPARE(dock.viewEditor()->findChild<QLineEdit *>(QStringLiteral("viewNameEdit"))->text(),
        QStringLiteral("orders_view"));
    document->setSelection({s_orders});
    QVERIFY(!dock.viewEditor()->isVisible());
}

void tst_ViewEditor::editsAreUndoSteps()
{
    Runtime::ObjectId viewId;
    auto document = documentWithView(viewId);
    QVERIFY(document);
    const QByteArray original = Runtime::writeProject(document->project());
    ViewEditor editor(document.get());
    editor.setViewId(viewId);
    editor.resize(500, 900);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QUndoStack *stack = document->undoStack();
    const auto view = [&]() { return *document->project().view(viewId); };

    typeAndLeave(editor.findChild<QLineEdit *>(QStringLiteral("viewNameEdit")), QStringLiteral("open_orders"));
    QCOMPARE(view().name, QStringLiteral("open_orders"));
    QCOMPARE(stack->count(), 1);
    QCOMPARE(stack->text(0), QStringLiteral("Rename view orders_view to open_orders"));

    // Columns: rename the third, remove the first, move the new first down, add a related one.
    auto *columns = editor.findChild<QTableWidget *>(QStringLiteral("viewColumnsTable"));
    QCOMPARE(columns->rowCount(), int(view().columns.size()));
    columns->item(2, 0)->setText(QStringLiteral("order_status"));
    QCOMPARE(view().columns[2].name, QStringLiteral("order_status"));
    QCOMPARE(stack->count(), 2);
    columns->setCurrentCell(0, 0);
    editor.findChild<QToolButton *>(QStringLiteral("viewRemoveColumnButton"))->click();
    QCOMPARE(view().columns.front().name, QStringLiteral("customer_id"));
    editor.findChild<QToolButton *>(QStringLiteral("viewColumnDownButton"))->click();
    QCOMPARE(view().columns[1].name, QStringLiteral("customer_id"));
    QCOMPARE(columns->currentRow(), 1);
    QMenu *add = editor.findChild<QToolButton *>(QStringLiteral("viewAddColumnButton"))->menu();
    QAction *email = nullptr;
    for (QAction *action : add->actions()) {
        if (action->text().startsWith(QLatin1String("customer.email")))
            email = action;
    }
    QVERIFY(email);
    email->trigger();
    QCOMPARE(view().columns.back().name, QStringLiteral("customer_email"));
    QVERIFY(!view().columns.back().relationshipId.isEmpty());
    QCOMPARE(columns->rowCount(), int(view().columns.size()));
    QCOMPARE(stack->count(), 5);

    // The base table resets the columns.
    auto *base = editor.findChild<QComboBox *>(QStringLiteral("viewBaseTableCombo"));
    const int customers = base->findData(QStringLiteral("tbl_customers"));
    base->setCurrentIndex(customers);
    emit base->activated(customers);
    QCOMPARE(view().baseTableId, QStringLiteral("tbl_customers"));
    QCOMPARE(stack->count(), 6);

    while (stack->canUndo())
        stack->undo();
    QCOMPARE(Runtime::writeProject(document->project()), original);
    QCOMPARE(columns->rowCount(), int(view().columns.size()));
    QCOMPARE(editor.findChild<QLineEdit *>(QStringLiteral("viewNameEdit"))->text(), QStringLiteral("orders_view"));
}

void tst_ViewEditor::filterIsCheckedWhileTyping()
{
    Runtime::ObjectId viewId;
    auto document = documentWithView(viewId);
    QVERIFY(document);
    ViewEditor editor(document.get());
    editor.setViewId(viewId);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    auto *filter = editor.findChild<QLineEdit *>(QStringLiteral("viewFilterEdit"));
    auto *status = editor.findChild<QLabel *>(QStringLiteral("viewFilterStatus"));

    filter->setFocus();
    QTest::keyClicks(filter, QStringLiteral("total=zz.3"));
    // The parser's own message, with the position, and nothing pushed while typing.
    QVERIFY2(status->text().contains(QLatin1String("position 1")), qPrintable(status->text()));
    QCOMPARE(status->text(), editor.filterProblem(QStringLiteral("total=zz.3")));
    QCOMPARE(document->undoStack()->count(), 0);

    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("nothere=eq.3"));
    QVERIFY2(status->text().contains(QLatin1String("nothere")), qPrintable(status->text()));

    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("total=gt.100&status=neq.cancelled"));
    QVERIFY(editor.filterProblem(filter->text()).isEmpty());
    QCOMPARE(status->text(), QStringLiteral("The filter is valid."));
    QTest::keyClick(filter, Qt::Key_Return);
    QCOMPARE(document->project().view(viewId)->filter, QStringLiteral("total=gt.100&status=neq.cancelled"));
    QCOMPARE(document->undoStack()->count(), 1);
    document->undoStack()->undo();
    QVERIFY(document->project().view(viewId)->filter.isEmpty());
    QVERIFY(filter->text().isEmpty() || filter->hasFocus());
}

void tst_ViewEditor::rules()
{
    Runtime::ObjectId viewId;
    auto document = documentWithView(viewId);
    QVERIFY(document);
    ViewEditor editor(document.get());
    editor.setViewId(viewId);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    auto *anon = editor.findChild<QCheckBox *>(QStringLiteral("viewRuleCheck_anon"));
    auto *admin = editor.findChild<QCheckBox *>(QStringLiteral("viewRuleCheck_admin"));
    QVERIFY(anon);
    QVERIFY(admin);
    QVERIFY(!anon->isChecked());
    anon->click();
    QCOMPARE(document->project().view(viewId)->permissions.size(), size_t(1));
    QCOMPARE(document->project().view(viewId)->permissions.front().role, QStringLiteral("anon"));
    QCOMPARE(document->project().view(viewId)->permissions.front().operation, Runtime::Operation::Select);

    // The rule editor checks against the view's columns (the runtime's checker) and commits on Enter.
    anon = editor.findChild<QCheckBox *>(QStringLiteral("viewRuleCheck_anon"));
    QVERIFY(anon->isChecked());
    auto *rule = editor.findChild<RuleEditor *>(QStringLiteral("viewRuleEdit_anon"));
    QVERIFY(rule->isEnabled());
    rule->setFocus();
    QTest::keyClicks(rule, QStringLiteral("nothere > 3"));
    rule->checkNow();
    QVERIFY(rule->diagnostic().has_value());
    rule->clear();
    QTest::keyClicks(rule, QStringLiteral("total > 3"));
    rule->checkNow();
    QVERIFY(!rule->diagnostic().has_value());
    QTest::keyClick(rule, Qt::Key_Return);
    QCOMPARE(document->project().view(viewId)->permissions.front().expression, QStringLiteral("total > 3"));
    QCOMPARE(document->undoStack()->count(), 2);
    document->undoStack()->undo();
    document->undoStack()->undo();
    QVERIFY(document->project().view(viewId)->permissions.empty());
    QVERIFY(!editor.findChild<QCheckBox *>(QStringLiteral("viewRuleCheck_anon"))->isChecked());
}

void tst_ViewEditor::deleteGuardNamesViews()
{
    Runtime::ObjectId viewId;
    auto document = documentWithView(viewId);
    QVERIFY(document);
    DeleteGuard guard;
    QStringList asked;
    DeleteGuard::Decision answer = DeleteGuard::Decision::Cancel;
    guard.setDecisionHook([&](const QString &text) {
        asked << text;
        return answer;
    });
    // Deleting the view's table asks, naming the view; another table is deleted without a question.
    QVERIFY(!guard.confirm(document.get(), {s_orders}));
    QCOMPARE(asked.size(), 1);
    QVERIFY2(asked.front().contains(QLatin1String("orders_view")), qPrintable(asked.front()));
    answer = DeleteGuard::Decision::Delete;
    QVERIFY(guard.confirm(document.get(), {s_orders}));
    QVERIFY(guard.confirm(document.get(), {QStringLiteral("tbl_tags")}));
    QVERIFY(guard.confirm(document.get(), {s_orders, viewId}));
    QCOMPARE(asked.size(), 2);
}

QTEST_MAIN(tst_ViewEditor)
#include "tst_vieweditor.moc"
