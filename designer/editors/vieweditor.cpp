// SPDX-License-Identifier: GPL-3.0-or-later
// ViewEditor: the properties pane of one view: name, table, columns, filter, colour and select rules.
#include "vieweditor.h"

#include "commands/viewedits.h"
#include "document/projectdocument.h"
#include "io/projectvalidator.h"
#include "ruleeditor.h"
#include "storage/sqlitedialect.h"
#include "storage/viewsql.h"
#include "widgets/palettecolors.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QTimer>
#include <QColorDialog>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Designer {

namespace {
QLabel *sectionLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QToolButton *toolButton(const QString &icon, const QString &text, const QString &name, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(name);
    button->setIcon(QIcon::fromTheme(icon));
    button->setText(text);
    button->setToolTip(text);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    return button;
}

QIcon swatch(const QColor &color, const QPalette &palette)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(color.isValid() ? color : palette.color(QPalette::Button));
    QPainter painter(&pixmap);
    painter.setPen(palette.color(QPalette::WindowText));
    painter.drawRect(pixmap.rect().adjusted(0, 0, -1, -1));
    return QIcon(pixmap);
}
} // namespace

ViewEditor::ViewEditor(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("viewEditor"));
    m_titleLabel = new QLabel(this);
    m_titleLabel->setObjectName(QStringLiteral("viewTitleLabel"));
    m_titleLabel->setWordWrap(true);
    m_titleLabel->setTextFormat(Qt::PlainText);
    QFont title = m_titleLabel->font();
    title.setBold(true);
    m_titleLabel->setFont(title);

    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(QStringLiteral("viewNameEdit"));
    m_descriptionEdit = new QLineEdit(this);
    m_descriptionEdit->setObjectName(QStringLiteral("viewDescriptionEdit"));
    m_descriptionEdit->setPlaceholderText(tr("optional; shown in the API documentation"));
    m_baseCombo = new QComboBox(this);
    m_baseCombo->setObjectName(QStringLiteral("viewBaseTableCombo"));
    m_baseCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_baseCombo->setToolTip(tr("The table whose rows the view shows; changing it resets the columns and the filter"));
    m_colorButton = new QPushButton(this);
    m_colorButton->setObjectName(QStringLiteral("viewColorButton"));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("&Name:"), m_nameEdit);
    form->addRow(tr("&Table:"), m_baseCombo);
    form->addRow(tr("&Colour:"), m_colorButton);
    form->addRow(tr("&Description:"), m_descriptionEdit);

    m_columns = new QTableWidget(0, 2, this);
    m_columns->setObjectName(QStringLiteral("viewColumnsTable"));
    m_columns->setHorizontalHeaderLabels({tr("Column"), tr("From")});
    m_columns->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_columns->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_columns->verticalHeader()->hide();
    m_columns->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_columns->setSelectionMode(QAbstractItemView::SingleSelection);
    m_columns->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::AnyKeyPressed);
    m_columns->setMinimumHeight(140);
    m_columns->setAccessibleName(tr("Columns of the view"));

    m_addColumn = toolButton(QStringLiteral("list-add"), tr("&Add Column"), QStringLiteral("viewAddColumnButton"), this);
    m_addColumn->setPopupMode(QToolButton::InstantPopup);
    m_addColumn->setMenu(new QMenu(m_addColumn));
    m_removeColumn = toolButton(QStringLiteral("list-remove"), tr("Remove"), QStringLiteral("viewRemoveColumnButton"), this);
    m_upColumn = toolButton(QStringLiteral("go-up"), tr("Up"), QStringLiteral("viewColumnUpButton"), this);
    m_downColumn = toolButton(QStringLiteral("go-down"), tr("Down"), QStringLiteral("viewColumnDownButton"), this);
    auto *columnButtons = new QHBoxLayout;
    columnButtons->addWidget(m_addColumn);
    columnButtons->addWidget(m_removeColumn);
    columnButtons->addStretch(1);
    columnButtons->addWidget(m_upColumn);
    columnButtons->addWidget(m_downColumn);

    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("viewFilterEdit"));
    m_filterEdit->setPlaceholderText(tr("every row; e.g. status=eq.published&price=gt.0"));
    m_filterEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_filterStatus = new QLabel(this);
    m_filterStatus->setObjectName(QStringLiteral("viewFilterStatus"));
    m_filterStatus->setWordWrap(true);
    m_filterStatus->setTextFormat(Qt::PlainText);

    m_rulesBox = new QWidget(this);
    m_rulesGrid = new QGridLayout(m_rulesBox);
    m_rulesGrid->setContentsMargins(0, 0, 0, 0);
    m_rulesGrid->setColumnStretch(1, 1);

    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("viewProblemLabel"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setTextFormat(Qt::PlainText);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_titleLabel);
    layout->addLayout(form);
    layout->addWidget(sectionLabel(tr("Columns"), this));
    layout->addWidget(m_columns, 1);
    layout->addLayout(columnButtons);
    auto *filterLabel = sectionLabel(tr("&Filter"), this);
    filterLabel->setBuddy(m_filterEdit);
    layout->addWidget(filterLabel);
    layout->addWidget(m_filterEdit);
    layout->addWidget(m_filterStatus);
    auto *rulesLabel = sectionLabel(tr("Who may read it"), this);
    rulesLabel->setToolTip(tr("Without a tick only the service role reads the view; a rule limits the rows a role sees"));
    layout->addWidget(rulesLabel);
    layout->addWidget(m_rulesBox);
    layout->addWidget(m_problemLabel);
    layout->addStretch(0);

    connect(m_nameEdit, &QLineEdit::editingFinished, this, &ViewEditor::nameEdited);
    connect(m_descriptionEdit, &QLineEdit::editingFinished, this, &ViewEditor::descriptionEdited);
    connect(m_baseCombo, &QComboBox::activated, this, &ViewEditor::baseTableActivated);
    connect(m_colorButton, &QPushButton::clicked, this, &ViewEditor::chooseColor);
    connect(m_columns, &QTableWidget::itemChanged, this, &ViewEditor::columnItemChanged);
    connect(m_removeColumn, &QToolButton::clicked, this, &ViewEditor::removeColumn);
    connect(m_upColumn, &QToolButton::clicked, this, [this]() { moveColumn(-1); });
    connect(m_downColumn, &QToolButton::clicked, this, [this]() { moveColumn(1); });
    connect(m_filterEdit, &QLineEdit::textChanged, this, &ViewEditor::filterTextChanged);
    connect(m_filterEdit, &QLineEdit::editingFinished, this, &ViewEditor::filterEdited);
    connect(document, &ProjectDocument::changed, this, &ViewEditor::documentChanged);
    refresh();
}

