// SPDX-License-Identifier: GPL-3.0-or-later
// Tests that the panes stay steady: the fields grid, the rule box and the permission matrix keep their places
// and sizes; status-bar messages end at a word; undo entries say what changed with the current names.
#include "document/projectdocument.h"
#include "editors/fieldeditor.h"
#include "editors/fieldsmodel.h"
#include "editors/permissioneditor.h"
#include "editors/ruleeditor.h"
#include "editors/tableeditor.h"
#include "mainwindow/mainwindow.h"
#include "widgets/elidedlabel.h"
#include "widgets/statusbar.h"
#include "testsupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QUndoStack>
#include <QtTest>

using namespace Designer;
using Runtime::Operation;

namespace {

const QString s_products = QStringLiteral("tbl_products");

std::unique_ptr<ProjectDocument> loadTemplate(const QString &name)
{
    auto loaded = ProjectDocument::load(TestSupport::templatePath(name));
    if (!loaded) {
        qWarning() << loaded.error().toString();
        return nullptr;
    }
    return std::move(loaded).value();
}

/** Returns where \a widget is in \a window and how big it is. */
QRect placeIn(const QWidget *widget, const QWidget *window)
{
    return QRect(widget->mapTo(window, QPoint(0, 0)), widget->size());
}

/** A table editor on the products of the e-commerce template, shown at a dock's size. */
struct TableFixture
{
    std::unique_ptr<ProjectDocument> document = loadTemplate(QStringLiteral("ecommerce"));
    TableEditor editor {document.get()};

    bool show()
    {
        editor.setTableId(s_products);
        editor.resize(460, 800);
        editor.show();
        return QTest::qWaitForWindowExposed(&editor);
    }
    template<typename T>
    T *child(const char *name) const
    {
        return editor.findChild<T *>(QLatin1String(name));
    }
    /** Clicks the name of the field \a name in the grid, as a user would. */
    void clickField(const QString &name)
    {
        auto *view = child<QTableView>("fieldsView");
        const auto &fields = document->project().table(s_products)->fields;
        for (size_t row = 0; row < fields.size(); ++row) {
            if (fields[row].name != name)
                continue;
            const QModelIndex index = editor.fieldsModel()->index(int(row), FieldsModel::NameColumn);
            view->scrollTo(index);
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
        }
        QCoreApplication::processEvents();
    }
};

/** A permissions editor on the saas template, with the delete rule of projects for authenticated chosen. */
struct PermissionFixture
{
    std::unique_ptr<ProjectDocument> document = loadTemplate(QStringLiteral("saas"));
    PermissionEditor editor;

    bool open()
    {
        editor.resize(700, 640);
        editor.setDocument(document.get());
        editor.show();
        if (!QTest::qWaitForWindowExposed(&editor))
            return false;
        editor.setRole(QStringLiteral("authenticated"));
        editor.setCurrentCell(document->project().tableByName(QStringLiteral("projects"))->id, Operation::Delete);
        QTest::mouseClick(editor.accessButton(PermissionEditor::Access::Rule), Qt::LeftButton);
        QCoreApplication::processEvents();
        return editor.ruleEditor()->isEnabled();
    }
    QList<int> rowHeights() const
    {
        QList<int> heights;
        for (int row = 0; row < editor.matrix()->rowCount(); ++row)
            heights << editor.matrix()->rowHeight(row);
        return heights;
    }
};

} // namespace

class tst_Panes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void choosingFieldKeepsGrid();
    void ruleErrorKeepsRuleBox();
    void matrixRowsKeepHeight();
    void statusBarEndsAtWord_data();
    void statusBarEndsAtWord();
    void mainWindowStatusBar();
    void runFailureEndsAtWord();
    void undoTextSaysWhatChanged_data();
    void undoTextSaysWhatChanged();
};

void tst_Panes::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("basalt-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_panes"));
}

