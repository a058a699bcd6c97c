// SPDX-License-Identifier: GPL-3.0-or-later
// JsonEditor: a highlighted JSON editor that checks its text as you type, or shows a response read-only.
#include "jsoneditor.h"

#include "widgets/codestyle.h"

#include <Qsci/qscilexerjson.h>
#include <Qsci/qsciscintilla.h>

#include <QEvent>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

namespace Designer {

namespace {

constexpr int s_errorIndicator = 8;

QString describe(QJsonParseError::ParseError error)
{
    switch (error) {
    case QJsonParseError::UnterminatedObject: return JsonEditor::tr("missing comma or closing brace");
    case QJsonParseError::MissingNameSeparator: return JsonEditor::tr("missing colon after the name");
    case QJsonParseError::UnterminatedArray: return JsonEditor::tr("missing comma or closing bracket");
    case QJsonParseError::MissingValueSeparator: return JsonEditor::tr("missing comma");
    case QJsonParseError::IllegalValue: return JsonEditor::tr("not a JSON value (strings need double quotes)");
    case QJsonParseError::TerminationByNumber: return JsonEditor::tr("the text ends inside a number");
    case QJsonParseError::IllegalNumber: return JsonEditor::tr("not a valid number");
    case QJsonParseError::IllegalEscapeSequence: return JsonEditor::tr("invalid escape sequence");
    case QJsonParseError::IllegalUTF8String: return JsonEditor::tr("invalid UTF-8 in a string");
    case QJsonParseError::UnterminatedString: return JsonEditor::tr("the string is never closed");
    case QJsonParseError::MissingObject: return JsonEditor::tr("expected an object or an array");
    case QJsonParseError::DeepNesting: return JsonEditor::tr("nested too deeply");
    case QJsonParseError::DocumentTooLarge: return JsonEditor::tr("the document is too large");
    case QJsonParseError::GarbageAtEnd: return JsonEditor::tr("unexpected text after the end");
    case QJsonParseError::NoError: break;
    }
    return {};
}

} // namespace

JsonEditor::JsonEditor(QWidget *parent)
    : QWidget(parent)
    , m_editor(new QsciScintilla(this))
    , m_lexer(new QsciLexerJSON(m_editor))
    , m_message(new QLabel(this))
    , m_checkTimer(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_message);
    m_message->setVisible(false);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_editor->setUtf8(true);
    m_editor->setLexer(m_lexer);
    m_editor->setMarginWidth(1, 0);
    m_editor->setMarginLineNumbers(0, true);
    m_editor->setMarginWidth(0, QStringLiteral("0000"));
    m_editor->setBraceMatching(QsciScintilla::SloppyBraceMatch);
    m_editor->setAutoIndent(true);
    m_editor->setIndentationsUseTabs(false);
    m_editor->setIndentationWidth(2);
    m_editor->setTabWidth(2);
    m_editor->setWrapMode(QsciScintilla::WrapWord);
    m_editor->indicatorDefine(QsciScintilla::SquiggleIndicator, s_errorIndicator);
    applyPalette();

    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(200);
    connect(m_checkTimer, &QTimer::timeout, this, &JsonEditor::check);
    connect(m_editor, &QsciScintilla::textChanged, this, &JsonEditor::textChanged);
    connect(m_editor, &QsciScintilla::textChanged, this, [this] {
        if (!m_editor->isReadOnly())
            m_checkTimer->start();
    });
}

QString JsonEditor::text() const
{
    return m_editor->text();
}

void JsonEditor::setText(const QString &text)
{
    m_editor->setText(text);
    if (!m_editor->isReadOnly())
        check();
}

void JsonEditor::setReadOnly(bool readOnly)
{
    m_editor->setReadOnly(readOnly);
    // In a response the caret sits on the first bracket: matching it would look like a selection.
    m_editor->setBraceMatching(readOnly ? QsciScintilla::NoBraceMatch : QsciScintilla::SloppyBraceMatch);
    if (readOnly) {
        m_checkTimer->stop();
        m_error.clear();
        m_message->setVisible(false);
        m_editor->clearIndicatorRange(0, 0, m_editor->lines(), 0, s_errorIndicator);
    }
}

