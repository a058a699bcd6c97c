// SPDX-License-Identifier: GPL-3.0-or-later
// KeyValueTable: an editable two-column table of name/value pairs (query parameters, headers, variables).
#include "keyvaluetable.h"

#include <QHeaderView>

namespace Designer {

KeyValueTable::KeyValueTable(const QString &nameTitle, const QString &valueTitle, QWidget *parent)
    : QTableWidget(0, 2, parent)
{
    setHorizontalHeaderLabels({nameTitle, valueTitle});
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->resizeSection(0, 180);
    verticalHeader()->setVisible(false);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    connect(this, &QTableWidget::itemChanged, this, &KeyValueTable::onItemChanged);
    ensureEmptyRow();
}

QList<QPair<QString, QString>> KeyValueTable::pairs() const
{
    QList<QPair<QString, QString>> list;
    for (int row = 0; row < rowCount(); ++row) {
        const QTableWidgetItem *name = item(row, 0);
        const QTableWidgetItem *value = item(row, 1);
        const QString n = name ? name->text() : QString();
        const QString v = value ? value->text() : QString();
        if (n.isEmpty() && v.isEmpty())
            continue;
        if (!m_readOnly && name && name->checkState() == Qt::Unchecked)
            continue;
        list.append({n, v});
    }
    return list;
}

void KeyValueTable::setPairs(const QList<QPair<QString, QString>> &pairs)
{
    m_updating = true;
    setRowCount(0);
    for (const auto &[name, value] : pairs)
        appendRow(name, value);
    m_updating = false;
    ensureEmptyRow();
}

void KeyValueTable::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    setEditTriggers(readOnly ? QAbstractItemView::NoEditTriggers : QAbstractItemView::AllEditTriggers);
    setPairs(pairs());
}

void KeyValueTable::appendRow(const QString &name, const QString &value)
{
    const int row = rowCount();
    insertRow(row);
    auto *nameItem = new QTableWidgetItem(name);
    // The empty row to type into gets its check box with its first text (see onItemChanged).
    if (!m_readOnly && !(name.isEmpty() && value.isEmpty())) {
        nameItem->setFlags(nameItem->flags() | Qt::ItemIsUserCheckable);
        nameItem->setCheckState(Qt::Checked);
    }
    setItem(row, 0, nameItem);
    setItem(row, 1, new QTableWidgetItem(value));
}

void KeyValueTable::ensureEmptyRow()
{
    if (m_readOnly)
        return;
    const int last = rowCount() - 1;
    const bool lastEmpty = last >= 0 && (!item(last, 0) || item(last, 0)->text().isEmpty())
        && (!item(last, 1) || item(last, 1)->text().isEmpty());
    if (lastEmpty)
        return;
    const bool updating = m_updating;
    m_updating = true;
    appendRow({}, {});
    m_updating = updating;
}

void KeyValueTable::onItemChanged(QTableWidgetItem *changed)
{
    if (m_updating)
        return;
    m_updating = true;
    // A row whose name and value were both cleared is removed (but never the last, empty one).
    const int row = changed->row();
    const bool empty = (!item(row, 0) || item(row, 0)->text().isEmpty()) && (!item(row, 1) || item(row, 1)->text().isEmpty());
    if (empty && row < rowCount() - 1) {
        removeRow(row);
    } else if (!empty && item(row, 0) && !item(row, 0)->data(Qt::CheckStateRole).isValid()) {
        item(row, 0)->setFlags(item(row, 0)->flags() | Qt::ItemIsUserCheckable);
        item(row, 0)->setCheckState(Qt::Checked);
    }
    m_updating = false;
    ensureEmptyRow();
    emit pairsEdited();
}

} // namespace Designer
