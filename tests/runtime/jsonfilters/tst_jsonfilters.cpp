// SPDX-License-Identifier: GPL-3.0-or-later
// jsonContains / jsonOverlaps against PostgreSQL's jsonb @> (the cases of its documentation, section 8.14.3)
// and the cs/cd/ov filter values postgrest-js writes.
#include "storage/jsonfilters.h"

#include <QTest>

using namespace Runtime;
using namespace Qt::StringLiterals;

class tst_JsonFilters : public QObject
{
    Q_OBJECT

private slots:
    void contains_data();
    void contains();
    void overlaps_data();
    void overlaps();
    void filterValue_data();
    void filterValue();
};

void tst_JsonFilters::contains_data()
{
    QTest::addColumn<QByteArray>("container");
    QTest::addColumn<QByteArray>("contained");
    QTest::addColumn<bool>("expected");
    QTest::newRow("equal scalars") << QByteArray("\"foo\"") << QByteArray("\"foo\"") << true;
    QTest::newRow("numbers by value") << QByteArray("1.0") << QByteArray("1") << true;
    QTest::newRow("array contains subset") << QByteArray("[1, 2, 3]") << QByteArray("[1, 3]") << true;
    QTest::newRow("order and duplicates ignored") << QByteArray("[1, 2, 3]") << QByteArray("[3, 1, 1]") << true;
    QTest::newRow("object contains pair") << QByteArray(R"({"product": "PostgreSQL", "version": 9.4, "jsonb": true})")
                                          << QByteArray(R"({"version": 9.4})") << true;
    QTest::newRow("nested array not flattened") << QByteArray("[1, 2, [1, 3]]") << QByteArray("[1, 3]") << false;
    QTest::newRow("nested array inside array") << QByteArray("[1, 2, [1, 3]]") << QByteArray("[[1, 3]]") << true;
    QTest::newRow("structure must match") << QByteArray(R"({"foo": {"bar": "baz"}})") << QByteArray(R"({"bar": "baz"})") << false;
    QTest::newRow("nested object") << QByteArray(R"({"foo": {"bar": "baz"}})") << QByteArray(R"({"foo": {}})") << true;
    QTest::newRow("top-level array contains scalar") << QByteArray(R"(["foo", "bar"])") << QByteArray("\"bar\"") << true;
    QTest::newRow("scalar does not contain array") << QByteArray("\"bar\"") << QByteArray(R"(["bar"])") << false;
    QTest::newRow("nested array does not contain scalar") << QByteArray(R"({"a": ["x"]})") << QByteArray(R"({"a": "x"})") << false;
    QTest::newRow("types differ") << QByteArray("\"1\"") << QByteArray("1") << false;
    QTest::newRow("null") << QByteArray("null") << QByteArray("null") << true;
    QTest::newRow("object vs array") << QByteArray(R"({"a": 1})") << QByteArray("[]") << false;
    QTest::newRow("empty array in any array") << QByteArray("[1]") << QByteArray("[]") << true;
}

void tst_JsonFilters::contains()
{
    QFETCH(QByteArray, container);
    QFETCH(QByteArray, contained);
    QFETCH(bool, expected);
    const std::optional<QJsonValue> a = parseJsonValue(container);
    const std::optional<QJsonValue> b = parseJsonValue(contained);
    QVERIFY(a && b);
    QCOMPARE(jsonContains(*a, *b), expected);
}

void tst_JsonFilters::overlaps_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("expected");
    QTest::newRow("shared element") << QByteArray(R"(["a", "b"])") << QByteArray(R"(["c", "b"])") << true;
    QTest::newRow("nothing shared") << QByteArray(R"(["a"])") << QByteArray(R"(["c"])") << false;
    QTest::newRow("numbers") << QByteArray("[1, 2]") << QByteArray("[2.0]") << true;
    QTest::newRow("objects equal") << QByteArray(R"([{"a": 1}])") << QByteArray(R"([{"a": 1}])") << true;
    QTest::newRow("object contained is not equal") << QByteArray(R"([{"a": 1, "b": 2}])") << QByteArray(R"([{"a": 1}])") << false;
    QTest::newRow("not an array") << QByteArray(R"({"a": 1})") << QByteArray(R"(["a"])") << false;
}

void tst_JsonFilters::overlaps()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, expected);
    QCOMPARE(jsonOverlaps(*parseJsonValue(a), *parseJsonValue(b)), expected);
}

void tst_JsonFilters::filterValue_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("expected"); ///< empty: refused
    QTest::newRow("object") << uR"({"a": [1, "x"]})"_s << QByteArray(R"({"a":[1,"x"]})");
    QTest::newRow("json array") << u"[1, 2]"_s << QByteArray("[1,2]");
    QTest::newRow("list of words") << u"{a,b c}"_s << QByteArray(R"(["a","b c"])");
    QTest::newRow("list of scalars") << u"{1,2.5,true,null}"_s << QByteArray("[1,2.5,true,null]");
    QTest::newRow("quoted stays text") << uR"({"1","a,b","say \"hi\""})"_s << QByteArray(R"(["1","a,b","say \"hi\""])");
    QTest::newRow("empty list") << u"{}"_s << QByteArray("{}");
    QTest::newRow("unicode") << u"{日本,🎉}"_s << QByteArray(R"(["日本","🎉"])");
    QTest::newRow("neither") << u"plain"_s << QByteArray();
    QTest::newRow("unclosed quote") << uR"({"a)"_s << QByteArray();
}

void tst_JsonFilters::filterValue()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, expected);
    const Result<QByteArray> json = jsonFilterValue(u"attrs"_s, value);
    if (expected.isEmpty()) {
        QVERIFY(!json);
        QCOMPARE(json.error().code, ErrorCode::InvalidValue);
        QVERIFY(json.error().message.contains(u"attrs"_s));
        return;
    }
    QVERIFY2(json, qPrintable(json ? QString() : json.error().message));
    QCOMPARE(*json, expected);
}

QTEST_GUILESS_MAIN(tst_JsonFilters)
#include "tst_jsonfilters.moc"
