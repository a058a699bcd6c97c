// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the permissions editor: the matrix, the rule editor and the presets, driven with real key and
// mouse events on the templates.
#include "document/projectdocument.h"
#include "editors/permissioneditor.h"
#include "editors/ruleeditor.h"
#include "io/projectwriter.h"
#include "testsupport.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCompleter>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QtTest>

using namespace Designer;
using Runtime::Operation;

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

Runtime::ObjectId tableId(const ProjectDocument &document, const QString &name)
{
    const Runtime::Table *table = document.project().tableByName(name);
    return table ? table->id : Runtime::ObjectId();
}

/** Returns the rule of \a role and \a op on \a table, or nullopt when there is none. */
std::optional<QString> ruleOf(
    const ProjectDocument &document, const QString &table, const QString &role, Operation op)
{
    for (const Runtime::PermissionRule &rule : document.project().tableByName(table)->permissions) {
        if (rule.role == role && rule.operation == op)
            return rule.expression;
    }
    return std::nullopt;
}

/** An editor showing a template, with one cell chosen. */
struct Fixture
{
    std::unique_ptr<ProjectDocument> document;
    PermissionEditor editor;
    QByteArray original;

    bool open(const QString &templateName, const QString &role, const QString &table, Operation op)
    {
        document = loadTemplate(templateName);
        if (!document)
            return false;
        original = Runtime::writeProject(document->project());
        editor.resize(700, 600);
        editor.setDocument(document.get());
        editor.show();
        if (!QTest::qWaitForWindowExposed(&editor))
            return false;
        editor.setRole(role);
        editor.setCurrentCell(tableId(*document, table), op);
        return editor.role() == role && editor.currentTableId() == tableId(*document, table);
    }
};

} // namespace

class TestPermissions : public QObject
{
    Q_OBJECT

private slots:
    void matrixShowsTemplateRules_data();
    void matrixShowsTemplateRules();
    void everyoneIsOneUndoStep();
    void nobodyRemovesTheRule();
    void typedRuleIsOneUndoStep();
    void invalidRuleIsUnderlined();
    void completion();
    void completionPopup();
    void presets_data();
    void presets();
    void matrixFollowsSelection();
    void readableInDarkPalette();
    void documentReplaced();
};

void TestPermissions::matrixShowsTemplateRules_data()
{
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("role");
    QTest::addColumn<int>("operation");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ecommerce products anon select") << "ecommerce"
                                                    << "products"
                                                    << "anon" << int(Operation::Select) << "active = true";
    QTest::newRow("ecommerce order_items anon select") << "ecommerce"
                                                       << "order_items"
                                                       << "anon" << int(Operation::Select) << "nobody";
    QTest::newRow("ecommerce categories anon select") << "ecommerce"
                                                      << "categories"
                                                      << "anon" << int(Operation::Select) << "everyone";
    QTest::newRow("ecommerce orders authenticated insert")
        << "ecommerce"
        << "orders"
        << "authenticated" << int(Operation::Insert) << "customer_id = auth.uid and status = 'pending'";
    QTest::newRow("saas tasks authenticated delete")
        << "saas"
        << "tasks"
        << "authenticated" << int(Operation::Delete) << "assignee_id = auth.uid";
    QTest::newRow("saas organizations admin update")
        << "saas"
        << "organizations"
        << "admin" << int(Operation::Update) << "id = auth.claims.organization_id";
}

void TestPermissions::matrixShowsTemplateRules()
{
    QFETCH(QString, templateName);
    QFETCH(QString, table);
    QFETCH(QString, role);
    QFETCH(int, operation);
    QFETCH(QString, expected);
    Fixture f;
    QVERIFY(f.open(templateName, role, table, Operation(operation)));
    QCOMPARE(f.editor.cellText(tableId(*f.document, table), Operation(operation)), expected);
    QCOMPARE(f.editor.matrix()->rowCount(), int(f.document->project().tables.size()));
    QCOMPARE(
        f.editor.roles().mid(0, 2), (QStringList {QStringLiteral("anon"), QStringLiteral("authenticated")}));
    QVERIFY(f.editor.roles().contains(QStringLiteral("admin")));
    const PermissionEditor::Access access = expected == QLatin1String("nobody")
        ? PermissionEditor::Access::Nobody
        : expected == QLatin1String("everyone") ? PermissionEditor::Access::Everyone
                                                : PermissionEditor::Access::Rule;
    QVERIFY(f.editor.accessButton(access)->isChecked());
    if (access == PermissionEditor::Access::Rule)
        QCOMPARE(f.editor.ruleEditor()->text(), expected);
}

