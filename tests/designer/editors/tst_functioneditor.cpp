// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the function editor: edits reach the document, name validation, syntax marks, find and replace,
// completion.
#include "document/projectdocument.h"
#include "editors/functioneditor.h"
#include "editors/scriptpane.h"
#include "testsupport.h"
#include "widgets/callerswidget.h"
#include "widgets/findbar.h"
#include "console/jsoneditor.h"

#include <Qsci/qscilexerjavascript.h>
#include <Qsci/qsciscintilla.h>

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace Designer;
using namespace Qt::StringLiterals;

namespace {
constexpr int s_errorMarker = 1;
constexpr int s_errorIndicator = 8;

// The ecommerce template, copied to \a dir and opened, with one function added and the undo stack cleared.
std::unique_ptr<ProjectDocument> openCopy(const QTemporaryDir &dir, Runtime::ObjectId &functionId)
{
    const QString copy = dir.filePath(u"shop.basalt"_s);
    QFile::remove(copy);
    if (!QFile::copy(TestSupport::templatePath(u"ecommerce"_s), copy))
        qFatal("cannot copy the template");
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    auto loaded = ProjectDocument::load(copy);
    if (!loaded)
        qFatal("cannot load the copy: %s", qPrintable(loaded.error().toString()));
    auto document = std::move(loaded).value();
    functionId = document->addFunction();
    document->undoStack()->clear();
    return document;
}

bool hasIndicatorOnLine(QsciScintilla *editor, int line)
{
    const int start = editor->positionFromLineIndex(line, 0);
    for (int position = start; position < start + editor->lineLength(line); ++position) {
        if (editor->SendScintilla(QsciScintillaBase::SCI_INDICATORVALUEAT, s_errorIndicator, position))
            return true;
    }
    return false;
}

int markedLine(QsciScintilla *editor)
{
    for (int line = 0; line < editor->lines(); ++line) {
        if (editor->markersAtLine(line) & (1 << s_errorMarker))
            return line + 1;
    }
    return 0;
}
} // namespace

class tst_FunctionEditor : public QObject
{
    Q_OBJECT

private slots:
    void showsFunction();
    void typingReachesDocument();
    void undoShowsInEditor();
    void nameIsValidated();
    void syntaxErrorMarked_data();
    void syntaxErrorMarked();
    void findAndReplace();
    void completion();
    void callersReadOnlySampleInput();

private:
    QTemporaryDir m_dir;
};

void tst_FunctionEditor::showsFunction()
{
    Runtime::ObjectId id;
    auto document = openCopy(m_dir, id);
    FunctionEditor editor(document.get());
    QVERIFY(!editor.isEnabled());
    editor.setFunctionId(id);
    QVERIFY(editor.isEnabled());
    QCOMPARE(editor.nameEdit()->text(), u"function_1"_s);
    QCOMPARE(editor.scriptPane()->text(), document->function(id)->code);
    QVERIFY(editor.checkNow().isEmpty());
    QCOMPARE(editor.scriptPane()->diagnosticLine(), 0);
    // The code pane: JavaScript, line numbers, folding, brace matching, auto-indent.
    QsciScintilla *code = editor.scriptPane()->editor();
    QVERIFY(code->lexer());
    QCOMPARE(QString::fromLatin1(code->lexer()->language()), u"JavaScript"_s);
    QVERIFY(code->marginLineNumbers(0));
    QVERIFY(code->folding() != QsciScintilla::NoFoldStyle);
    QVERIFY(code->braceMatching() != QsciScintilla::NoBraceMatch);
    QVERIFY(code->autoIndent());
    QCOMPARE(code->lexer()->font(0).styleHint(), QFont::Monospace);
    QCOMPARE(code->lexer()->font(QsciLexerJavaScript::Comment).family(), code->lexer()->font(0).family());
}

