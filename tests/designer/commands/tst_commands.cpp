// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the undo commands and table edits: redo, the model and events, undo to the same bytes, redo.
#include "commands/permissionpresets.h"
#include "commands/projectcommands.h"
#include "commands/relateplans.h"
#include "commands/relationshipcommands.h"
#include "commands/ruleedits.h"
#include "commands/tablecommands.h"
#include "commands/tableedits.h"
#include "commandtestsupport.h"

using namespace Designer;
using namespace CommandTests;
using Kind = ChangeEvent::Kind;
using Runtime::ObjectId;

class tst_Commands : public QObject
{
    Q_OBJECT

private slots:
    void addTables_data();
    void addTables();
    void removeTables_data();
    void removeTables();
    void removeTableWithRelationships();
    void removeUsersTableWithTrigger();
    void moveTables_data();
    void moveTables();
    void changeTable_data();
    void changeTable();
    void removeFieldDropsIndexes();
    void planRelationship_data();
    void planRelationship();
    void planRelationshipToSuppliedKey();
    void planRelationshipErrors_data();
    void planRelationshipErrors();
    void removeRelationship_data();
    void removeRelationship();
    void changeRelationship_data();
    void changeRelationship();
    void changeProjectProperties_data();
    void changeProjectProperties();
    void singularName_data();
    void singularName();
    void mergeMoves();
    void mergeTyping();
    void renameRewritesRules();
    void planRelateChoices();
    void rulesUsingDeleted();
    void differentKeyDoesNotMerge();
    void mergeProjectProperties();
    void removingSelectedTableDropsIt();
    void permissionPresets();
};

void tst_Commands::addTables_data()
{
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<int>("count");
    for (const QString &name : templateNames()) {
        QTest::addRow("%s/one", qPrintable(name)) << name << 1;
        QTest::addRow("%s/two-with-relationship", qPrintable(name)) << name << 2;
    }
}

void tst_Commands::addTables()
{
    QFETCH(QString, templateName);
    QFETCH(int, count);
    auto document = openTemplate(templateName);
    const Runtime::Project &project = document->project();
    std::vector<Runtime::Table> tables {
        newTable(project, QStringLiteral("new_table"), Runtime::PrimaryKeyKind::Uuid)};
    std::vector<Runtime::Relationship> relationships;
    if (count == 2) {
        Runtime::Table second
            = newTable(project, QStringLiteral("new_table_2"), Runtime::PrimaryKeyKind::AutoIncrement);
        second.fields[0].id = project.newId(QStringLiteral("fld")) + QStringLiteral("b");
        Runtime::Field key;
        key.id = project.newId(QStringLiteral("fld")) + QStringLiteral("c");
        key.name = QStringLiteral("new_table_id");
        key.type = Runtime::FieldType::Uuid;
        second.fields.push_back(key);
        second.id += QStringLiteral("b");
        Runtime::Relationship r;
        r.id = project.newId(QStringLiteral("rel"));
        r.fromTableId = tables[0].id;
        r.toTableId = second.id;
        r.foreignKeyFieldId = key.id;
        relationships.push_back(r);
        tables.push_back(second);
    }
    const std::vector<Runtime::Table> added = tables;
    const size_t before = project.tables.size();
    auto *command = new AddTables(document.get(), std::move(tables), relationships);
    if (count == 1)
        QCOMPARE(command->text(), QStringLiteral("Add table new_table"));
    else
        QCOMPARE(command->text(), QStringLiteral("Add 2 tables"));
    pushUndoRedo(*document, command, [&](const Runtime::Project &p, const QList<ChangeEvent> &events) {
        QCOMPARE(p.tables.size(), before + added.size());
        QCOMPARE(p.tables.back().id, added.back().id);
        QCOMPARE(events.first().kind, Kind::TablesAdded);
        QCOMPARE(events.first().ids.size(), qsizetype(count));
        QCOMPARE(hasEvent(events, Kind::RelationshipsChanged), count == 2);
    });
}

void tst_Commands::removeTables_data()
{
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<QList<ObjectId>>("tableIds");
    QTest::addColumn<bool>("validates");
    for (const QString &name : templateNames()) {
        auto document = openTemplate(name);
        QList<ObjectId> all;
        for (const Runtime::Table &t : document->project().tables) {
            // Without the users table there are no claims, but saas's rules and tenants use them.
            const bool validates = !(name == QLatin1String("saas") && t.name == QLatin1String("users"));
            QTest::addRow("%s/%s", qPrintable(name), qPrintable(t.name))
                << name << QList<ObjectId> {t.id} << validates;
            all << t.id;
        }
        QTest::addRow("%s/all", qPrintable(name)) << name << all << true;
    }
}

void tst_Commands::removeTables()
{
    QFETCH(QString, templateName);
    QFETCH(QList<ObjectId>, tableIds);
    QFETCH(bool, validates);
    auto document = openTemplate(templateName);
    QSet<ObjectId> relationships;
    for (const ObjectId &id : tableIds) {
        for (const Runtime::Relationship *r : document->project().relationshipsOf(id))
            relationships.insert(r->id);
    }
    pushUndoRedo(
        *document, new RemoveTables(document.get(), tableIds),
        [&](const Runtime::Project &p, const QList<ChangeEvent> &events) {
            QCOMPARE(events.first().kind, Kind::TablesAboutToBeRemoved);
            for (const ObjectId &id : tableIds) {
                QVERIFY(!p.table(id));
                QVERIFY(events.first().ids.contains(id));
                QVERIFY(hasEvent(events, Kind::TablesRemoved, id));
            }
            for (const ObjectId &id : relationships) {
                QVERIFY(!p.relationship(id));
                QVERIFY(hasEvent(events, Kind::RelationshipsChanged, id));
            }
        },
        validates);
}

