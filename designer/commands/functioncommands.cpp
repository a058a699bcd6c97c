// SPDX-License-Identifier: GPL-3.0-or-later
// Function commands: AddFunction, RemoveFunction, ChangeFunction.
#include "functioncommands.h"

#include "commandids.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace Designer {

namespace {
using Kind = ChangeEvent::Kind;

std::vector<Runtime::ScriptFunction> &functionsOf(ProjectDocument *document)
{
    return document->editableProject().functions;
}

auto findFunction(std::vector<Runtime::ScriptFunction> &functions, const Runtime::ObjectId &id)
{
    return std::find_if(functions.begin(), functions.end(), [&id](const Runtime::ScriptFunction &f) { return f.id == id; });
}
} // namespace

QString starterFunctionCode()
{
    return QStringLiteral("// The request is in req (req.body, req.params, req.query, req.user).\n"
                          "// Return an object to answer with it as JSON.\n"
                          "return { message: 'Hello' };\n");
}

AddFunction::AddFunction(ProjectDocument *document, Runtime::ScriptFunction function, QUndoCommand *parent)
    : QUndoCommand(QCoreApplication::translate("Commands", "Add function %1").arg(function.name), parent)
    , m_document(document)
    , m_function(std::move(function))
{
}

void AddFunction::redo()
{
    functionsOf(m_document).push_back(m_function);
    m_document->notify({Kind::ProjectChanged, {m_function.id}});
}

void AddFunction::undo()
{
    std::erase_if(functionsOf(m_document), [this](const Runtime::ScriptFunction &f) { return f.id == m_function.id; });
    m_document->notify({Kind::ProjectChanged, {m_function.id}});
}

RemoveFunction::RemoveFunction(ProjectDocument *document, const Runtime::ObjectId &functionId, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_functionId(functionId)
{
    auto &functions = functionsOf(document);
    const auto it = findFunction(functions, functionId);
    setText(QCoreApplication::translate("Commands", "Delete function %1")
                .arg(it != functions.end() ? it->name : functionId));
}

void RemoveFunction::redo()
{
    auto &functions = functionsOf(m_document);
    const auto it = findFunction(functions, m_functionId);
    if (it == functions.end())
        return;
    m_index = size_t(it - functions.begin());
    m_removed = std::move(*it);
    functions.erase(it);
    m_document->notify({Kind::ProjectChanged, {m_functionId}});
}

void RemoveFunction::undo()
{
    if (!m_removed)
        return;
    auto &functions = functionsOf(m_document);
    functions.insert(functions.begin() + qMin(m_index, functions.size()), std::move(*m_removed));
    m_removed.reset();
    m_document->notify({Kind::ProjectChanged, {m_functionId}});
}

ChangeFunction::ChangeFunction(
    ProjectDocument *document, Runtime::ScriptFunction after, const QString &mergeKey, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_after(std::move(after))
    , m_mergeKey(mergeKey)
{
    auto &functions = functionsOf(document);
    if (const auto it = findFunction(functions, m_after.id); it != functions.end())
        m_before = *it;
    else
        setObsolete(true);
    setText(describe());
}

QString ChangeFunction::describe() const
{
    const QString name = m_before.name;
    Runtime::ScriptFunction only = m_before;
    only.name = m_after.name;
    if (only == m_after && m_before.name != m_after.name)
        return QCoreApplication::translate("Commands", "Rename function %1 to %2").arg(name, m_after.name);
    only = m_before;
    only.code = m_after.code;
    if (only == m_after)
        return QCoreApplication::translate("Commands", "Edit code of function %1").arg(name);
    only = m_before;
    only.description = m_after.description;
    if (only == m_after)
        return QCoreApplication::translate("Commands", "Change description of function %1").arg(name);
    only = m_before;
    only.timeoutMs = m_after.timeoutMs;
    if (only == m_after)
        return QCoreApplication::translate("Commands", "Change time limit of function %1").arg(name);
    return QCoreApplication::translate("Commands", "Change function %1").arg(name);
}

void ChangeFunction::apply(const Runtime::ScriptFunction &function)
{
    auto &functions = functionsOf(m_document);
    const auto it = findFunction(functions, function.id);
    if (it == functions.end())
        return;
    *it = function;
    m_document->notify({Kind::ProjectChanged, {function.id}});
}

void ChangeFunction::redo()
{
    apply(m_after);
}

void ChangeFunction::undo()
{
    apply(m_before);
}

int ChangeFunction::id() const
{
    return int(CommandId::ChangeFunction);
}

bool ChangeFunction::mergeWith(const QUndoCommand *other)
{
    const auto *change = static_cast<const ChangeFunction *>(other);
    if (m_mergeKey.isEmpty() || change->m_mergeKey != m_mergeKey || change->m_document != m_document
        || change->m_after.id != m_after.id)
        return false;
    m_after = change->m_after;
    setText(describe());
    setObsolete(m_after == m_before);
    return true;
}

} // namespace Designer