void tst_FunctionEditor::typingReachesDocument()
{
    Runtime::ObjectId id;
    auto document = openCopy(m_dir, id);
    FunctionEditor editor(document.get());
    editor.setFunctionId(id);
    editor.show();
    QsciScintilla *code = editor.scriptPane()->editor();
    code->setFocus();
    code->setCursorPosition(code->lines() - 1, 0);
    QTest::keyClicks(code, u"const total = 42;"_s);
    QVERIFY(document->function(id)->code.contains(u"const total = 42;"_s));
    QCOMPARE(document->function(id)->code, code->text());
    QCOMPARE(document->undoStack()->count(), 1); // typing the line is one step
    QCOMPARE(document->undoStack()->text(0), u"Edit code of function function_1"_s);

    QTest::keyClicks(editor.nameEdit(), u"_x"_s);
    QCOMPARE(document->function(id)->name, u"function_1_x"_s);
    QTest::keyClicks(editor.descriptionEdit(), u"Totals"_s);
    QCOMPARE(document->function(id)->description, u"Totals"_s);
    QCOMPARE(document->undoStack()->count(), 3);
    QCOMPARE(editor.timeoutSpin()->value(), Runtime::defaultFunctionTimeoutMs);
    editor.timeoutSpin()->setValue(12000);
    QCOMPARE(document->function(id)->timeoutMs, 12000);
    QCOMPARE(document->undoStack()->count(), 4);
}

void tst_FunctionEditor::undoShowsInEditor()
{
    Runtime::ObjectId id;
    auto document = openCopy(m_dir, id);
    const QString original = document->function(id)->code;
    FunctionEditor editor(document.get());
    editor.setFunctionId(id);
    Runtime::ScriptFunction after = *document->function(id);
    after.code = u"return {;"_s;
    document->changeFunction(after, u"code"_s);
    QCOMPARE(editor.scriptPane()->text(), after.code);
    QCOMPARE(editor.scriptPane()->diagnosticLine(), 1); // checked at once, not after the idle delay
    document->undoStack()->undo();
    QCOMPARE(editor.scriptPane()->text(), original);
    QCOMPARE(editor.scriptPane()->diagnosticLine(), 0);
    // Another function's removal leaves the editor alone; its own empties it.
    document->removeFunction(id);
    QVERIFY(!editor.isEnabled());
}

void tst_FunctionEditor::nameIsValidated()
{
    Runtime::ObjectId id;
    auto document = openCopy(m_dir, id);
    FunctionEditor editor(document.get());
    editor.setFunctionId(id);
    QVERIFY(editor.nameProblem().isEmpty());
    editor.nameEdit()->setFocus();
    editor.nameEdit()->selectAll();
    QTest::keyClicks(editor.nameEdit(), u"Top Sellers"_s);
    QCOMPARE(document->function(id)->name, u"Top Sellers"_s);
    QVERIFY2(!editor.nameProblem().isEmpty(), "the runtime's validator refuses a name with a space");
    editor.nameEdit()->selectAll();
    QTest::keyClicks(editor.nameEdit(), u"top_sellers"_s);
    QVERIFY(editor.nameProblem().isEmpty());
}

void tst_FunctionEditor::syntaxErrorMarked_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("line");
    QTest::newRow("missing expression") << u"const a = 1;\nconst b = ;\nreturn { a };"_s << 2;
    QTest::newRow("unclosed string") << u"// a comment\nconst a = 1;\nconst s = 'open;\nreturn {};"_s << 3;
    QTest::newRow("first line") << u"return {;"_s << 1;
}

