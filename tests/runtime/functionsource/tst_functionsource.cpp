// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the syntax check of function bodies (runtime/scripting/functionsource.h) and of the project
// problem it raises.
#include "io/projectvalidator.h"
#include "scripting/functionsource.h"

#include <QtTest>

using namespace Runtime;

class tst_FunctionSource : public QObject
{
    Q_OBJECT

private slots:
    void validBodies_data();
    void validBodies();
    void syntaxErrors_data();
    void syntaxErrors();
    void worksOnSeveralThreads();
    void projectProblem();
};

void tst_FunctionSource::validBodies_data()
{
    QTest::addColumn<QString>("source");
    QTest::newRow("empty") << QString();
    QTest::newRow("return") << QStringLiteral("return { ok: true };");
    QTest::newRow("helper function") << QStringLiteral(
        "function total(items) {\n  return items.reduce((s, i) => s + i.price, 0);\n}\nreturn { total: "
        "total(req.body.items) };\n");
    QTest::newRow("comment on the last line") << QStringLiteral("return 1; // done");
    QTest::newRow("crlf") << QStringLiteral("const a = 1;\r\nreturn a;\r\n");
    QTest::newRow("unicode") << QStringLiteral("const größe = '😀';\nreturn { größe };");
    QTest::newRow("uses the parameters") << QStringLiteral("return [req.method, row, old];");
    QTest::newRow("class and generator")
        << QStringLiteral("class A { *g() { yield 1; } }\nreturn [...new A().g()];");
}

void tst_FunctionSource::validBodies()
{
    QFETCH(QString, source);
    const std::optional<ScriptDiagnostic> d = checkFunctionSource(source);
    QVERIFY2(!d, d ? qPrintable(QStringLiteral("%1:%2 %3").arg(d->line).arg(d->column).arg(d->message)) : "");
}

void tst_FunctionSource::syntaxErrors_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("missing expression, line 1") << QStringLiteral("const x = ;") << 1 << 11 << QString();
    QTest::newRow("missing expression, line 2")
        << QStringLiteral("return 1;\nconst x = ;") << 2 << 11 << QString();
    QTest::newRow("crlf lines") << QStringLiteral("const a = 1;\r\n\r\nconst x = ;") << 3 << 11 << QString();
    QTest::newRow("unterminated string")
        << QStringLiteral("return \"abc\nreturn 1;") << 1 << 8 << QStringLiteral("Stray newline");
    QTest::newRow("two values") << QStringLiteral("  x = 3 3;") << 1 << 9
                                << QStringLiteral("Unexpected token");
    QTest::newRow("async is not in Qt 6.4") << QStringLiteral("async function f() {}") << 1 << 7 << QString();
    QTest::newRow("after unicode") << QStringLiteral("const ä = 'ö';\nconst b = ä ä;") << 2 << 13
                                   << QString();
    QTest::newRow("redeclared let (code generator)")
        << QStringLiteral("let x = 1;\nlet x = 2;") << 2 << 5 << QStringLiteral("already been declared");
    // The code generator places this error at the end of the statement.
    QTest::newRow("break outside a loop")
        << QStringLiteral("const a = 1;\n  break;") << 2 << 8 << QStringLiteral("Break outside of loop");
    QTest::newRow("unclosed object at the end")
        << QStringLiteral("return {a: 1, b: 2") << 1 << 19 << QString();
    QTest::newRow("escape: closes the function early")
        << QStringLiteral("return 1;\n}); ran = true; (function () {") << 2 << 1
        << QStringLiteral("ends the function");
    QTest::newRow("escape: comma after the function")
        << QStringLiteral("}, function () {") << 1 << 1 << QStringLiteral("ends the function");
    QTest::newRow("escape: endless loop at the top level") << QStringLiteral(
        "}); while (true) {} (function () {") << 1 << 1 << QStringLiteral("ends the function");
    QTest::newRow("extra closing brace") << QStringLiteral("return 1; }") << 1 << 12 << QString();
}

void tst_FunctionSource::syntaxErrors()
{
    QFETCH(QString, source);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, messagePart);
    const std::optional<ScriptDiagnostic> d = checkFunctionSource(source);
    QVERIFY(d.has_value());
    QCOMPARE(d->line, line);
    QCOMPARE(d->column, column);
    QVERIFY(!d->message.isEmpty());
    if (!messagePart.isEmpty())
        QVERIFY2(d->message.contains(messagePart), qPrintable(d->message));
}

// The check keeps no state between calls: many threads may check at once and agree.
void tst_FunctionSource::worksOnSeveralThreads()
{
    const QString bad = QStringLiteral("return 1;\nconst x = ;");
    const QString good = QStringLiteral("const a = [1, 2, 3];\nreturn a.map(x => x * 2);");
    QList<QThread *> threads;
    QAtomicInt failures = 0;
    for (int t = 0; t < 4; ++t) {
        threads << QThread::create([&] {
            for (int i = 0; i < 200; ++i) {
                const auto d = checkFunctionSource(bad);
                if (!d || d->line != 2 || d->column != 11 || checkFunctionSource(good))
                    failures.ref();
            }
        });
        threads.last()->start();
    }
    for (QThread *t : threads) {
        QVERIFY(t->wait());
        delete t;
    }
    QCOMPARE(failures.loadRelaxed(), 0);
}

void tst_FunctionSource::projectProblem()
{
    Project project;
    project.name = QStringLiteral("shop");
    project.functions.push_back(
        {QStringLiteral("fn_ok"), QStringLiteral("ok"), {}, QStringLiteral("return 1;")});
    project.functions.push_back(
        {QStringLiteral("fn_bad"), QStringLiteral("bad"), {}, QStringLiteral("return 1;\nconst x = ;")});
    const QList<Problem> problems = validateProject(project);
    QCOMPARE(problems.size(), 1);
    const Problem &p = problems.first();
    QCOMPARE(p.severity, Problem::Severity::Error);
    QCOMPARE(p.path, QStringLiteral("functions[1].code"));
    QCOMPARE(p.objectId, QStringLiteral("fn_bad"));
    QVERIFY2(p.message.startsWith(QStringLiteral("line 2, column 11: ")), qPrintable(p.message));
}

QTEST_GUILESS_MAIN(tst_FunctionSource)
#include "tst_functionsource.moc"
