// SPDX-License-Identifier: GPL-3.0-or-later
// EnumValuesEditor: the value list of an enum field, with Add Value and Remove Value.
#include "enumvalueseditor.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Designer {

EnumValuesEditor::EnumValuesEditor(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
{
    m_list->setObjectName(QStringLiteral("enumValuesList"));
    m_list->setFixedHeight(m_list->fontMetrics().lineSpacing() * 6);
    // The texts keep the context of the FieldEditor they were written for, and so their translations.
    auto *addButton
        = new QPushButton(QCoreApplication::translate("Designer::FieldEditor", "Add &Value"), this);
    addButton->setObjectName(QStringLiteral("addEnumValueButton"));
    m_removeButton
        = new QPushButton(QCoreApplication::translate("Designer::FieldEditor", "Remove V&alue"), this);
    m_removeButton->setObjectName(QStringLiteral("removeEnumValueButton"));
    connect(addButton, &QPushButton::clicked, this, &EnumValuesEditor::addValue);
    connect(m_removeButton, &QPushButton::clicked, this, &EnumValuesEditor::removeValue);
    connect(m_list, &QListWidget::itemChanged, this, &EnumValuesEditor::itemChanged);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(addButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    layout->addLayout(buttons);
}

void EnumValuesEditor::setValues(const QStringList &values)
{
    m_values = values;
    QStringList listed;
    for (int row = 0; row < m_list->count(); ++row)
        listed << m_list->item(row)->text();
    if (listed != values) {
        const int current = m_list->currentRow();
        m_list->clear();
        for (const QString &value : values) {
            auto *item = new QListWidgetItem(value, m_list);
            item->setFlags(item->flags() | Qt::ItemIsEditable);
        }
        m_list->setCurrentRow(qMin(current, int(m_list->count()) - 1));
    }
    m_removeButton->setEnabled(!values.isEmpty());
}

void EnumValuesEditor::itemChanged(QListWidgetItem *item)
{
    Q_UNUSED(item);
    QStringList values;
    for (int row = 0; row < m_list->count(); ++row)
        values << m_list->item(row)->text();
    emit valuesEdited(values, QStringLiteral("enumValues"));
}

void EnumValuesEditor::addValue()
{
    QString value;
    for (int n = int(m_values.size()) + 1;; ++n) {
        value = QStringLiteral("option_%1").arg(n); // a value, not a label: never translated
        if (!m_values.contains(value))
            break;
    }
    // Its own step (no merge key of typing), then the new value is ready to be renamed.
    emit valuesEdited(QStringList(m_values) << value, QStringLiteral("enumValues:add"));
    if (QListWidgetItem *item = m_list->item(m_list->count() - 1)) {
        m_list->setCurrentItem(item);
        m_list->editItem(item);
    }
}

void EnumValuesEditor::removeValue()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_values.size())
        return;
    QStringList values = m_values;
    values.removeAt(row);
    emit valuesEdited(values, QStringLiteral("enumValues:remove"));
}

} // namespace Designer