void tst_FunctionEditor::syntaxErrorMarked()
{
    QFETCH(QString, code);
    QFETCH(int, line);
    Runtime::ObjectId id;
    auto document = openCopy(m_dir, id);
    FunctionEditor editor(document.get());
    editor.setFunctionId(id);
    QsciScintilla *pane = editor.scriptPane()->editor();
    pane->selectAll();
    pane->replaceSelectedText(code); // as typing or pasting: the document gets it, the check waits
    QCOMPARE(document->function(id)->code, code);
    const QString message = editor.checkNow();
    QVERIFY(!message.isEmpty());
    QVERIFY2(message.contains(QString::number(line)), qPrintable(message));
    QCOMPARE(editor.scriptPane()->diagnosticLine(), line);
    QCOMPARE(markedLine(pane), line);
    QVERIFY(hasIndicatorOnLine(pane, line - 1));
    QVERIFY(!pane->annotation(line - 1).isEmpty());

    pane->selectAll();
    pane->replaceSelectedText(u"const a = 1;\nreturn { a };"_s);
    QVERIFY(editor.checkNow().isEmpty());
    QCOMPARE(markedLine(pane), 0);
    QVERIFY(!hasIndicatorOnLine(pane, 0) && !hasIndicatorOnLine(pane, 1));
    QVERIFY(pane->annotation(0).isEmpty() && pane->annotation(1).isEmpty());
}

void tst_FunctionEditor::findAndReplace()
{
    Runtime::ObjectId id;
    auto document = openCopy(m_dir, id);
    FunctionEditor editor(document.get());
    editor.setFunctionId(id);
    editor.show();
    QsciScintilla *pane = editor.scriptPane()->editor();
    pane->setText(u"const total = 1;\nconst totals = total + 1;\nconst Total = total;\nreturn { total };"_s);
    pane->setCursorPosition(0, 0);
    // Ctrl+H opens the bar with the replace row.
    QApplication::setActiveWindow(&editor);
    QVERIFY(QTest::qWaitForWindowActive(&editor));
    pane->setFocus();
    QTest::keyClick(pane, Qt::Key_H, Qt::ControlModifier);
    FindBar *bar = editor.scriptPane()->findBar();
    QVERIFY(bar->isVisible());
    QVERIFY(bar->findChild<QLineEdit *>(u"replaceEdit"_s)->isVisible());
    bar->setFindText(u"total"_s);
    QVERIFY(bar->findNext());
    QCOMPARE(pane->selectedText(), u"total"_s);
    int line = 0;
    int index = 0;
    pane->getCursorPosition(&line, &index);
    QCOMPARE(line, 0);

    document->undoStack()->clear();
    bar->setReplaceText(u"sum"_s);
    bar->setMatchCase(true);
    bar->setWholeWords(true);
    QCOMPARE(bar->replaceAll(), 4);
    const QString expected = u"const sum = 1;\nconst totals = sum + 1;\nconst Total = sum;\nreturn { sum };"_s;
    QCOMPARE(pane->text(), expected);
    QCOMPARE(document->function(id)->code, expected);
    QCOMPARE(document->undoStack()->count(), 1); // replacing is one step, as typing is
    // Without match case and whole words, the other spellings match too.
    bar->setFindText(u"TOTAL"_s);
    bar->setReplaceText(u"n"_s);
    bar->setMatchCase(false);
    bar->setWholeWords(false);
    QCOMPARE(bar->replaceAll(), 2);
    QCOMPARE(document->function(id)->code, u"const sum = 1;\nconst ns = sum + 1;\nconst n = sum;\nreturn { sum };"_s);
    // One at a time.
    bar->setFindText(u"sum"_s);
    bar->setReplaceText(u"s"_s);
    pane->setCursorPosition(0, 0);
    QVERIFY(bar->replaceOne());
    QVERIFY(pane->text().startsWith(u"const s = 1;\nconst ns = sum + 1;"_s));
    bar->setFindText(u"absent"_s);
    QVERIFY(!bar->findNext());
}

