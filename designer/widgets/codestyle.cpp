// SPDX-License-Identifier: GPL-3.0-or-later
// Code pane styling shared by the JSON and JavaScript editors: a monospace font and palette-aware colours.
#include "codestyle.h"

#include "palettecolors.h"

#include <Qsci/qscilexer.h>
#include <Qsci/qsciscintilla.h>

namespace Designer {

CodeColors codeColors(const QPalette &palette)
{
    const bool dark = isDarkPalette(palette);
    CodeColors colors;
    colors.paper = palette.color(QPalette::Base);
    colors.ink = palette.color(QPalette::Text);
    colors.string = dark ? QColor(0xa5, 0xd6, 0xa7) : QColor(0x1b, 0x6e, 0x20);
    colors.number = dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xa3, 0x4a, 0x00);
    colors.property = dark ? QColor(0x81, 0xd4, 0xfa) : QColor(0x0d, 0x47, 0xa1);
    colors.keyword = dark ? QColor(0xce, 0x93, 0xd8) : QColor(0x7b, 0x1f, 0xa2);
    colors.comment = dark ? QColor(0xb0, 0xbe, 0xc5) : QColor(0x5f, 0x6b, 0x73);
    colors.error = dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xc6, 0x28, 0x28);
    return colors;
}

QFont codeFont(const QFont &base)
{
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSizeF(base.pointSizeF());
    return mono;
}

void styleCodeEditor(QsciScintilla *editor, QsciLexer *lexer, const QPalette &palette, const QFont &base)
{
    const QFont mono = codeFont(base);
    const CodeColors colors = codeColors(palette);
    const bool dark = isDarkPalette(palette);
    if (lexer) {
        lexer->setDefaultFont(mono);
        lexer->setFont(mono, -1);
        lexer->setDefaultPaper(colors.paper);
        lexer->setDefaultColor(colors.ink);
        lexer->setPaper(colors.paper, -1);
        lexer->setColor(colors.ink, -1);
    }
    editor->setFont(mono);
    editor->setPaper(colors.paper);
    editor->setColor(colors.ink);
    editor->setCaretForegroundColor(colors.ink);
    editor->setSelectionBackgroundColor(palette.color(QPalette::Highlight));
    editor->setSelectionForegroundColor(palette.color(QPalette::HighlightedText));
    editor->setMarginsBackgroundColor(palette.color(QPalette::Window));
    editor->setMarginsForegroundColor(palette.color(QPalette::PlaceholderText));
    editor->setMarginsFont(mono);
    editor->setFoldMarginColors(palette.color(QPalette::Window), palette.color(QPalette::Window));
    editor->setMatchedBraceBackgroundColor(palette.color(QPalette::Highlight).lighter(dark ? 80 : 160));
    editor->setMatchedBraceForegroundColor(colors.ink);
    editor->setUnmatchedBraceForegroundColor(colors.error);
    editor->setUnmatchedBraceBackgroundColor(colors.paper);
}

} // namespace Designer