void tst_Commands::removeTableWithRelationships()
{
    // products is the "from" of three relationships (order_items, reviews, tags), the "to" of one
    // (categories) and a side of the many-to-many products_tags, whose junction goes with it.
    auto document = openTemplate(QStringLiteral("ecommerce"));
    const ObjectId products = QStringLiteral("tbl_products");
    auto *command = new RemoveTables(document.get(), {products});
    QCOMPARE(command->text(), QStringLiteral("Remove table products"));
    pushUndoRedo(*document, command, [&](const Runtime::Project &p, const QList<ChangeEvent> &events) {
        QVERIFY(!p.table(products));
        QVERIFY(!p.table(QStringLiteral("tbl_products_tags")));
        QVERIFY(p.relationshipsOf(products).empty());
        QVERIFY(!p.relationship(QStringLiteral("rel_products_category")));
        QVERIFY(!p.table(QStringLiteral("tbl_order_items"))->fieldByName(QStringLiteral("product_id")));
        QVERIFY(!p.table(QStringLiteral("tbl_reviews"))->fieldByName(QStringLiteral("product_id")));
        QVERIFY(hasEvent(events, Kind::TableChanged, QStringLiteral("tbl_reviews")));
        QVERIFY(hasEvent(events, Kind::TablesRemoved, QStringLiteral("tbl_products_tags")));
        QVERIFY(p.table(QStringLiteral("tbl_categories")));
        QVERIFY(p.table(QStringLiteral("tbl_tags")));
    });
}

void tst_Commands::removeUsersTableWithTrigger()
{
    // Removing the users table clears the users-table settings and takes the table's triggers along.
    Runtime::Project project = openTemplate(QStringLiteral("ecommerce"))->project();
    project.triggers.clear(); // the template's own (on products) are not what this is about
    project.functions.push_back({QStringLiteral("fn_welcome"), QStringLiteral("welcome"), {},
        QStringLiteral("return {};") /* a function body (#15) */});
    project.triggers.push_back({.id = QStringLiteral("trg_welcome"), .name = QStringLiteral("welcome"),
        .tableId = QStringLiteral("tbl_customers"), .event = Runtime::TriggerEvent::Insert,
        .functionId = QStringLiteral("fn_welcome")});
    project.triggers.push_back({.id = QStringLiteral("trg_tags"), .name = QStringLiteral("tags"),
        .tableId = QStringLiteral("tbl_tags"), .event = Runtime::TriggerEvent::Update,
        .functionId = QStringLiteral("fn_welcome")});
    QVERIFY2(validationErrors(project).isEmpty(), qPrintable(validationErrors(project)));
    ProjectDocument document(std::make_unique<Runtime::Project>(project));
    pushUndoRedo(document, new RemoveTables(&document, {QStringLiteral("tbl_customers")}),
        [&](const Runtime::Project &p, const QList<ChangeEvent> &events) {
            QVERIFY(p.settings.usersTable.isEmpty());
            QCOMPARE(p.triggers.size(), size_t(1));
            QCOMPARE(p.triggers.front().id, QStringLiteral("trg_tags"));
            QCOMPARE(events.last().kind, Kind::ProjectChanged);
            // The rules of orders and reviews use customer_id: it stays, as a plain field.
            QVERIFY(p.table(QStringLiteral("tbl_orders"))->fieldByName(QStringLiteral("customer_id")));
            QVERIFY(!p.relationship(QStringLiteral("rel_orders_customer")));
        });
}

void tst_Commands::moveTables_data()
{
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<bool>("all");
    for (const QString &name : templateNames()) {
        QTest::addRow("%s/one", qPrintable(name)) << name << false;
        QTest::addRow("%s/all", qPrintable(name)) << name << true;
    }
}

void tst_Commands::moveTables()
{
    QFETCH(QString, templateName);
    QFETCH(bool, all);
    auto document = openTemplate(templateName);
    QHash<ObjectId, QPointF> positions;
    for (const Runtime::Table &t : document->project().tables) {
        positions.insert(t.id, t.position + QPointF(10, 20));
        if (!all)
            break;
    }
    pushUndoRedo(*document, new MoveTables(document.get(), positions),
        [&](const Runtime::Project &p, const QList<ChangeEvent> &events) {
            QCOMPARE(events.size(), 1);
            QCOMPARE(events.first().kind, Kind::TablesMoved);
            QCOMPARE(events.first().ids.size(), positions.size());
            for (auto it = positions.begin(); it != positions.end(); ++it)
                QCOMPARE(p.table(it.key())->position, it.value());
        });
}

void tst_Commands::changeTable_data()
{
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<QString>("edit");
    const QStringList edits = {QStringLiteral("rename"), QStringLiteral("color"),
        QStringLiteral("tenantScoped"), QStringLiteral("realtime"), QStringLiteral("addTextField"), QStringLiteral("addEnumField"),
        QStringLiteral("addIntegerField"), QStringLiteral("addTextArrayField"), QStringLiteral("removeField"), QStringLiteral("changeField"),
        QStringLiteral("moveField"), QStringLiteral("setRule"), QStringLiteral("changeRule"),
        QStringLiteral("removeRule"), QStringLiteral("addIndex"), QStringLiteral("removeIndex")};
    for (const QString &name : templateNames()) {
        for (const QString &edit : edits)
            QTest::addRow("%s/%s", qPrintable(name), qPrintable(edit)) << name << edit;
    }
}

