// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the relationship and field editors and the delete guard, driving the real widgets.
#include "canvas/erview.h"
#include "commands/tablecommands.h"
#include "commands/tableedits.h"
#include "document/projectdocument.h"
#include "editors/fieldeditor.h"
#include "editors/fieldsmodel.h"
#include "editors/projecteditor.h"
#include "editors/relationshipeditor.h"
#include "editors/tableeditor.h"
#include "io/projectvalidator.h"
#include "io/projectwriter.h"
#include "mainwindow/deleteguard.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/propertiesdock.h"
#include "storage/database.h"
#include "widgets/ruleusequestion.h"
#include "testsupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSqlQuery>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QUndoStack>
#include <QToolButton>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace Designer;

namespace {

const QString s_relationship = QStringLiteral("rel_products_category");
const QString s_foreignKey = QStringLiteral("fld_products_category_id");
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

const Runtime::Field &fieldOf(const ProjectDocument &document, const QString &tableId, const QString &fieldId)
{
    return *document.project().table(tableId)->field(fieldId);
}

/** Picks the entry \a data of \a combo with the keyboard, as a user would. */
void pick(QComboBox *combo, const QVariant &data)
{
    const int target = combo->findData(data);
    QVERIFY(target >= 0);
    combo->setFocus();
    for (int guard = 0; combo->currentIndex() != target && guard < combo->count(); ++guard)
        QTest::keyClick(combo, combo->currentIndex() < target ? Qt::Key_Down : Qt::Key_Up);
    QCOMPARE(combo->currentIndex(), target);
}

/** Clicks \a button after scrolling it into view, as a user would. */
void click(QAbstractButton *button)
{
    for (QWidget *w = button->parentWidget(); w; w = w->parentWidget()) {
        if (auto *scroll = qobject_cast<QScrollArea *>(w)) {
            QCoreApplication::processEvents(); // lets the scroll area follow the editor's new size
            scroll->ensureWidgetVisible(button);
        }
    }
    QVERIFY2(!button->visibleRegion().isEmpty(), qPrintable(button->objectName()));
    QTest::mouseClick(button, Qt::LeftButton);
}

/** A table editor showing \a tableId, with the grid's row \a fieldId current. */
struct FieldFixture
{
    std::unique_ptr<ProjectDocument> document = loadTemplate(QStringLiteral("ecommerce"));
    TableEditor editor {document.get()};

    FieldEditor *select(const QString &tableId, const QString &fieldId)
    {
        editor.setTableId(tableId);
        editor.resize(460, 900);
        editor.show();
        auto *view = editor.findChild<QTableView *>(QStringLiteral("fieldsView"));
        const auto &fields = document->project().table(tableId)->fields;
        for (size_t row = 0; row < fields.size(); ++row) {
            if (fields[row].id == fieldId)
                view->setCurrentIndex(editor.fieldsModel()->index(int(row), FieldsModel::NameColumn));
        }
        return editor.fieldEditor();
    }
    template<typename T>
    T *child(const char *name) const
    {
        return editor.findChild<T *>(QLatin1String(name));
    }
};

} // namespace

class tst_Editors : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void relationshipOnDelete();
    void removeFieldAsksAboutRules();
    void relationshipSetNullNeedsOptionalKey();
    void relationshipKindFlipsUnique();
    void relationshipManyToMany();
    void relationshipShowsProblems();
    void fieldRename();
    void tableRealtime();
    void fieldTextLengths();
    void fieldOptionsFitType_data();
    void fieldOptionsFitType();
    void fieldEnumValues();
    void fieldShowsProblems();
    void fieldSuppliedKey();
    void fieldArrayDefault();
    void deleteGuardAsks_data();
    void deleteGuardAsks();
    void deleteGuardWithoutDatabase();
    void deleteFromCanvas();
    void projectEditor();
    void screenshots();
};

void tst_Editors::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("basalt-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_editors"));
}

