// SPDX-License-Identifier: GPL-3.0-or-later
// ScriptPane: the JavaScript code pane of a function: highlighting, find and replace, completion, errors.
#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QsciLexerJavaScript;
class QsciScintilla;

namespace Designer {

class FindBar;

/** A QScintilla editor for a function body: the JavaScript lexer in the code font, coloured from the
    palette (light and dark), line numbers, folding, brace matching, auto-indent; a FindBar (Ctrl+F find,
    Ctrl+H replace); completion of the host API (req, db, http, env, console, crypto, HttpError) and of
    the words setProjectWords() gives (tables, columns), shown after a '.' or two letters, or on
    Ctrl+Space; one error at a time, marked in the margin, underlined and described under its line and in
    a message line below. Undo is the document's (Ctrl+Z reaches the main window's Undo): the pane keeps
    no undo history of its own. Owned by its FunctionEditor. */
class ScriptPane : public QWidget
{
    Q_OBJECT

public:
    explicit ScriptPane(QWidget *parent = nullptr);

    QString text() const;
    /** Shows \a text, keeping the caret's line and column where they still exist. Does not emit
        textEdited(). Nothing happens when the pane already shows \a text. */
    void setText(const QString &text);

    QsciScintilla *editor() const { return m_editor; }
    FindBar *findBar() const { return m_findBar; }

    /** Sets the project's words offered for completion besides the host API: table and column names. */
    void setProjectWords(const QStringList &words);
    /** Returns the completions offered at \a line and \a index (0-based, as QScintilla counts): after
        `req.` the request's members, after `db.` the database's, after `).` the query builder's;
        elsewhere the globals and the project's words. Only those starting with the word being typed
        there, sorted. */
    QStringList completionsAt(int line, int index) const;
    /** Shows the completions at the caret, if there are any. Returns true if a list shows. */
    bool showCompletions();

    /** Marks the error \a message at the 1-based \a line and \a column; \a line 0 clears the mark. */
    void setDiagnostic(int line, int column, const QString &message);
    /** Returns the 1-based line of the error shown, or 0 when none is. */
    int diagnosticLine() const { return m_diagnosticLine; }
    /** Returns the message line's text (empty when no error is shown). */
    QString diagnosticText() const;

signals:
    /** The user changed the text (typing, pasting, replacing; not setText()). */
    void textEdited();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();
    void charAdded(int character);
    void completionChosen(int id, const QString &text);
    /** Returns the 0-based index where the word ending at \a index of \a lineText starts. */
    static int wordStart(const QString &lineText, int index);

    QsciScintilla *m_editor = nullptr;
    QsciLexerJavaScript *m_lexer = nullptr;
    FindBar *m_findBar = nullptr;
    QLabel *m_message = nullptr;
    QStringList m_projectWords;
    bool m_settingText = false;
    int m_diagnosticLine = 0;
    int m_diagnosticColumn = 0;
    QString m_diagnostic;
    int m_completionStart = -1; ///< the index on the caret's line where the completed word starts
};

} // namespace Designer
