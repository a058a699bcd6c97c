// SPDX-License-Identifier: GPL-3.0-or-later
// ScriptPane: the JavaScript code pane of a function: highlighting, find and replace, completion, errors.
#include "scriptpane.h"

#include "widgets/codestyle.h"
#include "widgets/findbar.h"

#include <Qsci/qscicommand.h>
#include <Qsci/qscicommandset.h>
#include <Qsci/qscilexerjavascript.h>
#include <Qsci/qsciscintilla.h>
#include <Qsci/qscistyle.h>

#include <QEvent>
#include <QLabel>
#include <QShortcut>
#include <QVBoxLayout>

namespace Designer {

namespace {
constexpr int s_errorIndicator = 8;
constexpr int s_errorMarker = 1;
constexpr int s_symbolMargin = 1;
constexpr int s_completionList = 1;

// The host API a function sees (runtime/scripting), by the object before the dot. Builder methods follow
// a call: `db.from('orders').select(...)`.
const QHash<QString, QStringList> &members()
{
    static const QHash<QString, QStringList> members {
        {QStringLiteral("req"),
            {QStringLiteral("method"), QStringLiteral("path"), QStringLiteral("body"), QStringLiteral("params"),
                QStringLiteral("query"), QStringLiteral("headers"), QStringLiteral("user"), QStringLiteral("role")}},
        {QStringLiteral("db"), {QStringLiteral("from("), QStringLiteral("asService()")}},
        {QStringLiteral("http"), {QStringLiteral("fetch(")}},
        {QStringLiteral("env"), {QStringLiteral("get(")}},
        {QStringLiteral("console"),
            {QStringLiteral("log("), QStringLiteral("info("), QStringLiteral("warn("), QStringLiteral("error(")}},
        {QStringLiteral("crypto"), {QStringLiteral("randomUUID()")}},
        {QStringLiteral(")"),
            {QStringLiteral("select("), QStringLiteral("eq("), QStringLiteral("neq("), QStringLiteral("gt("),
                QStringLiteral("lt("), QStringLiteral("order("), QStringLiteral("limit("), QStringLiteral("single()"),
                QStringLiteral("insert("), QStringLiteral("update("), QStringLiteral("upsert("),
                QStringLiteral("delete(")}},
    };
    return members;
}

const QStringList &globals()
{
    static const QStringList globals {QStringLiteral("req"), QStringLiteral("row"), QStringLiteral("old"),
        QStringLiteral("db"), QStringLiteral("http"), QStringLiteral("env"), QStringLiteral("console"),
        QStringLiteral("crypto"), QStringLiteral("HttpError"), QStringLiteral("return"), QStringLiteral("throw"),
        QStringLiteral("const"), QStringLiteral("let")};
    return globals;
}

/** The JavaScript lexer with the host API's objects as its second keyword set, coloured like classes. */
class HostApiLexer : public QsciLexerJavaScript
{
public:
    using QsciLexerJavaScript::QsciLexerJavaScript;
    const char *keywords(int set) const override
    {
        if (set == 2)
            return "req row old db http env console crypto HttpError";
        return QsciLexerJavaScript::keywords(set);
    }
};

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}
} // namespace

