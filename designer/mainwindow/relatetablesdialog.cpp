// SPDX-License-Identifier: GPL-3.0-or-later
// RelateTablesDialog: Edit > New Relationship: relates two tables from the keyboard.
#include "relatetablesdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace Designer {

namespace {

QComboBox *tableBox(const Runtime::Project &project, const Runtime::ObjectId &current, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    for (const Runtime::Table &table : project.tables)
        box->addItem(table.name, table.id);
    box->setCurrentIndex(qMax(0, box->findData(current)));
    return box;
}

// The choices in the order the dialog offers them: the "from" table is usually the one others point at.
constexpr RelateChoice Choices[] = {
    RelateChoice::OneToMany, RelateChoice::ManyToOne, RelateChoice::OneToOne, RelateChoice::ManyToMany};

} // namespace

RelateTablesDialog::RelateTablesDialog(ProjectDocument *document, const Runtime::ObjectId &fromTableId,
    const Runtime::ObjectId &toTableId, ProjectDocument::CardSizeOf cardSizeOf, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_cardSizeOf(std::move(cardSizeOf))
{
    setObjectName(QStringLiteral("relateTablesDialog"));
    setWindowTitle(tr("New Relationship"));
    const Runtime::Project &project = document->project();
    m_from = tableBox(project, fromTableId, this);
    m_from->setObjectName(QStringLiteral("fromTableBox"));
    Runtime::ObjectId to = toTableId;
    if (to.isEmpty() && project.tables.size() > 1) // another table than "from", if there is one
        to = project.tables[project.tables.front().id == m_from->currentData().toString() ? 1 : 0].id;
    m_to = tableBox(project, to, this);
    m_to->setObjectName(QStringLiteral("toTableBox"));
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kindBox"));
    for (RelateChoice choice : Choices)
        m_kind->addItem(QString(), QVariant::fromValue(int(choice)));
    m_keyField = new QComboBox(this);
    m_keyField->setObjectName(QStringLiteral("keyFieldBox"));
    m_keyField->setToolTip(tr("The field that refers to the other table: a new one, or one the table "
                              "already has (its type becomes the referenced key's type)."));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("planLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByKeyboard | Qt::TextSelectableByMouse);
    m_summary->setMinimumHeight(m_summary->fontMetrics().lineSpacing() * 3);

    m_form = new QFormLayout;
    m_form->addRow(tr("&Table:"), m_from);
    m_form->addRow(tr("&Related table:"), m_to);
    m_form->addRow(tr("Relation&ship:"), m_kind);
    m_form->addRow(tr("&Foreign key:"), m_keyField);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Create"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_summary);
    layout->addStretch();
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QComboBox *box : {m_from, m_to, m_kind})
        connect(box, &QComboBox::currentIndexChanged, this, &RelateTablesDialog::updateChoices);
    connect(m_keyField, &QComboBox::currentIndexChanged, this, &RelateTablesDialog::updatePlan);
    updateChoices();
    // "From" usually comes from the selection, so the choice starts at the related table.
    m_to->setFocus();
    resize(qMax(sizeHint().width(), 560), sizeHint().height());
}

bool RelateTablesDialog::relateSelected(
    ProjectDocument *document, QWidget *parent, ProjectDocument::CardSizeOf cardSizeOf)
{
    QList<Runtime::ObjectId> tables;
    for (const Runtime::ObjectId &id : document->selection()) {
        if (document->project().table(id))
            tables << id;
    }
    RelateTablesDialog dialog(document, tables.value(0), tables.value(1), std::move(cardSizeOf), parent);
    return dialog.exec() == QDialog::Accepted;
}

RelateRequest RelateTablesDialog::request() const
{
    RelateRequest request;
    request.choice = RelateChoice(m_kind->currentData().toInt());
    request.sourceTableId = m_from->currentData().toString();
    request.targetTableId = m_to->currentData().toString();
    if (request.choice != RelateChoice::ManyToMany)
        request.keyFieldId = m_keyField->currentData().toString();
    return request;
}

void RelateTablesDialog::updateChoices()
{
    if (m_updating)
        return;
    m_updating = true;
    const Runtime::Project &project = m_document->project();
    RelateRequest current = request();
    // The sentences name the tables chosen now.
    for (int i = 0; i < m_kind->count(); ++i) {
        RelateRequest shown = current;
        shown.choice = RelateChoice(m_kind->itemData(i).toInt());
        shown.keyFieldId.clear();
        m_kind->setItemText(i, relateSentence(project, shown));
    }
    // The foreign key: a new field, or a field of the table that will hold it.
    const Runtime::ObjectId keep = m_keyField->currentData().toString();
    current.keyFieldId.clear();
    const Runtime::Table *holder = project.table(keyHolderOf(project, current));
    {
        const QSignalBlocker blocker(m_keyField);
        m_keyField->clear();
        m_keyField->addItem(tr("A new field"), QString());
        if (holder) {
            for (const Runtime::Field &field : holder->fields) {
                if (canBecomeForeignKey(project, field))
                    m_keyField->addItem(holder->name + QLatin1Char('.') + field.name, field.id);
            }
        }
        m_keyField->setCurrentIndex(qMax(0, m_keyField->findData(keep)));
    }
    m_form->setRowVisible(m_keyField, current.choice != RelateChoice::ManyToMany);
    m_updating = false;
    updatePlan();
}

void RelateTablesDialog::updatePlan()
{
    m_plan.reset();
    const Runtime::Project &project = m_document->project();
    if (project.tables.empty()) {
        m_summary->setText(tr("The project has no tables yet. Add one with Edit > Add Table first."));
        m_ok->setEnabled(false);
        return;
    }
    const RelateRequest current = request();
    Runtime::Result<RelationshipPlan> planned = planRelate(project, current);
    if (planned) {
        m_plan = std::move(planned).value();
        QString text = planEffect(project, *m_plan);
        // A second relationship between the same tables is allowed (two roles), but rarely meant.
        for (const Runtime::Relationship &r : project.relationships) {
            const bool same = (r.fromTableId == current.sourceTableId && r.toTableId == current.targetTableId)
                || (r.fromTableId == current.targetTableId && r.toTableId == current.sourceTableId);
            if (same) {
                text += QLatin1Char(' ')
                    + tr("%1 and %2 are related already; this adds another relationship.")
                          .arg(project.table(r.fromTableId)->name, project.table(r.toTableId)->name);
                break;
            }
        }
        m_summary->setText(text);
    } else {
        m_summary->setText(tr("This relationship cannot be made: %1").arg(planned.error().message));
    }
    m_ok->setEnabled(m_plan.has_value());
}

void RelateTablesDialog::accept()
{
    if (!m_plan || !m_document->relate(request(), m_cardSizeOf))
        return;
    m_plan.reset();
    QDialog::accept();
}

} // namespace Designer
