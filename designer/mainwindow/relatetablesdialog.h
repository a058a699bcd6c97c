// SPDX-License-Identifier: GPL-3.0-or-later
// RelateTablesDialog: Edit > New Relationship: relates two tables from the keyboard.
#pragma once

#include "commands/relateplans.h"
#include "document/projectdocument.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QFormLayout;
class QLabel;
class QPushButton;

namespace Designer {

/** Relates two tables without a mouse, in the words of the canvas's drag menu: a table, the related table,
    how they relate as sentences with their real names ("A customer has many orders · Each order has one
    customer"), and the foreign key: a new field or an existing one of the table that holds it. It previews
    what planRelate() will make (the foreign key, or the junction table) or says why it cannot, with OK
    disabled. OK makes it through ProjectDocument::relate(), as the drag does. Shown modally by the main
    window, on the stack; \a document must outlive it. */
class RelateTablesDialog : public QDialog
{
    Q_OBJECT

public:
    /** Starts with \a fromTableId and \a toTableId chosen (empty ids: the first tables); new junction cards
        land in free space as \a cardSizeOf measures cards (none: where planned). */
    RelateTablesDialog(ProjectDocument *document, const Runtime::ObjectId &fromTableId,
        const Runtime::ObjectId &toTableId, ProjectDocument::CardSizeOf cardSizeOf = {},
        QWidget *parent = nullptr);

    /** Returns the plan of the current choice, or nothing when it cannot be made. */
    const std::optional<RelationshipPlan> &plan() const { return m_plan; }
    /** Returns the current choice. */
    RelateRequest request() const;

    /** Asks for a relationship starting from the selected tables of \a document (the first is the table, a
        second one the related table) and makes it. Returns true if one was added. */
    static bool relateSelected(
        ProjectDocument *document, QWidget *parent, ProjectDocument::CardSizeOf cardSizeOf = {});

    void accept() override;

private:
    void updateChoices();
    void updatePlan();

    ProjectDocument *m_document;
    ProjectDocument::CardSizeOf m_cardSizeOf;
    QFormLayout *m_form = nullptr;
    QComboBox *m_from = nullptr;
    QComboBox *m_to = nullptr;
    QComboBox *m_kind = nullptr;
    QComboBox *m_keyField = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_ok = nullptr;
    std::optional<RelationshipPlan> m_plan;
    bool m_updating = false;
};

} // namespace Designer
