// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the function commands and ProjectDocument's function edits: add, change (merged typing), remove.
#include "commands/functioncommands.h"
#include "commands/ruleedits.h"
#include "commandtestsupport.h"

using namespace Designer;
using namespace CommandTests;
using namespace Qt::StringLiterals;

namespace {
// Returns the social template (no functions of its own) with two functions added and the undo stack cleared.
std::unique_ptr<ProjectDocument> withFunctions()
{
    auto document = openTemplate(QStringLiteral("social"));
    document->addFunction();
    document->addFunction();
    document->undoStack()->clear();
    return document;
}

QStringList functionNames(const Runtime::Project &project)
{
    QStringList names;
    for (const Runtime::ScriptFunction &f : project.functions)
        names << f.name;
    return names;
}
} // namespace

class tst_FunctionCommands : public QObject
{
    Q_OBJECT

private slots:
    void addFunction();
    void addFunctionCommand();
    void changeFunction_data();
    void changeFunction();
    void typingMerges();
    void otherBoxDoesNotMerge();
    void removeFunction();
    void deleteSelectionRemovesFunctions();
};

void tst_FunctionCommands::addFunction()
{
    auto document = openTemplate(QStringLiteral("social"));
    const QByteArray original = Runtime::writeProject(document->project());
    QSignalSpy spy(document.get(), &ProjectDocument::changed);
    const ObjectId first = document->addFunction();
    const ObjectId second = document->addFunction();
    QCOMPARE(functionNames(document->project()), QStringList({u"function_1"_s, u"function_2"_s}));
    QVERIFY(hasEvent(eventsOf(spy), Kind::ProjectChanged, first));
    QCOMPARE(document->selection(), QList<ObjectId>({second}));
    const Runtime::ScriptFunction *function = document->function(first);
    QVERIFY(function);
    QVERIFY(function->code.contains(u"return { message: 'Hello' };"_s));
    QVERIFY(function->code.startsWith(u"//"_s));
    QCOMPARE(validationErrors(document->project()), QString());
    QCOMPARE(document->undoStack()->count(), 2);
    QCOMPARE(document->undoStack()->text(0), u"Add function function_1"_s);
    // A free name is reused: function_1 again after undo.
    document->undoStack()->undo();
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document->project()), original);
    QVERIFY(!document->function(first));
    document->undoStack()->redo();
    QCOMPARE(document->function(first)->name, u"function_1"_s);
}

void tst_FunctionCommands::addFunctionCommand()
{
    auto document = openTemplate(QStringLiteral("social"));
    Runtime::ScriptFunction function;
    function.id = u"fn_total"_s;
    function.name = u"order_total"_s;
    function.code = u"return { total: 1 };"_s;
    pushUndoRedo(*document, new AddFunction(document.get(), function),
        [&](const Runtime::Project &project, const QList<ChangeEvent> &events) {
            QCOMPARE(project.functions.size(), size_t(1));
            QVERIFY(project.functions.front() == function);
            QVERIFY(hasEvent(events, Kind::ProjectChanged, function.id));
        });
}

void tst_FunctionCommands::changeFunction_data()
{
    QTest::addColumn<QString>("member");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("rename") << u"name"_s << u"top_products"_s << u"Rename function function_1 to top_products"_s;
    QTest::newRow("code") << u"code"_s << u"return [];"_s << u"Edit code of function function_1"_s;
    QTest::newRow("description") << u"description"_s << u"The best sellers"_s
                                 << u"Change description of function function_1"_s;
    QTest::newRow("time limit") << u"timeoutMs"_s << u"12000"_s << u"Change time limit of function function_1"_s;
}

