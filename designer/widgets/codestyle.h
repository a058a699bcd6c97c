// SPDX-License-Identifier: GPL-3.0-or-later
// Code pane styling shared by the JSON and JavaScript editors: a monospace font and palette-aware colours.
#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>

class QsciLexer;
class QsciScintilla;

namespace Designer {

/** The colours of highlighted code on a palette: each keeps its contrast on light and dark paper. */
struct CodeColors
{
    QColor paper;    ///< the background (the palette's Base)
    QColor ink;      ///< plain text (the palette's Text)
    QColor string;
    QColor number;
    QColor property; ///< JSON keys, JavaScript classes and host objects
    QColor keyword;
    QColor comment;
    QColor error;
};

/** Returns the code colours for \a palette. */
CodeColors codeColors(const QPalette &palette);

/** Returns the monospace font of code panes, as large as \a base. (The default would draw comments in a
    serif font.) */
QFont codeFont(const QFont &base);

/** Gives \a editor and its \a lexer (may be null) the code font of \a base and the paper, ink, selection,
    margin, caret and brace colours of \a palette. Lexer-specific styles are left to the caller. */
void styleCodeEditor(QsciScintilla *editor, QsciLexer *lexer, const QPalette &palette, const QFont &base);

} // namespace Designer
