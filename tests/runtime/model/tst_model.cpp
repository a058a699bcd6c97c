// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the project model's lookups and id generation.
#include "model/project.h"

#include <QtTest>

using namespace Runtime;

class tst_Model : public QObject
{
    Q_OBJECT

private slots:
    void typeNamesRoundTrip_data();
    void typeNamesRoundTrip();
    void lookups();
    void newIdIsUniqueAndValid();
    void objectIdValidity_data();
    void objectIdValidity();
};

void tst_Model::typeNamesRoundTrip_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &n : fieldTypeNames())
        QTest::newRow(qPrintable(n)) << n;
}

void tst_Model::typeNamesRoundTrip()
{
    QFETCH(QString, name);
    const auto type = fieldTypeFromName(name);
    QVERIFY(type.has_value());
    QCOMPARE(fieldTypeName(*type), name);
}

void tst_Model::lookups()
{
    Project p;
    Table categories{.id = QStringLiteral("tbl_c"), .name = QStringLiteral("categories")};
    categories.fields.push_back({.id = QStringLiteral("fld_c_id"), .name = QStringLiteral("id"),
                                 .type = FieldType::Integer, .primaryKey = PrimaryKeyKind::AutoIncrement});
    Table products{.id = QStringLiteral("tbl_p"), .name = QStringLiteral("products")};
    products.fields.push_back({.id = QStringLiteral("fld_p_id"), .name = QStringLiteral("id"),
                               .type = FieldType::Integer, .primaryKey = PrimaryKeyKind::AutoIncrement});
    products.fields.push_back(
        {.id = QStringLiteral("fld_p_cat"), .name = QStringLiteral("category_id"), .type = FieldType::Integer});
    p.tables = {categories, products};
    p.relationships.push_back({.id = QStringLiteral("rel_1"), .fromTableId = QStringLiteral("tbl_c"),
                               .toTableId = QStringLiteral("tbl_p"), .foreignKeyFieldId = QStringLiteral("fld_p_cat")});

    QCOMPARE(p.tableByName(QStringLiteral("products"))->id, QStringLiteral("tbl_p"));
    QCOMPARE(p.table(QStringLiteral("tbl_c"))->primaryKey()->name, QStringLiteral("id"));
    QVERIFY(!p.table(QStringLiteral("nope")));
    QCOMPARE(p.relationshipForField(QStringLiteral("fld_p_cat"))->id, QStringLiteral("rel_1"));
    QCOMPARE(p.relationshipsOf(QStringLiteral("tbl_c")).size(), size_t(1));
    QVERIFY(p.containsId(QStringLiteral("fld_p_cat")));
    QVERIFY(!p.isJunctionTable(QStringLiteral("tbl_p")));
}

void tst_Model::newIdIsUniqueAndValid()
{
    Project p;
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const QString id = p.newId(QStringLiteral("tbl"));
        QVERIFY(isValidObjectId(id));
        QVERIFY(id.startsWith(QLatin1String("tbl_")));
        QVERIFY(!seen.contains(id));
        seen.insert(id);
        p.tables.push_back({.id = id});
    }
}

void tst_Model::objectIdValidity_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << QStringLiteral("tbl_products") << true;
    QTest::newRow("dash") << QStringLiteral("a-b") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("space") << QStringLiteral("a b") << false;
    QTest::newRow("quote") << QStringLiteral("a\"b") << false;
    QTest::newRow("too long") << QString(65, u'a') << false;
}

void tst_Model::objectIdValidity()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QCOMPARE(isValidObjectId(id), valid);
}

QTEST_GUILESS_MAIN(tst_Model)
#include "tst_model.moc"
