// SPDX-License-Identifier: GPL-3.0-or-later
// FindBar: find and replace in a QScintilla editor (match case, whole words, replace all).
#include "findbar.h"

#include "palettecolors.h"

#include <Qsci/qsciscintilla.h>

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace Designer {

FindBar::FindBar(QsciScintilla *editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
{
    setObjectName(QStringLiteral("findBar"));
    m_find = new QLineEdit(this);
    m_find->setObjectName(QStringLiteral("findEdit"));
    m_find->setPlaceholderText(tr("Find"));
    m_find->setClearButtonEnabled(true);
    m_replace = new QLineEdit(this);
    m_replace->setObjectName(QStringLiteral("replaceEdit"));
    m_replace->setPlaceholderText(tr("Replace with"));
    m_matchCase = new QCheckBox(tr("Match &case"), this);
    m_matchCase->setObjectName(QStringLiteral("findMatchCase"));
    m_wholeWords = new QCheckBox(tr("&Whole words"), this);
    m_wholeWords->setObjectName(QStringLiteral("findWholeWords"));
    auto *previous = new QPushButton(tr("&Previous"), this);
    auto *next = new QPushButton(tr("&Next"), this);
    next->setObjectName(QStringLiteral("findNextButton"));
    auto *replace = new QPushButton(tr("&Replace"), this);
    replace->setObjectName(QStringLiteral("replaceButton"));
    auto *replaceAll = new QPushButton(tr("Replace &All"), this);
    replaceAll->setObjectName(QStringLiteral("replaceAllButton"));
    auto *close = new QToolButton(this);
    close->setIcon(QIcon::fromTheme(QStringLiteral("window-close")));
    close->setText(tr("Close"));
    close->setToolTip(tr("Close (Esc)"));
    close->setAutoRaise(true);
    m_status = new QLabel(this);

    auto *findRow = new QHBoxLayout;
    findRow->addWidget(m_find, 1);
    findRow->addWidget(previous);
    findRow->addWidget(next);
    findRow->addWidget(m_matchCase);
    findRow->addWidget(m_wholeWords);
    findRow->addWidget(m_status);
    findRow->addWidget(close);
    m_replaceRow = new QWidget(this);
    auto *replaceRow = new QHBoxLayout(m_replaceRow);
    replaceRow->setContentsMargins(0, 0, 0, 0);
    replaceRow->addWidget(m_replace, 1);
    replaceRow->addWidget(replace);
    replaceRow->addWidget(replaceAll);
    replaceRow->addStretch(0);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 2);
    layout->setSpacing(2);
    layout->addLayout(findRow);
    layout->addWidget(m_replaceRow);

    connect(m_find, &QLineEdit::returnPressed, this, [this]() { findNext(true); });
    connect(m_replace, &QLineEdit::returnPressed, this, &FindBar::replaceOne);
    connect(next, &QPushButton::clicked, this, [this]() { findNext(true); });
    connect(previous, &QPushButton::clicked, this, [this]() { findNext(false); });
    connect(replace, &QPushButton::clicked, this, &FindBar::replaceOne);
    connect(replaceAll, &QPushButton::clicked, this, &FindBar::replaceAll);
    connect(close, &QToolButton::clicked, this, [this]() {
        hide();
        m_editor->setFocus();
    });
    connect(m_find, &QLineEdit::textChanged, m_status, &QLabel::clear);
    hide();
}

void FindBar::open(bool replace)
{
    if (m_editor->hasSelectedText() && !m_editor->selectedText().contains(QLatin1Char('\n')))
        m_find->setText(m_editor->selectedText());
    m_replaceRow->setVisible(replace);
    show();
    m_find->setFocus(Qt::ShortcutFocusReason);
    m_find->selectAll();
}

void FindBar::setFindText(const QString &text)
{
    m_find->setText(text);
}

void FindBar::setReplaceText(const QString &text)
{
    m_replace->setText(text);
}

void FindBar::setMatchCase(bool on)
{
    m_matchCase->setChecked(on);
}

void FindBar::setWholeWords(bool on)
{
    m_wholeWords->setChecked(on);
}

bool FindBar::findNext(bool forward)
{
    if (m_find->text().isEmpty())
        return false;
    int line = 0;
    int index = 0;
    if (!forward && m_editor->hasSelectedText()) {
        // Backwards from the selection's start, so the current match is not found again.
        int lineTo = 0;
        int indexTo = 0;
        m_editor->getSelection(&line, &index, &lineTo, &indexTo);
    } else {
        m_editor->getCursorPosition(&line, &index);
    }
    const bool found = m_editor->findFirst(m_find->text(), false, m_matchCase->isChecked(),
        m_wholeWords->isChecked(), true, forward, line, index, true);
    showStatus(found);
    return found;
}

bool FindBar::selectionMatches() const
{
    const QString selected = m_editor->selectedText();
    const Qt::CaseSensitivity cs = m_matchCase->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive;
    return !selected.isEmpty() && selected.compare(m_find->text(), cs) == 0;
}

bool FindBar::replaceOne()
{
    if (!selectionMatches() && !findNext(true))
        return false;
    m_editor->replaceSelectedText(m_replace->text());
    findNext(true);
    return true;
}

int FindBar::replaceAll()
{
    if (m_find->text().isEmpty())
        return 0;
    int count = 0;
    m_editor->beginUndoAction();
    // From the start, without wrapping: each replacement moves on past the text it put in.
    bool found = m_editor->findFirst(m_find->text(), false, m_matchCase->isChecked(), m_wholeWords->isChecked(),
        false, true, 0, 0, false);
    while (found) {
        m_editor->replaceSelectedText(m_replace->text());
        ++count;
        int line = 0;
        int index = 0;
        m_editor->getCursorPosition(&line, &index);
        found = m_editor->findFirst(m_find->text(), false, m_matchCase->isChecked(), m_wholeWords->isChecked(),
            false, true, line, index, false);
    }
    m_editor->endUndoAction();
    m_status->setText(tr("%n replaced", nullptr, count));
    return count;
}

void FindBar::showStatus(bool found)
{
    QPalette colours = m_status->palette();
    colours.setColor(QPalette::WindowText, errorTextColor(palette()));
    m_status->setPalette(colours);
    m_status->setText(found ? QString() : tr("Not found"));
}

void FindBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        m_editor->setFocus();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Designer
