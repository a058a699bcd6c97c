// SPDX-License-Identifier: GPL-3.0-or-later
// ElidedLabel: a one-line label that ends its text at a whole word when it is narrower than the text.
#include "elidedlabel.h"

#include <QPainter>
#include <QStyle>
#include <QTextBoundaryFinder>

namespace Designer {

ElidedLabel::ElidedLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

QString ElidedLabel::elideAtWord(const QString &text, const QFontMetrics &metrics, int width)
{
    if (metrics.horizontalAdvance(text) <= width)
        return text;
    const QString ellipsis(QChar(0x2026));
    QString fitting;
    QTextBoundaryFinder words(QTextBoundaryFinder::Word, text);
    for (qsizetype end = words.toNextBoundary(); end > 0; end = words.toNextBoundary()) {
        if (!(words.boundaryReasons() & QTextBoundaryFinder::EndOfItem))
            continue;
        const QString candidate = text.left(end);
        if (metrics.horizontalAdvance(candidate + ellipsis) > width)
            break;
        fitting = candidate;
    }
    if (fitting.isEmpty()) // not even the first word fits: cut it, as there is nothing better
        return metrics.elidedText(text, Qt::ElideRight, width);
    // "backend: add…" rather than "backend: add:…": punctuation after the last word goes too.
    while (!fitting.isEmpty() && !fitting.back().isLetterOrNumber())
        fitting.chop(1);
    return fitting + ellipsis;
}

QString ElidedLabel::shownText() const
{
    return elideAtWord(text(), fontMetrics(), contentsRect().width());
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QSize hint = QLabel::minimumSizeHint();
    return {qMin(hint.width(), fontMetrics().horizontalAdvance(QStringLiteral("0")) * 12), hint.height()};
}

void ElidedLabel::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QString shown = shownText();
    style()->drawItemText(&painter, contentsRect(), int(alignment()) | Qt::TextSingleLine, palette(), isEnabled(),
        shown, foregroundRole());
}

} // namespace Designer
