// SPDX-License-Identifier: GPL-3.0-or-later
// Function commands: AddFunction, RemoveFunction, ChangeFunction.
#pragma once

#include "model/project.h"

#include <QUndoCommand>

#include <optional>

namespace Designer {

class ProjectDocument;

/** Adds \a function (appended). Undo removes it again. Event: ProjectChanged with its id.
    Text: "Add function %1". */
class AddFunction : public QUndoCommand
{
public:
    AddFunction(ProjectDocument *document, Runtime::ScriptFunction function, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    Runtime::ScriptFunction m_function;
};

/** Removes the function \a functionId; undo puts it back at its former index, so the saved file is byte for
    byte the same. Endpoints and triggers that call it keep its id (the validator then lists them).
    Event: ProjectChanged with its id. Text: "Delete function %1". */
class RemoveFunction : public QUndoCommand
{
public:
    RemoveFunction(ProjectDocument *document, const Runtime::ObjectId &functionId, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    Runtime::ObjectId m_functionId;
    size_t m_index = 0;
    std::optional<Runtime::ScriptFunction> m_removed; ///< held while removed
};

/** Replaces the function with \a after's id by \a after (name, description, code, limits). Its text says
    what changed ("Rename function a to b", "Edit code of function a", ...). Consecutive ChangeFunctions of
    the same function with the same non-empty \a mergeKey merge into one step (typing in one box).
    Event: ProjectChanged with its id. */
class ChangeFunction : public QUndoCommand
{
public:
    ChangeFunction(ProjectDocument *document, Runtime::ScriptFunction after, const QString &mergeKey = {},
        QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    /** Returns the undo text that names what differs between m_before and m_after. */
    QString describe() const;
    void apply(const Runtime::ScriptFunction &function);

    ProjectDocument *m_document;
    Runtime::ScriptFunction m_before;
    Runtime::ScriptFunction m_after;
    QString m_mergeKey;
};

/** Returns the body a new function starts with: a comment and `return { message: 'Hello' };`. It enters
    the model, so it is not translated. */
QString starterFunctionCode();

} // namespace Designer