void TestPermissions::everyoneIsOneUndoStep()
{
    Fixture f;
    QVERIFY(f.open(QStringLiteral("ecommerce"), QStringLiteral("anon"), QStringLiteral("order_items"),
        Operation::Select));
    QUndoStack *stack = f.document->undoStack();
    QTest::mouseClick(f.editor.accessButton(PermissionEditor::Access::Everyone), Qt::LeftButton);
    QCOMPARE(stack->count(), 1);
    QCOMPARE(ruleOf(*f.document, QStringLiteral("order_items"), QStringLiteral("anon"), Operation::Select),
        QString());
    QCOMPARE(f.editor.cellText(tableId(*f.document, QStringLiteral("order_items")), Operation::Select),
        QStringLiteral("everyone"));
    stack->undo();
    QCOMPARE(Runtime::writeProject(f.document->project()), f.original);
    QCOMPARE(f.editor.cellText(tableId(*f.document, QStringLiteral("order_items")), Operation::Select),
        QStringLiteral("nobody"));
    QVERIFY(f.editor.accessButton(PermissionEditor::Access::Nobody)->isChecked());
    stack->redo();
    QCOMPARE(ruleOf(*f.document, QStringLiteral("order_items"), QStringLiteral("anon"), Operation::Select),
        QString());
}

void TestPermissions::nobodyRemovesTheRule()
{
    Fixture f;
    QVERIFY(f.open(
        QStringLiteral("ecommerce"), QStringLiteral("anon"), QStringLiteral("products"), Operation::Select));
    QTest::mouseClick(f.editor.accessButton(PermissionEditor::Access::Nobody), Qt::LeftButton);
    QCOMPARE(f.document->undoStack()->count(), 1);
    QCOMPARE(ruleOf(*f.document, QStringLiteral("products"), QStringLiteral("anon"), Operation::Select),
        std::nullopt);
    QCOMPARE(f.editor.cellText(tableId(*f.document, QStringLiteral("products")), Operation::Select),
        QStringLiteral("nobody"));
    QVERIFY(!f.editor.ruleEditor()->isEnabled());
    f.document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(f.document->project()), f.original);
    QCOMPARE(f.editor.ruleEditor()->text(), QStringLiteral("active = true"));
}

void TestPermissions::typedRuleIsOneUndoStep()
{
    Fixture f;
    QVERIFY(f.open(QStringLiteral("ecommerce"), QStringLiteral("authenticated"),
        QStringLiteral("order_items"), Operation::Select));
    // Keyboard only: the grid has focus, Enter edits, the mnemonic picks "Rule".
    f.editor.matrix()->setFocus();
    QTest::mouseClick(f.editor.accessButton(PermissionEditor::Access::Rule), Qt::LeftButton);
    RuleEditor *ruleEditor = f.editor.ruleEditor();
    QVERIFY(ruleEditor->isEnabled());
    QTRY_VERIFY(ruleEditor->hasFocus());
    const QString rule = QStringLiteral("order.customer_id = auth.uid");
    QTest::keyClicks(ruleEditor, rule);
    QCOMPARE(f.document->undoStack()->count(), 0);
    QVERIFY(!ruleEditor->completer()->popup()->isVisible());
    QTest::keyClick(ruleEditor, Qt::Key_Return);
    QCOMPARE(f.document->undoStack()->count(), 1);
    QCOMPARE(ruleOf(*f.document, QStringLiteral("order_items"), QStringLiteral("authenticated"),
                 Operation::Select),
        rule);
    QCOMPARE(f.editor.cellText(tableId(*f.document, QStringLiteral("order_items")), Operation::Select), rule);
    QVERIFY(!ruleEditor->diagnostic());
    QCOMPARE(f.editor.diagnosticText(), QString());
    // Changing it again and leaving the box merges into the same step.
    QTest::keyClicks(ruleEditor, QStringLiteral(" or false"));
    f.editor.matrix()->setFocus();
    QCOMPARE(f.document->undoStack()->count(), 1);
    QCOMPARE(ruleOf(*f.document, QStringLiteral("order_items"), QStringLiteral("authenticated"),
                 Operation::Select),
        rule + QStringLiteral(" or false"));
    f.document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(f.document->project()), f.original);
}

