// SPDX-License-Identifier: GPL-3.0-or-later
// ConsoleSidebar: the request console's history and collections lists.
#include "consolesidebar.h"

#include "consolestore.h"

#include <QHeaderView>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Designer {

namespace {
constexpr int s_requestRole = Qt::UserRole + 1;
constexpr int s_collectionRole = Qt::UserRole + 2;
}

ConsoleSidebar::ConsoleSidebar(ConsoleStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_tabs(new QTabWidget(this))
    , m_history(new QListWidget(this))
    , m_collections(new QTreeWidget(this))
{
    auto *historyPage = new QWidget(this);
    auto *clear = new QPushButton(tr("Clear History"), historyPage);
    auto *historyLayout = new QVBoxLayout(historyPage);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addWidget(m_history, 1);
    historyLayout->addWidget(clear);
    m_collections->setHeaderHidden(true);
    m_collections->setContextMenuPolicy(Qt::CustomContextMenu);
    m_history->setUniformItemSizes(true);
    m_tabs->addTab(historyPage, tr("History"));
    m_tabs->addTab(m_collections, tr("Collections"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    connect(m_store, &ConsoleStore::historyChanged, this, &ConsoleSidebar::showHistory);
    connect(m_store, &ConsoleStore::collectionsChanged, this, &ConsoleSidebar::showCollections);
    connect(clear, &QPushButton::clicked, m_store, &ConsoleStore::clearHistory);
    connect(m_history, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int index = item->data(s_requestRole).toInt();
        if (index >= 0 && index < m_store->history().size())
            emit openRequested(m_store->history().at(index).request);
    });
    connect(m_collections, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QVariant request = item->data(0, s_requestRole);
        if (request.isValid())
            emit openRequested(ConsoleRequest::fromJson(request.toJsonObject()));
    });
    connect(m_collections, &QTreeWidget::customContextMenuRequested, this, &ConsoleSidebar::showCollectionMenu);
    showHistory();
    showCollections();
}

void ConsoleSidebar::showHistory()
{
    m_history->clear();
    const QList<HistoryEntry> &history = m_store->history();
    for (qsizetype i = 0; i < history.size(); ++i) {
        const HistoryEntry &entry = history.at(i);
        const QString status = entry.status ? QString::number(entry.status) : tr("no answer");
        auto *item = new QListWidgetItem(QStringLiteral("%1  %2  %3").arg(entry.request.method, entry.request.url, status), m_history);
        item->setToolTip(tr("%1, %2 ms").arg(QLocale().toString(entry.sentAt.toLocalTime(), QLocale::ShortFormat))
                             .arg(QLocale().toString(entry.elapsedMs, 'f', 1)));
        item->setData(s_requestRole, int(i));
    }
}

void ConsoleSidebar::showCollections()
{
    m_collections->clear();
    for (const RequestCollection &collection : m_store->collections()) {
        auto *folder = new QTreeWidgetItem(m_collections, {collection.name});
        folder->setData(0, s_collectionRole, collection.name);
        for (const ConsoleRequest &request : collection.requests) {
            auto *item = new QTreeWidgetItem(folder, {QStringLiteral("%1  %2").arg(request.method, request.name)});
            item->setToolTip(0, request.url);
            item->setData(0, s_requestRole, request.toJson());
            item->setData(0, s_collectionRole, collection.name);
        }
        folder->setExpanded(true);
    }
}

void ConsoleSidebar::showCollectionMenu(const QPoint &position)
{
    QTreeWidgetItem *item = m_collections->itemAt(position);
    if (!item || !item->data(0, s_requestRole).isValid())
        return;
    const QString collection = item->data(0, s_collectionRole).toString();
    const QString name = ConsoleRequest::fromJson(item->data(0, s_requestRole).toJsonObject()).name;
    QMenu menu(this);
    QAction *open = menu.addAction(tr("Open"));
    QAction *remove = menu.addAction(tr("Remove from Collection"));
    QAction *chosen = menu.exec(m_collections->viewport()->mapToGlobal(position));
    if (chosen == open) {
        emit openRequested(ConsoleRequest::fromJson(item->data(0, s_requestRole).toJsonObject()));
    } else if (chosen == remove) {
        QString error;
        if (!m_store->removeRequest(collection, name, &error))
            QMessageBox::warning(this, tr("Remove Request"), error);
    }
}

} // namespace Designer
