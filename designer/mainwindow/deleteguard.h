// SPDX-License-Identifier: GPL-3.0-or-later
// DeleteGuard: asks before deleting tables whose rows the local database still holds.
#pragma once

#include "model/ids.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <functional>

class QWidget;

namespace Designer {

class ProjectDocument;

/** Guards the deletion of tables: when the document has a file and its local SQLite database (the file's
    base name + ".sqlite" next to it, as the server uses by default) holds rows in a table to delete, asks
    whether to drop them; when views show rows of a table to delete, asks too (they go with it). Used by every way of deleting tables (canvas, project tree, Edit > Delete).
    Owned by the main window. */
class DeleteGuard : public QObject
{
    Q_OBJECT

public:
    enum class Decision { Delete, Cancel };
    /** Asked with the question's \a text; returns the user's answer. */
    using DecisionHook = std::function<Decision(const QString &text)>;

    explicit DeleteGuard(QWidget *parent = nullptr);

    /** Replaces the message box with \a hook (tests). An empty hook restores the message box. */
    void setDecisionHook(DecisionHook hook) { m_hook = std::move(hook); }

    /** Returns true if the tables among \a ids may be deleted from \a document: at once when the local
        database holds no rows in them (or there is none) and no view (other than those in \a ids) shows
        their rows, otherwise if the user answers Delete to a question naming both. */
    bool confirm(ProjectDocument *document, const QList<Runtime::ObjectId> &ids) const;

    /** Returns true if the functions among \a ids may be deleted from \a document: at once when no endpoint,
        trigger or schedule outside \a ids calls them, otherwise if the user answers Delete to a question
        naming those, which go with them. */
    bool confirmFunctions(ProjectDocument *document, const QList<Runtime::ObjectId> &ids) const;

    /** Returns the path of the local database of the project file \a projectFile (empty: none). */
    static QString localDatabasePath(const QString &projectFile);
    /** Returns the number of rows of each table in \a tableNames that the SQLite database \a path holds;
        a table the database lacks, or a database that cannot be read, counts 0. */
    static QHash<QString, qint64> countRows(const QString &path, const QStringList &tableNames);

private:
    /** Asks \a text in a box titled \a title (empty: "Delete Tables"), or the hook. */
    Decision ask(const QString &text, const QString &title = {}) const;

    QWidget *m_parentWidget = nullptr;
    DecisionHook m_hook;
};

} // namespace Designer
