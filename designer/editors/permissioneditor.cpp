// SPDX-License-Identifier: GPL-3.0-or-later
// PermissionEditor: the matrix of tables by operations for one role, the rule of the chosen cell, presets.
#include "permissioneditor.h"

#include "commands/tableedits.h"
#include "document/projectdocument.h"
#include "permissionmatrix.h"
#include "ruleeditor.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace Designer {

PermissionEditor::PermissionEditor(QWidget *parent)
    : QWidget(parent)
    , m_roleBox(new QComboBox(this))
    , m_matrix(new QTableWidget(this))
{
    m_roleBox->setObjectName(QStringLiteral("roleBox"));
    m_roleBox->setToolTip(
        tr("The role whose rules the grid shows: anon (no sign-in), authenticated (signed-in "
           "users) or a custom role"));
    auto *roleLabel = new QLabel(tr("R&ole:"), this);
    roleLabel->setBuddy(m_roleBox);
    auto *roleRow = new QHBoxLayout;
    roleRow->addWidget(roleLabel);
    roleRow->addWidget(m_roleBox, 1);

    PermissionMatrix::setUp(m_matrix);
    connect(m_matrix, &QTableWidget::currentCellChanged, this, &PermissionEditor::loadCurrentCell);
    connect(m_matrix, &QTableWidget::activated, this, [this]() {
        // Enter on a cell edits it: the rule's text, or the access choice.
        if (m_ruleEditor->isEnabled())
            m_ruleEditor->setFocus(Qt::OtherFocusReason);
        else if (QAbstractButton *checked = m_access->checkedButton())
            checked->setFocus(Qt::OtherFocusReason);
    });
    connect(m_roleBox, &QComboBox::currentIndexChanged, this, &PermissionEditor::refresh);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(roleRow);
    layout->addWidget(m_matrix, 1);
    layout->addLayout(PermissionMatrix::createLegend(this));
    layout->addWidget(createCellEditor());
    layout->addWidget(createPresets());
    // A short project leaves room below the editor, not an empty grid between rows and editor; the grid
    // takes the room first (up to all of its rows, PermissionMatrix::fitHeight()), the stretch what is left.
    layout->addStretch(0);
    setEnabled(false);
}

PermissionEditor::~PermissionEditor()
{
    // The rule editor loses focus while the widgets go: that is no edit.
    m_ruleEditor->disconnect(this);
}

QWidget *PermissionEditor::createCellEditor()
{
    m_cellBox = new QGroupBox(this);
    m_access = new QButtonGroup(this);
    auto *choices = new QHBoxLayout;
    // Alt+V and Alt+E belong to the menu bar (View, Edit); this dock stays "visible" behind its tab.
    const QString texts[] = {tr("&Nobody"), tr("Every&one"), tr("Ru&le:")};
    const QString tips[] = {tr("No rule: only the service key may do this"),
        tr("An empty rule: everyone with the role may, on every row"),
        tr("Only rows for which the expression is true")};
    for (int i = 0; i < 3; ++i) {
        auto *button = new QRadioButton(texts[i], m_cellBox);
        button->setToolTip(tips[i]);
        m_access->addButton(button, i);
        choices->addWidget(button);
    }
    choices->addStretch(1);
    connect(m_access, &QButtonGroup::idClicked, this, &PermissionEditor::accessChosen);

    m_ruleEditor = new RuleEditor(m_cellBox);
    m_ruleEditor->setObjectName(QStringLiteral("ruleEditor"));
    m_ruleEditor->setAccessibleName(tr("Rule expression"));
    connect(m_ruleEditor, &RuleEditor::expressionCommitted, this, &PermissionEditor::expressionCommitted);
    m_diagnostic = new QLabel(m_cellBox);
    m_diagnostic->setObjectName(QStringLiteral("ruleDiagnostic"));
    m_diagnostic->setWordWrap(true);
    m_diagnostic->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = m_diagnostic->palette();
    const bool dark = errorPalette.color(QPalette::Window).lightnessF() < 0.5;
    errorPalette.setColor(QPalette::WindowText, dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x20, 0x20));
    m_diagnostic->setPalette(errorPalette);
    // Its two lines are kept while the rule is fine, so that neither the rule box nor the presets move as a
    // message comes and goes with each key; a longer message is whole in the tooltip.
    m_diagnostic->setAlignment(Qt::AlignLeading | Qt::AlignTop);
    m_diagnostic->setFixedHeight(m_diagnostic->fontMetrics().lineSpacing() * 2);
    connect(m_ruleEditor, &RuleEditor::diagnosticChanged, this, [this](const QString &message) {
        m_diagnostic->setText(message);
        m_diagnostic->setToolTip(message);
    });

    auto *layout = new QVBoxLayout(m_cellBox);
    layout->addLayout(choices);
    layout->addWidget(m_ruleEditor);
    layout->addWidget(m_diagnostic);
    return m_cellBox;
}

