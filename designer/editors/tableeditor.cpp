// SPDX-License-Identifier: GPL-3.0-or-later
// TableEditor: the properties pane of one table: name, colour, description, flags, fields and indexes.
#include "tableeditor.h"

#include "widgets/ruleusequestion.h"

#include "commands/tableedits.h"
#include "document/projectdocument.h"
#include "fieldeditor.h"
#include "fieldtypedelegate.h"
#include "fieldsmodel.h"
#include "io/projectvalidator.h"
#include "rules/rulecompiler.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace Designer {

namespace {
QIcon colorSwatch(const QColor &color, const QPalette &palette)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(color.isValid() ? color : palette.color(QPalette::Button));
    QPainter painter(&pixmap);
    painter.setPen(palette.color(QPalette::WindowText));
    painter.drawRect(0, 0, 15, 15);
    return QIcon(pixmap);
}
} // namespace

TableEditor::TableEditor(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_fieldsModel(new FieldsModel(document, this))
{
    setObjectName(QStringLiteral("tableEditor"));
    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(QStringLiteral("tableNameEdit"));
    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("tableProblemLabel"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setVisible(false);
    m_colorButton = new QPushButton(this);
    m_colorButton->setObjectName(QStringLiteral("tableColorButton"));
    m_descriptionEdit = new QPlainTextEdit(this);
    m_descriptionEdit->setObjectName(QStringLiteral("tableDescriptionEdit"));
    m_descriptionEdit->setTabChangesFocus(true);
    m_descriptionEdit->setFixedHeight(m_descriptionEdit->fontMetrics().lineSpacing() * 4);
    // A short box and a wrapped explanation: the sentence as the box's text made the dock 540 px wide in German.
    m_tenantScoped = new QCheckBox(tr("&Tenant-scoped"), this);
    m_tenantScoped->setObjectName(QStringLiteral("tenantScopedCheck"));
    auto *tenantHint = new QLabel(tr("Rows belong to the caller's organization."), this);
    tenantHint->setWordWrap(true);
    tenantHint->setEnabled(false);
    auto *tenantRow = new QHBoxLayout;
    tenantRow->setContentsMargins(0, 0, 0, 0);
    tenantRow->addWidget(m_tenantScoped);
    tenantRow->addWidget(tenantHint, 1);
    m_realtime = new QCheckBox(tr("Rea&ltime"), this);
    m_realtime->setObjectName(QStringLiteral("realtimeCheck"));
    auto *realtimeHint = new QLabel(tr("Subscribed apps get its changes live."), this);
    realtimeHint->setWordWrap(true);
    realtimeHint->setEnabled(false);
    auto *realtimeRow = new QHBoxLayout;
    realtimeRow->setContentsMargins(0, 0, 0, 0);
    realtimeRow->addWidget(m_realtime);
    realtimeRow->addWidget(realtimeHint, 1);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("&Name:"), m_nameEdit);
    form->addRow(QString(), m_problemLabel);
    form->addRow(tr("&Colour:"), m_colorButton);
    form->addRow(tr("&Description:"), m_descriptionEdit);
    form->addRow(QString(), tenantRow);
    form->addRow(QString(), realtimeRow);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    // The grid and the selected field's options share the height; the options scroll.
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("fieldsSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(createFieldsBox());
    auto *scroll = m_fieldScroll = new QScrollArea(splitter);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Small, so that it never makes the main window taller. Shown while no field is chosen too (it says to
    // choose one): choosing one then changes neither the grid's height nor the place of its buttons.
    scroll->setMinimumHeight(scroll->fontMetrics().lineSpacing() * 2);
    m_fieldEditor = new FieldEditor(document, scroll);
    scroll->setWidget(m_fieldEditor);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);
    layout->addWidget(createIndexesBox());

    connect(m_nameEdit, &QLineEdit::textEdited, this, &TableEditor::nameEdited);
    connect(m_descriptionEdit, &QPlainTextEdit::textChanged, this, &TableEditor::descriptionEdited);
    connect(m_tenantScoped, &QCheckBox::clicked, this, &TableEditor::tenantScopedToggled);
    connect(m_realtime, &QCheckBox::clicked, this, &TableEditor::realtimeToggled);
    connect(m_colorButton, &QPushButton::clicked, this, &TableEditor::chooseColor);
    connect(document, &ProjectDocument::changed, this, &TableEditor::documentChanged);
    setTabOrder(m_nameEdit, m_colorButton);
    setTabOrder(m_colorButton, m_descriptionEdit);
    setTabOrder(m_descriptionEdit, m_tenantScoped);
    setTabOrder(m_tenantScoped, m_realtime);
    setTabOrder(m_realtime, m_fieldsView);
}

QWidget *TableEditor::createFieldsBox()
{
    auto *box = new QGroupBox(tr("F&ields"), this);
    m_fieldsView = new QTableView(box);
    m_fieldsView->setObjectName(QStringLiteral("fieldsView"));
    m_fieldsView->setModel(m_fieldsModel);
    m_fieldsView->setItemDelegateForColumn(FieldsModel::TypeColumn, new FieldTypeDelegate(m_fieldsView));
    m_fieldsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_fieldsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_fieldsView->setDragDropMode(QAbstractItemView::InternalMove);
    m_fieldsView->setDragEnabled(true);
    m_fieldsView->setDropIndicatorShown(true);
    m_fieldsView->setDefaultDropAction(Qt::MoveAction);
    m_fieldsView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::AnyKeyPressed);
    m_fieldsView->setTabKeyNavigation(false);
    m_fieldsView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_fieldsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Every column as wide as its content (names stay whole); a narrow pane scrolls instead of squeezing.
    m_fieldsView->horizontalHeader()->setStretchLastSection(true);
    m_fieldsView->setToolTip(tr("Drag a row to reorder the fields."));
    connect(m_fieldsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &TableEditor::currentFieldChanged);

    auto *addButton = new QPushButton(tr("&Add Field"), box);
    addButton->setObjectName(QStringLiteral("addFieldButton"));
    m_removeFieldButton = new QPushButton(tr("Re&move Field"), box);
    m_removeFieldButton->setObjectName(QStringLiteral("removeFieldButton"));
    connect(addButton, &QPushButton::clicked, this, &TableEditor::addField);
    connect(m_removeFieldButton, &QPushButton::clicked, this, &TableEditor::removeField);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(addButton);
    buttons->addWidget(m_removeFieldButton);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_fieldsView);
    layout->addLayout(buttons);
    return box;
}