// Removing a field that rules use names them and asks: cancel keeps everything, "keep" removes only the
// field (the rules then show as problems), "remove" takes the rules in the same undo step.
void tst_Editors::removeFieldAsksAboutRules()
{
    FieldFixture f;
    const Runtime::Project &project = f.document->project();
    const QByteArray before = Runtime::writeProject(project);
    QString asked;
    RuleUseAnswer answer = RuleUseAnswer::Cancel;
    setRuleUseAnswerHook([&](const QString &text) {
        asked = text;
        return answer;
    });
    const auto removeStatus = [&]() {
        f.select(QStringLiteral("tbl_orders"), QStringLiteral("fld_orders_status"));
        click(f.child<QPushButton>("removeFieldButton"));
    };
    removeStatus();
    setRuleUseAnswerHook({});
    QVERIFY2(asked.contains(QLatin1String("the field orders.status")), qPrintable(asked));
    QVERIFY2(asked.contains(QLatin1String("orders, insert for authenticated: customer_id = auth.uid and status = 'pending'")), qPrintable(asked));
    QCOMPARE(Runtime::writeProject(project), before);

    setRuleUseAnswerHook([&](const QString &) { return RuleUseAnswer::KeepRules; });
    removeStatus();
    QVERIFY(!project.table(QStringLiteral("tbl_orders"))->field(QStringLiteral("fld_orders_status")));
    QString problems;
    for (const Runtime::Problem &problem : Runtime::validateProject(project))
        problems += problem.message + QLatin1Char('\n');
    QVERIFY2(problems.contains(QLatin1String("status")), qPrintable(problems));
    f.document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(project), before);

    setRuleUseAnswerHook([&](const QString &) { return RuleUseAnswer::RemoveRules; });
    removeStatus();
    setRuleUseAnswerHook({});
    QVERIFY(!project.table(QStringLiteral("tbl_orders"))->field(QStringLiteral("fld_orders_status")));
    for (const Runtime::Problem &problem : Runtime::validateProject(project))
        QVERIFY2(problem.severity != Runtime::Problem::Severity::Error, qPrintable(problem.message));
    QCOMPARE(f.document->undoStack()->undoText(), QStringLiteral("Remove field status from orders"));
    f.document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(project), before);
}

void tst_Editors::relationshipOnDelete()
{
    auto document = loadTemplate(QStringLiteral("ecommerce"));
    QVERIFY(document);
    const QByteArray before = Runtime::writeProject(document->project());
    RelationshipEditor editor(document.get());
    editor.setRelationshipId(s_relationship);
    editor.show();
    auto *combo = editor.findChild<QComboBox *>(QStringLiteral("onDeleteCombo"));

    pick(combo, int(Runtime::DeleteAction::Cascade));

    QCOMPARE(document->project().relationship(s_relationship)->onDelete, Runtime::DeleteAction::Cascade);
    QCOMPARE(document->undoStack()->count(), 1);
    QVERIFY(!document->undoStack()->undoText().isEmpty());
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document->project()), before);
    QCOMPARE(combo->currentData().toInt(), int(Runtime::DeleteAction::SetNull));
}

void tst_Editors::relationshipSetNullNeedsOptionalKey()
{
    auto document = loadTemplate(QStringLiteral("ecommerce"));
    RelationshipEditor editor(document.get());
    editor.setRelationshipId(s_relationship);
    editor.show();
    auto *combo = editor.findChild<QComboBox *>(QStringLiteral("onDeleteCombo"));
    auto *model = qobject_cast<QStandardItemModel *>(combo->model());
    const int setNull = combo->findData(int(Runtime::DeleteAction::SetNull));
    QVERIFY(model->item(setNull)->isEnabled());

    const Runtime::Table &products = *document->project().table(s_products);
    Runtime::Field key = *products.field(s_foreignKey);
    key.required = true;
    document->undoStack()->push(new ChangeTable(document.get(), changeField(products, key), QStringLiteral("t")));

    QVERIFY(!model->item(setNull)->isEnabled());
    QVERIFY(!model->item(setNull)->toolTip().isEmpty());
    // The keyboard skips it: from cascade, Down goes to restrict.
    pick(combo, int(Runtime::DeleteAction::Cascade));
    QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(combo->currentData().toInt(), int(Runtime::DeleteAction::Restrict));
    QCOMPARE(document->project().relationship(s_relationship)->onDelete, Runtime::DeleteAction::Restrict);
}

void tst_Editors::relationshipKindFlipsUnique()
{
    auto document = loadTemplate(QStringLiteral("ecommerce"));
    const QByteArray before = Runtime::writeProject(document->project());
    RelationshipEditor editor(document.get());
    editor.setRelationshipId(s_relationship);
    editor.show();
    auto *kind = editor.findChild<QComboBox *>(QStringLiteral("relationshipKindCombo"));
    QVERIFY(!fieldOf(*document, s_products, s_foreignKey).unique);

    pick(kind, int(Runtime::RelationshipKind::OneToOne));

    QCOMPARE(document->project().relationship(s_relationship)->kind, Runtime::RelationshipKind::OneToOne);
    QVERIFY(fieldOf(*document, s_products, s_foreignKey).unique);
    QCOMPARE(document->undoStack()->count(), 1);
    // Many-to-many is not offered: it needs a new relationship.
    QTest::keyClick(kind, Qt::Key_End);
    QCOMPARE(kind->currentData().toInt(), int(Runtime::RelationshipKind::OneToMany));
    QVERIFY(fieldOf(*document, s_products, s_foreignKey).unique == false);
    QCOMPARE(document->undoStack()->count(), 2);
    document->undoStack()->undo();
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document->project()), before);
    QVERIFY(!editor.findChild<QLabel *>(QStringLiteral("relationshipKindHint"))->text().isEmpty());
}

