// SPDX-License-Identifier: GPL-3.0-or-later
// EnumValuesEditor: the value list of an enum field, with Add Value and Remove Value.
#pragma once

#include <QStringList>
#include <QWidget>

class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace Designer {

/** Edits the values of an enum field: a list whose items are renamed in place, and buttons that add a
    fresh value (option_N, ready to be renamed) or remove the current one. It changes no document: each
    edit is reported by valuesEdited(), and setValues() shows the values the document holds. Owned by
    the FieldEditor. */
class EnumValuesEditor : public QWidget
{
    Q_OBJECT

public:
    explicit EnumValuesEditor(QWidget *parent = nullptr);

    /** Shows \a values, keeping the current row where it can. */
    void setValues(const QStringList &values);
    QStringList values() const { return m_values; }

signals:
    /** The user changed the values to \a values. \a property is the merge property of the edit:
        "enumValues" for renaming (typing merges), "enumValues:add" or "enumValues:remove". */
    void valuesEdited(const QStringList &values, const QString &property);

private:
    void itemChanged(QListWidgetItem *item);
    void addValue();
    void removeValue();

    QStringList m_values;
    QListWidget *m_list = nullptr;
    QPushButton *m_removeButton = nullptr;
};

} // namespace Designer