void TestPermissions::invalidRuleIsUnderlined()
{
    Fixture f;
    QVERIFY(f.open(QStringLiteral("saas"), QStringLiteral("authenticated"), QStringLiteral("projects"),
        Operation::Delete));
    QTest::mouseClick(f.editor.accessButton(PermissionEditor::Access::Rule), Qt::LeftButton);
    RuleEditor *ruleEditor = f.editor.ruleEditor();
    QTest::keyClicks(ruleEditor, QStringLiteral("ownr_id = auth.uid"));
    // Shown at once (debounced), before anything is committed.
    QTRY_VERIFY(ruleEditor->diagnostic().has_value());
    QCOMPARE(ruleEditor->diagnostic()->column, 1);
    QCOMPARE(ruleEditor->underlineRange(), qMakePair(0, 7));
    QVERIFY2(f.editor.diagnosticText().startsWith(QStringLiteral("Column 1: ")),
        qPrintable(f.editor.diagnosticText()));
    QVERIFY2(f.editor.diagnosticText().contains(QStringLiteral("owner_id")),
        qPrintable(f.editor.diagnosticText()));
    QCOMPARE(ruleEditor->toolTip(), f.editor.diagnosticText());
    QCOMPARE(f.document->undoStack()->count(), 0);
    // An invalid rule is still saved; the problems list reports it.
    QTest::keyClick(ruleEditor, Qt::Key_Return);
    QCOMPARE(f.document->undoStack()->count(), 1);
    QCOMPARE(
        ruleOf(*f.document, QStringLiteral("projects"), QStringLiteral("authenticated"), Operation::Delete),
        QStringLiteral("ownr_id = auth.uid"));
    // Fixing it clears the message.
    ruleEditor->setCursorPosition(3);
    QTest::keyClick(ruleEditor, Qt::Key_E);
    QTRY_VERIFY(!ruleEditor->diagnostic().has_value());
    QCOMPARE(f.editor.diagnosticText(), QString());
}

void TestPermissions::completion()
{
    Fixture f;
    QVERIFY(f.open(QStringLiteral("ecommerce"), QStringLiteral("authenticated"), QStringLiteral("orders"),
        Operation::Select));
    RuleEditor *ruleEditor = f.editor.ruleEditor();
    QVERIFY(ruleEditor->completionsFor(QStringLiteral("cu")).contains(QStringLiteral("customer_id")));
    QVERIFY(ruleEditor->completionsFor(QStringLiteral("au")).contains(QStringLiteral("auth.uid")));
    QVERIFY(ruleEditor->completionsFor(QStringLiteral("auth.")).contains(QStringLiteral("auth.email")));
    // Relationship segments: the customer an order points at, the items pointing at the order.
    QVERIFY(ruleEditor->completionsFor(QStringLiteral("cu")).contains(QStringLiteral("customer.")));
    QVERIFY(ruleEditor->completionsFor(QStringLiteral("ord")).contains(QStringLiteral("order_items.")));
    QCOMPARE(ruleEditor->completionsFor(QStringLiteral("customer.e")),
        QStringList {QStringLiteral("customer.email")});
    QVERIFY(ruleEditor->completionsFor(QStringLiteral("order_items."))
                .contains(QStringLiteral("order_items.quantity")));
    QVERIFY(ruleEditor->completionsFor(QStringLiteral("nosuch.")).isEmpty());
    QVERIFY(ruleEditor->completionsFor(QStringLiteral("i")).contains(QStringLiteral("is null")));

    Fixture saas;
    QVERIFY(saas.open(
        QStringLiteral("saas"), QStringLiteral("authenticated"), QStringLiteral("tasks"), Operation::Select));
    QCOMPARE(saas.editor.ruleEditor()->completionsFor(QStringLiteral("auth.claims.")),
        (QStringList {QStringLiteral("auth.claims.organization_id"), QStringLiteral("auth.claims.role")}));
    QVERIFY(saas.editor.ruleEditor()
                ->completionsFor(QStringLiteral("project."))
                .contains(QStringLiteral("project.owner_id")));
}

