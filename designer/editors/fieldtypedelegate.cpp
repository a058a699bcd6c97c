// SPDX-License-Identifier: GPL-3.0-or-later
// FieldTypeDelegate: edits the Type column of the fields grid with a combo box of every field type.
#include "fieldtypedelegate.h"

#include "model/fieldtype.h"

#include <QComboBox>

namespace Designer {

QWidget *FieldTypeDelegate::createEditor(
    QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const
{
    auto *combo = new QComboBox(parent);
    combo->addItems(Runtime::fieldTypeNames());
    return combo;
}

void FieldTypeDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    combo->setCurrentText(index.data(Qt::EditRole).toString());
}

void FieldTypeDelegate::setModelData(
    QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    model->setData(index, static_cast<QComboBox *>(editor)->currentText(), Qt::EditRole);
}

} // namespace Designer