void tst_Editors::relationshipManyToMany()
{
    auto document = loadTemplate(QStringLiteral("ecommerce"));
    const QByteArray before = Runtime::writeProject(document->project());
    RelationshipEditor editor(document.get());
    editor.setRelationshipId(QStringLiteral("rel_products_tags"));
    editor.show();
    auto *junction = editor.findChild<QLineEdit *>(QStringLiteral("junctionNameEdit"));
    auto *foreignKey = editor.findChild<QComboBox *>(QStringLiteral("foreignKeyCombo"));
    QVERIFY(junction->isVisible());
    QVERIFY(!foreignKey->isVisible());
    QCOMPARE(junction->text(), QStringLiteral("products_tags"));

    junction->selectAll();
    QTest::keyClicks(junction, QStringLiteral("tagging"));

    QCOMPARE(document->project().table(QStringLiteral("tbl_products_tags"))->name, QStringLiteral("tagging"));
    QCOMPARE(document->undoStack()->count(), 1);
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document->project()), before);
}

void tst_Editors::relationshipShowsProblems()
{
    auto document = loadTemplate(QStringLiteral("ecommerce"));
    RelationshipEditor editor(document.get());
    editor.setRelationshipId(s_relationship);
    editor.show();
    auto *problems = editor.findChild<QLabel *>(QStringLiteral("relationshipProblemLabel"));
    QVERIFY(!problems->isVisible());
    auto *foreignKey = editor.findChild<QComboBox *>(QStringLiteral("foreignKeyCombo"));
    // Only integer fields of products are offered for the integer key of categories.
    for (int i = 0; i < foreignKey->count(); ++i) {
        const Runtime::Field &field = fieldOf(*document, s_products, foreignKey->itemData(i).toString());
        QCOMPARE(field.type, Runtime::FieldType::Integer);
        QVERIFY(!field.isPrimaryKey());
    }
    QVERIFY(foreignKey->count() >= 2);
    pick(foreignKey, QStringLiteral("fld_products_stock"));
    QCOMPARE(document->project().relationship(s_relationship)->foreignKeyFieldId, QStringLiteral("fld_products_stock"));
    // Breaking the relationship with a type change shows the validator's message.
    const Runtime::Table &products = *document->project().table(s_products);
    Runtime::Field stock = *products.field(QStringLiteral("fld_products_stock"));
    stock.type = Runtime::FieldType::Text;
    document->undoStack()->push(new ChangeTable(document.get(), changeField(products, stock), QStringLiteral("t")));
    QVERIFY(problems->isVisible());
    QVERIFY2(problems->text().contains(QLatin1String("stock")), qPrintable(problems->text()));
}

void tst_Editors::fieldRename()
{
    FieldFixture f;
    f.select(s_products, QStringLiteral("fld_products_name"));

    auto *name = f.child<QLineEdit>("fieldNameEdit");
    QCOMPARE(name->text(), QStringLiteral("name"));
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("title"));
    QCOMPARE(fieldOf(*f.document, s_products, QStringLiteral("fld_products_name")).name, QStringLiteral("title"));
    QCOMPARE(f.document->undoStack()->count(), 1);
    QCOMPARE(name->text(), QStringLiteral("title"));
}

void tst_Editors::tableRealtime()
{
    FieldFixture f;
    f.select(s_products, QStringLiteral("fld_products_name"));
    auto *check = f.child<QCheckBox>("realtimeCheck");
    QVERIFY(check->isChecked()); // the template has products live
    click(check);
    QVERIFY(!f.document->project().table(s_products)->realtime);
    QCOMPARE(f.document->undoStack()->undoText(), QStringLiteral("Turn off realtime for products"));
    f.document->undoStack()->undo();
    QVERIFY(f.document->project().table(s_products)->realtime);
    QTRY_VERIFY(check->isChecked());
}

