// SPDX-License-Identifier: GPL-3.0-or-later
// ScheduleEditor: the editor of one schedule: cron expression (in words, next runs), time zone, function.
#pragma once

#include "parteditor.h"

#include <QDateTime>

class QCheckBox;
class QPlainTextEdit;

namespace Runtime {
struct Schedule;
}

namespace Designer {

/** Edits one schedule of a document (Runtime::Schedule): its cron expression, checked as you type by the
    runtime's CronExpression::parse() (its message under the field), shown in words (describe()) with its
    next five run times in the schedule's time zone (next()); the time zone (an editable combo of the IANA
    ids, completed as you type), the function, whether it is enabled and a description. Every change is a
    ChangeSchedule through ProjectDocument::changeSchedule(); typing in one box is one step. Owned by the
    main window's schedule tab (or a test). */
class ScheduleEditor : public PartEditor
{
    Q_OBJECT

public:
    explicit ScheduleEditor(ProjectDocument *document, QWidget *parent = nullptr);

    QString title() const override;

    QLineEdit *cronEdit() const { return m_cronEdit; }
    QComboBox *timeZoneCombo() const { return m_timeZoneCombo; }
    QCheckBox *enabledCheck() const { return m_enabledCheck; }
    QPlainTextEdit *descriptionEdit() const { return m_descriptionEdit; }
    /** Returns the expression in words, empty when it does not parse (the parser's message is then the
        validator's, under the field: problemAt("cron")). */
    QString cronText() const;
    /** Returns the next run times shown, one a line (empty when the expression does not parse). */
    QString nextRunsText() const;
    /** Computes the next runs after \a time instead of now (tests); a null time means now. */
    void setReferenceTime(const QDateTime &time);

protected:
    bool partExists() const override;
    QString partName() const override;
    Runtime::ObjectId partFunctionId() const override;
    void refreshFields() override;
    void renamePart(const QString &name) override;
    void setPartFunction(const Runtime::ObjectId &functionId) override;

private:
    const Runtime::Schedule *schedule() const;
    void change(const Runtime::Schedule &after, const QString &mergeKey = {});
    /** Shows the expression in the cron box in words and its next runs (or why it does not parse). */
    void explainCron();
    void timeZoneChosen(const QString &zone);

    QLineEdit *m_cronEdit = nullptr;
    QLabel *m_cronWords = nullptr;
    QLabel *m_nextRuns = nullptr;
    QComboBox *m_timeZoneCombo = nullptr;
    QCheckBox *m_enabledCheck = nullptr;
    QPlainTextEdit *m_descriptionEdit = nullptr;
    QDateTime m_referenceTime;
};

} // namespace Designer
