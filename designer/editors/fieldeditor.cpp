// SPDX-License-Identifier: GPL-3.0-or-later
// FieldEditor: every option of one field, with the validation options that fit its type.
#include "fieldeditor.h"

#include "commands/fieldoptions.h"
#include "commands/tableedits.h"
#include "document/projectdocument.h"
#include "io/projectvalidator.h"
#include "widgets/enumvalueseditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScopedValueRollback>
#include <QVBoxLayout>

namespace Designer {

namespace {
template<typename W>
W *named(W *widget, const char *name)
{
    widget->setObjectName(QLatin1String(name));
    return widget;
}

template<typename T>
QString optionalText(const std::optional<T> &value)
{
    return value ? QString::number(*value) : QString();
}

void setTextIfChanged(QLineEdit *edit, const QString &text)
{
    if (edit->text() != text)
        edit->setText(text);
}

} // namespace

FieldEditor::FieldEditor(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("fieldEditor"));
    createWidgets();
    layoutWidgets();
    connectWidgets();
    refresh();
}

void FieldEditor::createWidgets()
{
    m_titleLabel = named(new QLabel(this), "fieldTitleLabel");
    m_titleLabel->setWordWrap(true);
    QFont bold = m_titleLabel->font();
    bold.setBold(true);
    m_titleLabel->setFont(bold);
    m_nameEdit = named(new QLineEdit(this), "fieldNameEdit");
    m_typeCombo = named(new QComboBox(this), "fieldTypeCombo");
    m_typeCombo->addItems(Runtime::fieldTypeNames());
    m_descriptionEdit = named(new QPlainTextEdit(this), "fieldDescriptionEdit");
    m_descriptionEdit->setTabChangesFocus(true);
    m_descriptionEdit->setFixedHeight(m_descriptionEdit->fontMetrics().lineSpacing() * 3);
    m_required = named(new QCheckBox(tr("Re&quired"), this), "fieldRequiredCheck");
    m_unique = named(new QCheckBox(tr("&Unique"), this), "fieldUniqueCheck");
    m_hidden = named(new QCheckBox(tr("&Hidden from the API"), this), "fieldHiddenCheck");
    m_readOnly = named(new QCheckBox(tr("Read-&only for clients"), this), "fieldReadOnlyCheck");
    // Created in the order of the form: that is the order of the Tab key.
    createKeyAndDefaultWidgets();
    createValidationWidgets();
    m_problemLabel = named(new QLabel(this), "fieldProblemLabel");
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setTextFormat(Qt::PlainText);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
}

void FieldEditor::createKeyAndDefaultWidgets()
{
    m_primaryKeyCombo = named(new QComboBox(this), "fieldPrimaryKeyCombo");
    m_primaryKeyCombo->addItem(tr("No"), int(Runtime::PrimaryKeyKind::None));
    m_primaryKeyCombo->addItem(tr("Auto-increment integer"), int(Runtime::PrimaryKeyKind::AutoIncrement));
    m_primaryKeyCombo->addItem(tr("Random UUID"), int(Runtime::PrimaryKeyKind::Uuid));
    m_primaryKeyCombo->addItem(tr("Supplied on insert"), int(Runtime::PrimaryKeyKind::Supplied));
    m_primaryKeyCombo->setItemData(3,
        tr("The insert gives the key: a username, a slug, or the id of the row this one extends "
           "(text, integer or uuid)"),
        Qt::ToolTipRole);
    m_timestampCombo = named(new QComboBox(this), "fieldTimestampCombo");
    m_timestampCombo->addItem(tr("None"), int(Runtime::AutoTimestamp::None));
    m_timestampCombo->addItem(tr("Set when the row is created"), int(Runtime::AutoTimestamp::CreatedAt));
    m_timestampCombo->addItem(tr("Set whenever the row changes"), int(Runtime::AutoTimestamp::UpdatedAt));
    m_defaultKindCombo = named(new QComboBox(this), "fieldDefaultKindCombo");
    m_defaultEdit = named(new QLineEdit(this), "fieldDefaultEdit");
    m_defaultBoolCombo = named(new QComboBox(this), "fieldDefaultBoolCombo");
    m_defaultBoolCombo->addItem(tr("false"), false);
    m_defaultBoolCombo->addItem(tr("true"), true);
}