void tst_Panes::choosingFieldKeepsGrid()
{
    TableFixture f;
    QVERIFY(f.document);
    QVERIFY(f.show());
    auto *view = f.child<QTableView>("fieldsView");
    const QRect grid = placeIn(view, &f.editor);
    const QRect add = placeIn(f.child<QPushButton>("addFieldButton"), &f.editor);
    const QRect remove = placeIn(f.child<QPushButton>("removeFieldButton"), &f.editor);
    // Fields of other types show other options below the grid; the grid and its buttons stay.
    for (const QString &name : {QStringLiteral("price"), QStringLiteral("name"), QStringLiteral("sku"),
             QStringLiteral("description"), QStringLiteral("stock")}) {
        f.clickField(name);
        QCOMPARE(f.editor.fieldEditor()->findChild<QLineEdit *>(QStringLiteral("fieldNameEdit"))->text(), name);
        QCOMPARE(placeIn(view, &f.editor), grid);
        QCOMPARE(placeIn(f.child<QPushButton>("addFieldButton"), &f.editor), add);
        QCOMPARE(placeIn(f.child<QPushButton>("removeFieldButton"), &f.editor), remove);
    }
    // Never collapsed to a row or two: several fields stay in view.
    QVERIFY2(view->height() > 5 * view->verticalHeader()->defaultSectionSize(), qPrintable(QString::number(view->height())));
}

void tst_Panes::ruleErrorKeepsRuleBox()
{
    PermissionFixture f;
    QVERIFY(f.document);
    QVERIFY(f.open());
    RuleEditor *ruleEditor = f.editor.ruleEditor();
    QPushButton *preset = f.editor.presetButton(PermissionEditor::Preset::PublicRead);
    const QRect ruleBox = placeIn(ruleEditor, &f.editor);
    const QRect presetPlace = placeIn(preset, &f.editor);
    const QRect matrix = placeIn(f.editor.matrix(), &f.editor);
    ruleEditor->setFocus();
    QTest::keyClicks(ruleEditor, QStringLiteral("ownr_id = auth.uid"));
    ruleEditor->checkNow();
    QTRY_VERIFY(!f.editor.diagnosticText().isEmpty());
    auto *diagnostic = f.editor.findChild<QLabel *>(QStringLiteral("ruleDiagnostic"));
    QVERIFY(diagnostic->isVisible());
    QCOMPARE(diagnostic->text(), f.editor.diagnosticText());
    QCoreApplication::processEvents();
    QCOMPARE(placeIn(ruleEditor, &f.editor), ruleBox);
    QCOMPARE(placeIn(preset, &f.editor), presetPlace);
    QCOMPARE(placeIn(f.editor.matrix(), &f.editor), matrix);
    // And back: fixing the rule removes the message, and nothing moves either.
    ruleEditor->setCursorPosition(3);
    QTest::keyClick(ruleEditor, Qt::Key_E);
    ruleEditor->checkNow();
    QTRY_VERIFY(f.editor.diagnosticText().isEmpty());
    QCoreApplication::processEvents();
    QCOMPARE(placeIn(ruleEditor, &f.editor), ruleBox);
    QCOMPARE(placeIn(preset, &f.editor), presetPlace);
}

void tst_Panes::matrixRowsKeepHeight()
{
    PermissionFixture f;
    QVERIFY(f.document);
    QVERIFY(f.open());
    QTest::qWait(0); // the matrix fits its height after the event loop ran
    const QList<int> heights = f.rowHeights();
    const QRect matrix = placeIn(f.editor.matrix(), &f.editor);
    const QRect ruleBox = placeIn(f.editor.ruleEditor(), &f.editor);
    QVERIFY(!heights.isEmpty());
    // A rule many times wider than its column, then the shortest content ("everyone"), then "nobody".
    RuleEditor *ruleEditor = f.editor.ruleEditor();
    ruleEditor->setFocus();
    ruleEditor->selectAll();
    QTest::keyClicks(ruleEditor,
        QStringLiteral("owner_id = auth.uid or owner_id = auth.uid or owner_id = auth.uid or owner_id = auth.uid"));
    QTest::keyClick(ruleEditor, Qt::Key_Return);
    const Runtime::ObjectId projects = f.document->project().tableByName(QStringLiteral("projects"))->id;
    QVERIFY(f.editor.cellText(projects, Operation::Delete).startsWith(QStringLiteral("owner_id = auth.uid or")));
    QTest::qWait(0);
    QCOMPARE(f.rowHeights(), heights);
    QCOMPARE(placeIn(f.editor.matrix(), &f.editor), matrix);
    QCOMPARE(placeIn(f.editor.ruleEditor(), &f.editor), ruleBox);
    // The whole rule is one hover away.
    const int row = f.editor.matrix()->currentRow();
    QVERIFY(f.editor.matrix()->item(row, int(Operation::Delete))->toolTip().endsWith(QStringLiteral("auth.uid")));
    QTest::mouseClick(f.editor.accessButton(PermissionEditor::Access::Everyone), Qt::LeftButton);
    QCOMPARE(f.editor.cellText(projects, Operation::Delete), QStringLiteral("everyone"));
    QTest::qWait(0);
    QCOMPARE(f.rowHeights(), heights);
    QCOMPARE(placeIn(f.editor.ruleEditor(), &f.editor), ruleBox);
}