namespace {
struct TableEdit
{
    Runtime::Table after;
    QString text;
};

// Builds the field edit \a edit (add*Field, removeField, changeField, moveField) of \a table into \a out.
void makeFieldEdit(
    const QString &edit, const Runtime::Project &project, const Runtime::Table &table, TableEdit &out)
{
    if (edit.startsWith(QLatin1String("add"))) {
        const Runtime::FieldType type = edit == QLatin1String("addEnumField") ? Runtime::FieldType::Enum
            : edit == QLatin1String("addTextField")                           ? Runtime::FieldType::Text
            : edit == QLatin1String("addTextArrayField")                      ? Runtime::FieldType::TextArray
                                                                              : Runtime::FieldType::Integer;
        out.after = addField(project, table, type);
        QCOMPARE(out.after.fields.size(), table.fields.size() + 1);
        // An array field is named after its elements: "text[]_1" would not be a name.
        const QString stem = type == Runtime::FieldType::TextArray ? QStringLiteral("text_list")
                                                                   : Runtime::fieldTypeName(type);
        QCOMPARE(out.after.fields.back().name, stem + QStringLiteral("_1"));
        QVERIFY(!project.containsId(out.after.fields.back().id));
        // A second new field gets the next free name and another new id.
        const Runtime::Table twice = addField(project, out.after, type);
        QCOMPARE(twice.fields.back().name, stem + QStringLiteral("_2"));
        QVERIFY(twice.fields.back().id != out.after.fields.back().id);
        out.text = addFieldText(table, out.after.fields.back().name);
    } else if (edit == QLatin1String("removeField")) {
        // The last plain field that no rule needs.
        for (auto it = table.fields.rbegin(); it != table.fields.rend() && out.text.isEmpty(); ++it) {
            if (it->isPrimaryKey() || project.relationshipForField(it->id))
                continue;
            Runtime::Project trial = project;
            *trial.table(table.id) = removeField(table, it->id);
            if (validationErrors(trial).isEmpty()) {
                out.after = removeField(table, it->id);
                out.text = removeFieldText(table, it->id);
            }
        }
        QVERIFY(!out.text.isEmpty());
        QCOMPARE(out.after.fields.size(), table.fields.size() - 1);
    } else if (edit == QLatin1String("changeField")) {
        Runtime::Field field = *plainField(project, table);
        field.description = QStringLiteral("changed");
        field.hidden = !field.hidden;
        out.after = changeField(table, field);
        out.text = changeFieldText(table, field.id);
    } else if (edit == QLatin1String("moveField")) {
        out.after = moveField(table, 0, int(table.fields.size()) - 1);
        QCOMPARE(out.after.fields.back().id, table.fields.front().id);
        QCOMPARE(moveField(table, 0, 99), table);
        out.text = moveFieldText(table, 0);
    }
}

// Builds the table, rule or index edit \a edit of \a table into \a out.
void makeTableEdit(
    const QString &edit, const Runtime::Project &project, const Runtime::Table &table, TableEdit &out)
{
    const Runtime::Operation del = Runtime::Operation::Delete;
    const QString authenticated = QStringLiteral("authenticated");
    if (edit == QLatin1String("rename")) {
        out = {renameTable(table, QStringLiteral("renamed")), renameTableText(table)};
        QCOMPARE(out.text, QStringLiteral("Rename table %1").arg(table.name));
    } else if (edit == QLatin1String("color")) {
        out = {setTableColor(table, QStringLiteral("#123456")), tableColorText(table)};
    } else if (edit == QLatin1String("tenantScoped")) {
        out = {setTenantScoped(table, !table.tenantScoped), tenantScopedText(table, !table.tenantScoped)};
    } else if (edit == QLatin1String("realtime")) {
        out = {setRealtime(table, !table.realtime), realtimeText(table, !table.realtime)};
    } else if (edit == QLatin1String("setRule")) {
        out = {setPermissionRule(project, table, authenticated, del, QStringLiteral("id = id")),
            permissionRuleText(table, authenticated, del, QString())};
        QCOMPARE(out.text, QStringLiteral("Set the delete rule of %1 for authenticated").arg(table.name));
        const auto isDelete
            = [&](const Runtime::PermissionRule &r) { return r.role == authenticated && r.operation == del; };
        const auto before = std::find_if(table.permissions.begin(), table.permissions.end(), isDelete);
        const auto rule = std::find_if(out.after.permissions.begin(), out.after.permissions.end(), isDelete);
        QVERIFY(rule != out.after.permissions.end());
        QCOMPARE(rule->expression, QStringLiteral("id = id"));
        // An existing rule keeps its id; a new one gets an id new in the project.
        QCOMPARE(project.containsId(rule->id), before != table.permissions.end());
    } else if (edit == QLatin1String("changeRule") || edit == QLatin1String("removeRule")) {
        const Runtime::PermissionRule rule = table.permissions.front();
        const std::optional<QString> expression
            = edit == QLatin1String("removeRule") ? std::nullopt : std::optional<QString>(QString());
        out.after = setPermissionRule(project, table, rule.role, rule.operation,
            rule.expression.isEmpty() && expression ? QStringLiteral("id = id") : expression);
        QCOMPARE(out.after.permissions.size(), table.permissions.size() - (expression ? 0 : 1));
        out.text = permissionRuleText(table, rule.role, rule.operation, expression);
    } else if (edit == QLatin1String("addIndex")) {
        out = {addIndex(project, table, {plainField(project, table)->id}, false), addIndexText(table)};
        QCOMPARE(out.after.indexes.size(), table.indexes.size() + 1);
    } else if (edit == QLatin1String("removeIndex")) {
        out = {removeIndex(table, table.indexes.front().id), removeIndexText(table)};
        QCOMPARE(out.after.indexes.size(), table.indexes.size() - 1);
    }
}
} // namespace

void tst_Commands::changeTable()
{
    QFETCH(QString, templateName);
    QFETCH(QString, edit);
    auto document = openTemplate(templateName);
    const Runtime::Project &project = document->project();
    // The last table with an index and rules.
    const Runtime::Table *found = nullptr;
    for (const Runtime::Table &t : project.tables) {
        if (!t.indexes.empty() && !t.permissions.empty())
            found = &t;
    }
    QVERIFY(found && plainField(project, *found));
    const Runtime::Table table = *found;
    TableEdit e;
    if (edit.endsWith(QLatin1String("Field")))
        makeFieldEdit(edit, project, table, e);
    else
        makeTableEdit(edit, project, table, e);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(e.after != table);
    QVERIFY(!e.text.isEmpty());
    pushUndoRedo(*document, new ChangeTable(document.get(), e.after, e.text),
        [&](const Runtime::Project &p, const QList<ChangeEvent> &events) {
            QCOMPARE(*p.table(table.id), e.after);
            QCOMPARE(events.size(), 1);
            QCOMPARE(events.first().kind, Kind::TableChanged);
            QCOMPARE(events.first().ids, QList<ObjectId> {table.id});
        });
    // A rename names both names; the other edits keep their own texts.
    QCOMPARE(document->undoStack()->undoText(),
        edit == QLatin1String("rename") ? QStringLiteral("Rename table %1 to renamed").arg(table.name) : e.text);
}

void tst_Commands::removeFieldDropsIndexes()
{
    Runtime::Table table;
    table.fields = {{.id = QStringLiteral("a"), .name = QStringLiteral("a")},
        {.id = QStringLiteral("b"), .name = QStringLiteral("b")}};
    table.indexes = {{.id = QStringLiteral("ab"), .fieldIds = {QStringLiteral("a"), QStringLiteral("b")}},
        {.id = QStringLiteral("onlyB"), .fieldIds = {QStringLiteral("b")}}};
    const Runtime::Table after = removeField(table, QStringLiteral("b"));
    QCOMPARE(after.fields.size(), size_t(1));
    QCOMPARE(after.indexes.size(), size_t(1));
    QCOMPARE(after.indexes.front().fieldIds, QList<ObjectId> {QStringLiteral("a")});
}

