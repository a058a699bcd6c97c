// SPDX-License-Identifier: GPL-3.0-or-later
// FieldEditor: every option of one field, with the validation options that fit its type.
#pragma once

#include "document/changeevent.h"
#include "model/table.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace Designer {

class EnumValuesEditor;
class ProjectDocument;

/** Edits one field of a table: name, type, description, flags, primary key, automatic timestamp, default
    and the validation options that fit its type (min/max for numbers; lengths and pattern for text-like
    types; the value list of an enum). Each change is a ChangeTable with the merge key
    fieldMergeKey(field, property), so typing in one box is one undo step. Shows the validator's messages
    about the field. Owned by the TableEditor, which shows it under its fields grid. */
class FieldEditor : public QWidget
{
    Q_OBJECT

public:
    explicit FieldEditor(ProjectDocument *document, QWidget *parent = nullptr);

    /** Edits the field \a fieldId of the table \a tableId (empty: nothing). */
    void setField(const Runtime::ObjectId &tableId, const Runtime::ObjectId &fieldId);
    Runtime::ObjectId fieldId() const { return m_fieldId; }

private:
    const Runtime::Table *table() const;
    const Runtime::Field *field() const;
    void createWidgets();
    void createKeyAndDefaultWidgets();
    void createValidationWidgets();
    void layoutWidgets();
    void connectWidgets();
    void connectValidation();
    void documentChanged(const ChangeEvent &event);
    void refresh();
    void refreshDefault(const Runtime::Field &shown);
    void refreshValidation(const Runtime::Field &shown);
    void push(const Runtime::Field &after, const QString &property);
    void edit(const QString &property, const std::function<void(Runtime::Field &)> &change);
    void defaultEdited();

    QPointer<ProjectDocument> m_document;
    Runtime::ObjectId m_tableId;
    Runtime::ObjectId m_fieldId;
    bool m_refreshing = false;
    QFormLayout *m_form = nullptr;
    QWidget *m_body = nullptr; ///< everything but the title, hidden while no field is chosen
    QLabel *m_titleLabel = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QComboBox *m_typeCombo = nullptr;
    QPlainTextEdit *m_descriptionEdit = nullptr;
    QCheckBox *m_required = nullptr;
    QCheckBox *m_unique = nullptr;
    QCheckBox *m_hidden = nullptr;
    QCheckBox *m_readOnly = nullptr;
    QComboBox *m_primaryKeyCombo = nullptr;
    QComboBox *m_timestampCombo = nullptr;
    QComboBox *m_defaultKindCombo = nullptr;
    QLineEdit *m_defaultEdit = nullptr;
    QComboBox *m_defaultBoolCombo = nullptr;
    QWidget *m_defaultRow = nullptr;
    QLineEdit *m_minEdit = nullptr;
    QLineEdit *m_maxEdit = nullptr;
    QLineEdit *m_minLengthEdit = nullptr;
    QLineEdit *m_maxLengthEdit = nullptr;
    QLineEdit *m_patternEdit = nullptr;
    EnumValuesEditor *m_enumEditor = nullptr;
    QLabel *m_problemLabel = nullptr;
};

} // namespace Designer