void FieldEditor::createValidationWidgets()
{
    m_minEdit = named(new QLineEdit(this), "fieldMinEdit");
    m_maxEdit = named(new QLineEdit(this), "fieldMaxEdit");
    m_minLengthEdit = named(new QLineEdit(this), "fieldMinLengthEdit");
    m_maxLengthEdit = named(new QLineEdit(this), "fieldMaxLengthEdit");
    m_patternEdit = named(new QLineEdit(this), "fieldPatternEdit");
    for (QLineEdit *edit : {m_minEdit, m_maxEdit, m_minLengthEdit, m_maxLengthEdit, m_patternEdit})
        edit->setPlaceholderText(tr("none"));
    m_patternEdit->setToolTip(tr("A regular expression the whole value must match."));
    m_enumEditor = new EnumValuesEditor(this);
}

void FieldEditor::layoutWidgets()
{
    m_defaultRow = new QWidget(this);
    auto *defaultLayout = new QHBoxLayout(m_defaultRow);
    defaultLayout->setContentsMargins(0, 0, 0, 0);
    defaultLayout->addWidget(m_defaultKindCombo);
    defaultLayout->addWidget(m_defaultEdit, 1);
    defaultLayout->addWidget(m_defaultBoolCombo, 1);

    auto *flags = new QGridLayout;
    flags->addWidget(m_required, 0, 0);
    flags->addWidget(m_unique, 0, 1);
    flags->addWidget(m_hidden, 1, 0);
    flags->addWidget(m_readOnly, 1, 1);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->addRow(tr("Na&me:"), m_nameEdit);
    m_form->addRow(tr("&Type:"), m_typeCombo);
    m_form->addRow(tr("Descri&ption:"), m_descriptionEdit);
    m_form->addRow(QString(), flags);
    m_form->addRow(tr("Primary &key:"), m_primaryKeyCombo);
    m_form->addRow(tr("Timestam&p:"), m_timestampCombo);
    m_form->addRow(tr("De&fault:"), m_defaultRow);
    m_form->addRow(tr("Mi&nimum:"), m_minEdit);
    m_form->addRow(tr("Ma&ximum:"), m_maxEdit);
    m_form->addRow(tr("Minimum &length:"), m_minLengthEdit);
    m_form->addRow(tr("Maximum len&gth:"), m_maxLengthEdit);
    m_form->addRow(tr("Patter&n:"), m_patternEdit);
    m_form->addRow(tr("&Values:"), m_enumEditor);

    m_body = new QWidget(this);
    auto *bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addLayout(m_form);
    bodyLayout->addWidget(m_problemLabel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_titleLabel);
    layout->addWidget(m_body);
    layout->addStretch(1);
}

void FieldEditor::connectWidgets()
{
    connect(m_nameEdit, &QLineEdit::textEdited, this, [this](const QString &text) {
        edit(QStringLiteral("name"), [&text](Runtime::Field &f) { f.name = text; });
    });
    connect(m_typeCombo, &QComboBox::activated, this, [this](int index) {
        const auto type = Runtime::fieldTypeFromName(m_typeCombo->itemText(index));
        if (type)
            edit(QStringLiteral("type"),
                [&type](Runtime::Field &f) { f = FieldOptions::withType(std::move(f), *type); });
    });
    connect(m_descriptionEdit, &QPlainTextEdit::textChanged, this, [this]() {
        const QString text = m_descriptionEdit->toPlainText();
        edit(QStringLiteral("description"), [&text](Runtime::Field &f) { f.description = text; });
    });
    const auto flag = [this](QCheckBox *box, const char *property, bool Runtime::Field::*member) {
        connect(box, &QCheckBox::clicked, this, [this, property, member](bool on) {
            edit(QLatin1String(property), [&](Runtime::Field &f) { f.*member = on; });
        });
    };
    flag(m_required, "required", &Runtime::Field::required);
    flag(m_unique, "unique", &Runtime::Field::unique);
    flag(m_hidden, "hidden", &Runtime::Field::hidden);
    flag(m_readOnly, "readOnly", &Runtime::Field::readOnly);
    connect(m_primaryKeyCombo, &QComboBox::activated, this, [this](int index) {
        const auto kind = Runtime::PrimaryKeyKind(m_primaryKeyCombo->itemData(index).toInt());
        edit(QStringLiteral("primaryKey"), [kind](Runtime::Field &f) { f.primaryKey = kind; });
    });
    connect(m_timestampCombo, &QComboBox::activated, this, [this](int index) {
        const auto stamp = Runtime::AutoTimestamp(m_timestampCombo->itemData(index).toInt());
        edit(QStringLiteral("autoTimestamp"), [stamp](Runtime::Field &f) { f.autoTimestamp = stamp; });
    });
    connect(m_defaultKindCombo, &QComboBox::activated, this, &FieldEditor::defaultEdited);
    connect(m_defaultEdit, &QLineEdit::textEdited, this, &FieldEditor::defaultEdited);
    connect(m_defaultBoolCombo, &QComboBox::activated, this, &FieldEditor::defaultEdited);
    connectValidation();
    connect(m_enumEditor, &EnumValuesEditor::valuesEdited, this,
        [this](const QStringList &values, const QString &property) {
            edit(property, [&values](Runtime::Field &f) { f.enumValues = values; });
        });
    connect(m_document, &ProjectDocument::changed, this, &FieldEditor::documentChanged);
}