void TestPermissions::completionPopup()
{
    Fixture f;
    QVERIFY(f.open(QStringLiteral("ecommerce"), QStringLiteral("authenticated"), QStringLiteral("reviews"),
        Operation::Select));
    QTest::mouseClick(f.editor.accessButton(PermissionEditor::Access::Rule), Qt::LeftButton);
    RuleEditor *ruleEditor = f.editor.ruleEditor();
    QTest::keyClicks(ruleEditor, QStringLiteral("cust"));
    QAbstractItemView *popup = ruleEditor->completer()->popup();
    QTRY_VERIFY(popup->isVisible());
    QStringList offered;
    for (int row = 0; row < ruleEditor->completer()->completionModel()->rowCount(); ++row)
        offered << ruleEditor->completer()->completionModel()->index(row, 0).data().toString();
    QVERIFY2(offered.contains(QStringLiteral("customer_id")), qPrintable(offered.join(u',')));
    popup->setCurrentIndex(ruleEditor->completer()->completionModel()->index(
        int(offered.indexOf(QStringLiteral("customer_id"))), 0));
    QTest::keyClick(popup, Qt::Key_Return);
    QCOMPARE(ruleEditor->text(), QStringLiteral("customer_id"));
    QVERIFY(!popup->isVisible());
    QCOMPARE(f.document->undoStack()->count(), 0);
}

void TestPermissions::presets_data()
{
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<QString>("table");
    QTest::addColumn<int>("preset");
    QTest::addColumn<QString>("expectedRules"); // role:operation=expression, separated by |
    QTest::addColumn<bool>("tenantScoped");
    QTest::newRow("public read") << "ecommerce"
                                 << "order_items" << int(PermissionEditor::Preset::PublicRead)
                                 << "anon:select=|authenticated:select=" << false;
    QTest::newRow("owner only, customer_id")
        << "ecommerce"
        << "reviews" << int(PermissionEditor::Preset::OwnerOnly)
        << "authenticated:select=customer_id = auth.uid|authenticated:insert=customer_id = "
           "auth.uid|authenticated:update=customer_id = auth.uid|authenticated:delete=customer_id = auth.uid"
        << false;
    QTest::newRow("owner only, owner_id")
        << "saas"
        << "projects" << int(PermissionEditor::Preset::OwnerOnly)
        << "authenticated:select=owner_id = auth.uid|authenticated:insert=owner_id = "
           "auth.uid|authenticated:update=owner_id = auth.uid|authenticated:delete=owner_id = auth.uid"
        << true;
    QTest::newRow("tenant-scoped")
        << "ecommerce"
        << "tags" << int(PermissionEditor::Preset::TenantScoped)
        << "authenticated:select=|authenticated:insert=|authenticated:update=|authenticated:delete=" << true;
}

void TestPermissions::presets()
{
    QFETCH(QString, templateName);
    QFETCH(QString, table);
    QFETCH(int, preset);
    QFETCH(QString, expectedRules);
    const QStringList expected = expectedRules.split(u'|');
    QFETCH(bool, tenantScoped);
    Fixture f;
    QVERIFY(f.open(templateName, QStringLiteral("authenticated"), table, Operation::Select));
    QPushButton *button = f.editor.presetButton(PermissionEditor::Preset(preset));
    QTest::mouseClick(button, Qt::LeftButton);
    QUndoStack *stack = f.document->undoStack();
    QCOMPARE(stack->count(), 1);
    QCOMPARE(
        stack->undoText(), QStringLiteral("Apply preset %1 to %2").arg(button->text().remove(u'&'), table));
    for (const QString &row : expected) {
        const QString role = row.section(u':', 0, 0);
        const Operation op = *Runtime::operationFromName(row.section(u':', 1).section(u'=', 0, 0));
        QCOMPARE(ruleOf(*f.document, table, role, op), row.section(u'=', 1));
    }
    QCOMPARE(f.document->project().tableByName(table)->tenantScoped, tenantScoped);
    const QString first = expected.first().section(u'=', 1);
    QCOMPARE(f.editor.cellText(tableId(*f.document, table), Operation::Select),
        first.isEmpty() ? QStringLiteral("everyone") : first);
    stack->undo();
    QCOMPARE(Runtime::writeProject(f.document->project()), f.original);
    stack->redo();
    QCOMPARE(f.document->project().tableByName(table)->tenantScoped, tenantScoped);
}