QWidget *PermissionEditor::createPresets()
{
    m_presetBox = new QGroupBox(this);
    auto *layout = new QHBoxLayout(m_presetBox);
    const QString texts[] = {tr("&Public read"), tr("O&wner only"), tr("&Tenant-scoped")};
    const QString tips[] = {tr("anon and authenticated may read every row"),
        tr("Signed-in users may read and change only their own rows (owner column = auth.uid)"),
        tr("Rows belong to the caller's organization; signed-in users may read and change their "
           "organization's rows")};
    for (int i = 0; i < 3; ++i) {
        auto *button = new QPushButton(texts[i], m_presetBox);
        button->setToolTip(tips[i]);
        layout->addWidget(button);
        m_presetButtons.append(button);
        connect(button, &QPushButton::clicked, this, [this, i]() { applyPreset(Preset(i)); });
    }
    return m_presetBox;
}

void PermissionEditor::setDocument(ProjectDocument *document)
{
    if (m_document)
        m_document->disconnect(this);
    m_document = document;
    setEnabled(document != nullptr);
    if (document) {
        connect(document, &ProjectDocument::changed, this, &PermissionEditor::documentChanged);
        connect(document, &ProjectDocument::selectionChanged, this, &PermissionEditor::followSelection);
    }
    m_rowTables.clear();
    refreshRoles();
    refresh();
    if (m_matrix->rowCount() > 0 && m_matrix->currentRow() < 0)
        m_matrix->setCurrentCell(0, 0);
    followSelection();
}

QString PermissionEditor::role() const
{
    return m_roleBox->currentText();
}

void PermissionEditor::setRole(const QString &role)
{
    m_roleBox->setCurrentIndex(m_roleBox->findText(role));
}

QStringList PermissionEditor::roles() const
{
    // Role names enter the model: never translated.
    QStringList names = {QStringLiteral("anon"), QStringLiteral("authenticated")};
    if (m_document) {
        for (const Runtime::Role &role : m_document->project().roles)
            names << role.name;
    }
    return names;
}

void PermissionEditor::setCurrentCell(const Runtime::ObjectId &tableId, Runtime::Operation operation)
{
    m_matrix->setCurrentCell(int(m_rowTables.indexOf(tableId)), int(operation));
}

QString PermissionEditor::cellText(const Runtime::ObjectId &tableId, Runtime::Operation operation) const
{
    const QTableWidgetItem *item = m_matrix->item(int(m_rowTables.indexOf(tableId)), int(operation));
    return item ? item->text().remove(QChar(0x200b)) : QString();
}

Runtime::ObjectId PermissionEditor::currentTableId() const
{
    return m_rowTables.value(m_matrix->currentRow());
}

QRadioButton *PermissionEditor::accessButton(Access access) const
{
    return static_cast<QRadioButton *>(m_access->button(int(access)));
}

QPushButton *PermissionEditor::presetButton(Preset preset) const
{
    return m_presetButtons.value(int(preset));
}

QString PermissionEditor::diagnosticText() const
{
    return m_diagnostic->text();
}

void PermissionEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The cell colours are tints of the palette's base colour.
    if (event->type() == QEvent::PaletteChange && m_presetBox)
        refresh();
}

void PermissionEditor::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    PermissionMatrix::fitHeight(m_matrix);
}

void PermissionEditor::documentChanged(const ChangeEvent &event)
{
    if (event.kind == ChangeEvent::Kind::ProjectChanged || event.kind == ChangeEvent::Kind::Reset)
        refreshRoles();
    if (event.kind != ChangeEvent::Kind::TablesMoved
        && event.kind != ChangeEvent::Kind::TablesAboutToBeRemoved)
        refresh();
}

void PermissionEditor::refreshRoles()
{
    const QStringList names = roles();
    QStringList shown;
    for (int i = 0; i < m_roleBox->count(); ++i)
        shown << m_roleBox->itemText(i);
    if (shown == names)
        return;
    const QString current = m_roleBox->currentText();
    const QSignalBlocker blocker(m_roleBox);
    m_roleBox->clear();
    m_roleBox->addItems(names);
    m_roleBox->setCurrentIndex(qMax(0, int(names.indexOf(current.isEmpty() ? names.value(1) : current))));
}

const Runtime::Table *PermissionEditor::tableAt(int row) const
{
    return m_document && row >= 0 ? m_document->project().table(m_rowTables.value(row)) : nullptr;
}

const Runtime::PermissionRule *PermissionEditor::ruleAt(int row, int column) const
{
    const Runtime::Table *table = tableAt(row);
    if (!table || column < 0 || column > 3)
        return nullptr;
    const QString role = m_roleBox->currentText();
    for (const Runtime::PermissionRule &rule : table->permissions) {
        if (rule.role == role && rule.operation == PermissionMatrix::operations[column])
            return &rule;
    }
    return nullptr;
}

