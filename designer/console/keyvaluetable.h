// SPDX-License-Identifier: GPL-3.0-or-later
// KeyValueTable: an editable two-column table of name/value pairs (query parameters, headers, variables).
#pragma once

#include <QList>
#include <QPair>
#include <QTableWidget>

namespace Designer {

/** A name/value table that always ends with an empty row to type a new pair into; clearing both cells
    of a row removes it. Rows whose check box is unticked are kept but not returned by pairs(). Read-only
    tables (response headers) have no empty row and no check boxes. Owned by its parent widget. */
class KeyValueTable : public QTableWidget
{
    Q_OBJECT

public:
    explicit KeyValueTable(const QString &nameTitle, const QString &valueTitle, QWidget *parent = nullptr);

    /** Returns the ticked, non-empty pairs, in order. */
    QList<QPair<QString, QString>> pairs() const;
    /** Replaces the rows with \a pairs (all ticked), without emitting pairsEdited(). */
    void setPairs(const QList<QPair<QString, QString>> &pairs);
    void setReadOnly(bool readOnly);

signals:
    /** Emitted when the user changed a cell or a tick. */
    void pairsEdited();

private:
    void onItemChanged(QTableWidgetItem *item);
    void appendRow(const QString &name, const QString &value);
    void ensureEmptyRow();

    bool m_readOnly = false;
    bool m_updating = false;
};

} // namespace Designer
