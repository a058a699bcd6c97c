// SPDX-License-Identifier: GPL-3.0-or-later
// RelateTablesDialog: Edit > New Relationship: relates two tables from the keyboard.
#pragma once

#include "commands/relationshipcommands.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;

namespace Designer {

class ProjectDocument;

/** Relates two tables without a mouse: the "from" table (the one whose primary key is referenced), the
    "to" table and the kind. It shows what planRelationship() will make (the foreign key, or the junction
    table) or why it cannot, with OK disabled. OK pushes AddRelationship, the command the canvas drag
    pushes. Shown modally by the main window, on the stack; \a document must outlive it. */
class RelateTablesDialog : public QDialog
{
    Q_OBJECT

public:
    /** Starts with \a fromTableId and \a toTableId chosen (empty ids: the first tables). */
    RelateTablesDialog(ProjectDocument *document, const Runtime::ObjectId &fromTableId,
        const Runtime::ObjectId &toTableId, QWidget *parent = nullptr);

    /** Returns the plan of the current choice, or nothing when it cannot be made. */
    const std::optional<RelationshipPlan> &plan() const { return m_plan; }

    /** Asks for a relationship starting from the selected tables of \a document (the first is "from", a
        second one "to") and pushes it. Returns true if one was added. */
    static bool relateSelected(ProjectDocument *document, QWidget *parent);

    void accept() override;

private:
    void updatePlan();
    QString planText(const RelationshipPlan &plan) const;

    ProjectDocument *m_document;
    QComboBox *m_from = nullptr;
    QComboBox *m_to = nullptr;
    QComboBox *m_kind = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_ok = nullptr;
    std::optional<RelationshipPlan> m_plan;
};

} // namespace Designer
