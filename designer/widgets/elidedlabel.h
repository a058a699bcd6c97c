// SPDX-License-Identifier: GPL-3.0-or-later
// ElidedLabel: a one-line label that ends its text at a whole word when it is narrower than the text.
#pragma once

#include <QLabel>

class QFontMetrics;

namespace Designer {

/** A one-line plain-text label that may be narrower than its text: it then shows the text up to the last
    whole word that fits, followed by "…"; its owner gives it the whole text as tooltip. Its minimum width is
    small, so a long message never makes its window wider. Owned by its parent. */
class ElidedLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    /** Returns the text as it is drawn now. */
    QString shownText() const;
    QSize minimumSizeHint() const override;

    /** Returns \a text as it fits in \a width pixels of \a metrics: whole, or cut after the last whole word
        that fits followed by "…" (a single word too long for the room is cut where it must be). */
    static QString elideAtWord(const QString &text, const QFontMetrics &metrics, int width);

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace Designer