void tst_FunctionCommands::changeFunction()
{
    QFETCH(QString, member);
    QFETCH(QString, value);
    QFETCH(QString, text);
    auto document = withFunctions();
    Runtime::ScriptFunction after = document->project().functions.front();
    if (member == u"timeoutMs"_s)
        after.timeoutMs = value.toInt();
    else
        (member == u"name"_s ? after.name : member == u"code"_s ? after.code : after.description) = value;
    auto *command = new ChangeFunction(document.get(), after);
    QCOMPARE(command->text(), text);
    pushUndoRedo(*document, command, [&](const Runtime::Project &project, const QList<ChangeEvent> &events) {
        QVERIFY(project.functions.front() == after);
        QVERIFY(hasEvent(events, Kind::ProjectChanged, after.id));
    });
    // The document's API makes the same step; no change, no step.
    document->undoStack()->undo();
    document->changeFunction(after);
    QCOMPARE(document->undoStack()->text(document->undoStack()->index() - 1), text);
    const int steps = document->undoStack()->count();
    document->changeFunction(after);
    QCOMPARE(document->undoStack()->count(), steps);
}

void tst_FunctionCommands::typingMerges()
{
    auto document = withFunctions();
    const QByteArray original = Runtime::writeProject(document->project());
    Runtime::ScriptFunction typed = document->project().functions.front();
    const QString line = u"\nconst total = 42;"_s;
    for (const QChar c : line) {
        typed.code += c;
        document->changeFunction(typed, u"code"_s);
    }
    QCOMPARE(document->undoStack()->count(), 1);
    QCOMPARE(document->project().functions.front().code, typed.code);
    QCOMPARE(document->undoStack()->text(0), u"Edit code of function function_1"_s);
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document->project()), original);
    document->undoStack()->redo();
    QCOMPARE(document->project().functions.front().code, typed.code);
    // Typing back to the text before makes the step obsolete: nothing to undo.
    Runtime::ScriptFunction back = document->project().functions.front();
    document->undoStack()->clear();
    const QString before = back.code;
    back.code += u"x"_s;
    document->changeFunction(back, u"code"_s);
    back.code = before;
    document->changeFunction(back, u"code"_s);
    QCOMPARE(document->undoStack()->count(), 0);
}

void tst_FunctionCommands::otherBoxDoesNotMerge()
{
    auto document = withFunctions();
    Runtime::ScriptFunction first = document->project().functions.front();
    first.code += u"// a"_s;
    document->changeFunction(first, u"code"_s);
    first.name = u"renamed"_s;
    document->changeFunction(first, u"name"_s);
    // Another function's code is another step too.
    Runtime::ScriptFunction second = document->project().functions.back();
    second.code += u"// b"_s;
    document->changeFunction(second, u"code"_s);
    QCOMPARE(document->undoStack()->count(), 3);
    // No merge key: every change is its own step.
    first.description = u"a"_s;
    document->changeFunction(first);
    first.description = u"ab"_s;
    document->changeFunction(first);
    QCOMPARE(document->undoStack()->count(), 5);
}

void tst_FunctionCommands::removeFunction()
{
    auto document = withFunctions();
    const ObjectId first = document->project().functions.front().id;
    QVERIFY(!document->removeFunction(u"fn_unknown"_s));
    QCOMPARE(document->undoStack()->count(), 0);
    pushUndoRedo(*document, new RemoveFunction(document.get(), first),
        [&](const Runtime::Project &project, const QList<ChangeEvent> &events) {
            QCOMPARE(functionNames(project), QStringList({u"function_2"_s}));
            QVERIFY(hasEvent(events, Kind::ProjectChanged, first));
        });
    document->undoStack()->undo(); // back at index 0: the file is the same (checked by pushUndoRedo)
    QVERIFY(document->removeFunction(first));
    QCOMPARE(document->undoStack()->text(document->undoStack()->index() - 1), u"Delete function function_1"_s);
    QVERIFY(!document->function(first));
}

void tst_FunctionCommands::deleteSelectionRemovesFunctions()
{
    auto document = withFunctions();
    const QByteArray original = Runtime::writeProject(document->project());
    const QList<ObjectId> ids {document->project().functions.front().id, document->project().functions.back().id};
    document->setSelection(ids);
    document->remove(ids);
    QVERIFY(document->project().functions.empty());
    QVERIFY(document->selection().isEmpty());
    QCOMPARE(document->undoStack()->count(), 1);
    document->undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document->project()), original);
}

QTEST_MAIN(tst_FunctionCommands)
#include "tst_functioncommands.moc"
