// SPDX-License-Identifier: GPL-3.0-or-later
// The syntax check of a function body: Qt's own JavaScript parser and code generator (the ones QJSEngine
// runs), used without an engine, so nothing of the body can run while it is checked.
#include "functionsource.h"
#include "functionsource_p.h"

#include <QCoreApplication>

// Qt's private API, pinned by Debian to Qt 6.4.2 (package qt6-declarative-private-dev). The public
// QJSEngine reports a syntax error's line but not its column, and evaluating a body to check it could run
// it; these classes give both line and column and run nothing.
#include <QtQml/private/qqmljsast_p.h>
#include <QtQml/private/qqmljsastvisitor_p.h>
#include <QtQml/private/qqmljsengine_p.h>
#include <QtQml/private/qqmljslexer_p.h>
#include <QtQml/private/qqmljsparser_p.h>
#include <QtQml/private/qv4codegen_p.h>
#include <QtQml/private/qv4compiler_p.h>
#include <QtQml/private/qv4compilercontext_p.h>

namespace Runtime {

namespace {

const QString &prefix()
{
    static const QString text = QStringLiteral("(function (req, row, old) {");
    return text;
}

// The closing text after a body; its newline ends a line comment on the body's last line.
const QString &suffix()
{
    static const QString text = QStringLiteral("\n})");
    return text;
}

bool isLineTerminator(const QString &text, qsizetype i)
{
    const QChar c = text.at(i);
    if (c == QLatin1Char('\r'))
        return i + 1 >= text.size() || text.at(i + 1) != QLatin1Char('\n'); // "\r\n" ends at its '\n'
    return c == QLatin1Char('\n') || c == QChar(0x2028) || c == QChar(0x2029);
}

// The number of lines of \a source as JavaScript counts them, and the length of the last one.
struct LastLine
{
    int line = 1;
    int length = 0;
};

LastLine lastLine(const QString &source)
{
    LastLine last;
    for (qsizetype i = 0; i < source.size(); ++i) {
        if (isLineTerminator(source, i)) {
            ++last.line;
            last.length = 0;
        } else if (source.at(i) != QLatin1Char('\r')) {
            ++last.length;
        }
    }
    return last;
}

// Maps a location in the wrapped source to the body: the prefix shifts line 1, and anything in the suffix
// is reported just after the body's last character.
ScriptDiagnostic diagnosticAt(
    const QString &source, const QQmlJS::SourceLocation &location, const QString &message)
{
    const LastLine last = lastLine(source);
    int line = int(location.startLine);
    int column = int(location.startColumn);
    if (line == 1)
        column = std::max(1, column - int(prefix().size()));
    if (line > last.line) {
        line = last.line;
        column = last.length + 1;
    }
    return {line, column, message};
}

// Finds the wrapper's own function: the function expression that starts right after its '('.
class WrapperFinder : public QQmlJS::AST::Visitor
{
public:
    QQmlJS::AST::FunctionExpression *wrapper = nullptr;

    bool visit(QQmlJS::AST::FunctionExpression *node) override
    {
        if (node->functionToken.offset == 1)
            wrapper = node;
        return wrapper == nullptr;
    }
    void throwRecursionDepthError() override { m_tooDeep = true; }
    bool tooDeep() const { return m_tooDeep; }

private:
    bool m_tooDeep = false;
};

std::optional<ScriptDiagnostic> parseError(
    const QString &source, const QQmlJS::Lexer &lexer, const QQmlJS::Parser &parser)
{
    const QList<QQmlJS::DiagnosticMessage> messages = parser.diagnosticMessages();
    const QQmlJS::SourceLocation location
        = messages.isEmpty() ? QQmlJS::SourceLocation() : messages.first().loc;
    // The lexer's message ("Stray newline in string literal") says more than the parser's ("Expected token").
    QString message = lexer.errorMessage();
    if (message.isEmpty() && !messages.isEmpty())
        message = messages.first().message;
    return diagnosticAt(source, location, message);
}

// A body that parses may still close the wrapper early ("}); other(); (function () {"), which would make
// evaluating it run code at the top level. Returns where it does so, or nothing.
std::optional<ScriptDiagnostic> earlyClose(
    const QString &source, const QString &code, QQmlJS::AST::Node *root)
{
    WrapperFinder finder;
    root->accept(&finder);
    if (finder.tooDeep()) {
        return diagnosticAt(source, QQmlJS::SourceLocation(),
            QCoreApplication::translate("FunctionSource", "the code is nested too deeply"));
    }
    if (!finder.wrapper)
        return diagnosticAt(source, QQmlJS::SourceLocation(),
            QCoreApplication::translate("FunctionSource", "the code does not parse"));
    const QQmlJS::SourceLocation close = finder.wrapper->rbraceToken;
    if (close.offset == quint32(code.size() - 2))
        return std::nullopt;
    return diagnosticAt(source, close,
        QCoreApplication::translate("FunctionSource",
            "this '}' ends the function before the end of its code; "
            "remove it or add the missing '{'"));
}

} // namespace

QString functionSourcePrefix()
{
    return prefix();
}

QString wrapFunctionSource(const QString &body)
{
    return prefix() + body + suffix();
}

std::optional<ScriptDiagnostic> checkFunctionSource(const QString &source)
{
    const QString code = wrapFunctionSource(source);
    QQmlJS::Engine engine;
    QQmlJS::Lexer lexer(&engine);
    lexer.setCode(code, 1, /*qmlMode*/ false);
    QQmlJS::Parser parser(&engine);
    if (!parser.parseProgram())
        return parseError(source, lexer, parser);
    if (std::optional<ScriptDiagnostic> early = earlyClose(source, code, parser.rootNode()))
        return early;

    // The code generator finds the errors the grammar allows: "let x; let x;", "break" outside a loop,
    // "1 = 2". It only produces bytecode; nothing is run.
    QV4::Compiler::Module module(/*debugMode*/ false);
    QV4::Compiler::JSUnitGenerator generator(&module);
    QV4::Compiler::Codegen codegen(&generator, /*strict*/ false);
    codegen.generateFromProgram(
        QString(), QString(), code, QQmlJS::AST::cast<QQmlJS::AST::Program *>(parser.rootNode()), &module);
    if (codegen.hasError()) {
        const QQmlJS::DiagnosticMessage error = codegen.error();
        return diagnosticAt(source, error.loc, error.message);
    }
    return std::nullopt;
}

} // namespace Runtime
