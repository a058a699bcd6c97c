// SPDX-License-Identifier: GPL-3.0-or-later
// StatusBar: a status bar whose messages end at a whole word, with the full message as its tooltip.
#pragma once

#include <QStatusBar>

namespace Designer {

/** The main window's status bar. QStatusBar clips a message that does not fit wherever the room ends,
    often in the middle of a word ("Applied to the running backend: add col"); this one ends it after the
    last whole word that fits, with "…", and shows the whole message as the bar's tooltip. Owned by the
    main window (QMainWindow::setStatusBar()). */
class StatusBar : public QStatusBar
{
    Q_OBJECT

public:
    explicit StatusBar(QWidget *parent = nullptr);

    /** Returns the message as it is drawn now: the whole message, or its start ending at a word, then "…". */
    QString shownMessage() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QRect messageRect() const;
    void updateToolTip();
};

} // namespace Designer