void FieldEditor::connectValidation()
{
    // Empty is "no bound"; text that is not a number yet ("-", "1e") waits for more typing.
    const auto bound = [this](QLineEdit *box, const char *property, auto member) {
        connect(box, &QLineEdit::textEdited, this, [this, property, member](const QString &typed) {
            using Value = typename std::remove_reference_t<decltype(Runtime::Validation().*member)>::value_type;
            const QString text = typed.trimmed();
            bool ok = true;
            const Value value = std::is_integral_v<Value> ? Value(text.toLongLong(&ok)) : Value(text.toDouble(&ok));
            if (!text.isEmpty() && !ok)
                return;
            edit(QLatin1String(property), [&](Runtime::Field &f) {
                f.validation.*member = text.isEmpty() ? std::nullopt : std::optional<Value>(value);
            });
        });
    };
    bound(m_minEdit, "min", &Runtime::Validation::min);
    bound(m_maxEdit, "max", &Runtime::Validation::max);
    bound(m_minLengthEdit, "minLength", &Runtime::Validation::minLength);
    bound(m_maxLengthEdit, "maxLength", &Runtime::Validation::maxLength);
    connect(m_patternEdit, &QLineEdit::textEdited, this, [this](const QString &text) {
        edit(QStringLiteral("pattern"), [&text](Runtime::Field &f) { f.validation.pattern = text; });
    });
}

void FieldEditor::setField(const Runtime::ObjectId &tableId, const Runtime::ObjectId &fieldId)
{
    m_tableId = tableId;
    m_fieldId = fieldId;
    refresh();
}

const Runtime::Table *FieldEditor::table() const
{
    return m_document && !m_tableId.isEmpty() ? m_document->project().table(m_tableId) : nullptr;
}

const Runtime::Field *FieldEditor::field() const
{
    const Runtime::Table *shown = table();
    return shown && !m_fieldId.isEmpty() ? shown->field(m_fieldId) : nullptr;
}

void FieldEditor::documentChanged(const ChangeEvent &event)
{
    if (event.kind != ChangeEvent::Kind::TablesMoved)
        refresh();
}

void FieldEditor::push(const Runtime::Field &after, const QString &property)
{
    const Runtime::Table *shown = table();
    if (!shown || !shown->field(after.id) || *shown->field(after.id) == after)
        return;
    m_document->changeTable(changeField(*shown, after), changeFieldText(*shown, after.id), fieldMergeKey(after.id, property));
}

void FieldEditor::edit(const QString &property, const std::function<void(Runtime::Field &)> &change)
{
    const Runtime::Field *shown = field();
    if (m_refreshing || !shown)
        return;
    Runtime::Field after = *shown;
    change(after);
    push(after, property);
}

void FieldEditor::defaultEdited()
{
    const Runtime::Field *shown = field();
    if (m_refreshing || !shown)
        return;
    Runtime::DefaultValue value;
    value.kind = Runtime::DefaultValue::Kind(m_defaultKindCombo->currentData().toInt());
    if (value.kind == Runtime::DefaultValue::Kind::Literal) {
        if (shown->type == Runtime::FieldType::Boolean)
            value.literal = m_defaultBoolCombo->currentData().toBool();
        else // what does not read as a value of the type stays text: the validator names what is wrong
            value.literal = FieldOptions::literalDefault(*shown, m_defaultEdit->text());
    }
    edit(QStringLiteral("default"), [&value](Runtime::Field &f) { f.defaultValue = value; });
}