void ViewEditor::setViewId(const Runtime::ObjectId &viewId)
{
    m_viewId = viewId;
    refresh();
}

const Runtime::View *ViewEditor::view() const
{
    return m_document && !m_viewId.isEmpty() ? m_document->project().view(m_viewId) : nullptr;
}

void ViewEditor::push(const Runtime::View &after, const QString &text)
{
    const Runtime::View *shown = view();
    if (shown && !(after == *shown))
        m_document->changeView(after, text);
}

void ViewEditor::documentChanged(const ChangeEvent &event)
{
    if (event.kind != ChangeEvent::Kind::TablesMoved)
        refresh();
}

QString ViewEditor::filterProblem(const QString &filter) const
{
    const Runtime::View *shown = view();
    if (!shown)
        return {};
    Runtime::View candidate = *shown;
    candidate.filter = filter;
    const Runtime::Project &project = m_document->project();
    // The parser first (its message names the position), then the SELECT the runtime would create.
    if (Runtime::Result<Runtime::ApiQuery> parsed = Runtime::parseViewFilter(project, candidate); !parsed)
        return parsed.error().message;
    if (candidate.columns.empty() || filter.isEmpty())
        return {};
    if (Runtime::Result<QString> sql = Runtime::viewSelect(project, candidate, Runtime::SqliteDialect()); !sql)
        return sql.error().message;
    return {};
}

void ViewEditor::refresh()
{
    const Runtime::View *shown = view();
    setEnabled(shown != nullptr);
    if (!shown)
        return;
    const bool wasRefreshing = std::exchange(m_refreshing, true);
    const Runtime::Project &project = m_document->project();
    const Runtime::Table *base = project.table(shown->baseTableId);
    m_titleLabel->setText(tr("View %1 of %2").arg(shown->name, base ? base->name : shown->baseTableId));
    if (!m_nameEdit->hasFocus() || m_nameEdit->text() != shown->name)
        m_nameEdit->setText(shown->name);
    if (!m_descriptionEdit->hasFocus())
        m_descriptionEdit->setText(shown->description);
    m_baseCombo->clear();
    for (const Runtime::Table &table : project.tables)
        m_baseCombo->addItem(table.name, table.id);
    m_baseCombo->setCurrentIndex(m_baseCombo->findData(shown->baseTableId));
    m_colorButton->setIcon(swatch(QColor(shown->color), palette()));
    m_colorButton->setText(shown->color.isEmpty() ? tr("Default") : shown->color);
    refreshColumns(*shown);
    refreshAddMenu(*shown);
    if (!m_filterEdit->hasFocus())
        m_filterEdit->setText(shown->filter);
    filterTextChanged(m_filterEdit->text());
    refreshRules(*shown);
    QStringList problems;
    for (const Runtime::Problem &problem : Runtime::validateProject(project)) {
        if (problem.objectId == shown->id || shown->permissions.end()
                != std::find_if(shown->permissions.begin(), shown->permissions.end(),
                    [&](const Runtime::PermissionRule &rule) { return rule.id == problem.objectId; }))
            problems << problem.message;
    }
    m_problemLabel->setText(problems.join(QLatin1Char('\n')));
    m_problemLabel->setStyleSheet(QStringLiteral("color: %1;").arg(errorTextColor(palette()).name()));
    m_problemLabel->setVisible(!problems.isEmpty());
    m_refreshing = wasRefreshing;
}

