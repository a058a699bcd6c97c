// SPDX-License-Identifier: GPL-3.0-or-later
// ConsoleSidebar: the request console's history and collections lists.
#pragma once

#include "consolerequest.h"

#include <QWidget>

class QListWidget;
class QTreeWidget;
class QTabWidget;

namespace Designer {

class ConsoleStore;

/** Lists the store's history (newest first, with status and time) and its collections (a tree of
    folders and saved requests). Activating an entry asks the console to open it; a collection entry's
    context menu removes it. Owned by the RequestConsole; follows the store's change signals. */
class ConsoleSidebar : public QWidget
{
    Q_OBJECT

public:
    ConsoleSidebar(ConsoleStore *store, QWidget *parent = nullptr);

    QListWidget *historyList() const { return m_history; }
    QTreeWidget *collectionsTree() const { return m_collections; }

signals:
    void openRequested(const Designer::ConsoleRequest &request);

private:
    void showHistory();
    void showCollections();
    void showCollectionMenu(const QPoint &position);

    ConsoleStore *m_store = nullptr;
    QTabWidget *m_tabs = nullptr;
    QListWidget *m_history = nullptr;
    QTreeWidget *m_collections = nullptr;
};

} // namespace Designer
