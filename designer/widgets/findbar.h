// SPDX-License-Identifier: GPL-3.0-or-later
// FindBar: find and replace in a QScintilla editor (match case, whole words, replace all).
#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QToolButton;
class QsciScintilla;

namespace Designer {

/** A bar under a code editor for finding text (Ctrl+F) and replacing it (Ctrl+H): a search box, a replace
    box, "Match case" and "Whole words", next and previous (wrapping), Replace and Replace All. Escape
    closes it. It changes the text only through the editor, as typing would. Owned by the code pane. */
class FindBar : public QWidget
{
    Q_OBJECT

public:
    explicit FindBar(QsciScintilla *editor, QWidget *parent = nullptr);

    /** Shows the bar with the search box focused and filled with the editor's selection; \a replace shows
        the replace row too. */
    void open(bool replace);
    void setFindText(const QString &text);
    void setReplaceText(const QString &text);
    void setMatchCase(bool on);
    void setWholeWords(bool on);

    /** Selects the next (or, with \a forward false, the previous) match after the selection, wrapping
        around. Returns false when there is none. */
    bool findNext(bool forward = true);
    /** Replaces the selected match with the replace text and selects the next one. Returns false when
        there was no match. */
    bool replaceOne();
    /** Replaces every match. Returns how many were replaced. */
    int replaceAll();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    /** Returns true if the editor's selection is a match of the search text. */
    bool selectionMatches() const;
    void showStatus(bool found);

    QsciScintilla *m_editor;
    QLineEdit *m_find = nullptr;
    QLineEdit *m_replace = nullptr;
    QCheckBox *m_matchCase = nullptr;
    QCheckBox *m_wholeWords = nullptr;
    QWidget *m_replaceRow = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace Designer