void FieldEditor::refresh()
{
    const Runtime::Field *shown = field();
    m_body->setVisible(shown);
    if (!shown) {
        m_titleLabel->setText(tr("Select a field in the grid to edit all of its options."));
        return;
    }
    const QScopedValueRollback<bool> guard(m_refreshing, true);
    m_titleLabel->setText(tr("Field %1").arg(shown->name));
    setTextIfChanged(m_nameEdit, shown->name);
    m_typeCombo->setCurrentText(Runtime::fieldTypeName(shown->type));
    if (m_descriptionEdit->toPlainText() != shown->description)
        m_descriptionEdit->setPlainText(shown->description);
    m_required->setChecked(shown->required);
    m_unique->setChecked(shown->unique);
    m_hidden->setChecked(shown->hidden);
    m_readOnly->setChecked(shown->readOnly);
    m_primaryKeyCombo->setCurrentIndex(m_primaryKeyCombo->findData(int(shown->primaryKey)));
    m_timestampCombo->setCurrentIndex(m_timestampCombo->findData(int(shown->autoTimestamp)));
    m_form->setRowVisible(m_timestampCombo,
        shown->type == Runtime::FieldType::DateTime || shown->autoTimestamp != Runtime::AutoTimestamp::None);
    refreshDefault(*shown);
    refreshValidation(*shown);
    m_form->setRowVisible(
        m_enumEditor, shown->type == Runtime::FieldType::Enum || !shown->enumValues.isEmpty());
    m_enumEditor->setValues(shown->enumValues);

    QStringList messages;
    for (const Runtime::Problem &problem : Runtime::validateProject(m_document->project())) {
        if (problem.objectId == m_fieldId)
            messages << problem.message;
    }
    m_problemLabel->setText(messages.join(QLatin1Char('\n')));
    m_problemLabel->setVisible(!messages.isEmpty());
}

void FieldEditor::refreshDefault(const Runtime::Field &shown)
{
    using Kind = Runtime::DefaultValue::Kind;
    m_defaultKindCombo->clear();
    m_defaultKindCombo->addItem(tr("None"), int(Kind::None));
    m_defaultKindCombo->addItem(tr("Value"), int(Kind::Literal));
    if (FieldOptions::takesNow(shown.type) || shown.defaultValue.kind == Kind::Now)
        m_defaultKindCombo->addItem(tr("Now"), int(Kind::Now));
    if (shown.type == Runtime::FieldType::Uuid || shown.defaultValue.kind == Kind::RandomUuid)
        m_defaultKindCombo->addItem(tr("Random UUID"), int(Kind::RandomUuid));
    m_defaultKindCombo->setCurrentIndex(m_defaultKindCombo->findData(int(shown.defaultValue.kind)));
    const bool literal = shown.defaultValue.kind == Kind::Literal;
    const bool boolean = shown.type == Runtime::FieldType::Boolean;
    m_defaultEdit->setVisible(literal && !boolean);
    m_defaultEdit->setPlaceholderText(Runtime::isArray(shown.type) ? tr("a list, e.g. [] or {a,b}") : QString());
    m_defaultBoolCombo->setVisible(literal && boolean);
    if (literal && boolean)
        m_defaultBoolCombo->setCurrentIndex(shown.defaultValue.literal.toBool() ? 1 : 0);
    else if (literal && FieldOptions::literalDefault(shown, m_defaultEdit->text()) != shown.defaultValue.literal)
        m_defaultEdit->setText(FieldOptions::literalText(shown.defaultValue.literal)); // not while it means that
}

void FieldEditor::refreshValidation(const Runtime::Field &shown)
{
    const Runtime::Validation &v = shown.validation;
    // An option that does not fit stays visible while it is set, so the validator's message can be acted on.
    const bool numeric = Runtime::isNumeric(shown.type);
    m_form->setRowVisible(m_minEdit, numeric || v.min);
    m_form->setRowVisible(m_maxEdit, numeric || v.max);
    m_form->setRowVisible(m_minLengthEdit, FieldOptions::takesLengths(shown.type) || v.minLength);
    m_form->setRowVisible(m_maxLengthEdit, FieldOptions::takesLengths(shown.type) || v.maxLength);
    m_form->setRowVisible(m_patternEdit, FieldOptions::takesPattern(shown.type) || !v.pattern.isEmpty());
    // Keep what is being typed ("1." is 1): only replace text whose value differs.
    const auto sync = [](QLineEdit *edit, const auto &value) {
        bool ok = false;
        const double typed = edit->text().trimmed().toDouble(&ok);
        const bool same = value ? ok && typed == double(*value) : edit->text().trimmed().isEmpty();
        if (!same)
            edit->setText(optionalText(value));
    };
    sync(m_minEdit, v.min);
    sync(m_maxEdit, v.max);
    sync(m_minLengthEdit, v.minLength);
    sync(m_maxLengthEdit, v.maxLength);
    setTextIfChanged(m_patternEdit, v.pattern);
}

} // namespace Designer
