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

struct ProjectProperties;
struct RelateRequest;
struct RuleUse;

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
    /** Relates two tables as \a request says (planRelate()): adds the relationship with its new or reused
        foreign key, or its junction table, whose card lands in free space near the two cards (\a cardSizeOf;
        without it, where planned). Selects the relationship. Returns its id, or why it cannot be made (then
        nothing changes). */
    Runtime::Result<Runtime::ObjectId> relate(const RelateRequest &request, const CardSizeOf &cardSizeOf = {});
    /** Replaces the table with \a after's id by \a after (ChangeTable: views and rules follow renames), named
        \a text; consecutive changes with the same non-empty \a mergeKey are one step (typing). */
    void changeTable(Runtime::Table after, const QString &text, const QString &mergeKey = {});
    /** Replaces the relationship with \a after's id by \a after, named \a text. One-to-one is a unique foreign
        key: the key's unique flag follows the kind (and a new key of a one-to-one) in the same step. */
    void changeRelationship(const Runtime::Relationship &after, const QString &text);
    /** Adds \a tables and the \a relationships among them (pasted) as one step and selects the tables. */
    void addTables(std::vector<Runtime::Table> tables, std::vector<Runtime::Relationship> relationships = {});
    /** Adds \a view and selects it. */
    void addView(Runtime::View view);
    /** Replaces the view with \a after's id by \a after, named \a text (merging as changeTable()). */
    void changeView(Runtime::View after, const QString &text, const QString &mergeKey = {});
    /** Replaces the project's name, description, settings and roles (merging as changeTable()). */
    void changeProperties(const ProjectProperties &after, const QString &text, const QString &mergeKey = {});
    /** Moves the cards of the tables and views in \a positions (consecutive moves merge). */
    void moveCards(const QHash<Runtime::ObjectId, QPointF> &positions);
    /** Starts the one undo step of a mouse drag of the cards \a ids ("Move table orders", "Move 3 tables"):
        the moveCards() calls until endCardDrag() are in it. Does nothing while a drag is open. */
    void beginCardDrag(const QList<Runtime::ObjectId> &ids);
    /** Ends the step begun by beginCardDrag(), if one is open. */
    void endCardDrag();
    bool isDraggingCards() const { return m_cardDragOpen; }
    /** Deletes the relationships, views, tables, functions, endpoints, triggers, schedules and channel rules
        among \a ids as
        one step "Delete": relationships first (a many-to-many one takes its junction table), then views, then
        tables (with the views over them and their triggers), then functions with the endpoints, triggers and
        schedules that call them, and the rules \a rulesToRemove of other tables (rulesUsing()) in the same
        step. */
    void remove(const QList<Runtime::ObjectId> &ids, const QList<RuleUse> &rulesToRemove = {});
    /** Deletes the field \a fieldId of \a tableId, and the rules \a rulesToRemove, as one step; a foreign key
        goes with its relationship, so that nothing refers to a field that is gone. Returns false for an
        unknown field. */
    bool removeField(const Runtime::ObjectId &tableId, const Runtime::ObjectId &fieldId,
        const QList<RuleUse> &rulesToRemove = {});

    /** Adds a function named function_1, function_2, ... (the first free) whose body is a comment and
        `return { message: 'Hello' };`, and selects it. Returns its id. */
    Runtime::ObjectId addFunction();
    /** Replaces the function with \a after's id by \a after (name, description, code, limits); the undo text
        says what changed. Consecutive changes of one function with the same non-empty \a mergeKey are one
        step (typing in its code pane). Does nothing for an unknown function or no change. */
    void changeFunction(const Runtime::ScriptFunction &after, const QString &mergeKey = {});
    /** Deletes the function \a functionId and, in the same step, the endpoints, triggers and schedules that
        call it (functionUsers()), so that nothing calls a function that is gone. Returns false for an
        unknown function. */
    bool removeFunction(const Runtime::ObjectId &functionId);
    /** Returns the function with \a id, or nullptr (valid until the next change). */
    const Runtime::ScriptFunction *function(const Runtime::ObjectId &id) const;
    /** Returns the ids of the endpoints, triggers and schedules that call the function \a functionId. */
    QList<Runtime::ObjectId> functionUsers(const Runtime::ObjectId &functionId) const;
    /** Adds a function named after the endpoint, trigger or schedule \a partId (when that name is a free
        identifier, else function_1, ...) with a starter body suited to it, and makes \a partId call it, as
        one step. Does not change the selection. Returns the function's id, or an empty id for an unknown
        part. */
    Runtime::ObjectId addFunctionFor(const Runtime::ObjectId &partId);

    /** Adds an endpoint endpoint_1, endpoint_2, ... (the first free name) answering GET /api/<name> for
        signed-in users, calling the first function if there is one, and selects it. Returns its id. */
    Runtime::ObjectId addEndpoint();
    /** Replaces the endpoint with \a after's id by \a after; consecutive changes with the same non-empty
        \a mergeKey are one step (typing). Does nothing for an unknown endpoint or no change. */
    void changeEndpoint(const Runtime::Endpoint &after, const QString &mergeKey = {});
    /** Adds a trigger after insert on the table \a tableId (empty or unknown: after sign-up), named
        <table>_after_insert (or after_sign_up), calling the first function if there is one, and selects it.
        Returns its id. */
    Runtime::ObjectId addTrigger(const Runtime::ObjectId &tableId = {});
    /** Replaces the trigger with \a after's id by \a after (merging as changeEndpoint()). */
    void changeTrigger(const Runtime::Trigger &after, const QString &mergeKey = {});
    /** Adds a schedule schedule_1, ... running every day at 03:00 ("0 3 * * *") in the system's time zone
        (UTC when the system's is unknown), calling the first function if there is one, and selects it.
        Returns its id. */
    Runtime::ObjectId addSchedule();
    /** Replaces the schedule with \a after's id by \a after (merging as changeEndpoint()). */
    void changeSchedule(const Runtime::Schedule &after, const QString &mergeKey = {});
    /** Adds a channel rule for the private realtime channels channel_1:*, channel_2:*, ... (the first free
        pattern) that signed-in users may join (`auth.uid is not null`), with no broadcast or track rule,
        and selects it. Returns its id. */
    Runtime::ObjectId addChannelRule();
    /** Replaces the channel rule with \a after's id by \a after (merging as changeEndpoint()). */
    void changeChannelRule(const Runtime::ChannelRule &after, const QString &mergeKey = {});
    /** Return the endpoint, trigger, schedule or channel rule with \a id, or nullptr (valid until the next
        change). */
    const Runtime::Endpoint *endpoint(const Runtime::ObjectId &id) const;
    const Runtime::Trigger *trigger(const Runtime::ObjectId &id) const;
    const Runtime::Schedule *schedule(const Runtime::ObjectId &id) const;
    const Runtime::ChannelRule *channelRule(const Runtime::ObjectId &id) const;

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
    /** Pushes the removal of each endpoint, trigger, schedule and channel rule among \a ids (inside the
        caller's macro). */
    void removeLogicParts(const QList<Runtime::ObjectId> &ids);

    std::unique_ptr<Runtime::Project> m_project;
    QUndoStack m_undoStack;
    QString m_fileName;
    QList<Runtime::ObjectId> m_selection;
    bool m_cardDragOpen = false;
};

} // namespace Designer
