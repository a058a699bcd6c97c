// SPDX-License-Identifier: GPL-3.0-or-later
// View commands: AddView, RemoveViews, ChangeView.
#pragma once

#include "model/project.h"

#include <QUndoCommand>

#include <vector>

namespace Designer {

class ProjectDocument;

/** Adds \a view (appended). Undo removes it again. Event: ViewsChanged. Text: "Add view %1". */
class AddView : public QUndoCommand
{
public:
    AddView(ProjectDocument *document, Runtime::View view, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    Runtime::View m_view;
};

/** Removes the views \a viewIds; undo puts each back at its former index, so the saved file is byte for
    byte the same. Event: ViewsChanged. Text: "Remove view %1" / "Remove %n views". */
class RemoveViews : public QUndoCommand
{
public:
    RemoveViews(ProjectDocument *document, const QList<Runtime::ObjectId> &viewIds, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    QList<Runtime::ObjectId> m_viewIds;
    std::vector<std::pair<size_t, Runtime::View>> m_removed; ///< (index, view) in project order
};

/** Replaces the view with \a after's id by \a after: any change of one view (name, description, base
    table, columns, filter, colour, rules) is one ChangeView with a translated \a text (see viewedits.h).
    Consecutive ChangeViews of the same view with the same non-empty \a mergeKey merge (typing). */
class ChangeView : public QUndoCommand
{
public:
    ChangeView(ProjectDocument *document, Runtime::View after, const QString &text, const QString &mergeKey = {},
        QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    /** Returns "Rename view <before> to <after>" when only the name changed, else \a fallback. */
    QString renamedText(const QString &fallback) const;

    ProjectDocument *m_document;
    Runtime::View m_before;
    Runtime::View m_after;
    QString m_mergeKey;
};

/** Replaces the views of \a document's project that have the ids of \a views by them and emits
    ViewsChanged (nothing if \a views is empty). For commands only. */
void replaceViews(ProjectDocument *document, const std::vector<Runtime::View> &views);

} // namespace Designer