void tst_FunctionEditor::completion()
{
    Runtime::ObjectId id;
    auto document = openCopy(m_dir, id);
    FunctionEditor editor(document.get());
    editor.setFunctionId(id);
    editor.show();
    ScriptPane *pane = editor.scriptPane();
    QsciScintilla *code = pane->editor();
    code->setText(u"const rows = db.from('orde"_s);
    QStringList offered = pane->completionsAt(0, code->text(0).size());
    QVERIFY2(offered.contains(u"orders"_s), qPrintable(offered.join(u' ')));
    code->setText(u"const x = req."_s);
    offered = pane->completionsAt(0, code->text(0).size());
    for (const QString &member : {u"method"_s, u"body"_s, u"params"_s, u"query"_s, u"headers"_s, u"user"_s, u"role"_s})
        QVERIFY2(offered.contains(member), qPrintable(member));
    code->setText(u"db."_s);
    QCOMPARE(pane->completionsAt(0, 3), QStringList({u"asService()"_s, u"from("_s}));
    code->setText(u"db.from('orders')."_s);
    offered = pane->completionsAt(0, code->text(0).size());
    for (const QString &method : {u"select("_s, u"eq("_s, u"insert("_s, u"update("_s, u"delete("_s, u"limit("_s})
        QVERIFY2(offered.contains(method), qPrintable(method));
    code->setText(u"Http"_s);
    QVERIFY(pane->completionsAt(0, 4).contains(u"HttpError"_s));
    // A column of the template, and the list shows and completes at the caret.
    code->setText(u"const a = customer_i"_s);
    code->setCursorPosition(0, code->text(0).size());
    QVERIFY(pane->completionsAt(0, code->text(0).size()).contains(u"customer_id"_s));
    QVERIFY(pane->showCompletions());
    QVERIFY(code->isListActive());
    code->SendScintilla(QsciScintillaBase::SCI_AUTOCCOMPLETE);
    QCOMPARE(code->text(), u"const a = customer_id"_s);
    QCOMPARE(document->function(id)->code, u"const a = customer_id"_s);
}

void tst_FunctionEditor::callersReadOnlySampleInput()
{
    Runtime::ObjectId id;
    auto document = openCopy(m_dir, id);
    FunctionEditor editor(document.get());
    editor.setFunctionId(id);
    // By default only the service role may call a function.
    CallersWidget *callers = editor.callersWidget();
    QCOMPARE(callers->permission().access, Runtime::CallAccess::Service);
    QVERIFY(!callers->rolesList()->isEnabled());
    callers->chooseAccess(Runtime::CallAccess::Roles);
    QCOMPARE(document->function(id)->callers.access, Runtime::CallAccess::Roles);
    // No role listed: the validator's message shows under the editor.
    auto *problems = editor.findChild<QLabel *>(u"functionProblemLabel"_s);
    QVERIFY2(!problems->isHidden() && problems->text().contains(u"no role is listed"_s), qPrintable(problems->text()));
    callers->rolesList()->item(0)->setCheckState(Qt::Checked);
    QCOMPARE(document->function(id)->callers.roles, QStringList({u"anon"_s}));
    QVERIFY(problems->isHidden());
    editor.readOnlyCheck()->click();
    QVERIFY(document->function(id)->readOnly);
    // The sample input: typing is one step, invalid JSON is flagged by the editor and the validator.
    const int steps = document->undoStack()->count();
    QsciScintilla *input = editor.sampleInputEdit()->editor();
    input->setFocus();
    QTest::keyClicks(input, u"{\"body\": {\"id\": 1}}"_s);
    QCOMPARE(document->function(id)->sampleInput, u"{\"body\": {\"id\": 1}}"_s);
    QCOMPARE(document->undoStack()->count(), steps + 1);
    QCOMPARE(editor.sampleInputEdit()->check(), QString());
    QTest::keyClick(input, Qt::Key_Backspace);
    QVERIFY(!editor.sampleInputEdit()->check().isEmpty());
    QVERIFY(!problems->isHidden());
    QCOMPARE(document->undoStack()->count(), steps + 1);
    document->undoStack()->undo();
    QCOMPARE(editor.sampleInputEdit()->text(), QString());
    document->undoStack()->undo();
    QVERIFY(!editor.readOnlyCheck()->isChecked());
}

QTEST_MAIN(tst_FunctionEditor)
#include "tst_functioneditor.moc"