void ViewEditor::refreshColumns(const Runtime::View &shown)
{
    const Runtime::Project &project = m_document->project();
    const int current = m_columns->currentRow();
    m_columns->setRowCount(int(shown.columns.size()));
    QList<ViewColumnCandidate> candidates = viewColumnCandidates(project, shown.baseTableId);
    for (int row = 0; row < int(shown.columns.size()); ++row) {
        const Runtime::ViewColumn &column = shown.columns[size_t(row)];
        auto *name = new QTableWidgetItem(column.name);
        QString from = column.fieldId;
        for (const ViewColumnCandidate &candidate : std::as_const(candidates)) {
            if (candidate.column.fieldId == column.fieldId && candidate.column.relationshipId == column.relationshipId)
                from = tr("%1 (%2)").arg(candidate.label, Runtime::fieldTypeName(candidate.type));
        }
        auto *source = new QTableWidgetItem(from);
        source->setFlags(source->flags() & ~Qt::ItemIsEditable);
        source->setToolTip(from);
        m_columns->setItem(row, 0, name);
        m_columns->setItem(row, 1, source);
    }
    if (current >= 0 && current < m_columns->rowCount())
        m_columns->setCurrentCell(current, 0);
}

void ViewEditor::refreshAddMenu(const Runtime::View &shown)
{
    QMenu *menu = m_addColumn->menu();
    menu->clear();
    const QList<ViewColumnCandidate> candidates = viewColumnCandidates(m_document->project(), shown.baseTableId);
    for (const ViewColumnCandidate &candidate : candidates) {
        const Runtime::ViewColumn column = candidate.column;
        QAction *action = menu->addAction(tr("%1 (%2)").arg(candidate.label, Runtime::fieldTypeName(candidate.type)));
        connect(action, &QAction::triggered, this, [this, column]() {
            if (const Runtime::View *shown = view())
                push(addViewColumn(*shown, column), viewColumnsText(*shown));
        });
    }
    m_addColumn->setEnabled(!candidates.isEmpty());
}

void ViewEditor::refreshRules(const Runtime::View &shown)
{
    QStringList roles {QStringLiteral("anon"), QStringLiteral("authenticated")};
    for (const Runtime::Role &role : m_document->project().roles)
        roles << role.name;
    if (m_ruleRows.size() != roles.size()
        || std::any_of(m_ruleRows.begin(), m_ruleRows.end(), [&](const auto &row) { return !roles.contains(row.first->text()); })) {
        for (const auto &[check, editor] : std::as_const(m_ruleRows)) {
            check->deleteLater();
            editor->deleteLater();
        }
        m_ruleRows.clear();
        for (int i = 0; i < roles.size(); ++i) {
            const QString role = roles.at(i);
            auto *check = new QCheckBox(role, m_rulesBox);
            check->setObjectName(QStringLiteral("viewRuleCheck_") + role);
            check->setToolTip(tr("Let the role %1 read this view").arg(role));
            auto *editor = new RuleEditor(m_rulesBox);
            editor->setObjectName(QStringLiteral("viewRuleEdit_") + role);
            editor->setPlaceholderText(tr("every row"));
            editor->setAccessibleName(tr("Rows %1 may read").arg(role));
            m_rulesGrid->addWidget(check, i, 0);
            m_rulesGrid->addWidget(editor, i, 1);
            connect(check, &QCheckBox::clicked, this, [this, role](bool on) { ruleToggled(role, on); });
            connect(editor, &RuleEditor::expressionCommitted, this,
                [this, role](const QString &expression) { ruleCommitted(role, expression); });
            m_ruleRows.append({check, editor});
        }
    }
    for (const auto &[check, editor] : std::as_const(m_ruleRows)) {
        const QString role = check->text();
        const auto rule = std::find_if(shown.permissions.begin(), shown.permissions.end(),
            [&](const Runtime::PermissionRule &r) { return r.role == role && r.operation == Runtime::Operation::Select; });
        const bool allowed = rule != shown.permissions.end();
        check->setChecked(allowed);
        editor->setContext(m_document, shown.id);
        editor->setEnabled(allowed);
        if (!editor->hasFocus())
            editor->setExpression(allowed ? rule->expression : QString());
    }
}

