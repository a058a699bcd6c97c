// SPDX-License-Identifier: GPL-3.0-or-later
// PermissionEditor: the matrix of tables by operations for one role, the rule of the chosen cell, presets.
#pragma once

#include "commands/permissionpresets.h"
#include "document/changeevent.h"
#include "model/project.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QButtonGroup;
class QComboBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QRadioButton;
class QTableWidget;

namespace Designer {

class ProjectDocument;
class RuleEditor;

/** Edits the permission rules of a whole project. A role selector (anon, authenticated, each custom role)
    picks the role; a grid shows one row per table and one column per operation, each cell "nobody",
   "everyone" or the rule's text, colour-coded. The chosen cell is edited below it: Nobody / Everyone / Rule
   and a RuleEditor. Presets (public read, owner only, tenant-scoped) change the chosen table in one step.
    Every change is one ChangeTable on the document's undo stack; the grid follows the document's changed()
    and selects the row of a table selected elsewhere. Owned by the main window's Permissions dock. */
class PermissionEditor : public QWidget
{
    Q_OBJECT

public:
    using Preset = PermissionPresets::Preset;
    enum class Access { Nobody, Everyone, Rule };

    explicit PermissionEditor(QWidget *parent = nullptr);
    ~PermissionEditor() override;

    /** Shows and edits the rules of \a document. */
    void setDocument(ProjectDocument *document);

    /** Returns the role whose rules the grid shows. */
    QString role() const;
    /** Shows the rules of \a role (one of roles()). */
    void setRole(const QString &role);
    /** Returns the roles of the project: anon, authenticated, then the custom roles. */
    QStringList roles() const;

    /** Makes the cell of \a tableId and \a operation current, so the editor below edits it. */
    void setCurrentCell(const Runtime::ObjectId &tableId, Runtime::Operation operation);
    /** Returns the text the grid shows for \a tableId and \a operation ("nobody", "everyone" or the rule). */
    QString cellText(const Runtime::ObjectId &tableId, Runtime::Operation operation) const;
    /** Returns the table of the current cell, or an empty id. */
    Runtime::ObjectId currentTableId() const;

    QTableWidget *matrix() const { return m_matrix; }
    RuleEditor *ruleEditor() const { return m_ruleEditor; }
    QRadioButton *accessButton(Access access) const;
    QPushButton *presetButton(Preset preset) const;
    /** Returns the message under the rule editor (empty when the rule compiles). */
    QString diagnosticText() const;

    /** Applies \a preset to the current table as one undo step; for OwnerOnly without an owner column,
        asks which column holds the owner. Returns false if nothing was applied. */
    bool applyPreset(Preset preset);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QWidget *createCellEditor();
    QWidget *createPresets();
    void documentChanged(const ChangeEvent &event);
    void refresh();
    void refreshRoles();
    void loadCurrentCell();
    void accessChosen(int id);
    void expressionCommitted(const QString &expression);
    void followSelection();
    void setRule(const std::optional<QString> &expression);
    const Runtime::Table *tableAt(int row) const;
    const Runtime::PermissionRule *ruleAt(int row, int column) const;

    QPointer<ProjectDocument> m_document;
    QComboBox *m_roleBox = nullptr;
    QTableWidget *m_matrix = nullptr;
    QGroupBox *m_cellBox = nullptr;
    QButtonGroup *m_access = nullptr;
    RuleEditor *m_ruleEditor = nullptr;
    QLabel *m_diagnostic = nullptr;
    QGroupBox *m_presetBox = nullptr;
    QList<QPushButton *> m_presetButtons;
    QList<Runtime::ObjectId> m_rowTables;
    bool m_loading = false;
};

} // namespace Designer