void tst_Commands::planRelationship_data()
{
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<Runtime::RelationshipKind>("kind");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("expectedName"); // foreign key, or junction table
    QTest::addColumn<Runtime::FieldType>("keyType");
    const auto oneToMany = Runtime::RelationshipKind::OneToMany;
    const auto oneToOne = Runtime::RelationshipKind::OneToOne;
    const auto manyToMany = Runtime::RelationshipKind::ManyToMany;
    const auto integer = Runtime::FieldType::Integer;
    const auto uuid = Runtime::FieldType::Uuid;
    QTest::newRow("1:N integer key") << "ecommerce" << oneToMany << "tags"
                                     << "reviews"
                                     << "tag_id" << integer;
    QTest::newRow("1:N uuid key") << "ecommerce" << oneToMany << "customers"
                                  << "tags"
                                  << "customer_id" << uuid;
    QTest::newRow("1:N name clash") << "ecommerce" << oneToMany << "categories"
                                    << "products"
                                    << "category_id_2" << integer;
    QTest::newRow("1:N to itself") << "ecommerce" << oneToMany << "categories"
                                   << "categories"
                                   << "category_id" << integer;
    QTest::newRow("1:1 uuid key") << "saas" << oneToOne << "users"
                                  << "organizations"
                                  << "user_id" << uuid;
    QTest::newRow("1:1 name clash") << "social" << oneToOne << "posts"
                                    << "likes"
                                    << "post_id_2" << uuid;
    QTest::newRow("1:N chat") << "chat" << oneToMany << "messages"
                              << "members"
                              << "message_id" << uuid;
    QTest::newRow("N:M integer keys") << "ecommerce" << manyToMany << "orders"
                                      << "tags"
                                      << "orders_tags" << integer;
    QTest::newRow("N:M junction name clash") << "ecommerce" << manyToMany << "products"
                                             << "tags"
                                             << "products_tags_2" << integer;
    QTest::newRow("N:M uuid keys") << "social" << manyToMany << "users"
                                   << "posts"
                                   << "users_posts" << uuid;
    QTest::newRow("N:M to itself") << "chat" << manyToMany << "channels"
                                   << "channels"
                                   << "channels_channels" << uuid;
    QTest::newRow("N:M mixed keys") << "ecommerce" << manyToMany << "customers"
                                    << "products"
                                    << "customers_products" << uuid;
}

void tst_Commands::planRelationship()
{
    QFETCH(QString, templateName);
    QFETCH(Runtime::RelationshipKind, kind);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, expectedName);
    QFETCH(Runtime::FieldType, keyType);
    auto document = openTemplate(templateName);
    const Runtime::Project &project = document->project();
    const Runtime::Table *fromTable = project.tableByName(from);
    const Runtime::Table *toTable = project.tableByName(to);
    QVERIFY(fromTable && toTable);
    const ObjectId fromId = fromTable->id;
    const ObjectId toId = toTable->id;
    const QPointF middle = (fromTable->position + toTable->position) / 2;
    Runtime::Result<RelationshipPlan> plan = Designer::planRelationship(project, kind, fromId, toId);
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));
    const Runtime::Relationship relationship = plan->relationship;
    QCOMPARE(relationship.kind, kind);
    QCOMPARE(relationship.fromTableId, fromId);
    QCOMPARE(relationship.toTableId, toId);
    QCOMPARE(relationship.onDelete, Runtime::DeleteAction::Restrict);
    QVERIFY(relationship.name.isEmpty());
    QVERIFY(!project.containsId(relationship.id));
    if (kind == Runtime::RelationshipKind::ManyToMany) {
        QVERIFY(plan->junction && !plan->foreignKey);
        const Runtime::Table &junction = *plan->junction;
        QCOMPARE(junction.name, expectedName);
        QCOMPARE(relationship.junctionTableId, junction.id);
        QCOMPARE(junction.fields.size(), size_t(3));
        QCOMPARE(junction.primaryKey()->primaryKey, Runtime::PrimaryKeyKind::AutoIncrement);
        const Runtime::Field *fromField = junction.field(relationship.junctionFromFieldId);
        const Runtime::Field *toField = junction.field(relationship.junctionToFieldId);
        QVERIFY(fromField && toField && fromField != toField);
        QCOMPARE(fromField->name, Designer::singularName(from) + QStringLiteral("_id"));
        QCOMPARE(fromField->type, keyType);
        QVERIFY(fromField->required && toField->required);
        QCOMPARE(toField->type, toTable->primaryKey()->type);
        QCOMPARE(junction.indexes.size(), size_t(1));
        QVERIFY(junction.indexes.front().unique);
        QCOMPARE(junction.indexes.front().fieldIds, (QList<ObjectId> {fromField->id, toField->id}));
        QVERIFY(QLineF(junction.position, middle).length() < 300);
    } else {
        QVERIFY(plan->foreignKey && !plan->junction);
        QCOMPARE(plan->foreignKey->name, expectedName);
        QCOMPARE(plan->foreignKey->type, keyType);
        QVERIFY(!plan->foreignKey->required);
        QCOMPARE(plan->foreignKey->unique, kind == Runtime::RelationshipKind::OneToOne);
        QCOMPARE(relationship.foreignKeyFieldId, plan->foreignKey->id);
    }
    const RelationshipPlan planned = *plan;
    auto *command = new AddRelationship(document.get(), planned);
    QCOMPARE(command->text(), QStringLiteral("Add relationship from %1 to %2").arg(from, to));
    pushUndoRedo(*document, command, [&](const Runtime::Project &p, const QList<ChangeEvent> &events) {
        QCOMPARE(p.relationships.back(), relationship);
        QVERIFY(hasEvent(events, Kind::RelationshipsChanged, relationship.id));
        QCOMPARE(events.last().kind, Kind::RelationshipsChanged); // after its tables exist
        if (planned.junction)
            QVERIFY(hasEvent(events, Kind::TablesAdded, planned.junction->id));
        else
            QVERIFY(hasEvent(events, Kind::TableChanged, toId));
    });
}

