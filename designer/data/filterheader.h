// SPDX-License-Identifier: GPL-3.0-or-later
// FilterHeader: the data browser grid's horizontal header with a filter field under each section.
#pragma once

#include <QHeaderView>
#include <QList>

#include <functional>

class QLineEdit;
class QTableView;

namespace Designer {

class RowsModel;

/** The grid's horizontal header with a filter field under each section. */
class FilterHeader : public QHeaderView
{
public:
    explicit FilterHeader(QTableView *view);

    /** Called with a column and its filter text after a short pause in typing, or when the user has finished
        editing it (Return, leaving the field). */
    std::function<void(int column, const QString &text)> filterChanged;

    /** Makes one filter field per column of \a model (tooltips and placeholders from its fields). */
    void setFilters(const RowsModel &model);
    QLineEdit *editor(int column) const { return m_editors.value(column); }
    QSize sizeHint() const override;

protected:
    void updateGeometries() override;

private:
    int editorHeight() const;
    void placeEditors();

    QList<QLineEdit *> m_editors;
};

} // namespace Designer