void tst_Editors::fieldTextLengths()
{
    FieldFixture f;
    f.select(s_products, QStringLiteral("fld_products_sku"));
    auto *minLength = f.child<QLineEdit>("fieldMinLengthEdit");
    auto *maxLength = f.child<QLineEdit>("fieldMaxLengthEdit");
    QVERIFY(minLength->isVisible());
    QVERIFY(!f.child<QLineEdit>("fieldMinEdit")->isVisible());
    minLength->selectAll();
    QTest::keyClicks(minLength, QStringLiteral("3"));
    maxLength->selectAll();
    QTest::keyClicks(maxLength, QStringLiteral("40"));
    const Runtime::Validation &v = fieldOf(*f.document, s_products, QStringLiteral("fld_products_sku")).validation;
    QCOMPARE(v.minLength, std::optional<qint64>(3));
    QCOMPARE(v.maxLength, std::optional<qint64>(40));
    QCOMPARE(f.document->undoStack()->count(), 2); // "4" and "40" merged
    maxLength->selectAll();
    QTest::keyClicks(maxLength, QStringLiteral("2"));
    QVERIFY(f.child<QLabel>("fieldProblemLabel")->isVisible()); // maxLength 2 < minLength 3
}

void tst_Editors::fieldOptionsFitType_data()
{
    QTest::addColumn<QString>("tableId");
    QTest::addColumn<QString>("fieldId");
    QTest::addColumn<QStringList>("shown");
    QTest::addColumn<QStringList>("hidden");
    const QStringList all = {QStringLiteral("fieldMinEdit"), QStringLiteral("fieldMaxEdit"),
        QStringLiteral("fieldMinLengthEdit"), QStringLiteral("fieldMaxLengthEdit"),
        QStringLiteral("fieldPatternEdit"), QStringLiteral("enumValuesList"), QStringLiteral("fieldTimestampCombo")};
    const auto except = [&all](const QStringList &shown) {
        QStringList rest = all;
        for (const QString &s : shown)
            rest.removeAll(s);
        return rest;
    };
    QTest::newRow("boolean") << s_products << QStringLiteral("fld_products_active") << QStringList() << all;
    const QStringList numeric = {QStringLiteral("fieldMinEdit"), QStringLiteral("fieldMaxEdit")};
    QTest::newRow("number") << s_products << QStringLiteral("fld_products_price") << numeric << except(numeric);
    const QStringList text = {QStringLiteral("fieldMinLengthEdit"), QStringLiteral("fieldMaxLengthEdit"),
        QStringLiteral("fieldPatternEdit")};
    QTest::newRow("text") << s_products << QStringLiteral("fld_products_sku") << text << except(text);
    const QStringList stamp = {QStringLiteral("fieldTimestampCombo")};
    QTest::newRow("datetime") << s_products << QStringLiteral("fld_products_created_at") << stamp << except(stamp);
}

void tst_Editors::fieldOptionsFitType()
{
    QFETCH(QString, tableId);
    QFETCH(QString, fieldId);
    QFETCH(QStringList, shown);
    QFETCH(QStringList, hidden);
    FieldFixture f;
    f.select(tableId, fieldId);
    for (const QString &name : shown)
        QVERIFY2(f.editor.findChild<QWidget *>(name)->isVisible(), qPrintable(name));
    for (const QString &name : hidden)
        QVERIFY2(!f.editor.findChild<QWidget *>(name)->isVisible(), qPrintable(name));
}

void tst_Editors::fieldEnumValues()
{
    FieldFixture f;
    const QString status = QStringLiteral("fld_orders_status");
    const QString orders = QStringLiteral("tbl_orders");
    f.select(orders, status);
    const QByteArray before = Runtime::writeProject(f.document->project());
    auto *list = f.child<QListWidget>("enumValuesList");
    QVERIFY(list->isVisible());
    QCOMPARE(list->count(), 5);

    click(f.child<QPushButton>("addEnumValueButton"));
    QCOMPARE(fieldOf(*f.document, orders, status).enumValues.size(), 6);
    QCOMPARE(f.document->undoStack()->count(), 1);
    // The new value is open for editing: type its name.
    auto *itemEditor = list->findChild<QLineEdit *>();
    QVERIFY(itemEditor);
    itemEditor->selectAll();
    QTest::keyClicks(itemEditor, QStringLiteral("refunded"));
    QTest::keyClick(itemEditor, Qt::Key_Return);
    // The delegate commits on Return through a queued call.
    QTRY_COMPARE(fieldOf(*f.document, orders, status).enumValues.last(), QStringLiteral("refunded"));
    QCOMPARE(f.document->undoStack()->count(), 2);

    list->setCurrentRow(0);
    click(f.child<QPushButton>("removeEnumValueButton"));
    QCOMPARE(fieldOf(*f.document, orders, status).enumValues.first(), QStringLiteral("paid"));
    QCOMPARE(f.document->undoStack()->count(), 3);
    while (f.document->undoStack()->canUndo())
        f.document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(f.document->project()), before);
    QCOMPARE(list->count(), 5);
}

