// SPDX-License-Identifier: GPL-3.0-or-later
// The rows of tst_ddl's enforcement tests: statements the generated schema must accept or reject.
#include "enforcementrows.h"

#include <QtTest>

namespace {
// Defaults, checks, uniqueness and NOT NULL of the all-field-types project.
void addFieldRows()
{
    const QString types = QFINDTESTDATA("data/all-field-types/input.basalt");
    const Statement thing {
        QStringLiteral("INSERT INTO \"things\" (\"settings\") VALUES (?)"), {QStringLiteral("{}")}};
    auto insertThing = [](const QString &column, const QVariant &value) {
        return Statement {
            QStringLiteral("INSERT INTO \"things\" (\"settings\", \"%1\") VALUES ('{}', ?)").arg(column),
            {value}};
    };
    QTest::newRow("defaults") << types << Statements {} << thing << true
                              << QStringLiteral(
                                     "SELECT \"title\" || '/' || \"status\" || '/' || \"quantity\" || '/' || "
                                     "\"note\" || '/' || \"metadata\" FROM \"things\"")
                              << QStringLiteral(
                                     "Untitled/draft/1/O'Brien said \"hi\" \\\\ bye/\\{\"tags\": ?\\[\\]\\}");
    QTest::newRow("uuid default")
        << types << Statements {} << thing << true << QStringLiteral("SELECT \"external_id\" FROM \"things\"")
        << QStringLiteral("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    QTest::newRow("uuid key default")
        << types << Statements {}
        << Statement {QStringLiteral("INSERT INTO \"sessions\" (\"token\") VALUES (?)"),
               {QStringLiteral("t")}}
        << true << QStringLiteral("SELECT \"id\" FROM \"sessions\"")
        << QStringLiteral("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    QTest::newRow("enum value") << types << Statements {}
                                << insertThing(QStringLiteral("status"), QStringLiteral("published")) << true
                                << QString() << QString();
    QTest::newRow("enum quote") << types << Statements {}
                                << insertThing(QStringLiteral("status"), QStringLiteral("it's archived"))
                                << true << QString() << QString();
    QTest::newRow("enum other") << types << Statements {}
                                << insertThing(QStringLiteral("status"), QStringLiteral("bogus")) << false
                                << QString() << QString();
    QTest::newRow("min") << types << Statements {} << insertThing(QStringLiteral("quantity"), -1) << false
                         << QString() << QString();
    QTest::newRow("max") << types << Statements {} << insertThing(QStringLiteral("quantity"), 1001) << false
                         << QString() << QString();
    QTest::newRow("max ok") << types << Statements {} << insertThing(QStringLiteral("quantity"), 1000) << true
                            << QString() << QString();
    QTest::newRow("fraction min") << types << Statements {} << insertThing(QStringLiteral("price"), 0.25)
                                  << false << QString() << QString();
    QTest::newRow("minLength") << types << Statements {} << insertThing(QStringLiteral("title"), QString())
                               << false << QString() << QString();
    QTest::newRow("maxLength") << types << Statements {}
                               << insertThing(QStringLiteral("title"), QString(201, u'x')) << false
                               << QString() << QString();
    QTest::newRow("maxLength ok") << types << Statements {}
                                  << insertThing(QStringLiteral("title"), QString(200, u'é')) << true
                                  << QString() << QString();
    QTest::newRow("pattern not a check")
        << types << Statements {} << insertThing(QStringLiteral("code"), QStringLiteral("lower")) << true
        << QString() << QString();
    QTest::newRow("json invalid") << types << Statements {}
                                  << insertThing(QStringLiteral("metadata"), QStringLiteral("{")) << false
                                  << QString() << QString();
    QTest::newRow("boolean 2") << types << Statements {} << insertThing(QStringLiteral("archived"), 2)
                               << false << QString() << QString();
    QTest::newRow("required") << types << Statements {}
                              << Statement {QStringLiteral("INSERT INTO \"things\" (\"title\") VALUES (?)"),
                                     {QStringLiteral("x")}}
                              << false << QString() << QString();
    QTest::newRow("unique") << types << Statements {insertThing(QStringLiteral("code"), QStringLiteral("A"))}
                            << insertThing(QStringLiteral("code"), QStringLiteral("A")) << false << QString()
                            << QString();
}

// Foreign keys and their delete actions, one-to-one and many-to-many, of the relationships project.
void addRelationshipRows()
{
    const QString rels = QFINDTESTDATA("data/relationships/input.basalt");
    const Statements catalog {
        {QStringLiteral("INSERT INTO \"categories\" (\"id\", \"name\") VALUES (1, 'c')"), {}},
        {QStringLiteral("INSERT INTO \"products\" (\"id\", \"name\", \"category_id\") VALUES (1, 'p', 1)"),
            {}},
        {QStringLiteral("INSERT INTO \"product_details\" (\"product_id\") VALUES (1)"), {}},
        {QStringLiteral(
             "INSERT INTO \"tags\" (\"id\", \"label\") VALUES ('7d4f7bd4-2f33-4d9a-9d67-0a3c1f1d2e3f', 't')"),
            {}},
        {QStringLiteral("INSERT INTO \"product_tags\" (\"product_id\", \"tag_id\") VALUES (1, "
                        "'7d4f7bd4-2f33-4d9a-9d67-0a3c1f1d2e3f')"),
            {}},
        {QStringLiteral("INSERT INTO \"employees\" (\"id\", \"name\") VALUES (1, 'boss')"), {}},
        {QStringLiteral("INSERT INTO \"employees\" (\"id\", \"name\", \"manager_id\") VALUES (2, 'e', 1)"),
            {}},
    };
    QTest::newRow("set null") << rels << catalog
                              << Statement {QStringLiteral("DELETE FROM \"categories\""), {}} << true
                              << QStringLiteral("SELECT \"category_id\" FROM \"products\"")
                              << QStringLiteral("NULL");
    QTest::newRow("cascade") << rels << catalog << Statement {QStringLiteral("DELETE FROM \"products\""), {}}
                             << true << QStringLiteral("SELECT COUNT(*) FROM \"product_details\"")
                             << QStringLiteral("0");
    QTest::newRow("junction cascade")
        << rels << catalog << Statement {QStringLiteral("DELETE FROM \"tags\""), {}} << true
        << QStringLiteral("SELECT COUNT(*) FROM \"product_tags\"") << QStringLiteral("0");
    QTest::newRow("restrict") << rels << catalog
                              << Statement {QStringLiteral("DELETE FROM \"employees\" WHERE \"id\" = 1"), {}}
                              << false << QString() << QString();
    QTest::newRow("missing parent")
        << rels << catalog
        << Statement {QStringLiteral(
                          "INSERT INTO \"products\" (\"id\", \"name\", \"category_id\") VALUES (5, 'x', 99)"),
               {}}
        << false << QString() << QString();
    QTest::newRow("one to one")
        << rels << catalog
        << Statement {QStringLiteral("INSERT INTO \"product_details\" (\"product_id\") VALUES (1)"), {}}
        << false << QString() << QString();
    QTest::newRow("junction pair")
        << rels << catalog
        << Statement {QStringLiteral("INSERT INTO \"product_tags\" (\"product_id\", \"tag_id\") "
                                     "VALUES (1, '7d4f7bd4-2f33-4d9a-9d67-0a3c1f1d2e3f')"),
               {}}
        << false << QString() << QString();
}
} // namespace

void addEnforcementRows()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<Statements>("setup");
    QTest::addColumn<Statement>("action");
    QTest::addColumn<bool>("succeeds");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("result"); // a regular expression over the query's rows, joined by '|'
    addFieldRows();
    addRelationshipRows();
}
