// SPDX-License-Identifier: GPL-3.0-or-later
// FunctionEditor: the editor of one JavaScript function: name, description and its code pane.
#include "functioneditor.h"

#include "run/functionrunpanel.h"

#include "console/jsoneditor.h"
#include "document/projectdocument.h"
#include "io/projectvalidator.h"
#include "io/projectvalidator_p.h"
#include "scriptpane.h"
#include "scripting/functionsource.h"
#include "widgets/callerswidget.h"
#include "widgets/codestyle.h"
#include "widgets/palettecolors.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTimer>
#include <QScrollArea>
#include <QVBoxLayout>

namespace Designer {

namespace {
constexpr int s_checkDelayMs = 300;

QLabel *wrappedLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}
} // namespace

FunctionEditor::FunctionEditor(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_checkTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("functionEditor"));
    m_titleLabel = wrappedLabel(QStringLiteral("functionTitleLabel"), this);
    QFont title = m_titleLabel->font();
    title.setBold(true);
    m_titleLabel->setFont(title);
    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(QStringLiteral("functionNameEdit"));
    m_nameEdit->setToolTip(tr("Endpoints, triggers and schedules call the function by this name"));
    m_nameProblem = wrappedLabel(QStringLiteral("functionNameProblem"), this);
    m_nameProblem->hide();
    m_descriptionEdit = new QPlainTextEdit(this);
    m_descriptionEdit->setObjectName(QStringLiteral("functionDescriptionEdit"));
    m_descriptionEdit->setPlaceholderText(tr("optional; what the function does"));
    m_descriptionEdit->setTabChangesFocus(true);
    m_descriptionEdit->setFixedHeight(m_descriptionEdit->fontMetrics().lineSpacing() * 3
        + 2 * m_descriptionEdit->frameWidth() + 8);

    m_timeoutSpin = new QSpinBox(this);
    m_timeoutSpin->setObjectName(QStringLiteral("functionTimeoutSpin"));
    m_timeoutSpin->setRange(int(Runtime::functionTimeoutRange.min), int(Runtime::functionTimeoutRange.max));
    m_timeoutSpin->setSingleStep(1000);
    m_timeoutSpin->setSuffix(tr(" ms"));
    m_timeoutSpin->setKeyboardTracking(false);
    m_timeoutSpin->setToolTip(tr("A call that runs longer is stopped and answers 500"));

    m_callers = new CallersWidget(this);
    m_callers->setToolTip(tr("Who may call it as POST /functions/v1/<name> and /rest/v1/rpc/<name>; endpoints, "
                             "triggers and schedules call it whatever this says"));
    m_readOnlyCheck = new QCheckBox(tr("&Read-only (callable with GET; its db refuses writes)"), this);
    m_readOnlyCheck->setObjectName(QStringLiteral("functionReadOnlyCheck"));
    m_sampleInput = new JsonEditor(this);
    m_sampleInput->setObjectName(QStringLiteral("functionSampleInput"));
    m_sampleInput->setToolTip(tr("The req of a test run, as JSON: {\"body\": {...}, \"query\": {...}}"));
    m_sampleInput->setFixedHeight(m_sampleInput->fontMetrics().lineSpacing() * 6 + 12);

    auto *nameBox = new QVBoxLayout;
    nameBox->setSpacing(2);
    nameBox->addWidget(m_nameEdit);
    nameBox->addWidget(m_nameProblem);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    auto *nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_nameEdit);
    form->addRow(nameLabel, nameBox);
    form->addRow(tr("&Description:"), m_descriptionEdit);
    form->addRow(tr("&Time limit:"), m_timeoutSpin);
    form->addRow(tr("Who may call:"), m_callers);
    form->addRow(QString(), m_readOnlyCheck);
    form->addRow(tr("&Sample input:"), m_sampleInput);

    // A comment over the code says what the body receives and how it answers.
    m_hint = wrappedLabel(QStringLiteral("functionHint"), this);
    m_hint->setText(tr("// The body of function (req, row, old). The request: req.method, req.body,\n"
                       "// req.params, req.query, req.headers, req.user, req.role.\n"
                       "// return { ... } answers 200 with it as JSON; { status, headers, body } too.\n"
                       "// throw new HttpError(400, 'Out of stock') answers with that status."));
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hint->setAutoFillBackground(true);
    m_hint->setContentsMargins(6, 4, 6, 4);
    m_pane = new ScriptPane(this);
    m_problemLabel = wrappedLabel(QStringLiteral("functionProblemLabel"), this);
    m_problemLabel->hide();
    m_runPanel = new FunctionRunPanel(this);
    m_runPanel->setMaximumHeight(m_runPanel->fontMetrics().lineSpacing() * 12);

    // In a scroll area: in a short window the settings, the code and the run's answer keep their sizes
    // and scroll, instead of being squeezed over one another.
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(m_titleLabel);
    layout->addLayout(form);
    auto *codeLayout = new QVBoxLayout;
    codeLayout->setSpacing(0);
    codeLayout->addWidget(m_hint);
    m_pane->setMinimumHeight(m_pane->fontMetrics().lineSpacing() * 14);
    codeLayout->addWidget(m_pane, 1);
    layout->addLayout(codeLayout, 1);
    layout->addWidget(m_problemLabel);
    m_runPanel->setMinimumHeight(m_runPanel->fontMetrics().lineSpacing() * 9);
    layout->addWidget(m_runPanel);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(s_checkDelayMs);
    connect(m_checkTimer, &QTimer::timeout, this, &FunctionEditor::checkNow);
    connect(m_nameEdit, &QLineEdit::textEdited, this, &FunctionEditor::nameEdited);
    connect(m_descriptionEdit, &QPlainTextEdit::textChanged, this, &FunctionEditor::descriptionEdited);
    connect(m_timeoutSpin, &QSpinBox::valueChanged, this, &FunctionEditor::timeoutEdited);
    connect(m_pane, &ScriptPane::textEdited, this, &FunctionEditor::codeEdited);
    connect(m_callers, &CallersWidget::edited, this, [this](const Runtime::CallPermission &callers) {
        if (const Runtime::ScriptFunction *shown = function(); shown && !m_refreshing) {
            Runtime::ScriptFunction after = *shown;
            after.callers = callers;
            m_document->changeFunction(after);
        }
    });
    connect(m_readOnlyCheck, &QCheckBox::toggled, this, [this](bool readOnly) {
        if (const Runtime::ScriptFunction *shown = function(); shown && !m_refreshing && shown->readOnly != readOnly) {
            Runtime::ScriptFunction after = *shown;
            after.readOnly = readOnly;
            m_document->changeFunction(after);
        }
    });
    connect(m_sampleInput, &JsonEditor::textChanged, this, &FunctionEditor::sampleInputEdited);
    if (document)
        connect(document, &ProjectDocument::changed, this, &FunctionEditor::documentChanged);
    refresh();
}

