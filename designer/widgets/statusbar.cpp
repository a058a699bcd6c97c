// SPDX-License-Identifier: GPL-3.0-or-later
// StatusBar: a status bar whose messages end at a whole word, with the full message as its tooltip.
#include "statusbar.h"

#include "elidedlabel.h"

#include <QPainter>
#include <QStyleOption>

namespace Designer {

StatusBar::StatusBar(QWidget *parent)
    : QStatusBar(parent)
{
    setObjectName(QStringLiteral("statusBar"));
    connect(this, &QStatusBar::messageChanged, this, &StatusBar::updateToolTip);
}

void StatusBar::updateToolTip()
{
    // Only a message cut short needs its tooltip; the whole of it is then one hover away.
    const QString message = currentMessage();
    setToolTip(shownMessage() == message ? QString() : message);
}

void StatusBar::resizeEvent(QResizeEvent *event)
{
    QStatusBar::resizeEvent(event);
    updateToolTip();
}

QRect StatusBar::messageRect() const
{
    // As QStatusBar lays out its message: from the left margin to the first permanent widget (or grip).
    int right = width() - 12;
    for (const QWidget *child : findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
        if (child->isVisible() && !child->isWindow())
            right = qMin(right, child->x() - 2);
    }
    const int left = 6;
    return layoutDirection() == Qt::RightToLeft ? QRect(width() - right, 0, right - left, height())
                                                : QRect(left, 0, right - left, height());
}

QString StatusBar::shownMessage() const
{
    return ElidedLabel::elideAtWord(currentMessage(), fontMetrics(), messageRect().width());
}

void StatusBar::paintEvent(QPaintEvent *event)
{
    QStatusBar::paintEvent(event);
    const QString message = currentMessage();
    const QString shown = shownMessage();
    if (message.isEmpty() || shown == message)
        return;
    // QStatusBar drew the message clipped wherever the room ended: paint the bar over it, then the cut text.
    QPainter painter(this);
    const QRect rect = messageRect();
    painter.setClipRect(rect);
    painter.fillRect(rect, palette().brush(backgroundRole())); // styles may draw a panel that shows through
    QStyleOption option;
    option.initFrom(this);
    style()->drawPrimitive(QStyle::PE_PanelStatusBar, &option, &painter, this);
    painter.setPen(palette().windowText().color());
    painter.drawText(rect, Qt::AlignLeading | Qt::AlignVCenter | Qt::TextSingleLine, shown);
}

} // namespace Designer