// A text key given on insert: the planned foreign key is text too, and the relationship validates.
void tst_Commands::planRelationshipToSuppliedKey()
{
    auto document = openTemplate(QStringLiteral("ecommerce"));
    Runtime::Table keyed {.id = QStringLiteral("tbl_sections"), .name = QStringLiteral("sections")};
    keyed.fields = {Runtime::Field {.id = QStringLiteral("fld_sections_slug"), .name = QStringLiteral("slug"),
                        .primaryKey = Runtime::PrimaryKeyKind::Supplied},
        Runtime::Field {.id = QStringLiteral("fld_sections_name"), .name = QStringLiteral("name")}};
    pushUndoRedo(*document, new AddTables(document.get(), {keyed}));
    const Runtime::Table *products = document->project().tableByName(QStringLiteral("products"));
    Runtime::Result<RelationshipPlan> plan = Designer::planRelationship(
        document->project(), Runtime::RelationshipKind::OneToMany, keyed.id, products->id);
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));
    QCOMPARE(plan->foreignKey->name, QStringLiteral("section_id"));
    QCOMPARE(plan->foreignKey->type, Runtime::FieldType::Text);
    pushUndoRedo(*document, new AddRelationship(document.get(), *plan));
}

void tst_Commands::planRelationshipErrors_data()
{
    QTest::addColumn<Runtime::RelationshipKind>("kind");
    QTest::addColumn<bool>("keylessIsFrom");
    QTest::newRow("1:N from keyless") << Runtime::RelationshipKind::OneToMany << true;
    QTest::newRow("1:1 from keyless") << Runtime::RelationshipKind::OneToOne << true;
    QTest::newRow("N:M from keyless") << Runtime::RelationshipKind::ManyToMany << true;
    QTest::newRow("N:M to keyless") << Runtime::RelationshipKind::ManyToMany << false;
}

void tst_Commands::planRelationshipErrors()
{
    QFETCH(Runtime::RelationshipKind, kind);
    QFETCH(bool, keylessIsFrom);
    auto document = openTemplate(QStringLiteral("ecommerce"));
    Runtime::Project project = document->project();
    Runtime::Table keyless = newTable(project, QStringLiteral("notes"), Runtime::PrimaryKeyKind::None);
    keyless.fields.front().name = QStringLiteral("body");
    project.tables.push_back(keyless);
    const ObjectId other = QStringLiteral("tbl_tags");
    Runtime::Result<RelationshipPlan> plan = Designer::planRelationship(
        project, kind, keylessIsFrom ? keyless.id : other, keylessIsFrom ? other : keyless.id);
    QVERIFY(!plan);
    QCOMPARE(plan.error().code, Runtime::ErrorCode::InvalidArgument);
    QCOMPARE(plan.error().message, QStringLiteral("notes has no primary key; give it one first"));

    Runtime::Result<RelationshipPlan> unknown
        = Designer::planRelationship(project, kind, QStringLiteral("tbl_nothing"), other);
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, Runtime::ErrorCode::InvalidArgument);
}

void tst_Commands::removeRelationship_data()
{
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<ObjectId>("relationshipId");
    QTest::addColumn<bool>("keptField"); // the foreign key stays as a plain field
    // Foreign keys that permission rules use ("customer_id = auth.uid") or that are claims.
    const QStringList kept = {QStringLiteral("rel_orders_customer"), QStringLiteral("rel_reviews_customer"),
        QStringLiteral("rel_users_organization"), QStringLiteral("rel_tasks_assignee"),
        QStringLiteral("rel_comments_author"), QStringLiteral("rel_posts_author"),
        QStringLiteral("rel_likes_user"), QStringLiteral("rel_followers_follower")};
    for (const QString &name : templateNames()) {
        auto document = openTemplate(name);
        for (const Runtime::Relationship &r : document->project().relationships)
            QTest::addRow("%s/%s", qPrintable(name), qPrintable(r.id)) << name << r.id << kept.contains(r.id);
    }
}

void tst_Commands::removeRelationship()
{
    QFETCH(QString, templateName);
    QFETCH(ObjectId, relationshipId);
    QFETCH(bool, keptField);
    auto document = openTemplate(templateName);
    const Runtime::Relationship relationship = *document->project().relationship(relationshipId);
    pushUndoRedo(*document, new RemoveRelationship(document.get(), relationshipId),
        [&](const Runtime::Project &p, const QList<ChangeEvent> &events) {
            QVERIFY(!p.relationship(relationshipId));
            QVERIFY(hasEvent(events, Kind::RelationshipsChanged, relationshipId));
            if (relationship.isManyToMany()) {
                QVERIFY(!p.table(relationship.junctionTableId));
                QVERIFY(hasEvent(events, Kind::TablesRemoved, relationship.junctionTableId));
            } else {
                // The foreign key goes unless a rule or the users-table settings still need it.
                const bool kept = p.table(relationship.toTableId)->field(relationship.foreignKeyFieldId);
                QCOMPARE(hasEvent(events, Kind::TableChanged, relationship.toTableId), !kept);
                QCOMPARE(kept, keptField);
            }
        });
}

void tst_Commands::changeRelationship_data()
{
    QTest::addColumn<QString>("templateName");
    for (const QString &name : templateNames())
        QTest::addRow("%s", qPrintable(name)) << name;
}

void tst_Commands::changeRelationship()
{
    QFETCH(QString, templateName);
    auto document = openTemplate(templateName);
    Runtime::Relationship after = document->project().relationships.front();
    after.name = QStringLiteral("renamed_relationship");
    after.onDelete = after.onDelete == Runtime::DeleteAction::Cascade ? Runtime::DeleteAction::Restrict
                                                                      : Runtime::DeleteAction::Cascade;
    pushUndoRedo(*document,
        new ChangeRelationship(document.get(), after, QStringLiteral("Change relationship")),
        [&](const Runtime::Project &p, const QList<ChangeEvent> &events) {
            QCOMPARE(*p.relationship(after.id), after);
            QCOMPARE(events.size(), 1);
            QCOMPARE(events.first().kind, Kind::RelationshipsChanged);
            QCOMPARE(events.first().ids, QList<ObjectId> {after.id});
        });
}

