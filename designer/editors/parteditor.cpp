// SPDX-License-Identifier: GPL-3.0-or-later
// PartEditor: what the endpoint, trigger and schedule editors share: name, function, problems at their
// fields.
#include "parteditor.h"

#include "document/projectdocument.h"
#include "io/projectvalidator.h"
#include "widgets/palettecolors.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace Designer {

namespace {
// The combo's data of "New function…" (function ids are never empty-prefixed like this).
const QString s_newFunction = QStringLiteral("\u0001new");

// Returns the first member after the part's own index: `endpoints[0].parameters[1].in` → "parameters".
QString fieldKey(const QString &path)
{
    static const QRegularExpression member(QStringLiteral("^[a-zA-Z]+\\[\\d+\\]\\.([a-zA-Z]+)"));
    const QRegularExpressionMatch match = member.match(path);
    return match.hasMatch() ? match.captured(1) : QString();
}
} // namespace

PartEditor::PartEditor(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    m_titleLabel = new QLabel(this);
    m_titleLabel->setObjectName(QStringLiteral("partTitleLabel"));
    QFont title = m_titleLabel->font();
    title.setBold(true);
    m_titleLabel->setFont(title);
    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(QStringLiteral("partNameEdit"));
    m_functionCombo = new QComboBox(this);
    m_functionCombo->setObjectName(QStringLiteral("partFunctionCombo"));
    m_functionCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_titleLabel);
    layout->addLayout(m_form);
    addField(tr("&Name:"), m_nameEdit, QStringLiteral("name"));
    layout->addWidget(addProblemLabel({}));
    layout->addStretch(1);

    connect(m_nameEdit, &QLineEdit::textEdited, this, [this](const QString &name) {
        if (!m_refreshing && partExists() && name != partName())
            renamePart(name);
    });
    connect(m_functionCombo, &QComboBox::activated, this, &PartEditor::functionChosen);
    if (document)
        connect(document, &ProjectDocument::changed, this, &PartEditor::documentChanged);
}

void PartEditor::setPartId(const Runtime::ObjectId &id)
{
    if (id == m_partId)
        return;
    m_partId = id;
    refresh();
}

QString PartEditor::problemAt(const QString &key) const
{
    const QLabel *label = m_problemLabels.value(key);
    return label && !label->isHidden() ? label->text() : QString();
}

QLabel *PartEditor::addProblemLabel(const QString &key)
{
    auto *label = new QLabel(this);
    label->setObjectName(key.isEmpty() ? QStringLiteral("partProblems") : key + QStringLiteral("Problem"));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->hide();
    m_problemLabels.insert(key, label);
    return label;
}

void PartEditor::addField(const QString &label, QWidget *field, const QString &key)
{
    auto *box = new QVBoxLayout;
    box->setSpacing(2);
    box->addWidget(field);
    box->addWidget(addProblemLabel(key));
    auto *buddy = new QLabel(label, this);
    buddy->setBuddy(field);
    m_form->addRow(buddy, box);
}

void PartEditor::documentChanged(const ChangeEvent &event)
{
    if (event.kind != ChangeEvent::Kind::TablesMoved)
        refresh();
}

void PartEditor::refresh()
{
    const bool exists = m_document && !m_partId.isEmpty() && partExists();
    setEnabled(exists);
    if (!exists) {
        m_titleLabel->setText(tr("Nothing is selected."));
        for (QLabel *label : std::as_const(m_problemLabels))
            label->hide();
        return;
    }
    const bool wasRefreshing = std::exchange(m_refreshing, true);
    m_titleLabel->setText(title());
    if (!m_nameEdit->hasFocus() || m_nameEdit->text() != partName())
        m_nameEdit->setText(partName());
    fillFunctions();
    refreshFields();
    showProblems();
    m_refreshing = wasRefreshing;
}

void PartEditor::fillFunctions()
{
    m_functionCombo->clear();
    const Runtime::ObjectId current = partFunctionId();
    bool found = false;
    for (const Runtime::ScriptFunction &function : m_document->project().functions) {
        m_functionCombo->addItem(function.name, function.id);
        found = found || function.id == current;
    }
    if (!found) // none chosen yet, or a function that is gone: say so rather than show another
        m_functionCombo->insertItem(0, tr("(choose a function)"), current);
    m_functionCombo->insertSeparator(m_functionCombo->count());
    m_functionCombo->addItem(tr("New function…"), s_newFunction);
    m_functionCombo->setCurrentIndex(m_functionCombo->findData(current));
}

void PartEditor::functionChosen(int index)
{
    if (m_refreshing || !partExists())
        return;
    const QString data = m_functionCombo->itemData(index).toString();
    if (data == s_newFunction)
        m_document->addFunctionFor(m_partId);
    else if (data != partFunctionId() && m_document->function(data))
        setPartFunction(data);
    else
        refresh(); // the placeholder: show the part's function again
}

void PartEditor::showProblems()
{
    QHash<QString, QStringList> messages;
    for (const Runtime::Problem &problem : Runtime::validateProject(m_document->project())) {
        if (problem.objectId != m_partId)
            continue;
        const QString key = fieldKey(problem.path);
        messages[m_problemLabels.contains(key) ? key : QString()] << problem.message;
    }
    for (auto it = m_problemLabels.cbegin(); it != m_problemLabels.cend(); ++it) {
        QLabel *label = it.value();
        const QStringList lines = messages.value(it.key());
        label->setText(lines.join(QLatin1Char('\n')));
        label->setVisible(!lines.isEmpty());
        QPalette colours = label->palette();
        colours.setColor(QPalette::WindowText, errorTextColor(palette()));
        label->setPalette(colours);
    }
}

} // namespace Designer