ScriptPane::ScriptPane(QWidget *parent)
    : QWidget(parent)
    , m_editor(new QsciScintilla(this))
    , m_lexer(new HostApiLexer(m_editor))
    , m_findBar(new FindBar(m_editor, this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("scriptPane"));
    m_editor->setObjectName(QStringLiteral("scriptEditor"));
    m_message->setObjectName(QStringLiteral("scriptMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_findBar);
    layout->addWidget(m_message);

    m_editor->setUtf8(true);
    m_editor->setLexer(m_lexer);
    m_editor->setAccessibleName(tr("Code of the function"));
    m_editor->setMarginType(0, QsciScintilla::NumberMargin);
    m_editor->setMarginLineNumbers(0, true);
    m_editor->setMarginWidth(0, QStringLiteral("0000"));
    m_editor->setMarginType(s_symbolMargin, QsciScintilla::SymbolMargin);
    m_editor->setMarginWidth(s_symbolMargin, 14);
    m_editor->setMarginMarkerMask(s_symbolMargin, 1 << s_errorMarker);
    m_editor->markerDefine(QsciScintilla::Circle, s_errorMarker);
    m_editor->setFolding(QsciScintilla::BoxedTreeFoldStyle, 2);
    m_editor->setBraceMatching(QsciScintilla::SloppyBraceMatch);
    m_editor->setAutoIndent(true);
    m_editor->setIndentationsUseTabs(false);
    m_editor->setIndentationWidth(2);
    m_editor->setTabWidth(2);
    m_editor->setIndentationGuides(true);
    m_editor->setAnnotationDisplay(QsciScintilla::AnnotationBoxed);
    // Scroll as wide as the longest line, not Scintilla's 2000 pixels.
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETSCROLLWIDTH, 1L);
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETSCROLLWIDTHTRACKING, 1L);
    m_editor->indicatorDefine(QsciScintilla::SquiggleIndicator, s_errorIndicator);
    m_editor->setAutoCompletionSource(QsciScintilla::AcsNone); // the lists come from completionsAt()
    // The document's undo stack holds the edits: Ctrl+Z and Ctrl+Y go to the main window's Undo and Redo.
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETUNDOCOLLECTION, 0L);
    for (const auto command : {QsciCommand::Undo, QsciCommand::Redo}) {
        if (QsciCommand *bound = m_editor->standardCommands()->find(command)) {
            bound->setKey(0);
            bound->setAlternateKey(0);
        }
    }
    applyPalette();

    auto *find = new QShortcut(QKeySequence::Find, this, this, [this]() { m_findBar->open(false); });
    find->setContext(Qt::WidgetWithChildrenShortcut);
    auto *replace = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_H), this, this, [this]() { m_findBar->open(true); });
    replace->setContext(Qt::WidgetWithChildrenShortcut);
    auto *complete = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space), m_editor, this, [this]() { showCompletions(); });
    complete->setContext(Qt::WidgetShortcut);

    connect(m_editor, &QsciScintilla::textChanged, this, [this]() {
        if (!m_settingText)
            emit textEdited();
    });
    connect(m_editor, &QsciScintillaBase::SCN_CHARADDED, this, &ScriptPane::charAdded);
    connect(m_editor, &QsciScintilla::userListActivated, this, &ScriptPane::completionChosen);
}

QString ScriptPane::text() const
{
    return m_editor->text();
}

void ScriptPane::setText(const QString &text)
{
    if (text == m_editor->text())
        return;
    int line = 0;
    int index = 0;
    m_editor->getCursorPosition(&line, &index);
    const bool wasSetting = std::exchange(m_settingText, true);
    m_editor->setText(text);
    m_settingText = wasSetting;
    line = qMin(line, m_editor->lines() - 1);
    m_editor->setCursorPosition(line, qMin(index, m_editor->text(line).size()));
}

void ScriptPane::setProjectWords(const QStringList &words)
{
    m_projectWords = words;
    m_projectWords.removeDuplicates();
}

int ScriptPane::wordStart(const QString &lineText, int index)
{
    int start = qMin(index, int(lineText.size()));
    while (start > 0 && isWordChar(lineText.at(start - 1)))
        --start;
    return start;
}

QStringList ScriptPane::completionsAt(int line, int index) const
{
    const QString lineText = m_editor->text(line);
    const int start = wordStart(lineText, index);
    const QString prefix = lineText.mid(start, index - start);
    QStringList candidates;
    if (start > 0 && lineText.at(start - 1) == QLatin1Char('.')) {
        const int objectEnd = start - 1;
        const int objectStart = wordStart(lineText, objectEnd);
        const QString object = objectStart < objectEnd
            ? lineText.mid(objectStart, objectEnd - objectStart)
            : (objectEnd > 0 && lineText.at(objectEnd - 1) == QLatin1Char(')') ? QStringLiteral(")") : QString());
        candidates = members().value(object);
    } else {
        candidates = globals() + m_projectWords;
    }
    QStringList result;
    for (const QString &candidate : std::as_const(candidates)) {
        if (candidate.startsWith(prefix, Qt::CaseInsensitive) && candidate != prefix)
            result << candidate;
    }
    result.removeDuplicates();
    std::sort(result.begin(), result.end());
    return result;
}

bool ScriptPane::showCompletions()
{
    int line = 0;
    int index = 0;
    m_editor->getCursorPosition(&line, &index);
    const QStringList list = completionsAt(line, index);
    if (list.isEmpty())
        return false;
    m_completionStart = wordStart(m_editor->text(line), index);
    m_editor->showUserList(s_completionList, list);
    return m_editor->isListActive();
}

void ScriptPane::charAdded(int character)
{
    if (m_editor->isListActive())
        return;
    int line = 0;
    int index = 0;
    m_editor->getCursorPosition(&line, &index);
    const QString lineText = m_editor->text(line);
    // After a dot, or once a word has two letters (not inside a comment's words: the lexer knows).
    const int style = int(m_editor->SendScintilla(QsciScintillaBase::SCI_GETSTYLEAT,
        m_editor->positionFromLineIndex(line, qMax(0, index - 1))));
    const bool inComment = style == QsciLexerJavaScript::Comment || style == QsciLexerJavaScript::CommentLine
        || style == QsciLexerJavaScript::CommentDoc;
    if (inComment)
        return;
    if (character == '.' || index - wordStart(lineText, index) == 2)
        showCompletions();
}