void tst_Commands::changeProjectProperties_data()
{
    changeRelationship_data();
}

void tst_Commands::changeProjectProperties()
{
    QFETCH(QString, templateName);
    auto document = openTemplate(templateName);
    ProjectProperties after = ProjectProperties::of(document->project());
    after.name = QStringLiteral("Renamed");
    after.description = QStringLiteral("Another description");
    after.settings.minimumPasswordLength = 12;
    after.roles.push_back({QStringLiteral("role_auditor"), QStringLiteral("auditor"), {}});
    pushUndoRedo(*document,
        new ChangeProjectProperties(document.get(), after, QStringLiteral("Change project settings")),
        [&](const Runtime::Project &p, const QList<ChangeEvent> &events) {
            QCOMPARE(ProjectProperties::of(p), after);
            QCOMPARE(events.size(), 1);
            QCOMPARE(events.first().kind, Kind::ProjectChanged);
        });
}

void tst_Commands::singularName_data()
{
    QTest::addColumn<QString>("plural");
    QTest::addColumn<QString>("singular");
    QTest::newRow("s") << "users"
                       << "user";
    QTest::newRow("ies") << "categories"
                         << "category";
    QTest::newRow("xes") << "boxes"
                         << "box";
    QTest::newRow("ches") << "matches"
                          << "match";
    QTest::newRow("sses") << "addresses"
                          << "address";
    QTest::newRow("uses") << "statuses"
                          << "status";
    QTest::newRow("ss") << "access"
                        << "access";
    QTest::newRow("singular") << "staff"
                              << "staff";
}

void tst_Commands::singularName()
{
    QFETCH(QString, plural);
    QFETCH(QString, singular);
    QCOMPARE(Designer::singularName(plural), singular);
}

void tst_Commands::mergeMoves()
{
    auto document = openTemplate(QStringLiteral("ecommerce"));
    const QByteArray original = Runtime::writeProject(document->project());
    const Runtime::Table &first = document->project().tables[0];
    const Runtime::Table &second = document->project().tables[1];
    const ObjectId a = first.id;
    const ObjectId b = second.id;
    for (int step = 1; step <= 3; ++step) {
        document->undoStack()->push(
            new MoveTables(document.get(), {{a, QPointF(step * 10, 0)}, {b, QPointF(0, step * 10)}}));
    }
    QCOMPARE(document->undoStack()->count(), 1);
    QCOMPARE(document->project().table(a)->position, QPointF(30, 0));
    // A move of another set of tables is a step of its own.
    document->undoStack()->push(new MoveTables(document.get(), {{a, QPointF(5, 5)}}));
    QCOMPARE(document->undoStack()->count(), 2);
    document->undoStack()->undo();
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document->project()), original);

    // Dragging back to where the tables were leaves no step at all.
    document->undoStack()->clear();
    const QPointF start = document->project().table(a)->position;
    document->undoStack()->push(new MoveTables(document.get(), {{a, start + QPointF(50, 50)}}));
    document->undoStack()->push(new MoveTables(document.get(), {{a, start}}));
    QCOMPARE(document->undoStack()->count(), 0);
    QCOMPARE(Runtime::writeProject(document->project()), original);
}

void tst_Commands::mergeTyping()
{
    auto document = openTemplate(QStringLiteral("social"));
    const QByteArray original = Runtime::writeProject(document->project());
    const Runtime::Table table = document->project().tables[0];
    const QString word = QStringLiteral("members");
    for (qsizetype i = 1; i <= word.size(); ++i) {
        const Runtime::Table current = *document->project().table(table.id);
        document->undoStack()->push(new ChangeTable(document.get(), renameTable(current, word.left(i)),
            renameTableText(current), QStringLiteral("name")));
    }
    QCOMPARE(document->undoStack()->count(), 1);
    QCOMPARE(document->undoStack()->undoText(), QStringLiteral("Rename table users to members"));
    QCOMPARE(document->project().table(table.id)->name, word);
    // Typing in a field's name merges under that field's key.
    const Runtime::Field field = document->project().table(table.id)->fields[1];
    for (const QString &name : {QStringLiteral("n"), QStringLiteral("ni"), QStringLiteral("nick")}) {
        Runtime::Field changed = field;
        changed.name = name;
        const Runtime::Table current = *document->project().table(table.id);
        document->undoStack()->push(new ChangeTable(document.get(), changeField(current, changed),
            changeFieldText(current, field.id), fieldMergeKey(field.id, QStringLiteral("name"))));
    }
    QCOMPARE(document->undoStack()->count(), 2);
    document->undoStack()->undo();
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document->project()), original);
}

namespace {
QString ruleOf(const Runtime::Project &project, const QString &table, Runtime::Operation operation)
{
    for (const Runtime::PermissionRule &rule : project.tableByName(table)->permissions) {
        if (rule.role == QLatin1String("authenticated") && rule.operation == operation)
            return rule.expression;
    }
    return QStringLiteral("<none>");
}

/** Types \a names into the name of the field \a fieldId of \a tableId, key by key, as the field editor. */
void typeFieldName(ProjectDocument &document, const ObjectId &tableId, const ObjectId &fieldId, const QStringList &names)
{
    for (const QString &name : names) {
        const Runtime::Table current = *document.project().table(tableId);
        Runtime::Field changed = *current.field(fieldId);
        changed.name = name;
        document.undoStack()->push(new ChangeTable(&document, changeField(current, changed),
            changeFieldText(current, fieldId), fieldMergeKey(fieldId, QStringLiteral("name"))));
    }
}
} // namespace