QWidget *TableEditor::createIndexesBox()
{
    auto *box = new QGroupBox(tr("I&ndexes"), this);
    m_indexList = new QListWidget(box);
    m_indexList->setObjectName(QStringLiteral("indexList"));
    m_indexList->setMaximumHeight(m_indexList->fontMetrics().lineSpacing() * 6);
    auto *addButton = new QPushButton(tr("Add Inde&x"), box);
    addButton->setObjectName(QStringLiteral("addIndexButton"));
    addButton->setToolTip(tr("Adds an index on the field selected in the grid."));
    m_removeIndexButton = new QPushButton(tr("Re&move Index"), box);
    m_removeIndexButton->setObjectName(QStringLiteral("removeIndexButton"));
    m_suggestionLabel = new QLabel(box);
    m_suggestionLabel->setObjectName(QStringLiteral("indexSuggestionLabel"));
    m_suggestionLabel->setWordWrap(true);
    m_suggestButton = new QPushButton(tr("Add &Suggested Indexes"), box);
    m_suggestButton->setObjectName(QStringLiteral("suggestIndexesButton"));
    connect(addButton, &QPushButton::clicked, this, &TableEditor::addIndex);
    connect(m_removeIndexButton, &QPushButton::clicked, this, &TableEditor::removeIndex);
    connect(m_suggestButton, &QPushButton::clicked, this, &TableEditor::addSuggestedIndexes);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(addButton);
    buttons->addWidget(m_removeIndexButton);
    buttons->addStretch();
    auto *suggestion = new QHBoxLayout;
    suggestion->addWidget(m_suggestionLabel, 1);
    suggestion->addWidget(m_suggestButton);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_indexList);
    layout->addLayout(buttons);
    layout->addLayout(suggestion);
    return box;
}

const Runtime::Table *TableEditor::table() const
{
    return m_document && !m_tableId.isEmpty() ? m_document->project().table(m_tableId) : nullptr;
}

void TableEditor::setTableId(const Runtime::ObjectId &tableId)
{
    const bool another = tableId != m_tableId;
    m_tableId = tableId;
    m_fieldsModel->setTableId(tableId);
    refresh();
    currentFieldChanged();
    if (another && !tableId.isEmpty())
        fitFieldsGrid(); // once per table: the grid then keeps its height while fields are chosen and edited
}

void TableEditor::currentFieldChanged()
{
    m_fieldEditor->setField(m_tableId, m_fieldsModel->fieldId(m_fieldsView->currentIndex().row()));
}

void TableEditor::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The first fit ran before the pane had its height.
    if (!std::exchange(m_fitted, true))
        fitFieldsGrid();
}