void tst_Editors::fieldShowsProblems()
{
    FieldFixture f;
    f.select(s_products, QStringLiteral("fld_products_sku"));
    auto *pattern = f.child<QLineEdit>("fieldPatternEdit");
    auto *problems = f.child<QLabel>("fieldProblemLabel");
    QVERIFY(!problems->isVisible());
    pattern->selectAll();
    QTest::keyClicks(pattern, QStringLiteral("[a-z"));
    QVERIFY(problems->isVisible());
    QVERIFY2(problems->text().contains(QLatin1String("regular expression")), qPrintable(problems->text()));
    QCOMPARE(f.document->undoStack()->count(), 1); // typing merged
    QTest::keyClicks(pattern, QStringLiteral("]+"));
    QVERIFY(!problems->isVisible());
}

// A text key given on insert: the key choice, then a one-to-one relationship whose foreign key is that key.
// An array field's default is typed as {a,b} or ["a","b"] and kept as a list, one undoable step per edit.
void tst_Editors::fieldArrayDefault()
{
    FieldFixture f;
    const QString description = QStringLiteral("fld_products_description");
    f.select(s_products, description);
    const QByteArray before = Runtime::writeProject(f.document->project());
    auto *type = f.child<QComboBox>("fieldTypeCombo");
    type->setCurrentText(QStringLiteral("text[]"));
    emit type->activated(type->currentIndex());
    QCOMPARE(fieldOf(*f.document, s_products, description).type, Runtime::FieldType::TextArray);
    pick(f.child<QComboBox>("fieldDefaultKindCombo"), int(Runtime::DefaultValue::Kind::Literal));
    auto *edit = f.child<QLineEdit>("fieldDefaultEdit");
    QVERIFY(edit->isVisible());
    QVERIFY(edit->placeholderText().contains(QLatin1String("{a,b}")));
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral(R"({new,"a, b"})"));
    const Runtime::DefaultValue value = fieldOf(*f.document, s_products, description).defaultValue;
    QCOMPARE(value.kind, Runtime::DefaultValue::Kind::Literal);
    QCOMPARE(value.literal, QJsonValue(QJsonArray {QStringLiteral("new"), QStringLiteral("a, b")}));
    QCOMPARE(edit->text(), QStringLiteral(R"({new,"a, b"})")); // what was typed stays while it means the list
    for (const Runtime::Problem &problem : Runtime::validateProject(f.document->project()))
        QVERIFY2(!problem.message.contains(QLatin1String("\"description\"")), qPrintable(problem.message));
    // Not a list: kept as typed, and the validator says what to write.
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("oops"));
    QCOMPARE(fieldOf(*f.document, s_products, description).defaultValue.literal, QJsonValue(QStringLiteral("oops")));
    QString problems;
    for (const Runtime::Problem &problem : Runtime::validateProject(f.document->project()))
        problems += problem.message + QLatin1Char('\n');
    QVERIFY2(problems.contains(QLatin1String("must be a list such as []")), qPrintable(problems));
    while (f.document->undoStack()->canUndo())
        f.document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(f.document->project()), before);
}

