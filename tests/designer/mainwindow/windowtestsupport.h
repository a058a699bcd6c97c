// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers of the main-window tests: the window's tree and tabs, menus holding an action, a tree group's rows.
#pragma once

#include "mainwindow/mainwindow.h"
#include "mainwindow/projecttree.h"

#include <QAction>
#include <QMenu>
#include <QTabWidget>

namespace WindowTests {

inline Designer::ProjectTree *treeOf(const Designer::MainWindow &window)
{
    return window.findChild<Designer::ProjectTree *>(QStringLiteral("projectTree"));
}

inline QTabWidget *tabsOf(const Designer::MainWindow &window)
{
    return window.findChild<QTabWidget *>(QStringLiteral("centralTabs"));
}

// Returns "name|details" for each row of the tree's \a group.
inline QStringList rowsOf(const Designer::MainWindow &window, Designer::ProjectTree::Group group)
{
    QStringList rows;
    const QTreeWidgetItem *item = treeOf(window)->groupItem(group);
    for (int i = 0; i < item->childCount(); ++i)
        rows << item->child(i)->text(0) + u'|' + item->child(i)->text(1);
    return rows;
}

// Returns true if \a wanted is among \a actions or in one of their menus, however deep.
inline bool menuHas(const QList<QAction *> &actions, const QAction *wanted)
{
    for (const QAction *action : actions) {
        if (action == wanted || (action->menu() && menuHas(action->menu()->actions(), wanted)))
            return true;
    }
    return false;
}

} // namespace WindowTests