void TableEditor::fitFieldsGrid()
{
    // The grid keeps the height of its rows (up to three fifths), the field's options get the rest and scroll.
    auto *splitter = static_cast<QSplitter *>(m_fieldScroll->parentWidget());
    QWidget *box = splitter->widget(0);
    const int total = splitter->height() - splitter->handleWidth();
    const int rows = m_fieldsModel->rowCount();
    const int grid = m_fieldsView->horizontalHeader()->height() + 2 * m_fieldsView->frameWidth()
        + rows * m_fieldsView->verticalHeader()->defaultSectionSize()
        + m_fieldsView->horizontalScrollBar()->sizeHint().height();
    const int wanted = box->sizeHint().height() - m_fieldsView->sizeHint().height() + grid;
    const int boxHeight
        = qBound(box->minimumSizeHint().height(), wanted, qMax(total * 3 / 5, box->minimumSizeHint().height()));
    splitter->setSizes({boxHeight, qMax(0, total - boxHeight)});
}

void TableEditor::documentChanged(const ChangeEvent &event)
{
    if (event.kind != ChangeEvent::Kind::TablesMoved)
        refresh();
}

void TableEditor::refresh()
{
    const Runtime::Table *shown = table();
    setEnabled(shown);
    if (!shown)
        return;
    // Only set what differs, so the cursor stays where the user is typing.
    if (m_nameEdit->text() != shown->name)
        m_nameEdit->setText(shown->name);
    if (m_descriptionEdit->toPlainText() != shown->description) {
        const QSignalBlocker blocker(m_descriptionEdit);
        m_descriptionEdit->setPlainText(shown->description);
    }
    m_tenantScoped->setChecked(shown->tenantScoped);
    m_realtime->setChecked(shown->realtime);
    m_colorButton->setIcon(colorSwatch(QColor(shown->color), palette()));
    m_colorButton->setText(shown->color.isEmpty() ? tr("Default") : shown->color);

    QStringList messages;
    for (const Runtime::Problem &problem : Runtime::validateProject(m_document->project())) {
        if (problem.objectId == m_tableId)
            messages << problem.message;
    }
    m_problemLabel->setText(messages.join(QLatin1Char('\n')));
    m_problemLabel->setVisible(!messages.isEmpty());
    refreshIndexes();
}

QList<Runtime::ObjectId> TableEditor::unindexedForeignKeys() const
{
    QList<Runtime::ObjectId> result;
    const Runtime::Table *shown = table();
    if (!shown)
        return result;
    // Foreign keys, the tenant column and the table's columns its rules compare: every request filters on
    // them, so each deserves an index.
    QStringList filtered;
    for (const Runtime::PermissionRule &rule : shown->permissions) {
        // Insert rules check the new rows by key; the others filter the table.
        if (rule.operation != Runtime::Operation::Insert)
            filtered << Runtime::RuleCompiler::columnsUsed(m_document->project(), *shown, rule.expression);
    }
    if (shown->tenantScoped)
        filtered << QStringLiteral("organization_id");
    for (const Runtime::Field &field : shown->fields) {
        const bool wanted = m_document->project().relationshipForField(field.id) || filtered.contains(field.name);
        if (!wanted || field.isPrimaryKey())
            continue;
        const bool indexed = std::any_of(shown->indexes.begin(), shown->indexes.end(),
            [&field](const Runtime::Index &index) { return index.fieldIds.value(0) == field.id; });
        if (!indexed && !field.unique)
            result << field.id;
    }
    return result;
}

void TableEditor::refreshIndexes()
{
    const Runtime::Table *shown = table();
    m_indexList->clear();
    for (const Runtime::Index &index : shown->indexes) {
        QStringList fields;
        for (const Runtime::ObjectId &fieldId : index.fieldIds) {
            const Runtime::Field *field = shown->field(fieldId);
            fields << (field ? field->name : fieldId);
        }
        const QString name = index.name.isEmpty() ? tr("(generated name)") : index.name;
        const QString text = index.unique ? tr("%1: unique on %2").arg(name, fields.join(QLatin1String(", ")))
                                          : tr("%1: on %2").arg(name, fields.join(QLatin1String(", ")));
        auto *item = new QListWidgetItem(text, m_indexList);
        item->setData(Qt::UserRole, index.id);
    }
    m_removeIndexButton->setEnabled(m_indexList->count() > 0);
    QStringList names;
    for (const Runtime::ObjectId &fieldId : unindexedForeignKeys())
        names << shown->field(fieldId)->name;
    m_suggestionLabel->setText(
        tr("Columns that foreign keys and rules filter on, without an index: %1")
            .arg(names.join(QLatin1String(", "))));
    m_suggestionLabel->setVisible(!names.isEmpty());
    m_suggestButton->setVisible(!names.isEmpty());
}