void PermissionEditor::refresh()
{
    QList<Runtime::ObjectId> ids;
    if (m_document) {
        for (const Runtime::Table &table : m_document->project().tables)
            ids << table.id;
    }
    const bool loading = std::exchange(m_loading, true);
    if (ids != m_rowTables || m_matrix->rowCount() != ids.size()) {
        const Runtime::ObjectId current = currentTableId();
        const int column = qMax(0, m_matrix->currentColumn());
        m_rowTables = ids;
        m_matrix->setRowCount(int(ids.size()));
        if (ids.contains(current))
            m_matrix->setCurrentCell(int(ids.indexOf(current)), column);
    }
    for (int row = 0; row < m_matrix->rowCount(); ++row) {
        const Runtime::Table *table = tableAt(row);
        auto *header
            = new QTableWidgetItem(table->tenantScoped ? tr("%1 (tenant)").arg(table->name) : table->name);
        header->setToolTip(
            table->tenantScoped ? tr("Rows are scoped to the caller's organization") : QString());
        m_matrix->setVerticalHeaderItem(row, header);
        for (int column = 0; column < 4; ++column)
            PermissionMatrix::showRule(
                m_matrix, row, column, m_document->project(), *table, ruleAt(row, column));
    }
    m_loading = loading;
    // Row heights settle when the view lays out its items.
    QTimer::singleShot(0, this, [this]() { PermissionMatrix::fitHeight(m_matrix); });
    loadCurrentCell();
}

void PermissionEditor::loadCurrentCell()
{
    if (m_loading)
        return;
    const int row = m_matrix->currentRow();
    const int column = m_matrix->currentColumn();
    const Runtime::Table *table = tableAt(row);
    m_cellBox->setEnabled(table && column >= 0);
    m_presetBox->setEnabled(table != nullptr);
    if (!table || column < 0) {
        m_cellBox->setTitle(tr("Choose a cell"));
        m_presetBox->setTitle(tr("Presets"));
        return;
    }
    m_cellBox->setTitle(
        tr("%1: %2 for %3")
            .arg(table->name, Runtime::operationName(PermissionMatrix::operations[column]), role()));
    m_presetBox->setTitle(tr("Presets for %1").arg(table->name));
    const Runtime::PermissionRule *rule = ruleAt(row, column);
    const Access access = !rule                ? Access::Nobody
        : rule->expression.trimmed().isEmpty() ? Access::Everyone
                                               : Access::Rule;
    accessButton(access)->setChecked(true);
    m_ruleEditor->setContext(m_document, table->id);
    m_ruleEditor->setEnabled(access == Access::Rule);
    if (!m_ruleEditor->hasFocus() || access != Access::Rule)
        m_ruleEditor->setExpression(access == Access::Rule ? rule->expression : QString());
}

void PermissionEditor::accessChosen(int id)
{
    switch (Access(id)) {
    case Access::Nobody:
        setRule(std::nullopt);
        break;
    case Access::Everyone:
        setRule(QString());
        break;
    case Access::Rule:
        m_ruleEditor->setEnabled(true);
        m_ruleEditor->setFocus(Qt::OtherFocusReason);
        if (!m_ruleEditor->text().trimmed().isEmpty())
            setRule(m_ruleEditor->text());
        break;
    }
}

void PermissionEditor::expressionCommitted(const QString &expression)
{
    if (m_access->checkedId() == int(Access::Rule))
        setRule(expression);
}

void PermissionEditor::setRule(const std::optional<QString> &expression)
{
    const int column = m_matrix->currentColumn();
    const Runtime::Table *table = tableAt(m_matrix->currentRow());
    if (!table || column < 0)
        return;
    const QString role = m_roleBox->currentText();
    const Runtime::Operation op = PermissionMatrix::operations[column];
    Runtime::Table after = setPermissionRule(m_document->project(), *table, role, op, expression);
    if (after == *table)
        return;
    const QString text = permissionRuleText(*table, role, op, expression);
    m_document->changeTable(std::move(after), text, QStringLiteral("rule:%1:%2").arg(role, Runtime::operationName(op)));
}

void PermissionEditor::followSelection()
{
    if (!m_document || m_document->selection().size() != 1)
        return;
    const int row = int(m_rowTables.indexOf(m_document->selection().first()));
    if (row >= 0 && row != m_matrix->currentRow())
        m_matrix->setCurrentCell(row, qMax(0, m_matrix->currentColumn()));
}

bool PermissionEditor::applyPreset(Preset preset)
{
    const Runtime::Table *table = tableAt(m_matrix->currentRow());
    if (!table)
        return false;
    QString owner;
    if (preset == Preset::OwnerOnly) {
        owner = PermissionPresets::ownerField(*table);
        if (owner.isEmpty()) {
            QStringList names;
            for (const Runtime::Field &field : table->fields)
                names << field.name;
            bool ok = false;
            owner = QInputDialog::getItem(this, tr("Owner Only"),
                tr("Which column of %1 holds the owner's user id?").arg(table->name), names, 0, false, &ok);
            if (!ok || owner.isEmpty())
                return false;
        }
    }
    Runtime::Table after = PermissionPresets::apply(m_document->project(), *table, preset, owner);
    if (after == *table)
        return false;
    const QString text = PermissionPresets::undoText(preset, *table);
    m_document->changeTable(std::move(after), text);
    return true;
}

} // namespace Designer
