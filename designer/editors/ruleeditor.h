// SPDX-License-Identifier: GPL-3.0-or-later
// RuleEditor: a one-line editor for a permission rule that completes names and underlines errors.
#pragma once

#include "model/ids.h"
#include "rules/rulecompiler.h"

#include <QLineEdit>
#include <QPointer>

#include <optional>

class QCompleter;
class QStringListModel;
class QTimer;

namespace Designer {

class ProjectDocument;

/** Edits the expression of one permission rule of one table of a document. Offers completions for the
    word under the cursor (the table's visible columns, relationship path segments and, after
    "segment.", the related table's columns, auth.*, keywords). After each edit (debounced, 200 ms) it
    checks the text with Runtime::RuleCompiler::check(), the runtime's own checker, underlines the
    diagnostic's range in red and shows its message as tooltip. It never changes the model itself: it
    emits expressionCommitted() on Enter and focus-out, and its owner pushes the command. Owned by the
    PermissionEditor. */
class RuleEditor : public QLineEdit
{
    Q_OBJECT

public:
    explicit RuleEditor(QWidget *parent = nullptr);

    /** Checks rules against the table \a tableId of \a document, or against the table a view presents
        when \a tableId is a view's (View::asTable()). */
    void setContext(ProjectDocument *document, const Runtime::ObjectId &tableId);
    /** Replaces the text with \a expression without emitting expressionCommitted(); checks it at once. */
    void setExpression(const QString &expression);

    /** Returns the problem of the current text as the last check found it, or nothing if it compiles. */
    const std::optional<Runtime::RuleDiagnostic> &diagnostic() const { return m_diagnostic; }
    /** Returns the underlined range as (0-based start, length); (-1, 0) when the text is valid. */
    QPair<int, int> underlineRange() const;
    /** Checks the text now instead of after the debounce delay. */
    void checkNow();

    /** Returns the completions for the word \a word (what stands before the cursor, e.g. "cust" or
        "customer.em"): names that start with its last segment, in the context of the segments before. */
    QStringList completionsFor(const QString &word) const;
    QCompleter *completer() const { return m_completer; }

signals:
    /** The user finished editing (Enter or focus out) with \a expression in the box. */
    void expressionCommitted(const QString &expression);
    /** The result of a check changed: \a message is empty when the rule compiles. */
    void diagnosticChanged(const QString &message);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    QString wordBeforeCursor() const;
    std::optional<Runtime::Table> contextTable() const;
    void updateCompletion();
    void insertCompletion(const QString &completion);
    void commit();
    int xForPosition(int position) const;

    QPointer<ProjectDocument> m_document;
    Runtime::ObjectId m_tableId;
    QCompleter *m_completer = nullptr;
    QStringListModel *m_completionModel = nullptr;
    QTimer *m_checkTimer = nullptr;
    std::optional<Runtime::RuleDiagnostic> m_diagnostic;
    QString m_committed; ///< the text last set or committed, so focus-out without changes is no edit
};

} // namespace Designer
