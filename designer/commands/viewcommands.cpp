// SPDX-License-Identifier: GPL-3.0-or-later
// View commands: AddView, RemoveViews, ChangeView.
#include "viewcommands.h"

#include "commandids.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace Designer {

namespace {
using Kind = ChangeEvent::Kind;
} // namespace

void replaceViews(ProjectDocument *document, const std::vector<Runtime::View> &views)
{
    if (views.empty())
        return;
    QList<Runtime::ObjectId> ids;
    for (Runtime::View &current : document->editableProject().views) {
        for (const Runtime::View &view : views) {
            if (view.id == current.id) {
                current = view;
                ids << view.id;
            }
        }
    }
    document->notify({Kind::ViewsChanged, ids});
}

AddView::AddView(ProjectDocument *document, Runtime::View view, QUndoCommand *parent)
    : QUndoCommand(QCoreApplication::translate("Commands", "Add view %1").arg(view.name), parent)
    , m_document(document)
    , m_view(std::move(view))
{
}

void AddView::redo()
{
    m_document->editableProject().views.push_back(m_view);
    m_document->notify({Kind::ViewsChanged, {m_view.id}});
}

void AddView::undo()
{
    std::erase_if(m_document->editableProject().views, [this](const Runtime::View &v) { return v.id == m_view.id; });
    m_document->notify({Kind::ViewsChanged, {m_view.id}});
}

RemoveViews::RemoveViews(ProjectDocument *document, const QList<Runtime::ObjectId> &viewIds, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
{
    for (const Runtime::ObjectId &id : viewIds) {
        if (document->project().view(id))
            m_viewIds << id;
    }
    const Runtime::View *only = m_viewIds.size() == 1 ? document->project().view(m_viewIds.first()) : nullptr;
    setText(only ? QCoreApplication::translate("Commands", "Remove view %1").arg(only->name)
                 : QCoreApplication::translate("Commands", "Remove %n views", nullptr, int(m_viewIds.size())));
}

void RemoveViews::redo()
{
    std::vector<Runtime::View> &views = m_document->editableProject().views;
    m_removed.clear();
    for (size_t i = 0; i < views.size(); ++i) {
        if (m_viewIds.contains(views[i].id))
            m_removed.emplace_back(i, views[i]);
    }
    std::erase_if(views, [this](const Runtime::View &v) { return m_viewIds.contains(v.id); });
    m_document->notify({Kind::ViewsChanged, m_viewIds});
}

void RemoveViews::undo()
{
    std::vector<Runtime::View> &views = m_document->editableProject().views;
    for (const auto &[index, view] : m_removed)
        views.insert(views.begin() + qMin(index, views.size()), view);
    m_removed.clear();
    m_document->notify({Kind::ViewsChanged, m_viewIds});
}

ChangeView::ChangeView(ProjectDocument *document, Runtime::View after, const QString &text, const QString &mergeKey,
    QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_after(std::move(after))
    , m_mergeKey(mergeKey)
{
    if (const Runtime::View *view = document->project().view(m_after.id))
        m_before = *view;
    setText(renamedText(text));
}

QString ChangeView::renamedText(const QString &fallback) const
{
    Runtime::View renamed = m_before;
    renamed.name = m_after.name;
    if (m_before.id != m_after.id || m_before.name == m_after.name || !(renamed == m_after))
        return fallback;
    return QCoreApplication::translate("Commands", "Rename view %1 to %2").arg(m_before.name, m_after.name);
}

void ChangeView::redo()
{
    replaceViews(m_document, {m_after});
}

void ChangeView::undo()
{
    replaceViews(m_document, {m_before});
}

int ChangeView::id() const
{
    return int(CommandId::ChangeView);
}

bool ChangeView::mergeWith(const QUndoCommand *other)
{
    const auto *change = static_cast<const ChangeView *>(other);
    if (m_mergeKey.isEmpty() || change->m_mergeKey != m_mergeKey || change->m_document != m_document
        || change->m_after.id != m_after.id)
        return false;
    m_after = change->m_after;
    setText(renamedText(change->text())); // with both names, not the one before the last keystroke
    setObsolete(m_after == m_before);
    return true;
}

} // namespace Designer
