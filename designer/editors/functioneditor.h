// SPDX-License-Identifier: GPL-3.0-or-later
// FunctionEditor: the editor of one JavaScript function: name, description and its code pane.
#pragma once

#include "document/changeevent.h"
#include "model/ids.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTimer;

namespace Runtime {
struct ScriptFunction;
}

namespace Designer {

class CallersWidget;
class JsonEditor;
class FunctionRunPanel;
class ProjectDocument;
struct RunTarget;
class ScriptPane;

/** Edits one function of a document (ScriptFunction: the body of a JavaScript function of `req`, `row`
    and `old`). Every change is a ChangeFunction through ProjectDocument::changeFunction(): typing in the
    name, the description, the sample input or the code merges into one step per box; the time limit of a
    call is a spin box; who may call it over HTTP is a CallersWidget; "read-only" a check box; the sample
    input (the `req` of a test run) a JSON editor. The name shows the validator's
    message about it; the code is checked with the runtime's own syntax check a moment after typing stops
    (checkNow() checks at once), and its error is marked at its line and column in the ScriptPane.
    Completion offers the host API and the project's tables and columns. Owned by the main window's
    function tab. */
class FunctionEditor : public QWidget
{
    Q_OBJECT

public:
    explicit FunctionEditor(ProjectDocument *document, QWidget *parent = nullptr);

    /** Edits the function \a functionId (empty: nothing). */
    void setFunctionId(const Runtime::ObjectId &functionId);
    Runtime::ObjectId functionId() const { return m_functionId; }

    /** Checks the code shown now, as the idle timer would, and marks its error. Returns the message
        shown under the code, empty when the code parses. */
    QString checkNow();

    QLineEdit *nameEdit() const { return m_nameEdit; }
    QPlainTextEdit *descriptionEdit() const { return m_descriptionEdit; }
    QSpinBox *timeoutSpin() const { return m_timeoutSpin; }
    CallersWidget *callersWidget() const { return m_callers; }
    QCheckBox *readOnlyCheck() const { return m_readOnlyCheck; }
    JsonEditor *sampleInputEdit() const { return m_sampleInput; }
    /** The Run button and what a run answered. */
    FunctionRunPanel *runPanel() const { return m_runPanel; }
    /** The running backend the Run button calls (a default target: not running). */
    void setRunTarget(const RunTarget &target);
    ScriptPane *scriptPane() const { return m_pane; }
    /** Returns the validator's message about the name, empty when it has none. */
    QString nameProblem() const;

private:
    const Runtime::ScriptFunction *function() const;
    void documentChanged(const ChangeEvent &event);
    void refresh();
    void nameEdited(const QString &name);
    void descriptionEdited();
    void timeoutEdited(int milliseconds);
    void sampleInputEdited();
    void codeEdited();

    QPointer<ProjectDocument> m_document;
    Runtime::ObjectId m_functionId;
    QLabel *m_titleLabel = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QLabel *m_nameProblem = nullptr;
    QPlainTextEdit *m_descriptionEdit = nullptr;
    QSpinBox *m_timeoutSpin = nullptr;
    CallersWidget *m_callers = nullptr;
    QCheckBox *m_readOnlyCheck = nullptr;
    JsonEditor *m_sampleInput = nullptr;
    FunctionRunPanel *m_runPanel = nullptr;
    QLabel *m_hint = nullptr;
    ScriptPane *m_pane = nullptr;
    QLabel *m_problemLabel = nullptr;
    QTimer *m_checkTimer = nullptr;
    bool m_refreshing = false;
};

} // namespace Designer