void tst_Panes::statusBarEndsAtWord_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("width");
    QTest::newRow("fits") << QStringLiteral("Opened shop.basalt. Tables: 4.") << 900;
    QTest::newRow("long, applied steps")
        << QStringLiteral("Applied to the running backend: add column unit_price to products; add column weight_kg "
                          "to products; create index products_sku_idx on products; drop column legacy_code")
        << 520;
    QTest::newRow("long, export path")
        << QStringLiteral("Exported the diagram to /home/someone/projects/shop/diagrams/shop-overview-2026.svg and "
                          "copied its path to the clipboard")
        << 420;
}

void tst_Panes::statusBarEndsAtWord()
{
    QFETCH(QString, message);
    QFETCH(int, width);
    QWidget window;
    auto *bar = new StatusBar(&window);
    auto *permanent = new QLabel(QStringLiteral("Stopped · SQLite"), bar);
    bar->addPermanentWidget(permanent);
    bar->setGeometry(0, 0, width, bar->sizeHint().height());
    window.resize(width, bar->height());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    bar->showMessage(message);
    QCoreApplication::processEvents();
    const QString shown = bar->shownMessage();
    // Whatever is shown fits beside the permanent widget.
    QVERIFY(bar->fontMetrics().horizontalAdvance(shown) <= permanent->x() - 2 - 6);
    if (bar->fontMetrics().horizontalAdvance(message) <= permanent->x() - 8) {
        QCOMPARE(shown, message);
        QVERIFY(bar->toolTip().isEmpty());
        return;
    }
    QVERIFY2(shown.endsWith(QChar(0x2026)), qPrintable(shown));
    const QString start = shown.chopped(1);
    QVERIFY2(message.startsWith(start), qPrintable(shown));
    QVERIFY(start.size() > 10);
    // Cut between words, never inside one.
    QVERIFY2(start.back().isLetterOrNumber() && !message.at(start.size()).isLetterOrNumber(), qPrintable(shown));
    QCOMPARE(bar->toolTip(), message);
    // Drawn so: nothing of the message after the "…" (no clipped rest of it under the shown text).
    const QImage image = bar->grab().toImage();
    const int shownEnd = 6 + bar->fontMetrics().horizontalAdvance(shown) + 4;
    const QColor background = image.pixelColor(shownEnd, 1);
    int drawn = 0;
    for (int x = shownEnd; x < permanent->x() - 4; ++x) {
        for (int y = image.height() / 4; y < image.height() * 3 / 4; ++y)
            drawn += image.pixelColor(x, y) != background ? 1 : 0;
    }
    QCOMPARE(drawn, 0);
    // Wide enough again, the message is whole and needs no tooltip.
    window.resize(4000, window.height());
    bar->resize(4000, bar->height());
    QCOMPARE(bar->shownMessage(), message);
    QVERIFY(bar->toolTip().isEmpty());
}

void tst_Panes::mainWindowStatusBar()
{
    MainWindow window;
    auto *bar = qobject_cast<StatusBar *>(window.statusBar());
    QVERIFY(bar);
    window.resize(700, 500);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString message = QStringLiteral("Applied to the running backend: ") + QStringLiteral("add column x; ").repeated(20);
    bar->showMessage(message);
    QVERIFY(bar->shownMessage().endsWith(QChar(0x2026)));
    QCOMPARE(bar->toolTip(), message);
}

