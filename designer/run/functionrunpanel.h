// SPDX-License-Identifier: GPL-3.0-or-later
// FunctionRunPanel: the function editor's Run button and what the run answered.
#pragma once

#include "runtarget.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace Designer {

class ApiClient;

/** Runs one function against the running backend with its sample input (ScriptFunction::sampleInput),
    through `POST /basalt/v1/run/<name>` with the service key, and shows what it answered (status and body),
    what it printed (console), how long it took and the SQL it ran. Disabled, saying why, while the backend
    is not running. The backend runs the project it serves, which follows the document's edits while
    it runs. */
class FunctionRunPanel : public QWidget
{
    Q_OBJECT

public:
    explicit FunctionRunPanel(QWidget *parent = nullptr);

    /** The backend to run on (RunController::targetChanged); a default target: not running. */
    void setTarget(const RunTarget &target);
    /** The function to run: its name and its sample input (JSON text; empty: `{}`). */
    void setFunction(const QString &name, const QString &sampleInput);

    /** Sends the run; the answer is shown when it arrives (finished() is emitted then). */
    void run();

    QPushButton *runButton() const { return m_runButton; }
    QLabel *statusLabel() const { return m_status; }
    QPlainTextEdit *resultView() const { return m_result; }
    QPlainTextEdit *consoleView() const { return m_console; }
    QPlainTextEdit *sqlView() const { return m_sql; }

signals:
    void finished();

private:
    void updateState();
    void showAnswer(int httpStatus, const QByteArray &body, const QString &networkError);

    ApiClient *m_client = nullptr;
    QString m_name;
    QString m_sampleInput;
    bool m_running = false;
    bool m_answered = false; ///< the status shows a run's answer
    QPushButton *m_runButton = nullptr;
    QLabel *m_status = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPlainTextEdit *m_result = nullptr;
    QPlainTextEdit *m_console = nullptr;
    QPlainTextEdit *m_sql = nullptr;
};

} // namespace Designer