void ScriptPane::completionChosen(int id, const QString &text)
{
    if (id != s_completionList || m_completionStart < 0)
        return;
    int line = 0;
    int index = 0;
    m_editor->getCursorPosition(&line, &index);
    m_editor->setSelection(line, qMin(m_completionStart, index), line, index);
    m_editor->replaceSelectedText(text);
    m_completionStart = -1;
}

void ScriptPane::setDiagnostic(int line, int column, const QString &message)
{
    m_diagnosticLine = line > 0 && line <= m_editor->lines() ? line : 0;
    m_diagnosticColumn = column;
    m_diagnostic = m_diagnosticLine ? message : QString();
    const int lastLine = qMax(0, m_editor->lines() - 1);
    m_editor->clearIndicatorRange(0, 0, lastLine, m_editor->lineLength(lastLine), s_errorIndicator);
    m_editor->markerDeleteAll(s_errorMarker);
    m_editor->clearAnnotations();
    if (!m_diagnosticLine) {
        m_message->clear();
        m_message->hide();
        return;
    }
    const int at = m_diagnosticLine - 1;
    QString lineText = m_editor->text(at);
    while (lineText.endsWith(QLatin1Char('\n')) || lineText.endsWith(QLatin1Char('\r')))
        lineText.chop(1);
    // Columns count characters; QScintilla's indexes count UTF-8 bytes. From the column to the word's end;
    // an error past the end of the line (an unclosed object) marks its last character.
    const int start = qBound(0, column - 1, qMax(0, int(lineText.size()) - 1));
    int to = start + 1;
    while (to < lineText.size() && isWordChar(lineText.at(to - 1)) && isWordChar(lineText.at(to)))
        ++to;
    const int from = int(lineText.left(start).toUtf8().size());
    const int end = int(lineText.left(qMin(to, int(lineText.size()))).toUtf8().size());
    m_editor->markerAdd(at, s_errorMarker);
    if (end > from)
        m_editor->fillIndicatorRange(at, from, at, end, s_errorIndicator);
    const CodeColors colors = codeColors(palette());
    m_editor->annotate(at, m_diagnostic, QsciStyle(-1, QStringLiteral("error"), colors.error, colors.paper,
                                              codeFont(font())));
    m_message->setText(tr("Line %1, column %2: %3").arg(m_diagnosticLine).arg(column).arg(m_diagnostic));
    m_message->show();
}

QString ScriptPane::diagnosticText() const
{
    return m_message->text();
}

void ScriptPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        applyPalette();
        setDiagnostic(m_diagnosticLine, m_diagnosticColumn, m_diagnostic);
    }
}

void ScriptPane::applyPalette()
{
    styleCodeEditor(m_editor, m_lexer, palette(), font());
    const CodeColors colors = codeColors(palette());
    using Lexer = QsciLexerJavaScript;
    for (const int style : {Lexer::Comment, Lexer::CommentLine, Lexer::CommentDoc, Lexer::CommentLineDoc})
        m_lexer->setColor(colors.comment, style);
    m_lexer->setColor(colors.number, Lexer::Number);
    for (const int style : {Lexer::DoubleQuotedString, Lexer::SingleQuotedString, Lexer::RawString, Lexer::Regex})
        m_lexer->setColor(colors.string, style);
    m_lexer->setColor(colors.error, Lexer::UnclosedString);
    m_lexer->setPaper(colors.paper, Lexer::UnclosedString); // the lexer's default is a pale violet
    m_lexer->setColor(colors.keyword, Lexer::Keyword);
    m_lexer->setColor(colors.property, Lexer::KeywordSet2);
    m_lexer->setColor(colors.property, Lexer::GlobalClass);
    m_lexer->setColor(colors.ink, Lexer::Operator);
    m_lexer->setColor(colors.ink, Lexer::Identifier);
    m_editor->setIndicatorForegroundColor(colors.error, s_errorIndicator);
    m_editor->setMarkerBackgroundColor(colors.error, s_errorMarker);
    m_editor->setMarkerForegroundColor(colors.error, s_errorMarker);
    QPalette messagePalette = m_message->palette();
    messagePalette.setColor(QPalette::WindowText, colors.error);
    m_message->setPalette(messagePalette);
}

} // namespace Designer