void FunctionEditor::setFunctionId(const Runtime::ObjectId &functionId)
{
    if (functionId == m_functionId)
        return;
    m_functionId = functionId;
    refresh();
    checkNow();
}

const Runtime::ScriptFunction *FunctionEditor::function() const
{
    return m_document && !m_functionId.isEmpty() ? m_document->function(m_functionId) : nullptr;
}

void FunctionEditor::documentChanged(const ChangeEvent &event)
{
    if (event.kind != ChangeEvent::Kind::TablesMoved)
        refresh();
}

QString FunctionEditor::nameProblem() const
{
    return m_nameProblem->isHidden() ? QString() : m_nameProblem->text();
}

void FunctionEditor::refresh()
{
    const Runtime::ScriptFunction *shown = function();
    setEnabled(shown != nullptr);
    const bool wasRefreshing = std::exchange(m_refreshing, true);
    if (!shown) {
        m_titleLabel->setText(tr("No function is selected."));
        m_pane->setText({});
        m_pane->setDiagnostic(0, 0, {});
        m_refreshing = wasRefreshing;
        return;
    }
    m_titleLabel->setText(tr("Function %1").arg(shown->name));
    if (!m_nameEdit->hasFocus() || m_nameEdit->text() != shown->name)
        m_nameEdit->setText(shown->name);
    if (m_descriptionEdit->toPlainText() != shown->description)
        m_descriptionEdit->setPlainText(shown->description);
    if (!m_timeoutSpin->hasFocus())
        m_timeoutSpin->setValue(shown->timeoutMs);
    m_callers->setPermission(m_document->project(), shown->callers);
    m_readOnlyCheck->setChecked(shown->readOnly);
    if (m_sampleInput->text() != shown->sampleInput)
        m_sampleInput->setText(shown->sampleInput);
    m_runPanel->setFunction(shown->name, shown->sampleInput);
    const bool codeChanged = m_pane->text() != shown->code;
    m_pane->setText(shown->code);
    QStringList words;
    const Runtime::Project &project = m_document->project();
    for (const Runtime::Table &table : project.tables) {
        words << table.name;
        for (const Runtime::Field &field : table.fields)
            words << field.name;
    }
    for (const Runtime::View &view : project.views)
        words << view.name;
    m_pane->setProjectWords(words);

    // The validator's messages: the name's under the name, the code's in the pane (checkNow()), others below.
    QStringList nameProblems;
    QStringList others;
    for (const Runtime::Problem &problem : Runtime::validateProject(project)) {
        if (problem.objectId != shown->id)
            continue;
        if (problem.path.endsWith(QLatin1String(".name")))
            nameProblems << problem.message;
        else if (!problem.path.endsWith(QLatin1String(".code")))
            others << problem.message;
    }
    m_nameProblem->setText(nameProblems.join(QLatin1Char('\n')));
    m_nameProblem->setVisible(!nameProblems.isEmpty());
    m_problemLabel->setText(others.join(QLatin1Char('\n')));
    m_problemLabel->setVisible(!others.isEmpty());
    for (QLabel *label : {m_nameProblem, m_problemLabel}) {
        QPalette colours = label->palette();
        colours.setColor(QPalette::WindowText, errorTextColor(palette()));
        label->setPalette(colours);
    }
    const CodeColors colors = codeColors(palette());
    QPalette hintColours = m_hint->palette();
    hintColours.setColor(QPalette::Window, colors.paper);
    hintColours.setColor(QPalette::WindowText, colors.comment);
    m_hint->setPalette(hintColours);
    m_hint->setFont(codeFont(font()));
    m_refreshing = wasRefreshing;
    if (codeChanged) // undo, redo or another function: its marks are stale at once
        checkNow();
}