// Renaming a field or a table rewrites every rule that names it, in the same undo step; words that only
// look alike (a string, another table's column) stay.
void tst_Commands::renameRewritesRules()
{
    auto document = openTemplate(QStringLiteral("ecommerce"));
    const Runtime::Project &project = document->project();
    const ObjectId items = QStringLiteral("tbl_order_items");
    {
        Runtime::Table after = *project.table(items);
        Runtime::PermissionRule rule;
        rule.id = QStringLiteral("perm_items_select");
        rule.role = QStringLiteral("authenticated");
        rule.operation = Runtime::Operation::Select;
        rule.expression = QStringLiteral("order.customer_id = auth.uid and orders.status != 'pending' and order.customer.full_name != 'customer_id' and quantity > 0");
        std::erase_if(after.permissions, [&](const Runtime::PermissionRule &r) {
            return r.role == rule.role && r.operation == rule.operation;
        });
        after.permissions.push_back(rule);
        document->undoStack()->push(new ChangeTable(document.get(), after, QStringLiteral("rule")));
    }
    const QByteArray original = Runtime::writeProject(project);
    const int steps = document->undoStack()->count();
    QCOMPARE(ruleOf(project, QStringLiteral("orders"), Runtime::Operation::Select), QStringLiteral("customer_id = auth.uid"));

    // Typed key by key, through an empty name and a name that names nothing yet: one step, nothing lost.
    typeFieldName(*document, QStringLiteral("tbl_orders"), QStringLiteral("fld_orders_customer_id"),
        {QStringLiteral("customer_i"), QString(), QStringLiteral("b"), QStringLiteral("buyer_id")});
    QCOMPARE(document->undoStack()->count(), steps + 1);
    QCOMPARE(ruleOf(project, QStringLiteral("orders"), Runtime::Operation::Select), QStringLiteral("buyer_id = auth.uid"));
    QCOMPARE(ruleOf(project, QStringLiteral("order_items"), Runtime::Operation::Select),
        QStringLiteral("order.buyer_id = auth.uid and orders.status != 'pending' and order.buyer.full_name != 'customer_id' and quantity > 0"));
    QCOMPARE(ruleOf(project, QStringLiteral("reviews"), Runtime::Operation::Update),
        QStringLiteral("customer_id = auth.uid")); // reviews' own customer_id is another field
    QCOMPARE(validationErrors(project), QString());

    // A foreign key's stem follows its field; a table's name follows the table.
    typeFieldName(*document, items, QStringLiteral("fld_order_items_order_id"), {QStringLiteral("purchase_id")});
    const Runtime::Table orders = *project.table(QStringLiteral("tbl_orders"));
    document->undoStack()->push(new ChangeTable(document.get(), renameTable(orders, QStringLiteral("purchases")),
        renameTableText(orders), QStringLiteral("name")));
    QCOMPARE(ruleOf(project, QStringLiteral("order_items"), Runtime::Operation::Select),
        QStringLiteral("purchase.buyer_id = auth.uid and purchases.status != 'pending' and purchase.buyer.full_name != 'customer_id' and quantity > 0"));
    QCOMPARE(validationErrors(project), QString());

    document->undoStack()->undo();
    document->undoStack()->undo();
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(project), original);
    document->undoStack()->redo();
    QCOMPARE(ruleOf(project, QStringLiteral("order_items"), Runtime::Operation::Select),
        QStringLiteral("order.buyer_id = auth.uid and orders.status != 'pending' and order.buyer.full_name != 'customer_id' and quantity > 0"));
}

// Each way a builder says a relationship plans the foreign key on the right side, new or reused.
void tst_Commands::planRelateChoices()
{
    auto document = openTemplate(QStringLiteral("ecommerce"));
    const Runtime::Project &project = document->project();
    const ObjectId reviews = QStringLiteral("tbl_reviews");
    const ObjectId tags = QStringLiteral("tbl_tags");
    const auto plan = [&](RelateChoice choice, const ObjectId &key = {}) {
        return planRelate(project, RelateRequest {choice, reviews, tags, key});
    };
    Runtime::Result<RelationshipPlan> manyToOne = plan(RelateChoice::ManyToOne);
    QVERIFY(manyToOne);
    QCOMPARE(manyToOne->relationship.fromTableId, tags);
    QCOMPARE(manyToOne->relationship.toTableId, reviews);
    QCOMPARE(manyToOne->foreignKey->name, QStringLiteral("tag_id"));
    QCOMPARE(planEffect(project, *manyToOne), QStringLiteral("Adds the foreign key reviews.tag_id (integer) referencing tags."));
    QCOMPARE(relateSentence(project, {RelateChoice::ManyToOne, reviews, tags, {}}),
        QStringLiteral("Each review has one tag · A tag has many reviews"));

    Runtime::Result<RelationshipPlan> oneToMany = plan(RelateChoice::OneToMany);
    QCOMPARE(oneToMany->relationship.fromTableId, reviews);
    QCOMPARE(oneToMany->relationship.toTableId, tags);
    QCOMPARE(oneToMany->foreignKey->name, QStringLiteral("review_id"));

    Runtime::Result<RelationshipPlan> oneToOne = plan(RelateChoice::OneToOne);
    QCOMPARE(oneToOne->relationship.kind, Runtime::RelationshipKind::OneToOne);
    QCOMPARE(oneToOne->relationship.toTableId, tags);
    QVERIFY(oneToOne->foreignKey->unique);

    Runtime::Result<RelationshipPlan> reused = plan(RelateChoice::ManyToOne, QStringLiteral("fld_reviews_title"));
    QVERIFY(reused);
    QVERIFY(!reused->foreignKey);
    QCOMPARE(reused->relationship.foreignKeyFieldId, QStringLiteral("fld_reviews_title"));
    QCOMPARE(reused->reusedField->type, Runtime::FieldType::Integer);
    QCOMPARE(planEffect(project, *reused),
        QStringLiteral("Makes reviews.title the foreign key referencing tags. Its type changes from text to integer."));
    Runtime::Result<RelationshipPlan> oneToOneReused = plan(RelateChoice::OneToOne, QStringLiteral("fld_reviews_title"));
    QCOMPARE(oneToOneReused->relationship.toTableId, reviews);
    QVERIFY(oneToOneReused->reusedField->unique);

    for (const char *key : {"fld_reviews_product_id", "fld_reviews_id"}) {
        Runtime::Result<RelationshipPlan> refused = plan(RelateChoice::ManyToOne, QString::fromLatin1(key));
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QLatin1String("cannot be the foreign key")), qPrintable(refused.error().message));
    }

    // Made through the document: one step, the field reused, undo gives it back.
    const QByteArray before = Runtime::writeProject(project);
    QVERIFY(document->relate({RelateChoice::ManyToOne, reviews, tags, QStringLiteral("fld_reviews_title")}));
    QCOMPARE(project.relationships.back().foreignKeyFieldId, QStringLiteral("fld_reviews_title"));
    QCOMPARE(validationErrors(project), QString());
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(project), before);
}