bool JsonEditor::isReadOnly() const
{
    return m_editor->isReadOnly();
}

void JsonEditor::setHighlighting(bool on)
{
    if (on == (m_editor->lexer() != nullptr))
        return;
    m_editor->setLexer(on ? m_lexer : nullptr);
    applyPalette();
}

QString JsonEditor::check()
{
    m_checkTimer->stop();
    const int lastLine = qMax(0, m_editor->lines() - 1);
    m_editor->clearIndicatorRange(0, 0, lastLine, m_editor->lineLength(lastLine), s_errorIndicator);
    const QByteArray utf8 = m_editor->text().toUtf8();
    QJsonParseError parseError;
    if (utf8.trimmed().isEmpty() || !QJsonDocument::fromJson(utf8, &parseError).isNull()) {
        m_error.clear();
    } else {
        // The offset counts UTF-8 bytes, as Scintilla's positions do in a UTF-8 document, and points just
        // past the character the parser stumbled on: step back onto it.
        const int position = int(qBound(qsizetype(0), qsizetype(parseError.offset) - 1, qMax(qsizetype(0), utf8.size() - 1)));
        int line = 0;
        int index = 0;
        m_editor->lineIndexFromPosition(position, &line, &index);
        m_editor->SendScintilla(QsciScintillaBase::SCI_SETINDICATORCURRENT, s_errorIndicator);
        m_editor->SendScintilla(QsciScintillaBase::SCI_INDICATORFILLRANGE, position, 1);
        const QString lineText = m_editor->text(line);
        const int column = QString::fromUtf8(lineText.toUtf8().left(index)).size() + 1;
        m_error = tr("line %1, column %2: %3").arg(line + 1).arg(column).arg(describe(parseError.error));
    }
    m_message->setText(m_error);
    m_message->setVisible(!m_error.isEmpty());
    emit checked(m_error);
    return m_error;
}

QString JsonEditor::prettyPrinted(const QByteArray &json)
{
    QJsonParseError error;
    if (QJsonDocument::fromJson(json, &error).isNull())
        return QString::fromUtf8(json);
    QByteArray out;
    out.reserve(json.size() * 2);
    int depth = 0;
    bool inString = false;
    auto newline = [&out, &depth] { out += '\n'; out += QByteArray(depth * 2, ' '); };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < json.size())
                out += json.at(++i);
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"': inString = true; out += c; break;
        case '{':
        case '[': {
            qsizetype next = i + 1;
            while (next < json.size() && QChar::isSpace(uchar(json.at(next))))
                ++next;
            if (next < json.size() && (json.at(next) == '}' || json.at(next) == ']')) {
                out += c;
                out += json.at(next);
                i = next;
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']': --depth; newline(); out += c; break;
        case ',': out += c; newline(); break;
        case ':': out += ": "; break;
        case ' ': case '\t': case '\n': case '\r': break;
        default: out += c;
        }
    }
    return QString::fromUtf8(out);
}

void JsonEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
}

void JsonEditor::applyPalette()
{
    styleCodeEditor(m_editor, m_lexer, palette(), font());
    const CodeColors colors = codeColors(palette());
    m_lexer->setColor(colors.number, QsciLexerJSON::Number);
    m_lexer->setColor(colors.string, QsciLexerJSON::String);
    m_lexer->setColor(colors.error, QsciLexerJSON::UnclosedString);
    m_lexer->setColor(colors.property, QsciLexerJSON::Property);
    m_lexer->setColor(colors.keyword, QsciLexerJSON::Keyword);
    m_lexer->setColor(colors.error, QsciLexerJSON::Error);
    m_lexer->setColor(colors.ink, QsciLexerJSON::Operator);
    m_editor->setIndicatorForegroundColor(colors.error, s_errorIndicator);
    QPalette messagePalette = m_message->palette();
    messagePalette.setColor(QPalette::WindowText, colors.error);
    m_message->setPalette(messagePalette);
}

} // namespace Designer