void TableEditor::push(Runtime::Table after, const QString &text, const QString &mergeKey)
{
    m_document->changeTable(std::move(after), text, mergeKey);
}

void TableEditor::nameEdited(const QString &name)
{
    const Runtime::Table *shown = table();
    if (!shown || shown->name == name)
        return;
    push(renameTable(*shown, name), renameTableText(*shown), QStringLiteral("name"));
}

void TableEditor::descriptionEdited()
{
    const Runtime::Table *shown = table();
    if (!shown || shown->description == m_descriptionEdit->toPlainText())
        return;
    Runtime::Table after = *shown;
    after.description = m_descriptionEdit->toPlainText();
    push(std::move(after), tr("Change the description of %1").arg(shown->name), QStringLiteral("description"));
}

void TableEditor::tenantScopedToggled(bool on)
{
    const Runtime::Table *shown = table();
    if (!shown || shown->tenantScoped == on)
        return;
    push(setTenantScoped(*shown, on), tenantScopedText(*shown, on));
}

void TableEditor::realtimeToggled(bool on)
{
    const Runtime::Table *shown = table();
    if (!shown || shown->realtime == on)
        return;
    push(setRealtime(*shown, on), realtimeText(*shown, on));
}

void TableEditor::chooseColor()
{
    const Runtime::Table *shown = table();
    if (!shown)
        return;
    const QColor color = QColorDialog::getColor(QColor(shown->color), this, tr("Table Colour"));
    shown = table(); // the dialog ran an event loop
    if (!color.isValid() || !shown)
        return;
    if (color.name(QColor::HexRgb) != shown->color)
        push(setTableColor(*shown, color.name(QColor::HexRgb)), tableColorText(*shown));
}

void TableEditor::addField()
{
    const int row = m_fieldsModel->addField();
    if (row < 0)
        return;
    const QModelIndex index = m_fieldsModel->index(row, FieldsModel::NameColumn);
    m_fieldsView->setCurrentIndex(index);
    m_fieldsView->edit(index);
}

void TableEditor::removeField()
{
    const QModelIndex current = m_fieldsView->currentIndex();
    const Runtime::Table *shown = table();
    const Runtime::Field *field = shown && current.isValid() ? shown->field(m_fieldsModel->fieldId(current.row())) : nullptr;
    if (!field)
        return;
    // Rules that name the field (or follow its relationship) would break: say which, and ask.
    const Runtime::Project &project = m_document->project();
    QSet<Runtime::ObjectId> relationships;
    if (const Runtime::Relationship *relationship = project.relationshipForField(field->id))
        relationships << relationship->id;
    const QList<RuleUse> uses = rulesUsing(project, {}, {field->id}, relationships);
    const RuleUseAnswer answer
        = askAboutRuleUses(this, tr("the field %1.%2").arg(shown->name, field->name), uses);
    if (answer != RuleUseAnswer::Cancel)
        m_fieldsModel->removeField(current.row(), answer == RuleUseAnswer::RemoveRules ? uses : QList<RuleUse>());
}

void TableEditor::addIndex()
{
    const Runtime::Table *shown = table();
    const Runtime::ObjectId fieldId = m_fieldsModel->fieldId(m_fieldsView->currentIndex().row());
    if (!shown || fieldId.isEmpty())
        return;
    push(Designer::addIndex(m_document->project(), *shown, {fieldId}, false), addIndexText(*shown));
}

void TableEditor::removeIndex()
{
    const Runtime::Table *shown = table();
    const QListWidgetItem *item = m_indexList->currentItem();
    if (!shown || !item)
        return;
    push(Designer::removeIndex(*shown, item->data(Qt::UserRole).toString()), removeIndexText(*shown));
}

void TableEditor::addSuggestedIndexes()
{
    const Runtime::Table *shown = table();
    const QList<Runtime::ObjectId> fieldIds = unindexedForeignKeys();
    if (!shown || fieldIds.isEmpty())
        return;
    Runtime::Table after = *shown;
    for (const Runtime::ObjectId &fieldId : fieldIds)
        after = Designer::addIndex(m_document->project(), std::move(after), {fieldId}, false);
    push(std::move(after), tr("Add %n suggested index(es)", nullptr, int(fieldIds.size())));
}

} // namespace Designer