void ViewEditor::nameEdited()
{
    const Runtime::View *shown = view();
    const QString name = m_nameEdit->text().trimmed();
    if (!shown || m_refreshing || name.isEmpty() || name == shown->name)
        return;
    Runtime::View after = *shown;
    after.name = name;
    push(after, renameViewText(*shown));
}

void ViewEditor::descriptionEdited()
{
    const Runtime::View *shown = view();
    if (!shown || m_refreshing || m_descriptionEdit->text() == shown->description)
        return;
    Runtime::View after = *shown;
    after.description = m_descriptionEdit->text();
    push(after, viewDescriptionText(*shown));
}

void ViewEditor::baseTableActivated(int index)
{
    const Runtime::View *shown = view();
    const Runtime::ObjectId tableId = m_baseCombo->itemData(index).toString();
    if (shown && tableId != shown->baseTableId)
        push(setViewBaseTable(m_document->project(), *shown, tableId), viewBaseTableText(*shown));
}

void ViewEditor::columnItemChanged(QTableWidgetItem *item)
{
    const Runtime::View *shown = view();
    if (!shown || m_refreshing || item->column() != 0 || item->row() >= int(shown->columns.size()))
        return;
    const QString name = item->text().trimmed();
    if (name.isEmpty() || name == shown->columns[size_t(item->row())].name) {
        QTimer::singleShot(0, this, &ViewEditor::refresh); // puts the name back
        return;
    }
    push(renameViewColumn(*shown, item->row(), name), viewColumnsText(*shown));
}

void ViewEditor::removeColumn()
{
    const Runtime::View *shown = view();
    const int row = m_columns->currentRow();
    if (shown && row >= 0)
        push(removeViewColumn(*shown, row), viewColumnsText(*shown));
}

void ViewEditor::moveColumn(int delta)
{
    const Runtime::View *shown = view();
    const int row = m_columns->currentRow();
    if (!shown || row < 0 || row + delta < 0 || row + delta >= int(shown->columns.size()))
        return;
    push(moveViewColumn(*shown, row, row + delta), viewColumnsText(*shown));
    m_columns->setCurrentCell(row + delta, 0);
}

void ViewEditor::filterTextChanged(const QString &text)
{
    const QString problem = filterProblem(text);
    const Runtime::View *shown = view();
    const Runtime::Table *base = shown ? m_document->project().table(shown->baseTableId) : nullptr;
    QPalette colours = m_filterStatus->palette();
    colours.setColor(QPalette::WindowText,
        problem.isEmpty() ? palette().color(QPalette::PlaceholderText) : errorTextColor(palette()));
    m_filterStatus->setPalette(colours);
    if (!problem.isEmpty())
        m_filterStatus->setText(problem);
    else if (text.trimmed().isEmpty())
        m_filterStatus->setText(tr("The view shows every row of %1.").arg(base ? base->name : QString()));
    else
        m_filterStatus->setText(tr("The filter is valid."));
}

void ViewEditor::filterEdited()
{
    const Runtime::View *shown = view();
    if (!shown || m_refreshing || m_filterEdit->text() == shown->filter)
        return;
    Runtime::View after = *shown;
    after.filter = m_filterEdit->text();
    push(after, viewFilterText(*shown));
}

void ViewEditor::chooseColor()
{
    const Runtime::View *shown = view();
    if (!shown)
        return;
    const QColor color = QColorDialog::getColor(QColor(shown->color), this, tr("View Colour"));
    shown = view(); // the dialog ran an event loop
    if (!color.isValid() || !shown || color.name(QColor::HexRgb) == shown->color)
        return;
    Runtime::View after = *shown;
    after.color = color.name(QColor::HexRgb);
    push(after, viewColorText(*shown));
}

void ViewEditor::ruleToggled(const QString &role, bool allowed)
{
    const Runtime::View *shown = view();
    if (!shown || m_refreshing)
        return;
    const std::optional<QString> expression = allowed ? std::optional<QString>(QString()) : std::nullopt;
    push(setViewRule(m_document->project(), *shown, role, expression), viewRuleText(*shown, role, expression));
}

void ViewEditor::ruleCommitted(const QString &role, const QString &expression)
{
    const Runtime::View *shown = view();
    if (!shown || m_refreshing)
        return;
    push(setViewRule(m_document->project(), *shown, role, expression), viewRuleText(*shown, role, expression));
}

} // namespace Designer
