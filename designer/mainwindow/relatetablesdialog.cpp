// SPDX-License-Identifier: GPL-3.0-or-later
// RelateTablesDialog: Edit > New Relationship: relates two tables from the keyboard.
#include "relatetablesdialog.h"

#include "document/projectdocument.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
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

} // namespace

RelateTablesDialog::RelateTablesDialog(ProjectDocument *document, const Runtime::ObjectId &fromTableId,
    const Runtime::ObjectId &toTableId, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
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
    m_kind->addItem(tr("One to one"), QVariant::fromValue(Runtime::RelationshipKind::OneToOne));
    m_kind->addItem(tr("One to many"), QVariant::fromValue(Runtime::RelationshipKind::OneToMany));
    m_kind->addItem(tr("Many to many"), QVariant::fromValue(Runtime::RelationshipKind::ManyToMany));
    m_kind->setCurrentIndex(1);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("planLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByKeyboard | Qt::TextSelectableByMouse);
    m_summary->setMinimumHeight(m_summary->fontMetrics().lineSpacing() * 3);

    auto *form = new QFormLayout;
    form->addRow(tr("&From (referenced) table:"), m_from);
    form->addRow(tr("&To (referencing) table:"), m_to);
    form->addRow(tr("&Kind:"), m_kind);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Create"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addStretch();
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QComboBox *box : {m_from, m_to, m_kind})
        connect(box, &QComboBox::currentIndexChanged, this, &RelateTablesDialog::updatePlan);
    updatePlan();
    // "From" usually comes from the selection, so the choice starts at "to".
    m_to->setFocus();
    resize(qMax(sizeHint().width(), 480), sizeHint().height());
}

bool RelateTablesDialog::relateSelected(ProjectDocument *document, QWidget *parent)
{
    QList<Runtime::ObjectId> tables;
    for (const Runtime::ObjectId &id : document->selection()) {
        if (document->project().table(id))
            tables << id;
    }
    RelateTablesDialog dialog(document, tables.value(0), tables.value(1), parent);
    return dialog.exec() == QDialog::Accepted;
}

void RelateTablesDialog::updatePlan()
{
    m_plan.reset();
    if (m_document->project().tables.empty()) {
        m_summary->setText(tr("The project has no tables yet. Add one with Edit > Add Table first."));
        m_ok->setEnabled(false);
        return;
    }
    const auto kind = m_kind->currentData().value<Runtime::RelationshipKind>();
    Runtime::Result<RelationshipPlan> planned = planRelationship(
        m_document->project(), kind, m_from->currentData().toString(), m_to->currentData().toString());
    if (planned) {
        m_plan = std::move(planned).value();
        m_summary->setText(planText(*m_plan));
    } else {
        m_summary->setText(tr("This relationship cannot be made: %1").arg(planned.error().message));
    }
    m_ok->setEnabled(m_plan.has_value());
}

QString RelateTablesDialog::planText(const RelationshipPlan &plan) const
{
    const Runtime::Project &project = m_document->project();
    const Runtime::Relationship &r = plan.relationship;
    const QString from = project.table(r.fromTableId)->name;
    const QString to = project.table(r.toTableId)->name;
    if (plan.junction) {
        const Runtime::Field *fromKey = plan.junction->field(r.junctionFromFieldId);
        const Runtime::Field *toKey = plan.junction->field(r.junctionToFieldId);
        return tr("Each %1 has many %2 and each %2 has many %1. Creates the junction table %3 with the "
                  "foreign keys %4 and %5.")
            .arg(from, to, plan.junction->name, fromKey ? fromKey->name : QString(),
                toKey ? toKey->name : QString());
    }
    const QString key = plan.foreignKey ? plan.foreignKey->name : QString();
    const QString type = plan.foreignKey ? Runtime::fieldTypeName(plan.foreignKey->type) : QString();
    if (r.kind == Runtime::RelationshipKind::OneToOne)
        return tr("Each %1 has at most one %2. Adds the unique foreign key %2.%3 (%4) referencing %1.")
            .arg(from, to, key, type);
    return tr("Each %1 has many %2. Adds the foreign key %2.%3 (%4) referencing %1.").arg(from, to, key, type);
}

void RelateTablesDialog::accept()
{
    if (!m_plan)
        return;
    m_document->undoStack()->push(new AddRelationship(m_document, std::move(*m_plan)));
    m_plan.reset();
    QDialog::accept();
}

} // namespace Designer
