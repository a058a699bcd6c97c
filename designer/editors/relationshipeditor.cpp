// SPDX-License-Identifier: GPL-3.0-or-later
// RelationshipEditor: the properties pane of one relationship: kind, foreign key, ON DELETE, name, junction.
#include "relationshipeditor.h"

#include "commands/tableedits.h"
#include "document/projectdocument.h"
#include "io/projectvalidator.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace Designer {

namespace {
void setItemEnabled(QComboBox *combo, int index, bool enabled, const QString &toolTip = {})
{
    auto *model = qobject_cast<QStandardItemModel *>(combo->model());
    if (QStandardItem *item = model ? model->item(index) : nullptr) {
        item->setEnabled(enabled);
        item->setToolTip(toolTip);
    }
}

int indexOfData(const QComboBox *combo, const QVariant &data)
{
    return combo->findData(data);
}
} // namespace

RelationshipEditor::RelationshipEditor(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("relationshipEditor"));
    m_titleLabel = new QLabel(this);
    m_titleLabel->setObjectName(QStringLiteral("relationshipTitleLabel"));
    m_titleLabel->setWordWrap(true);
    m_titleLabel->setTextFormat(Qt::PlainText);
    QFont title = m_titleLabel->font();
    title.setBold(true);
    m_titleLabel->setFont(title);

    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(QStringLiteral("relationshipNameEdit"));
    m_nameEdit->setPlaceholderText(tr("optional; names the embedded rows in the API"));

    m_kindCombo = new QComboBox(this);
    m_kindCombo->setObjectName(QStringLiteral("relationshipKindCombo"));
    m_kindCombo->addItem(tr("One-to-one"), int(Runtime::RelationshipKind::OneToOne));
    m_kindCombo->addItem(tr("One-to-many"), int(Runtime::RelationshipKind::OneToMany));
    m_kindCombo->addItem(tr("Many-to-many"), int(Runtime::RelationshipKind::ManyToMany));
    m_kindHint = new QLabel(this);
    m_kindHint->setObjectName(QStringLiteral("relationshipKindHint"));
    m_kindHint->setWordWrap(true);
    m_kindHint->setForegroundRole(QPalette::PlaceholderText);

    m_foreignKeyCombo = new QComboBox(this);
    m_foreignKeyCombo->setObjectName(QStringLiteral("foreignKeyCombo"));
    m_foreignKeyCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);

    m_onDeleteCombo = new QComboBox(this);
    m_onDeleteCombo->setObjectName(QStringLiteral("onDeleteCombo"));
    m_onDeleteCombo->addItem(tr("Cascade: delete its rows too"), int(Runtime::DeleteAction::Cascade));
    m_onDeleteCombo->addItem(tr("Set null: keep its rows, clear the key"), int(Runtime::DeleteAction::SetNull));
    m_onDeleteCombo->addItem(tr("Restrict: refuse while rows point at it"), int(Runtime::DeleteAction::Restrict));
    m_onDeleteCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);

    m_junctionEdit = new QLineEdit(this);
    m_junctionEdit->setObjectName(QStringLiteral("junctionNameEdit"));

    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("relationshipProblemLabel"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setTextFormat(Qt::PlainText);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_form->addRow(tr("&Name:"), m_nameEdit);
    m_form->addRow(tr("&Kind:"), m_kindCombo);
    m_form->addRow(QString(), m_kindHint);
    m_form->addRow(tr("&Foreign key:"), m_foreignKeyCombo);
    m_form->addRow(tr("On &delete:"), m_onDeleteCombo);
    m_form->addRow(tr("&Junction table:"), m_junctionEdit);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_titleLabel);
    layout->addLayout(m_form);
    layout->addWidget(m_problemLabel);
    layout->addStretch(1);

    connect(m_kindCombo, &QComboBox::activated, this, &RelationshipEditor::kindActivated);
    connect(m_foreignKeyCombo, &QComboBox::activated, this, &RelationshipEditor::foreignKeyActivated);
    connect(m_onDeleteCombo, &QComboBox::activated, this, &RelationshipEditor::onDeleteActivated);
    connect(m_nameEdit, &QLineEdit::editingFinished, this, &RelationshipEditor::nameEdited);
    connect(m_junctionEdit, &QLineEdit::textEdited, this, &RelationshipEditor::junctionNameEdited);
    connect(document, &ProjectDocument::changed, this, &RelationshipEditor::documentChanged);
    refresh();
}

