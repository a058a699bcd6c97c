// SPDX-License-Identifier: GPL-3.0-or-later
// RunStatusWidget: the status bar's view of the running runtime: state, URL, keys, waiting migrations.
#pragma once

#include <QPointer>
#include <QWidget>

#include <functional>

class QLabel;
class QToolButton;

namespace Designer {

class MigrationDialog;
class RunController;

/** Shows a RunController in the status bar: a coloured dot and the state, the base URL as a link (a click
    copies it), buttons that copy the anon and service keys, why the latest edits are not applied, and a
    migration that waits for confirmation with a Review button. When one starts waiting it opens a
    MigrationDialog by itself (once per migration: after "Not now", Review opens it again). Made by the
    main window with the controller it shows, which must outlive it. */
class RunStatusWidget : public QWidget
{
    Q_OBJECT

public:
    /** Answers the migration dialog in tests: returns true to apply. */
    using DecisionHook = std::function<bool(const QString &summary)>;

    explicit RunStatusWidget(RunController *controller, QWidget *parent = nullptr);

    /** Replaces the migration dialog by \a hook (tests); an empty hook restores the dialog. */
    void setDecisionHook(DecisionHook hook) { m_hook = std::move(hook); }

    /** Copies the base URL, the anon key or the service key to the clipboard (what the link and buttons do).
     */
    void copyUrl();
    void copyAnonKey();
    void copyServiceKey();
    /** Shows the migration waiting for confirmation and applies it if the user agrees. */
    void review();

    /** Returns the state text shown, e.g. "Running at http://127.0.0.1:8765". */
    QString stateText() const;
    /** Returns the colour of the state dot, as "#rrggbb". */
    QString dotColor() const { return m_dotColor; }

private:
    void refresh();
    void confirmationRequested(const QString &summary);
    void copied(const QString &message);

    RunController *m_controller;
    QLabel *m_dot = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_url = nullptr;
    QToolButton *m_copyAnon = nullptr;
    QToolButton *m_copyService = nullptr;
    QLabel *m_message = nullptr;
    QToolButton *m_review = nullptr;
    QPointer<MigrationDialog> m_dialog;
    DecisionHook m_hook;
    QString m_dotColor;
    QString m_declined; ///< the summary last answered "Not now": not opened again by itself
};

} // namespace Designer
