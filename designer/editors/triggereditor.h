// SPDX-License-Identifier: GPL-3.0-or-later
// TriggerEditor: the editor of one trigger: its table or auth event, timing, event, function, enabled.
#pragma once

#include "parteditor.h"

class QCheckBox;

namespace Runtime {
struct Trigger;
}

namespace Designer {

/** Edits one trigger of a document (Runtime::Trigger): what it is on (a table, or "Users (sign-up and
    sign-in)" for the auth events), its timing (before or after; only after for the auth events), its
    event, its function and whether it is enabled, with a line saying what the function receives and may
    do. Every change is a ChangeTrigger through ProjectDocument::changeTrigger(); switching between a table
    and the auth events changes the event and the timing with it, in the same step. Owned by the main
    window's trigger tab (or a test). */
class TriggerEditor : public PartEditor
{
    Q_OBJECT

public:
    explicit TriggerEditor(ProjectDocument *document, QWidget *parent = nullptr);

    QString title() const override;

    QComboBox *targetCombo() const { return m_targetCombo; }
    QComboBox *timingCombo() const { return m_timingCombo; }
    QComboBox *eventCombo() const { return m_eventCombo; }
    QCheckBox *enabledCheck() const { return m_enabledCheck; }
    /** Returns the line under the fields: what the function receives and what it may do. */
    QString explanation() const;

protected:
    bool partExists() const override;
    QString partName() const override;
    Runtime::ObjectId partFunctionId() const override;
    void refreshFields() override;
    void renamePart(const QString &name) override;
    void setPartFunction(const Runtime::ObjectId &functionId) override;

private:
    const Runtime::Trigger *trigger() const;
    void change(const Runtime::Trigger &after, const QString &mergeKey = {});
    void targetChosen(int index);

    QComboBox *m_targetCombo = nullptr;
    QComboBox *m_timingCombo = nullptr;
    QComboBox *m_eventCombo = nullptr;
    QCheckBox *m_enabledCheck = nullptr;
    QLabel *m_explanation = nullptr;
};

} // namespace Designer