void TestPermissions::matrixFollowsSelection()
{
    Fixture f;
    QVERIFY(f.open(
        QStringLiteral("saas"), QStringLiteral("authenticated"), QStringLiteral("users"), Operation::Update));
    f.document->setSelection({tableId(*f.document, QStringLiteral("comments"))});
    QCOMPARE(f.editor.currentTableId(), tableId(*f.document, QStringLiteral("comments")));
    QCOMPARE(f.editor.matrix()->currentColumn(), int(Operation::Update));
    QCOMPARE(f.editor.ruleEditor()->text(), QStringLiteral("author_id = auth.uid"));
    // Arrow keys move through the grid.
    f.editor.matrix()->setFocus();
    QTest::keyClick(f.editor.matrix(), Qt::Key_Left);
    QCOMPARE(f.editor.matrix()->currentColumn(), int(Operation::Insert));
    QTest::keyClick(f.editor.matrix(), Qt::Key_Return);
    QTRY_VERIFY(f.editor.ruleEditor()->hasFocus());
}

namespace {
qreal luminance(const QColor &c)
{
    const auto channel
        = [](qreal v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}
qreal contrast(const QColor &a, const QColor &b)
{
    const qreal la = luminance(a), lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}
} // namespace

void TestPermissions::readableInDarkPalette()
{
    const QPalette original = QApplication::palette();
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
    QApplication::setPalette(dark);
    {
        Fixture f;
        QVERIFY(f.open(QStringLiteral("saas"), QStringLiteral("authenticated"), QStringLiteral("projects"),
            Operation::Delete));
        QTest::mouseClick(f.editor.accessButton(PermissionEditor::Access::Rule), Qt::LeftButton);
        QTest::keyClicks(f.editor.ruleEditor(), QStringLiteral("ownr_id = auth.uid"));
        QTest::keyClick(f.editor.ruleEditor(), Qt::Key_Return);
        for (int row = 0; row < f.editor.matrix()->rowCount(); ++row) {
            for (int column = 0; column < 4; ++column) {
                const QTableWidgetItem *item = f.editor.matrix()->item(row, column);
                const QColor background = item->background().style() == Qt::NoBrush
                    ? dark.color(QPalette::Base)
                    : item->background().color();
                QVERIFY2(contrast(item->foreground().color(), background) >= 4.5, qPrintable(item->text()));
            }
        }
        if (const QByteArray dir = qgetenv("BASALT_SCREENSHOT_DIR"); !dir.isEmpty())
            f.editor.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/permissions-dark.png"));
    }
    QApplication::setPalette(original);
}

void TestPermissions::documentReplaced()
{
    Fixture f;
    QVERIFY(f.open(
        QStringLiteral("saas"), QStringLiteral("authenticated"), QStringLiteral("tasks"), Operation::Delete));
    ProjectDocument blank(std::make_unique<Runtime::Project>());
    f.editor.setDocument(&blank);
    QCOMPARE(f.editor.matrix()->rowCount(), 0);
    QVERIFY(f.editor.currentTableId().isEmpty());
    auto ecommerce = loadTemplate(QStringLiteral("ecommerce"));
    f.editor.setDocument(ecommerce.get());
    QCOMPARE(f.editor.matrix()->rowCount(), int(ecommerce->project().tables.size()));
    QCOMPARE(f.editor.roles(),
        (QStringList {QStringLiteral("anon"), QStringLiteral("authenticated"), QStringLiteral("admin")}));
    f.editor.setDocument(f.document.get());
}

QTEST_MAIN(TestPermissions)
#include "tst_permissions.moc"
