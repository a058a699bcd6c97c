// SPDX-License-Identifier: GPL-3.0-or-later
// ProjectDocument: the open project, its file and its undo history.
#pragma once

#include "changeevent.h"
#include "core/result.h"
#include "model/project.h"

#include <QObject>
#include <QPointF>
#include <QSizeF>
#include <QString>
#include <QUndoStack>

#include <functional>
#include <memory>
#include <optional>

namespace Designer {

/** The project being edited: owns the Runtime::Project, the file it came from and the QUndoStack through
    which every change is made. Widgets read project() freely but never change it; changes are
    QUndoCommands pushed onto undoStack(). A document is modified when its undo stack is not at the
    state last loaded or saved. Owned by the main window (one std::unique_ptr); tested without windows. */
class ProjectDocument : public QObject
{
    Q_OBJECT

public:
    /** Creates a document for \a project that has no file yet. */
    explicit ProjectDocument(std::unique_ptr<Runtime::Project> project, QObject *parent = nullptr);
    ~ProjectDocument() override;

    /** Reads and validates \a fileName. Returns the document, or the reader's Error, whose problems
        list every finding of the validator with its path in the file. */
    static Runtime::Result<std::unique_ptr<ProjectDocument>> load(const QString &fileName);

    /** Writes the project to fileName() atomically and marks the document unmodified. */
    Runtime::Result<void> save();
    /** Writes the project to \a fileName, which becomes the document's file, and marks it unmodified. */
    Runtime::Result<void> saveAs(const QString &fileName);

    const Runtime::Project &project() const { return *m_project; }
    /** Returns the absolute path of the document's file, or an empty string if it has none. */
    QString fileName() const { return m_fileName; }
    /** Returns the project's name, or the file's name when the project has none, or "Untitled". */
    QString displayName() const;
    bool isModified() const;
    QUndoStack *undoStack() { return &m_undoStack; }

    /** Returns the ids of the selected objects (tables, relationships), shared by the canvas, the project
        tree and the properties pane. Selection is not an edit: it is not undoable and not saved. */
    const QList<Runtime::ObjectId> &selection() const { return m_selection; }
    /** Selects \a ids (unknown ids are dropped) and emits selectionChanged() if that changes anything. */
    void setSelection(const QList<Runtime::ObjectId> &ids);

    // The edit API: each call builds, names and pushes one undoable command, so every widget that makes
    // the same edit makes it the same way. Widgets call these and never build commands themselves.

    /** Gives the size of the card of a table or view id on the canvas, for placing new cards. */
    using CardSizeOf = std::function<QSizeF(const Runtime::ObjectId &)>;
    /** Adds a table named table_1, table_2, ... (the first free) with an auto-increment integer key `id`,
        and a first field of \a firstField's type if given (named after its type; an enum gets a first
        value). Its card lands at \a preferred, or below the cards in the way (\a cardSizeOf) so that it never
        covers another card. Selects it; returns its id. */
    Runtime::ObjectId addTable(const QPointF &preferred, const CardSizeOf &cardSizeOf,
        std::optional<Runtime::FieldType> firstField = std::nullopt);
    /** Adds a field of \a type to the table \a tableId, named after its type (`text_1`; `text_list_1` for
        text[]), an enum with a first value `option_1`. Returns false for an unknown table. */
    bool addField(const Runtime::ObjectId &tableId, Runtime::FieldType type);

    /** Returns the project for changing it. Only commands (designer/commands/) call this, in redo() and
        undo(), and then call notify(): nothing else edits the model behind the undo stack. */
    Runtime::Project &editableProject() { return *m_project; }
    /** Emits changed(\a event); selected ids that no longer exist are dropped from the selection. */
    void notify(const ChangeEvent &event);

signals:
    void fileNameChanged(const QString &fileName);
    void modifiedChanged(bool modified);
    /** The project changed (see ChangeEvent). */
    void changed(const Designer::ChangeEvent &event);
    void selectionChanged(const QList<Runtime::ObjectId> &ids);

private:
    void setFileName(const QString &fileName);

    std::unique_ptr<Runtime::Project> m_project;
    QUndoStack m_undoStack;
    QString m_fileName;
    QList<Runtime::ObjectId> m_selection;
};

} // namespace Designer