void RelationshipEditor::setRelationshipId(const Runtime::ObjectId &relationshipId)
{
    m_relationshipId = relationshipId;
    refresh();
}

const Runtime::Relationship *RelationshipEditor::relationship() const
{
    return m_document && !m_relationshipId.isEmpty() ? m_document->project().relationship(m_relationshipId)
                                                     : nullptr;
}

QString RelationshipEditor::displayName(const Runtime::Relationship &relationship) const
{
    const Runtime::Project &project = m_document->project();
    const Runtime::Table *from = project.table(relationship.fromTableId);
    const Runtime::Table *to = project.table(relationship.toTableId);
    const QString arrow = tr("%1 \u2192 %2").arg(from ? from->name : relationship.fromTableId,
        to ? to->name : relationship.toTableId);
    return relationship.name.isEmpty() ? arrow : tr("%1 (%2)").arg(relationship.name, arrow);
}

QList<const Runtime::Field *> RelationshipEditor::foreignKeyCandidates(
    const Runtime::Project &project, const Runtime::Relationship &relationship)
{
    QList<const Runtime::Field *> result;
    const Runtime::Table *from = project.table(relationship.fromTableId);
    const Runtime::Table *to = project.table(relationship.toTableId);
    const Runtime::Field *key = from ? from->primaryKey() : nullptr;
    if (!to)
        return result;
    // A one-to-one relationship may use a supplied primary key (profiles.id → users.id).
    const bool oneToOne = relationship.kind == Runtime::RelationshipKind::OneToOne;
    for (const Runtime::Field &field : to->fields) {
        const bool keyAllowed = !field.isPrimaryKey() || (oneToOne && field.isSuppliedKey());
        if (field.id == relationship.foreignKeyFieldId || (keyAllowed && (!key || field.type == key->type)))
            result << &field;
    }
    return result;
}

void RelationshipEditor::documentChanged(const ChangeEvent &event)
{
    if (event.kind != ChangeEvent::Kind::TablesMoved)
        refresh();
}

void RelationshipEditor::refresh()
{
    const Runtime::Relationship *shown = relationship();
    setEnabled(shown);
    if (!shown)
        return;
    const bool manyToMany = shown->isManyToMany();
    m_titleLabel->setText(tr("Relationship %1").arg(displayName(*shown)));
    if (!m_nameEdit->hasFocus() && m_nameEdit->text() != shown->name)
        m_nameEdit->setText(shown->name);

    m_kindCombo->setCurrentIndex(indexOfData(m_kindCombo, int(shown->kind)));
    setItemEnabled(m_kindCombo, 0, !manyToMany);
    setItemEnabled(m_kindCombo, 1, !manyToMany);
    setItemEnabled(m_kindCombo, 2, manyToMany);
    m_kindHint->setText(manyToMany
            ? tr("A many-to-many relationship links its tables through a junction table. To make it "
                 "one-to-one or one-to-many, delete it and draw a new relationship.")
            : tr("Many-to-many needs a junction table: delete this relationship and draw a new "
                 "many-to-many one instead."));

    m_form->setRowVisible(m_foreignKeyCombo, !manyToMany);
    m_form->setRowVisible(m_onDeleteCombo, !manyToMany);
    m_form->setRowVisible(m_junctionEdit, manyToMany);
    if (manyToMany) {
        const Runtime::Table *junction = m_document->project().table(shown->junctionTableId);
        const QString name = junction ? junction->name : QString();
        if (m_junctionEdit->text() != name)
            m_junctionEdit->setText(name);
    } else {
        refreshForeignKeys(*shown);
        refreshOnDelete(*shown);
    }

    QStringList messages;
    for (const Runtime::Problem &problem : Runtime::validateProject(m_document->project())) {
        if (problem.objectId == m_relationshipId)
            messages << problem.message;
    }
    m_problemLabel->setText(messages.join(QLatin1Char('\n')));
    m_problemLabel->setVisible(!messages.isEmpty());
}