void tst_Editors::fieldSuppliedKey()
{
    FieldFixture f;
    const QString tags = QStringLiteral("tbl_tags");
    const QString tagId = QStringLiteral("fld_tags_id");
    f.select(tags, tagId);
    const QByteArray before = Runtime::writeProject(f.document->project());
    auto *type = f.child<QComboBox>("fieldTypeCombo");
    type->setCurrentText(QStringLiteral("text"));
    emit type->activated(type->currentIndex());
    pick(f.child<QComboBox>("fieldPrimaryKeyCombo"), int(Runtime::PrimaryKeyKind::Supplied));
    QCOMPARE(fieldOf(*f.document, tags, tagId).primaryKey, Runtime::PrimaryKeyKind::Supplied);
    QCOMPARE(fieldOf(*f.document, tags, tagId).type, Runtime::FieldType::Text);
    QCOMPARE(f.document->undoStack()->count(), 2);
    // products_tags.tag_id is still an integer: the validator names it with the key's type.
    QString problems;
    for (const Runtime::Problem &problem : Runtime::validateProject(f.document->project()))
        problems += problem.message + QLatin1Char('\n');
    QVERIFY2(problems.contains(QLatin1String("the key tags.id is text")), qPrintable(problems));

    // A one-to-one relationship may use a supplied key as its foreign key; a one-to-many may not.
    Runtime::Relationship oneToOne {.id = QStringLiteral("rel_x"), .kind = Runtime::RelationshipKind::OneToOne,
        .fromTableId = QStringLiteral("tbl_products_tags"), .toTableId = tags};
    const auto candidates = [&](const Runtime::Relationship &r) {
        QStringList ids;
        for (const Runtime::Field *field : RelationshipEditor::foreignKeyCandidates(f.document->project(), r))
            ids << field->id;
        return ids;
    };
    QVERIFY(!candidates(oneToOne).contains(tagId)); // products_tags.id is an integer, tags.id text
    oneToOne.fromTableId = QStringLiteral("tbl_categories");
    Runtime::Project project = f.document->project();
    project.table(QStringLiteral("tbl_categories"))->fields.front().type = Runtime::FieldType::Text;
    QVERIFY(RelationshipEditor::foreignKeyCandidates(project, oneToOne).contains(
        project.table(tags)->field(tagId)));
    Runtime::Relationship oneToMany = oneToOne;
    oneToMany.kind = Runtime::RelationshipKind::OneToMany;
    QVERIFY(!RelationshipEditor::foreignKeyCandidates(project, oneToMany).contains(
        project.table(tags)->field(tagId)));

    while (f.document->undoStack()->canUndo())
        f.document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(f.document->project()), before);
    QCOMPARE(f.child<QComboBox>("fieldPrimaryKeyCombo")->currentData().toInt(),
        int(Runtime::PrimaryKeyKind::AutoIncrement));
}

namespace {
/** Saves the ecommerce template as shop.basalt in \a dir, with a local database holding \a orders rows of
    orders (none: no database). */
std::unique_ptr<ProjectDocument> savedShop(const QTemporaryDir &dir, int orders)
{
    auto document = loadTemplate(QStringLiteral("ecommerce"));
    if (!document->saveAs(dir.filePath(QStringLiteral("shop.basalt"))))
        return nullptr;
    if (orders < 0)
        return document;
    auto database = Runtime::Database::open(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("shop.sqlite")));
    if (!database)
        return nullptr;
    QSqlQuery query((*database)->connection());
    if (!query.exec(QStringLiteral("CREATE TABLE \"orders\" (id INTEGER PRIMARY KEY)")))
        return nullptr;
    for (int i = 0; i < orders; ++i) {
        if (!query.exec(QStringLiteral("INSERT INTO \"orders\" DEFAULT VALUES")))
            return nullptr;
    }
    return document;
}
} // namespace

void tst_Editors::deleteGuardAsks_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<DeleteGuard::Decision>("answer");
    QTest::addColumn<bool>("asked");
    QTest::addColumn<bool>("deleted");
    QTest::newRow("rows, cancel") << 2 << DeleteGuard::Decision::Cancel << true << false;
    QTest::newRow("rows, delete") << 2 << DeleteGuard::Decision::Delete << true << true;
    QTest::newRow("empty table") << 0 << DeleteGuard::Decision::Cancel << false << true;
}

void tst_Editors::deleteGuardAsks()
{
    QFETCH(int, rows);
    QFETCH(DeleteGuard::Decision, answer);
    QFETCH(bool, asked);
    QFETCH(bool, deleted);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        auto document = savedShop(dir, rows);
        QVERIFY(document);
    }
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(dir.filePath(QStringLiteral("shop.basalt"))));
    ProjectDocument *document = window.document();
    const QByteArray before = Runtime::writeProject(document->project());
    QStringList questions;
    window.deleteGuard()->setDecisionHook([&](const QString &text) {
        questions << text;
        return answer;
    });
    const QString orders = QStringLiteral("tbl_orders");
    document->setSelection({orders});

    QTest::keyClick(window.canvas(), Qt::Key_Delete);

    QCOMPARE(questions.size(), asked ? 1 : 0);
    if (asked) {
        QVERIFY2(questions.first().contains(QLatin1String("orders")), qPrintable(questions.first()));
        QVERIFY2(questions.first().contains(QLatin1String("2 row")), qPrintable(questions.first()));
    }
    QCOMPARE(document->project().table(orders) == nullptr, deleted);
    QCOMPARE(document->undoStack()->count(), deleted ? 1 : 0);
    if (deleted) {
        document->undoStack()->undo();
        QCOMPARE(Runtime::writeProject(document->project()), before);
    } else {
        QCOMPARE(Runtime::writeProject(document->project()), before);
    }
}

