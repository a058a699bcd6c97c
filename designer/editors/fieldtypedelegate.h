// SPDX-License-Identifier: GPL-3.0-or-later
// FieldTypeDelegate: edits the Type column of the fields grid with a combo box of every field type.
#pragma once

#include <QStyledItemDelegate>

namespace Designer {

/** Edits a field type (the Type column of the TableEditor's fields grid) with a combo box of every field
    type; the model gets the type's name. Owned by the view it is set on. */
class FieldTypeDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};

} // namespace Designer