void RelationshipEditor::refreshForeignKeys(const Runtime::Relationship &shown)
{
    m_foreignKeyCombo->clear();
    for (const Runtime::Field *field : foreignKeyCandidates(m_document->project(), shown)) {
        m_foreignKeyCombo->addItem(
            tr("%1 (%2)").arg(field->name, Runtime::fieldTypeName(field->type)), field->id);
    }
    m_foreignKeyCombo->setCurrentIndex(m_foreignKeyCombo->findData(shown.foreignKeyFieldId));
    const Runtime::Table *to = m_document->project().table(shown.toTableId);
    m_foreignKeyCombo->setToolTip(
        tr("The field of %1 that holds the key of the referenced row.").arg(to ? to->name : QString()));
}

void RelationshipEditor::refreshOnDelete(const Runtime::Relationship &shown)
{
    const Runtime::Table *to = m_document->project().table(shown.toTableId);
    const Runtime::Field *key = to ? to->field(shown.foreignKeyFieldId) : nullptr;
    const bool required = key && key->required;
    const int setNull = indexOfData(m_onDeleteCombo, int(Runtime::DeleteAction::SetNull));
    setItemEnabled(m_onDeleteCombo, setNull, !required,
        required ? tr("%1 is required, so it cannot be set to null; make it optional first.").arg(key->name)
                 : QString());
    m_onDeleteCombo->setCurrentIndex(indexOfData(m_onDeleteCombo, int(shown.onDelete)));
}

void RelationshipEditor::kindActivated(int index)
{
    const Runtime::Relationship *shown = relationship();
    const auto kind = Runtime::RelationshipKind(m_kindCombo->itemData(index).toInt());
    if (!shown || kind == shown->kind || shown->isManyToMany() || kind == Runtime::RelationshipKind::ManyToMany) {
        refresh();
        return;
    }
    Runtime::Relationship after = *shown;
    after.kind = kind;
    const QString text = kind == Runtime::RelationshipKind::OneToOne
        ? tr("Make %1 one-to-one").arg(displayName(*shown))
        : tr("Make %1 one-to-many").arg(displayName(*shown));
    m_document->changeRelationship(after, text); // the key's unique flag follows the kind
}

void RelationshipEditor::foreignKeyActivated(int index)
{
    const Runtime::Relationship *shown = relationship();
    const Runtime::ObjectId fieldId = m_foreignKeyCombo->itemData(index).toString();
    if (!shown || fieldId.isEmpty() || fieldId == shown->foreignKeyFieldId)
        return;
    Runtime::Relationship after = *shown;
    after.foreignKeyFieldId = fieldId;
    const Runtime::Table *to = m_document->project().table(after.toTableId);
    const Runtime::Field *key = to ? to->field(fieldId) : nullptr;
    m_document->changeRelationship(
        after, tr("Use %1 as the foreign key of %2").arg(key ? key->name : fieldId, displayName(*shown)));
}

void RelationshipEditor::onDeleteActivated(int index)
{
    const Runtime::Relationship *shown = relationship();
    const auto action = Runtime::DeleteAction(m_onDeleteCombo->itemData(index).toInt());
    if (!shown || action == shown->onDelete)
        return;
    Runtime::Relationship after = *shown;
    after.onDelete = action;
    m_document->changeRelationship(after, tr("Change the ON DELETE action of %1").arg(displayName(*shown)));
}

void RelationshipEditor::nameEdited()
{
    const Runtime::Relationship *shown = relationship();
    const QString name = m_nameEdit->text().trimmed();
    if (!shown || name == shown->name)
        return;
    Runtime::Relationship after = *shown;
    after.name = name;
    m_document->changeRelationship(after, tr("Rename relationship %1").arg(displayName(*shown)));
}

void RelationshipEditor::junctionNameEdited(const QString &name)
{
    const Runtime::Relationship *shown = relationship();
    const Runtime::Table *junction = shown ? m_document->project().table(shown->junctionTableId) : nullptr;
    if (!junction || junction->name == name)
        return;
    m_document->changeTable(renameTable(*junction, name), renameTableText(*junction), QStringLiteral("name"));
}

} // namespace Designer