void tst_Panes::runFailureEndsAtWord()
{
    // The run state's message sits in the status bar beside the messages: a long one must not widen the window.
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *label = window.statusBar()->findChild<ElidedLabel *>();
    QVERIFY(label);
    const QString failure = QStringLiteral("The project has 1 problem; fix it in the Problems pane: "
                                           "tables[7].permissions[4].expression: column 28: unknown column \"ownr_id\" "
                                           "in table reviews; its columns are: id, product_id, customer_id, rating");
    const int before = window.minimumSizeHint().width();
    label->setText(failure);
    label->show();
    QVERIFY(window.minimumSizeHint().width() <= before + label->fontMetrics().horizontalAdvance(QStringLiteral("0")) * 12);
    label->resize(300, label->height());
    const QString shown = label->shownText();
    QVERIFY2(shown.endsWith(QChar(0x2026)), qPrintable(shown));
    const QString start = shown.chopped(1);
    QVERIFY(failure.startsWith(start));
    QVERIFY2(!failure.at(start.size()).isLetterOrNumber(), qPrintable(shown));
}

void tst_Panes::undoTextSaysWhatChanged_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("text");
    QTest::newRow("rename field in its editor") << u"fieldName"_qs << u"Rename field price to unit_price in products"_qs;
    QTest::newRow("rename field in the grid") << u"gridName"_qs << u"Rename field sku to code in products"_qs;
    QTest::newRow("rename table") << u"tableName"_qs << u"Rename table products to items"_qs;
    QTest::newRow("make required") << u"required"_qs << u"Make sku required in products"_qs;
    QTest::newRow("change type") << u"type"_qs << u"Change the type of sku in products to email"_qs;
    QTest::newRow("renamed table, then a field") << u"tableThenRequired"_qs << u"Make sku required in items"_qs;
}

void tst_Panes::undoTextSaysWhatChanged()
{
    QFETCH(QString, action);
    QFETCH(QString, text);
    TableFixture f;
    QVERIFY(f.document);
    QVERIFY(f.show());
    QUndoStack *stack = f.document->undoStack();
    FieldEditor *fieldEditor = f.editor.fieldEditor();
    const auto typeInto = [](QLineEdit *edit, const QString &typed) {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, typed);
    };
    if (action == u"fieldName"_qs) {
        f.clickField(u"price"_qs);
        typeInto(fieldEditor->findChild<QLineEdit *>(u"fieldNameEdit"_qs), u"unit_price"_qs);
    } else if (action == u"gridName"_qs) {
        auto *view = f.child<QTableView>("fieldsView");
        f.clickField(u"sku"_qs);
        view->setFocus();
        QTest::keyClick(view, Qt::Key_F2);
        QLineEdit *editor = nullptr;
        for (QLineEdit *child : view->viewport()->findChildren<QLineEdit *>()) {
            if (child->isVisible())
                editor = child;
        }
        QVERIFY(editor);
        typeInto(editor, u"code"_qs);
        QTest::keyClick(editor, Qt::Key_Return);
        QCoreApplication::processEvents(); // the delegate commits in a queued call
    } else if (action == u"tableName"_qs || action == u"tableThenRequired"_qs) {
        typeInto(f.child<QLineEdit>("tableNameEdit"), u"items"_qs);
    }
    if (action == u"required"_qs || action == u"tableThenRequired"_qs) {
        f.clickField(u"sku"_qs);
        QTest::mouseClick(fieldEditor->findChild<QCheckBox *>(u"fieldRequiredCheck"_qs), Qt::LeftButton);
    } else if (action == u"type"_qs) {
        f.clickField(u"sku"_qs);
        auto *combo = fieldEditor->findChild<QComboBox *>(u"fieldTypeCombo"_qs);
        combo->setFocus();
        while (combo->currentText() != u"email"_qs && combo->currentIndex() < combo->count() - 1)
            QTest::keyClick(combo, Qt::Key_Down);
    }
    QCOMPARE(stack->undoText(), text);
    // Typing a name is one step, however many keys it took.
    QCOMPARE(stack->count(), action == u"tableThenRequired"_qs ? 2 : 1);
}

QTEST_MAIN(tst_Panes)
#include "tst_panes.moc"