void tst_Editors::deleteGuardWithoutDatabase()
{
    QTemporaryDir dir;
    auto document = savedShop(dir, -1);
    QVERIFY(document);
    DeleteGuard guard;
    bool asked = false;
    guard.setDecisionHook([&asked](const QString &) {
        asked = true;
        return DeleteGuard::Decision::Cancel;
    });
    QVERIFY(guard.confirm(document.get(), {QStringLiteral("tbl_orders")}));
    QVERIFY(!asked);
    QCOMPARE(DeleteGuard::localDatabasePath(document->fileName()), dir.filePath(QStringLiteral("shop.sqlite")));
    // A table the database lacks counts 0.
    QVERIFY(savedShop(dir, 1));
    const auto counts = DeleteGuard::countRows(dir.filePath(QStringLiteral("shop.sqlite")),
        {QStringLiteral("orders"), QStringLiteral("products")});
    QCOMPARE(counts.value(QStringLiteral("orders")), 1);
    QCOMPARE(counts.value(QStringLiteral("products")), 0);
    // An unsaved project has no local database.
    auto unsaved = loadTemplate(QStringLiteral("ecommerce"));
    ProjectDocument fresh(std::make_unique<Runtime::Project>(unsaved->project()));
    QVERIFY(guard.confirm(&fresh, {QStringLiteral("tbl_orders")}));
    QVERIFY(!asked);
}

void tst_Editors::deleteFromCanvas()
{
    // The Edit > Delete action goes through the guard too.
    QTemporaryDir dir;
    QVERIFY(savedShop(dir, 3));
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(dir.filePath(QStringLiteral("shop.basalt"))));
    int asked = 0;
    window.deleteGuard()->setDecisionHook([&asked](const QString &) {
        ++asked;
        return DeleteGuard::Decision::Cancel;
    });
    window.document()->setSelection({QStringLiteral("tbl_orders")});
    QAction *deleteAction = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->shortcut() == QKeySequence(QKeySequence::Delete))
            deleteAction = action;
    }
    QVERIFY(deleteAction);
    deleteAction->trigger();
    QCOMPARE(asked, 1);
    QVERIFY(window.document()->project().table(QStringLiteral("tbl_orders")));
}

void tst_Editors::projectEditor()
{
    auto document = loadTemplate(QStringLiteral("saas"));
    QVERIFY(document);
    const QByteArray original = Runtime::writeProject(document->project());
    PropertiesDock dock;
    dock.setDocument(document.get());
    dock.resize(420, 900);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    document->setSelection({});
    ProjectEditor *editor = dock.projectEditor();
    QVERIFY(editor);
    QVERIFY(editor->isVisible());
    auto *usersTable = editor->findChild<QComboBox *>(QStringLiteral("usersTableCombo"));
    auto *roleField = editor->findChild<QComboBox *>(QStringLiteral("roleFieldCombo"));
    auto *claims = editor->findChild<QListWidget *>(QStringLiteral("claimsList"));
    auto *problems = editor->findChild<QLabel *>(QStringLiteral("projectProblemLabel"));
    QCOMPARE(usersTable->currentText(), QStringLiteral("users"));
    QCOMPARE(roleField->currentText(), QStringLiteral("role"));
    QStringList checked;
    for (int i = 0; i < claims->count(); ++i) {
        if (claims->item(i)->checkState() == Qt::Checked)
            checked << claims->item(i)->text();
    }
    checked.sort();
    QCOMPARE(checked, (QStringList {QStringLiteral("organization_id"), QStringLiteral("role")}));
    QVERIFY(!problems->isVisible());
    // The sign-in terms explain themselves; the advanced ones are folded away until asked for.
    QVERIFY(editor->findChild<QLabel *>(QStringLiteral("usersTableHelp"))->isVisible());
    QVERIFY(editor->findChild<QLabel *>(QStringLiteral("usersTableHelp"))->text().contains(QLatin1String("auth.uid")));
    QVERIFY(editor->findChild<QLabel *>(QStringLiteral("roleFieldHelp"))->isVisible());
    QVERIFY(!claims->isVisible());
    auto *advanced = editor->findChild<QToolButton *>(QStringLiteral("advancedToggle"));
    click(advanced);
    QVERIFY(claims->isVisible());
    QVERIFY(editor->findChild<QLabel *>(QStringLiteral("claimsHelp"))->text().contains(QLatin1String("auth.claims")));
    QVERIFY(editor->findChild<QSpinBox *>(QStringLiteral("tokenLifetimeSpin"))->isVisible());
    QCOMPARE(document->undoStack()->index(), 0); // unfolding is not an edit

    // A wheel over a combo box without the focus scrolls the pane and changes nothing.
    usersTable->clearFocus();
    const QPoint centre = usersTable->rect().center();
    QWheelEvent wheel(centre, usersTable->mapToGlobal(centre), QPoint(), QPoint(0, -120), Qt::NoButton,
        Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(usersTable, &wheel);
    QCOMPARE(usersTable->currentText(), QStringLiteral("users"));
    QCOMPARE(document->undoStack()->index(), 0);

    // No users table, chosen in one go (arrow keys would pass through other tables, one step each): one
    // step, and the claims that now name no users table are reported inline.
    const int steps = document->undoStack()->index();
    const int none = usersTable->findData(QString());
    QCOMPARE(none, 0);
    usersTable->setCurrentIndex(none);
    emit usersTable->activated(none);
    QVERIFY(document->project().settings.usersTable.isEmpty());
    QCOMPARE(document->undoStack()->index(), steps + 1);
    QVERIFY(problems->isVisible());
    QVERIFY2(problems->text().contains(QLatin1String("jwtClaimFields")), qPrintable(problems->text()));
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document->project()), original);
    QCOMPARE(usersTable->currentText(), QStringLiteral("users"));

    // Adding a role is one step too.
    const size_t roles = document->project().roles.size();
    const int before = document->undoStack()->index();
    click(editor->findChild<QPushButton *>(QStringLiteral("addRoleButton")));
    QCOMPARE(document->project().roles.size(), roles + 1);
    QCOMPARE(document->project().roles.back().name, QStringLiteral("role_1"));
    QCOMPARE(document->undoStack()->index(), before + 1);
    auto *rolesList = editor->findChild<QListWidget *>(QStringLiteral("rolesList"));
    QCOMPARE(rolesList->count(), int(roles + 1));
    // Renaming in place (what the item delegate does on commit) is one step; an empty name is refused.
    rolesList->item(int(roles))->setText(QStringLiteral("editor"));
    QCOMPARE(document->project().roles.back().name, QStringLiteral("editor"));
    QCOMPARE(document->undoStack()->index(), before + 2);
    rolesList->item(int(roles))->setText(QString());
    QCOMPARE(document->project().roles.back().name, QStringLiteral("editor"));
    QCOMPARE(rolesList->item(int(roles))->text(), QStringLiteral("editor"));
    QCOMPARE(document->undoStack()->index(), before + 2);
}