// Deleting a table or field names the rules that use it, other than the deleted table's own.
void tst_Commands::rulesUsingDeleted()
{
    auto document = openTemplate(QStringLiteral("ecommerce"));
    const Runtime::Project &project = document->project();
    QList<RuleUse> uses = rulesUsing(project, {}, {QStringLiteral("fld_orders_customer_id")});
    QCOMPARE(uses.size(), 2); // orders: select and insert for authenticated
    QCOMPARE(uses.front().tableId, QStringLiteral("tbl_orders"));
    QVERIFY2(uses.front().text.startsWith(QLatin1String("orders, ")), qPrintable(uses.front().text));
    QVERIFY(uses.front().text.endsWith(QLatin1String(": customer_id = auth.uid")));
    QVERIFY(rulesUsing(project, {QStringLiteral("tbl_orders")}, {}).isEmpty()); // its own rules go with it
    QVERIFY(rulesUsing(project, {}, {QStringLiteral("fld_orders_status")}).size() >= 1);

    // Removing them changes only the tables that had them.
    const std::vector<Runtime::Table> changed = withoutRules(project, uses);
    QCOMPARE(changed.size(), size_t(1));
    QCOMPARE(changed.front().permissions.size(), project.table(QStringLiteral("tbl_orders"))->permissions.size() - 2);
}

void tst_Commands::differentKeyDoesNotMerge()
{
    auto document = openTemplate(QStringLiteral("chat"));
    const ObjectId id = document->project().tables[0].id;
    const ObjectId other = document->project().tables[1].id;
    const auto push = [&](const ObjectId &tableId, const QString &name, const QString &key) {
        const Runtime::Table current = *document->project().table(tableId);
        document->undoStack()->push(
            new ChangeTable(document.get(), renameTable(current, name), renameTableText(current), key));
    };
    push(id, QStringLiteral("a"), QStringLiteral("name"));
    push(id, QStringLiteral("ab"), QStringLiteral("description")); // another key
    QCOMPARE(document->undoStack()->count(), 2);
    push(id, QStringLiteral("abc"), QString()); // no key: never merges
    push(id, QStringLiteral("abcd"), QString());
    QCOMPARE(document->undoStack()->count(), 4);
    push(other, QStringLiteral("x"), QStringLiteral("name"));
    push(id, QStringLiteral("abcde"), QStringLiteral("name")); // same key, but the other table came between
    QCOMPARE(document->undoStack()->count(), 6);
    push(other, QStringLiteral("xy"), QStringLiteral("name"));
    QCOMPARE(document->undoStack()->count(), 7); // same key, another table
}

void tst_Commands::mergeProjectProperties()
{
    auto document = openTemplate(QStringLiteral("saas"));
    const QByteArray original = Runtime::writeProject(document->project());
    for (const QString &name : {QStringLiteral("N"), QStringLiteral("Ne"), QStringLiteral("New")}) {
        ProjectProperties properties = ProjectProperties::of(document->project());
        properties.name = name;
        document->undoStack()->push(new ChangeProjectProperties(
            document.get(), properties, QStringLiteral("Rename project"), QStringLiteral("name")));
    }
    QCOMPARE(document->undoStack()->count(), 1);
    ProjectProperties properties = ProjectProperties::of(document->project());
    properties.description = QStringLiteral("d");
    document->undoStack()->push(new ChangeProjectProperties(
        document.get(), properties, QStringLiteral("Change description"), QStringLiteral("description")));
    QCOMPARE(document->undoStack()->count(), 2);
    document->undoStack()->undo();
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document->project()), original);
}

void tst_Commands::removingSelectedTableDropsIt()
{
    auto document = openTemplate(QStringLiteral("ecommerce"));
    const ObjectId tags = QStringLiteral("tbl_tags");
    const ObjectId categories = QStringLiteral("tbl_categories");
    const ObjectId tagsRelationship = QStringLiteral("rel_products_tags");
    document->setSelection({tags, categories, tagsRelationship});
    QCOMPARE(document->selection().size(), 3);
    QSignalSpy selectionChanged(document.get(), &ProjectDocument::selectionChanged);
    document->undoStack()->push(new RemoveTables(document.get(), {tags}));
    QCOMPARE(document->selection(), QList<ObjectId> {categories});
    QVERIFY(!selectionChanged.isEmpty());
    document->undoStack()->undo();
    QCOMPARE(document->selection(), QList<ObjectId> {categories}); // selection is not undone
}

void tst_Commands::permissionPresets()
{
    namespace P = PermissionPresets;
    const auto document = openTemplate(QStringLiteral("ecommerce"));
    const Runtime::Project &project = document->project();
    const Runtime::Table &reviews = *project.tableByName(QStringLiteral("reviews"));
    QCOMPARE(P::ownerField(reviews), QStringLiteral("customer_id"));
    QCOMPARE(
        P::undoText(P::Preset::PublicRead, reviews), QStringLiteral("Apply preset Public read to reviews"));
    const auto rulesOf = [](const Runtime::Table &table) {
        QStringList rules;
        for (const Runtime::PermissionRule &rule : table.permissions)
            rules << QStringLiteral("%1:%2=%3").arg(
                rule.role, Runtime::operationName(rule.operation), rule.expression);
        rules.sort();
        return rules;
    };
    const Runtime::Table owned = P::apply(project, reviews, P::Preset::OwnerOnly, P::ownerField(reviews));
    const QStringList ownerRules = rulesOf(owned).filter(QStringLiteral("=customer_id = auth.uid"));
    QCOMPARE(ownerRules.filter(QStringLiteral("authenticated:")).size(), 4); // one per operation
    QCOMPARE(P::apply(project, owned, P::Preset::OwnerOnly, QStringLiteral("customer_id")), owned);
    const Runtime::Table publicRead = P::apply(project, reviews, P::Preset::PublicRead);
    QVERIFY(rulesOf(publicRead).contains(QStringLiteral("anon:select=")));
    QVERIFY(rulesOf(publicRead).contains(QStringLiteral("authenticated:select=")));
    const Runtime::Table scoped = P::apply(project, reviews, P::Preset::TenantScoped);
    QVERIFY(scoped.tenantScoped);
    QVERIFY(rulesOf(scoped).contains(QStringLiteral("authenticated:delete=")));
}

QTEST_MAIN(tst_Commands)
#include "tst_commands.moc"