QString FunctionEditor::checkNow()
{
    m_checkTimer->stop();
    if (!function()) {
        m_pane->setDiagnostic(0, 0, {});
        return {};
    }
    const std::optional<Runtime::ScriptDiagnostic> problem = Runtime::checkFunctionSource(m_pane->text());
    if (problem)
        m_pane->setDiagnostic(qMax(1, problem->line), problem->column, problem->message);
    else
        m_pane->setDiagnostic(0, 0, {});
    return m_pane->diagnosticText();
}

void FunctionEditor::nameEdited(const QString &name)
{
    const Runtime::ScriptFunction *shown = function();
    if (!shown || m_refreshing || name == shown->name)
        return;
    Runtime::ScriptFunction after = *shown;
    after.name = name;
    m_document->changeFunction(after, QStringLiteral("name"));
}

void FunctionEditor::descriptionEdited()
{
    const Runtime::ScriptFunction *shown = function();
    if (!shown || m_refreshing || m_descriptionEdit->toPlainText() == shown->description)
        return;
    Runtime::ScriptFunction after = *shown;
    after.description = m_descriptionEdit->toPlainText();
    m_document->changeFunction(after, QStringLiteral("description"));
}

void FunctionEditor::timeoutEdited(int milliseconds)
{
    const Runtime::ScriptFunction *shown = function();
    if (!shown || m_refreshing || milliseconds == shown->timeoutMs)
        return;
    Runtime::ScriptFunction after = *shown;
    after.timeoutMs = milliseconds;
    m_document->changeFunction(after, QStringLiteral("timeout"));
}

void FunctionEditor::sampleInputEdited()
{
    const Runtime::ScriptFunction *shown = function();
    if (!shown || m_refreshing || m_sampleInput->text() == shown->sampleInput)
        return;
    Runtime::ScriptFunction after = *shown;
    after.sampleInput = m_sampleInput->text();
    m_document->changeFunction(after, QStringLiteral("sampleInput"));
}

void FunctionEditor::codeEdited()
{
    const Runtime::ScriptFunction *shown = function();
    if (!shown || m_refreshing)
        return;
    m_checkTimer->start();
    if (m_pane->text() == shown->code)
        return;
    Runtime::ScriptFunction after = *shown;
    after.code = m_pane->text();
    m_document->changeFunction(after, QStringLiteral("code"));
}

void FunctionEditor::setRunTarget(const RunTarget &target)
{
    m_runPanel->setTarget(target);
}

} // namespace Designer