void tst_Editors::screenshots()
{
    const QString out = qEnvironmentVariable("BASALT_SCREENSHOTS");
    if (out.isEmpty())
        QSKIP("Set BASALT_SCREENSHOTS to a folder to write the editors' screenshots.");
    auto document = loadTemplate(QStringLiteral("ecommerce"));
    RelationshipEditor relationship(document.get());
    relationship.setRelationshipId(s_relationship);
    relationship.resize(460, 420);
    relationship.show();
    QVERIFY(relationship.grab().save(out + QStringLiteral("/relationship.png")));
    relationship.setRelationshipId(QStringLiteral("rel_products_tags"));
    QVERIFY(relationship.grab().save(out + QStringLiteral("/relationship-nm.png")));
    FieldFixture f;
    f.select(QStringLiteral("tbl_orders"), QStringLiteral("fld_orders_status"));
    QVERIFY(f.editor.grab().save(out + QStringLiteral("/field-enum.png")));
    f.select(s_products, QStringLiteral("fld_products_sku"));
    QVERIFY(f.editor.grab().save(out + QStringLiteral("/field-text.png")));
    // An array field, and a key given on insert.
    const Runtime::Table &products = *f.document->project().table(s_products);
    Runtime::Field sku = *products.field(QStringLiteral("fld_products_sku"));
    sku.type = Runtime::FieldType::TextArray;
    sku.validation = {};
    f.document->undoStack()->push(new ChangeTable(f.document.get(), changeField(products, sku), QStringLiteral("t")));
    f.select(s_products, QStringLiteral("fld_products_sku"));
    QVERIFY(f.editor.grab().save(out + QStringLiteral("/field-array.png")));
    const Runtime::Table &tags = *f.document->project().table(QStringLiteral("tbl_tags"));
    Runtime::Field tagId = *tags.field(QStringLiteral("fld_tags_id"));
    tagId.primaryKey = Runtime::PrimaryKeyKind::Supplied;
    f.document->undoStack()->push(new ChangeTable(f.document.get(), changeField(tags, tagId), QStringLiteral("t")));
    f.select(QStringLiteral("tbl_tags"), QStringLiteral("fld_tags_id"));
    QVERIFY(f.editor.grab().save(out + QStringLiteral("/field-supplied-key.png")));
}

QTEST_MAIN(tst_Editors)
#include "tst_editors.moc"
